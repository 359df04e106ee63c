import pytest

from tests.browser.conftest import gaa_til, logg_inn, logg_ut, sjekk_tilgjengelighet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_hver_rolle_logger_inn_og_ser_sin_startside(side, ansatt, leder, radgiver, output_path):
    gaa_til(side, "/")
    assert side.get_by_role("heading", name="For innbyggere").is_visible()
    assert "Porsgrunn kommune" in side.title()

    forventet = {
        ansatt: ["Søk om en ny kanal", "Kanaler du har ansvaret for"],
        leder: ["Søk om en ny kanal", "Kanalregisteret"],
        radgiver: ["Kanalregisteret", "Kommunikasjonsrådgiver"],
    }
    ikke_forventet = {
        ansatt: ["Kanalregisteret", "Kommunikasjonsrådgiver"],
        leder: ["Kommunikasjonsrådgiver"],
    }
    for bruker, overskrifter in forventet.items():
        logg_inn(side, bruker.username)
        assert side.url.rstrip("/") == side.base_url
        assert side.get_by_text(f"Innlogget som {bruker.get_full_name()}").is_visible()
        for overskrift in overskrifter:
            assert side.get_by_role("heading", name=overskrift, exact=True).is_visible()
        for overskrift in ikke_forventet.get(bruker, []):
            assert side.get_by_role("heading", name=overskrift, exact=True).count() == 0
        side.screenshot(path=f"{output_path}/start-{bruker.username}.png", full_page=True)
        logg_ut(side)
        assert side.get_by_role("link", name="Logg inn").first.is_visible()


def test_feil_passord_gir_melding_ved_skjemaet(side, ansatt):
    gaa_til(side, "/konto/logg-inn/")
    side.get_by_label("Brukernavn").fill(ansatt.username)
    side.get_by_label("Passord").fill("feil-passord")
    side.get_by_role("button", name="Logg inn").click()
    assert side.get_by_role("alert").is_visible()
    assert side.get_by_label("Brukernavn").input_value() == ansatt.username
    sjekk_tilgjengelighet(side)


def test_offentlige_sider_og_feilside(side):
    gaa_til(side, "/tilgjengelighet/")
    assert side.get_by_role("heading", name="Tilgjengelighetserklæring", exact=True).is_visible()
    respons = side.goto(side.base_url + "/finnes-ikke/")
    assert respons.status == 404
    side.konsollfeil.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    assert side.get_by_role("heading", name="Vi fant ikke siden").is_visible()
    sjekk_tilgjengelighet(side)


def test_hopp_til_innhold_er_forste_tabstopp(side):
    gaa_til(side, "/")
    side.keyboard.press("Tab")
    lenke = side.get_by_role("link", name="Hopp til hovedinnholdet")
    assert lenke.is_visible()
    lenke.press("Enter")
    assert side.evaluate("document.activeElement.id") == "innhold"
