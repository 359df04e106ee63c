"""The admin's login address keeps `next` on the site and drops any address off it."""

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db

UTENFOR = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "https:evil.example",
]


def neste_i(url: str) -> list[str]:
    deler = urlsplit(url)
    assert deler.path == "/konto/logg-inn/" and not deler.netloc
    return parse_qs(deler.query).get("next", [])


def test_admin_innlogging_beholder_neste_pa_nettstedet(client):
    respons = client.get("/admin/login/", {"next": "/admin/kanaler/kanal/"})
    assert respons.status_code == 302
    assert neste_i(respons.url) == ["/admin/kanaler/kanal/"]
    assert respons.url == "/konto/logg-inn/?next=%2Fadmin%2Fkanaler%2Fkanal%2F"


@pytest.mark.parametrize("neste", UTENFOR)
def test_neste_utenfor_nettstedet_overlever_ikke(client, neste):
    respons = client.get("/admin/login/", {"next": neste})
    assert respons.status_code == 302
    assert neste_i(respons.url) == ["/admin/"]
    assert "evil" not in respons.url


@pytest.mark.parametrize("neste", UTENFOR)
def test_innlogging_etterpa_gaar_ikke_ut_av_nettstedet(client, radgiver, neste):
    skjema = client.get("/admin/login/", {"next": neste}, follow=True)
    assert "evil" not in skjema.content.decode()
    respons = client.post(
        "/konto/logg-inn/", {"username": radgiver.username, "password": "passord-for-test", "next": neste}
    )
    assert respons.status_code == 302
    assert urlsplit(respons.url).netloc == "" and "evil" not in respons.url


@pytest.mark.parametrize("neste", UTENFOR)
def test_innlogget_radgiver_sendes_ikke_ut_av_nettstedet(radgiverklient, neste):
    respons = radgiverklient.get("/admin/login/", {"next": neste})
    assert respons.status_code == 302
    assert respons.url == "/admin/"
