"""Authentication backends: local passwords (break-glass, demo) and the municipality's OpenID provider."""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import oppsett
from .tjenester import InnloggingAvvist, bruker_fra_innlogging

SIGNERINGSALGORITME = "RS256"
FEIL_UGYLDIG_TOKEN = _(
    "Vi kunne ikke bekrefte innloggingen fra kommunens innlogging, så du er ikke logget inn. Prøv igjen."
)


class LokalBackend(ModelBackend):
    """Username and password: everyone may use it, or with LOKAL_INNLOGGING=false only superusers."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and (oppsett.lokal_innlogging() or user.is_superuser)


class KommuneBackend(OIDCAuthenticationBackend):
    """Sign-in with the municipality's account: a verified ID token makes or updates the user."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for each permission check: the provider is only asked at sign-in.
        self.UserModel = get_user_model()

    OIDC_RP_SIGN_ALGO = SIGNERINGSALGORITME
    OIDC_RP_IDP_SIGN_KEY = None

    @property
    def OIDC_RP_CLIENT_ID(self):  # noqa: N802  the name mozilla-django-oidc reads
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self):  # noqa: N802
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802
        return oppsett.endepunkter().token

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return oppsett.endepunkter().jwks

    def authenticate(self, request, **kwargs):
        # Only the callback passes a nonce: a password login never reaches the provider.
        if request is None or "nonce" not in kwargs or not oppsett.er_aktivert():
            return None
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for this token: the one with its key id, or the only one there is."""
        svar = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        svar.raise_for_status()
        nokler = [
            nokkel
            for nokkel in svar.json().get("keys", [])
            if nokkel.get("kty") == "RSA"
            and nokkel.get("use", "sig") == "sig"
            and nokkel.get("alg", SIGNERINGSALGORITME) == SIGNERINGSALGORITME
        ]
        nokkel_id = jwt.get_unverified_header(token).get("kid")
        if nokkel_id is not None:
            nokler = [nokkel for nokkel in nokler if nokkel.get("kid") == nokkel_id]
        if len(nokler) != 1:
            raise InnloggingAvvist(FEIL_UGYLDIG_TOKEN, f"{len(nokler)} JWKS keys match kid {nokkel_id!r}")
        return jwt.PyJWK(nokler[0], algorithm=SIGNERINGSALGORITME)

    def verify_token(self, token, **kwargs):
        """The verified claims of the ID token; a bad signature, key or nonce refuses the sign-in."""
        try:
            return super().verify_token(token, **kwargs)
        except (jwt.InvalidTokenError, SuspiciousOperation, KeyError, TypeError) as feil:
            raise InnloggingAvvist(FEIL_UGYLDIG_TOKEN, f"ID token refused: {feil!r}") from feil

    def get_payload_data(self, token, key):
        """The ID token's claims, once its signature, issuer, audience and lifetime hold."""
        klient = settings.OIDC_RP_CLIENT_ID
        try:
            krav = jwt.decode(
                token,
                key,
                algorithms=[SIGNERINGSALGORITME],
                audience=klient,
                issuer=oppsett.endepunkter().utsteder,
                leeway=settings.OIDC_KLOKKEAVVIK_SEKUNDER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as feil:
            raise InnloggingAvvist(FEIL_UGYLDIG_TOKEN, f"ID token refused: {feil}") from feil
        if isinstance(krav["aud"], list) and len(krav["aud"]) > 1 and krav.get("azp") != klient:
            raise InnloggingAvvist(FEIL_UGYLDIG_TOKEN, "ID token has several audiences and another azp")
        return krav

    def get_or_create_user(self, access_token, id_token, payload):
        # App roles come only in the ID token, so its verified claims are used, not userinfo.
        return bruker_fra_innlogging(krav=payload)

    def get_user(self, user_id):
        """The signed-in user, unless deactivated since (SCIM ends their sessions this way)."""
        bruker = super().get_user(user_id)
        return bruker if bruker is not None and bruker.is_active else None
