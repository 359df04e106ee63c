from decimal import Decimal

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import localize

register = template.Library()


@register.filter
def svar_verdi(verdi):
    """An answer for display: numbers in Norwegian form, line breaks kept, HTML escaped."""
    if isinstance(verdi, Decimal | int | float):
        return localize(verdi)
    return linebreaksbr(verdi, autoescape=True)
