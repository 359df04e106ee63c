"""Sign-in with the municipality's account, through a real OpenID provider running on this machine."""

import os

import pytest
import requests
from oidc_provider_mock import User as Leverandorbruker
from oidc_provider_mock import run_server_in_thread

from tests.browser.conftest import gaa_til, sjekk_tilgjengelighet
from tests.identitet.conftest import ROLLE_LEDELSE, ROLLE_RADGIVER, pek_mot_leverandor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PERSONER = {
    "eva": {"name": "Eva Ansatt", "roles": []},
    "ingrid": {"name": "Ingrid Rådgiver", "roles": [ROLLE_RADGIVER]},
    "liv": {"name": "Liv Leder", "roles": [ROLLE_LEDELSE]},
}


def krav(sub: str, **endret) -> dict:
    epost = f"{sub}@porsgrunn.kommune.no"
    return {"preferred_username": epost, "email": epost, **PERSONER[sub], **endret}


@pytest.fixture(scope="module")
def mockleverandor():
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider runs on plain http here
    brukere = [Leverandorbruker(sub=sub, claims=krav(sub)) for sub in PERSONER]
    with run_server_in_thread(port=0, require_nonce=True, user_claims=brukere) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def kommuneside(side, settings, mockleverandor):
    """The browser page, with the app signing in through the provider (whose pages load no CDN here)."""
    pek_mot_leverandor(settings, mockleverandor)
    side.route(
        "https://cdn.jsdelivr.net/**", lambda rute: rute.fulfill(status=200, body="", content_type="text/css")
    )
    return side


def logg_inn_med_kommunens_konto(side, sub: str, *, sjekk_innloggingssiden: bool = False):
    """Signs in as a person would; axe checks each of our pages once per test, as it takes seconds."""
    if sjekk_innloggingssiden:
        gaa_til(side, "/konto/logg-inn/")
    else:
        side.goto(side.base_url + "/konto/logg-inn/")
    side.get_by_role("link", name="Logg inn med kommunens konto").click()
    side.get_by_role("button", name=sub, exact=True).click()
    side.wait_for_load_state()


def logg_ut_hos_kommunen(side, leverandor: str, *, sjekk_startsiden: bool = False):
    side.get_by_role("button", name="Logg ut").first.click()
    side.wait_for_url(f"{leverandor}/**")
    side.get_by_role("button", name="End session").click()
    side.wait_for_url(side.base_url + "/")
    assert side.get_by_role("link", name="Logg inn").first.is_visible()
    if sjekk_startsiden:
        sjekk_tilgjengelighet(side)


def test_ansatt_radgiver_og_ledelse_logger_inn_og_ut_og_mister_fjernet_rolle(kommuneside, mockleverandor):
    side = kommuneside
    logg_inn_med_kommunens_konto(side, "eva", sjekk_innloggingssiden=True)
    assert side.url == side.base_url + "/"
    assert side.get_by_text("Innlogget som Eva Ansatt").is_visible()
    assert side.get_by_role("heading", name="Søk om en ny kanal", exact=True).is_visible()
    sjekk_tilgjengelighet(side)
    logg_ut_hos_kommunen(side, mockleverandor, sjekk_startsiden=True)

    logg_inn_med_kommunens_konto(side, "ingrid")
    assert side.url == side.base_url + "/admin/"
    sjekk_tilgjengelighet(side)
    logg_ut_hos_kommunen(side, mockleverandor)

    logg_inn_med_kommunens_konto(side, "liv")
    assert side.url == side.base_url + "/"
    assert side.get_by_role("heading", name="Kanalregisteret", exact=True).is_visible()
    sjekk_tilgjengelighet(side)
    logg_ut_hos_kommunen(side, mockleverandor)

    svar = requests.put(f"{mockleverandor}/users/ingrid", json=krav("ingrid", roles=[]), timeout=5)
    assert svar.status_code == 204
    logg_inn_med_kommunens_konto(side, "ingrid")
    assert side.url == side.base_url + "/"
    assert side.get_by_role("link", name="Arbeidsflate").count() == 0
    assert side.goto(side.base_url + "/admin/").status == 403
    side.konsollfeil.remove("Failed to load resource: the server responded with a status of 403 (Forbidden)")
