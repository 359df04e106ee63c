"""The channel's timeline tells the application's status history through the composition point."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kanaler.models import Kanal
from tests.factories import KanalFactory
from tests.vurdering.tilstander import soknad as tilstand
from vurdering.services import vurdering_godkjenn, vurdering_send_inn, vurdering_send_tilbake

pytestmark = pytest.mark.django_db

KOMMENTAR = "Beskriv hvordan dere svarer på <meldinger> i ferien."


def soknadens_vei(ansatt, radgiver, *, tilbake: int = 1) -> Kanal:
    """Submitted, sent back `tilbake` times with a comment and resubmitted, then approved."""
    # Low privacy risk (vurdering.risiko), so it is decided without the DPO's statement.
    vurdering = tilstand(
        "utkast",
        innsender=ansatt,
        ansvarlig=ansatt,
        eksisterende_url="",
        plattform="linkedin",
        kommentarer_pa="nei",
    )
    vurdering_send_inn(vurdering=vurdering, av=ansatt)
    for gang in range(tilbake):
        vurdering_send_tilbake(vurdering=vurdering, av=radgiver, kommentar=f"{KOMMENTAR} ({gang + 1})")
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    return vurdering_godkjenn(vurdering=vurdering, av=radgiver, kommentar="Lykke til!")


def test_tidslinjen_viser_at_soknaden_ble_sendt_tilbake_med_kommentaren(lederklient, ansatt, radgiver):
    kanal = soknadens_vei(ansatt, radgiver)
    respons = lederklient.get(reverse("kanaler:detalj", args=[kanal.pk]))
    tidslinje = respons.context["tidslinje"]
    assert [str(punkt["type"]) for punkt in tidslinje] == [
        "Søknaden ble godkjent",
        "Opprettet",
        "Søknaden ble sendt inn på nytt",
        "Søknaden ble sendt tilbake for endring",
        "Søknaden ble sendt inn",
    ]
    tilbake = tidslinje[3]
    assert tilbake["kommentar"] == f"{KOMMENTAR} (1)"
    assert tilbake["av"] == radgiver.get_full_name()
    assert tidslinje[2]["av"] == tidslinje[4]["av"] == ansatt.get_full_name()
    assert tidslinje[0]["kommentar"] == "Lykke til!"
    assert [punkt["tidspunkt"] for punkt in tidslinje] == sorted(
        (punkt["tidspunkt"] for punkt in tidslinje), reverse=True
    )
    innhold = respons.content.decode()
    assert "Søknaden ble sendt tilbake for endring" in innhold
    assert "Beskriv hvordan dere svarer på &lt;meldinger&gt; i ferien. (1)" in innhold
    assert "<meldinger>" not in innhold


def test_kanal_uten_soknad_har_bare_sin_egen_historikk(lederklient):
    kanal = KanalFactory()
    tidslinje = lederklient.get(reverse("kanaler:detalj", args=[kanal.pk])).context["tidslinje"]
    assert [str(punkt["type"]) for punkt in tidslinje] == ["Opprettet"]


def test_tidslinjen_koster_det_samme_uansett_hvor_mange_ganger_soknaden_ble_sendt_tilbake(
    lederklient, ansatt, radgiver
):
    en_gang = soknadens_vei(ansatt, radgiver, tilbake=1)
    mange = soknadens_vei(ansatt, radgiver, tilbake=6)
    antall = []
    for kanal in (en_gang, mange):
        with CaptureQueriesContext(connection) as sporringer:
            assert lederklient.get(reverse("kanaler:detalj", args=[kanal.pk])).status_code == 200
        antall.append(len(sporringer))
    assert antall[0] == antall[1]


def test_kanaler_importerer_aldri_vurdering():
    for fil in (Path(settings.BASE_DIR) / "kanaler").rglob("*.py"):
        for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert not node.module.startswith("vurdering"), fil
            if isinstance(node, ast.Import):
                assert not any(navn.name.startswith("vurdering") for navn in node.names), fil
