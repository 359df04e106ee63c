"""The roles of DESIGN.md, recognised from Django groups."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

RADGIVER = "Kommunikasjonsrådgiver"
LEDELSE = "Ledelse"
PERSONVERNOMBUD = "Personvernombud"


@dataclass(frozen=True)
class Roller:
    innlogget: bool = False
    radgiver: bool = False
    ledelse: bool = False
    personvernombud: bool = False

    @property
    def leser_registeret(self) -> bool:
        return self.radgiver or self.ledelse


def roller_for(user) -> Roller:
    """The roles a user holds; cached on the user object for the request."""
    if not user.is_authenticated:
        return Roller()
    if not hasattr(user, "_kanalregister_roller"):
        grupper = set(user.groups.values_list("name", flat=True))
        user._kanalregister_roller = Roller(
            innlogget=True,
            radgiver=user.is_superuser or (user.is_staff and RADGIVER in grupper),
            ledelse=LEDELSE in grupper,
            personvernombud=PERSONVERNOMBUD in grupper,
        )
    return user._kanalregister_roller


def uten_innlogging(request) -> bool:
    """True when the request carries no session cookie: anonymous for certain, told without loading a session.

    Reading request.user would load the session, and Django then adds "Vary: Cookie" to the answer.
    """
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def roller_for_foresporsel(request) -> Roller:
    """The roles of the request's user; a request without a session cookie is anonymous."""
    return Roller() if uten_innlogging(request) else roller_for(request.user)


def radgivere():
    """The active communications advisers (for notifications and choices)."""
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=RADGIVER)


def personvernombud():
    """The active data protection officers (for notifications)."""
    return get_user_model().objects.filter(is_active=True, groups__name=PERSONVERNOMBUD)
