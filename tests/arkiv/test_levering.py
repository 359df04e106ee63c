"""Delivery to the archive: the PDF and its XML e-mailed once, after the decision commits."""

import hashlib

import pytest
from django.core.management import call_command

from kanaler.arkiv.modell import Arkivlevering
from kanaler.services.register import kanal_legg_ned
from tests.arkiv.hjelp import SKJEMA, pdf_tekst, pdfa_id, xml_verdi
from tests.factories import KanalFactory, VurderingFactory
from vurdering.services import vurdering_avslaa

pytestmark = pytest.mark.django_db

ARKIV = "postmottak-arkiv@porsgrunn.kommune.no"
NEDLAGT = "Ingen innlegg på et år; følgerne er sendt videre."


def arkivposter(mailoutbox):
    return [e for e in mailoutbox if e.to == [ARKIV]]


@pytest.fixture
def arkivadresse(settings):
    settings.ARKIV_EPOST = ARKIV


def test_avslaget_sendes_til_arkivet_en_gang_over_to_kjoringer(
    arkivadresse, ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_avslaa(vurdering=vurdering, av=radgiver, begrunnelse="Hovedkanalen når målgruppen.")
    call_command("arkiv", "--fra", "2000-01-01")

    [epost] = arkivposter(mailoutbox)
    assert [navn for navn, _innhold, _type in epost.attachments] == [
        f"{vurdering.referanse}-avslag-{epost.attachments[0][0].split('-avslag-')[1]}",
        epost.attachments[0][0].removesuffix(".pdf") + ".xml",
    ]
    (pdfnavn, pdf, pdftype), (_xmlnavn, xml, xmltype) = epost.attachments
    assert (pdftype, xmltype) == ("application/pdf", "application/xml")
    assert pdfa_id(pdf) == ("2", "B")
    assert "Hovedkanalen når målgruppen." in pdf_tekst(pdf)
    SKJEMA.validate(xml)
    assert xml_verdi(xml, "dokumentobjekt/sjekksum") == hashlib.sha256(pdf).hexdigest()
    levering = Arkivlevering.objects.get()
    assert (levering.filnavn, levering.sjekksum) == (pdfnavn, hashlib.sha256(pdf).hexdigest())
    assert levering.sendt is not None


def test_uten_arkivadresse_sendes_ingenting(ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_avslaa(vurdering=vurdering, av=radgiver, begrunnelse="Nei.")
    assert arkivposter(mailoutbox) == [] and len(mailoutbox) == 1  # only the applicant's
    assert not Arkivlevering.objects.exists()


def test_send_igjen_sender_en_tapt_levering_pa_nytt(arkivadresse, ansatt, radgiver, mailoutbox):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt)
    vurdering_avslaa(vurdering=vurdering, av=radgiver, begrunnelse="Nei.")
    call_command("arkiv", "--fra", "2000-01-01", "--dry-run")
    assert arkivposter(mailoutbox) == []
    call_command("arkiv", "--fra", "2000-01-01")
    call_command("arkiv", "--fra", "2000-01-01", "--send-igjen")
    assert len(arkivposter(mailoutbox)) == 2 and Arkivlevering.objects.count() == 1


def test_nedlagt_kanal_sendes_til_arkivet(
    arkivadresse, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(navn="Brattås bydel", saksnummer="2026/31")
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(
            kanal=kanal, av=radgiver, begrunnelse="Ingen innlegg på et år; følgerne er sendt videre."
        )
    [epost] = arkivposter(mailoutbox)
    (_pdfnavn, pdf, _t), (_xmlnavn, xml, _t2) = epost.attachments
    tekst = pdf_tekst(pdf)
    assert "Nedleggelse av kanalen «Brattås bydel»" in tekst
    assert NEDLAGT in tekst
    SKJEMA.validate(xml)
    assert xml_verdi(xml, "saksnummer") == "2026/31"
    assert xml_verdi(xml, "dokumenttype") == "Nedleggelse"
    assert xml_verdi(xml, "dokumentobjekt/sjekksum") == hashlib.sha256(pdf).hexdigest()
