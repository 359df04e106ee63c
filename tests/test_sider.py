import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import KanalFactory, VurderingFactory

pytestmark = pytest.mark.django_db


def test_startside_for_anonym_viser_innbyggerinngang(client):
    respons = client.get("/")
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert "For innbyggere" in innhold
    assert "<title>Start – Kanalregister – Porsgrunn kommune</title>" in innhold
    assert 'lang="nb"' in innhold
    assert 'href="#innhold"' in innhold


@pytest.mark.parametrize(
    ("rolle", "synlig", "skjult"),
    [
        (
            "ansatt",
            ["Søk om en ny kanal", "Kanaler du har ansvaret for"],
            ["Kanalregisteret", "venter på beslutning"],
        ),
        ("leder", ["Kanalregisteret"], ["venter på beslutning", "Arbeidsflate"]),
        ("radgiver", ["Kanalregisteret", "venter på beslutning", "Arbeidsflate"], ["For innbyggere"]),
    ],
)
def test_startside_viser_hver_rolle_sitt(client, request, rolle, synlig, skjult):
    client.force_login(request.getfixturevalue(rolle))
    innhold = client.get("/").content.decode()
    for tekst in synlig:
        assert tekst in innhold
    for tekst in skjult:
        assert tekst not in innhold


def test_startside_teller_rollens_saker(client, radgiver, ansatt):
    KanalFactory(ansvarlig=ansatt)
    KanalFactory(stedfortreder=ansatt)
    KanalFactory(ansvarlig=ansatt, nedlagt=True)
    VurderingFactory(innsender=ansatt)
    VurderingFactory(innsendt_soknad=True)
    client.force_login(ansatt)
    innhold = client.get("/").content.decode()
    assert "stedfortreder for 2 kanaler" in innhold
    assert "Du har 1 åpen søknad." in innhold
    client.force_login(radgiver)
    assert "1 søknad venter på beslutning." in client.get("/").content.decode()


def test_startside_har_fast_antall_sporringer(client, radgiver, django_assert_max_num_queries):
    client.force_login(radgiver)
    KanalFactory.create_batch(3, ansvarlig=radgiver)
    with CaptureQueriesContext(connection) as lite:
        client.get("/")
    KanalFactory.create_batch(20, ansvarlig=radgiver)
    VurderingFactory.create_batch(5, innsendt_soknad=True)
    with django_assert_max_num_queries(len(lite.captured_queries)):
        client.get("/")


def test_innlogging_og_utlogging(client, ansatt):
    side = client.get(reverse("logg_inn"))
    assert side.status_code == 200
    assert "Brukernavn" in side.content.decode()
    feil = client.post(reverse("logg_inn"), {"username": ansatt.username, "password": "galt"})
    assert feil.status_code == 200
    assert "korrekt brukernavn og passord" in feil.content.decode()
    assert f'value="{ansatt.username}"' in feil.content.decode()
    ok = client.post(reverse("logg_inn"), {"username": ansatt.username, "password": "passord-for-test"})
    assert ok.status_code == 302 and ok.url == "/"
    assert client.get(reverse("logg_ut")).status_code == 405
    assert client.post(reverse("logg_ut")).status_code == 302
    assert "For innbyggere" in client.get("/").content.decode()


def test_innlogging_sperres_etter_fem_feil(client, ansatt):
    for _ in range(5):
        client.post(reverse("logg_inn"), {"username": ansatt.username, "password": "galt"})
    sperret = client.post(reverse("logg_inn"), {"username": ansatt.username, "password": "passord-for-test"})
    assert sperret.status_code == 429
    assert "midlertidig sperret" in sperret.content.decode()


def test_helse_svarer_nar_databasen_svarer(client):
    respons = client.get("/helse/")
    assert respons.status_code == 200
    assert respons.content == b"ok\n"
    assert client.post("/helse/").status_code == 405


def test_feilsider_er_pa_bokmal(client):
    respons = client.get("/finnes-ikke/")
    assert respons.status_code == 404
    assert "Vi fant ikke siden" in respons.content.decode()


def test_tilgjengelighetserklaering_er_apen_og_lenket_fra_bunnen(client):
    respons = client.get("/tilgjengelighet/")
    assert respons.status_code == 200
    assert "uutilsynet.no" in respons.content.decode()
    assert 'href="/tilgjengelighet/"' in client.get("/").content.decode()


def test_sikkerhetshoder(client):
    respons = client.get("/")
    csp = respons["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert respons["X-Content-Type-Options"] == "nosniff"
    assert respons["Referrer-Policy"] == "same-origin"
    assert "camera=()" in respons["Permissions-Policy"]
    assert respons["X-Frame-Options"] == "DENY"


def test_for_langt_brukernavn_avvises_ved_feltet_uten_forsok(client):
    respons = client.post(reverse("logg_inn"), {"username": "x" * 300, "password": "noe"})
    assert respons.status_code == 200
    assert "Brukernavnet kan ha høyst 150 tegn." in respons.content.decode()
