"""Geometry for the overview's server-rendered SVG bar charts (no JavaScript, no inline styles)."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format

STOLPE_HOYDE = 22
RAD_HOYDE = 30
ETIKETT_BREDDE = 180
STOLPE_MAKS = 260
MAKS_TEGN = 25


@dataclass
class Stolpe:
    etikett: str
    kort_etikett: str
    verdi: int
    y: int
    bredde: int
    tekst_x: int
    tekst_y: int
    url: str = ""


def liggende_stolper(rader: list[tuple[str, int]], urler: list[str] | None = None) -> dict:
    """Horizontal bars, one per (label, value) row, scaled to the largest value; urler link the rows."""
    storst = max((verdi for _etikett, verdi in rader), default=0) or 1
    stolper = []
    for i, (etikett, verdi) in enumerate(rader):
        etikett = str(etikett)
        bredde = round(STOLPE_MAKS * verdi / storst)
        stolper.append(
            Stolpe(
                etikett=etikett,
                kort_etikett=etikett if len(etikett) <= MAKS_TEGN else etikett[: MAKS_TEGN - 1] + "…",
                verdi=verdi,
                y=i * RAD_HOYDE + 4,
                bredde=max(bredde, 2 if verdi else 0),
                tekst_x=ETIKETT_BREDDE + max(bredde, 2 if verdi else 0) + 8,
                tekst_y=i * RAD_HOYDE + 4 + STOLPE_HOYDE - 6,
                url=urler[i] if urler else "",
            )
        )
    return {
        "stolper": stolper,
        "hoyde": max(len(rader), 1) * RAD_HOYDE + 8,
        "bredde": ETIKETT_BREDDE + STOLPE_MAKS + 60,
        "etikett_x": ETIKETT_BREDDE - 10,
        "stolpe_x": ETIKETT_BREDDE,
        "stolpe_hoyde": STOLPE_HOYDE,
    }


MND_BREDDE = 44
MND_STOLPE = 16
MND_HOYDE = 160
MND_TOPP = 20
MND_VENSTRE = 40


def maanedsstolper(rader: list[tuple[date, int, int]]) -> dict:
    """Paired vertical bars (activated, closed) per month, with a label every third month."""
    storst = max((max(a, b) for _m, a, b in rader), default=0) or 1
    grunnlinje = MND_TOPP + MND_HOYDE
    maaneder = []
    for i, (maaned, aktivert, nedlagt) in enumerate(rader):
        x = MND_VENSTRE + i * MND_BREDDE + 3
        h_akt = round(MND_HOYDE * aktivert / storst)
        h_ned = round(MND_HOYDE * nedlagt / storst)
        maaneder.append(
            {
                "maaned": maaned,
                "navn": date_format(maaned, "F Y"),
                "kort": date_format(maaned, "M y") if i % 3 == 0 or i == len(rader) - 1 else "",
                "aktivert": aktivert,
                "nedlagt": nedlagt,
                "x_akt": x,
                "y_akt": grunnlinje - h_akt,
                "h_akt": h_akt,
                "x_ned": x + MND_STOLPE + 1,
                "y_ned": grunnlinje - h_ned,
                "h_ned": h_ned,
                "x_tekst": x + MND_STOLPE,
            }
        )
    return {
        "maaneder": maaneder,
        "storst": storst,
        "grunnlinje": grunnlinje,
        "topp": MND_TOPP,
        "venstre": MND_VENSTRE,
        "hoyre": MND_VENSTRE + len(rader) * MND_BREDDE,
        "bredde": MND_VENSTRE + len(rader) * MND_BREDDE + 10,
        "hoyde": grunnlinje + 30,
        "tekst_y": grunnlinje + 18,
        "stolpe": MND_STOLPE,
    }
