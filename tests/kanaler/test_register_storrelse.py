"""/kanaler/ costs the same at any size: the unit filter lists few units, the count stays exact."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kanaler.selectors import register as register_utvalg
from kanaler.services.register import kanal_legg_ned
from tests.factories import KanalFactory, VirksomhetFactory
from tests.kanaler.register_hjelp import lag_mange_kanaler

pytestmark = pytest.mark.django_db

URL = reverse("kanaler:register")


def antall_i(respons) -> int:
    return respons.context["side"].paginator.count


@pytest.fixture
def enheter():
    kommune = VirksomhetFactory(navn="Porsgrunn kommune")
    oppvekst = VirksomhetFactory(navn="Oppvekst", overordnet=kommune)
    skole = VirksomhetFactory(navn="Heistad skole", overordnet=oppvekst)
    sfo = VirksomhetFactory(navn="Heistad SFO", overordnet=skole)
    VirksomhetFactory(navn="Brattås skole", overordnet=oppvekst)
    KanalFactory(navn="Skolekanal", virksomhet=skole)
    KanalFactory(navn="SFO-kanal", virksomhet=sfo)
    KanalFactory(navn="Kommunekanal", virksomhet=kommune)
    return {"kommune": kommune, "oppvekst": oppvekst, "skole": skole, "sfo": sfo}


def test_virksomhetsfeltet_foreslar_bare_de_overste_enhetene(lederklient, enheter):
    innhold = lederklient.get(URL).content.decode()
    assert '<select name="virksomhet"' not in innhold
    assert 'name="virksomhet"' in innhold and 'list="id_virksomhet_forslag"' in innhold
    forslag = re.search(r'<datalist id="id_virksomhet_forslag">(.*?)</datalist>', innhold).group(1)
    assert 'value="Porsgrunn kommune"' in forslag and 'value="Oppvekst"' in forslag
    assert "Heistad" not in forslag


def test_siden_vokser_ikke_med_antall_virksomheter(lederklient, enheter):
    lite = len(lederklient.get(URL).content)
    for nummer in range(300):
        VirksomhetFactory(navn=f"Enhet {nummer:03d}", overordnet=enheter["oppvekst"] if nummer % 2 else None)
    innhold = lederklient.get(URL).content.decode()
    datalist = re.search(r'<datalist id="id_virksomhet_forslag">(.*?)</datalist>', innhold).group(1)
    assert datalist.count("<option") == register_utvalg.VIRKSOMHET_FORSLAG
    assert len(innhold) < lite + 4000


def test_lenker_med_id_virker_og_viser_navnet(lederklient, enheter):
    respons = lederklient.get(URL, {"virksomhet": enheter["skole"].pk})
    assert sorted(k.navn for k in respons.context["kanaler"]) == ["SFO-kanal", "Skolekanal"]
    assert 'value="Heistad skole"' in respons.content.decode()


@pytest.mark.parametrize("skrevet", ["Heistad skole", "heistad SKOLE", "  Heistad skole ", "istad sko"])
def test_virksomhet_skrevet_med_navn_tar_med_underenheter(lederklient, enheter, skrevet):
    respons = lederklient.get(URL, {"virksomhet": skrevet})
    assert not respons.context["form"].errors
    assert sorted(k.navn for k in respons.context["kanaler"]) == ["SFO-kanal", "Skolekanal"]
    assert 'value="Heistad skole"' in respons.content.decode()


@pytest.mark.parametrize(
    ("skrevet", "melding"),
    [
        ("Heistad", "Flere virksomheter passer med «Heistad»: «Heistad SFO», «Heistad skole»."),
        ("Månebasen", "Fant ingen virksomhet som heter eller inneholder «Månebasen»."),
        ("a\x00b", "Fant ingen virksomhet"),
        ("x" * 300, "Fant ingen virksomhet"),
        ("0", "Virksomheten finnes ikke."),
        ("9" * 30, "Virksomheten finnes ikke."),
        ("²", "Fant ingen virksomhet"),
    ],
)
def test_ukjent_eller_tvetydig_virksomhet_gir_melding_ved_feltet(lederklient, enheter, skrevet, melding):
    respons = lederklient.get(URL, {"virksomhet": skrevet})
    assert respons.status_code == 200
    assert melding in " ".join(respons.context["form"].errors["virksomhet"])
    assert "Noen av filtrene kunne ikke brukes" in respons.content.decode()
    assert len(respons.context["kanaler"]) == 3  # the valid filters still apply


def test_eksport_tar_virksomhet_skrevet_med_navn(lederklient, enheter):
    respons = lederklient.get(reverse("kanaler:eksport_csv"), {"virksomhet": "Heistad skole"})
    assert respons.status_code == 200
    assert b"SFO-kanal" in b"".join(respons.streaming_content)


@pytest.fixture
def lav_grense(monkeypatch):
    """A small limit, so a few dozen channels take the path a large register takes."""
    monkeypatch.setattr(register_utvalg, "ANTALL_GRENSE", 10)


def _sporringer(klient, params=None):
    with CaptureQueriesContext(connection) as fanget:
        respons = klient.get(URL, params or {})
    assert respons.status_code == 200
    return respons, len(fanget)


def test_stort_antall_telles_en_gang_og_er_eksakt_etter_en_nedleggelse(
    lederklient, radgiver, lav_grense, django_capture_on_commit_callbacks
):
    kanaler = lag_mange_kanaler(40)  # every 7th closed: 34 shown by default
    forste, sporringer_forste = _sporringer(lederklient)
    andre, sporringer_andre = _sporringer(lederklient)
    assert antall_i(forste) == antall_i(andre) == 34
    assert sporringer_andre == sporringer_forste - 2  # neither the limited nor the full count again
    assert sporringer_andre <= 8
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kanaler[1], av=radgiver, begrunnelse="Ikke i bruk.")
    assert antall_i(lederklient.get(URL)) == 33
    assert antall_i(lederklient.get(URL, {"status": "nedlagt"})) == 7


def test_lite_antall_telles_rett_fra_databasen(lederklient, lav_grense):
    lag_mange_kanaler(40)
    for_ = antall_i(lederklient.get(URL, {"plattform": "instagram"}))
    assert for_ <= 10
    KanalFactory(plattform="instagram", url="https://instagram.com/ny")  # past the services
    assert antall_i(lederklient.get(URL, {"plattform": "instagram"})) == for_ + 1


def test_sok_og_personflagg_telles_alltid(lederklient, lav_grense):
    kanaler = lag_mange_kanaler(40)
    assert antall_i(lederklient.get(URL, {"ansvarlig_deaktivert": "on"})) == 0
    ansvarlig = kanaler[0].ansvarlig
    ansvarlig.is_active = False
    ansvarlig.save()  # an account changed outside the register
    assert antall_i(lederklient.get(URL, {"ansvarlig_deaktivert": "on"})) == 34
    assert antall_i(lederklient.get(URL, {"q": "masse"})) == 34
