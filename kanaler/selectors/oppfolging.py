"""Follow-up of channels: my channels, what falls due when, and what the daily check reminds of."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import flagg
from ..models import Gjennomgang, Kanal, Plattformtilgang
from ..personer import merk_personer
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
    """What is due for one channel, as shown on /kanaler/mine/: its flags and what falls due soon."""

    aktivitet_frist: date | None
    flagg: tuple[flagg.Flagg, ...]  # the register's flags that hold (kanaler.flagg), in display order
    aktivitet_snart: bool
    gjennomgang_snart: bool
    tilgang_snart: bool = False

    @property
    def inaktiv(self) -> bool:
        return flagg.ETTER_NOKKEL["inaktiv"] in self.flagg

    @property
    def gjennomgang_forfalt(self) -> bool:
        return flagg.ETTER_NOKKEL["gjennomgang_forfalt"] in self.flagg

    @property
    def tilgang_forfalt(self) -> bool:
        return flagg.ETTER_NOKKEL["tilgang_ikke_gjennomgatt"] in self.flagg

    @property
    def forfalt(self) -> bool:
        """A deadline of the person's own has passed (the other flags wait for the adviser)."""
        return self.inaktiv or self.gjennomgang_forfalt or self.tilgang_forfalt

    @property
    def trenger_handling(self) -> bool:
        return bool(self.flagg) or self.aktivitet_snart or self.gjennomgang_snart or self.tilgang_snart


def oppfolging_for(kanal: Kanal, idag: date) -> Oppfolging:
    """The follow-up of a channel annotated by med_flagg(idag)."""
    frist = aktivitet_frist(kanal)
    snart = idag + timedelta(days=settings.PAMINNELSE_DAGER_FOR)
    holder = tuple(flagg.aktive(kanal))
    neste = kanal.neste_gjennomgang
    tilgang = kanal.neste_tilgangsgjennomgang
    return Oppfolging(
        aktivitet_frist=frist,
        flagg=holder,
        aktivitet_snart=frist is not None and flagg.ETTER_NOKKEL["inaktiv"] not in holder and frist <= snart,
        gjennomgang_snart=neste is not None
        and flagg.ETTER_NOKKEL["gjennomgang_forfalt"] not in holder
        and neste <= snart,
        tilgang_snart=tilgang is not None
        and flagg.ETTER_NOKKEL["tilgang_ikke_gjennomgatt"] not in holder
        and tilgang <= snart,
    )


def mine_kanaler(user, idag: date | None = None) -> list[Kanal]:
    """The channels not closed where the user is responsible or deputy, each with .oppfolging."""
    idag = idag or timezone.localdate()
    siste_gjennomgang = Gjennomgang.objects.filter(kanal=OuterRef("pk")).order_by("-opprettet")
    kanaler = list(
        Kanal.objects.med_flagg(idag)
        .exclude(status=Kanal.Status.NEDLAGT)
        .filter(Q(ansvarlig=user) | Q(stedfortreder=user))
        .select_related("virksomhet", "ansvarlig", "stedfortreder")
        .annotate(siste_gjennomgang=Subquery(siste_gjennomgang.values("opprettet")[:1]))
        .order_by("navn", "pk")
    )
    for kanal in kanaler:
        kanal.oppfolging = oppfolging_for(kanal, idag)
    merk_personer(kanaler, "ansvarlig", "stedfortreder")
    return sorted(
        kanaler,
        key=lambda k: (not k.oppfolging.forfalt, not k.oppfolging.trenger_handling, k.navn.lower(), k.pk),
    )


def min_kanal(user, pk: int) -> Kanal:
    """One channel (closed included) the user is responsible or deputy for; 404 otherwise."""
    kanal = get_object_or_404(
        Kanal.objects.filter(Q(ansvarlig=user) | Q(stedfortreder=user)).select_related(
            "virksomhet", "ansvarlig", "stedfortreder"
        ),
        pk=pk,
    )
    merk_personer([kanal], "ansvarlig", "stedfortreder")
    return kanal


def kanal_for_tilganger(user, pk: int) -> Kanal:
    """A channel whose platform roles the user keeps: any for an adviser, else their own; 404 otherwise."""
    kanaler = Kanal.objects.select_related("virksomhet", "ansvarlig", "stedfortreder", "administrator")
    if not roller_for(user).radgiver:
        kanaler = kanaler.filter(ansvarlig=user)
    return get_object_or_404(kanaler, pk=pk)


def tilgang_for(user, pk: int):
    """A platform role on a channel the user keeps (kanal_for_tilganger), with that channel; else 404."""
    tilgang = get_object_or_404(Plattformtilgang.objects.select_related("ansatt"), pk=pk)
    tilgang.kanal = kanal_for_tilganger(user, tilgang.kanal_id)
    return tilgang


def tilganger_for(kanal: Kanal) -> dict:
    """The channel's platform roles now, the ones removed, and the last access reviews (constant queries)."""
    tilganger = list(kanal.plattformtilganger.select_related("ansatt").order_by("fjernet", "rolle", "pk"))
    merk_personer(tilganger, "ansatt")
    return {
        "gjeldende": [t for t in tilganger if t.fjernet is None],
        "fjernede": sorted((t for t in tilganger if t.fjernet is not None), key=lambda t: t.fjernet)[-20:],
        "gjennomganger": list(kanal.tilgangsgjennomganger.select_related("utfort_av")[:5]),
    }
