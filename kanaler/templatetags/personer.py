"""People in templates by the one naming rule (kanaler.personer)."""

from django import template

from ..personer import personnavn as _personnavn

register = template.Library()


@register.filter
def personnavn(bruker) -> str:
    """The user's name as every page shows it; empty for no user."""
    return _personnavn(bruker) if bruker else ""
