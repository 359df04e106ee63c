"""The application and the tables on a phone: what matters is on the first screen."""

import pytest

from tests.browser.conftest import (
    gaa_til,
    ingen_vannrett_rulling,
    innenfor_vinduet,
    logg_inn,
    sjekk_tilgjengelighet,
)
from tests.browser.test_register import lag_register
from tests.factories import VirksomhetFactory, VurderingFactory
from tests.vurdering.tilstander import soknad

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MOBIL = {"width": 390, "height": 844}


def forste_felt(side):
    return side.locator(".stegskjema").locator("input:visible, select:visible, textarea:visible").first


def test_soknaden_pa_mobil_starter_med_skjemaet(side, radgiver, output_path):
    VirksomhetFactory(navn="Heistad skole")
    side.set_viewport_size(MOBIL)
    logg_inn(side, radgiver.username)
    gaa_til(side, "/vurdering/ny/")
    side.get_by_role("button", name="Start søknaden").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/mobil-steg-1.png")
    url_steg_1 = side.url

    for sti in (url_steg_1, url_steg_1.replace("/kanal/", "/formal/")):
        side.goto(sti)
        boks = forste_felt(side).bounding_box()
        assert boks["y"] + boks["height"] <= MOBIL["height"], f"{sti}: første felt starter på {boks['y']} px"
    side.screenshot(path=f"{output_path}/mobil-steg-2.png")

    fremdrift = side.get_by_role("navigation", name="Stegene i søknaden")
    assert fremdrift.get_by_text("Steg 2 av 8").is_visible()
    assert fremdrift.get_by_text("0 av 7 fullført").is_visible()
    alle_steg = fremdrift.get_by_role("link", name="Steg 1: Kanal og virksomhet")
    assert not alle_steg.is_visible()
    fremdrift.get_by_text("Vis alle stegene").click()
    assert alle_steg.is_visible()
    assert fremdrift.get_by_role("link", name="Steg 2: Formål").get_attribute("aria-current") == "step"
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/mobil-steg-2-alle-steg.png", full_page=True)

    # "Forrige" comes first, on the phone and on a wide screen; Enter in a field still means "Neste".
    for bredde in (MOBIL["width"], 1280):
        side.set_viewport_size({"width": bredde, "height": 844})
        forrige = side.get_by_role("button", name="Forrige", exact=True).bounding_box()
        neste = side.get_by_role("button", name="Neste", exact=True).bounding_box()
        assert (forrige["y"], forrige["x"]) < (neste["y"], neste["x"]), (bredde, forrige, neste)
    side.screenshot(path=f"{output_path}/steg-2-knapper.png", full_page=True)
    side.goto(url_steg_1.replace("/kanal/", "/ressurser/"))
    side.locator("#id_timer_per_uke").fill("2")
    side.locator("#id_timer_per_uke").press("Enter")
    side.wait_for_load_state()
    assert side.get_by_role("heading", level=1).inner_text() == "Steg 6 av 8: Ressurser"
    assert side.get_by_text("Svarene er lagret, men steget er ikke fullført.").is_visible()


def test_tabellene_pa_mobil_viser_status_uten_rulling(side, radgiver, output_path):
    lag_register(radgiver)
    VurderingFactory(innsender=radgiver, foreslatt_navn="Brattås skole – foreldremøter og beskjeder")
    soknad("sendt_tilbake", innsender=radgiver)
    side.set_viewport_size(MOBIL)
    logg_inn(side, radgiver.username)

    viktige = {"/vurdering/": [".status", ".soknad-neste-steg"], "/kanaler/": ["td .badge"]}
    for sti, celler in viktige.items():
        gaa_til(side, sti)
        ingen_vannrett_rulling(side)
        rader = side.locator("tbody tr")
        assert rader.count() >= 2
        for rad in rader.all():
            for celle in celler:
                innenfor_vinduet(side, rad.locator(celle).first)
        side.screenshot(path=f"{output_path}/mobil{sti.replace('/', '-')}.png", full_page=True)
