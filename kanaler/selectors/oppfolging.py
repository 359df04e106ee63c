"""Follow-up of channels: my channels, what falls due when, and what the daily check reminds of."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import flagg
from ..models import Gjennomgang, Kanal
from ..roller import roller_for


def _med_aktiv_siden(qs):
    """Annotates aktiv_siden: the date the activity clock runs from (last confirmation or activation)."""
    return qs.annotate(aktiv_siden=Coalesce("sist_aktiv", "aktivert"))


def aktivitet_frist(kanal: Kanal) -> date | None:
    """The last day the channel counts as active without a new confirmation."""
    if kanal.status != Kanal.Status.AKTIV:
        return None
    return (kanal.sist_aktiv or kanal.aktivert) + timedelta(days=settings.INAKTIV_ETTER_DAGER)


def kanaler_aktivitet_snart(idag: date):
    """Active channels whose activity confirmation falls due within PAMINNELSE_DAGER_FOR days."""
    grense = flagg.inaktiv_grense(idag)
    return _med_aktiv_siden(Kanal.objects.filter(status=Kanal.Status.AKTIV)).filter(
        aktiv_siden__gte=grense,
        aktiv_siden__lte=grense + timedelta(days=settings.PAMINNELSE_DAGER_FOR),
    )


def kanaler_aktivitet_forfalt(idag: date):
    """Inactive channels (the same rule as Kanal.inaktiv_per)."""
    return _med_aktiv_siden(Kanal.objects.inaktive(idag))


def kanaler_gjennomgang_snart(idag: date):
    """Channels not closed whose yearly review is due today or within PAMINNELSE_DAGER_FOR days."""
    return Kanal.objects.exclude(status=Kanal.Status.NEDLAGT).filter(
        neste_gjennomgang__gte=idag,
        neste_gjennomgang__lte=idag + timedelta(days=settings.PAMINNELSE_DAGER_FOR),
    )


def kanaler_gjennomgang_forfalt(idag: date):
    """Channels not closed whose yearly review date has passed."""
    return Kanal.objects.gjennomgang_forfalt(idag)


def kanaler_tilgang_snart(idag: date):
    """Channels not closed whose access review is due today or within PAMINNELSE_DAGER_FOR days."""
    return Kanal.objects.exclude(status=Kanal.Status.NEDLAGT).filter(
        neste_tilgangsgjennomgang__gte=idag,
        neste_tilgangsgjennomgang__lte=idag + timedelta(days=settings.PAMINNELSE_DAGER_FOR),
    )


def kanaler_tilgang_forfalt(idag: date):
    """Channels not closed whose access review date has passed (the flag «tilgang ikke gjennomgått»)."""
    return Kanal.objects.filter(flagg.ETTER_NOKKEL["tilgang_ikke_gjennomgatt"].q(idag))


def kanaler_tidligere_ansatt_har_tilgang():
    """Channels not closed where a deactivated employee still holds a platform role."""
    return Kanal.objects.filter(flagg.ETTER_NOKKEL["tidligere_ansatt_har_tilgang"].q())


def kanaler_ansvarlig_deaktivert():
    """Channels not closed whose responsible person is deactivated."""
    return Kanal.objects.filter(flagg.ETTER_NOKKEL["ansvarlig_deaktivert"].q())


@dataclass(frozen=True)
class Oppfolging:
    """What is due for one channel, as shown on /kanaler/mine/."""

    aktivitet_frist: date | None
    inaktiv: bool
    aktivitet_snart: bool
    gjennomgang_forfalt: bool
    gjennomgang_snart: bool
    tilgang_forfalt: bool = False
    tilgang_snart: bool = False

    @property
    def trenger_handling(self) -> bool:
        return (
            self.inaktiv
            or self.aktivitet_snart
            or self.gjennomgang_forfalt
            or self.gjennomgang_snart
            or self.tilgang_forfalt
            or self.tilgang_snart
        )


def oppfolging_for(kanal: Kanal, idag: date) -> Oppfolging:
    frist = aktivitet_frist(kanal)
    snart = idag + timedelta(days=settings.PAMINNELSE_DAGER_FOR)
    inaktiv = kanal.inaktiv_per(idag)
    gjennomgang_forfalt = kanal.gjennomgang_forfalt_per(idag)
    neste = kanal.neste_gjennomgang
    tilgang = kanal.neste_tilgangsgjennomgang
    tilgang_forfalt = kanal.tilgang_ikke_gjennomgatt_per(idag)
    return Oppfolging(
        aktivitet_frist=frist,
        inaktiv=inaktiv,
        aktivitet_snart=frist is not None and not inaktiv and frist <= snart,
        gjennomgang_forfalt=gjennomgang_forfalt,
        gjennomgang_snart=neste is not None and not gjennomgang_forfalt and neste <= snart,
        tilgang_forfalt=tilgang_forfalt,
        tilgang_snart=tilgang is not None and not tilgang_forfalt and tilgang <= snart,
    )


def mine_kanaler(user, idag: date | None = None) -> list[Kanal]:
    """The channels not closed where the user is responsible or deputy, each with .oppfolging."""
    idag = idag or timezone.localdate()
    siste_gjennomgang = Gjennomgang.objects.filter(kanal=OuterRef("pk")).order_by("-opprettet")
    kanaler = list(
        Kanal.objects.exclude(status=Kanal.Status.NEDLAGT)
        .filter(Q(ansvarlig=user) | Q(stedfortreder=user))
        .select_related("virksomhet", "ansvarlig", "stedfortreder")
        .annotate(siste_gjennomgang=Subquery(siste_gjennomgang.values("opprettet")[:1]))
        .order_by("navn", "pk")
    )
    for kanal in kanaler:
        kanal.oppfolging = oppfolging_for(kanal, idag)
    return sorted(kanaler, key=lambda k: (not k.oppfolging.trenger_handling, k.navn.lower(), k.pk))


def min_kanal(user, pk: int) -> Kanal:
    """One channel (closed included) the user is responsible or deputy for; 404 otherwise."""
    return get_object_or_404(
        Kanal.objects.filter(Q(ansvarlig=user) | Q(stedfortreder=user)).select_related(
            "virksomhet", "ansvarlig", "stedfortreder"
        ),
        pk=pk,
    )


def kanal_for_tilganger(user, pk: int) -> Kanal:
    """A channel whose platform roles the user keeps: any for an adviser, else their own; 404 otherwise."""
    kanaler = Kanal.objects.select_related("virksomhet", "ansvarlig", "stedfortreder", "administrator")
    if not roller_for(user).radgiver:
        kanaler = kanaler.filter(ansvarlig=user)
    return get_object_or_404(kanaler, pk=pk)


def tilganger_for(kanal: Kanal) -> dict:
    """The channel's platform roles now, the ones removed, and the last access reviews (constant queries)."""
    tilganger = list(kanal.plattformtilganger.select_related("ansatt").order_by("fjernet", "rolle", "pk"))
    return {
        "gjeldende": [t for t in tilganger if t.fjernet is None],
        "fjernede": sorted((t for t in tilganger if t.fjernet is not None), key=lambda t: t.fjernet)[-20:],
        "gjennomganger": list(kanal.tilgangsgjennomganger.select_related("utfort_av")[:5]),
    }
