"""System checks of our own: `manage.py check`, and with `--deploy` the deployment checks."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, Warning, register

KONSOLL_EPOST = "django.core.mail.backends.console.EmailBackend"
STATIC_I_MAL = re.compile(r"""{%\s*static\s+["']([^"']+)["']\s*%}""")


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


@register(deploy=True)
def tilgjengelighetserklaeringen_er_publisert(app_configs, **kwargs):
    """Warns while the accessibility statement has no link to the declaration published on uustatus.no."""
    if settings.UUSTATUS_URL:
        return []
    return [
        Warning(
            "Tilgjengelighetserklæringen lenker ikke til erklæringen på uustatus.no.",
            hint="Offentlige virksomheter skal publisere tilgjengelighetserklæringen på uustatus.no. "
            "Sett UUSTATUS_URL til adressen til den publiserte erklæringen for Kanalregisteret.",
            id="kanalregister.W002",
        )
    ]


def _statiske_filer_i_malene() -> set[str]:
    """Every file the project's templates link to with {% static "..." %}."""
    stier: set[str] = set()
    for mappe in settings.TEMPLATES[0]["DIRS"]:
        for mal in Path(mappe).rglob("*.html"):
            stier.update(STATIC_I_MAL.findall(mal.read_text(encoding="utf-8")))
    return stier


def _lagret_av_collectstatic(sti: str) -> bool:
    """Whether collectstatic already stored the file; the sources may be gone after it ran."""
    return isinstance(staticfiles_storage, ManifestFilesMixin) and sti in staticfiles_storage.hashed_files


@register
def statiske_filer_finnes(app_configs, **kwargs):
    """Fails when a file the pages link to cannot be served: in production every page would fail."""
    mangler = sorted(
        sti
        for sti in _statiske_filer_i_malene()
        if not finders.find(sti) and not _lagret_av_collectstatic(sti)
    )
    if not mangler:
        return []
    return [
        Error(
            "Statiske filer som sidene lenker til, finnes ikke: "
            f"{', '.join(mangler)}. Uten dem gir hver side en serverfeil i produksjon.",
            hint="Bootstrap og de andre front-end-pakkene installeres fra npm-registeret med `npm ci` "
            "(eller `make install`). Kjør deretter `collectstatic` på nytt i produksjon.",
            id="kanalregister.E001",
        )
    ]
