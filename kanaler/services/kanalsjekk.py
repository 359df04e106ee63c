"""The daily channel check: one reminder per person listing their channels, one digest to the advisers."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import FalskKonto, Kanal, Paminnelse, Plattformtilgang
from ..personer import merk_personer, personnavn
from ..roller import radgivere
from ..selectors.hendelser import hendelser_uten_personvernombud, meldefrist
from ..selectors.oppfolging import (
    aktivitet_frist,
    kanaler_aktivitet_forfalt,
    kanaler_aktivitet_snart,
    kanaler_ansvarlig_deaktivert,
    kanaler_gjennomgang_forfalt,
    kanaler_gjennomgang_snart,
    kanaler_tilgang_forfalt,
    kanaler_tilgang_snart,
)
from ..varsler import send_epost
from .falske import meldingsgrenser_rydd

User = get_user_model()

PAMINNELSE = "paminnelse"
SAMMENDRAG = Paminnelse.Type.SAMMENDRAG.value
ANSVARLIG_DEAKTIVERT = Paminnelse.Type.ANSVARLIG_DEAKTIVERT.value
PERSONVERN = Paminnelse.Type.HENDELSE_PERSONVERN.value


@dataclass
class Punkt:
    """One channel in a person's reminder, with every kind of reminder due for it."""

    kanal: Kanal
    typer: list[str] = field(default_factory=list)
    mottakere: list[str] = field(default_factory=list)  # who is told about this channel

    @property
    def til_stedfortreder(self) -> bool:
        """The responsible person cannot be reached, so the deputy is reminded instead."""
        return not _kan_naas(self.kanal.ansvarlig)

    @property
    def aktivitet_frist(self) -> date | None:
        return aktivitet_frist(self.kanal)


@dataclass
class Utsending:
    """One e-mail the channel check sends (or would send, in a dry run)."""

    type: str  # PAMINNELSE (one person's channels), SAMMENDRAG (the advisers' digest) or PERSONVERN
    mottakere: list[str]
    mottaker: User | None = None
    stedfortredere: list[User] = field(default_factory=list)  # in copy
    punkter: list[Punkt] = field(default_factory=list)
    kanaler: dict = field(default_factory=dict)

    @property
    def kopi(self) -> list[str]:
        return [person.email for person in self.stedfortredere]

    @property
    def paminnelser(self) -> list[tuple[Kanal | None, str]]:
        """The (channel, kind) pairs the e-mail is about: one Paminnelse each."""
        if self.type == SAMMENDRAG:
            return [
                (None, SAMMENDRAG),
                *((kanal, ANSVARLIG_DEAKTIVERT) for kanal in self.kanaler["nye_sluttet"]),
            ]
        if self.type == PERSONVERN:
            return [(hendelse.kanal, PERSONVERN) for hendelse, _frist in self.kanaler["hendelser"]]
        return [(punkt.kanal, type_) for punkt in self.punkter for type_ in punkt.typer]


def _start_av_dag(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def _kan_naas(person) -> bool:
    return person is not None and person.is_active and bool(person.email)


@transaction.atomic
def kanalsjekk_kjor(*, idag: date | None = None, prov: bool = False) -> list[Utsending]:
    """The daily check: each person one reminder listing their channels, the advisers one digest.

    Never sends the same kind of reminder for a channel twice within PAMINNELSE_INTERVALL_DAGER,
    so running it again the same day sends nothing. With prov=True nothing is sent or recorded.
    """
    idag = idag or timezone.localdate()
    utsendinger = _paminnelser(idag)
    for ekstra in (_personvern(idag), _sammendrag(idag)):
        if ekstra:
            utsendinger.append(ekstra)
    if prov:
        return utsendinger
    meldingsgrenser_rydd()
    for utsending in utsendinger:
        if utsending.type == SAMMENDRAG:
            send_epost(
                mottakere=utsending.mottakere,
                mal="kanalsjekk_sammendrag",
                kontekst={"idag": idag, **utsending.kanaler},
            )
        elif utsending.type == PERSONVERN:
            send_epost(
                mottakere=utsending.mottakere,
                mal="kanalsjekk_personvern",
                kontekst={"idag": idag, **utsending.kanaler},
            )
        else:
            send_epost(
                mottakere=utsending.mottakere,
                kopi=utsending.kopi,
                mal="kanalsjekk_paminnelse",
                kontekst={
                    "mottaker": utsending.mottaker,
                    "punkter": utsending.punkter,
                    "stedfortredere": utsending.stedfortredere,
                    "kopi_til": ", ".join(personnavn(person) for person in utsending.stedfortredere),
                    "idag": idag,
                    "INAKTIV_ETTER_DAGER": settings.INAKTIV_ETTER_DAGER,
                },
            )
    Paminnelse.objects.bulk_create(
        Paminnelse(
            kanal=kanal,
            type=type_,
            person=kanal.ansvarlig if type_ == ANSVARLIG_DEAKTIVERT else None,
            mottakere=", ".join(_mottakere_for(utsending, kanal)),
        )
        for utsending in utsendinger
        for kanal, type_ in utsending.paminnelser
    )
    return utsendinger


def _mottakere_for(utsending: Utsending, kanal: Kanal | None) -> list[str]:
    if utsending.type in (SAMMENDRAG, PERSONVERN):
        return utsending.mottakere
    return next(punkt.mottakere for punkt in utsending.punkter if punkt.kanal.pk == kanal.pk)


def _paminnelser(idag: date) -> list[Utsending]:
    utvalg = {
        Paminnelse.Type.AKTIVITET_SNART: kanaler_aktivitet_snart(idag),
        Paminnelse.Type.AKTIVITET_FORFALT: kanaler_aktivitet_forfalt(idag),
        Paminnelse.Type.GJENNOMGANG_SNART: kanaler_gjennomgang_snart(idag),
        Paminnelse.Type.GJENNOMGANG_FORFALT: kanaler_gjennomgang_forfalt(idag),
        Paminnelse.Type.TILGANG_SNART: kanaler_tilgang_snart(idag),
        Paminnelse.Type.TILGANG_FORFALT: kanaler_tilgang_forfalt(idag),
    }
    aktuelle = Q()
    for qs in utvalg.values():
        aktuelle |= Q(pk__in=qs.values("pk"))
    # Lock the channels first, so a concurrent run waits and then sees this run's reminders;
    # the lock is taken without joins and the people are read after it (see las_og_les).
    laaste = set(Kanal.objects.select_for_update().filter(aktuelle).values_list("pk", flat=True))
    nylig_sendt = set(
        Paminnelse.objects.filter(
            kanal__in=laaste,
            sendt__gte=_start_av_dag(idag - timedelta(days=settings.PAMINNELSE_INTERVALL_DAGER - 1)),
        ).values_list("kanal_id", "type")
    )
    typer: dict[int, list[str]] = {}
    for type_, qs in utvalg.items():
        for pk in qs.values_list("pk", flat=True):
            if pk in laaste and (pk, type_.value) not in nylig_sendt:
                typer.setdefault(pk, []).append(type_.value)
    kanaler = Kanal.objects.filter(aktuelle).select_related("ansvarlig", "stedfortreder", "virksomhet")
    kanaler = [kanal for kanal in kanaler.order_by("navn", "pk") if kanal.pk in typer]
    merk_personer(kanaler, "ansvarlig", "stedfortreder")
    per_person: dict[int, Utsending] = {}
    for kanal in kanaler:
        _legg_til(per_person, Punkt(kanal=kanal, typer=typer[kanal.pk]))
    return list(per_person.values())


def _legg_til(per_person: dict[int, Utsending], punkt: Punkt) -> None:
    """Adds the channel to the reminder of its responsible person (or its deputy, if they are gone)."""
    kanal = punkt.kanal
    stedfortreder = kanal.stedfortreder if _kan_naas(kanal.stedfortreder) else None
    mottaker = stedfortreder if punkt.til_stedfortreder else kanal.ansvarlig
    if mottaker is None:
        return  # nobody to remind: the advisers see it in the digest and the register
    utsending = per_person.setdefault(
        mottaker.pk, Utsending(type=PAMINNELSE, mottakere=[mottaker.email], mottaker=mottaker)
    )
    punkt.mottakere = [mottaker.email]
    if stedfortreder is not None and stedfortreder.pk != mottaker.pk:
        punkt.mottakere.append(stedfortreder.email)
        if stedfortreder not in utsending.stedfortredere:
            utsending.stedfortredere.append(stedfortreder)
    utsending.punkter.append(punkt)


def _personvern(idag: date) -> Utsending | None:
    """The advisers' daily reminder of open incidents whose data protection officer is not yet informed.

    GDPR article 33 gives 72 hours from discovery to notify the authority; the reminder goes every
    day (once a day) until the item is ticked on the incident's runbook.
    """
    hendelser = list(hendelser_uten_personvernombud())
    if not hendelser:
        return None
    kanaler = [hendelse.kanal_id for hendelse in hendelser]
    list(Kanal.objects.select_for_update().filter(pk__in=kanaler).values_list("pk"))
    sendt_idag = set(
        Paminnelse.objects.filter(
            type=PERSONVERN, kanal__in=kanaler, sendt__gte=_start_av_dag(idag)
        ).values_list("kanal_id", flat=True)
    )
    aktuelle = [
        (hendelse, meldefrist(hendelse)) for hendelse in hendelser if hendelse.kanal_id not in sendt_idag
    ]
    mottakere = [bruker.email for bruker in radgivere() if bruker.email]
    if not aktuelle or not mottakere:
        return None
    return Utsending(type=PERSONVERN, mottakere=mottakere, kanaler={"hendelser": aktuelle})


def _sammendrag(idag: date) -> Utsending | None:
    """What became inactive, overdue or lost its responsible person since the previous digest."""
    # Lock the leavers' channels before reading the previous digest, so a concurrent run waits
    # and then finds this run's digest (the first digest has no earlier one to lock).
    list(
        Kanal.objects.select_for_update()
        .filter(pk__in=kanaler_ansvarlig_deaktivert().values("pk"))
        .values_list("pk", flat=True)
    )
    forrige = (
        Paminnelse.objects.select_for_update()
        .filter(type=Paminnelse.Type.SAMMENDRAG)
        .order_by("-sendt")
        .first()
    )
    fra = timezone.localdate(forrige.sendt) if forrige else None
    if fra is not None and fra >= idag:
        return None
    grense = idag - timedelta(days=settings.INAKTIV_ETTER_DAGER)
    inaktive = kanaler_aktivitet_forfalt(idag)
    forfalte = kanaler_gjennomgang_forfalt(idag)
    tilgang_forfalte = kanaler_tilgang_forfalt(idag)
    if fra is not None:
        forrige_grense = fra - timedelta(days=settings.INAKTIV_ETTER_DAGER)
        inaktive = inaktive.filter(aktiv_siden__gte=forrige_grense, aktiv_siden__lt=grense)
        forfalte = forfalte.filter(neste_gjennomgang__gte=fra)
        tilgang_forfalte = tilgang_forfalte.filter(neste_tilgangsgjennomgang__gte=fra)
    meldinger = FalskKonto.objects.filter(status=FalskKonto.Status.NY)
    if fra is not None:
        meldinger = meldinger.filter(forst_meldt__gte=_start_av_dag(fra))
    # A leaver is news once per person and channel (a reactivated person who leaves again is not);
    # the channel stays in every digest's list until it is handed over, as does a former employee
    # who still holds a platform role.
    meldt = Paminnelse.objects.filter(
        kanal=OuterRef("pk"), type=ANSVARLIG_DEAKTIVERT, person=OuterRef("ansvarlig")
    )
    sluttet = (
        kanaler_ansvarlig_deaktivert()
        .annotate(meldt=Exists(meldt))
        .select_related("virksomhet", "ansvarlig")
        .order_by("navn", "pk")
    )
    nye = {
        "inaktive": list(inaktive.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")),
        "forfalte": list(forfalte.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")),
        "deaktivert_ansvarlig": list(sluttet),
        "tilgang_forfalte": list(
            tilgang_forfalte.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")
        ),
        "tidligere_ansatt": list(
            Plattformtilgang.objects.filter(fjernet__isnull=True, ansatt__is_active=False)
            .exclude(kanal__status=Kanal.Status.NEDLAGT)
            .select_related("kanal", "ansatt")
            .order_by("kanal__navn", "pk")
        ),
    }
    nye["nye_sluttet"] = [kanal for kanal in nye["deaktivert_ansvarlig"] if not kanal.meldt]
    nye_meldinger = list(meldinger.order_by("forst_meldt", "pk"))
    nyheter = ("inaktive", "forfalte", "nye_sluttet", "tilgang_forfalte", "tidligere_ansatt")
    if not any(nye[navn] for navn in nyheter) and not nye_meldinger:
        return None
    mottakere = [bruker.email for bruker in radgivere()]
    if not any(mottakere):
        return None
    merk_personer(
        [kanal for navn, liste in nye.items() if navn != "tidligere_ansatt" for kanal in liste], "ansvarlig"
    )
    merk_personer(nye["tidligere_ansatt"], "ansatt")
    return Utsending(type=SAMMENDRAG, mottakere=mottakere, kanaler={**nye, "meldinger": nye_meldinger})
