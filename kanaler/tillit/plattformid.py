"""Addresses made from a platform's permanent id, and the form each platform's id takes."""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext_lazy as _

# Platform -> the pattern of its permanent id and how to write it.
ID_MONSTER = {
    "facebook": (
        re.compile(r"^\d{5,20}$"),
        _("Facebook-sidens id er bare sifre, for eksempel 100064512345678."),
    ),
    "instagram": (re.compile(r"^\d{3,20}$"), _("Instagram-brukerens id er bare sifre.")),
    "x": (re.compile(r"^\d{1,20}$"), _("X-brukerens id er bare sifre.")),
    "linkedin": (re.compile(r"^\d{1,15}$"), _("LinkedIn-organisasjonens id er bare sifre.")),
    "youtube": (
        re.compile(r"^UC[0-9A-Za-z_-]{22}$"),
        _("YouTube-kanalens id begynner med UC og har 24 tegn, for eksempel UCabcdefghijklmnopqrstuv."),
    ),
}
FEIL_ID_PLATTFORM = _("Plattformen %(plattform)s har ingen fast id Kanalregisteret kjenner.")
YOUTUBE_KANAL = re.compile(r"^/channel/(UC[0-9A-Za-z_-]{22})$")
LINKEDIN_FIRMA = re.compile(r"^/company/(\d{1,15})$")


def id_fra_url(url: str) -> tuple[str, str] | None:
    """(platform, id) when a normalised address is made from a permanent id, otherwise None."""
    deler = urlsplit(url)
    vert, sti = deler.hostname or "", deler.path
    if vert == "facebook.com" and sti == "/profile.php":
        verdier = parse_qs(deler.query).get("id", [])
        if len(verdier) == 1 and ID_MONSTER["facebook"][0].match(verdier[0]):
            return "facebook", verdier[0]
    elif vert == "youtube.com" and (treff := YOUTUBE_KANAL.match(sti)):
        return "youtube", treff[1]
    elif vert == "linkedin.com" and (treff := LINKEDIN_FIRMA.match(sti)):
        return "linkedin", treff[1]
    return None


FEIL_ID_AVVIK = _(
    "Adressen er laget av id-en %(fra_adressen)s, men kanalens faste id er %(fast)s. Sjekk at adressen og "
    "id-en hører til samme konto; kan noen ha tatt over navnet?"
)


def id_avvik(*, url: str, plattform: str, plattform_id: str) -> str | None:
    """A warning for the admin when the address is made from another id than the channel's permanent one."""
    fra_adressen = id_fra_url(url) if url else None
    if fra_adressen is None or not plattform_id or fra_adressen == (plattform, plattform_id):
        return None
    return FEIL_ID_AVVIK % {"fra_adressen": fra_adressen[1], "fast": plattform_id}
