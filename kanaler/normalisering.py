"""URL normalisation and platform recognition for channel addresses."""

import re
import string
import unicodedata
from urllib.parse import parse_qsl, quote, unquote_to_bytes, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

MAKS_LENGDE = 500
FEIL_UGYLDIG = _("Dette er ikke en gyldig nettadresse.")
FEIL_FOR_LANG = _("Adressen er for lang (høyst %(maks)s tegn).")

# Host (after removing prefixes such as www. and m.) -> (canonical host, platform).
VERTER = {
    "facebook.com": ("facebook.com", "facebook"),
    "fb.com": ("facebook.com", "facebook"),
    "fb.me": ("facebook.com", "facebook"),
    "instagram.com": ("instagram.com", "instagram"),
    "instagr.am": ("instagram.com", "instagram"),
    "x.com": ("x.com", "x"),
    "twitter.com": ("x.com", "x"),
    "linkedin.com": ("linkedin.com", "linkedin"),
    "youtube.com": ("youtube.com", "youtube"),
    "tiktok.com": ("tiktok.com", "tiktok"),
    "snapchat.com": ("snapchat.com", "snapchat"),
}
PREFIKSER = ("www.", "m.", "mobile.", "web.", "touch.", "mbasic.", "no.", "nb-no.")

# Query parameters that identify the channel itself; every other one is dropped on
# known platforms (tracking: utm_*, fbclid, ref, igshid, si, ...).
BEHOLD_PARAMETRE = {"facebook": {"id"}}
SPORINGSPARAMETRE = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_[a-z]+|ref|ref_src|ref_url|refsrc|"
    r"igshid|igsh|si|mibextid|hl|locale|_rdr|fref|__tn__|__cft__.*|s|t|feature)$",
    re.IGNORECASE,
)
# Path segments whose case matters (YouTube channel ids); everything else on a known
# platform is case-insensitive.
STORE_OG_SMA = re.compile(r"^/channel/", re.IGNORECASE)
VERT_MONSTER = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")

# RFC 3986: unreserved characters mean the same percent-encoded or not; the reserved ones a
# path may hold literally keep the form they were given in. ALDRI_TILLATT may stand nowhere.
URESERVERT = frozenset(string.ascii_letters + string.digits + "-._~")
STITEGN = URESERVERT | frozenset("!$&'()*+,;=:@/")
ALDRI_TILLATT = frozenset('"<>\\^`{|}')
PROSENTKODE = re.compile(r"%([0-9A-Fa-f]{2})")


class UgyldigUrl(ValueError):
    """Raised with a bokmål message when a text cannot be read as a channel URL."""


def _vert_og_plattform(vert: str) -> tuple[str, str | None]:
    vert = vert.lower().rstrip(".")
    while True:
        for prefiks in PREFIKSER:
            if vert.startswith(prefiks) and vert[len(prefiks) :] in VERTER:
                vert = vert[len(prefiks) :]
                break
        else:
            break
    if vert in VERTER:
        return VERTER[vert]
    return vert, None


def _kanonisk_sti(sti: str) -> str:
    """The path with canonical percent-encoding (RFC 3986, 6.2.2) and no dot segments."""
    # Non-ASCII text and the brackets (allowed only around an IPv6 host) become UTF-8 escapes.
    sti = quote(sti, safe="".join(STITEGN) + "%")
    sti = PROSENTKODE.sub(
        lambda treff: chr(int(treff[1], 16)) if chr(int(treff[1], 16)) in URESERVERT else treff[0].upper(),
        sti,
    )
    segmenter: list[str] = []
    for segment in re.sub(r"/{2,}", "/", sti).split("/"):
        if segment == "..":
            if len(segmenter) > 1:
                segmenter.pop()
        elif segment != ".":
            segmenter.append(segment)
    return "/".join(segmenter).rstrip("/")


def _sma_bokstaver(sti: str) -> str:
    """A canonical path in lower case, also the letters written as UTF-8 escapes."""

    def senk(treff: re.Match) -> str:
        if not treff[0].startswith("%"):
            return treff[0].lower()
        if treff[1] is None:
            return treff[0]
        tekst = unquote_to_bytes(treff[1]).decode("utf-8", "surrogateescape")
        return quote(tekst.lower(), safe="", errors="surrogateescape")

    return re.sub(r"((?:%[89A-F][0-9A-F])+)|%[0-7][0-9A-F]|[^%]+", senk, sti)


def normaliser_url(tekst: str) -> str:
    """The canonical form of a channel URL; raises UgyldigUrl for text that is not one."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise UgyldigUrl(_("Skriv inn en adresse."))
    if len(tekst) > MAKS_LENGDE:
        raise UgyldigUrl(FEIL_FOR_LANG % {"maks": MAKS_LENGDE})
    if any(tegn.isspace() or unicodedata.category(tegn) == "Cc" for tegn in tekst):
        raise UgyldigUrl(_("Adressen kan ikke inneholde mellomrom eller kontrolltegn."))
    if any(unicodedata.category(tegn) == "Cs" for tegn in tekst):  # lone surrogates: not text
        raise UgyldigUrl(FEIL_UGYLDIG)
    ulovlige = sorted({tegn for tegn in tekst if tegn in ALDRI_TILLATT})
    if ulovlige:
        raise UgyldigUrl(
            _("Dette er ikke en gyldig nettadresse (tegn som ikke er tillatt: %(tegn)s).")
            % {"tegn": " ".join(ulovlige)}
        )
    if re.search(r"%(?![0-9A-Fa-f]{2})", tekst):
        raise UgyldigUrl(
            _("Dette er ikke en gyldig nettadresse: et %-tegn må følges av to sifre eller A–F, som i %20.")
        )
    if "://" not in tekst:
        tekst = "https://" + tekst.lstrip("/")
    try:
        deler = urlsplit(tekst)
        port = deler.port
    except ValueError as feil:
        raise UgyldigUrl(FEIL_UGYLDIG) from feil
    if deler.scheme.lower() not in ("http", "https"):
        raise UgyldigUrl(_("Adressen må begynne med https:// eller http://."))
    if deler.username or deler.password:
        raise UgyldigUrl(_("Adressen kan ikke inneholde brukernavn eller passord."))
    vert = (deler.hostname or "").lower()
    try:
        # Internationalised host names are stored in their ASCII (punycode) form.
        vert = vert.encode("idna").decode("ascii")
    except UnicodeError as feil:
        raise UgyldigUrl(FEIL_UGYLDIG) from feil
    if not VERT_MONSTER.match(vert):
        raise UgyldigUrl(FEIL_UGYLDIG)
    vert, plattform = _vert_og_plattform(vert)
    if port and port not in (80, 443):
        vert = f"{vert}:{port}"

    sti = _kanonisk_sti(deler.path)
    if plattform and not STORE_OG_SMA.match(sti):
        sti = _sma_bokstaver(sti)
    # Escapes that are not UTF-8 survive as the same bytes instead of becoming U+FFFD.
    parametre = parse_qsl(deler.query, keep_blank_values=False, errors="surrogateescape")
    if plattform:
        behold = BEHOLD_PARAMETRE.get(plattform, set())
        parametre = [(k, v) for k, v in parametre if k.lower() in behold]
    else:
        parametre = [(k, v) for k, v in parametre if not SPORINGSPARAMETRE.match(k)]
    sporring = urlencode(sorted(parametre), errors="surrogateescape")
    url = urlunsplit(("https", vert, sti, sporring, ""))
    if len(url) > MAKS_LENGDE:
        raise UgyldigUrl(FEIL_FOR_LANG % {"maks": MAKS_LENGDE})
    return url


def gjenkjenn_plattform(url: str) -> str | None:
    """The platform (a Plattform value) a URL belongs to, or None if not recognised."""
    try:
        vert = urlsplit(normaliser_url(url)).hostname or ""
    except UgyldigUrl:
        return None
    return _vert_og_plattform(vert)[1]
