import pytest
from django.contrib.auth import get_user
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.identitet.conftest import logg_inn_via

pytestmark = pytest.mark.django_db

PASSORD = "passord-for-test"
KOMMUNENS_KONTO = "Logg inn med kommunens konto"


def logg_inn_med_passord(client, bruker):
    return client.post("/konto/logg-inn/", {"username": bruker.username, "password": PASSORD})


def test_uten_leverandor_viser_innloggingen_bare_passord(client):
    innhold = client.get("/konto/logg-inn/").content.decode()
    assert KOMMUNENS_KONTO not in innhold
    assert 'name="password"' in innhold
    assert client.get("/oidc/start/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404


def test_kommunens_konto_tilbys_forst_med_neste_side(client, leverandor):
    innhold = client.get("/konto/logg-inn/", {"next": "/kanaler/mine/"}).content.decode()
    assert innhold.index(KOMMUNENS_KONTO) < innhold.index('name="password"')
    assert 'href="/oidc/start/?next=%2Fkanaler%2Fmine%2F"' in innhold


def test_lokal_innlogging_virker_som_for(client, ansatt):
    assert logg_inn_med_passord(client, ansatt).status_code == 302
    assert get_user(client).pk == ansatt.pk


def test_lokal_innlogging_av_stenger_passord_for_andre_enn_superbrukere(
    client, settings, ansatt, superbruker
):
    settings.LOKAL_INNLOGGING = False
    svar = logg_inn_med_passord(client, ansatt)
    assert svar.status_code == 200
    assert "oppgi korrekt brukernavn og passord" in svar.content.decode()
    assert not get_user(client).is_authenticated

    assert logg_inn_med_passord(client, superbruker).status_code == 302
    assert get_user(client).pk == superbruker.pk


def test_lokal_innlogging_av_avslutter_okter_fra_passord(client, settings, ansatt):
    logg_inn_med_passord(client, ansatt)
    settings.LOKAL_INNLOGGING = False
    assert not get_user(client).is_authenticated


def test_lokal_innlogging_av_lar_kommunens_konto_virke(client, settings, leverandor):
    settings.LOKAL_INNLOGGING = False
    assert logg_inn_via(client, leverandor).status_code == 302
    assert get_user(client).is_authenticated


def test_sperren_gjelder_fortsatt_for_superbrukere(client, settings, superbruker):
    settings.LOKAL_INNLOGGING = False
    for _ in range(5):
        client.post("/konto/logg-inn/", {"username": superbruker.username, "password": "feil"})
    sperret = logg_inn_med_passord(client, superbruker)
    assert sperret.status_code == 429
    assert not get_user(client).is_authenticated


def test_mislykket_innlogging_med_kommunens_konto_teller_ikke_mot_sperren(client, leverandor):
    from axes.models import AccessAttempt

    for _ in range(6):
        logg_inn_via(client, leverandor, aud="en-annen-app")
    assert not AccessAttempt.objects.exists()
    assert logg_inn_via(client, leverandor).status_code == 302


@pytest.mark.parametrize(
    "satt",
    [
        {"OIDC_RP_CLIENT_ID": "app"},
        {"OIDC_ISSUER": "https://login.example.org/t/v2.0", "OIDC_RP_CLIENT_ID": "app"},
        {"OIDC_ISSUER": "https://login.example.org/t/v2.0", "OIDC_RP_CLIENT_SECRET": "h"},
    ],
)
def test_halvveis_oppsett_stopper_oppstarten(settings, satt):
    for navn, verdi in satt.items():
        setattr(settings, navn, verdi)
    with pytest.raises(SystemCheckError, match="identitet.E001"):
        call_command("check")


def test_kort_scim_token_gir_advarsel_ved_deploy(settings, capsys):
    settings.SCIM_TOKEN = "kort"
    call_command("check", "--deploy", "--fail-level", "CRITICAL")
    assert "identitet.W001" in capsys.readouterr().err
