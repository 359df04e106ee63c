"""Verification with memory: a closed channel, a renamed address, and an address that never was ours."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kanaler.services.register import kanal_endre, kanal_legg_ned
from tests.factories import KanalFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db

SIDE = reverse("kanaler:offisielle")
VERIFISER = reverse("kanaler:api_verifiser")


@pytest.fixture
def kanal(db):
    return KanalFactory(
        navn="Ungdomsklubben", url="https://instagram.com/ungdomsklubb", plattform="instagram"
    )


def test_nedlagt_kanal_svarer_ikke_offisiell_lenger_med_datoen(
    client, kanal, radgiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Ikke i bruk.")
    data = client.get(VERIFISER, {"url": "https://www.instagram.com/UngdomsKlubb/"}).json()
    idag = timezone.localdate()
    assert data == {
        "offisiell": False,
        "url": "https://instagram.com/ungdomsklubb",
        "kanal": None,
        "tidligere_offisiell": True,
        "nedlagt": idag.isoformat(),
    }
    innhold = client.get(SIDE, {"url": kanal.url}).content.decode()
    assert "Ikke offisiell lenger" in innhold
    assert f"ble lagt ned {idag.day}." in innhold
    assert "Ikke i bruk." not in innhold  # the reason is internal


def test_endret_adresse_svarer_med_den_gjeldende(client, kanal, radgiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kanal_endre(kanal=kanal, av=radgiver, url="https://instagram.com/porsgrunn_ungdom")
    data = client.get(VERIFISER, {"url": "instagram.com/ungdomsklubb"}).json()
    assert data["offisiell"] is False and data["kanal"] is None
    assert data["gjeldende_url"] == "https://instagram.com/porsgrunn_ungdom"
    assert data["gjeldende_kanal"]["navn"] == "Ungdomsklubben"
    assert client.get(VERIFISER, {"url": "instagram.com/porsgrunn_ungdom"}).json()["offisiell"] is True
    innhold = client.get(SIDE, {"url": "instagram.com/ungdomsklubb"}).content.decode()
    assert "kanalen har fått ny adresse" in innhold
    assert 'href="https://instagram.com/porsgrunn_ungdom"' in innhold


def test_adresse_som_aldri_var_var_svarer_som_for(client, kanal):
    data = client.get(VERIFISER, {"url": "https://instagram.com/ungdomsklubb_ekte"}).json()
    assert data == {"offisiell": False, "url": "https://instagram.com/ungdomsklubb_ekte", "kanal": None}


def test_ny_kanal_paa_en_gammel_adresse_er_offisiell(
    client, kanal, radgiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Flyttet.")
    ny = KanalFactory(url=kanal.url, plattform="instagram", virksomhet=VirksomhetFactory(navn="Kultur"))
    data = client.get(VERIFISER, {"url": kanal.url}).json()
    assert data["offisiell"] is True and data["kanal"]["id"] == ny.pk
    assert "nedlagt" not in data


def test_sjekken_med_minne_har_fast_antall_sporringer(
    client, settings, kanal, radgiver, django_assert_num_queries
):
    settings.HURTIGLAGER = False
    for nummer in range(5):
        kanal_endre(kanal=kanal, av=radgiver, url=f"https://instagram.com/ungdom{nummer}")
    with django_assert_num_queries(1):  # the old address is found in the history in the same query
        assert "gjeldende_url" in client.get(VERIFISER, {"url": "instagram.com/ungdom2"}).json()
    with django_assert_num_queries(1):
        assert client.get(VERIFISER, {"url": "instagram.com/ungdom4"}).json()["offisiell"] is True
    with django_assert_num_queries(2):  # not ours: the confirmed fakes are asked too
        assert client.get(VERIFISER, {"url": "instagram.com/ukjent"}).json()["offisiell"] is False
