"""Incidents: a compromised channel, its runbook, the public warning, the daily GDPR reminder, the end."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given

from kanaler.models import Hendelse, Hendelsespunkt, Kanal, Paminnelse
from kanaler.selectors.offentlig import KOMPROMITTERT_ADVARSEL, KOMPROMITTERT_RAD
from kanaler.services.felles import FEIL_IKKE_RADGIVER
from kanaler.services.hendelser import (
    FEIL_ALLEREDE_KOMPROMITTERT,
    FEIL_BESKRIVELSE_MANGLER,
    FEIL_HENDELSE_AVSLUTTET,
    FEIL_IKKE_AKTIV,
    FEIL_OPPDAGET_FREMTID,
    FEIL_PUNKT_UKJENT,
    hendelse_apne,
    hendelse_avslutt,
    hendelse_kryss_av,
)
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.hjelp import feilmeldinger, meldinger
from tests.strategier import FIENDTLIG_TEKST, ROBUST, SKJEMAVERDI, skjemadata, uendret_hvis_avvist

pytestmark = pytest.mark.django_db

SIDE = reverse("kanaler:offisielle")
VERIFISER = reverse("kanaler:api_verifiser")
LISTE = reverse("kanaler:api_liste")
PUNKTER = Hendelsespunkt.Punkt.values


@pytest.fixture
def kanal(db):
    return KanalFactory(
        navn="Biblioteket",
        url="https://facebook.com/porsgrunnbibliotek",
        virksomhet=VirksomhetFactory(navn="Kultur"),
        ansvarlig=UserFactory(
            first_name="Hemmelig", last_name="Ansatt", email="ansvarlig@porsgrunn.kommune.no"
        ),
        stedfortreder=UserFactory(email="stedfortreder@porsgrunn.kommune.no"),
    )


@pytest.fixture
def apne(kanal, radgiver, django_capture_on_commit_callbacks):
    def apne(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="Passordet ble stjålet.", **kwargs)

    return apne


def kryss_av_alt(hendelse, av):
    for punkt in PUNKTER:
        hendelse_kryss_av(hendelse=hendelse, av=av, punkt=punkt)


def test_radgiver_markerer_kanal_som_kompromittert_og_alle_far_epost(apne, kanal, radgiver, mailoutbox):
    hendelse = apne()
    kanal.refresh_from_db()
    assert kanal.status == Kanal.Status.AKTIV
    assert hendelse.apen and hendelse.apnet_av == radgiver
    assert kanal.history.first().history_change_reason == "Markert som kompromittert: Passordet ble stjålet."
    assert len(mailoutbox) == 1
    radgivere = {kanal.administrator.email, radgiver.email}
    assert set(mailoutbox[0].to) == {kanal.ansvarlig.email, kanal.stedfortreder.email, *radgivere}
    assert "«Biblioteket» er kompromittert" in mailoutbox[0].subject
    assert "72 timer" in mailoutbox[0].body


def test_bare_radgiver_og_bare_aktiv_kanal_og_bare_en_apen_hendelse(apne, kanal, ansatt, leder, radgiver):
    for person in (ansatt, leder):
        with pytest.raises(ValidationError) as feil:
            hendelse_apne(kanal=kanal, av=person, beskrivelse="x")
        assert feilmeldinger(feil) == str(FEIL_IKKE_RADGIVER)
    apne()
    with pytest.raises(ValidationError) as feil:
        apne()
    assert feilmeldinger(feil) == str(FEIL_ALLEREDE_KOMPROMITTERT)
    for annen in (KanalFactory(nedlagt=True), KanalFactory(under_opprettelse=True)):
        with pytest.raises(ValidationError) as feil:
            hendelse_apne(kanal=annen, av=radgiver, beskrivelse="x")
        assert feilmeldinger(feil) == str(FEIL_IKKE_AKTIV)
    assert Hendelse.objects.count() == 1


def test_beskrivelse_og_tidspunkt_sjekkes(kanal, radgiver):
    with pytest.raises(ValidationError) as feil:
        hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="   ")
    assert feil.value.message_dict == {"beskrivelse": [str(FEIL_BESKRIVELSE_MANGLER)]}
    with pytest.raises(ValidationError) as feil:
        hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="x", oppdaget=timezone.now() + timedelta(hours=1))
    assert feil.value.message_dict == {"oppdaget": [str(FEIL_OPPDAGET_FREMTID)]}
    assert not Hendelse.objects.exists()


def test_sjekklisten_krysses_av_med_hvem_og_naar_og_avsluttes_med_oppsummering(
    apne, kanal, radgiver, radgiver2, mailoutbox, django_capture_on_commit_callbacks
):
    hendelse = apne()
    hendelse_kryss_av(hendelse=hendelse, av=radgiver2, punkt="plattform_kontaktet")
    punkt = hendelse.punkter.get()
    assert punkt.utfort_av == radgiver2 and punkt.utfort is not None
    with pytest.raises(ValidationError, match="allerede krysset av"):
        hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt="plattform_kontaktet")
    with pytest.raises(ValidationError) as feil:
        hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt="finnes_ikke")
    assert feilmeldinger(feil) == str(FEIL_PUNKT_UKJENT)
    with pytest.raises(ValidationError, match="Mangler: Passord og totrinnsbekreftelse er nullstilt"):
        hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering="Ferdig.")
    for punkt in PUNKTER[1:]:
        hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt=punkt)
    with pytest.raises(ValidationError, match="oppsummering"):
        hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering=" ")
    with django_capture_on_commit_callbacks(execute=True):
        hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering="Kontoen er tilbake, to-trinn på.")
    hendelse.refresh_from_db()
    assert not hendelse.apen and hendelse.avsluttet_av == radgiver
    assert "kontroll igjen" in mailoutbox[-1].subject
    grunner = list(kanal.history.values_list("history_change_reason", flat=True))
    assert grunner[0] == "Hendelse avsluttet: Kontoen er tilbake, to-trinn på."
    assert "Hendelse: Personvernombudet er informert" in grunner
    with pytest.raises(ValidationError) as feil:
        hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt="plattform_kontaktet")
    assert feilmeldinger(feil) == str(FEIL_HENDELSE_AVSLUTTET)
    with pytest.raises(ValidationError) as feil:
        hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering="Igjen.")
    assert feilmeldinger(feil) == str(FEIL_HENDELSE_AVSLUTTET)
    # A new incident may be opened once the old one has ended; both stay in the history.
    apne()
    assert Hendelse.objects.filter(kanal=kanal).count() == 2


def test_ansatte_kan_ikke_krysse_av_eller_avslutte(apne, ansatt, leder):
    hendelse = apne()
    for person in (ansatt, leder):
        with pytest.raises(ValidationError):
            hendelse_kryss_av(hendelse=hendelse, av=person, punkt="plattform_kontaktet")
        with pytest.raises(ValidationError):
            hendelse_avslutt(hendelse=hendelse, av=person, oppsummering="x")
    assert not hendelse.punkter.exists()


def test_databasen_tillater_bare_en_apen_hendelse_per_kanal(apne, kanal, radgiver):
    from django.db import IntegrityError, transaction

    apne()
    with pytest.raises(IntegrityError), transaction.atomic():
        Hendelse.objects.create(kanal=kanal, beskrivelse="x", oppdaget=timezone.now(), apnet_av=radgiver)


def test_offentlig_liste_api_og_verifiser_advarer_straks_og_slutter_straks(
    client, apne, kanal, radgiver, django_capture_on_commit_callbacks
):
    # The answers are cached before the incident: it must show at once anyway.
    assert str(KOMPROMITTERT_ADVARSEL) not in client.get(SIDE).content.decode()
    assert "kompromittert" not in client.get(VERIFISER, {"url": kanal.url}).json()
    hendelse = apne(oppdaget=timezone.now() - timedelta(hours=2))
    innhold = client.get(SIDE).content.decode()
    assert "Pågående hendelse" in innhold
    assert str(KOMPROMITTERT_ADVARSEL) in innhold
    assert "Hemmelig" not in innhold and "Passordet ble stjålet" not in innhold
    data = client.get(VERIFISER, {"url": kanal.url}).json()
    assert data["offisiell"] is True and data["kompromittert"] is True
    assert data["rad"] == str(KOMPROMITTERT_RAD)
    assert datetime.fromisoformat(data["kompromittert_siden"]) == hendelse.oppdaget.replace(microsecond=0)
    rad = client.get(LISTE).json()["resultater"][0]
    assert rad["kompromittert"] is True and rad["kompromittert_siden"] == data["kompromittert_siden"]
    sjekk = client.get(SIDE, {"url": kanal.url}).content.decode()
    assert "men den er kompromittert" in sjekk
    kryss_av_alt(hendelse, radgiver)
    with django_capture_on_commit_callbacks(execute=True):
        hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering="Ferdig.")
    assert "Pågående hendelse" not in client.get(SIDE).content.decode()
    assert "kompromittert" not in client.get(VERIFISER, {"url": kanal.url}).json()
    assert "kompromittert" not in client.get(LISTE).json()["resultater"][0]


@pytest.fixture
def klokke():
    with time_machine.travel(datetime(2026, 3, 2, 6, 0, tzinfo=ZoneInfo("Europe/Oslo")), tick=False) as reise:
        yield reise


def test_daglig_sjekk_minner_radgiverne_om_personvernombudet_til_det_er_krysset_av(
    klokke, apne, kanal, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    hendelse = apne()
    mailoutbox.clear()

    def kjor():
        with django_capture_on_commit_callbacks(execute=True):
            return kanalsjekk_kjor()

    kjor()
    varsler = [e for e in mailoutbox if "personvernombudet" in e.subject]
    assert len(varsler) == 1 and set(varsler[0].to) == {radgiver.email, kanal.administrator.email}
    assert "fristen går ut 5.3.2026 06:00" in varsler[0].body  # 72 hours after discovery
    assert Paminnelse.objects.filter(kanal=kanal, type="hendelse_personvern").count() == 1
    kjor()  # the same day: nothing twice
    assert len([e for e in mailoutbox if "personvernombudet" in e.subject]) == 1
    klokke.shift(timedelta(days=1))
    kjor()
    assert len([e for e in mailoutbox if "personvernombudet" in e.subject]) == 2
    hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt="personvernombud_informert")
    klokke.shift(timedelta(days=1))
    kjor()
    assert len([e for e in mailoutbox if "personvernombudet" in e.subject]) == 2


# --- The admin ----------------------------------------------------------------------------


def test_kanalens_side_i_arbeidsflaten_viser_knappen_sjekklisten_og_avslutningen(
    radgiverklient, kanal, radgiver
):
    side = reverse("admin:kanaler_kanal_change", args=[kanal.pk])
    assert "Marker som kompromittert" in radgiverklient.get(side).content.decode()
    url = reverse("admin:kanaler_kanal_kompromittert", args=[kanal.pk])
    respons = radgiverklient.post(url, {"beskrivelse": "", "oppdaget": "i går"})
    innhold = respons.content.decode()
    assert respons.status_code == 200 and "Feltet er påkrevet." in innhold
    assert "Skriv tidspunktet som dato og klokkeslett" in innhold and "i går" in innhold
    assert not Hendelse.objects.exists()
    respons = radgiverklient.post(url, {"beskrivelse": "Noen andre har logget inn.", "oppdaget": ""})
    assert respons.status_code == 302
    innhold = radgiverklient.get(side).content.decode()
    assert "Pågående hendelse" in innhold and "Sjekkliste" in innhold and "Avslutt hendelsen" in innhold
    kryss = reverse("admin:kanaler_kanal_kryss_av", args=[kanal.pk])
    assert radgiverklient.get(kryss).status_code == 405
    respons = radgiverklient.post(kryss, {"punkt": "plattform_kontaktet"}, follow=True)
    assert "Krysset av: Plattformen er kontaktet." in meldinger(respons)
    assert "Ingrid Solberg" in respons.content.decode()
    respons = radgiverklient.post(kryss, {"punkt": "<script>"}, follow=True)
    assert "Ukjent punkt i sjekklisten." in meldinger(respons)
    avslutt = reverse("admin:kanaler_kanal_avslutt_hendelse", args=[kanal.pk])
    respons = radgiverklient.post(avslutt, {"oppsummering": "Ferdig."})
    assert respons.status_code == 200 and "Kryss av hele sjekklisten" in respons.content.decode()
    assert Hendelse.objects.get().apen


def test_kanalsiden_med_hendelse_har_fast_antall_sporringer(
    radgiverklient, kanal, radgiver, radgiver2, django_assert_max_num_queries
):
    side = reverse("admin:kanaler_kanal_change", args=[kanal.pk])
    hendelse = hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="x")
    hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt="plattform_kontaktet")
    with django_assert_max_num_queries(40) as en:
        radgiverklient.get(side)
    for punkt in PUNKTER[1:]:
        hendelse_kryss_av(hendelse=hendelse, av=radgiver2, punkt=punkt)
    with django_assert_max_num_queries(len(en.captured_queries)):
        radgiverklient.get(side)


@ROBUST
@given(data=skjemadata(["beskrivelse", "oppdaget"]))
def test_skjemaet_for_kompromittert_tar_alt_uten_serverfeil(
    radgiverklient, kanal, django_capture_on_commit_callbacks, mailoutbox, data
):
    Hendelse.objects.filter(kanal=kanal).delete()
    url = reverse("admin:kanaler_kanal_kompromittert", args=[kanal.pk])
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(url, data)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200


@ROBUST
@given(data=skjemadata(["oppsummering"], verdier=FIENDTLIG_TEKST))
def test_avslutning_tar_alt_uten_serverfeil(
    radgiverklient, kanal, radgiver, django_capture_on_commit_callbacks, mailoutbox, data
):
    if not Hendelse.objects.filter(kanal=kanal, avsluttet__isnull=True).exists():
        Hendelsespunkt.objects.all().delete()
        Hendelse.objects.all().delete()
        kryss_av_alt(hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="x"), radgiver)
    url = reverse("admin:kanaler_kanal_avslutt_hendelse", args=[kanal.pk])
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(url, data)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200


@ROBUST
@given(punkt=SKJEMAVERDI)
def test_avkryssing_tar_alt_uten_serverfeil(radgiverklient, kanal, radgiver, punkt):
    if not Hendelse.objects.filter(kanal=kanal, avsluttet__isnull=True).exists():
        hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="x")
    url = reverse("admin:kanaler_kanal_kryss_av", args=[kanal.pk])
    for_ = Hendelsespunkt.objects.count()
    respons = radgiverklient.post(url, {"punkt": punkt})
    assert respons.status_code == 302
    gyldig = isinstance(punkt, str) and punkt in PUNKTER
    assert Hendelsespunkt.objects.count() in ((for_, for_ + 1) if gyldig else (for_,))


def test_flagget_kompromittert_i_registeret_folger_hendelsen(lederklient, apne, kanal, radgiver):
    register = reverse("kanaler:register")
    assert kanal.navn not in lederklient.get(register, {"kompromittert": "on"}).content.decode()
    hendelse = apne()
    assert kanal.navn in lederklient.get(register, {"kompromittert": "on"}).content.decode()
    assert Kanal.objects.med_flagg().get(pk=kanal.pk).er_kompromittert
    kryss_av_alt(hendelse, radgiver)
    hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering="Ferdig.")
    assert not Kanal.objects.med_flagg().get(pk=kanal.pk).er_kompromittert
    assert kanal.navn not in lederklient.get(register, {"kompromittert": "on"}).content.decode()
