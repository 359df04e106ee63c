import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kanaler.models import Plattform
from tests.browser.conftest import gaa_til, logg_inn, logg_ut, sjekk_tilgjengelighet
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory, VurderingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def lag_register(radgiver):
    idag = timezone.localdate()
    kommunikasjon = VirksomhetFactory(navn="Kommunikasjon")
    oppvekst = VirksomhetFactory(navn="Oppvekst")
    skole = VirksomhetFactory(navn="Brattås skole", overordnet=oppvekst)
    kultur = VirksomhetFactory(navn="Kultur")
    personer = [
        UserFactory(first_name=fornavn, last_name=etternavn)
        for fornavn, etternavn in [("Kari", "Lunde"), ("Per", "Aas"), ("Siri", "Moe"), ("Jon", "Vik")]
    ]
    hoved = KanalFactory(
        navn="Porsgrunn kommune",
        hovedkanal=True,
        url="https://facebook.com/porsgrunnkommune",
        virksomhet=kommunikasjon,
        ansvarlig=personer[0],
        stedfortreder=personer[1],
        administrator=radgiver,
        beskrivelse="Kommunens hovedside med nyheter og viktige beskjeder.",
        aktivert=idag - timedelta(days=600),
    )
    skolekanal = KanalFactory(
        navn="Brattås skole – foreldre",
        plattform=Plattform.FACEBOOK,
        url="https://facebook.com/brattasskole",
        virksomhet=skole,
        ansvarlig=personer[2],
        stedfortreder=None,
        administrator=radgiver,
        beskrivelse="Beskjeder til foreldre og foresatte ved Brattås skole.",
        aktivert=idag - timedelta(days=40),
    )
    VurderingFactory(
        innsendt_soknad=True,
        status="godkjent",
        innsender=personer[2],
        kanal=skolekanal,
        virksomhet=skole,
        stedfortreder=personer[3],
        behandlet_av=radgiver,
        behandlet=timezone.now(),
        begrunnelse="Tydelig behov, og skolen har satt av tid.",
    )
    skolekanal.sist_aktiv = idag - timedelta(days=2)
    skolekanal._history_user = radgiver
    skolekanal._change_reason = "Aktivitet bekreftet"
    skolekanal.save()
    KanalFactory(
        navn="Oppvekst Instagram",
        plattform=Plattform.INSTAGRAM,
        url="https://instagram.com/porsgrunnoppvekst",
        virksomhet=oppvekst,
        ansvarlig=personer[1],
        stedfortreder=personer[0],
        administrator=radgiver,
        sist_aktiv=idag - timedelta(days=130),
        aktivert=idag - timedelta(days=300),
    )
    for i, (navn, plattform) in enumerate(
        [
            ("Porsgrunn bibliotek", Plattform.INSTAGRAM),
            ("Kulturhuset", Plattform.FACEBOOK),
            ("Ung i Porsgrunn", Plattform.TIKTOK),
            ("Porsgrunn kommune video", Plattform.YOUTUBE),
        ]
    ):
        KanalFactory(
            navn=navn,
            plattform=plattform,
            url=f"https://{plattform}.com/porsgrunn-{i}",
            virksomhet=kultur if i < 3 else kommunikasjon,
            ansvarlig=personer[i % 4],
            stedfortreder=personer[(i + 1) % 4],
            administrator=radgiver,
            beskrivelse="Arrangementer, tips og nytt fra kommunen.",
            aktivert=idag - timedelta(days=30 * (i + 2)),
            neste_gjennomgang=idag - timedelta(days=5) if i == 1 else idag + timedelta(days=90),
        )
    KanalFactory(
        navn="Ny kanal for eldre",
        virksomhet=kultur,
        ansvarlig=personer[3],
        stedfortreder=personer[2],
        administrator=radgiver,
        under_opprettelse=True,
    )
    KanalFactory(
        navn="Gammel Twitter-konto",
        plattform=Plattform.X,
        url="https://x.com/porsgrunngammel",
        virksomhet=kommunikasjon,
        ansvarlig=personer[0],
        stedfortreder=personer[1],
        administrator=radgiver,
        nedlagt=True,
        nedlagt_dato=idag - timedelta(days=200),
        aktivert=idag - timedelta(days=700),
    )
    return hoved, skolekanal


def test_ledelsen_filtrerer_apner_kanal_ser_oversikt_og_laster_ned(side, leder, radgiver, output_path):
    _hoved, skolekanal = lag_register(radgiver)
    logg_inn(side, leder.username)

    side.get_by_role("link", name="Kanalregisteret", exact=True).first.click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_role("heading", name="Kanalregisteret", level=1).is_visible()
    assert side.get_by_text("8 kanaler passer med filtrene.").is_visible()
    side.screenshot(path=f"{output_path}/register.png", full_page=True)

    side.get_by_label("Virksomhet").fill("Oppvekst")
    side.get_by_label("Mangler stedfortreder").check()
    side.get_by_role("button", name="Bruk filtrene").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert "mangler_stedfortreder=on" in side.url
    assert side.get_by_text("1 kanal passer med filtrene.").is_visible()
    rader = side.locator("table tbody tr")
    assert rader.count() == 1
    filtrert_url = side.url

    side.get_by_role("link", name="Brattås skole – foreldre").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_role("heading", name="Brattås skole – foreldre", level=1).is_visible()
    # The decision's comment, in the application's card and in the timeline.
    assert side.get_by_text("Tydelig behov, og skolen har satt av tid.", exact=True).is_visible()
    tidslinje = side.locator("ol.tidslinje")
    assert tidslinje.get_by_text("Kommentar fra kommunikasjonsrådgiver: Tydelig behov").is_visible()
    assert side.get_by_text("Begrunnelse: Aktivitet bekreftet").is_visible()
    side.get_by_text("2. Formål").click()
    assert side.get_by_text(skolekanal.vurdering.hvorfor).is_visible()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/kanal.png", full_page=True)

    side.get_by_role("link", name="Oversikt", exact=True).click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_role("heading", name="Trenger oppfølging nå").is_visible()
    side.get_by_text("Vis tallene som tabell").first.click()
    assert side.get_by_role("table", name="Kanaler per plattform").is_visible()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/oversikt.png", full_page=True)

    side.get_by_role("combobox", name="Virksomhet").fill("Oppvekst")
    side.get_by_role("button", name="Vis tallene").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert "virksomhet=Oppvekst" in side.url
    assert side.get_by_role("heading", name="Kanaler per underenhet av Oppvekst").is_visible()
    assert side.get_by_text("for Oppvekst med underenheter").is_visible()
    assert side.get_by_role("combobox", name="Virksomhet").input_value() == "Oppvekst"
    oppfolging = side.get_by_role("table", name="2 kanaler trenger oppfølging, med årsak.")
    assert oppfolging.get_by_role("link", name="Brattås skole – foreldre").is_visible()
    side.get_by_text("Vis tallene som tabell").nth(2).click()
    assert side.get_by_role("table", name="Kanaler per underenhet av Oppvekst").is_visible()
    side.screenshot(path=f"{output_path}/oversikt-virksomhet.png", full_page=True)

    side.get_by_role("combobox", name="Virksomhet").fill("Finnes ikke")
    side.get_by_role("button", name="Vis tallene").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_role("combobox", name="Virksomhet").input_value() == "Finnes ikke"
    feil = "Fant ingen virksomhet som heter eller inneholder «Finnes ikke»."
    assert side.locator("#id_virksomhet_error").get_by_text(feil).is_visible()
    side.screenshot(path=f"{output_path}/oversikt-feil.png")
    side.get_by_role("link", name="Alle virksomheter").click()
    side.wait_for_load_state()
    assert side.get_by_role("combobox", name="Virksomhet").input_value() == ""

    side.goto(filtrert_url)
    with side.expect_download() as nedlasting:
        side.get_by_role("link", name="Last ned som Excel").click()
    fil = nedlasting.value
    assert fil.suggested_filename.endswith(".xlsx")
    bok = load_workbook(io.BytesIO(open(fil.path(), "rb").read()))  # noqa: SIM115
    rader = list(bok.active.iter_rows(values_only=True))
    assert rader[0][0] == "Navn"
    assert [r[0] for r in rader[1:]] == ["Brattås skole – foreldre"]
    rad = dict(zip(rader[0], rader[1], strict=True))
    assert isinstance(rad["Aktivert"], datetime)
    assert rad["Mangler stedfortreder"] == "Ja"
    logg_ut(side)


def test_innbygger_sjekker_ekte_og_falsk_konto(side, radgiver, output_path):
    lag_register(radgiver)
    gaa_til(side, "/")
    side.get_by_role("link", name="Offisielle kanaler").first.click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_role("heading", name="Kommunens hovedkanaler").is_visible()
    assert side.get_by_text("Kari").count() == 0

    side.get_by_label("Adressen til kontoen").fill("https://m.facebook.com/PorsgrunnKommune/?fbclid=IwAR0abc")
    side.get_by_role("button", name="Sjekk adressen").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_text("Ja, dette er en offisiell kanal fra kommunen.").is_visible()
    assert side.get_by_text("«Porsgrunn kommune» på Facebook").is_visible()
    side.screenshot(path=f"{output_path}/offisielle-ja.png", full_page=True)

    side.get_by_label("Adressen til kontoen").fill("facebook.com/porsgrunn.kommune.gevinst")
    side.get_by_role("button", name="Sjekk adressen").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_text("Nei, denne adressen er ikke en av kommunens offisielle kanaler.").is_visible()

    side.get_by_label("Adressen til kontoen").fill("ikke en adresse")
    side.get_by_role("button", name="Sjekk adressen").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    assert side.get_by_label("Adressen til kontoen").input_value() == "ikke en adresse"
    assert side.get_by_text("mellomrom").first.is_visible()
    side.screenshot(path=f"{output_path}/offisielle-feil.png", full_page=True)
