"""Generated input against forms and endpoints: never a 500, never a row from a rejected request."""

import pytest
from hypothesis import HealthCheck, given, settings

from kanaler.normalisering import UgyldigUrl, gjenkjenn_plattform, normaliser_url
from tests.strategier import FIENDTLIG_TEKST

RASK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@RASK
@given(tekst=FIENDTLIG_TEKST)
def test_normalisering_gir_kanonisk_form_eller_ugyldigurl(tekst):
    try:
        url = normaliser_url(tekst)
    except UgyldigUrl as feil:
        assert str(feil)
        assert gjenkjenn_plattform(tekst) is None
        return
    assert url.startswith("https://")
    assert normaliser_url(url) == url


@RASK
@given(brukernavn=FIENDTLIG_TEKST, passord=FIENDTLIG_TEKST)
@pytest.mark.django_db
def test_innlogging_med_generert_inndata_gir_aldri_serverfeil(client, brukernavn, passord):
    respons = client.post("/konto/logg-inn/", {"username": brukernavn, "password": passord})
    assert respons.status_code in (200, 429)
