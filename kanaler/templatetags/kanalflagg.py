"""The derived flags of a channel as badges in templates, the same markup as the register's rows."""

from django import template
from django.utils.safestring import mark_safe

from .. import flagg
from ..registertabell import flaggmerke

register = template.Library()


@register.filter
def flaggmerker(kanal) -> str:
    """The list items of the flags that hold for a channel annotated by med_flagg()."""
    return mark_safe("".join(flaggmerke(enkelt) for enkelt in flagg.aktive(kanal)))  # noqa: S308 -- escaped
