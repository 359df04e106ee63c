"""Template filter `varighet`: a timedelta in bokmål words ("15 minutter", "1 time og 30 minutter")."""

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def varighet(tid: timedelta | None) -> str:
    if not isinstance(tid, timedelta):
        return ""
    minutter = max(1, round(tid.total_seconds() / 60))
    timer, minutter = divmod(minutter, 60)
    deler = []
    if timer:
        deler.append(ngettext("%(antall)d time", "%(antall)d timer", timer) % {"antall": timer})
    if minutter:
        deler.append(ngettext("%(antall)d minutt", "%(antall)d minutter", minutter) % {"antall": minutter})
    return _(" og ").join(deler)
