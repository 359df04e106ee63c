"""Reads of the register used by views; each costs a constant number of queries."""

from django.db.models import Count, Q

from .models import Kanal
from .roller import roller_for


def startside_tall(user) -> dict:
    """The figures the start page shows the user's role."""
    roller = roller_for(user)
    tall = {}
    if roller.innlogget:
        tall.update(
            Kanal.objects.exclude(status=Kanal.Status.NEDLAGT)
            .filter(Q(ansvarlig=user) | Q(stedfortreder=user))
            .aggregate(mine_kanaler=Count("pk"))
        )
    if roller.leser_registeret:
        tall.update(
            Kanal.objects.aggregate(
                aktive=Count("pk", filter=Q(status=Kanal.Status.AKTIV)),
                under_opprettelse=Count("pk", filter=Q(status=Kanal.Status.UNDER_OPPRETTELSE)),
            )
        )
    return tall
