"""The admin has no login form of its own: one login page, one lockout."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_sender_anonym_til_felles_innlogging(client):
    respons = client.get("/admin/kanaler/kanal/", follow=True)
    assert respons.redirect_chain[-1] == ("/konto/logg-inn/?next=%2Fadmin%2Fkanaler%2Fkanal%2F", 302)
    assert respons.status_code == 200
    assert 'name="next" value="/admin/kanaler/kanal/"' in respons.content.decode()


def test_admin_innlogging_uten_neste_gaar_til_arbeidsflaten(client):
    respons = client.get(reverse("admin:login"))
    assert respons.status_code == 302
    assert respons.url == "/konto/logg-inn/?next=%2Fadmin%2F"


def test_radgiver_logger_inn_og_kommer_til_arbeidsflaten(client, radgiver):
    respons = client.post(
        "/konto/logg-inn/",
        {"username": radgiver.username, "password": "passord-for-test", "next": "/admin/"},
    )
    assert respons.status_code == 302 and respons.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_innloggingsskjema_tar_ikke_imot_passord(client, radgiver):
    respons = client.post(
        reverse("admin:login"), {"username": radgiver.username, "password": "passord-for-test"}
    )
    assert respons.status_code == 302
    assert respons.url.startswith("/konto/logg-inn/")
    assert "_auth_user_id" not in client.session


def test_innlogget_uten_tilgang_til_admin_far_403_ikke_en_lokke(client, ansatt):
    client.force_login(ansatt)
    respons = client.get("/admin/", follow=True)
    assert respons.status_code == 403
    assert "Du har ikke tilgang til denne siden" in respons.content.decode()


def test_admin_innlogging_sperres_etter_fem_feil_med_bokmalsside(client, radgiver):
    for _ in range(5):
        client.post(
            client.get("/admin/", follow=True).redirect_chain[-1][0],
            {"username": radgiver.username, "password": "galt", "next": "/admin/"},
        )
    sperret = client.post(
        "/konto/logg-inn/", {"username": radgiver.username, "password": "passord-for-test", "next": "/admin/"}
    )
    assert sperret.status_code == 429
    assert "Innlogging midlertidig sperret" in sperret.content.decode()
    assert "Prøv igjen om 15 minutter." in sperret.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
