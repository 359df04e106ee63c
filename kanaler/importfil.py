"""Reads an import file (CSV or XLSX) of existing channels into rows for kanal_importer."""

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .services.importering import IMPORT_KOLONNER, IMPORT_PAKREVDE

MAKS_BYTE = 2 * 1024 * 1024
MAKS_RADER = 1000
MAKS_KOLONNER = 50
MAKS_ARKRADER = 10_000
EXCEL_MAKS_RADER = 1_048_576
# Limits on what openpyxl would have to parse in a workbook, checked before it opens the file:
# a small upload can unpack to gigabytes, and openpyxl spends tens of microseconds per element.
MAKS_UTPAKKET = 10 * 1024 * 1024
MAKS_CELLER_PER_RAD = 1000
MAKS_CELLEELEMENTER = 150_000
MAKS_DELTE_TEKSTER = 20_000
MAKS_ANDRE_ELEMENTER = 60_000
# Elements of a sheet's cell data that openpyxl reads without building an object for each.
CELLEDATA = {"row", "c", "v", "f"}

FEIL_FILTYPE = _("Filen må være en CSV- eller XLSX-fil (.csv eller .xlsx).")
FEIL_TOM_FIL = _("Filen er tom.")
FEIL_FOR_STOR = _("Filen er for stor. Største tillatte størrelse er 2 MB.")
FEIL_FOR_MANGE_RADER = _("Filen har for mange rader. Importer høyst %(maks)s kanaler om gangen.")
FEIL_MANGLER_KOLONNER = _("Filen mangler kolonnene: %(kolonner)s.")
FEIL_UKJENTE_KOLONNER = _("Ukjente kolonner: %(kolonner)s.")
FEIL_DOBLE_KOLONNER = _("Kolonnen «%(kolonne)s» står flere ganger.")
FEIL_ULESELIG = _("Filen kunne ikke leses. Lagre den som CSV (UTF-8) eller XLSX og prøv igjen.")
FEIL_INGEN_RADER = _("Filen har overskrifter, men ingen rader å importere.")
FEIL_FOR_STOR_UTPAKKET = _(
    "Arbeidsboken er for stor når den pakkes ut (høyst %(maks)s MB). "
    "Kopier kanallisten over i en ny arbeidsbok, lagre den og prøv igjen."
)
FEIL_FOR_MYE_INNHOLD = _(
    "Arbeidsboken har for mye innhold til å kunne leses. "
    "Kopier kanallisten over i en ny arbeidsbok, lagre den og prøv igjen."
)
FEIL_FOR_MANGE_TEKSTER = _(
    "Arbeidsboken har for mange ulike tekster (høyst %(maks)s). "
    "Kopier kanallisten over i en ny arbeidsbok, lagre den og prøv igjen."
)
FEIL_FOR_MANGE_KOLONNER = _(
    "Filen har innhold eller formatering i mer enn %(maks)s kolonner. "
    "Slett de ubrukte kolonnene til høyre og prøv igjen."
)
FEIL_FOR_MANGE_ARKRADER = _(
    "Arket har innhold eller formatering i mer enn %(maks)s rader. "
    "Slett de ubrukte radene nederst og prøv igjen."
)
FEIL_FORMEL = _("Rad %(rad)s, kolonne «%(kolonne)s»: formler godtas ikke. Lim inn verdiene i stedet.")


@dataclass(frozen=True)
class Formel:
    """A formula cell of a workbook: its row and column letter in the sheet."""

    rad: int
    kolonne: str

    def __str__(self) -> str:
        return "="


def _tekst(verdi) -> str:
    if verdi is None:
        return ""
    if isinstance(verdi, float) and verdi.is_integer():
        verdi = int(verdi)
    return str(verdi).strip()


def _csv_rader(innhold: bytes) -> list[list[str]]:
    for koding in ("utf-8-sig", "cp1252"):
        try:
            tekst = innhold.decode(koding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(FEIL_ULESELIG)
    forste_linje = next((linje for linje in tekst.splitlines() if linje.strip()), "")
    skilletegn = ";" if forste_linje.count(";") > forste_linje.count(",") else ","
    try:
        return [list(rad) for rad in csv.reader(io.StringIO(tekst, newline=""), delimiter=skilletegn)]
    except csv.Error as feil:
        raise ValidationError(FEIL_ULESELIG) from feil


class _Opptelling:
    """Counts the elements of a workbook's XML parts as expat reads them; ValidationError past a limit."""

    def __init__(self):
        self.celleelementer = 0
        self.andre_elementer = 0
        self.delte_tekster = 0
        self.ny_del()

    def ny_del(self) -> None:
        self.dybde = 0
        self.er_ark = False
        self.i_celledata = False
        self.celler_i_rad = 0

    def start(self, tag: str, attrib: dict) -> None:
        navn = tag.rpartition("}")[2]
        if self.dybde == 0:
            self.er_ark = navn == "worksheet"
        self.dybde += 1
        if self.i_celledata and navn in CELLEDATA:
            self.celleelementer += 1
            if navn == "row":
                self.celler_i_rad = 0
            elif navn == "c":
                self.celler_i_rad += 1
            if self.celleelementer > MAKS_CELLEELEMENTER or self.celler_i_rad > MAKS_CELLER_PER_RAD:
                raise ValidationError(FEIL_FOR_MYE_INNHOLD)
            return
        self.andre_elementer += 1
        if self.andre_elementer > MAKS_ANDRE_ELEMENTER:
            raise ValidationError(FEIL_FOR_MYE_INNHOLD)
        if navn == "si":
            self.delte_tekster += 1
            if self.delte_tekster > MAKS_DELTE_TEKSTER:
                raise ValidationError(FEIL_FOR_MANGE_TEKSTER, params={"maks": MAKS_DELTE_TEKSTER})
        if self.er_ark and navn == "sheetData" and self.dybde == 2:
            self.i_celledata = True

    def end(self, tag: str) -> None:
        self.dybde -= 1
        if self.dybde == 1:
            self.i_celledata = False

    def doctype(self, navn, pubid, system) -> None:
        # Office Open XML parts never declare a DTD; one here is only good for entity tricks.
        raise ValidationError(FEIL_ULESELIG)


def _sjekk_arbeidsbok(innhold: bytes) -> None:
    """Refuses a workbook that is not a zip or would unpack to more than openpyxl should parse."""
    try:
        arkiv = zipfile.ZipFile(io.BytesIO(innhold))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as feil:
        raise ValidationError(FEIL_ULESELIG) from feil
    with arkiv:
        deler = arkiv.infolist()
        # zipfile stops each member at its declared file_size (and then fails on the CRC),
        # so the declared sizes bound what can be unpacked.
        if sum(del_.file_size for del_ in deler) > MAKS_UTPAKKET:
            raise ValidationError(FEIL_FOR_STOR_UTPAKKET, params={"maks": MAKS_UTPAKKET // (1024 * 1024)})
        opptelling = _Opptelling()
        for del_ in deler:
            opptelling.ny_del()
            parser = ElementTree.XMLParser(target=opptelling)
            try:
                with arkiv.open(del_) as kilde:
                    while blokk := kilde.read(64 * 1024):
                        parser.feed(blokk)
            except ElementTree.ParseError:
                # Not XML (an image, a printer setting) or broken XML: openpyxl stops at the
                # same place if it needs the part, so nothing past this point is parsed.
                continue
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                EOFError,
                NotImplementedError,
                RuntimeError,
            ) as feil:
                raise ValidationError(FEIL_ULESELIG) from feil


def _xlsx_rader(innhold: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    _sjekk_arbeidsbok(innhold)
    try:
        bok = load_workbook(io.BytesIO(innhold), read_only=True, data_only=False, keep_links=False)
        try:
            ark = bok.worksheets[0]
            if (ark.max_column or 0) > MAKS_KOLONNER:
                raise ValidationError(FEIL_FOR_MANGE_KOLONNER, params={"maks": MAKS_KOLONNER})
            if (ark.max_row or 0) > MAKS_ARKRADER:
                raise ValidationError(FEIL_FOR_MANGE_ARKRADER, params={"maks": MAKS_ARKRADER})
            rader = []
            # Explicit bounds: openpyxl would otherwise trust the sheet's own (possibly wrong) dimension.
            celler = ark.iter_rows(max_row=EXCEL_MAKS_RADER, max_col=MAKS_KOLONNER + 1)
            for nummer, rad in enumerate(celler, start=1):
                if nummer > MAKS_ARKRADER:
                    raise ValidationError(FEIL_FOR_MANGE_ARKRADER, params={"maks": MAKS_ARKRADER})
                verdier = [
                    Formel(nummer, get_column_letter(kolonne)) if celle.data_type == "f" else celle.value
                    for kolonne, celle in enumerate(rad, start=1)
                ]
                if len(verdier) > MAKS_KOLONNER and _tekst(verdier[MAKS_KOLONNER]):
                    raise ValidationError(FEIL_FOR_MANGE_KOLONNER, params={"maks": MAKS_KOLONNER})
                if any(_tekst(verdi) for verdi in verdier):
                    rader.append(verdier[:MAKS_KOLONNER])
                    if len(rader) > MAKS_RADER + 1:
                        break
        finally:
            bok.close()
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        OSError,
        ValueError,
        IndexError,
        TypeError,
        AttributeError,
        SyntaxError,
        InvalidFileException,
    ) as feil:
        raise ValidationError(FEIL_ULESELIG) from feil
    return rader


def les_importfil(fil) -> list[dict]:
    """The file's rows as dicts keyed like IMPORT_KOLONNER values; ValidationError for a bad file."""
    navn = (getattr(fil, "name", "") or "").lower()
    if not navn.endswith((".csv", ".xlsx")):
        raise ValidationError(FEIL_FILTYPE)
    if fil.size == 0:
        raise ValidationError(FEIL_TOM_FIL)
    if fil.size > MAKS_BYTE:
        raise ValidationError(FEIL_FOR_STOR)
    innhold = fil.read(MAKS_BYTE + 1)
    if navn.endswith(".xlsx"):
        if not innhold.startswith(b"PK"):
            raise ValidationError(FEIL_ULESELIG)
        rader = _xlsx_rader(innhold)
    else:
        if b"\x00" in innhold:
            raise ValidationError(FEIL_ULESELIG)
        rader = _csv_rader(innhold)
    rader = [rad for rad in rader if any(_tekst(celle) for celle in rad)]
    if not rader:
        raise ValidationError(FEIL_TOM_FIL)
    for rad in rader:
        while rad and not _tekst(rad[-1]):
            rad.pop()
        if len(rad) > MAKS_KOLONNER:
            raise ValidationError(FEIL_FOR_MANGE_KOLONNER, params={"maks": MAKS_KOLONNER})
    overskrifter = [" ".join(_tekst(celle).lower().split()) for celle in rader[0]]
    for nummer, rad in enumerate(rader):
        for indeks, celle in enumerate(rad):
            if isinstance(celle, Formel):
                overskrift = overskrifter[indeks] if nummer and indeks < len(overskrifter) else ""
                kolonne = overskrift or celle.kolonne
                raise ValidationError(FEIL_FORMEL, params={"rad": celle.rad, "kolonne": kolonne})
    for overskrift in overskrifter:
        if overskrifter.count(overskrift) > 1:
            raise ValidationError(FEIL_DOBLE_KOLONNER, params={"kolonne": overskrift})
    ukjente = [o or "(tom)" for o in overskrifter if o not in IMPORT_KOLONNER]
    if ukjente:
        raise ValidationError(FEIL_UKJENTE_KOLONNER, params={"kolonner": ", ".join(ukjente)})
    mangler = [k for k in IMPORT_PAKREVDE if k not in overskrifter]
    if mangler:
        raise ValidationError(FEIL_MANGLER_KOLONNER, params={"kolonner": ", ".join(mangler)})
    data = rader[1:]
    if not data:
        raise ValidationError(FEIL_INGEN_RADER)
    if len(data) > MAKS_RADER:
        raise ValidationError(FEIL_FOR_MANGE_RADER, params={"maks": MAKS_RADER})
    resultat = []
    for rad in data:
        verdier = {felt: "" for felt in IMPORT_KOLONNER.values()}
        for indeks, overskrift in enumerate(overskrifter):
            verdier[IMPORT_KOLONNER[overskrift]] = _tekst(rad[indeks]) if indeks < len(rad) else ""
        resultat.append(verdier)
    return resultat
