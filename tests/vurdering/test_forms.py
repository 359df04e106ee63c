from decimal import Decimal

import pytest

from kanaler.services.kontroll import FEIL_STEDFORTREDER_ER_ANSVARLIG
from tests.factories import KanalFactory, UserFactory
from tests.vurdering.tilstander import soknad
from vurdering.forms import FEIL_PAKREVD, FEIL_RETNINGSLINJE, FEIL_TIMER, FEIL_TIMER_FOR_MANGE, steg_skjema
from vurdering.fullstendighet import data_fra_utkast, steg_kontroll
from vurdering.models import Vurdering
from vurdering.retningslinjer import NOKLER
from vurdering.steg import STEG_ETTER_SLUG

pytestmark = pytest.mark.django_db

FORMAL = STEG_ETTER_SLUG["formal"]


def feil(skjema, felt):
    return [str(m) for m in skjema.errors.get(felt, [])]


@pytest.mark.parametrize(
    ("tekst", "godtatt"),
    [
        ("ok", False),
        ("Facebook", False),
        ("ja ja ja", False),
        ("   ", False),
        ("Vi vil nå foreldrene.", True),
        ("Foreldrene bruker Facebook daglig", True),
    ],
)
def test_fritekst_ma_si_noe(ansatt, tekst, godtatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    data = {
        "hvorfor": tekst,
        "mal": "Vi vil nå foreldrene.",
        "hvorfor_ikke_nettsider": "x y z",
        "deling_hovedprofil": "",
    }
    skjema = steg_skjema(FORMAL, vurdering, data)
    skjema.is_valid()
    assert ("hvorfor" not in skjema.errors) is godtatt


def test_lost_skjema_godtar_tomme_og_korte_svar_men_ikke_for_lange(ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    assert steg_skjema(FORMAL, vurdering, {"mal": "ok"}, streng=False).is_valid()
    for_lang = steg_skjema(FORMAL, vurdering, {"mal": "a" * 3001}, streng=False)
    assert not for_lang.is_valid()
    assert "3000 eller færre tegn" in feil(for_lang, "mal")[0]
    assert steg_skjema(FORMAL, vurdering, {"mal": "a " * 1500}, streng=False).is_valid()


def test_strengt_skjema_krever_svar(ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    skjema = steg_skjema(FORMAL, vurdering, {})
    assert not skjema.is_valid()
    assert feil(skjema, "mal") == [str(FEIL_PAKREVD)]


def test_lost_kanalskjema_lagrer_ugyldig_url_som_skrevet(ansatt):
    vurdering = soknad(innsender=ansatt)
    data = {"plattform": "facebook", "eksisterende_url": "ikke en adresse"}
    lost = steg_skjema(STEG_ETTER_SLUG["kanal"], vurdering, data, streng=False)
    assert lost.is_valid()
    assert lost.svar()["eksisterende_url"] == "ikke en adresse"
    streng = steg_skjema(STEG_ETTER_SLUG["kanal"], vurdering, data)
    assert not streng.is_valid() and "eksisterende_url" in streng.errors


def test_plattform_annet_godtar_ukjent_nettsted(ansatt):
    vurdering = soknad(innsender=ansatt)
    data = {
        "virksomhet": vurdering.virksomhet_id,
        "plattform": "annet",
        "foreslatt_navn": "Skolens blogg",
        "eksisterende_url": "https://Blogg.Example.no/skolen/",
    }
    skjema = steg_skjema(STEG_ETTER_SLUG["kanal"], vurdering, data)
    assert skjema.is_valid(), skjema.errors
    assert skjema.svar()["eksisterende_url"] == "https://blogg.example.no/skolen"


def test_url_i_bruk_av_kanal_under_opprettelse_avvises(ansatt):
    KanalFactory(under_opprettelse=True, url="https://facebook.com/ny-side")
    vurdering = soknad(innsender=ansatt, eksisterende_url="https://facebook.com/ny-side")
    status = steg_kontroll(vurdering)[0]
    assert status.tilstand == "feil"
    assert "allerede registrert" in status.feil[0][1]


@pytest.mark.parametrize(
    ("timer", "melding"), [("0", FEIL_TIMER), ("-1", FEIL_TIMER), ("169", FEIL_TIMER_FOR_MANGE)]
)
def test_timer_per_uke_ma_vaere_rimelig(ansatt, timer, melding):
    vurdering = soknad(innsender=ansatt)
    data = data_fra_utkast(STEG_ETTER_SLUG["ressurser"], vurdering) | {"timer_per_uke": timer}
    for streng in (True, False):
        skjema = steg_skjema(STEG_ETTER_SLUG["ressurser"], vurdering, data, streng=streng)
        assert feil(skjema, "timer_per_uke") == [str(melding)]


def test_timer_godtar_komma(ansatt):
    vurdering = soknad(innsender=ansatt)
    data = data_fra_utkast(STEG_ETTER_SLUG["ressurser"], vurdering) | {"timer_per_uke": "1,5"}
    skjema = steg_skjema(STEG_ETTER_SLUG["ressurser"], vurdering, data)
    assert skjema.is_valid(), skjema.errors
    assert skjema.svar()["timer_per_uke"] == Decimal("1.5")


def test_samme_person_avvises_ogsa_i_lost_skjema(ansatt):
    vurdering = soknad(innsender=ansatt)
    data = {"ansvarlig": ansatt.pk, "stedfortreder": ansatt.pk}
    skjema = steg_skjema(STEG_ETTER_SLUG["ressurser"], vurdering, data, streng=False)
    assert feil(skjema, "stedfortreder") == [str(FEIL_STEDFORTREDER_ER_ANSVARLIG)]


def test_inaktiv_person_kan_ikke_velges(ansatt):
    sluttet = UserFactory(is_active=False)
    vurdering = soknad(innsender=ansatt, stedfortreder=sluttet)
    status = steg_kontroll(vurdering)[5]
    assert status.steg.slug == "ressurser" and status.tilstand == "feil"


def test_retningslinjer_ma_bekreftes_alle(ansatt):
    vurdering = soknad(innsender=ansatt, bekreftede_retningslinjer={})
    skjema = steg_skjema(STEG_ETTER_SLUG["retningslinjer"], vurdering, {NOKLER[0]: "on"})
    assert not skjema.is_valid()
    assert set(skjema.errors) == set(NOKLER[1:])
    assert feil(skjema, NOKLER[1]) == [str(FEIL_RETNINGSLINJE)]


def test_steg_kontroll_for_komplett_tomt_og_delvis_utkast(ansatt):
    assert all(status.fullfort for status in steg_kontroll(soknad(innsender=ansatt)))
    tom = Vurdering.objects.create(innsender=ansatt)
    assert {status.tilstand for status in steg_kontroll(tom)} == {"ikke_startet"}
    delvis = Vurdering.objects.create(innsender=ansatt, malgruppe="Foreldre")
    tilstander = [status.tilstand for status in steg_kontroll(delvis)]
    assert tilstander[2] == "feil" and tilstander.count("ikke_startet") == 6


def test_validering_endrer_ikke_utkastet(ansatt):
    vurdering = soknad(innsender=ansatt)
    steg_skjema(FORMAL, vurdering, {"mal": "ok"}).is_valid()
    assert vurdering.mal != "ok"
