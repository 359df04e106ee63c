"""Downloading the archive document from the admin: advisers only, decided applications only."""

import hashlib

import pytest
from django.urls import reverse

from kanaler.services.register import kanal_legg_ned
from tests.arkiv.hjelp import SKJEMA, pdf_tekst, pdfa_id, xml_verdi
from tests.factories import KanalFactory, VurderingFactory
from vurdering.services import vurdering_send_tilbake

pytestmark = pytest.mark.django_db


@pytest.fixture
def retur(ansatt, radgiver):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt)
    return vurdering_send_tilbake(vurdering=vurdering, av=radgiver, kommentar="Beskriv svartiden.")


def lenker(vurdering):
    return [reverse(f"admin:vurdering_vurdering_arkiv_{typ}", args=[vurdering.pk]) for typ in ("pdf", "xml")]


def test_radgiver_laster_ned_pdf_og_xml_med_samme_sjekksum(retur, radgiverklient):
    side = radgiverklient.get(reverse("admin:vurdering_vurdering_change", args=[retur.pk])).content.decode()
    pdf_url, xml_url = lenker(retur)
    assert pdf_url in side and xml_url in side
    pdf = radgiverklient.get(pdf_url)
    xml = radgiverklient.get(xml_url)
    assert pdf["Content-Type"] == "application/pdf" and "attachment" in pdf["Content-Disposition"]
    assert pdfa_id(pdf.content) == ("2", "B")
    SKJEMA.validate(xml.content)
    assert xml_verdi(xml.content, "dokumentobjekt/sjekksum") == hashlib.sha256(pdf.content).hexdigest()


@pytest.mark.parametrize("bruker", [None, "ansatt", "leder"])
def test_andre_enn_radgiver_far_ikke_dokumentet(retur, client, bruker, request):
    if bruker:
        client.force_login(request.getfixturevalue(bruker))
    for url in lenker(retur):
        svar = client.get(url)
        assert svar.status_code in (302, 403)
        assert not svar.content.startswith(b"%PDF") and b"<arkivdokument" not in svar.content


def test_en_soknad_som_venter_har_ikke_arkivdokument(ansatt, radgiverklient):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt)
    side = radgiverklient.get(reverse("admin:vurdering_vurdering_change", args=[vurdering.pk]))
    assert lenker(vurdering)[0] not in side.content.decode()
    assert radgiverklient.get(lenker(vurdering)[0]).status_code == 404


@pytest.mark.parametrize("ugyldig", ["abc", "99999999999999999999"])
def test_ugyldig_id_gir_404(radgiverklient, ugyldig):
    assert radgiverklient.get(f"/admin/vurdering/vurdering/{ugyldig}/arkiv.pdf").status_code == 404


@pytest.fixture
def nedlagt(radgiver):
    kanal = KanalFactory(navn="Brattås bydel")
    return kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Kanalen er erstattet av hovedprofilen.")


def kanallenker(kanal):
    return [reverse(f"admin:kanaler_kanal_arkiv_{typ}", args=[kanal.pk]) for typ in ("pdf", "xml")]


def test_radgiver_laster_ned_nedleggelsen_fra_kanalsiden(nedlagt, radgiverklient):
    side = radgiverklient.get(reverse("admin:kanaler_kanal_change", args=[nedlagt.pk])).content.decode()
    pdf_url, xml_url = kanallenker(nedlagt)
    assert pdf_url in side and xml_url in side
    pdf = radgiverklient.get(pdf_url).content
    xml = radgiverklient.get(xml_url).content
    assert pdfa_id(pdf) == ("2", "B")
    assert "Kanalen er erstattet av hovedprofilen." in pdf_tekst(pdf)
    SKJEMA.validate(xml)
    assert xml_verdi(xml, "dokumentobjekt/sjekksum") == hashlib.sha256(pdf).hexdigest()


@pytest.mark.parametrize("bruker", [None, "ansatt", "leder"])
def test_andre_enn_radgiver_far_ikke_nedleggelsen(nedlagt, client, bruker, request):
    if bruker:
        client.force_login(request.getfixturevalue(bruker))
    for url in kanallenker(nedlagt):
        svar = client.get(url)
        assert svar.status_code in (302, 403) and not svar.content.startswith(b"%PDF")


def test_en_aktiv_kanal_har_ikke_arkivdokument(radgiverklient):
    kanal = KanalFactory()
    assert radgiverklient.get(kanallenker(kanal)[0]).status_code == 404
