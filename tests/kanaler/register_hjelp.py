"""Shared helpers for the register tests: many channels fast, with users and units reused."""

from datetime import timedelta

from django.utils import timezone

from kanaler import hurtiglager
from kanaler.models import Kanal, Plattform
from tests.factories import RadgiverFactory, UserFactory, VirksomhetFactory


def lag_mange_kanaler(antall: int, *, prefiks: str = "masse") -> list[Kanal]:
    """bulk_create channels that share three people and a few units, spread over platforms and states."""
    idag = timezone.localdate()
    ansvarlig = UserFactory(username=f"{prefiks}-ansvarlig")
    stedfortreder = UserFactory(username=f"{prefiks}-stedfortreder")
    administrator = RadgiverFactory(username=f"{prefiks}-radgiver")
    virksomheter = [VirksomhetFactory(navn=f"{prefiks} virksomhet {i}") for i in range(5)]
    plattformer = list(Plattform.values)
    kanaler = []
    for i in range(antall):
        nedlagt = i % 7 == 0
        kanaler.append(
            Kanal(
                navn=f"{prefiks} kanal {i:05d}",
                plattform=plattformer[i % len(plattformer)],
                url=f"https://facebook.com/{prefiks}-{i}",
                virksomhet=virksomheter[i % len(virksomheter)],
                beskrivelse="Offisiell kanal.",
                ansvarlig=ansvarlig,
                stedfortreder=None if i % 5 == 0 else stedfortreder,
                administrator=administrator,
                administrator_bekreftet=timezone.now(),
                status=Kanal.Status.NEDLAGT if nedlagt else Kanal.Status.AKTIV,
                nedlagt_dato=idag - timedelta(days=i % 600) if nedlagt else None,
                nedlagt_begrunnelse="Ikke i bruk." if nedlagt else "",
                aktivert=idag - timedelta(days=i % 700 + 1),
                sist_aktiv=idag - timedelta(days=(i * 13) % 200),
                neste_gjennomgang=idag + timedelta(days=(i * 17) % 300 - 100),
            )
        )
    laget = Kanal.objects.bulk_create(kanaler, batch_size=500)
    hurtiglager.REGISTER.ny()  # bulk_create bypasses the services, which replace the version on commit
    return laget
