"""Permanent platform ids: entered by the adviser, recognised by verifiser, a mismatch warned of."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kanaler.services.register import kanal_endre
from kanaler.tillit.plattformid import id_fra_url
from tests.factories import KanalFactory

pytestmark = pytest.mark.django_db

VERIFISER = reverse("kanaler:api_verifiser")
YT_ID = "UCabcdefghijklmnopqrstuv"


@pytest.mark.parametrize(
    ("adresse", "forventet"),
    [
        ("https://www.facebook.com/profile.php?id=100064512345678&fbclid=x", ("facebook", "100064512345678")),
        (f"youtube.com/channel/{YT_ID}", ("youtube", YT_ID)),
        ("https://www.linkedin.com/company/1234567/", ("linkedin", "1234567")),
        ("https://facebook.com/porsgrunnkommune", None),
        ("https://linkedin.com/company/porsgrunn-kommune", None),
        ("https://facebook.com/profile.php?id=abc", None),
        (f"https://example.com/channel/{YT_ID}", None),
    ],
)
def test_adresser_laget_av_fast_id_gjenkjennes(adresse, forventet):
    from kanaler.normalisering import normaliser_url

    assert id_fra_url(normaliser_url(adresse)) == forventet


def test_verifiser_kjenner_igjen_kanalen_fra_den_faste_id_en(client):
    kanal = KanalFactory(
        plattform="youtube", url="https://youtube.com/@porsgrunnkommune", plattform_id=YT_ID, navn="YouTube"
    )
    data = client.get(VERIFISER, {"url": f"https://www.youtube.com/channel/{YT_ID}"}).json()
    assert data["offisiell"] is True and data["kanal"]["id"] == kanal.pk
    assert data["url"] == f"https://youtube.com/channel/{YT_ID}"
    annen = "UCzzzzzzzzzzzzzzzzzzzzzz"
    assert client.get(VERIFISER, {"url": f"youtube.com/channel/{annen}"}).json()["offisiell"] is False


def test_fast_id_sjekkes_mot_plattformen_og_andre_kanaler(radgiver):
    kanal = KanalFactory(plattform="facebook", url="https://facebook.com/biblioteket")
    with pytest.raises(ValidationError) as feil:
        kanal_endre(kanal=kanal, av=radgiver, plattform_id="abc")
    assert "bare sifre" in feil.value.message_dict["plattform_id"][0]
    kanal_endre(kanal=kanal, av=radgiver, plattform_id=" 1000645 1234 ")
    kanal.refresh_from_db()
    assert kanal.plattform_id == "10006451234"
    annen = KanalFactory(plattform="facebook", url="https://facebook.com/annen")
    with pytest.raises(ValidationError) as feil:
        kanal_endre(kanal=annen, av=radgiver, plattform_id="10006451234")
    assert feil.value.message_dict["plattform_id"] == [
        f"Kanalen «{kanal.navn}» har allerede denne faste id-en."
    ]
    tiktok = KanalFactory(plattform="tiktok", url="https://tiktok.com/@porsgrunn")
    with pytest.raises(ValidationError, match="ingen fast id"):
        kanal_endre(kanal=tiktok, av=radgiver, plattform_id="123")


def test_endret_fast_id_endrer_svaret_straks(client, radgiver, django_capture_on_commit_callbacks):
    kanal = KanalFactory(plattform="linkedin", url="https://linkedin.com/company/porsgrunn-kommune")
    assert client.get(VERIFISER, {"url": "linkedin.com/company/4242"}).json()["offisiell"] is False
    with django_capture_on_commit_callbacks(execute=True):
        kanal_endre(kanal=kanal, av=radgiver, plattform_id="4242")
    assert client.get(VERIFISER, {"url": "linkedin.com/company/4242"}).json()["offisiell"] is True


def test_arbeidsflaten_tar_imot_id_en_og_advarer_ved_avvik(radgiverklient):
    kanal = KanalFactory(plattform="youtube", url=f"https://youtube.com/channel/{YT_ID}", plattform_id=YT_ID)
    side = reverse("admin:kanaler_kanal_change", args=[kanal.pk])
    innhold = radgiverklient.get(side).content.decode()
    assert "Plattformens faste id" in innhold and "plattform-id-advarsel" not in innhold
    kanal.plattform_id = "UCzzzzzzzzzzzzzzzzzzzzzz"
    kanal.save()
    innhold = radgiverklient.get(side).content.decode()
    assert "plattform-id-advarsel" in innhold and f"laget av id-en {YT_ID}" in innhold
