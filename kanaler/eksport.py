"""The register as CSV (streamed) and XLSX (write-only), with bokmål headings."""

import csv
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

BOM = "\ufeff"
BITER = 2000
FORMEL_START = ("=", "+", "-", "@", "\t", "\r")


def _person(bruker) -> str:
    if bruker is None:
        return ""
    return bruker.get_full_name() or bruker.get_username()


def _ja_nei(verdi: bool) -> str:
    return _("Ja") if verdi else _("Nei")


# (heading, value of a channel, column width in the workbook)
KOLONNER = [
    (lambda: _("Navn"), lambda k: k.navn, 36),
    (lambda: _("Plattform"), lambda k: k.get_plattform_display(), 14),
    (lambda: _("Adresse"), lambda k: k.url, 44),
    (lambda: _("Virksomhet"), lambda k: k.virksomhet.navn, 30),
    (lambda: _("Status"), lambda k: k.get_status_display(), 18),
    (lambda: _("Ansvarlig"), lambda k: _person(k.ansvarlig), 24),
    (lambda: _("Stedfortreder"), lambda k: _person(k.stedfortreder), 24),
    (lambda: _("Kommunikasjonsrådgiver"), lambda k: _person(k.administrator), 24),
    (lambda: _("Aktivert"), lambda k: k.aktivert, 12),
    (lambda: _("Sist bekreftet aktivitet"), lambda k: k.sist_aktiv, 12),
    (lambda: _("Neste gjennomgang"), lambda k: k.neste_gjennomgang, 12),
    (lambda: _("Nedlagt"), lambda k: k.nedlagt_dato, 12),
    (lambda: _("Saksnummer"), lambda k: k.saksnummer, 14),
    (lambda: _("Inaktiv"), lambda k: _ja_nei(k.er_inaktiv), 10),
    (lambda: _("Gjennomgang forfalt"), lambda k: _ja_nei(k.er_gjennomgang_forfalt), 12),
    (lambda: _("Administratorrettigheter ikke bekreftet"), lambda k: _ja_nei(k.er_admin_ikke_bekreftet), 14),
    (lambda: _("Mangler stedfortreder"), lambda k: _ja_nei(k.er_uten_stedfortreder), 12),
    (lambda: _("Ansvarlig er deaktivert"), lambda k: _ja_nei(k.er_ansvarlig_deaktivert), 12),
]


def _rader(kanaler) -> Iterator[list]:
    for kanal in kanaler.iterator(chunk_size=BITER):
        yield [verdi(kanal) for _tittel, verdi, _bredde in KOLONNER]


def _trygg_tekst(verdi) -> str:
    """Text for a spreadsheet cell; a leading formula character is neutralised."""
    if verdi is None:
        return ""
    if hasattr(verdi, "isoformat"):
        return verdi.isoformat()
    tekst = str(verdi)
    return "'" + tekst if tekst.startswith(FORMEL_START) else tekst


class _Linje:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, verdi: str) -> str:
        return verdi


def csv_linjer(kanaler) -> Iterable[str]:
    """The CSV file line by line: BOM, heading, one line per channel; memory-flat."""
    skriver = csv.writer(_Linje(), delimiter=";")
    yield BOM + skriver.writerow([str(tittel()) for tittel, _verdi, _bredde in KOLONNER])
    for rad in _rader(kanaler):
        yield skriver.writerow([_trygg_tekst(v) for v in rad])


def skriv_xlsx(kanaler, fil) -> None:
    """Writes the workbook to an open binary file, streaming rows (openpyxl write-only mode)."""
    bok = Workbook(write_only=True)
    ark = bok.create_sheet(_("Kanalregister"))
    for i, (_tittel, _verdi, bredde) in enumerate(KOLONNER, start=1):
        ark.column_dimensions[get_column_letter(i)].width = bredde
    ark.freeze_panes = "A2"
    fet = Font(bold=True)
    overskrift = []
    for tittel, _verdi, _bredde in KOLONNER:
        celle = WriteOnlyCell(ark, value=str(tittel()))
        celle.font = fet
        overskrift.append(celle)
    ark.append(overskrift)
    for rad in _rader(kanaler):
        celler = []
        for verdi in rad:
            if hasattr(verdi, "isoformat"):
                celle = WriteOnlyCell(ark, value=verdi)
                celle.number_format = "DD.MM.YYYY"
            else:
                celle = WriteOnlyCell(ark, value=verdi)
                if isinstance(verdi, str) and verdi.startswith("="):
                    celle.data_type = "s"
            celler.append(celle)
        ark.append(celler)
    bok.properties.creator = "Kanalregister"
    bok.properties.created = timezone.now().replace(tzinfo=None)
    bok.save(fil)
