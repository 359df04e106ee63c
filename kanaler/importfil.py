"""Reads an import file (CSV or XLSX) of existing channels into rows for kanal_importer."""

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .services.importering import IMPORT_KOLONNER, IMPORT_PAKREVDE

MAKS_BYTE = 2 * 1024 * 1024
MAKS_RADER = 1000

FEIL_FILTYPE = _("Filen må være en CSV- eller XLSX-fil (.csv eller .xlsx).")
FEIL_TOM_FIL = _("Filen er tom.")
FEIL_FOR_STOR = _("Filen er for stor. Største tillatte størrelse er 2 MB.")
FEIL_FOR_MANGE_RADER = _("Filen har for mange rader. Importer høyst %(maks)s kanaler om gangen.")
FEIL_MANGLER_KOLONNER = _("Filen mangler kolonnene: %(kolonner)s.")
FEIL_UKJENTE_KOLONNER = _("Ukjente kolonner: %(kolonner)s.")
FEIL_DOBLE_KOLONNER = _("Kolonnen «%(kolonne)s» står flere ganger.")
FEIL_ULESELIG = _("Filen kunne ikke leses. Lagre den som CSV (UTF-8) eller XLSX og prøv igjen.")
FEIL_INGEN_RADER = _("Filen har overskrifter, men ingen rader å importere.")


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


def _xlsx_rader(innhold: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        bok = load_workbook(io.BytesIO(innhold), read_only=True, data_only=True)
        ark = bok.worksheets[0]
        rader = []
        for rad in ark.iter_rows(values_only=True):
            rader.append([_tekst(celle) for celle in rad])
            if len(rader) > MAKS_RADER + 1:
                break
        bok.close()
        return rader
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError) as feil:
        raise ValidationError(FEIL_ULESELIG) from feil


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
    overskrifter = [" ".join(_tekst(celle).lower().split()) for celle in rader[0]]
    while overskrifter and not overskrifter[-1]:
        overskrifter.pop()
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
