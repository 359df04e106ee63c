"""The archive's case number (saksnummer): one rule for channels and applications."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FEIL_SAKSNUMMER = _("Saksnummeret har feil format. Skriv det slik arkivet viser det, for eksempel 2026/123.")


def saksnummer_renset(verdi: str | None) -> str:
    """The case number without surrounding spaces ('' for none); ValidationError if it breaks the pattern."""
    verdi = (verdi or "").strip()
    if verdi and not re.fullmatch(settings.SAKSNUMMER_MONSTER, verdi):
        raise ValidationError({"saksnummer": FEIL_SAKSNUMMER}, code="saksnummer")
    return verdi
