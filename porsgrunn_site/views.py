from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kanaler.selectors.register import startside_tall as kanal_startside_tall
from vurdering import selectors as vurdering_selectors


def start(request):
    """Start page: shows each role (anonymous, ansatt, ledelse, rådgiver) what it can do."""
    tall = {
        **kanal_startside_tall(request.user),
        **vurdering_selectors.startside_tall(request.user),
    }
    return render(request, "start.html", {"tall": tall})


# The day the accessibility statement's text last changed: update it with the text.
ERKLAERINGEN_OPPDATERT = date(2026, 12, 1)


@require_GET
def tilgjengelighet(request):
    """The accessibility statement, open to everyone, with the municipality's own contact details."""
    return render(
        request,
        "tilgjengelighet.html",
        {
            "oppdatert": ERKLAERINGEN_OPPDATERT,
            "epost": settings.KOMMUNE_EPOST,
            "telefon": settings.KOMMUNE_TELEFON,
            "uustatus_url": settings.UUSTATUS_URL,
        },
    )


@never_cache
@require_GET
def helse(request):
    """Monitoring: 200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database svarer ikke\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def admin_logg_inn(request):
    """The admin has no login form of its own: everyone logs in on /konto/logg-inn/, behind the same lockout.

    A logged-in user sent here by the admin lacks access to it, so gets 403 instead of a redirect loop.
    A ``next`` off the site is replaced by the admin's index before it is passed on.
    """
    neste = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        neste, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        neste = reverse("admin:index")
    if request.user.is_authenticated:
        if not admin.site.has_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(neste)
    return HttpResponseRedirect(f"{reverse('logg_inn')}?{urlencode({'next': neste})}")


def ingen_tilgang(request, exception=None):
    return render(request, "403.html", status=403)


def ikke_funnet(request, exception=None):
    return render(request, "404.html", status=404)


def serverfeil(request):
    # No request context: the page must render even when the database or the session is what failed.
    kontekst = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(kontekst))
