"""The login lockout behind a proxy: the client's own address counts, per username and per address."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PASSORD = "passord-for-test"
PERSON = "203.0.113.7"
ANNEN_PERSON = "198.51.100.2"


def logg_inn(brukernavn: str, passord: str, forwarded_for: str | None = None):
    """One login attempt from a fresh browser, through the proxy when forwarded_for is given."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    return Client().post("/konto/logg-inn/", {"username": brukernavn, "password": passord}, headers=headers)


@override_settings(PROXY_ANTALL=1)
def test_bak_proxyen_sperres_bare_den_som_taster_feil(radgiver):
    svar = [logg_inn(radgiver.username, "galt", PERSON).status_code for _ in range(5)]
    assert svar == [200, 200, 200, 200, 429]
    assert logg_inn(radgiver.username, PASSORD, PERSON).status_code == 429
    assert logg_inn(radgiver.username, PASSORD, ANNEN_PERSON).status_code == 302


@override_settings(PROXY_ANTALL=1)
def test_adressen_klienten_selv_skriver_foran_teller_ikke(radgiver):
    for forsok in range(5):
        logg_inn(radgiver.username, "galt", f"10.0.0.{forsok}, {PERSON}")
    assert logg_inn(radgiver.username, PASSORD, f"10.0.0.99, {PERSON}").status_code == 429


@override_settings(PROXY_ANTALL=2)
def test_med_to_proxyer_er_klienten_nest_siste_adresse(radgiver):
    lastbalanserer = "192.0.2.10"
    for _ in range(5):
        logg_inn(radgiver.username, "galt", f"{PERSON}, {lastbalanserer}")
    assert logg_inn(radgiver.username, PASSORD, f"{PERSON}, {lastbalanserer}").status_code == 429
    assert logg_inn(radgiver.username, PASSORD, f"{ANNEN_PERSON}, {lastbalanserer}").status_code == 302


@override_settings(PROXY_ANTALL=0)
def test_uten_proxy_brukes_ikke_overskriften(radgiver):
    for forsok in range(5):
        logg_inn(radgiver.username, "galt", f"203.0.113.{forsok}")
    assert logg_inn(radgiver.username, PASSORD, ANNEN_PERSON).status_code == 429


@pytest.mark.parametrize(
    ("antall", "forwarded_for"),
    [(1, "ikke-en-adresse"), (1, ""), (1, "203.0.113.7:443"), (2, "203.0.113.7"), (1, "203.0.113.7,")],
)
def test_ugyldig_eller_for_kort_overskrift_gir_proxyens_adresse(radgiver, antall, forwarded_for):
    with override_settings(PROXY_ANTALL=antall):
        for _ in range(5):
            logg_inn(radgiver.username, "galt", forwarded_for)
        # Every malformed attempt counted against the proxy's own address, which locks it.
        assert logg_inn(radgiver.username, PASSORD, forwarded_for).status_code == 429
        gyldig = ", ".join([ANNEN_PERSON] * antall)
        assert logg_inn(radgiver.username, PASSORD, gyldig).status_code == 302


@override_settings(PROXY_ANTALL=1)
def test_passordspraying_fra_en_adresse_sperres_uten_a_sperre_andre(radgiver):
    grense = settings.AXES_FEIL_PER_ADRESSE
    svar = [logg_inn(f"gjettet{nummer}", "Sommer2026!", PERSON).status_code for nummer in range(grense)]
    assert svar == [200] * (grense - 1) + [429]
    assert logg_inn(radgiver.username, PASSORD, PERSON).status_code == 429
    assert logg_inn("enda-en", "Sommer2026!", PERSON).status_code == 429
    assert logg_inn(radgiver.username, PASSORD, ANNEN_PERSON).status_code == 302


@override_settings(PROXY_ANTALL=1)
def test_et_kontor_bak_samme_adresse_sperres_ikke_av_noen_skrivefeil(radgiver):
    for nummer in range(8):
        for _ in range(2):
            logg_inn(f"kollega{nummer}", "skrivefeil", PERSON)
    assert logg_inn(radgiver.username, PASSORD, PERSON).status_code == 302
