import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Plattform
from kanaler.selectors.oversikt import kanal_oversikt
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.kanaler.register_hjelp import lag_mange_kanaler

pytestmark = pytest.mark.django_db

URL = reverse("kanaler:oversikt")


def test_anonym_sendes_til_innlogging(client):
    assert client.get(URL).url.startswith(reverse("logg_inn"))


def test_ansatt_far_403(client, ansatt):
    client.force_login(ansatt)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("rolle", ["leder", "radgiver"])
def test_ledelse_og_radgiver_ser_oversikten(client, rolle, request):
    client.force_login(request.getfixturevalue(rolle))
    respons = client.get(URL)
    assert respons.status_code == 200
    assert "Oversikt over kanalene" in respons.content.decode()


def test_tomt_register_gir_ingen_feil(client, leder):
    client.force_login(leder)
    innhold = client.get(URL).content.decode()
    assert "Ingen kanaler trenger oppfølging nå." in innhold
    assert "Ingen kanaler ennå." in innhold


def test_tall_per_plattform_virksomhet_og_status():
    kultur = VirksomhetFactory(navn="Kultur")
    skole = VirksomhetFactory(navn="Skole")
    KanalFactory.create_batch(3, virksomhet=kultur, plattform=Plattform.FACEBOOK)
    KanalFactory(virksomhet=skole, plattform=Plattform.INSTAGRAM)
    KanalFactory(virksomhet=skole, plattform=Plattform.INSTAGRAM, under_opprettelse=True)
    KanalFactory(virksomhet=skole, plattform=Plattform.TIKTOK, nedlagt=True)
    tall = kanal_oversikt()
    assert tall["per_plattform"] == [("Facebook", 3), ("Instagram", 2)]
    assert tall["per_virksomhet"] == [("Kultur", 3), ("Skole", 2)]
    assert tall["per_status"] == [("Under opprettelse", 1), ("Aktiv", 4), ("Nedlagt", 1)]


def test_opprettet_og_nedlagt_per_maaned_siste_24():
    idag = timezone.localdate()
    forrige_maaned = (idag.replace(day=1) - timedelta(days=1)).replace(day=1)
    KanalFactory(aktivert=idag)
    KanalFactory(aktivert=forrige_maaned)
    KanalFactory(aktivert=forrige_maaned + timedelta(days=3))
    KanalFactory(aktivert=idag - timedelta(days=800))  # outside the window
    KanalFactory(nedlagt=True, nedlagt_dato=idag, aktivert=idag - timedelta(days=400))
    tall = kanal_oversikt(idag=idag)
    rader = tall["per_maaned"]
    assert len(rader) == 24
    assert rader[-1][0] == idag.replace(day=1)
    assert rader[-1][1:] == (1, 1)
    assert rader[-2] == (forrige_maaned, 2, 0)
    assert sum(r[1] for r in rader) == 4
    assert sum(r[2] for r in rader) == 1


def test_oppfolgingslisten_viser_hvorfor(client, leder):
    idag = timezone.localdate()
    KanalFactory(navn="Sovende kanal", sist_aktiv=idag - timedelta(days=150))
    KanalFactory(navn="Forfalt kanal", neste_gjennomgang=idag - timedelta(days=1))
    KanalFactory(navn="Uten stedfortreder", stedfortreder=None)
    KanalFactory(navn="Ny kanal", under_opprettelse=True)
    KanalFactory(navn="Foreldreløs kanal", ansvarlig=UserFactory(is_active=False))
    KanalFactory(navn="Alt i orden")
    KanalFactory(navn="Nedlagt uten stedfortreder", nedlagt=True, stedfortreder=None)
    client.force_login(leder)
    respons = client.get(URL)
    navn = [k.navn for k in respons.context["oppfolging"]]
    assert sorted(navn) == sorted(
        ["Sovende kanal", "Forfalt kanal", "Uten stedfortreder", "Ny kanal", "Foreldreløs kanal"]
    )
    innhold = respons.content.decode()
    for grunn in [
        "Inaktiv",
        "Gjennomgang forfalt",
        "Mangler stedfortreder",
        "Administratorrettigheter ikke bekreftet",
        "Ansvarlig er deaktivert",
    ]:
        assert f">{grunn}</span>" in innhold
    assert f"{reverse('kanaler:register')}?oppfolging=on" in innhold


def test_diagrammene_har_tabell_og_ingen_inline_stil(client, leder):
    KanalFactory.create_batch(2, plattform=Plattform.YOUTUBE)
    client.force_login(leder)
    innhold = client.get(URL).content.decode()
    assert innhold.count("<svg") == 4
    assert innhold.count('role="img"') == 4
    assert innhold.count("<caption>") >= 4
    assert "Vis tallene som tabell" in innhold
    assert "style=" not in innhold
    assert re.search(r'<rect class="diagram-stolpe[^"]*" x="\d+" y="\d+" width="\d+"', innhold)
    assert "<script" not in innhold.split("<main")[1].split("</main>")[0]


def test_antall_sporringer_er_konstant_fra_10_til_1000_kanaler(client, leder):
    client.force_login(leder)
    lag_mange_kanaler(10, prefiks="lite")
    with CaptureQueriesContext(connection) as lite:
        assert client.get(URL).status_code == 200
    lag_mange_kanaler(990, prefiks="stort")
    with CaptureQueriesContext(connection) as stort:
        assert client.get(URL).status_code == 200
    assert len(stort) == len(lite) <= 8


def test_oppfolgingslisten_viser_hoyst_100_men_teller_alle(client, leder):
    lag_mange_kanaler(300)
    client.force_login(leder)
    respons = client.get(URL)
    antall = respons.context["oppfolging_antall"]
    assert antall > 100
    assert len(respons.context["oppfolging"]) == 100
    assert "Viser de 100 første." in respons.content.decode()
