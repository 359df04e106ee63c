"""`manage.py check` fails when the pages' front-end files are missing, before every page would."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

BOOTSTRAP_CSS = "vendor/bootstrap/css/bootstrap.min.css"
BOOTSTRAP_JS = "vendor/bootstrap/js/bootstrap.bundle.min.js"
MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def uten_node_modules(tmp_path):
    return [
        settings.BASE_DIR / "static",
        ("vendor/bootstrap", tmp_path / "node_modules" / "bootstrap" / "dist"),
    ]


def test_check_godtar_filene_nar_de_er_installert():
    call_command("check")


def test_check_feiler_uten_node_modules(tmp_path):
    with (
        override_settings(STATICFILES_DIRS=uten_node_modules(tmp_path)),
        pytest.raises(SystemCheckError) as feil,
    ):
        call_command("check")
    melding = str(feil.value)
    assert "kanalregister.E001" in melding
    assert BOOTSTRAP_CSS in melding and BOOTSTRAP_JS in melding
    assert "npm ci" in melding
    assert "css/kanalregister.css" not in melding


def test_check_godtar_filene_collectstatic_har_lagret_selv_om_node_modules_er_borte(tmp_path):
    statiske = tmp_path / "staticfiles"
    statiske.mkdir()
    (statiske / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {BOOTSTRAP_CSS: "a.css", BOOTSTRAP_JS: "b.js"}, "hash": "x"})
    )
    lagring = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    with override_settings(
        STATICFILES_DIRS=uten_node_modules(tmp_path), STATIC_ROOT=statiske, STORAGES=lagring
    ):
        call_command("check")
