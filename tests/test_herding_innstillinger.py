"""A variable set but empty, or an e-mail address of an unknown kind, stops start-up with a clear message."""

import subprocess
import sys

import pytest

from tests.test_drift import ROT, produksjonsmiljo


def oppstart(**miljo: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROT,
        env=produksjonsmiljo(**miljo),
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "navn", ["EMAIL_URL", "KOMMUNE_NAVN", "DATABASE_URL", "SITE_URL", "DEFAULT_FROM_EMAIL"]
)
@pytest.mark.parametrize("verdi", ["", "   "])
def test_tom_variabel_er_en_konfigurasjonsfeil_som_nevner_variabelen(navn, verdi):
    resultat = oppstart(**{navn: verdi})
    assert resultat.returncode != 0
    siste_linje = resultat.stderr.strip().splitlines()[-1]
    assert siste_linje.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert f"{navn} er satt, men tom." in siste_linje


def test_ukjent_epostadresse_nevner_variabelen_men_ikke_passordet():
    resultat = oppstart(EMAIL_URL="smpt://kanal:hemmelig-passord@smtp.example.no:587")
    assert resultat.returncode != 0
    siste_linje = resultat.stderr.strip().splitlines()[-1]
    assert siste_linje.startswith("django.core.exceptions.ImproperlyConfigured: EMAIL_URL ")
    assert "hemmelig-passord" not in resultat.stderr


def test_gyldige_verdier_starter():
    assert oppstart(KOMMUNE_NAVN="Skien kommune", EMAIL_URL="consolemail://").returncode == 0
