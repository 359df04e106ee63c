"""The data protection officer and the access review in a real browser (axe and Nu on every page)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kanaler.models import Plattformrolle
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from tests.browser import conftest
from tests.browser.conftest import AXE_ARBEIDSFLATE, gaa_til, logg_inn, logg_ut, sjekk_tilgjengelighet
from tests.factories import (
    KanalFactory,
    PersonvernombudFactory,
    PlattformtilgangFactory,
    UserFactory,
    VirksomhetFactory,
    VurderingFactory,
)
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
    assert side.get_by_text("kan ikke godkjennes før personvernombudet", exact=False).first.is_visible()
    assert side.get_by_role("button", name="Godkjenn").is_disabled()
    assert side.get_by_role("link", name="Godkjenn", exact=True).count() == 0
    side.screenshot(path=f"{output_path}/personvern-admin-sperret.png", full_page=True)
    side.goto(side.base_url + f"/admin/vurdering/vurdering/{uten_uttalelse.pk}/godkjenn/")
    last_arbeidsflate(side)
    assert side.get_by_text("kan ikke godkjennes før", exact=False).first.is_visible()
    assert side.get_by_label("Kommentar til søkeren (valgfritt)").count() == 0

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


def test_ansvarlig_gjor_tilgangsgjennomgangen_fra_mine_kanaler(side, ansatt, radgiver, output_path):
    kanal = KanalFactory(
        navn="Heistad skole",
        ansvarlig=ansatt,
        administrator=radgiver,
        neste_tilgangsgjennomgang=timezone.localdate() - timedelta(days=3),
    )
    PlattformtilgangFactory(kanal=kanal, ansatt=radgiver, rolle=Plattformrolle.ADMINISTRATOR)

    logg_inn(side, ansatt.username)
    gaa_til(side, "/kanaler/mine/")
    assert side.get_by_text("Tilgang ikke gjennomgått").first.is_visible()
    side.get_by_role("link", name="Gå gjennom rollene på plattformen for Heistad skole").click()
    last(side)

    # A person without a role is refused; what was typed stays.
    side.get_by_label("Ekstern person").fill("Reklamebyrå AS")
    side.locator("#id_ny-tofaktor_1").check()
    side.get_by_role("button", name="Legg til").click()
    last(side)
    assert side.get_by_text("Velg personens rolle på plattformen.").is_visible()
    assert side.get_by_label("Ekstern person").input_value() == "Reklamebyrå AS"
    side.screenshot(path=f"{output_path}/tilganger-feil.png", full_page=True)
    side.get_by_label("Rolle på plattformen").select_option("annonsor")
    side.get_by_role("button", name="Legg til").click()
    last(side)
    assert side.get_by_role("row", name="Reklamebyrå AS", exact=False).is_visible()

    # Attesting needs the box ticked.
    side.get_by_role("button", name="Bekreft tilgangsgjennomgangen").click()
    last(side)
    assert side.get_by_text("Kryss av for at du har sjekket listen på plattformen.").is_visible()
    side.get_by_label("Jeg har sjekket på plattformen at listen over er riktig og fullstendig.").check()
    side.get_by_role("button", name="Bekreft tilgangsgjennomgangen").click()
    last(side)
    assert side.get_by_text(
        "Tilgangsgjennomgangen av «Heistad skole» er registrert.", exact=False
    ).is_visible()
    assert side.get_by_text("Tilgang ikke gjennomgått").count() == 0
    side.screenshot(path=f"{output_path}/tilganger-mine-etter.png", full_page=True)
    kanal.refresh_from_db()
    assert kanal.neste_tilgangsgjennomgang > timezone.localdate()


def test_tidligere_ansatt_med_rolle_flagges_i_registeret_og_sammendraget(
    side, leder, radgiver, mailoutbox, output_path
):
    tore = UserFactory(username="tore", first_name="Tore", last_name="Tidligere")
    kanal = KanalFactory(navn="Ungdomsklubben", administrator=radgiver, ansvarlig=tore)
    KanalFactory(navn="Ryddig kanal")
    PlattformtilgangFactory(kanal=kanal, ansatt=tore)
    tore.is_active = False
    tore.save()

    logg_inn(side, leder.username)
    gaa_til(side, "/kanaler/")
    side.get_by_label("Tidligere ansatt har tilgang").check()
    side.get_by_role("button", name="Bruk filtrene").click()
    last(side)
    tabell = side.get_by_role("table")
    assert tabell.get_by_text("Ungdomsklubben").is_visible()
    assert tabell.get_by_text("Ryddig kanal").count() == 0
    assert tabell.get_by_text("Tidligere ansatt har tilgang").first.is_visible()

    kanalsjekk_kjor()
    sammendrag = next(e for e in mailoutbox if radgiver.email in e.to and "trenger oppfølging" in e.subject)
    assert "Ungdomsklubben (Facebook) – Tore Tidligere, redaktør" in sammendrag.body
    logg_ut(side)

    # The handover page lists the roles and moves them only when the adviser says so.
    ny = UserFactory(username="nyansatt", first_name="Nina", last_name="Ny")
    logg_inn(side, radgiver.username)
    side.goto(side.base_url + f"/admin/kanaler/kanal/overfor/?fra={tore.pk}")
    last_arbeidsflate(side)
    side.get_by_role("button", name="Vis plattformrollene").click()
    last_arbeidsflate(side)
    roller = side.get_by_role("table", name="Rollene personen har nå")
    assert roller.get_by_text("Ungdomsklubben").is_visible() and roller.get_by_text("Redaktør").is_visible()
    side.screenshot(path=f"{output_path}/overforing-roller.png", full_page=True)
    side.get_by_label("Til").select_option(str(ny.pk))
    side.get_by_label("Begrunnelse").fill("Tore har sluttet")
    side.get_by_label("Flytt også rollene på plattformene").check()
    side.get_by_role("button", name="Overfør kanalene").click()
    last_arbeidsflate(side)
    assert (
        side.locator("ul.messagelist")
        .get_by_text("Rollene på plattformene er flyttet", exact=False)
        .is_visible()
    )
    assert kanal.plattformtilganger.get(fjernet__isnull=True).ansatt == ny
