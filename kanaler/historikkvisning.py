"""How a value in a record's history is shown: choice labels, people's names, Ja/Nei, dates, «–» for empty."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject

from .personer import personnavn

TOM = "–"


def vis_verdi(felt, verdi) -> str:
    """The value of model field `felt` (a foreign key as the related object) as people read it."""
    if isinstance(verdi, DeletedObject):  # simple_history's stand-in for an empty or gone foreign key
        verdi = verdi.pk
    if verdi is None or verdi == "" or verdi == [] or verdi == {}:
        return TOM
    if isinstance(verdi, get_user_model()):
        return personnavn(verdi)
    if felt.is_relation:
        return str(verdi)
    if felt.choices:
        return str(dict(felt.flatchoices).get(verdi, verdi))
    if isinstance(verdi, bool):
        return str(_("Ja") if verdi else _("Nei"))
    if isinstance(verdi, datetime):
        return formats.date_format(timezone.localtime(verdi), "SHORT_DATETIME_FORMAT")
    if isinstance(verdi, date):
        return formats.date_format(verdi, "SHORT_DATE_FORMAT")
    if isinstance(verdi, Decimal | float):
        return formats.localize(verdi)
    if isinstance(verdi, dict):
        return "; ".join(str(tekst) for tekst in verdi.values())
    if isinstance(verdi, list | tuple):
        return ", ".join(str(del_) for del_ in verdi)
    return str(verdi)


def brukerfelter(modell) -> list:
    """The model's foreign keys to users, whose history values are people."""
    return [
        felt
        for felt in modell._meta.concrete_fields
        if felt.is_relation and felt.related_model is get_user_model()
    ]
