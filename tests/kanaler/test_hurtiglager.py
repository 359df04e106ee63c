"""The public answers are cached by proxies and by the app, and any public change shows at once."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from kanaler import hurtiglager
from kanaler.services.register import kanal_aktiver, kanal_endre, kanal_legg_ned
from kanaler.services.virksomhet import virksomhet_lagre
from tests.factories import KanalFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db

SIDE = reverse("kanaler:offisielle")
LISTE = reverse("kanaler:api_liste")
VERIFISER = reverse("kanaler:api_verifiser")
ADRESSER = [SIDE, LISTE, VERIFISER + "?url=facebook.com/bibliotek"]


@pytest.fixture
def bibliotek(db):
    return KanalFactory(
        navn="Biblioteket",
        url="https://facebook.com/bibliotek",
        virksomhet=VirksomhetFactory(navn="Kultur"),
        beskrivelse="Boktips.",
    )


@pytest.mark.parametrize("adresse", ADRESSER)
def test_anonyme_far_offentlig_hurtiglagring_uten_vary_cookie(client, settings, bibliotek, adresse):
    settings.OFFENTLIG_MAKS_ALDER = 45
    respons = client.get(adresse)
    assert respons.status_code == 200
    assert respons["Cache-Control"] == "public, max-age=45"
    assert respons["ETag"].startswith('"')
    assert "Cookie" not in respons.get("Vary", "")
    assert not respons.cookies


@pytest.mark.parametrize("adresse", ADRESSER)
def test_innloggede_far_privat_svar(client, leder, bibliotek, adresse):
    client.force_login(leder)
    respons = client.get(adresse)
    assert respons.status_code == 200
    assert respons["Cache-Control"] == "private, no-store"
    assert "public" not in respons["Cache-Control"]


def test_innlogget_ser_sin_meny_ikke_den_anonyme_siden(client, leder, bibliotek):
    client.get(SIDE)  # cached for anonymous requests
    client.force_login(leder)
    innhold = client.get(SIDE).content.decode()
    assert "Innlogget som" in innhold and "Logg ut" in innhold


@pytest.mark.parametrize("adresse", ADRESSER)
def test_lagret_svar_gis_uten_sporringer(client, bibliotek, adresse, django_assert_num_queries):
    forste = client.get(adresse)
    with django_assert_num_queries(0):
        andre = client.get(adresse)
    assert andre.status_code == 200
    assert andre.content == forste.content
    assert andre["ETag"] == forste["ETag"]
    assert andre["Cache-Control"] == forste["Cache-Control"]


@pytest.mark.parametrize("adresse", [LISTE, VERIFISER + "?url=facebook.com/bibliotek"])
def test_api_svaret_fra_hurtiglageret_kan_leses_fra_andre_nettsider(client, bibliotek, adresse):
    client.get(adresse)
    respons = client.get(adresse)
    assert respons["Access-Control-Allow-Origin"] == "*"
    assert respons["Content-Type"] == "application/json"


def test_etag_gir_304_uten_innhold(client, bibliotek):
    etag = client.get(LISTE)["ETag"]
    respons = client.get(LISTE, headers={"if-none-match": etag})
    assert respons.status_code == 304
    assert respons.content == b""
    assert respons["ETag"] == etag


def test_hurtiglageret_kan_slas_av(client, settings, bibliotek, django_assert_num_queries):
    settings.HURTIGLAGER = False
    client.get(LISTE)
    with django_assert_num_queries(2):
        respons = client.get(LISTE)
    assert respons["Cache-Control"] == "public, max-age=60"


def test_nedlagt_kanal_forsvinner_straks(client, radgiver, bibliotek, django_capture_on_commit_callbacks):
    assert "Biblioteket" in client.get(SIDE).content.decode()
    assert client.get(VERIFISER, {"url": bibliotek.url}).json()["offisiell"] is True
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=bibliotek, av=radgiver, begrunnelse="Ikke i bruk.")
    assert "Biblioteket" not in client.get(SIDE).content.decode()
    assert client.get(VERIFISER, {"url": bibliotek.url}).json()["offisiell"] is False
    assert client.get(LISTE).json()["antall"] == 0


def test_aktivert_kanal_vises_straks(client, radgiver, django_capture_on_commit_callbacks):
    ny = KanalFactory(navn="Ny kanal", under_opprettelse=True, administrator_bekreftet=timezone.now())
    assert client.get(LISTE).json()["antall"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        kanal_aktiver(kanal=ny, av=radgiver, url="https://facebook.com/ny-kanal")
    assert [k["navn"] for k in client.get(LISTE).json()["resultater"]] == ["Ny kanal"]
    assert "Ny kanal" in client.get(SIDE).content.decode()


@pytest.mark.parametrize(
    ("felt", "verdi", "vises"),
    [("navn", "Bokbussen", "Bokbussen"), ("beskrivelse", "Lånekort på nett.", "Lånekort på nett.")],
)
def test_endret_offentlig_felt_vises_straks(
    client, radgiver, bibliotek, felt, verdi, vises, django_capture_on_commit_callbacks
):
    client.get(SIDE), client.get(LISTE)
    with django_capture_on_commit_callbacks(execute=True):
        kanal_endre(kanal=bibliotek, av=radgiver, **{felt: verdi})
    assert vises in client.get(SIDE).content.decode()
    assert client.get(LISTE).json()["resultater"][0][felt] == verdi


def test_endring_utenfor_det_offentlige_beholder_hurtiglageret(
    client, radgiver, bibliotek, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.get(LISTE)
    with django_capture_on_commit_callbacks(execute=True):
        kanal_endre(kanal=bibliotek, av=radgiver, saksnummer="26/9")
    with django_assert_num_queries(0):
        client.get(LISTE)


def test_nytt_navn_pa_virksomheten_vises_straks(
    client, radgiver, bibliotek, django_capture_on_commit_callbacks
):
    assert client.get(LISTE).json()["resultater"][0]["virksomhet"] == "Kultur"
    virksomhet = bibliotek.virksomhet
    virksomhet.navn = "Kultur og fritid"
    with django_capture_on_commit_callbacks(execute=True):
        virksomhet_lagre(virksomhet=virksomhet, av=radgiver)
    assert client.get(LISTE).json()["resultater"][0]["virksomhet"] == "Kultur og fritid"
    assert "Kultur og fritid" in client.get(SIDE).content.decode()


def test_endring_som_rulles_tilbake_endrer_ikke_versjonen(
    radgiver, bibliotek, django_capture_on_commit_callbacks
):
    for_ = hurtiglager.OFFENTLIG.les()
    with django_capture_on_commit_callbacks(execute=False) as tilbakekall:
        kanal_legg_ned(kanal=bibliotek, av=radgiver, begrunnelse="Ikke i bruk.")
    assert hurtiglager.OFFENTLIG.les() == for_  # nothing is invalidated before the commit
    for kall in tilbakekall:
        kall()
    assert hurtiglager.OFFENTLIG.les() != for_


def test_hurtiglageret_deles_mellom_arbeidere(client, settings, tmp_path, bibliotek, radgiver):
    """Two cache clients on the same files stand for two gunicorn workers."""
    fil = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    settings.CACHES = {"default": fil, "annen_arbeider": fil}
    client.get(LISTE)
    nokkel = hurtiglager.OFFENTLIG.nokkel_for(LISTE, "http", "testserver", "", 20, 1)
    assert caches["annen_arbeider"].get(nokkel) is not None
    # The other worker learns of a change at once: a new version, and the old entry is not found.
    caches["annen_arbeider"].set(hurtiglager.OFFENTLIG.nokkel, "ny-versjon", timeout=None)
    assert hurtiglager.OFFENTLIG.les() == "ny-versjon"
    assert hurtiglager.hent(hurtiglager.OFFENTLIG.nokkel_for(LISTE, "http", "testserver", "", 20, 1)) is None


def test_standardoppsettet_deles_mellom_prosesser(settings):
    """The production default is not a per-process cache: every worker must see one version."""
    from porsgrunn_site import settings as produksjon

    assert produksjon.CACHES["default"]["BACKEND"] not in (
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    )


@pytest.mark.parametrize(
    ("adresse", "parametre", "i_melding"),
    [
        (LISTE, {"plattform": "myspace"}, "Ukjent plattform"),
        (LISTE, {"side": "abc"}, "side må være"),
        (LISTE, {"side": "7"}, "finnes ikke"),
        (LISTE, {"per_side": "101"}, "per_side"),
        (VERIFISER, {"url": "javascript:alert(1)"}, "gyldig nettadresse"),
        (VERIFISER, {}, "Mangler parameteren url"),
    ],
)
def test_feil_gir_samme_400_hver_gang_og_lagres_ikke(client, bibliotek, adresse, parametre, i_melding):
    for _ in range(2):
        respons = client.get(adresse, parametre)
        assert respons.status_code == 400
        assert i_melding in respons.json()["feil"]
        assert "public" not in respons.get("Cache-Control", "")


def test_hver_sporring_har_sitt_eget_svar(client, bibliotek):
    KanalFactory(navn="Annen", url="https://facebook.com/annen")
    assert client.get(VERIFISER, {"url": "facebook.com/bibliotek"}).json()["kanal"]["navn"] == "Biblioteket"
    assert client.get(VERIFISER, {"url": "facebook.com/annen"}).json()["kanal"]["navn"] == "Annen"
    assert len(client.get(LISTE, {"per_side": 1}).json()["resultater"]) == 1
    assert len(client.get(LISTE, {"per_side": 2}).json()["resultater"]) == 2
    # Parameters the list does not read change nothing, not even its links.
    med_stoy = client.get(LISTE, {"per_side": 1, "utm_source": "avis"}).json()
    assert med_stoy["neste"] == "http://testserver/api/kanaler/?per_side=1&side=2"
    ugyldig = client.get(SIDE, {"side": "abc"}).content.decode()
    assert "Sidenummeret «abc» er ugyldig" in ugyldig
    assert "ugyldig" not in client.get(SIDE, {"side": "1"}).content.decode()
    assert (
        "Ja, dette er en offisiell kanal"
        in client.get(SIDE, {"url": "facebook.com/bibliotek"}).content.decode()
    )
    assert "Nei, denne adressen" in client.get(SIDE, {"url": "facebook.com/falsk"}).content.decode()


def test_normaliserte_adresser_deler_svar(client, bibliotek, django_assert_num_queries):
    client.get(VERIFISER, {"url": "https://www.facebook.com/bibliotek"})
    with django_assert_num_queries(0):
        data = client.get(VERIFISER, {"url": "m.facebook.com/Bibliotek/?fbclid=abc"}).json()
    assert data["offisiell"] is True


def test_melding_i_informasjonskapsel_gir_ferskt_svar(client, bibliotek):
    client.get(SIDE)
    client.cookies["messages"] = "noe"
    respons = client.get(SIDE)
    assert respons["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("adresse", [*ADRESSER, reverse("kanaler:register")])
def test_et_hurtiglager_som_ikke_svarer_gir_ferske_svar_ikke_500(
    client, settings, tmp_path, leder, bibliotek, adresse
):
    fil = tmp_path / "ikke-en-mappe"
    fil.write_text("")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(fil)}
    }
    if adresse == reverse("kanaler:register"):
        client.force_login(leder)
    for _ in range(2):
        respons = client.get(adresse)
        assert respons.status_code == 200
        assert b"Biblioteket" in respons.content or b"offisiell" in respons.content
