"""The adviser's workspace in the Django admin, driven through a real browser."""

import pytest

from kanaler.models import Kanal
from tests.browser import conftest
from tests.browser.conftest import AXE_ARBEIDSFLATE, gaa_til, logg_inn
from tests.factories import KanalFactory, VirksomhetFactory, VurderingFactory
from vurdering.models import Vurdering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sjekk_tilgjengelighet(side):
    """axe with zero violations, without the CSSOM preload (see AXE_ARBEIDSFLATE in conftest)."""
    conftest.sjekk_tilgjengelighet(side, AXE_ARBEIDSFLATE)


def melding(side, tekst):
    """The admin's success or error message is shown and the page passes axe."""
    side.wait_for_load_state()
    assert side.locator("ul.messagelist").get_by_text(tekst).is_visible(), side.content()[:3000]
    sjekk_tilgjengelighet(side)


def test_radgiver_behandler_soknad_og_kanalens_livslop(side, ansatt, annen_ansatt, radgiver, output_path):
    soknad = VurderingFactory(
        innsendt_soknad=True,
        innsender=ansatt,
        ansvarlig=ansatt,
        stedfortreder=annen_ansatt,
        virksomhet=VirksomhetFactory(navn="Heistad skole"),
        foreslatt_navn="Heistad skole – foreldre",
        eksisterende_url="",
    )
    gammel = KanalFactory(navn="Sommerleiren 2019", virksomhet=VirksomhetFactory(navn="Ungdomstjenesten"))

    logg_inn(side, radgiver.username)
    gaa_til(side, "/admin/")
    side.get_by_role("link", name="Søknader", exact=True).last.click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/admin-soknader.png", full_page=True)

    # Open the waiting application: answers grouped by step, read-only.
    side.get_by_role("link", name=str(soknad)).click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_role("heading", name="5. Personvern og taushetsplikt").is_visible()
    assert side.get_by_text(soknad.moderering).is_visible()
    side.screenshot(path=f"{output_path}/admin-soknad.png", full_page=True)

    # Return it with a comment.
    side.get_by_role("link", name="Send tilbake").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.get_by_role("button", name="Send tilbake").click()
    side.wait_for_load_state()
    assert side.get_by_text("Feltet er påkrevet.").is_visible()
    sjekk_tilgjengelighet(side)
    side.get_by_label("Kommentar til søkeren").fill("Beskriv hvordan dere svarer på meldinger i ferien.")
    side.screenshot(path=f"{output_path}/admin-send-tilbake.png", full_page=True)
    side.get_by_role("button", name="Send tilbake").click()
    melding(side, f"Søknaden {soknad.referanse} er sendt tilbake til søkeren.")
    assert side.get_by_text("Sendt tilbake for endring", exact=True).is_visible()

    # The applicant reads the comment and sends the application in again.
    side.context.clear_cookies()
    logg_inn(side, ansatt.username)
    gaa_til(side, f"/vurdering/{soknad.pk}/")
    assert side.get_by_text("Beskriv hvordan dere svarer på meldinger i ferien.").first.is_visible()
    gaa_til(side, f"/vurdering/{soknad.pk}/steg/oppsummering/")
    side.get_by_role("button", name="Send inn søknaden").click()
    side.wait_for_load_state()
    assert Vurdering.objects.get(pk=soknad.pk).status == Vurdering.Status.SENDT_INN

    # Approve it: the channel is created and the adviser lands on it.
    side.context.clear_cookies()
    logg_inn(side, radgiver.username)
    side.goto(f"{side.base_url}/admin/vurdering/vurdering/{soknad.pk}/change/")
    sjekk_tilgjengelighet(side)
    side.get_by_role("link", name="Godkjenn").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.get_by_role("button", name="Godkjenn").click()
    melding(side, "er godkjent. Kanalen «Heistad skole – foreldre» er opprettet.")
    kanal = Kanal.objects.get(vurdering=soknad)
    assert kanal.status == Kanal.Status.UNDER_OPPRETTELSE
    side.screenshot(path=f"{output_path}/admin-kanal-ny.png", full_page=True)

    # Activation waits for the admin rights: its button is disabled with the reason beside it, and
    # the address typed by hand says the same instead of offering the form.
    ikke_bekreftet = "Administratorrettighetene må være bekreftet før kanalen kan aktiveres."
    assert side.get_by_role("button", name="Aktiver").is_disabled()
    assert side.get_by_role("link", name="Aktiver").count() == 0
    assert side.locator(".handling-sperret").get_by_text(ikke_bekreftet).is_visible()
    side.screenshot(path=f"{output_path}/admin-kanal-aktiver-sperret.png", full_page=True)
    side.goto(side.base_url + f"/admin/kanaler/kanal/{kanal.pk}/aktiver/")
    sjekk_tilgjengelighet(side)
    assert side.locator("p.hindring").get_by_text(ikke_bekreftet).is_visible()
    assert side.get_by_label("Kanalens adresse (URL)").count() == 0
    assert side.get_by_role("button", name="Aktiver").count() == 0
    side.screenshot(path=f"{output_path}/admin-aktiver-hindret.png", full_page=True)
    side.get_by_role("link", name="Tilbake").click()
    side.wait_for_load_state()
    side.get_by_role("link", name="Bekreft administratorrettigheter").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.get_by_role("button", name="Bekreft administratorrettigheter").click()
    melding(side, "Administratorrettighetene for «Heistad skole – foreldre» er bekreftet.")

    side.get_by_role("link", name="Aktiver").click()
    side.get_by_label("Kanalens adresse (URL)").fill("https://www.facebook.com/HeistadSkoleForeldre/")
    side.get_by_role("button", name="Aktiver").click()
    melding(side, "Kanalen «Heistad skole – foreldre» er aktivert.")
    kanal.refresh_from_db()
    assert kanal.status == Kanal.Status.AKTIV and kanal.url == "https://facebook.com/heistadskoleforeldre"

    # The channel's page in the register tells the application's way there, the return included.
    gaa_til(side, f"/kanaler/{kanal.pk}/")
    tidslinje = side.locator("ol.tidslinje")
    hendelser = ("Søknaden ble sendt inn", "Søknaden ble sendt tilbake for endring", "Søknaden ble godkjent")
    for tekst in hendelser:
        assert tidslinje.get_by_text(tekst, exact=True).first.is_visible()
    assert tidslinje.get_by_text("Beskriv hvordan dere svarer på meldinger i ferien.").is_visible()
    side.screenshot(path=f"{output_path}/kanal-tidslinje.png", full_page=True)

    # Later: close another channel with a reason, found through the list's search.
    gaa_til(side, "/admin/kanaler/kanal/")
    side.screenshot(path=f"{output_path}/admin-kanaler.png", full_page=True)
    side.locator("#searchbar").fill("Sommerleiren")
    side.keyboard.press("Enter")
    side.wait_for_load_state()
    side.get_by_role("link", name="Sommerleiren 2019").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.get_by_role("link", name="Legg ned").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.get_by_label("Begrunnelse").fill("Leiren er over, og kanalen brukes ikke lenger.")
    side.get_by_role("button", name="Legg ned").click()
    melding(side, "Kanalen «Sommerleiren 2019» er lagt ned.")
    gammel.refresh_from_db()
    assert gammel.status == Kanal.Status.NEDLAGT
    assert side.get_by_role("link", name="Legg ned").count() == 0

    # The history shows who did what and why.
    side.get_by_role("link", name="Historikk").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_text("Lagt ned: Leiren er over").is_visible()
    historikken = side.locator("#change-history")
    assert historikken.get_by_text(radgiver.get_full_name()).first.is_visible()
    assert "Aktiv → Nedlagt" in " ".join(historikken.inner_text().replace("\xa0", " ").split())
    assert side.get_by_text("oppføringer").is_visible()
    side.screenshot(path=f"{output_path}/admin-historikk.png", full_page=True)


def test_egen_soknad_sier_hvorfor_den_ikke_kan_behandles(side, radgiver, output_path):
    egen = VurderingFactory(innsendt_soknad=True, innsender=radgiver, foreslatt_navn="Rådgiverens egen")
    grunn = "Du kan ikke behandle en søknad du har sendt inn selv."
    logg_inn(side, radgiver.username)
    side.goto(side.base_url + f"/admin/vurdering/vurdering/{egen.pk}/change/")
    sjekk_tilgjengelighet(side)
    assert side.locator(".beslutning-knapper p.hindring").get_by_text(grunn).is_visible()
    for knapp in ("Godkjenn", "Send tilbake", "Avslå"):
        assert side.get_by_role("link", name=knapp).count() == 0
    side.screenshot(path=f"{output_path}/admin-egen-soknad.png", full_page=True)
    side.goto(side.base_url + f"/admin/vurdering/vurdering/{egen.pk}/godkjenn/")
    sjekk_tilgjengelighet(side)
    assert side.locator("p.hindring").get_by_text(grunn).is_visible()
    assert side.get_by_role("button", name="Godkjenn").count() == 0
    assert side.get_by_label("Kommentar til søkeren (valgfritt)").count() == 0
    side.screenshot(path=f"{output_path}/admin-godkjenn-hindret.png", full_page=True)


def test_import_med_forhandsvisning(side, ansatt, radgiver, output_path, tmp_path):
    VirksomhetFactory(navn="Porsgrunn bibliotek")
    fil = tmp_path / "kanaler.csv"
    fil.write_text(
        "navn;adresse;virksomhet;ansvarlig\n"
        "Biblioteket;https://facebook.com/porsgrunnbibliotek;Porsgrunn bibliotek;ansatt\n"
        "Ukjent;https://facebook.com/ukjent;Månebasen;ansatt\n",
        encoding="utf-8",
    )
    logg_inn(side, radgiver.username)
    gaa_til(side, "/admin/kanaler/kanal/")
    side.locator("ul.object-tools a.addlink").click()
    side.wait_for_load_state()
    # static/js/admin-autocomplete-navn.js names the autocomplete fields after their labels.
    side.wait_for_function(
        "document.querySelectorAll('.select2-selection[aria-labelledby*=\"_etikett\"]').length === 4"
    )
    sjekk_tilgjengelighet(side)
    assert side.get_by_label("Kommunikasjonsrådgiver har administratorrettigheter").is_visible()
    side.go_back()
    side.get_by_role("link", name="Importer fra fil").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(fil))
    side.get_by_role("button", name="Last opp og se over").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_text("Ukjent virksomhet «Månebasen».").is_visible()
    side.screenshot(path=f"{output_path}/admin-import-feil.png", full_page=True)
    assert not Kanal.objects.exists()

    fil.write_text(
        "navn;adresse;virksomhet;ansvarlig\n"
        "Biblioteket;https://facebook.com/porsgrunnbibliotek;Porsgrunn bibliotek;ansatt\n",
        encoding="utf-8",
    )
    side.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(fil))
    side.get_by_role("button", name="Last opp og se over").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/admin-import.png", full_page=True)
    side.get_by_role("button", name="Importer 1 kanal").click()
    melding(side, "1 kanal er importert.")
    assert Kanal.objects.get().navn == "Biblioteket"
