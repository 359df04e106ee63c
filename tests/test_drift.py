"""Production settings: read from the environment, so each case runs in its own process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

ROT = Path(__file__).resolve().parent.parent
INNSTILLINGER = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "PROXY_ANTALL",
    "AXES_FEIL_PER_ADRESSE",
    "CSRF_TRUSTED_ORIGINS",
]


def produksjonsmiljo(**ekstra: str) -> dict[str, str]:
    """A clean environment as in production: only what the operator sets (the .env file says DEBUG=true)."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "porsgrunn_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "kanaler.porsgrunn.kommune.no",
        "EMAIL_URL": "smtp+tls://kanalregister@smtp.porsgrunn.kommune.no:587",
        "UUSTATUS_URL": "https://uustatus.no/nb/erklaringer/publisert/00000000-0000-0000-0000-000000000000",
        **ekstra,
    }


def innstillinger(**ekstra: str) -> dict:
    kode = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {INNSTILLINGER!r}}}))"
    )
    resultat = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROT, env=produksjonsmiljo(**ekstra), capture_output=True, text=True
    )
    assert resultat.returncode == 0, resultat.stderr
    return json.loads(resultat.stdout)


def test_check_deploy_finner_ingenting_i_produksjon():
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROT,
        env=produksjonsmiljo(),
        capture_output=True,
        text=True,
    )
    assert resultat.returncode == 0, resultat.stderr + resultat.stdout
    assert "System check identified no issues (0 silenced)." in resultat.stdout


def test_check_deploy_advarer_naar_epost_bare_skrives_til_loggen():
    miljo = produksjonsmiljo()
    del miljo["EMAIL_URL"]
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROT, env=miljo, capture_output=True, text=True
    )
    assert "kanalregister.W001" in resultat.stderr + resultat.stdout
    assert "Sett EMAIL_URL" in resultat.stderr + resultat.stdout


def test_produksjon_krever_secret_key():
    miljo = produksjonsmiljo()
    del miljo["SECRET_KEY"]
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROT, env=miljo, capture_output=True, text=True
    )
    assert resultat.returncode != 0
    assert "SECRET_KEY må settes" in resultat.stderr


def test_produksjon_har_sikre_standardverdier():
    verdier = innstillinger()
    assert verdier["DEBUG"] is False
    assert verdier["SESSION_COOKIE_SECURE"] and verdier["CSRF_COOKIE_SECURE"]
    assert verdier["SESSION_COOKIE_HTTPONLY"] and verdier["CSRF_COOKIE_HTTPONLY"]
    assert verdier["SESSION_COOKIE_AGE"] == 9 * 60 * 60
    assert verdier["SECURE_SSL_REDIRECT"] is True
    assert verdier["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert verdier["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and verdier["SECURE_HSTS_PRELOAD"]
    assert verdier["SECURE_PROXY_SSL_HEADER"] is None
    assert verdier["PROXY_ANTALL"] == 0
    assert verdier["AXES_FEIL_PER_ADRESSE"] == 30


def test_https_og_proxy_styres_fra_miljoet():
    verdier = innstillinger(
        BAK_PROXY="true",
        PROXY_ANTALL="1",
        CSRF_TRUSTED_ORIGINS="https://kanaler.porsgrunn.kommune.no",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SESSION_COOKIE_AGE="3600",
    )
    assert verdier["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert verdier["PROXY_ANTALL"] == 1
    assert verdier["CSRF_TRUSTED_ORIGINS"] == ["https://kanaler.porsgrunn.kommune.no"]
    assert verdier["SECURE_SSL_REDIRECT"] is False
    assert verdier["SECURE_HSTS_SECONDS"] == 0
    assert verdier["SESSION_COOKIE_SECURE"] is False and verdier["CSRF_COOKIE_SECURE"] is False
    assert verdier["SESSION_COOKIE_AGE"] == 3600


@pytest.mark.django_db
@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_PRELOAD=True,
)
def test_bak_proxy_sendes_http_til_https_og_https_far_hsts():
    klient = Client()
    http = klient.get("/helse/")
    assert http.status_code == 301
    assert http.url == "https://testserver/helse/"
    https = klient.get("/helse/", headers={"X-Forwarded-Proto": "https"})
    assert https.status_code == 200
    assert https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_innloggingen_gir_sikker_httponly_informasjonskapsel_som_varer_en_arbeidsdag(ansatt):
    klient = Client(enforce_csrf_checks=True)
    skjema = klient.get(reverse("logg_inn"))
    csrf = skjema.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    respons = klient.post(
        reverse("logg_inn"),
        {"username": ansatt.username, "password": "passord-for-test", "csrfmiddlewaretoken": csrf.value},
    )
    assert respons.status_code == 302
    okt = respons.cookies["sessionid"]
    assert okt["secure"] and okt["httponly"]
    assert okt["max-age"] == 9 * 60 * 60
