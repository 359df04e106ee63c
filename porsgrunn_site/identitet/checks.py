"""Configuration checks for sign-in and provisioning, reported by `manage.py check`."""

from django.conf import settings
from django.core.checks import Error, Warning, register

SCIM_TOKEN_MINSTE_LENGDE = 32


@register()
def oidc_er_satt_opp(app_configs, **kwargs):
    """An OpenID provider half configured is an error: sign-in would fail for everyone."""
    leverandor = settings.OIDC_ISSUER or settings.OIDC_DISCOVERY_URL
    if not (leverandor or settings.OIDC_RP_CLIENT_ID or settings.OIDC_RP_CLIENT_SECRET):
        return []
    mangler = [
        navn
        for navn, verdi in (
            ("OIDC_ISSUER eller OIDC_DISCOVERY_URL", leverandor),
            ("OIDC_CLIENT_ID", settings.OIDC_RP_CLIENT_ID),
            ("OIDC_CLIENT_SECRET", settings.OIDC_RP_CLIENT_SECRET),
        )
        if not verdi
    ]
    if not mangler:
        return []
    return [
        Error(
            f"Innlogging med kommunens konto er bare delvis satt opp: {', '.join(mangler)} mangler.",
            hint="Sett alle tre, eller ingen av dem for å bruke lokale passord (se README).",
            id="identitet.E001",
        )
    ]


@register(deploy=True)
def scim_token_er_sterkt(app_configs, **kwargs):
    """A short SCIM token can be guessed; it gives the power to make and deactivate users."""
    if not settings.SCIM_TOKEN or len(settings.SCIM_TOKEN) >= SCIM_TOKEN_MINSTE_LENGDE:
        return []
    return [
        Warning(
            f"SCIM_TOKEN er kortere enn {SCIM_TOKEN_MINSTE_LENGDE} tegn.",
            hint="Lag et nytt, f.eks. med python -c 'import secrets; print(secrets.token_urlsafe(48))'",
            id="identitet.W001",
        )
    ]
