"""Pages for a logged-in user carry names: no cache may keep them; public pages stay cacheable."""

import pytest
from django.test import Client
from django.utils.cache import get_max_age

from tests.factories import KanalFactory

pytestmark = pytest.mark.django_db


def direktiver(respons) -> set[str]:
    deler = respons.get("Cache-Control", "").split(",")
    return {del_.strip().split("=")[0] for del_ in deler if del_.strip()}


@pytest.mark.parametrize(
    "adresse",
    [
        "/",
        "/kanaler/",
        "/kanaler/oversikt/",
        "/kanaler/eksport.csv",
        "/kanaler/eksport.xlsx",
        "/kanaler/mine/",
        "/vurdering/",
        "/offisielle-kanaler/",
        "/api/kanaler/",
        "/tilgjengelighet/",
        "/finnes-ikke/",
    ],
)
def test_svar_til_innlogget_lagres_ikke(client, leder, adresse):
    KanalFactory(ansvarlig=leder)
    client.force_login(leder)
    respons = client.get(adresse)
    assert respons.status_code in (200, 404)
    assert {"private", "no-store"} <= direktiver(respons)


def test_ingen_tilgang_for_innlogget_lagres_heller_ikke(client, ansatt):
    client.force_login(ansatt)
    respons = client.get("/kanaler/eksport.csv")
    assert respons.status_code == 403
    assert {"private", "no-store"} <= direktiver(respons)


def test_arbeidsflaten_beholder_sitt_eget_forbud(radgiverklient):
    respons = radgiverklient.get("/admin/")
    assert {"private", "no-store", "no-cache", "must-revalidate"} <= direktiver(respons)


@pytest.mark.parametrize("adresse", ["/", "/offisielle-kanaler/", "/api/kanaler/", "/tilgjengelighet/"])
def test_offentlige_sider_for_anonyme_gjores_ikke_uhurtiglagrbare(client, adresse):
    KanalFactory()
    respons = client.get(adresse)
    assert respons.status_code == 200
    assert not {"private", "no-store", "no-cache"} & direktiver(respons)


@pytest.mark.urls("tests.urls_hurtiglager")
def test_en_offentlig_side_er_offentlig_for_anonyme_og_privat_for_innloggede(client, ansatt):
    anonym = client.get("/test/offentlig/")
    assert direktiver(anonym) == {"public", "max-age"} and get_max_age(anonym) == 300
    client.force_login(ansatt)
    innlogget = client.get("/test/offentlig/")
    assert {"private", "no-store"} <= direktiver(innlogget)
    assert "public" not in direktiver(innlogget)


@pytest.mark.urls("tests.urls_med_feil")
def test_en_serverfeil_lagres_ikke():
    respons = Client(raise_request_exception=False).get("/test/feil/")
    assert respons.status_code == 500
    assert {"private", "no-store"} <= direktiver(respons)
