"""Another municipality sees its own name and contact details, never Porsgrunn's."""

import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import VurderingFactory
from tests.test_drift import ROT, produksjonsmiljo
from tests.vurdering.tilstander import soknad
from vurdering.fullstendighet import steg_kontroll
from vurdering.retningslinjer import RETNINGSLINJER

pytestmark = pytest.mark.django_db

SKIEN = {
    "KOMMUNE_NAVN": "Skien kommune",
    "KOMMUNE_EPOST": "postmottak@skien.kommune.no",
    "KOMMUNE_TELEFON": "35 58 10 00",
    "UUSTATUS_URL": "https://uustatus.no/nb/erklaringer/publisert/1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
}
PORSGRUNN_STAR_BAK = "Informasjonsteksten skal tydelig vise at Porsgrunn kommune står bak."


def side(client, adresse: str) -> str:
    respons = client.get(adresse)
    assert respons.status_code == 200
    return respons.content.decode()


@override_settings(**SKIEN)
def test_tilgjengelighetserklaeringen_har_kommunens_egne_opplysninger(client):
    innhold = side(client, "/tilgjengelighet/")
    assert "Porsgrunn" not in innhold and "porsgrunn" not in innhold
    assert "<title>Tilgjengelighetserklæring – Kanalregister – Skien kommune</title>" in innhold
    assert '<a href="mailto:postmottak@skien.kommune.no">postmottak@skien.kommune.no</a>' in innhold
    assert "35 58 10 00" in innhold
    assert f'href="{SKIEN["UUSTATUS_URL"]}"' in innhold


def test_tilgjengelighetserklaeringen_har_porsgrunns_opplysninger_som_standard(client):
    innhold = side(client, "/tilgjengelighet/")
    assert "postmottak@porsgrunn.kommune.no" in innhold and "35 54 70 00" in innhold


def test_tilgjengelighetserklaeringen_sier_nar_den_sist_ble_oppdatert_og_hvor_man_klager(client):
    innhold = side(client, "/tilgjengelighet/")
    assert "Sist oppdatert" in innhold and '<time datetime="' in innhold
    assert "Diskrimineringsnemnda" in innhold
    assert "uutilsynet.no" in innhold


@override_settings(UUSTATUS_URL="", KOMMUNE_TELEFON="")
def test_uten_lenke_og_telefon_lover_erklaeringen_ingenting_den_ikke_har(client):
    innhold = side(client, "/tilgjengelighet/")
    assert "uustatus.no/nb/erklaringer" not in innhold
    assert "telefon" not in innhold


@override_settings(**SKIEN)
def test_retningslinjene_nevner_kommunen_som_er_satt_opp(client, ansatt):
    client.force_login(ansatt)
    vurdering = VurderingFactory(innsender=ansatt, bekreftede_retningslinjer={})
    innhold = side(client, reverse("vurdering:steg", args=[vurdering.pk, "retningslinjer"]))
    assert "Porsgrunn" not in innhold
    assert "Informasjonsteksten skal tydelig vise at Skien kommune står bak." in innhold


@override_settings(**SKIEN)
def test_steg_1_nevner_kommunen_som_er_satt_opp(client, ansatt):
    client.force_login(ansatt)
    vurdering = VurderingFactory(innsender=ansatt)
    innhold = side(client, reverse("vurdering:steg", args=[vurdering.pk, "kanal"]))
    assert "Porsgrunn" not in innhold


def test_porsgrunns_retningslinje_er_ordrett_den_samme_som_er_lagret_i_soknadene():
    tekster = {nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER}
    assert tekster["kommunen_star_bak"] == PORSGRUNN_STAR_BAK


def test_en_bekreftelse_lagret_for_porsgrunn_gjelder_fortsatt(ansatt):
    lagret = {nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER} | {
        "kommunen_star_bak": PORSGRUNN_STAR_BAK
    }
    vurdering = soknad(innsender=ansatt, bekreftede_retningslinjer=lagret)
    status = {s.steg.slug: s.fullfort for s in steg_kontroll(vurdering)}
    assert status["retningslinjer"] is True
    with override_settings(KOMMUNE_NAVN="Skien kommune"):
        status = {s.steg.slug: s.fullfort for s in steg_kontroll(vurdering)}
    assert status["retningslinjer"] is False


def test_check_deploy_advarer_til_erklaeringen_er_publisert_pa_uustatus():
    miljo = produksjonsmiljo()
    del miljo["UUSTATUS_URL"]
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROT, env=miljo, capture_output=True, text=True
    )
    assert "kanalregister.W002" in resultat.stderr + resultat.stdout
    assert "Sett UUSTATUS_URL" in resultat.stderr + resultat.stdout


@pytest.mark.parametrize(
    ("navn", "verdi", "melding"),
    [
        ("KOMMUNE_EPOST", "", "KOMMUNE_EPOST er satt, men tom."),
        ("KOMMUNE_EPOST", "postmottak", "KOMMUNE_EPOST må være en e-postadresse"),
        (
            "UUSTATUS_URL",
            "http://uustatus.no/nb/erklaringer/publisert/1",
            "UUSTATUS_URL må være en https-adresse",
        ),
    ],
)
def test_ugyldige_kontaktopplysninger_stopper_oppstarten(navn, verdi, melding):
    resultat = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROT,
        env=produksjonsmiljo(**{navn: verdi}),
        capture_output=True,
        text=True,
    )
    assert resultat.returncode != 0
    assert melding in resultat.stderr.strip().splitlines()[-1]
