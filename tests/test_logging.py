import io
import json
import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def logglinjer():
    """The JSON lines the configured stdout handler writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "stdout")
    strom = io.StringIO()
    gammel = handler.setStream(strom)
    try:
        yield lambda: [json.loads(linje) for linje in strom.getvalue().splitlines()]
    finally:
        handler.setStream(gammel)


def test_gyldig_request_id_sendes_tilbake(client):
    respons = client.get("/helse/", headers={"X-Request-ID": "proxy-1234-abcd"})
    assert respons["X-Request-ID"] == "proxy-1234-abcd"


@pytest.mark.parametrize(
    "innkommende", [None, "kort", "har mellomrom i seg", "<script>alert(1)</script>", "x" * 200]
)
def test_request_id_lages_nar_den_mangler_eller_er_ugyldig(client, innkommende):
    headers = {"X-Request-ID": innkommende} if innkommende else {}
    respons = client.get("/helse/", headers=headers)
    request_id = respons["X-Request-ID"]
    assert request_id != innkommende
    assert len(request_id) == 32 and int(request_id, 16) >= 0


def test_hver_foresporsel_logges_som_json_uten_personopplysninger(client, ansatt, logglinjer):
    client.force_login(ansatt)
    respons = client.get(
        "/?epost=kari.nordmann@porsgrunn.kommune.no", headers={"X-Request-ID": "abc-12345678"}
    )
    assert respons.status_code == 200
    linje = next(linje for linje in logglinjer() if linje["logger"] == "kanalregister.request")
    assert linje["level"] == "INFO"
    assert linje["request_id"] == "abc-12345678"
    assert linje["method"] == "GET"
    assert linje["path"] == "/"
    assert linje["status"] == 200
    assert linje["duration_ms"] >= 0
    assert linje["user_id"] == ansatt.pk
    assert {"time", "message"} <= linje.keys()
    alt = json.dumps(logglinjer())
    for personopplysning in ("kari", "Kari", "Nordmann", ansatt.username, ansatt.email, "epost="):
        assert personopplysning not in alt


def test_anonym_foresporsel_logges_uten_bruker(client, logglinjer):
    client.get("/helse/")
    linje = next(linje for linje in logglinjer() if linje["logger"] == "kanalregister.request")
    assert "user_id" not in linje
    assert linje["status"] == 200


def test_404_logges_med_request_id(client, logglinjer):
    respons = client.get("/finnes-ikke/")
    advarsel = next(linje for linje in logglinjer() if linje["logger"] == "django.request")
    assert advarsel["level"] == "WARNING"
    assert advarsel["request_id"] == respons["X-Request-ID"]


@pytest.mark.urls("tests.urls_med_feil")
def test_serverfeil_gir_bokmalsside_og_logges_med_traceback(logglinjer):
    client = Client(raise_request_exception=False)
    respons = client.get("/test/feil/", headers={"X-Request-ID": "feil-12345678"})
    assert respons.status_code == 500
    innhold = respons.content.decode()
    assert 'lang="nb"' in innhold
    assert "Noe gikk galt" in innhold
    assert "planlagt feil" not in innhold
    assert "oppgi feilkoden <code>feil-12345678</code>" in innhold
    assert respons["X-Request-ID"] == "feil-12345678"
    feil = next(linje for linje in logglinjer() if linje["logger"] == "django.request")
    assert feil["level"] == "ERROR"
    assert feil["request_id"] == "feil-12345678"
    assert feil["path"] == "/test/feil/"
    assert "Traceback" in feil["traceback"]
    assert "RuntimeError: planlagt feil i testen" in feil["traceback"]
    foresporsel = next(linje for linje in logglinjer() if linje["logger"] == "kanalregister.request")
    assert foresporsel["status"] == 500


@pytest.mark.urls("tests.urls_med_feil")
def test_feilsiden_spor_ikke_databasen_som_kan_vaere_det_som_feilet(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "en-okt-som-ellers-ville-blitt-slatt-opp"
    with django_assert_num_queries(0):
        respons = client.get("/test/database-borte/")
    assert respons.status_code == 500
    assert "Noe gikk galt" in respons.content.decode()
