"""Reads of applications used by views; each costs a constant number of queries."""

from django.db.models import Count, Q

from kanaler.roller import roller_for

from .models import Vurdering

APNE = [Vurdering.Status.UTKAST, Vurdering.Status.SENDT_INN, Vurdering.Status.SENDT_TILBAKE]


def startside_tall(user) -> dict:
    """The application figures the start page shows the user's role."""
    roller = roller_for(user)
    if not roller.innlogget:
        return {}
    filtre = {"mine_apne": Count("pk", filter=Q(innsender=user, status__in=APNE))}
    if roller.radgiver:
        filtre["venter_beslutning"] = Count("pk", filter=Q(status=Vurdering.Status.SENDT_INN))
    return Vurdering.objects.aggregate(**filtre)
