"""Settings for Kanalregister, read from the environment (see README)."""

import re
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def ikke_tom(navn: str, standard: str) -> str:
    """The variable's value, or the default when unset; set but empty is never what the operator meant."""
    verdi = env.str(navn, default=standard).strip()
    if not verdi:
        raise ImproperlyConfigured(
            f"{navn} er satt, men tom. Gi den en verdi, "
            f"eller fjern den for å bruke standardverdien ({standard})."
        )
    return verdi


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY må settes når DEBUG er av.")
    SECRET_KEY = "django-insecure-kun-for-lokal-utvikling"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

KOMMUNE_NAVN = ikke_tom("KOMMUNE_NAVN", "Porsgrunn kommune")
# The archive's case numbers (saksnummer), e.g. 2026/123; see README «Arkivering».
SAKSNUMMER_MONSTER = ikke_tom("SAKSNUMMER_MONSTER", r"^\d{4}/\d{1,6}$")
# The archive's import address; empty: the adviser downloads the documents from the admin.
ARKIV_EPOST = env.str("ARKIV_EPOST", default="").strip()
# Where users report accessibility problems (the accessibility statement); the phone may be left empty.
KOMMUNE_EPOST = ikke_tom("KOMMUNE_EPOST", "postmottak@porsgrunn.kommune.no")
KOMMUNE_TELEFON = env.str("KOMMUNE_TELEFON", default="35 54 70 00").strip()
# The published accessibility statement on uustatus.no; `check --deploy` warns while it is empty.
UUSTATUS_URL = env.str("UUSTATUS_URL", default="").strip()
try:
    validate_email(KOMMUNE_EPOST)
except ValidationError:
    raise ImproperlyConfigured("KOMMUNE_EPOST må være en e-postadresse, som postmottak@kommune.no.") from None
try:
    re.compile(SAKSNUMMER_MONSTER)
    if ARKIV_EPOST:
        validate_email(ARKIV_EPOST)
except (re.error, ValidationError):
    raise ImproperlyConfigured(
        "SAKSNUMMER_MONSTER må være et regulært uttrykk, og ARKIV_EPOST en e-postadresse."
    ) from None
if UUSTATUS_URL and not UUSTATUS_URL.startswith("https://"):
    raise ImproperlyConfigured("UUSTATUS_URL må være en https-adresse til erklæringen på uustatus.no.")
INAKTIV_ETTER_DAGER = env.int("INAKTIV_ETTER_DAGER", default=90)
# kanalsjekk: remind this many days before a deadline, and at most once per interval per kind.
PAMINNELSE_DAGER_FOR = env.int("PAMINNELSE_DAGER_FOR", default=14)
PAMINNELSE_INTERVALL_DAGER = env.int("PAMINNELSE_INTERVALL_DAGER", default=7)
# Platforms whose applications always need the data protection officer's statement (vurdering.risiko).
HOYRISIKO_PLATTFORMER = [
    p.strip().lower()
    for p in env.list("HOYRISIKO_PLATTFORMER", default=["facebook", "instagram", "tiktok", "snapchat"])
    if p.strip()
]
# The access review (tilgangsgjennomgang): who holds a role on the platform, attested this often.
TILGANGSGJENNOMGANG_MANEDER = env.int("TILGANGSGJENNOMGANG_MANEDER", default=6)
if TILGANGSGJENNOMGANG_MANEDER < 1:
    raise ImproperlyConfigured("TILGANGSGJENNOMGANG_MANEDER må være minst 1.")
# The overview's unit chart names this many units; the rest are one «Andre» bar.
OVERSIKT_VIRKSOMHETER = env.int("OVERSIKT_VIRKSOMHETER", default=10)
if OVERSIKT_VIRKSOMHETER < 1:
    raise ImproperlyConfigured("OVERSIKT_VIRKSOMHETER må være minst 1.")
# Reports of fake accounts one client address may send per hour (kanaler.services.falske).
FALSK_KONTO_MELDINGER_PER_TIME = env.int("FALSK_KONTO_MELDINGER_PER_TIME", default=5)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "kanaler",
    "vurdering",
    "porsgrunn_site",
]

MIDDLEWARE = [
    "porsgrunn_site.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "porsgrunn_site.middleware.AdminNulltegnMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "porsgrunn_site.middleware.PersonligeSvarMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "porsgrunn_site.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "porsgrunn_site.urls"
WSGI_APPLICATION = "porsgrunn_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "porsgrunn_site.context_processors.kommune",
            ],
            "libraries": {"varighet": "porsgrunn_site.varighet"},
        },
    },
]

DATABASES = {"default": env.db_url_config(ikke_tom("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "porsgrunn_site.passord.Minstelengde"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "logg_inn"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"

# Five failures for one username from one address lock that pair; AXES_FEIL_PER_ADRESSE failures
# from one address, whatever the usernames, lock the address (see porsgrunn_site/innlogging.py).
AXES_FAILURE_LIMIT = 5
AXES_FEIL_PER_ADRESSE = env.int("AXES_FEIL_PER_ADRESSE", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_SPERRETID_MINUTTER", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/sperret.html"
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "porsgrunn_site.innlogging.Innloggingssperre"
AXES_CLIENT_IP_CALLABLE = "porsgrunn_site.innlogging.klientadresse"
PROXY_ANTALL = env.int("PROXY_ANTALL", default=0)
if PROXY_ANTALL < 0:
    raise ImproperlyConfigured("PROXY_ANTALL må være 0 (ingen proxy) eller antall proxyer foran appen.")
if AXES_FEIL_PER_ADRESSE < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        f"AXES_FEIL_PER_ADRESSE må være minst {AXES_FAILURE_LIMIT}, grensen for ett brukernavn."
    )

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
# Bokmål for what Django's own nb catalogue lacks (see locale/nb/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A change reason (e.g. why a channel was closed or handed over) is kept whole in the history.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

_epost_url = ikke_tom("EMAIL_URL", "consolemail://")
try:
    EMAIL_CONFIG = env.email_url_config(_epost_url)
except ImproperlyConfigured:
    # django-environ's message is English and names no variable; the address may hold a password.
    raise ImproperlyConfigured(
        "EMAIL_URL har en ukjent type. Bruk for eksempel smtp+tls://bruker:passord@smtp.example.no:587 "
        "eller consolemail://."
    ) from None
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = ikke_tom("DEFAULT_FROM_EMAIL", "kanalregister@porsgrunn.kommune.no")
SITE_URL = ikke_tom("SITE_URL", "http://127.0.0.1:8000")

# Security: every page, the admin included, works under this policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=9 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# "preload" only allows the owner of the domain to submit it to the browsers' preload list.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BAK_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One JSON line per record on stdout, with the request id (see porsgrunn_site/jsonlogg.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "porsgrunn_site.jsonlogg.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler would print its records a second time, unformatted.
        "django": {"handlers": [], "level": "INFO"},
        # runserver's access line repeats the query string; kanalregister.request replaces it.
        "django.server": {"handlers": [], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Caching of the public pages and the API, and of the register's large counts (see README) ---
# One cache shared by every worker: by default files on this machine; several machines need
# CACHE_URL=redis://... (Django's Redis backend, with the redis package installed).
CACHES = {
    "default": env.cache_url("CACHE_URL", default=f"filecache://{BASE_DIR / '.hurtiglager'}?max_entries=1000")
}
HURTIGLAGER = env.bool("HURTIGLAGER", default=True)  # false: every answer computed anew (benchmark)
OFFENTLIG_MAKS_ALDER = env.int("OFFENTLIG_MAKS_ALDER", default=60)  # Cache-Control max-age, seconds

# --- Sign-in and provisioning (porsgrunn_site/identitet; README: "Innlogging med kommunens konto") ---
# OpenID Connect with the municipality's provider (mozilla-django-oidc reads the OIDC_RP_* names), local
# passwords for break-glass and the demo, SCIM provisioning. Endpoints come from the provider's discovery.
INSTALLED_APPS += ["porsgrunn_site.identitet"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username before any password check
    "porsgrunn_site.identitet.backends.LokalBackend",
    "porsgrunn_site.identitet.backends.KommuneBackend",
]
LOKAL_INNLOGGING = env.bool("LOKAL_INNLOGGING", default=True)
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_DISCOVERY_URL = env.str("OIDC_DISCOVERY_URL", default="")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid profile email")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's sign-out
OIDC_TIMEOUT = env.int("OIDC_TIDSAVBRUDD_SEKUNDER", default=10)
OIDC_KLOKKEAVVIK_SEKUNDER = 60
OIDC_ROLLE_RADGIVER = env.list("OIDC_ROLLE_RADGIVER", default=[])
OIDC_ROLLE_LEDELSE = env.list("OIDC_ROLLE_LEDELSE", default=[])
OIDC_ROLLE_PERSONVERNOMBUD = env.list("OIDC_ROLLE_PERSONVERNOMBUD", default=[])
SCIM_TOKEN = env.str("SCIM_TOKEN", default="")
# The logout form's redirect to the provider's end_session_endpoint is checked against form-action.
_oidc_leverandor = OIDC_ISSUER or OIDC_DISCOVERY_URL
if _oidc_leverandor:
    from urllib.parse import urlsplit

    _oidc_adresse = urlsplit(_oidc_leverandor)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [
        SELF,
        f"{_oidc_adresse.scheme}://{_oidc_adresse.netloc}",
    ]
# --- end of sign-in and provisioning ---
