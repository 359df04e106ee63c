import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import User

from kanaler.roller import LEDELSE, PERSONVERNOMBUD, RADGIVER
from porsgrunn_site.identitet.backends import FEIL_UGYLDIG_TOKEN
from porsgrunn_site.identitet.models import Identitet
from porsgrunn_site.identitet.tjenester import FEIL_TVETYDIG
from porsgrunn_site.identitet.views import (
    FEIL_AVBRUTT,
    FEIL_DEAKTIVERT,
    FEIL_UTILGJENGELIG,
    FEIL_UTLOPT_FORSOK,
)
from tests.factories import RadgiverFactory, UserFactory
from tests.identitet.conftest import (
    GRUPPE_RADGIVERE,
    ROLLE_LEDELSE,
    ROLLE_PERSONVERNOMBUD,
    ROLLE_RADGIVER,
    logg_inn_via,
    pek_mot_leverandor,
)
from tests.identitet.leverandor import KLIENT_ID, ny_nokkel

pytestmark = pytest.mark.django_db


def grupper(bruker) -> set[str]:
    return set(bruker.groups.values_list("name", flat=True))


def test_forste_innlogging_lager_brukeren_fra_id_tokenet(client, leverandor):
    svar = logg_inn_via(client, leverandor, given_name="Kari", family_name="Nordmann")
    assert svar.status_code == 302
    assert svar["Location"] == "/"
    bruker = User.objects.get(username="kari.nordmann@porsgrunn.kommune.no")
    assert (bruker.first_name, bruker.last_name) == ("Kari", "Nordmann")
    assert bruker.email == "kari.nordmann@porsgrunn.kommune.no"
    assert not bruker.has_usable_password()
    assert not bruker.is_staff and grupper(bruker) == set()
    assert get_user(client).pk == bruker.pk
    assert Identitet.objects.get(bruker=bruker).oidc_sub == "sub-kari"


def test_innloggingen_bruker_pkce_state_og_nonce(client, leverandor):
    start = client.get("/oidc/start/")
    parametre = leverandor.start_innlogging(start["Location"])
    assert start["Location"].startswith(f"{leverandor.utsteder}/authorize?")
    assert parametre["code_challenge_method"] == "S256"
    assert parametre["scope"] == "openid profile email"
    assert len(parametre["state"]) >= 32 and len(parametre["nonce"]) >= 32
    client.get("/oidc/callback/", {"code": "kode", "state": parametre["state"]})
    assert len(leverandor.token_foresporsler[0]["code_verifier"]) >= 43


def test_feil_pkce_verifikator_gir_ingen_innlogging(client, leverandor):
    start = client.get("/oidc/start/")
    parametre = leverandor.start_innlogging(start["Location"])
    leverandor.utfordring = "en-annen-utfordring"
    svar = client.get("/oidc/callback/", {"code": "kode", "state": parametre["state"]})
    assert svar.status_code == 400
    assert str(FEIL_UTLOPT_FORSOK) in svar.content.decode()
    assert not User.objects.exists()


def test_eksisterende_bruker_finnes_pa_e_post_uansett_store_bokstaver(client, leverandor):
    gammel = UserFactory(username="kari", email="Kari.Nordmann@Porsgrunn.Kommune.no")
    logg_inn_via(client, leverandor, name="Kari Nordmann")
    assert User.objects.count() == 1
    gammel.refresh_from_db()
    assert gammel.username == "kari"
    assert gammel.email == "kari.nordmann@porsgrunn.kommune.no"
    assert get_user(client).pk == gammel.pk


def test_senere_innlogging_oppdaterer_navn_og_e_post(client, leverandor):
    logg_inn_via(client, leverandor, name="Kari Nordmann")
    client.logout()
    logg_inn_via(
        client,
        leverandor,
        preferred_username="kari.berg@porsgrunn.kommune.no",
        name="Kari Nordmann Berg",
        email="kari.berg@porsgrunn.kommune.no",
    )
    bruker = User.objects.get()
    assert (bruker.first_name, bruker.last_name, bruker.email) == (
        "Kari Nordmann",
        "Berg",
        "kari.berg@porsgrunn.kommune.no",
    )


def test_to_kontoer_med_samme_e_post_avvises(client, leverandor):
    UserFactory(username="kari1", email="kari.nordmann@porsgrunn.kommune.no")
    UserFactory(username="kari2", email="KARI.NORDMANN@porsgrunn.kommune.no")
    svar = logg_inn_via(client, leverandor)
    assert svar.status_code == 400
    assert str(FEIL_TVETYDIG) in svar.content.decode()
    assert User.objects.count() == 2
    assert not get_user(client).is_authenticated


def test_radgiverrollen_gir_arbeidsflaten_og_forsvinner_nar_den_fjernes(client, leverandor):
    svar = logg_inn_via(client, leverandor, roles=[ROLLE_RADGIVER])
    assert svar["Location"] == "/admin/"
    bruker = User.objects.get()
    assert bruker.is_staff and grupper(bruker) == {RADGIVER}
    assert client.get("/admin/").status_code == 200

    client.logout()
    svar = logg_inn_via(client, leverandor, roles=[ROLLE_LEDELSE])
    bruker.refresh_from_db()
    assert not bruker.is_staff and grupper(bruker) == {LEDELSE}
    assert svar["Location"] == "/"


def test_personvernombudsrollen_kommer_og_gar_med_tokenet(client, leverandor):
    logg_inn_via(client, leverandor, roles=[ROLLE_PERSONVERNOMBUD])
    bruker = User.objects.get()
    assert not bruker.is_staff and grupper(bruker) == {PERSONVERNOMBUD}
    assert client.get("/vurdering/personvernombud/").status_code == 200

    client.logout()
    logg_inn_via(client, leverandor, roles=[ROLLE_LEDELSE])
    bruker.refresh_from_db()
    assert grupper(bruker) == {LEDELSE}
    assert client.get("/vurdering/personvernombud/").status_code == 403


def test_gruppe_id_gir_rolle(client, leverandor):
    logg_inn_via(client, leverandor, groups=["en-annen-gruppe", GRUPPE_RADGIVERE])
    bruker = User.objects.get()
    assert bruker.is_staff and grupper(bruker) == {RADGIVER}


def test_uten_konfigurerte_roller_rores_ikke_gruppene(client, leverandor, settings):
    settings.OIDC_ROLLE_RADGIVER = []
    settings.OIDC_ROLLE_LEDELSE = []
    radgiver = RadgiverFactory(username="kari", email="kari.nordmann@porsgrunn.kommune.no")
    logg_inn_via(client, leverandor)
    radgiver.refresh_from_db()
    assert radgiver.is_staff and grupper(radgiver) == {RADGIVER}


def test_for_mange_grupper_i_tokenet_lar_rollen_sta(client, leverandor):
    radgiver = RadgiverFactory(username="kari", email="kari.nordmann@porsgrunn.kommune.no")
    logg_inn_via(client, leverandor, _claim_names={"groups": "src1"}, _claim_sources={"src1": {}})
    radgiver.refresh_from_db()
    assert radgiver.is_staff and grupper(radgiver) == {RADGIVER}


def test_superbrukerens_flagg_endres_ikke(client, leverandor):
    sjef = UserFactory(
        username="sjef", email="kari.nordmann@porsgrunn.kommune.no", is_staff=True, is_superuser=True
    )
    logg_inn_via(client, leverandor, roles=[])
    sjef.refresh_from_db()
    assert sjef.is_staff and sjef.is_superuser and sjef.is_active


def test_deaktivert_bruker_avvises_med_side_pa_bokmal(client, leverandor):
    UserFactory(username="kari", email="kari.nordmann@porsgrunn.kommune.no", is_active=False, first_name="K")
    svar = logg_inn_via(client, leverandor, roles=[ROLLE_RADGIVER], name="Kari Nordmann")
    assert svar.status_code == 403
    assert str(FEIL_DEAKTIVERT) in svar.content.decode()
    assert not get_user(client).is_authenticated
    bruker = User.objects.get()
    assert not bruker.is_staff and bruker.first_name == "K"


def test_bruker_som_deaktiveres_mister_okten(client, leverandor):
    logg_inn_via(client, leverandor)
    User.objects.update(is_active=False)
    assert not get_user(client).is_authenticated


def _annen_nokkel(leverandor):
    leverandor.signeringsnokkel = ny_nokkel()


@pytest.mark.parametrize(
    ("forklaring", "krav", "forberedelse"),
    [
        ("feil signatur", {}, _annen_nokkel),
        ("feil nonce", {"nonce": "en-annen-nonce"}, None),
        ("uten nonce", {"nonce": None}, None),
        ("feil mottaker", {"aud": "en-annen-app"}, None),
        ("flere mottakere uten azp", {"aud": [KLIENT_ID, "en-annen-app"]}, None),
        ("utlopt", {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, None),
        ("feil utsteder", {"iss": "https://login.example.org/annen"}, None),
        ("uten subjekt", {"sub": None}, None),
    ],
)
def test_ugyldig_id_token_avvises_uten_ny_bruker(client, leverandor, forklaring, krav, forberedelse):
    if forberedelse:
        forberedelse(leverandor)
    svar = logg_inn_via(client, leverandor, **krav)
    assert svar.status_code == 400, forklaring
    innhold = svar.content.decode()
    assert str(FEIL_UGYLDIG_TOKEN) in innhold
    assert '<html lang="nb"' in innhold
    assert not User.objects.exists()
    assert not get_user(client).is_authenticated


def test_token_uten_nokkel_id_avvises(client, leverandor, monkeypatch):
    start = client.get("/oidc/start/")
    parametre = leverandor.start_innlogging(start["Location"])
    monkeypatch.setattr(leverandor, "id_token", lambda: "ikke.et.token")
    svar = client.get("/oidc/callback/", {"code": "kode", "state": parametre["state"]})
    assert svar.status_code == 400
    assert str(FEIL_UGYLDIG_TOKEN) in svar.content.decode()


def test_ukjent_state_gir_side_pa_bokmal(client, leverandor):
    client.get("/oidc/start/")
    svar = client.get("/oidc/callback/", {"code": "kode", "state": "en-annen-state"})
    assert svar.status_code == 400
    assert str(FEIL_UTLOPT_FORSOK) in svar.content.decode()
    assert not User.objects.exists()


def test_tilbakekall_uten_startet_innlogging_gir_side_pa_bokmal(client, leverandor):
    svar = client.get("/oidc/callback/", {"code": "kode", "state": "noe"})
    assert svar.status_code == 400
    assert str(FEIL_UTLOPT_FORSOK) in svar.content.decode()


def test_avbrutt_hos_leverandoren_gir_side_pa_bokmal(client, leverandor):
    start = client.get("/oidc/start/")
    parametre = leverandor.start_innlogging(start["Location"])
    svar = client.get("/oidc/callback/", {"error": "access_denied", "state": parametre["state"]})
    assert svar.status_code == 400
    assert str(FEIL_AVBRUTT) in svar.content.decode()


def test_leverandor_som_ikke_svarer_gir_side_pa_bokmal(client, settings, db):
    pek_mot_leverandor(settings, "http://127.0.0.1:9")
    svar = client.get("/oidc/start/")
    assert svar.status_code == 503
    assert str(FEIL_UTILGJENGELIG) in svar.content.decode()


def test_neste_side_etter_innlogging(client, leverandor):
    svar = logg_inn_via(client, leverandor, neste="/kanaler/mine/", roles=[ROLLE_RADGIVER])
    assert svar["Location"] == "/kanaler/mine/"


def test_neste_side_pa_annet_nettsted_ignoreres(client, leverandor):
    svar = logg_inn_via(client, leverandor, neste="https://example.org/")
    assert svar["Location"] == "/"


def test_utlogging_avslutter_okten_hos_leverandoren(client, leverandor):
    logg_inn_via(client, leverandor)
    id_token = client.session["oidc_id_token"]
    svar = client.post("/konto/logg-ut/")
    assert not get_user(client).is_authenticated
    adresse = urlsplit(svar["Location"])
    assert f"{adresse.scheme}://{adresse.netloc}{adresse.path}" == f"{leverandor.utsteder}/logout"
    parametre = {n: v[0] for n, v in parse_qs(adresse.query).items()}
    assert parametre == {
        "client_id": KLIENT_ID,
        "id_token_hint": id_token,
        "post_logout_redirect_uri": "http://testserver/",
    }


def test_utlogging_gaar_ikke_til_leverandoren_som_csp_ikke_tillater(client, leverandor, settings):
    logg_inn_via(client, leverandor)
    settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = ["'self'"]
    svar = client.post("/konto/logg-ut/")
    assert svar["Location"] == "/"
    assert not get_user(client).is_authenticated


def test_utlogging_etter_lokal_innlogging_blir_lokal(client, leverandor, ansatt):
    client.force_login(ansatt, backend="porsgrunn_site.identitet.backends.LokalBackend")
    svar = client.post("/konto/logg-ut/")
    assert svar["Location"] == "/"
    assert not get_user(client).is_authenticated


def test_utlogging_krever_post(client, ansatt):
    client.force_login(ansatt)
    assert client.get("/konto/logg-ut/").status_code == 405
    assert get_user(client).is_authenticated


def test_csp_tillater_skjema_til_leverandoren(client, leverandor):
    csp = client.get("/konto/logg-inn/")["Content-Security-Policy"]
    assert f"form-action 'self' {leverandor.utsteder}" in csp
