from django.conf import settings

from kanaler.roller import roller_for_foresporsel


def kommune(request):
    """The municipality's name and the user's roles, for every template."""
    return {"KOMMUNE_NAVN": settings.KOMMUNE_NAVN, "roller": roller_for_foresporsel(request)}
