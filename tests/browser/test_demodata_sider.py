"""The shipped demo data (manage.py demodata) in a real browser: the pages its users meet first."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import (
    AXE_ARBEIDSFLATE,
    PASSORD,
    gaa_til,
    ingen_vannrett_rulling,
    innenfor_vinduet,
    logg_inn,
    sjekk_tilgjengelighet,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MOBIL = {"width": 390, "height": 844}
BAERBAR = {"width": 1366, "height": 768}
# Each entry of the main menu: its text, how many lines the text takes, and its vertical middle.
HOVEDMENYEN = """() => [...document.querySelectorAll(
    "#hovedmeny .nav-link, #hovedmeny .navbar-text, #hovedmeny button")].map(punkt => {
  const linjer = new Set();
  const tekster = document.createTreeWalker(punkt, NodeFilter.SHOW_TEXT);
  while (tekster.nextNode()) {
    if (tekster.currentNode.parentElement.closest(".visually-hidden")) continue;
    const tekst = document.createRange();
    tekst.selectNodeContents(tekster.currentNode);
    for (const linje of tekst.getClientRects()) linjer.add(Math.round(linje.bottom));
  }
  const boks = punkt.getBoundingClientRect();
  return {tekst: punkt.innerText, linjer: linjer.size, midt: boks.top + boks.height / 2};
})"""


@pytest.fixture
def demodata(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSORD", PASSORD)
    call_command("demodata", stdout=io.StringIO())


def test_ansatt_ser_mine_kanaler_og_mine_soknader_fra_demodataene(side, demodata, output_path):
    logg_inn(side, "ansatt")
    side.get_by_role("link", name="Mine kanaler").first.click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    kort = side.get_by_role("region", name="Porsgrunn bibliotek")
    assert kort.count() == 2
    assert side.get_by_role("region", name="Porsgrunn bibliotek – Facebook").is_visible()
    assert side.get_by_role("region", name="Porsgrunn bibliotek – Instagram").is_visible()
    side.screenshot(path=f"{output_path}/demo-mine-kanaler.png", full_page=True)

    side.set_viewport_size(MOBIL)
    gaa_til(side, "/vurdering/")
    ingen_vannrett_rulling(side)
    for rad in side.locator("table.soknadstabell tbody tr").all():
        innenfor_vinduet(side, rad.locator(".status"))
    innenfor_vinduet(side, side.get_by_role("link", name="Fortsett utfyllingen").first)
    side.screenshot(path=f"{output_path}/demo-mine-soknader-mobil.png", full_page=True)


def test_radgiver_pa_baerbar_ser_hele_kanallisten_importen_og_menyen(side, demodata, output_path, tmp_path):
    side.set_viewport_size(BAERBAR)
    logg_inn(side, "radgiver")
    punkter = side.evaluate(HOVEDMENYEN)
    brutt = [punkt for punkt in punkter if punkt["linjer"] != 1]
    assert not brutt, f"Punkter i hovedmenyen går over flere linjer: {brutt}"
    midter = [punkt["midt"] for punkt in punkter]
    assert max(midter) - min(midter) < 8, f"Hovedmenyen går over flere rader: {punkter}"
    side.screenshot(path=f"{output_path}/demo-start-radgiver.png")

    gaa_til(side, "/admin/kanaler/kanal/")
    ingen_vannrett_rulling(side)
    # Django lets the list scroll inside its own box; every column must show without that too.
    tabell, boks = side.evaluate(
        "[document.querySelector('#result_list').scrollWidth,"
        " document.querySelector('#changelist-form .results').clientWidth]"
    )
    assert tabell <= boks, f"Kanallisten er {tabell} px bred i en boks på {boks} px"
    side.screenshot(path=f"{output_path}/demo-admin-kanaler.png", full_page=True)

    fil = tmp_path / "kanaler.csv"
    fil.write_text(
        "navn;adresse;plattform;virksomhet;ansvarlig;stedfortreder;beskrivelse\n"
        "Porsgrunn bibliotek – arrangementer for barn og unge;"
        "https://www.facebook.com/porsgrunnbibliotek.arrangementer.barn.og.unge/?fbclid=IwAR0abcdef;"
        ";Porsgrunn bibliotek;ansatt;ansatt2;Arrangementer, lesestunder og nytt fra biblioteket.\n"
        "Kulturskolen i Porsgrunn – konserter;https://www.instagram.com/kulturskoleniporsgrunn.konserter;"
        ";Kulturskolen;ansatt2;;\n"
        "Frivilligsentralen;https://www.facebook.com/frivilligsentralenporsgrunn;;Frivilligsentralen;"
        "ansatt2;ansatt;Kanalen finnes fra før.\n"
        "Ungdomsrådet;https://www.tiktok.com/@ungdomsradetporsgrunn;;Månebasen;ukjent.bruker@porsgrunn.kommune.no;;\n",
        encoding="utf-8",
    )
    side.goto(side.base_url + "/admin/kanaler/kanal/importer/")
    sjekk_tilgjengelighet(side, AXE_ARBEIDSFLATE)
    side.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(fil))
    side.get_by_role("button", name="Last opp og se over").click()
    side.wait_for_load_state()
    assert side.get_by_role("heading", name="Forhåndsvisning").is_visible()
    sjekk_tilgjengelighet(side, AXE_ARBEIDSFLATE)
    ingen_vannrett_rulling(side)
    side.screenshot(path=f"{output_path}/demo-admin-import.png", full_page=True)
