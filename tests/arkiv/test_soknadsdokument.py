"""The archive document of a decided application: PDF/A-2b, complete, and matching its XML."""

import hashlib

import pytest
from django.db import transaction

from kanaler.arkiv.metadata import metadata_xml
from tests.arkiv.hjelp import SKJEMA, les_pdf, pdf_tekst, pdfa_id, xml_verdi
from tests.factories import RadgiverFactory, UserFactory, VurderingFactory
from vurdering.arkiv.dokument import soknadsdokument
from vurdering.services import vurdering_avslaa, vurdering_godkjenn, vurdering_send_tilbake

# Every test is a database test, so it runs before any test that empties the database.
pytestmark = pytest.mark.django_db

BEGRUNNELSE = "Godkjent med én merknad: svar på kommentarer innen én arbeidsdag, også i ferien."


@pytest.fixture(scope="module")
def godkjent(django_db_setup, django_db_blocker):
    """One approved application and its document, made once for the module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        innsender = UserFactory(username="soker-arkiv", first_name="Kåre", last_name="Ødegård")
        vurdering = VurderingFactory(
            innsendt_soknad=True,
            innsender=innsender,
            ansvarlig=innsender,
            stedfortreder=UserFactory(username="stedfortreder-arkiv"),
            foreslatt_navn="Kjølnes skole – Æ Ø Å",
        )
        radgiver = RadgiverFactory(username="radgiver-arkiv", first_name="Ingrid", last_name="Solberg")
        vurdering_godkjenn(vurdering=vurdering, av=radgiver, kommentar=BEGRUNNELSE, saksnummer="2026/4711")
        vurdering.refresh_from_db()
        dokument = soknadsdokument(vurdering)
        svar = vurdering.svar_per_steg()
        retningslinjer = list(vurdering.bekreftede_retningslinjer.values())
        igjen = soknadsdokument(vurdering)
        transaction.set_rollback(True)
    return dokument, svar, retningslinjer, igjen


def test_dokumentet_er_pdfa_2b_i_a4(godkjent):
    dokument = godkjent[0]
    assert dokument.pdf.startswith(b"%PDF-")
    assert pdfa_id(dokument.pdf) == ("2", "B")
    side = les_pdf(dokument.pdf).pages[0]
    assert (round(float(side.mediabox.width)), round(float(side.mediabox.height))) == (595, 842)


def test_skriftene_er_innebygd(godkjent):
    leser = les_pdf(godkjent[0].pdf)
    skrifter = [
        skrift.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for skrift in leser.pages[0]["/Resources"]["/Font"].values()
    ]
    assert skrifter and all("/FontFile2" in s or "/FontFile3" in s for s in skrifter)


def test_dokumentet_har_kommune_saksnummer_soker_og_sidetall(godkjent):
    tekst = pdf_tekst(godkjent[0].pdf)
    for forventet in ("Porsgrunn kommune", "KR-20", "2026/4711", "Kåre Ødegård", "Kjølnes skole – Æ Ø Å"):
        assert forventet in tekst
    sider = len(les_pdf(godkjent[0].pdf).pages)
    assert f"Side 1 av {sider}" in tekst and sider > 1


def test_dokumentet_har_hvert_svar_retningslinjene_og_beslutningen(godkjent):
    dokument, svar, retningslinjer, _igjen = godkjent
    tekst = pdf_tekst(dokument.pdf)
    for steg, felter in svar:
        if steg.slug == "retningslinjer":
            continue
        for sporsmal, verdi in felter:
            assert " ".join(str(sporsmal).split()) in tekst
            assert " ".join(str(verdi).split()).replace(".", ",") in tekst.replace(".", ",")
    for retningslinje in retningslinjer:
        assert " ".join(retningslinje.split()) in tekst
    assert BEGRUNNELSE in tekst
    assert "Ingrid Solberg" in tekst and "Godkjent" in tekst
    assert "Opprettet fra godkjent søknad" in tekst  # the channel's history


def test_samme_beslutning_gir_samme_fil(godkjent):
    assert godkjent[0].pdf == godkjent[3].pdf


def test_metadata_er_gyldig_og_har_pdfens_sjekksum(godkjent):
    dokument = godkjent[0]
    xml = metadata_xml(dokument)
    SKJEMA.validate(xml)
    assert xml_verdi(xml, "dokumentobjekt/sjekksum") == hashlib.sha256(dokument.pdf).hexdigest()
    assert xml_verdi(xml, "dokumentobjekt/referanseDokumentfil") == dokument.filnavn
    assert xml_verdi(xml, "saksnummer") == "2026/4711"
    assert xml_verdi(xml, "saksbehandler") == "Ingrid Solberg"
    assert xml_verdi(xml, "dokumenttype") == "Godkjenning"
    assert xml_verdi(xml, "parter/part/partNavn") == "Kåre Ødegård"


def test_en_endret_sjekksum_er_ugyldig_mot_skjemaet(godkjent):
    xml = metadata_xml(godkjent[0]).replace(godkjent[0].sjekksum.encode(), b"ikke-en-sjekksum")
    assert not SKJEMA.is_valid(xml)


@pytest.mark.parametrize("beslutning", ["retur", "avslag"])
def test_retur_og_avslag_gir_dokument_med_begrunnelsen(beslutning, ansatt, radgiver):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt)
    if beslutning == "retur":
        vurdering_send_tilbake(vurdering=vurdering, av=radgiver, kommentar="Beskriv modereringen nærmere.")
    else:
        vurdering_avslaa(vurdering=vurdering, av=radgiver, begrunnelse="Hovedkanalen dekker behovet.")
    vurdering.refresh_from_db()
    dokument = soknadsdokument(vurdering)
    assert pdfa_id(dokument.pdf) == ("2", "B")
    assert vurdering.begrunnelse in pdf_tekst(dokument.pdf)
    xml = metadata_xml(dokument)
    SKJEMA.validate(xml)
    assert xml_verdi(xml, "saksnummer") is None
    assert xml_verdi(xml, "dokumenttype") == {"retur": "Retur", "avslag": "Avslag"}[beslutning]
