"""The register as CSV and XLSX with bokmål headings, both streamed with flat memory.

The database gives every cell ready: labels, people's names, yes/no for the flags and, for CSV,
text that a spreadsheet would take for a formula prefixed with an apostrophe. On PostgreSQL the
CSV is then written by the database itself (COPY); elsewhere csv.writer writes a chunk of rows at
a time. The workbook is written as XML straight into its zip (kanaler.xlsx).
"""

import csv
import io
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice

from django.db import connection
from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.functions import Concat, Left
from django.db.models.lookups import In
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .flagg import FLAGG
from .models import Kanal, Plattform
from .personer import personnavn_uttrykk
from .xlsx import skriv_arbeidsbok

BOM = "\ufeff"
BITER = 2000  # rows fetched per round trip (a server-side cursor on PostgreSQL)
LINJER_PER_BIT = 1000  # rows per chunk of the streamed CSV: few writes, memory still flat
FORMEL_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Kolonne:
    """One column: heading, width in the workbook, the value as the database computes it."""

    tittel: Promise
    bredde: int
    verdi: object  # a query expression
    tekst: bool = True  # text (neutralised in CSV) or a date


def _etikett(felt: str, valg) -> Case:
    """The display label of a choice field, computed by the database."""
    return Case(
        *(When(**{felt: verdi}, then=Value(str(navn))) for verdi, navn in valg),
        default=F(felt),
        output_field=CharField(),
    )


def _ja_nei(annotasjon: str) -> Case:
    return Case(When(**{annotasjon: True}, then=Value(str(_("Ja")))), default=Value(str(_("Nei"))))


def kolonner() -> list[Kolonne]:
    """The export's columns, labels translated for this request."""
    return [
        Kolonne(_("Navn"), 36, F("navn")),
        Kolonne(_("Plattform"), 14, _etikett("plattform", Plattform.choices)),
        Kolonne(_("Adresse"), 44, F("url")),
        Kolonne(_("Virksomhet"), 30, F("virksomhet__navn")),
        Kolonne(_("Status"), 18, _etikett("status", Kanal.Status.choices)),
        Kolonne(_("Ansvarlig"), 24, personnavn_uttrykk("ansvarlig")),
        Kolonne(_("Stedfortreder"), 24, personnavn_uttrykk("stedfortreder")),
        Kolonne(_("Kommunikasjonsrådgiver"), 24, personnavn_uttrykk("administrator")),
        Kolonne(_("Aktivert"), 12, F("aktivert"), tekst=False),
        Kolonne(_("Sist bekreftet aktivitet"), 12, F("sist_aktiv"), tekst=False),
        Kolonne(_("Neste gjennomgang"), 12, F("neste_gjennomgang"), tekst=False),
        Kolonne(_("Nedlagt"), 12, F("nedlagt_dato"), tekst=False),
        Kolonne(_("Saksnummer"), 14, F("saksnummer")),
        *(Kolonne(enkelt.etikett, 12, _ja_nei(enkelt.annotasjon)) for enkelt in FLAGG),
    ]


def noytralisert(uttrykk):
    """Text a spreadsheet would read as a formula (= + - @ tab CR first) gets a leading apostrophe."""
    return Case(
        When(In(Left(uttrykk, 1), list(FORMEL_START)), then=Concat(Value("'"), uttrykk)),
        default=uttrykk,
        output_field=CharField(),
    )


class IsoDato(Func):
    """A date as YYYY-MM-DD text on PostgreSQL whatever its DateStyle; elsewhere the date itself."""

    arity = 1
    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')")


def _sporring(kanaler, *, for_csv: bool):
    """The register queryset (selectors.kanal_register) as one tuple of cell values per channel."""
    if for_csv:
        verdier = [noytralisert(k.verdi) if k.tekst else IsoDato(k.verdi) for k in kolonner()]
    else:
        verdier = [k.verdi for k in kolonner()]
    return kanaler.values_list(*verdier)


def _rader(kanaler, *, for_csv: bool) -> Iterator[tuple]:
    return _sporring(kanaler, for_csv=for_csv).iterator(chunk_size=BITER)


def skriv_csv(kanaler, fil) -> None:
    """Writes the CSV to an open binary file: BOM and heading, then the channels; memory-flat."""
    buffer = io.StringIO()
    skriver = csv.writer(buffer, delimiter=";")
    skriver.writerow([str(k.tittel) for k in kolonner()])
    fil.write((BOM + buffer.getvalue()).encode())
    if connection.vendor == "postgresql":
        sql, params = _sporring(kanaler, for_csv=True).query.sql_with_params()
        with connection.cursor() as cursor:
            kopi = f"COPY ({cursor.mogrify(sql, params).decode()}) TO STDOUT WITH (FORMAT csv, DELIMITER ';')"
            # copy_expert() bypasses execute(): logged by hand, so query counts still see it.
            with getattr(cursor, "debug_sql", nullcontext)(kopi):
                cursor.copy_expert(kopi, fil)
        return
    rader = _rader(kanaler, for_csv=True)
    while bit := list(islice(rader, LINJER_PER_BIT)):
        buffer.seek(0)
        buffer.truncate()
        skriver.writerows(bit)  # None as empty, by the csv module itself
        fil.write(buffer.getvalue().encode())


def skriv_xlsx(kanaler, fil) -> None:
    """Writes the workbook to an open binary file, row by row (kanaler.xlsx)."""
    alle = kolonner()
    skriv_arbeidsbok(
        fil,
        arknavn=str(_("Kanalregister")),
        overskrifter=[str(k.tittel) for k in alle],
        bredder=[k.bredde for k in alle],
        tekstkolonner=[k.tekst for k in alle],
        rader=_rader(kanaler, for_csv=False),
        forfatter="Kanalregister",
    )
