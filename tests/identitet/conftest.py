"""Fixtures for sign-in: a local OpenID provider and the settings that point the app at it."""

import copy
from urllib.parse import urlsplit

import pytest
from csp.constants import SELF

from porsgrunn_site.identitet.oppsett import glem_endepunkter
from tests.identitet.leverandor import KLIENT_HEMMELIGHET, KLIENT_ID, Testleverandor

ROLLE_RADGIVER = "Kanalregister.Radgiver"
ROLLE_LEDELSE = "Kanalregister.Ledelse"
ROLLE_PERSONVERNOMBUD = "Kanalregister.Personvernombud"
GRUPPE_RADGIVERE = "7f0c2d1e-0000-4000-8000-000000000001"


def pek_mot_leverandor(settings, utsteder: str):
    """Settings as the environment would give them for a provider at this issuer."""
    settings.OIDC_ISSUER = utsteder
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_RP_CLIENT_ID = KLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = KLIENT_HEMMELIGHET
    settings.OIDC_ROLLE_RADGIVER = [ROLLE_RADGIVER, GRUPPE_RADGIVERE]
    settings.OIDC_ROLLE_LEDELSE = [ROLLE_LEDELSE]
    settings.OIDC_ROLLE_PERSONVERNOMBUD = [ROLLE_PERSONVERNOMBUD]
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    deler = urlsplit(utsteder)
    csp["DIRECTIVES"]["form-action"] = [SELF, f"{deler.scheme}://{deler.netloc}"]
    settings.CONTENT_SECURITY_POLICY = csp
    glem_endepunkter()


@pytest.fixture(scope="session")
def _testleverandor():
    leverandor = Testleverandor()
    yield leverandor
    leverandor.stopp()


@pytest.fixture
def leverandor(_testleverandor, settings):
    """The local provider, with the app configured to sign in through it."""
    _testleverandor.nullstill()
    pek_mot_leverandor(settings, _testleverandor.utsteder)
    yield _testleverandor
    glem_endepunkter()


def logg_inn_via(client, leverandor, neste: str | None = None, **krav):
    """Signs in through the provider as a browser would: start, then back to the callback with the code."""
    start = client.get("/oidc/start/", {"next": neste} if neste else {})
    assert start.status_code == 302, start
    parametre = leverandor.start_innlogging(start["Location"])
    leverandor.krav = krav
    return client.get("/oidc/callback/", {"code": "kode-fra-leverandoren", "state": parametre["state"]})
