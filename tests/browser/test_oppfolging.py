from datetime import timedelta

import pytest
from django.utils import timezone

from kanaler.models import Gjennomgang, Kanal
from tests.browser.conftest import logg_inn, sjekk_tilgjengelighet
from tests.factories import KanalFactory

IKKE_FUNNET = "Failed to load resource: the server responded with a status of 404 (Not Found)"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_ansvarlig_bekrefter_aktivitet_og_gjor_arlig_gjennomgang(side, ansatt, annen_ansatt, output_path):
    idag = timezone.localdate()
    kanal = KanalFactory(
        navn="Kulturskolen på Facebook",
        ansvarlig=ansatt,
        stedfortreder=annen_ansatt,
        sist_aktiv=idag - timedelta(days=95),
        neste_gjennomgang=idag - timedelta(days=2),
    )
    KanalFactory(navn="Biblioteket på Instagram", stedfortreder=ansatt)
    logg_inn(side, ansatt.username)
    side.get_by_role("link", name="Mine kanaler").first.click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    kort = side.get_by_role("region", name="Kulturskolen på Facebook")
    assert kort.get_by_text("Inaktiv", exact=True).is_visible()
    assert kort.get_by_text("Gjennomgang forfalt", exact=True).is_visible()
    side.screenshot(path=f"{output_path}/mine-kanaler-for.png", full_page=True)

    kort.get_by_label("Merknad").fill("Nytt innlegg om vårkonserten")
    kort.get_by_role("button", name="Bekreft aktivitet").click()
    side.wait_for_load_state()
    assert side.get_by_text("Aktiviteten i «Kulturskolen på Facebook» er bekreftet.").is_visible()
    sjekk_tilgjengelighet(side)
    kanal.refresh_from_db()
    assert kanal.sist_aktiv == idag

    side.get_by_role("region", name="Kulturskolen på Facebook").get_by_role(
        "link", name="Gjør gjennomgangen"
    ).click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    tittel = side.get_by_role("heading", level=1).inner_text()
    assert tittel == "Årlig gjennomgang av Kulturskolen på Facebook"
    side.get_by_role("button", name="Registrer gjennomgangen").click()
    side.wait_for_load_state()
    assert side.get_by_text("Feltet er påkrevet.").first.is_visible()
    sjekk_tilgjengelighet(side)
    for sporsmal in (
        "Gjelder formålet med kanalen fortsatt?",
        "Er ansvarlig og stedfortreder riktige?",
        "Har virksomheten fortsatt tid og ressurser til å holde kanalen levende og svare?",
        "Følges kommunens retningslinjer for sosiale medier?",
        "Trengs kanalen fortsatt?",
    ):
        side.get_by_role("group", name=sporsmal).get_by_label("Ja").check()
    side.get_by_label("Merknad").fill("Vi fortsetter som før.")
    side.screenshot(path=f"{output_path}/gjennomgang.png", full_page=True)
    side.get_by_role("button", name="Registrer gjennomgangen").click()
    side.wait_for_load_state()
    assert side.get_by_text("Gjennomgangen av «Kulturskolen på Facebook» er registrert.").is_visible()
    sjekk_tilgjengelighet(side)
    kort = side.get_by_role("region", name="Kulturskolen på Facebook")
    assert kort.get_by_text("I orden", exact=True).is_visible()
    side.screenshot(path=f"{output_path}/mine-kanaler-etter.png", full_page=True)

    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang > idag + timedelta(days=364)
    assert Gjennomgang.objects.get(kanal=kanal).merknad == "Vi fortsetter som før."
    assert Kanal.objects.get(navn="Biblioteket på Instagram").sist_aktiv != idag


def test_radgiver_overforer_kanaler_i_arbeidsflaten(side, radgiver, ansatt, annen_ansatt, output_path):
    KanalFactory(navn="Ungdomsrådet", ansvarlig=ansatt)
    logg_inn(side, radgiver.username)
    side.goto(side.base_url + "/admin/kanaler/kanal/")
    side.get_by_role("link", name="Overfør kanaler").click()
    side.wait_for_load_state()
    side.get_by_label("Fra").select_option(label=ansatt.get_full_name())
    side.get_by_label("Til").select_option(label=annen_ansatt.get_full_name())
    side.get_by_label("Begrunnelse").fill("Kari har fått ny jobb")
    side.screenshot(path=f"{output_path}/overforing.png", full_page=True)
    side.get_by_role("button", name="Overfør kanalene").click()
    side.wait_for_load_state()
    assert side.get_by_text("1 kanal er overført til Ole Hansen: Ungdomsrådet.").is_visible()
    side.screenshot(path=f"{output_path}/kanalliste-etter-overforing.png", full_page=True)
    assert Kanal.objects.get(navn="Ungdomsrådet").ansvarlig == annen_ansatt
    # Django's admin pages have no <link rel="icon">, so Chromium asks for /favicon.ico.
    while IKKE_FUNNET in side.konsollfeil:
        side.konsollfeil.remove(IKKE_FUNNET)
