import pytest

from tests.browser.conftest import gaa_til, logg_inn, logg_ut, sjekk_tilgjengelighet
from tests.factories import VirksomhetFactory
from vurdering.models import Vurdering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def trykk(side, knapp: str):
    """Clicks a button, waits for the next page and checks it with axe."""
    side.get_by_role("button", name=knapp, exact=True).click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)


def fyll(side, felter: dict):
    for felt_id, verdi in felter.items():
        side.locator(f"#{felt_id}").fill(verdi)


def velg(side, *radio_ider):
    for radio_id in radio_ider:
        side.locator(f"#{radio_id}").check()


def overskrift(side) -> str:
    return side.get_by_role("heading", level=1).inner_text()


def test_ansatt_fyller_ut_og_sender_inn_soknad(side, ansatt, annen_ansatt, radgiver, output_path):
    VirksomhetFactory(navn="Heistad skole")
    logg_inn(side, ansatt.username)
    gaa_til(side, "/vurdering/ny/")
    side.screenshot(path=f"{output_path}/vurdering-ny.png", full_page=True)
    trykk(side, "Start søknaden")
    assert overskrift(side) == "Steg 1 av 8: Kanal og virksomhet"

    # 1. A URL on the wrong platform is refused, then fixed.
    side.locator("#id_virksomhet").select_option(label="Heistad skole")
    velg(side, "id_plattform_0")
    fyll(
        side,
        {"id_foreslatt_navn": "Heistad skole – foreldre", "id_eksisterende_url": "instagram.com/heistad"},
    )
    trykk(side, "Neste")
    assert overskrift(side).startswith("Steg 1")
    assert side.get_by_text("hører ikke til plattformen du har valgt (Facebook)").first.is_visible()
    assert side.locator("#id_eksisterende_url").input_value() == "instagram.com/heistad"
    side.screenshot(path=f"{output_path}/vurdering-steg-1-feil.png", full_page=True)
    fyll(side, {"id_eksisterende_url": "https://www.facebook.com/HeistadSkole/?fbclid=abc"})
    trykk(side, "Neste")

    # 2. A one-word answer is refused, then fixed.
    assert overskrift(side) == "Steg 2 av 8: Formål"
    fyll(
        side,
        {
            "id_hvorfor": "Foreldrene følger med på Facebook hver dag.",
            "id_mal": "ok",
            "id_hvorfor_ikke_nettsider": "Nettsidene egner seg ikke for korte beskjeder.",
            "id_deling_hovedprofil": "Vi tipser kommunikasjonsrådgiver om gode saker.",
        },
    )
    trykk(side, "Neste")
    assert side.get_by_role("alert").first.is_visible()
    assert side.get_by_text("Et «ok» eller ett ord er ikke nok").first.is_visible()
    assert side.evaluate("document.activeElement.classList.contains('feiloppsummering')")
    fyll(side, {"id_mal": "Flere foreldre som deltar på møter og arrangementer."})
    trykk(side, "Neste")

    # 3.
    assert overskrift(side) == "Steg 3 av 8: Målgruppe"
    fyll(
        side,
        {
            "id_malgruppe": "Foreldre og foresatte til elevene.",
            "id_hvor_nas": "De fleste foreldrene bruker Facebook daglig.",
        },
    )
    velg(side, "id_barn_eller_sarbare_1")
    trykk(side, "Neste")

    # 4. Going back once keeps what was typed on both steps.
    assert overskrift(side) == "Steg 4 av 8: Dialog"
    fyll(
        side,
        {
            "id_dialog": "Vi svarer på kommentarer i arbeidstiden.",
            "id_moderering": "Ansvarlig ser gjennom kommentarene hver dag.",
            "id_henvisning_sikre_kanaler": "Enkeltsaker henvises til telefon og sikker digital post.",
        },
    )
    velg(side, "id_kommentarer_pa_0", "id_private_meldinger_pa_1", "id_svartid_1")
    trykk(side, "Forrige")
    assert overskrift(side) == "Steg 3 av 8: Målgruppe"
    assert side.locator("#id_malgruppe").input_value() == "Foreldre og foresatte til elevene."
    trykk(side, "Neste")
    assert side.locator("#id_moderering").input_value() == "Ansvarlig ser gjennom kommentarene hver dag."
    assert side.locator("#id_svartid_1").is_checked()
    trykk(side, "Neste")

    # 5. Then leave (save, log out) and resume.
    assert overskrift(side) == "Steg 5 av 8: Personvern og taushetsplikt"
    fyll(
        side,
        {
            "id_personopplysninger": "Navn og profilbilder til dem som kommenterer.",
            "id_taushetsplikt_rutine": "Vi omtaler aldri enkeltpersoner i kanalen.",
            "id_arkivering": "Ansvarlig arkiverer innlegg som skal journalføres.",
        },
    )
    velg(
        side,
        "id_felles_behandlingsansvar_0",
        "id_risikovurdering_0",
        "id_saerlige_kategorier_1",
        "id_personvernombud_radfort_0",
        "id_personvern_ivaretatt_1",
    )
    trykk(side, "Neste")
    assert side.get_by_text("Ta kontakt med kommunikasjonsrådgiver og personvernombudet").first.is_visible()
    side.screenshot(path=f"{output_path}/vurdering-steg-5-feil.png", full_page=True)
    velg(side, "id_personvern_ivaretatt_0")
    trykk(side, "Lagre og fortsett senere")
    assert overskrift(side) == "Mine søknader"
    logg_ut(side)
    logg_inn(side, ansatt.username)
    gaa_til(side, "/vurdering/")
    # "Fortsett utfyllingen" opens the first step that is not complete.
    side.get_by_role("link", name="Fortsett utfyllingen").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert overskrift(side) == "Steg 6 av 8: Ressurser"
    fremdrift = side.get_by_role("navigation", name="Stegene i søknaden")
    assert fremdrift.get_by_role("link", name="Steg 5: Personvern og taushetsplikt Fullført").is_visible()
    assert fremdrift.get_by_role("link", name="Steg 6: Ressurser").get_attribute("aria-current") == "step"

    # 6. The same person twice is refused, then fixed.
    side.locator("#id_ansvarlig").select_option(label="Kari Nordmann")
    side.locator("#id_stedfortreder").select_option(label="Kari Nordmann")
    fyll(
        side,
        {
            "id_timer_per_uke": "2,5",
            "id_innholdsplan": "To innlegg i uken om hverdagen på skolen.",
            "id_universell_utforming": "Alle bilder får alternativ tekst, og video tekstes.",
        },
    )
    trykk(side, "Neste")
    assert side.get_by_text("to forskjellige personer").first.is_visible()
    side.screenshot(path=f"{output_path}/vurdering-steg-6-feil.png", full_page=True)
    side.locator("#id_stedfortreder").select_option(label="Ole Hansen")
    trykk(side, "Neste")

    # 7. Every guideline confirmed one by one.
    assert overskrift(side) == "Steg 7 av 8: Retningslinjer"
    bokser = side.get_by_role("checkbox")
    assert bokser.count() == 10
    side.screenshot(path=f"{output_path}/vurdering-steg-7.png", full_page=True)
    for nummer in range(bokser.count()):
        bokser.nth(nummer).check()
    trykk(side, "Neste: oppsummering")

    # 8. Summary, submit, receipt.
    assert overskrift(side) == "Steg 8 av 8: Oppsummering"
    assert side.get_by_text("https://facebook.com/heistadskole").is_visible()
    assert side.get_by_role("link", name="Endre ressurser").is_visible()
    side.screenshot(path=f"{output_path}/vurdering-oppsummering.png", full_page=True)
    trykk(side, "Send inn søknaden")
    assert overskrift(side) == "Søknaden er sendt inn"
    vurdering = Vurdering.objects.get()
    assert side.get_by_text(vurdering.referanse).is_visible()
    side.screenshot(path=f"{output_path}/vurdering-kvittering.png", full_page=True)

    gaa_til(side, "/vurdering/")
    rad = side.get_by_role("row").filter(has_text="Heistad skole – foreldre")
    assert rad.get_by_text("Sendt inn", exact=True).is_visible()
    side.screenshot(path=f"{output_path}/vurdering-liste.png", full_page=True)
    rad.get_by_role("link", name="Heistad skole – foreldre").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/vurdering-detalj.png", full_page=True)
    assert vurdering.status == Vurdering.Status.SENDT_INN


def test_radgiver_leser_soknaden_og_soker_trekker_den(side, ansatt, radgiver, output_path):
    from tests.vurdering.tilstander import soknad

    vurdering = soknad("sendt_tilbake", innsender=ansatt)
    logg_inn(side, radgiver.username)
    gaa_til(side, f"/vurdering/{vurdering.pk}/")
    assert side.get_by_role("heading", name="Historikk").is_visible()
    logg_ut(side)
    logg_inn(side, ansatt.username)
    gaa_til(side, f"/vurdering/{vurdering.pk}/")
    assert side.get_by_text("Beskriv modereringen nærmere.").is_visible()
    side.screenshot(path=f"{output_path}/vurdering-tilbakesendt.png", full_page=True)
    side.get_by_role("link", name="Trekk søknaden").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    trykk(side, "Ja, trekk søknaden")
    assert side.get_by_text("Søknaden er trukket.").is_visible()
