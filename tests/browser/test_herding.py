import pytest

from tests.browser.conftest import gaa_til, sjekk_tilgjengelighet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _prov(side, brukernavn, passord):
    side.get_by_label("Brukernavn").fill(brukernavn)
    side.get_by_label("Passord").fill(passord)
    side.get_by_role("button", name="Logg inn").click()
    side.wait_for_load_state()


def test_radgiver_logger_inn_til_arbeidsflaten_pa_felles_innloggingsside(side, radgiver, output_path):
    # Only the login matters here, not the admin's own assets.
    side.route("**/favicon.ico", lambda rute: rute.fulfill(status=204))
    side.goto(side.base_url + "/admin/kanaler/kanal/")
    assert side.url.startswith(side.base_url + "/konto/logg-inn/")
    sjekk_tilgjengelighet(side)
    _prov(side, radgiver.username, "passord-for-test")
    assert side.url == side.base_url + "/admin/kanaler/kanal/"
    side.wait_for_load_state("networkidle")
    side.screenshot(path=f"{output_path}/admin-etter-innlogging.png", full_page=True)


def test_arbeidsflaten_sperres_etter_fem_feil_med_side_pa_bokmal(side, radgiver, output_path):
    side.goto(side.base_url + "/admin/")
    for _ in range(4):
        _prov(side, radgiver.username, "feil-passord")
        assert side.get_by_role("alert").is_visible()
    _prov(side, radgiver.username, "feil-passord")
    side.konsollfeil.remove(
        "Failed to load resource: the server responded with a status of 429 (Too Many Requests)"
    )
    assert side.get_by_role("heading", name="Innlogging midlertidig sperret").is_visible()
    assert side.get_by_text("Prøv igjen om").is_visible()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/innlogging-sperret.png", full_page=True)
    gaa_til(side, "/admin/")
    assert side.url.startswith(side.base_url + "/konto/logg-inn/")


@pytest.mark.urls("tests.urls_med_feil")
def test_serverfeil_viser_feilside_pa_bokmal(side, output_path):
    respons = side.goto(side.base_url + "/test/feil/")
    assert respons.status == 500
    assert respons.headers["x-request-id"]
    side.konsollfeil.remove(
        "Failed to load resource: the server responded with a status of 500 (Internal Server Error)"
    )
    assert side.get_by_role("heading", name="Noe gikk galt").is_visible()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/serverfeil.png", full_page=True)
