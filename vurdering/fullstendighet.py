"""Whether an application is complete: the strict step forms run against the saved draft.

Used by the progress indicator, the summary and vurdering_send_inn alike, so "complete" means
one thing everywhere.
"""

from dataclasses import dataclass

from django.db.models import JSONField, Q

from .forms import UTFYLLINGSSTEG, steg_skjema
from .models import Vurdering
from .steg import STEG, Steg


def uten_svar() -> Q:
    """Matches an application where no step has an answer: every answer field is empty."""
    betingelse = Q()
    for navn in (navn for steg in STEG for navn in steg.felter):
        felt = Vurdering._meta.get_field(navn)
        if felt.null:
            betingelse &= Q(**{f"{navn}__isnull": True})
        elif isinstance(felt, JSONField):
            betingelse &= Q(**{navn: {}})
        else:
            betingelse &= Q(**{navn: ""})
    return betingelse


def data_fra_utkast(steg: Steg, vurdering: Vurdering) -> dict:
    """The saved answers of a step as the form data a browser would send."""
    skjema = steg_skjema(steg, vurdering)
    data = {}
    for felt in skjema:
        verdi = felt.value()
        if verdi not in (None, "", False):
            data[felt.name] = verdi
    return data


@dataclass(frozen=True)
class StegStatus:
    steg: Steg
    tilstand: str  # "fullfort", "feil" or "ikke_startet"
    feil: list[tuple[str, str]]  # (the field's label, the message)

    @property
    def fullfort(self) -> bool:
        return self.tilstand == "fullfort"


def steg_kontroll(vurdering: Vurdering) -> list[StegStatus]:
    """Whether each of steps 1-7 of the saved draft is complete, and what is wrong if not."""
    resultat = []
    for steg in UTFYLLINGSSTEG:
        data = data_fra_utkast(steg, vurdering)
        skjema = steg_skjema(steg, vurdering, data)
        tilstand = "fullfort" if skjema.is_valid() else ("feil" if data else "ikke_startet")
        feil = [
            (skjema.fields[navn].label if navn in skjema.fields else "", melding)
            for navn, meldinger in skjema.errors.items()
            for melding in meldinger
        ]
        resultat.append(StegStatus(steg, tilstand, feil))
    return resultat
