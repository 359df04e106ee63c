"""The change feed of the official channels: activated, closed, compromised, resolved (four queries)."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Hendelse, Kanal

ANTALL = 50

TYPER = {
    "aktivert": _("Ny offisiell kanal"),
    "nedlagt": _("Kanal lagt ned"),
    "kompromittert": _("Kanal kompromittert"),
    "gjenopprettet": _("Kanal under kommunens kontroll igjen"),
}


@dataclass(frozen=True)
class Endring:
    """One public change to one channel; names no person."""

    type: str
    tid: datetime
    kanal: Kanal

    @property
    def tittel(self) -> str:
        return f"{TYPER[self.type]}: {self.kanal.navn} ({self.kanal.get_plattform_display()})"


def _start(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def siste_endringer(antall: int = ANTALL) -> list[Endring]:
    """The latest public changes, newest first."""
    kanaler = Kanal.objects.select_related("virksomhet").only(
        "navn", "plattform", "url", "virksomhet__navn", "beskrivelse", "aktivert", "nedlagt_dato", "status"
    )
    hendelser = Hendelse.objects.select_related("kanal", "kanal__virksomhet").only(
        "apnet",
        "avsluttet",
        "kanal__navn",
        "kanal__plattform",
        "kanal__url",
        "kanal__virksomhet__navn",
        "kanal__beskrivelse",
    )
    endringer = [
        *(
            Endring("aktivert", _start(k.aktivert), k)
            for k in kanaler.filter(aktivert__isnull=False)
            .exclude(status=Kanal.Status.UNDER_OPPRETTELSE)
            .order_by("-aktivert", "-pk")[:antall]
        ),
        *(
            Endring("nedlagt", _start(k.nedlagt_dato), k)
            for k in kanaler.filter(nedlagt_dato__isnull=False).order_by("-nedlagt_dato", "-pk")[:antall]
        ),
        *(Endring("kompromittert", h.apnet, h.kanal) for h in hendelser.order_by("-apnet", "-pk")[:antall]),
        *(
            Endring("gjenopprettet", h.avsluttet, h.kanal)
            for h in hendelser.filter(avsluttet__isnull=False).order_by("-avsluttet", "-pk")[:antall]
        ),
    ]
    return sorted(endringer, key=lambda endring: (endring.tid, endring.type), reverse=True)[:antall]
