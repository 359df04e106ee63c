"""Open data: the OpenAPI document, the Atom feed of changes, schema.org on the list, the NLOD licence."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from kanaler.models import Hendelsespunkt
from kanaler.openapi import NLOD_URL
from kanaler.services.hendelser import hendelse_apne, hendelse_avslutt, hendelse_kryss_av
from kanaler.services.register import kanal_legg_ned
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.openapi_sjekk import sjekk_svar

pytestmark = pytest.mark.django_db

OPENAPI = reverse("kanaler:api_openapi")
STROM = reverse("kanaler:endringer")
SIDE = reverse("kanaler:offisielle")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_adressene():
    assert OPENAPI == "/api/openapi.json"
    assert STROM == "/offisielle-kanaler/endringer.xml"


def test_openapi_dokumentet_er_gyldig_openapi_3_1_med_nlod(client):
    respons = client.get(OPENAPI)
    assert respons.status_code == 200 and respons["Access-Control-Allow-Origin"] == "*"
    dokument = respons.json()
    validate(dokument)
    assert dokument["openapi"] == "3.1.0"
    assert dokument["info"]["license"] == {
        "name": "Norsk lisens for offentlige data (NLOD) 2.0",
        "url": NLOD_URL,
    }
    assert {"/api/kanaler/", "/api/kanaler/verifiser/"} <= set(dokument["paths"])


@pytest.mark.parametrize("sti", ["/api/kanaler/", "/api/kanaler/verifiser/?url=x", OPENAPI])
def test_api_svarene_har_lisensen_i_en_link_overskrift(client, sti):
    assert client.get(sti)["Link"] == f'<{NLOD_URL}>; rel="license"'


def test_et_svar_som_ikke_folger_dokumentet_stoppes():
    feil = JsonResponse({"offisiell": "ja", "url": "x", "kanal": None, "navn_paa_ansatt": "Kari"})
    with pytest.raises(AssertionError, match="offisiell.*is not of type 'boolean'"):
        sjekk_svar("/api/kanaler/verifiser/", feil)
    with pytest.raises(AssertionError, match="svarte 500"):
        sjekk_svar("/api/kanaler/", JsonResponse({}, status=500))


def _strom(client) -> ET.Element:
    respons = client.get(STROM)
    assert respons.status_code == 200
    assert respons["Content-Type"].startswith("application/atom+xml")
    rot = ET.fromstring(respons.content)
    assert rot.tag == f"{ATOM}feed"
    for pakrevd in ("id", "title", "updated", "author"):
        assert rot.find(f"{ATOM}{pakrevd}") is not None, pakrevd
    for oppforing in rot.findall(f"{ATOM}entry"):
        for pakrevd in ("id", "title", "updated", "link"):
            assert oppforing.find(f"{ATOM}{pakrevd}") is not None, pakrevd
    return rot


def _titler(rot) -> list[str]:
    return [oppforing.findtext(f"{ATOM}title") for oppforing in rot.findall(f"{ATOM}entry")]


def test_stromen_viser_aktivert_nedlagt_kompromittert_og_gjenopprettet_uten_personer(
    client, radgiver, django_capture_on_commit_callbacks
):
    ansvarlig = UserFactory(first_name="Hemmelig", last_name="Ansatt")
    kanal = KanalFactory(
        navn="Biblioteket", ansvarlig=ansvarlig, aktivert=timezone.localdate() - timedelta(days=3)
    )
    gammel = KanalFactory(navn="Sommerleiren", virksomhet=VirksomhetFactory(navn="Ungdom"))
    assert _titler(_strom(client))[0].startswith("Ny offisiell kanal")
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=gammel, av=radgiver, begrunnelse="Over.")
        hendelse = hendelse_apne(kanal=kanal, av=radgiver, beskrivelse="Kapret av svindlere.")
    titler = _titler(_strom(client))  # cached before: the change shows at once
    assert titler[0] == "Kanal kompromittert: Biblioteket (Facebook)"
    assert "Kanal lagt ned: Sommerleiren (Facebook)" in titler
    for punkt in Hendelsespunkt.Punkt.values:
        hendelse_kryss_av(hendelse=hendelse, av=radgiver, punkt=punkt)
    with django_capture_on_commit_callbacks(execute=True):
        hendelse_avslutt(hendelse=hendelse, av=radgiver, oppsummering="Tilbake.")
    rot = _strom(client)
    assert _titler(rot)[0] == "Kanal under kommunens kontroll igjen: Biblioteket (Facebook)"
    tekst = ET.tostring(rot, encoding="unicode")
    for privat in ("Hemmelig", radgiver.last_name, "Kapret av svindlere", "Tilbake.", "Over.", "@"):
        assert privat not in tekst
    assert NLOD_URL in rot.findtext(f"{ATOM}rights")
    assert (
        len({oppforing.findtext(f"{ATOM}id") for oppforing in rot.findall(f"{ATOM}entry")}) == len(titler) + 1
    )


def test_stromen_har_fast_antall_sporringer_og_kan_hurtiglagres(
    client, settings, django_assert_max_num_queries
):
    settings.HURTIGLAGER = False
    KanalFactory.create_batch(3)
    with django_assert_max_num_queries(4) as faa:
        client.get(STROM)
    KanalFactory.create_batch(60, nedlagt=True)
    with django_assert_max_num_queries(len(faa.captured_queries)):
        rot = _strom(client)
    assert len(rot.findall(f"{ATOM}entry")) == 50
    assert client.get(STROM)["Cache-Control"] == "public, max-age=60"


def test_listen_har_schema_org_med_kanalene_som_same_as(client):
    hoved = KanalFactory(hovedkanal=True, url="https://facebook.com/porsgrunnkommune")
    annen = KanalFactory(url="https://instagram.com/porsgrunn", plattform="instagram")
    innhold = client.get(SIDE).content.decode()
    treff = re.search(r'<script type="application/ld\+json">(.*?)</script>', innhold, re.S)
    data = json.loads(treff[1])
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Porsgrunn kommune"
    assert data["sameAs"] == [hoved.url, annen.url]
    assert 'rel="license"' in innhold and 'href="/offisielle-kanaler/endringer.xml"' in innhold


def test_json_ld_kan_ikke_bryte_ut_av_skriptet(client):
    KanalFactory(url="https://example.com/a</script><script>alert(1)</script>", plattform="annet")
    innhold = client.get(SIDE).content.decode()
    assert "</script><script>alert(1)" not in innhold
