"""The register as CSV (streamed) and XLSX (write-only), with bokmål headings."""

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from operator import attrgetter

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .flagg import FLAGG
from .models import Kanal, Plattform
from .personer import personnavn_fra

BOM = "\ufeff"
PERSONFELTER = ("first_name", "last_name", "username")
ROLLER = ("ansvarlig", "stedfortreder", "administrator")
_NAVNEFELTER = {rolle: attrgetter(*(f"{rolle}__{felt}" for felt in PERSONFELTER)) for rolle in ROLLER}
# The columns the export reads, as one values_list row per channel (no model instances).
FELTER = (
    "navn",
    "plattform",
    "url",
    "virksomhet__navn",
    "status",
    *(f"{rolle}__{felt}" for rolle in ROLLER for felt in PERSONFELTER),
    "aktivert",
    "sist_aktiv",
    "neste_gjennomgang",
    "nedlagt_dato",
    "saksnummer",
    *(enkelt.annotasjon for enkelt in FLAGG),
)
BITER = 2000
LINJER_PER_BIT = 200  # lines per chunk of the streamed CSV: few writes, memory still flat
DATOFORMAT = "DD.MM.YYYY"
FORMEL_START = ("=", "+", "-", "@", "\t", "\r")


def _person(rad, rolle: str) -> str:
    """The person in one of the roles, named from the row's name columns."""
    return personnavn_fra(*_NAVNEFELTER[rolle](rad))


def _oppslag() -> dict:
    """Translated labels looked up once per export instead of once per cell."""
    return {
        True: str(_("Ja")),
        False: str(_("Nei")),
        "plattform": {verdi: str(navn) for verdi, navn in Plattform.choices},
        "status": {verdi: str(navn) for verdi, navn in Kanal.Status.choices},
    }


def _flaggkolonne(enkelt):
    return (enkelt.etikett, lambda k, o: o[bool(getattr(k, enkelt.annotasjon))], 12)


# (heading, value of a channel given the labels, column width in the workbook)
KOLONNER = [
    (_("Navn"), lambda k, o: k.navn, 36),
    (_("Plattform"), lambda k, o: o["plattform"].get(k.plattform, k.plattform), 14),
    (_("Adresse"), lambda k, o: k.url, 44),
    (_("Virksomhet"), lambda k, o: k.virksomhet__navn, 30),
    (_("Status"), lambda k, o: o["status"].get(k.status, k.status), 18),
    (_("Ansvarlig"), lambda k, o: _person(k, "ansvarlig"), 24),
    (_("Stedfortreder"), lambda k, o: _person(k, "stedfortreder"), 24),
    (_("Kommunikasjonsrådgiver"), lambda k, o: _person(k, "administrator"), 24),
    (_("Aktivert"), lambda k, o: k.aktivert, 12),
    (_("Sist bekreftet aktivitet"), lambda k, o: k.sist_aktiv, 12),
    (_("Neste gjennomgang"), lambda k, o: k.neste_gjennomgang, 12),
    (_("Nedlagt"), lambda k, o: k.nedlagt_dato, 12),
    (_("Saksnummer"), lambda k, o: k.saksnummer, 14),
    *(_flaggkolonne(enkelt) for enkelt in FLAGG),
]


def _rader(kanaler) -> Iterator[list]:
    oppslag = _oppslag()
    verdier = [verdi for _tittel, verdi, _bredde in KOLONNER]
    for kanal in kanaler.values_list(*FELTER, named=True).iterator(chunk_size=BITER):
        yield [verdi(kanal, oppslag) for verdi in verdier]


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
    """The CSV file in chunks of lines: BOM and heading, then the channels; memory-flat."""
    skriver = csv.writer(_Linje(), delimiter=";")
    yield BOM + skriver.writerow([str(tittel) for tittel, _verdi, _bredde in KOLONNER])
    linjer = []
    for rad in _rader(kanaler):
        linjer.append(skriver.writerow([_trygg_tekst(v) for v in rad]))
        if len(linjer) == LINJER_PER_BIT:
            yield "".join(linjer)
            linjer = []
    if linjer:
        yield "".join(linjer)


def skriv_xlsx(kanaler, fil) -> None:
    """Writes the workbook to an open binary file, streaming rows (openpyxl write-only mode)."""
    bok = Workbook(write_only=True)
    ark = bok.create_sheet(str(_("Kanalregister")))
    for i, (_tittel, _verdi, bredde) in enumerate(KOLONNER, start=1):
        ark.column_dimensions[get_column_letter(i)].width = bredde
    ark.freeze_panes = "A2"
    fet = Font(bold=True)
    overskrift = []
    for tittel, _verdi, _bredde in KOLONNER:
        celle = WriteOnlyCell(ark, value=str(tittel))
        celle.font = fet
        overskrift.append(celle)
    ark.append(overskrift)
    for rad in _rader(kanaler):
        for i, verdi in enumerate(rad):
            if isinstance(verdi, str) and verdi.startswith("="):
                celle = WriteOnlyCell(ark, value=verdi)
                celle.data_type = "s"
                rad[i] = celle
            elif isinstance(verdi, date):
                celle = WriteOnlyCell(ark, value=verdi)
                celle.number_format = DATOFORMAT
                rad[i] = celle
        ark.append(rad)
    bok.properties.creator = "Kanalregister"
    bok.properties.created = timezone.now().replace(tzinfo=None)
    bok.save(fil)
