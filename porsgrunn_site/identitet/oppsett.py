"""The identity provider's configuration: settings from the environment, endpoints from discovery."""

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

DISCOVERY_STI = "/.well-known/openid-configuration"
# The provider's endpoints rarely change; an hour keeps a key or endpoint change from lasting long.
DISCOVERY_LEVETID_SEKUNDER = 60 * 60

_hurtiglager: dict[str, tuple[float, "Endepunkter"]] = {}
_laas = threading.Lock()


class LeverandorUtilgjengelig(Exception):
    """The provider's discovery document could not be read."""


@dataclass(frozen=True)
class Endepunkter:
    utsteder: str
    autorisering: str
    token: str
    jwks: str
    utlogging: str | None


def er_aktivert() -> bool:
    """Sign-in with the municipality's account is offered when a client id and a provider are set."""
    return bool(settings.OIDC_RP_CLIENT_ID and discovery_url())


def lokal_innlogging() -> bool:
    """Whether everyone (not only superusers) may sign in with a local password."""
    return settings.LOKAL_INNLOGGING


def discovery_url() -> str:
    if settings.OIDC_DISCOVERY_URL:
        return settings.OIDC_DISCOVERY_URL
    if settings.OIDC_ISSUER:
        return settings.OIDC_ISSUER.rstrip("/") + DISCOVERY_STI
    return ""


def opprinnelse(url: str) -> str:
    """scheme://host[:port] of a URL, as a Content-Security-Policy source."""
    deler = urlsplit(url)
    return f"{deler.scheme}://{deler.netloc}"


def endepunkter() -> Endepunkter:
    """The provider's endpoints, read from its discovery document once and cached."""
    url = discovery_url()
    with _laas:
        lagret = _hurtiglager.get(url)
        if lagret and lagret[0] > time.monotonic():
            return lagret[1]
    try:
        svar = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        svar.raise_for_status()
        dokument = svar.json()
        resultat = Endepunkter(
            utsteder=dokument["issuer"],
            autorisering=dokument["authorization_endpoint"],
            token=dokument["token_endpoint"],
            jwks=dokument["jwks_uri"],
            utlogging=dokument.get("end_session_endpoint"),
        )
    except (requests.RequestException, ValueError, KeyError, TypeError) as feil:
        raise LeverandorUtilgjengelig(str(feil)) from feil
    if settings.OIDC_ISSUER and resultat.utsteder.rstrip("/") != settings.OIDC_ISSUER.rstrip("/"):
        raise LeverandorUtilgjengelig(f"discovery names issuer {resultat.utsteder!r}, not OIDC_ISSUER")
    with _laas:
        _hurtiglager[url] = (time.monotonic() + DISCOVERY_LEVETID_SEKUNDER, resultat)
    return resultat


def glem_endepunkter() -> None:
    """Forgets the cached discovery documents (the next sign-in reads them again)."""
    with _laas:
        _hurtiglager.clear()


def skjema_kan_sende_til(url: str) -> bool:
    """Whether the Content-Security-Policy's form-action lets a form's redirect go to this URL."""
    tillatt = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("form-action", [])
    return opprinnelse(url) in tillatt
