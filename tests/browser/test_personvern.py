"""The data protection officer and the access review in a real browser (axe and Nu on every page)."""

import pytest

from tests.browser import conftest
from tests.browser.conftest import AXE_ARBEIDSFLATE, gaa_til, logg_inn, logg_ut, sjekk_tilgjengelighet
from tests.factories import PersonvernombudFactory, VirksomhetFactory, VurderingFactory
from tests.vurdering.tilstander import ALLE_BEKREFTET
from vurdering.models import JaNei, Vurdering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def last(side):
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)


def last_arbeidsflate(side):
    side.wait_for_load_state()
    conftest.sjekk_tilgjengelighet(side, AXE_ARBEIDSFLATE)


def test_hoyrisikosoknad_gjennom_personvernombudet_til_godkjenning(
    side, ansatt, annen_ansatt, radgiver, output_path
):
    ombud = PersonvernombudFactory(username="ombud", first_name="Mona", last_name="Dahl")
    utkast = VurderingFactory(
        innsender=ansatt,
        ansvarlig=ansatt,
        stedfortreder=annen_ansatt,
        virksomhet=VirksomhetFactory(navn="Barnevernet", sensitive_tjenester=True),
        foreslatt_navn="Ungdomskontakten",
        barn_eller_sarbare=JaNei.JA,
        eksisterende_url="",
        bekreftede_retningslinjer=dict(ALLE_BEKREFTET),
    )
    uten_uttalelse = VurderingFactory(
        innsendt_soknad=True, uten_uttalelse=True, innsender=annen_ansatt, foreslatt_navn="Fritidsklubben"
    )

    # The applicant submits and is told the DPO comes first.
    logg_inn(side, ansatt.username)
    gaa_til(side, f"/vurdering/{utkast.pk}/steg/oppsummering/")
    side.get_by_role("button", name="Send inn søknaden").click()
    last(side)
    assert side.get_by_text("Status er «venter på personvernombudet»", exact=False).is_visible()
    gaa_til(side, "/vurdering/")
    assert side.get_by_text("Venter på personvernombudet").first.is_visible()
    gaa_til(side, f"/vurdering/{utkast.pk}/")
    assert side.get_by_text("Virksomheten har sensitive tjenester").is_visible()
    assert side.get_by_text("Barn eller sårbare grupper er blant målgruppen.").is_visible()
    side.screenshot(path=f"{output_path}/personvern-soker.png", full_page=True)
    logg_ut(side)

    # The DPO finds it, forgets the conditions, then gives the statement.
    logg_inn(side, ombud.username)
    side.get_by_role("link", name="Søknader til uttalelse").click()
    last(side)
    side.screenshot(path=f"{output_path}/personvern-liste.png", full_page=True)
    side.get_by_role("link", name="Ungdomskontakten").click()
    last(side)
    side.get_by_label("Tilrår med vilkår").check()
    side.get_by_label("Begrunnelse").fill("Målgruppen er sårbar, men tiltakene er gode.")
    side.get_by_role("button", name="Gi uttalelse").click()
    last(side)
    assert side.get_by_text("Skriv vilkårene når du tilrår med vilkår.").is_visible()
    assert side.get_by_label("Begrunnelse").input_value() == "Målgruppen er sårbar, men tiltakene er gode."
    side.screenshot(path=f"{output_path}/personvern-uttalelse-feil.png", full_page=True)
    side.get_by_label("Vilkår", exact=True).fill("Private meldinger skal være stengt.")
    side.get_by_role("button", name="Gi uttalelse").click()
    last(side)
    assert side.get_by_text("Uttalelsen om", exact=False).is_visible()
    logg_ut(side)

    # The adviser: the one without a statement cannot be approved, the other can.
    logg_inn(side, radgiver.username)
    side.goto(side.base_url + f"/admin/vurdering/vurdering/{uten_uttalelse.pk}/change/")
    last_arbeidsflate(side)
    assert side.get_by_text("kan ikke godkjennes før personvernombudet", exact=False).is_visible()
    assert side.get_by_role("link", name="Godkjenn", exact=True).count() == 0
    side.screenshot(path=f"{output_path}/personvern-admin-sperret.png", full_page=True)
    side.goto(side.base_url + f"/admin/vurdering/vurdering/{uten_uttalelse.pk}/godkjenn/")
    last_arbeidsflate(side)
    assert side.locator("ul.messagelist").get_by_text("kan ikke godkjennes før", exact=False).is_visible()

    side.goto(side.base_url + f"/admin/vurdering/vurdering/{utkast.pk}/change/")
    last_arbeidsflate(side)
    assert side.get_by_text("Private meldinger skal være stengt.").is_visible()
    side.get_by_role("link", name="Godkjenn", exact=True).click()
    last_arbeidsflate(side)
    side.get_by_role("button", name="Godkjenn").click()
    last_arbeidsflate(side)
    assert side.locator("ul.messagelist").get_by_text("er godkjent", exact=False).is_visible()
    utkast.refresh_from_db()
    uten_uttalelse.refresh_from_db()
    assert utkast.status == Vurdering.Status.GODKJENT
    assert uten_uttalelse.status == Vurdering.Status.SENDT_INN

    # The channel page shows the statement with the application.
    gaa_til(side, f"/kanaler/{utkast.kanal_id}/")
    assert side.get_by_text("Personvernombudets uttalelse").is_visible()
    assert side.get_by_text("Private meldinger skal være stengt.").first.is_visible()
    side.screenshot(path=f"{output_path}/personvern-kanal.png", full_page=True)
