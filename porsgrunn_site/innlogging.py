"""Who is logging in from where, and when the login lockout (django-axes) stops them."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def klientadresse(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind PROXY_ANTALL proxies the address the outermost one saw.

    Each proxy appends the address it was connected from to X-Forwarded-For, so only the last
    PROXY_ANTALL entries are trustworthy; anything to their left is whatever the client sent.
    A header too short or not an address falls back to REMOTE_ADDR, which no client can choose.
    """
    direkte = request.META.get("REMOTE_ADDR")
    antall = settings.PROXY_ANTALL
    if antall <= 0:
        return direkte
    adresser = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(adresser) < antall:
        return direkte
    try:
        return str(ipaddress.ip_address(adresser[-antall].strip()))
    except ValueError:
        return direkte


class Innloggingssperre(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit: failures from one address across all usernames.

    Axes compares every lockout parameter with one AXES_FAILURE_LIMIT, and a successful login
    resets every attempt matching its parameters; counting the address here keeps one person's
    login from wiping out the failures of someone trying many usernames from the same address.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        feil = super().get_failures(request, credentials)
        fra_adressen = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(antall=Sum("failures_since_start"))["antall"]
        if (fra_adressen or 0) >= settings.AXES_FEIL_PER_ADRESSE:
            return max(feil, get_failure_limit(request, credentials))
        return feil
