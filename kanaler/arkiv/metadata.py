"""The XML metadata beside each archive document, valid against arkivdokument.xsd."""

from pathlib import Path
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone

from .dokument import Arkivdokument

NAVNEROM = "urn:no:porsgrunn:kanalregister:arkivdokument:1"
XSD = Path(__file__).with_name("arkivdokument.xsd")


def metadata_xml(dokument: Arkivdokument) -> bytes:
    """The document's metadata as UTF-8 XML bytes."""
    ET.register_namespace("", NAVNEROM)

    def under(forelder, navn, tekst=None):
        element = ET.SubElement(forelder, f"{{{NAVNEROM}}}{navn}")
        if tekst is not None:
            element.text = str(tekst)
        return element

    rot = ET.Element(f"{{{NAVNEROM}}}arkivdokument")
    under(rot, "arkivskaper", settings.KOMMUNE_NAVN)
    under(rot, "system", "Kanalregister")
    if dokument.saksnummer:
        under(rot, "saksnummer", dokument.saksnummer)
    under(rot, "referanse", dokument.referanse)
    under(rot, "tittel", dokument.tittel)
    under(rot, "dokumenttype", dokument.dokumenttype)
    lokal = timezone.localtime(dokument.hendelse)
    under(rot, "dokumentdato", lokal.date().isoformat())
    under(rot, "beslutningstidspunkt", lokal.isoformat(timespec="seconds"))
    under(rot, "saksbehandler", dokument.saksbehandler)
    parter = under(rot, "parter")
    for part in dokument.parter:
        element = under(parter, "part")
        under(element, "partRolle", part.rolle)
        under(element, "partNavn", part.navn)
    objekt = under(rot, "dokumentobjekt")
    under(objekt, "format", "PDF/A-2b")
    under(objekt, "referanseDokumentfil", dokument.filnavn)
    under(objekt, "sjekksum", dokument.sjekksum)
    under(objekt, "sjekksumAlgoritme", "SHA-256")
    under(objekt, "filstoerrelse", len(dokument.pdf))
    ET.indent(rot)
    return ET.tostring(rot, encoding="utf-8", xml_declaration=True)
