"""The units: created and changed by an adviser in the workspace."""

from django.db import transaction

from ..hurtiglager import offentlig_endret, register_endret
from ..models import Virksomhet
from .felles import krev_radgiver


@transaction.atomic
def virksomhet_lagre(*, virksomhet: Virksomhet, av) -> Virksomhet:
    """Kommunikasjonsrådgiver oppretter eller endrer en virksomhet; et nytt navn vises straks offentlig."""
    krev_radgiver(av)
    navn_for = (
        Virksomhet.objects.filter(pk=virksomhet.pk).values_list("navn", flat=True).first()
        if virksomhet.pk
        else None
    )
    virksomhet._history_user = av
    virksomhet.save()
    # The public pages and the API show the unit's name; a new unit has no channels yet.
    if navn_for is not None and navn_for != virksomhet.navn:
        offentlig_endret()
    else:
        register_endret()
    return virksomhet
