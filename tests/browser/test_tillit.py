"""Trust in a real browser: a hijacked channel from warning to resolution, and a fake reported."""

import json

import pytest

from kanaler.models import FalskKonto, Hendelse
from tests.browser import conftest
from tests.browser.conftest import AXE_ARBEIDSFLATE, gaa_til, logg_inn
from tests.factories import KanalFactory, VirksomhetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FALSK = "https://facebook.com/porsgrunn.kommune.offisiell"


def i_arbeidsflaten(side):
    """An admin page: axe without the CSSOM preload (see AXE_ARBEIDSFLATE in conftest)."""
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side, AXE_ARBEIDSFLATE)


def til_arbeidsflaten(side, sti: str):
    side.goto(side.base_url + sti)
    i_arbeidsflaten(side)


def verifiser(side, url: str) -> dict:
    respons = side.request.get(f"{side.base_url}/api/kanaler/verifiser/", params={"url": url})
    assert respons.ok
    return json.loads(respons.text())


@pytest.fixture
def biblioteket(db):
    return KanalFactory(
        navn="Porsgrunn bibliotek",
        url="https://facebook.com/porsgrunnbibliotek",
        virksomhet=VirksomhetFactory(navn="Biblioteket"),
        beskrivelse="Boktips og arrangementer fra biblioteket.",
    )


def test_kompromittert_kanal_fra_advarsel_til_avsluttet_hendelse(side, radgiver, biblioteket, output_path):
    logg_inn(side, radgiver.username)
    til_arbeidsflaten(side, f"/admin/kanaler/kanal/{biblioteket.pk}/change/")
    side.get_by_role("link", name="Marker som kompromittert").click()
    i_arbeidsflaten(side)
    side.get_by_role("button", name="Marker som kompromittert").click()
    i_arbeidsflaten(side)
    assert side.get_by_text("Feltet er påkrevet.").is_visible()
    side.get_by_label("Hva skjedde").fill(
        "Noen har byttet passordet og publiserer lenker til en falsk konkurranse."
    )
    side.screenshot(path=f"{output_path}/tillit-marker-kompromittert.png", full_page=True)
    side.get_by_role("button", name="Marker som kompromittert").click()
    i_arbeidsflaten(side)
    assert side.get_by_text("er markert som kompromittert").is_visible()
    assert side.get_by_role("heading", name="Pågående hendelse: kontoen er kompromittert").is_visible()
    side.screenshot(path=f"{output_path}/tillit-sjekkliste.png", full_page=True)

    # A resident sees the warning at the top and on the channel, and verifiser says so.
    side.context.clear_cookies()
    gaa_til(side, "/offisielle-kanaler/")
    varsel = side.get_by_role("alert").filter(has_text="Pågående hendelse")
    assert varsel.is_visible() and "Porsgrunn bibliotek" in varsel.inner_text()
    assert side.locator(".kanal-kompromittert").get_by_text("ikke svar på meldinger fra den").is_visible()
    side.screenshot(path=f"{output_path}/tillit-offentlig-advarsel.png", full_page=True)
    side.get_by_label("Adressen til kontoen").fill("https://www.facebook.com/PorsgrunnBibliotek/")
    side.get_by_role("button", name="Sjekk adressen").click()
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side)
    assert side.get_by_text("Dette er kommunens offisielle kanal, men den er kompromittert.").is_visible()
    data = verifiser(side, biblioteket.url)
    assert data["offisiell"] is True and data["kompromittert"] is True and data["kompromittert_siden"]

    # The adviser works through the runbook and ends the incident.
    logg_inn(side, radgiver.username)
    til_arbeidsflaten(side, f"/admin/kanaler/kanal/{biblioteket.pk}/change/")
    side.get_by_role("link", name="Avslutt hendelsen").click()
    i_arbeidsflaten(side)
    side.get_by_label("Oppsummering").fill("Kontoen er tilbake.")
    side.get_by_role("button", name="Avslutt hendelsen").click()
    i_arbeidsflaten(side)
    assert side.get_by_text("Kryss av hele sjekklisten før hendelsen avsluttes.").is_visible()
    til_arbeidsflaten(side, f"/admin/kanaler/kanal/{biblioteket.pk}/change/")
    for punkt in (
        "Plattformen er kontaktet",
        "Passord og totrinnsbekreftelse er nullstilt",
        "Administratorrollene er gjennomgått",
        "Innbyggerne er varslet i hovedkanalene",
        "Personvernombudet er informert",
    ):
        side.get_by_role("button", name=f"Kryss av: {punkt}").click()
        i_arbeidsflaten(side)
        assert side.get_by_text(f"Krysset av: {punkt}.").is_visible()
    assert side.locator(".sjekkpunkt-utfort").count() == 5
    side.screenshot(path=f"{output_path}/tillit-sjekkliste-ferdig.png", full_page=True)
    side.get_by_role("link", name="Avslutt hendelsen").click()
    i_arbeidsflaten(side)
    side.get_by_label("Oppsummering").fill("Plattformen ga oss kontoen tilbake; totrinnsbekreftelse er på.")
    side.get_by_role("button", name="Avslutt hendelsen").click()
    i_arbeidsflaten(side)
    assert side.get_by_text("Hendelsen på «Porsgrunn bibliotek» er avsluttet.").is_visible()
    assert not Hendelse.objects.get().apen

    # The browser may keep its copy for max-age; the app's own answer has changed at once.
    side.context.clear_cookies()
    oversikt = side.request.get(f"{side.base_url}/offisielle-kanaler/")
    assert oversikt.ok and "Pågående hendelse" not in oversikt.text()
    assert "kompromittert" not in verifiser(side, biblioteket.url)


def test_innbygger_melder_falsk_konto_og_radgiver_bekrefter(side, radgiver, biblioteket, output_path):
    gaa_til(side, "/offisielle-kanaler/")
    side.get_by_label("Adressen til kontoen").fill(FALSK)
    side.get_by_role("button", name="Sjekk adressen").click()
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side)
    side.get_by_role("link", name="Meld fra om kontoen til kommunen").click()
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side)
    assert side.get_by_label("Adressen til kontoen").input_value() == FALSK
    side.get_by_label("Adressen til kontoen").fill("")
    side.get_by_label("Hva gjør kontoen? (valgfritt)").fill(
        "Lover gavekort og ber om kontonummer i meldinger."
    )
    side.get_by_role("button", name="Send meldingen").click()
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side)
    assert side.get_by_text("Skriv inn en adresse.").is_visible()
    assert side.get_by_label("Hva gjør kontoen? (valgfritt)").input_value().startswith("Lover gavekort")
    assert not FalskKonto.objects.exists()
    side.get_by_label("Adressen til kontoen").fill(FALSK)
    side.screenshot(path=f"{output_path}/tillit-meld-falsk.png", full_page=True)
    side.get_by_role("button", name="Send meldingen").click()
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side)
    assert side.get_by_role("heading", name="Takk for meldingen").is_visible()
    assert FalskKonto.objects.get().status == FalskKonto.Status.NY

    logg_inn(side, radgiver.username)
    til_arbeidsflaten(side, "/admin/kanaler/falskkonto/?status__exact=ny")
    side.get_by_role("link", name=FALSK).click()
    i_arbeidsflaten(side)
    assert side.get_by_text("Lover gavekort").is_visible()
    side.get_by_role("link", name="Bekreft falsk").click()
    i_arbeidsflaten(side)
    side.get_by_label("Meldt til plattformen").fill("2026-11-30")
    side.get_by_role("button", name="Bekreft falsk").click()
    i_arbeidsflaten(side)
    assert side.get_by_text(f"{FALSK} er bekreftet som falsk.").is_visible()

    side.context.clear_cookies()
    data = verifiser(side, FALSK)
    assert data["kjent_falsk"] is True and data["meldt_til_plattformen"] == "2026-11-30"
    assert [kanal["navn"] for kanal in data["alternativer"]] == ["Porsgrunn bibliotek"]
    gaa_til(side, "/offisielle-kanaler/?url=" + FALSK)
    assert side.get_by_text("Nei, dette er en kjent falsk konto.").is_visible()
    assert side.get_by_role("link", name="Porsgrunn bibliotek").first.is_visible()
    side.screenshot(path=f"{output_path}/tillit-kjent-falsk.png", full_page=True)
