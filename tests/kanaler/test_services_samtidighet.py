"""Every service that locks a channel, while another transaction moves the channel to a new person.

The other transaction is a handover (overføring) or an adviser's change of the responsible
person; it holds its locks until the service waits for them, then commits. The service must
then act on the channel as committed, never fail because the person changed.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from kanaler.models import Aktivitetsbekreftelse, Gjennomgang, Kanal, Paminnelse
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from kanaler.services.oppfolging import kanal_bekreft_aktivitet, kanal_gjennomgang
from kanaler.services.overforing import kanal_overfor
from kanaler.services.register import (
    kanal_aktiver,
    kanal_bekreft_administrator,
    kanal_endre,
    kanal_legg_ned,
)
from tests.factories import KanalFactory
from tests.samtidighet import KREVER_POSTGRES, krev_postgres, mens_en_annen_holder

pytestmark = KREVER_POSTGRES


def _overfor(kanal, fra, til, radgiver):
    kanal_overfor(fra=fra, til=til, av=radgiver, begrunnelse="Kari har sluttet")


def _endre_ansvarlig(kanal, fra, til, radgiver):
    kanal_endre(kanal=kanal, av=radgiver, ansvarlig=til)


@pytest.fixture(params=[_overfor, _endre_ansvarlig], ids=["overforing", "endring"])
def bytt_ansvarlig(request, ansatt, annen_ansatt, radgiver):
    """Moves the channel from ansatt to annen_ansatt in the other transaction."""
    krev_postgres()
    return lambda kanal: lambda: request.param(kanal, ansatt, annen_ansatt, radgiver)


def _av_type(svar, forventet):
    assert isinstance(svar, forventet), repr(svar)
    return svar


def _epost_til(mailoutbox, emne: str) -> list[str]:
    return sorted(mottaker for epost in mailoutbox if epost.subject == emne for mottaker in epost.to)


def test_legg_ned(bytt_ansvarlig, ansatt, annen_ansatt, radgiver, mailoutbox):
    kanal = KanalFactory(navn="Ungdomsrådet", ansvarlig=ansatt)
    svar = mens_en_annen_holder(
        bytt_ansvarlig(kanal), lambda: kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Ikke i bruk")
    )
    _av_type(svar, Kanal)
    kanal.refresh_from_db()
    assert (kanal.status, kanal.ansvarlig) == (Kanal.Status.NEDLAGT, annen_ansatt)
    assert _epost_til(mailoutbox, "Kanalen «Ungdomsrådet» er lagt ned") == sorted(
        [annen_ansatt.email, kanal.stedfortreder.email]
    )


def test_aktiver(bytt_ansvarlig, ansatt, annen_ansatt, radgiver, mailoutbox):
    kanal = KanalFactory(
        navn="Ungdomsrådet",
        ansvarlig=ansatt,
        under_opprettelse=True,
        url="https://facebook.com/ungdomsradet-porsgrunn",
        administrator_bekreftet=timezone.now(),
    )
    svar = mens_en_annen_holder(bytt_ansvarlig(kanal), lambda: kanal_aktiver(kanal=kanal, av=radgiver))
    _av_type(svar, Kanal)
    kanal.refresh_from_db()
    assert (kanal.status, kanal.ansvarlig) == (Kanal.Status.AKTIV, annen_ansatt)
    assert _epost_til(mailoutbox, "Kanalen «Ungdomsrådet» er aktivert") == sorted(
        [annen_ansatt.email, kanal.stedfortreder.email]
    )


def test_endre(bytt_ansvarlig, ansatt, annen_ansatt, radgiver):
    kanal = KanalFactory(ansvarlig=ansatt)
    svar = mens_en_annen_holder(
        bytt_ansvarlig(kanal), lambda: kanal_endre(kanal=kanal, av=radgiver, beskrivelse="Ny beskrivelse.")
    )
    _av_type(svar, Kanal)
    kanal.refresh_from_db()
    assert (kanal.beskrivelse, kanal.ansvarlig) == ("Ny beskrivelse.", annen_ansatt)


def test_bekreft_administrator(bytt_ansvarlig, ansatt, annen_ansatt, radgiver):
    kanal = KanalFactory(ansvarlig=ansatt, under_opprettelse=True)
    svar = mens_en_annen_holder(
        bytt_ansvarlig(kanal), lambda: kanal_bekreft_administrator(kanal=kanal, av=radgiver)
    )
    _av_type(svar, Kanal)
    kanal.refresh_from_db()
    assert kanal.administrator_bekreftet is not None
    assert kanal.ansvarlig == annen_ansatt


def test_bekreft_aktivitet_av_den_nye_ansvarlige(bytt_ansvarlig, ansatt, annen_ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, sist_aktiv=timezone.localdate() - timedelta(days=80))
    svar = mens_en_annen_holder(
        bytt_ansvarlig(kanal),
        lambda: kanal_bekreft_aktivitet(kanal=kanal, av=annen_ansatt, siste_innlegg=timezone.localdate()),
    )
    _av_type(svar, Aktivitetsbekreftelse)
    kanal.refresh_from_db()
    assert (kanal.sist_aktiv, kanal.ansvarlig) == (timezone.localdate(), annen_ansatt)


def test_gjennomgang_av_den_nye_ansvarlige(bytt_ansvarlig, ansatt, annen_ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, neste_gjennomgang=timezone.localdate())
    alt_ja = dict.fromkeys(
        ("formal_gyldig", "personer_riktige", "ressurser_finnes", "retningslinjer_fulgt", "fortsatt_behov"),
        True,
    )
    svar = mens_en_annen_holder(
        bytt_ansvarlig(kanal), lambda: kanal_gjennomgang(kanal=kanal, av=annen_ansatt, **alt_ja)
    )
    _av_type(svar, Gjennomgang)
    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang > timezone.localdate()
    assert kanal.ansvarlig == annen_ansatt


def test_kanalsjekk_minner_den_nye_ansvarlige(bytt_ansvarlig, ansatt, annen_ansatt, mailoutbox):
    kanal = KanalFactory(
        navn="Ungdomsrådet", ansvarlig=ansatt, sist_aktiv=timezone.localdate() - timedelta(days=80)
    )
    svar = mens_en_annen_holder(bytt_ansvarlig(kanal), kanalsjekk_kjor)
    assert [(u.paminnelser, u.mottakere) for u in _av_type(svar, list)] == [
        ([(kanal, "aktivitet_snart")], [annen_ansatt.email])
    ]
    assert Paminnelse.objects.get().kanal == kanal
    assert _epost_til(mailoutbox, "Påminnelse: bekreft aktiviteten i Ungdomsrådet") == [annen_ansatt.email]
