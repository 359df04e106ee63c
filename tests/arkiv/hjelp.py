"""Reading archive documents back: the PDF's text and XMP, the XML against the shipped XSD."""

import io
from xml.etree import ElementTree as ET

import xmlschema
from pypdf import PdfReader

from kanaler.arkiv.metadata import NAVNEROM, XSD

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
SKJEMA = xmlschema.XMLSchema(XSD)


def les_pdf(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdfa_id(pdf: bytes) -> tuple[str, str]:
    """(part, conformance) from the PDF's XMP metadata."""
    xmp = les_pdf(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
    for beskrivelse in ET.fromstring(xmp).iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        if f"{PDFAID}part" in beskrivelse.attrib:
            return beskrivelse.attrib[f"{PDFAID}part"], beskrivelse.attrib[f"{PDFAID}conformance"]
    return "", ""


def pdf_tekst(pdf: bytes) -> str:
    """All text of the PDF, with line breaks as spaces."""
    return " ".join(" ".join(side.extract_text().split()) for side in les_pdf(pdf).pages)


def xml_verdi(xml: bytes, sti: str) -> str | None:
    """The text at a path like 'dokumentobjekt/sjekksum' in the metadata."""
    element = ET.fromstring(xml).find("/".join(f"{{{NAVNEROM}}}{del_}" for del_ in sti.split("/")))
    return None if element is None else element.text
