"""The register's table rows, fetched as values and rendered in Python.

The page shows 50 channels with nine cells each. Through the template engine every cell cost a
variable lookup, a filter and an escape; here each row is one f-string with every value escaped,
the same markup the template had (a row header with the link, a badge for the status, a list of
badges for the flags).
"""

from dataclasses import dataclass
from datetime import date
from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .flagg import FLAGG
from .models import Kanal, Plattform
from .personer import personnavn_uttrykk

STATUSKLASSE = {Kanal.Status.AKTIV: "text-bg-success", Kanal.Status.NEDLAGT: "text-bg-secondary"}
FELTER = (
    "pk",
    "navn",
    "hovedkanal",
    "plattform",
    "virksomhet__navn",
    "status",
    "sist_aktiv",
    "neste_gjennomgang",
    *(enkelt.annotasjon for enkelt in FLAGG),
)
_PLASSHOLDER = 987654321


@dataclass(slots=True)
class Rad:
    """One channel of the page: its id and name (for tests and links) and the row's HTML."""

    pk: int
    navn: str
    html: str


def flaggmerke(enkelt) -> str:
    """One flag as the list item with its badge, as every page shows it."""
    return f'<li><span class="badge {enkelt.badge}">{escape(str(enkelt.etikett))}</span></li>'


def _dato(verdi: date | None) -> str:
    return verdi.strftime("%d.%m.%Y") if verdi else "–"


def verdier(kanaler):
    """A register queryset (selectors.kanal_register) as the dicts rader() formats."""
    return kanaler.values(
        *FELTER,
        ansvarlig_navn=personnavn_uttrykk("ansvarlig"),
        radgiver_navn=personnavn_uttrykk("administrator"),
    )


def rader(kanaler) -> list[Rad]:
    """The rows of one page of verdier(), each rendered to a <tr>."""
    plattformer = {verdi: escape(str(navn)) for verdi, navn in Plattform.choices}
    statuser = {verdi: escape(str(navn)) for verdi, navn in Kanal.Status.choices}
    flagg = [(enkelt.annotasjon, flaggmerke(enkelt)) for enkelt in FLAGG]
    hovedkanal = f' <span class="badge text-bg-primary">{escape(_("Hovedkanal"))}</span>'
    # One reverse() for the page: the detail address with the channel's id put in.
    foran, bak = reverse("kanaler:detalj", args=[_PLASSHOLDER]).split(str(_PLASSHOLDER))
    resultat = []
    for k in kanaler:
        ansvarlig, radgiver = k["ansvarlig_navn"], k["radgiver_navn"]
        status = k["status"]
        html = (
            "<tr>\n"
            f'  <th scope="row" class="fw-normal"><a href="{foran}{k["pk"]}{bak}">{escape(k["navn"])}</a>'
            f"{hovedkanal if k['hovedkanal'] else ''}</th>\n"
            f"  <td>{plattformer.get(k['plattform']) or escape(k['plattform'])}</td>\n"
            f"  <td>{escape(k['virksomhet__navn'])}</td>\n"
            f'  <td><span class="badge {STATUSKLASSE.get(status, "text-bg-info")}">'
            f"{statuser.get(status) or escape(status)}</span></td>\n"
            f"  <td>{escape(ansvarlig)}</td>\n"
            f"  <td>{escape(radgiver)}</td>\n"
            f'  <td class="text-nowrap">{_dato(k["sist_aktiv"])}</td>\n'
            f'  <td class="text-nowrap">{_dato(k["neste_gjennomgang"])}</td>\n'
            '  <td class="flagg-celle"><ul class="list-unstyled mb-0 flagg-liste">'
            f"{''.join(li for navn, li in flagg if k[navn])}</ul></td>\n"
            "</tr>\n"
        )
        resultat.append(Rad(pk=k["pk"], navn=k["navn"], html=mark_safe(html)))  # noqa: S308 -- escaped above
    return resultat
