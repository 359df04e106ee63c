"""Reads of incidents: the open one on a channel, its runbook, and those the daily check reminds of."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..models import Hendelse, Hendelsespunkt, Kanal

GDPR_FRIST = timedelta(hours=72)  # personvernforordningen artikkel 33


@dataclass(frozen=True)
class Sjekkpunkt:
    """One item of the runbook, ticked (with who and when) or not."""

    punkt: str
    etikett: str
    utfort: Hendelsespunkt | None


def apen_hendelse(kanal: Kanal) -> Hendelse | None:
    """The open incident on a channel with its ticked items, or None (two queries when open)."""
    return (
        Hendelse.objects.filter(kanal=kanal, avsluttet__isnull=True)
        .select_related("apnet_av")
        .prefetch_related("punkter__utfort_av")
        .first()
    )


def sjekkliste(hendelse: Hendelse) -> list[Sjekkpunkt]:
    utfort = {punkt.punkt: punkt for punkt in hendelse.punkter.all()}
    return [Sjekkpunkt(p.value, str(p.label), utfort.get(p.value)) for p in Hendelsespunkt.Punkt]


def meldefrist(hendelse: Hendelse) -> datetime:
    """When the 72 hours of GDPR article 33 for notifying the data protection authority run out."""
    return hendelse.oppdaget + GDPR_FRIST


def hendelser_uten_personvernombud():
    """Open incidents whose data protection officer is not yet informed (the daily check reminds of them)."""
    return (
        Hendelse.objects.filter(avsluttet__isnull=True, kanal__status=Kanal.Status.AKTIV)
        .exclude(punkter__punkt=Hendelsespunkt.Punkt.PERSONVERNOMBUD_INFORMERT)
        .select_related("kanal", "kanal__virksomhet")
        .order_by("oppdaget", "pk")
    )
