"""Reports of fake accounts: the form, the rate limit, the queue, and verifiser's «kjent_falsk»."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given

from kanaler.models import FalskKonto, Meldingsgrense
from kanaler.services.falske import (
    FEIL_FOR_MANGE,
    FEIL_OFFISIELL,
    falsk_konto_avvis,
    falsk_konto_bekreft,
    falsk_konto_meld,
)
from kanaler.services.felles import FEIL_IKKE_RADGIVER
from tests.factories import KanalFactory, VirksomhetFactory
from tests.hjelp import feilmeldinger, meldinger
from tests.strategier import ROBUST, skjemadata, uendret_hvis_avvist

pytestmark = pytest.mark.django_db

SKJEMA = reverse("kanaler:meld_falsk")
SIDE = reverse("kanaler:offisielle")
VERIFISER = reverse("kanaler:api_verifiser")
FALSK = "https://facebook.com/porsgrunn.kommune.ekte"


@pytest.fixture
def hovedkanal(db):
    return KanalFactory(
        navn="Porsgrunn kommune",
        url="https://facebook.com/porsgrunnkommune",
        hovedkanal=True,
        virksomhet=VirksomhetFactory(navn="Kommunikasjon"),
    )


def test_siden_for_en_ukjent_adresse_lenker_til_skjemaet_med_adressen(client, hovedkanal):
    innhold = client.get(SIDE, {"url": FALSK}).content.decode()
    assert f'href="{SKJEMA}?url=https%3A//facebook.com/porsgrunn.kommune.ekte"' in innhold
    assert "Meld fra om kontoen" not in client.get(SIDE, {"url": hovedkanal.url}).content.decode()
    skjema = client.get(SKJEMA, {"url": FALSK}).content.decode()
    assert 'value="https://facebook.com/porsgrunn.kommune.ekte"' in skjema
    assert "csrfmiddlewaretoken" in skjema


def test_innbygger_melder_og_meldinger_om_samme_adresse_samles(client):
    respons = client.post(
        SKJEMA,
        {"url": "m.facebook.com/Porsgrunn.Kommune.Ekte/?fbclid=1", "beskrivelse": "Ber om kontonummer."},
    )
    assert respons.status_code == 302 and respons["Location"] == reverse("kanaler:meld_falsk_takk")
    client.post(SKJEMA, {"url": FALSK, "beskrivelse": ""})
    melding = FalskKonto.objects.get()
    assert melding.url == FALSK and melding.plattform == "facebook"
    assert melding.antall == 2 and melding.beskrivelse == "Ber om kontonummer."
    assert melding.status == FalskKonto.Status.NY
    assert Meldingsgrense.objects.count() == 2
    assert "127.0.0.1" not in str(list(Meldingsgrense.objects.values_list("nokkel", flat=True)))


def test_skjemaet_krever_csrf():
    klient = Client(enforce_csrf_checks=True)
    assert klient.post(SKJEMA, {"url": FALSK}).status_code == 403
    assert not FalskKonto.objects.exists()


def test_en_offisiell_adresse_kan_ikke_meldes(client, hovedkanal):
    respons = client.post(SKJEMA, {"url": "https://www.facebook.com/porsgrunnkommune", "beskrivelse": "x"})
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert str(FEIL_OFFISIELL) in innhold and 'value="https://www.facebook.com/porsgrunnkommune"' in innhold
    assert not FalskKonto.objects.exists() and not Meldingsgrense.objects.exists()


def test_feil_i_skjemaet_vises_ved_feltet_og_det_skrevne_beholdes(client):
    respons = client.post(SKJEMA, {"url": "ikke en adresse", "beskrivelse": "b" * 1001})
    innhold = respons.content.decode()
    assert respons.status_code == 200
    assert "mellomrom" in innhold and "høyst 1000 tegn" in innhold and "ikke en adresse" in innhold
    assert 'aria-invalid="true"' in innhold
    assert not FalskKonto.objects.exists()


def test_grensen_per_klientadresse_og_hashene_slettes_naar_grensen_ikke_trenger_dem(client, settings):
    settings.FALSK_KONTO_MELDINGER_PER_TIME = 2
    for nummer in range(2):
        assert client.post(SKJEMA, {"url": f"{FALSK}{nummer}"}).status_code == 302
    respons = client.post(SKJEMA, {"url": f"{FALSK}9"})
    assert respons.status_code == 200 and str(FEIL_FOR_MANGE) in respons.content.decode()
    assert FalskKonto.objects.count() == 2
    annen = client.post(SKJEMA, {"url": f"{FALSK}9"}, REMOTE_ADDR="10.0.0.7")
    assert annen.status_code == 302
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert client.post(SKJEMA, {"url": f"{FALSK}8"}).status_code == 302
        assert Meldingsgrense.objects.count() == 1  # the older ones are gone


def test_grensen_bruker_adressen_bak_proxyen(client, settings):
    settings.FALSK_KONTO_MELDINGER_PER_TIME = 1
    settings.PROXY_ANTALL = 1
    assert client.post(SKJEMA, {"url": FALSK}, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 302
    assert client.post(SKJEMA, {"url": FALSK}, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 302
    assert client.post(SKJEMA, {"url": FALSK}, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200


def test_radgiver_bekrefter_og_verifiser_sier_kjent_falsk_straks(
    client, radgiver, hovedkanal, django_capture_on_commit_callbacks
):
    annen = KanalFactory(url="https://facebook.com/porsgrunnbibliotek", navn="Biblioteket")
    KanalFactory(url="https://instagram.com/porsgrunn", plattform="instagram")
    melding = falsk_konto_meld(url=FALSK, beskrivelse="Svindel.", klient="192.0.2.1")
    assert client.get(VERIFISER, {"url": FALSK}).json() == {"offisiell": False, "url": FALSK, "kanal": None}
    idag = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        falsk_konto_bekreft(melding=melding, av=radgiver, meldt_til_plattformen=idag)
    data = client.get(VERIFISER, {"url": FALSK}).json()
    assert data["offisiell"] is False and data["kjent_falsk"] is True
    assert data["meldt_til_plattformen"] == idag.isoformat()
    assert [kanal["id"] for kanal in data["alternativer"]] == [hovedkanal.pk, annen.pk]
    innhold = client.get(SIDE, {"url": FALSK}).content.decode()
    assert "Nei, dette er en kjent falsk konto." in innhold
    assert "Kommunen meldte kontoen til plattformen" in innhold
    assert f'href="{hovedkanal.url}"' in innhold
    assert "Svindel." not in innhold and radgiver.first_name not in innhold
    with django_capture_on_commit_callbacks(execute=True):
        falsk_konto_avvis(melding=melding, av=radgiver, merknad="Satire, merket som det.")
    assert "kjent_falsk" not in client.get(VERIFISER, {"url": FALSK}).json()


def test_bare_radgiver_behandler_og_ikke_to_ganger(radgiver, ansatt, leder):
    melding = falsk_konto_meld(url=FALSK, klient=None)
    for person in (ansatt, leder):
        with pytest.raises(ValidationError) as feil:
            falsk_konto_bekreft(melding=melding, av=person)
        assert feilmeldinger(feil) == str(FEIL_IKKE_RADGIVER)
    with pytest.raises(ValidationError, match="fremtiden"):
        falsk_konto_bekreft(
            melding=melding, av=radgiver, meldt_til_plattformen=timezone.localdate() + timedelta(1)
        )
    falsk_konto_bekreft(melding=melding, av=radgiver)
    with pytest.raises(ValidationError, match="allerede markert som «Bekreftet falsk»"):
        falsk_konto_bekreft(melding=melding, av=radgiver)
    melding.refresh_from_db()
    assert melding.behandlet_av == radgiver and melding.meldt_til_plattformen is None


def test_bare_radgiver_avviser_og_ikke_to_ganger(radgiver, ansatt, leder):
    melding = falsk_konto_meld(url=FALSK, klient=None)
    for person in (ansatt, leder):
        with pytest.raises(ValidationError) as feil:
            falsk_konto_avvis(melding=melding, av=person)
        assert feilmeldinger(feil) == str(FEIL_IKKE_RADGIVER)
    melding.refresh_from_db()
    assert melding.status == FalskKonto.Status.NY and melding.behandlet_av is None
    falsk_konto_avvis(melding=melding, av=radgiver, merknad="Satire.")
    with pytest.raises(ValidationError, match="allerede markert som «Ikke et problem»"):
        falsk_konto_avvis(melding=melding, av=radgiver)


def test_koen_i_arbeidsflaten(radgiverklient, radgiver):
    melding = falsk_konto_meld(url=FALSK, beskrivelse="Ber om penger.", klient=None)
    liste = radgiverklient.get(reverse("admin:kanaler_falskkonto_changelist") + "?status__exact=ny")
    assert FALSK in liste.content.decode()
    side = radgiverklient.get(reverse("admin:kanaler_falskkonto_change", args=[melding.pk])).content.decode()
    assert "Bekreft falsk" in side and "Ikke et problem" in side and "Ber om penger." in side
    url = reverse("admin:kanaler_falskkonto_bekreft", args=[melding.pk])
    respons = radgiverklient.post(url, {"meldt_til_plattformen": "i morgen"})
    assert respons.status_code == 200 and "Skriv datoen som dd.mm.åååå." in respons.content.decode()
    respons = radgiverklient.post(url, {"meldt_til_plattformen": "01.01.2099"})
    assert "fremtiden" in respons.content.decode()
    respons = radgiverklient.post(url, {"meldt_til_plattformen": "", "merknad": "Meldt."}, follow=True)
    assert f"{FALSK} er bekreftet som falsk." in meldinger(respons)
    assert FalskKonto.objects.get().status == FalskKonto.Status.BEKREFTET


def test_nye_meldinger_kommer_i_radgivernes_sammendrag(
    radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    from kanaler.services.kanalsjekk import kanalsjekk_kjor

    falsk_konto_meld(url=FALSK, beskrivelse="Ber om kontonummer.", klient=None)
    falsk_konto_meld(url=FALSK, klient="x")
    with django_capture_on_commit_callbacks(execute=True):
        kanalsjekk_kjor()
    sammendrag = [e for e in mailoutbox if radgiver.email in e.to]
    assert len(sammendrag) == 1
    assert f"- {FALSK} (2 meldinger): Ber om kontonummer." in sammendrag[0].body


@ROBUST
@given(data=skjemadata(["url", "beskrivelse"]))
def test_skjemaet_tar_alt_uten_serverfeil_og_skriver_ingenting_ved_feil(
    client, settings, django_capture_on_commit_callbacks, mailoutbox, data
):
    settings.FALSK_KONTO_MELDINGER_PER_TIME = 10_000
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = client.post(SKJEMA, data)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200


def test_skjemaet_koster_ingen_sporringer_og_en_melding_faa(
    client, hovedkanal, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        assert client.get(SKJEMA, {"url": FALSK}).status_code == 200
    with django_assert_max_num_queries(16) as forste:  # the check, the limit, the row, savepoints
        client.post(SKJEMA, {"url": FALSK})
    with django_assert_max_num_queries(len(forste.captured_queries)):
        client.post(SKJEMA, {"url": FALSK})


def test_daglig_sjekk_sletter_hashene_grensen_ikke_lenger_trenger(django_capture_on_commit_callbacks):
    from kanaler.services.kanalsjekk import kanalsjekk_kjor

    falsk_konto_meld(url=FALSK, klient="192.0.2.1")
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        kanalsjekk_kjor()
        assert Meldingsgrense.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        kanalsjekk_kjor(prov=True)
        assert Meldingsgrense.objects.count() == 1  # a dry run writes nothing
        kanalsjekk_kjor()
        assert not Meldingsgrense.objects.exists()
