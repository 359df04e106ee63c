"""Sign-in and sign-out pages: the login page, the OpenID Connect redirect and callback, logout."""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kanaler.roller import roller_for

from . import oppsett
from .tjenester import InnloggingAvvist

logger = logging.getLogger(__name__)

KOMMUNE_BACKEND = "porsgrunn_site.identitet.backends.KommuneBackend"
FEIL_UTILGJENGELIG = _("Kommunens innlogging svarer ikke akkurat nå. Prøv igjen om litt.")
FEIL_AVBRUTT = _("Innloggingen ble avbrutt eller avvist hos kommunens innlogging, så du er ikke logget inn.")
FEIL_UTLOPT_FORSOK = _(
    "Innloggingsforsøket er utløpt eller ble startet i en annen fane eller nettleser. "
    "Prøv å logge inn på nytt."
)
FEIL_DEAKTIVERT = _(
    "Kontoen din i Kanalregisteret er deaktivert, så du kan ikke logge inn. "
    "Mener du at dette er feil, kontakt kommunikasjonsrådgiverne."
)


def feilside(request, melding, *, status: int):
    """The sign-in was refused: a page in bokmål that says why and offers to try again."""
    return render(request, "registration/innlogging_feil.html", {"melding": melding}, status=status)


class LoggInn(auth_views.LoginView):
    """The login page: the municipality's account first when configured, then username and password."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        kontekst = super().get_context_data(**kwargs)
        kontekst["kommune_innlogging"] = oppsett.er_aktivert()
        kontekst["lokal_innlogging"] = oppsett.lokal_innlogging()
        neste = kontekst.get("next")
        kontekst["kommune_innlogging_url"] = reverse("oidc_authentication_init") + (
            f"?{urlencode({'next': neste})}" if neste else ""
        )
        return kontekst


class KommuneInnlogging(OIDCAuthenticationRequestView):
    """Sends the person to the municipality's sign-in with state, nonce and a PKCE challenge."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the parent reads the endpoint from settings; discovery gives it here
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not oppsett.er_aktivert():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oppsett.endepunkter().autorisering
        except oppsett.LeverandorUtilgjengelig as feil:
            logger.warning("OpenID provider unavailable: %s", feil)
            return feilside(request, FEIL_UTILGJENGELIG, status=503)
        return super().get(request)


class KommuneTilbakekall(OIDCAuthenticationCallbackView):
    """The provider sends the person back here; the code becomes a verified ID token and a signed-in user."""

    def get(self, request):
        if not oppsett.er_aktivert():
            raise Http404
        self.user = None
        try:
            return self._tilbakekall(request)
        except InnloggingAvvist as feil:
            logger.warning("sign-in refused: %s", feil)
            return feilside(request, feil.melding, status=400)
        except SuspiciousOperation as feil:
            logger.warning("sign-in refused: %s", feil)
            return feilside(request, FEIL_UTLOPT_FORSOK, status=400)
        except (oppsett.LeverandorUtilgjengelig, requests.RequestException) as feil:
            logger.warning("OpenID provider unavailable: %s", feil)
            return feilside(request, FEIL_UTILGJENGELIG, status=503)

    def _tilbakekall(self, request):
        try:
            return super().get(request)
        except requests.HTTPError as feil:
            if feil.response is not None and feil.response.status_code < 500:
                # The token endpoint refused the code (used, expired, or the PKCE verifier does not match).
                logger.warning("token endpoint answered %s", feil.response.status_code)
                return feilside(request, FEIL_UTLOPT_FORSOK, status=400)
            raise

    @property
    def success_url(self):
        neste = self.request.session.get("oidc_login_next")
        if neste:
            return neste
        if roller_for(self.user).radgiver:
            return reverse("admin:index")
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def login_failure(self):
        if self.user is not None and not self.user.is_active:
            logger.warning("sign-in refused: user %s is deactivated", self.user.pk)
            return feilside(self.request, FEIL_DEAKTIVERT, status=403)
        if self.request.GET.get("error"):
            logger.info("provider returned error %r", self.request.GET.get("error")[:100])
            return feilside(self.request, FEIL_AVBRUTT, status=400)
        return feilside(self.request, FEIL_UTLOPT_FORSOK, status=400)


def _utlogging_hos_leverandor(request, id_token: str | None) -> str | None:
    """Where the provider ends its own session, when it offers that and the CSP lets the form go there."""
    try:
        utlogging = oppsett.endepunkter().utlogging
    except oppsett.LeverandorUtilgjengelig as feil:
        logger.warning("OpenID provider unavailable at sign-out: %s", feil)
        return None
    if not utlogging:
        return None
    if not oppsett.skjema_kan_sende_til(utlogging):
        logger.warning("end_session_endpoint is not allowed by the CSP's form-action; signing out locally")
        return None
    parametre = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
    }
    if id_token:
        parametre["id_token_hint"] = id_token
    return f"{utlogging}{'&' if '?' in utlogging else '?'}{urlencode(parametre)}"


@never_cache
@require_POST
def logg_ut(request):
    """Anyone signed in signs out here; after the municipality's sign-in, its session is ended too."""
    fra_kommunen = request.session.get(auth.BACKEND_SESSION_KEY) == KOMMUNE_BACKEND
    id_token = request.session.get("oidc_id_token")
    auth.logout(request)
    adresse = None
    if fra_kommunen and oppsett.er_aktivert():
        adresse = _utlogging_hos_leverandor(request, id_token)
    return HttpResponseRedirect(adresse or resolve_url(settings.LOGOUT_REDIRECT_URL))
