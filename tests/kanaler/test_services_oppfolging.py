"""Services of the follow-up: confirm activity and the yearly review."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kanaler.models import Aktivitetsbekreftelse, Gjennomgang, Kanal
from kanaler.services.oppfolging import (
    ENDRING_AKTIVITET,
    ENDRING_GJENNOMGANG,
    FEIL_FOR_GAMMEL_DATO,
    FEIL_FREMTIDIG_DATO,
    FEIL_IKKE_ANSVARLIG,
    FEIL_KANAL_IKKE_AKTIV,
    FEIL_KANAL_NEDLAGT,
    kanal_bekreft_aktivitet,
    kanal_gjennomgang,
)
from tests.factories import KanalFactory

pytestmark = pytest.mark.django_db

ALT_JA = {
    "formal_gyldig": True,
    "personer_riktige": True,
    "ressurser_finnes": True,
    "retningslinjer_fulgt": True,
    "fortsatt_behov": True,
}


def idag():
    return timezone.localdate()


# --- Bekreft aktivitet ---


@pytest.mark.parametrize("rolle", ["ansvarlig", "stedfortreder"])
def test_ansvarlig_og_stedfortreder_kan_bekrefte_aktivitet(ansatt, rolle):
    kanal = KanalFactory(**{rolle: ansatt}, sist_aktiv=idag() - timedelta(days=95))
    bekreftelse = kanal_bekreft_aktivitet(kanal=kanal, av=ansatt, siste_innlegg=idag(), merknad=" Ny video ")
    kanal.refresh_from_db()
    assert kanal.sist_aktiv == idag()
    assert not kanal.inaktiv_per()
    assert bekreftelse.bekreftet_av == ansatt and bekreftelse.merknad == "Ny video"
    siste = kanal.history.first()
    assert siste.history_change_reason == str(ENDRING_AKTIVITET)
    assert siste.history_user == ansatt


def test_eldre_innlegg_flytter_ikke_sist_aktiv_bakover(ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, sist_aktiv=idag() - timedelta(days=2))
    kanal_bekreft_aktivitet(kanal=kanal, av=ansatt, siste_innlegg=idag() - timedelta(days=10))
    kanal.refresh_from_db()
    assert kanal.sist_aktiv == idag() - timedelta(days=2)
    assert Aktivitetsbekreftelse.objects.filter(kanal=kanal).count() == 1


@pytest.mark.parametrize(
    ("oppsett", "feil"),
    [
        ({"ansvarlig": "annen"}, FEIL_IKKE_ANSVARLIG),
        ({"nedlagt": True}, FEIL_KANAL_NEDLAGT),
        ({"under_opprettelse": True}, FEIL_KANAL_IKKE_AKTIV),
    ],
)
def test_aktivitet_avvises_for_fremmed_nedlagt_eller_uaktivert_kanal(ansatt, annen_ansatt, oppsett, feil):
    if oppsett.get("ansvarlig") == "annen":
        kanal = KanalFactory(ansvarlig=annen_ansatt)
    else:
        kanal = KanalFactory(ansvarlig=ansatt, **oppsett)
    for_endring = kanal.sist_aktiv
    with pytest.raises(ValidationError, match=str(feil)):
        kanal_bekreft_aktivitet(kanal=kanal, av=ansatt, siste_innlegg=idag())
    kanal.refresh_from_db()
    assert kanal.sist_aktiv == for_endring
    assert not Aktivitetsbekreftelse.objects.exists()


def test_aktivitet_avvises_med_dato_frem_i_tid_eller_for_aktivering(ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, aktivert=idag() - timedelta(days=30))
    with pytest.raises(ValidationError, match=str(FEIL_FREMTIDIG_DATO)):
        kanal_bekreft_aktivitet(kanal=kanal, av=ansatt, siste_innlegg=idag() + timedelta(days=1))
    with pytest.raises(ValidationError, match=str(FEIL_FOR_GAMMEL_DATO)):
        kanal_bekreft_aktivitet(kanal=kanal, av=ansatt, siste_innlegg=idag() - timedelta(days=31))
    assert not Aktivitetsbekreftelse.objects.exists()


# --- Årlig gjennomgang ---


def test_gjennomgang_flytter_neste_gjennomgang_ett_ar_frem(
    ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(ansvarlig=ansatt, neste_gjennomgang=date(2026, 6, 12))
    with time_machine.travel(date(2026, 6, 15), tick=False), django_capture_on_commit_callbacks(execute=True):
        gjennomgang = kanal_gjennomgang(kanal=kanal, av=ansatt, merknad="Alt vel", **ALT_JA)
    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang == date(2027, 6, 15)
    assert gjennomgang.utfort_av == ansatt and gjennomgang.merknad == "Alt vel"
    assert kanal.history.get(history_change_reason=str(ENDRING_GJENNOMGANG)).history_user == ansatt
    assert mailoutbox == []


def test_gjennomgang_29_februar_gir_28_februar_neste_ar(ansatt):
    kanal = KanalFactory(ansvarlig=ansatt)
    with time_machine.travel(date(2028, 2, 29), tick=False):
        kanal_gjennomgang(kanal=kanal, av=ansatt, **ALT_JA)
    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang == date(2029, 2, 28)


def test_kanalen_trengs_ikke_lenger_ber_radgiverne_legge_den_ned(
    ansatt, radgiver, radgiver2, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(ansvarlig=ansatt, navn="Ungdomsklubben")
    with django_capture_on_commit_callbacks(execute=True):
        svar = ALT_JA | {"fortsatt_behov": False}
        kanal_gjennomgang(kanal=kanal, av=ansatt, merknad="Klubben er lagt ned.", **svar)
    assert len(mailoutbox) == 1
    epost = mailoutbox[0]
    assert {radgiver.email, radgiver2.email, kanal.administrator.email} == set(epost.to)
    assert "legg ned kanalen" in epost.subject and "Ungdomsklubben" in epost.subject
    assert "Klubben er lagt ned." in epost.body
    kanal.refresh_from_db()
    assert kanal.status == Kanal.Status.AKTIV  # the adviser closes it, not the employee


def test_nei_pa_ressurser_varsler_radgiverne_med_sporsmalet(
    ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(ansvarlig=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        kanal_gjennomgang(kanal=kanal, av=ansatt, **(ALT_JA | {"ressurser_finnes": False}))
    assert len(mailoutbox) == 1
    assert "trenger oppfølging" in mailoutbox[0].subject
    assert "Det er fortsatt ressurser til å følge opp" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("oppsett", "feil"), [("annen", FEIL_IKKE_ANSVARLIG), ("nedlagt", FEIL_KANAL_NEDLAGT)]
)
def test_gjennomgang_avvises_for_fremmed_eller_nedlagt_kanal(ansatt, annen_ansatt, oppsett, feil):
    if oppsett == "annen":
        kanal = KanalFactory(ansvarlig=annen_ansatt)
    else:
        kanal = KanalFactory(ansvarlig=ansatt, nedlagt=True)
    neste = kanal.neste_gjennomgang
    with pytest.raises(ValidationError, match=str(feil)):
        kanal_gjennomgang(kanal=kanal, av=ansatt, **ALT_JA)
    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang == neste
    assert not Gjennomgang.objects.exists()
