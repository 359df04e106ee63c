"""One archive document: the PDF/A-2b file and the facts its XML metadata is made from."""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

PDF_VARIANT = "pdf/a-2b"


@dataclass(frozen=True)
class Part:
    rolle: str  # e.g. «Søker», «Virksomhet»
    navn: str


@dataclass(frozen=True)
class Arkivdokument:
    """A document for the archive; `hendelse` is the decision's time and makes the file the same each time."""

    kilde: str  # Arkivlevering.Kilde
    objekt_id: int
    hendelse: datetime
    dokumenttype: str
    tittel: str
    referanse: str
    saksnummer: str
    saksbehandler: str
    parter: tuple[Part, ...]
    pdf: bytes = field(repr=False)

    @property
    def sjekksum(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()

    @property
    def filnavn(self) -> str:
        tid = timezone.localtime(self.hendelse).strftime("%Y%m%d-%H%M%S")
        return f"{self.referanse}-{self.dokumenttype.lower()}-{tid}.pdf"

    @property
    def metadata_filnavn(self) -> str:
        return self.filnavn.removesuffix(".pdf") + ".xml"


def pdf_fra_mal(mal: str, kontekst: dict, *, hendelse: datetime, tittel: str) -> bytes:
    """The template rendered as PDF/A-2b; the same data always gives the same bytes."""
    from weasyprint import HTML  # loads Pango; only where documents are made

    html = render_to_string(
        mal,
        {
            **kontekst,
            "kommune": settings.KOMMUNE_NAVN,
            "tittel": tittel,
            "tidspunkt": hendelse.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )
    identitet = hashlib.sha256(f"{tittel}{hendelse.isoformat()}".encode()).hexdigest()[:32].encode()
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identitet)
