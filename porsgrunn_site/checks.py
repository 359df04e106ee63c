"""Deployment checks of our own, reported by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Warning, register

KONSOLL_EPOST = "django.core.mail.backends.console.EmailBackend"


@register(deploy=True)
def epost_er_satt_opp(app_configs, **kwargs):
    """Warns when notifications would only be printed to the log instead of sent."""
    if settings.EMAIL_BACKEND != KONSOLL_EPOST:
        return []
    return [
        Warning(
            "E-post sendes ikke, men skrives til loggen (med mottakernes adresser).",
            hint="Sett EMAIL_URL, for eksempel smtp+tls://bruker:passord@smtp.example.no:587.",
            id="kanalregister.W001",
        )
    ]
