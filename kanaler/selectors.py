"""Reads of the register used by views; each costs a constant number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Gjennomgang, Kanal, KanalQuerySet, Plattform, Virksomhet, inaktiv_grense
from .personer import personnavn
from .roller import roller_for

STATUS_IKKE_NEDLAGT = ""
STATUS_ALLE = "alle"

# Sort key in the query string -> columns; every sort ends with pk as a stable tiebreak.
SORTERING = {
    "navn": ("navn",),
    "plattform": ("plattform", "navn"),
    "virksomhet": ("virksomhet__navn", "navn"),
    "status": ("status", "navn"),
    "ansvarlig": ("ansvarlig__first_name", "ansvarlig__last_name", "navn"),
    "radgiver": ("administrator__first_name", "administrator__last_name", "navn"),
    "sist_aktiv": ("sist_aktiv", "navn"),
    "neste_gjennomgang": ("neste_gjennomgang", "navn"),
}


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


# --- Kanalregisteret: register, detail, overview, export, public list ---

FLAGG_Q = {
    "inaktiv": lambda idag: KanalQuerySet.q_inaktiv(idag),
    "gjennomgang_forfalt": lambda idag: KanalQuerySet.q_gjennomgang_forfalt(idag),
    "admin_ikke_bekreftet": lambda idag: KanalQuerySet.q_admin_ikke_bekreftet(),
    "mangler_stedfortreder": lambda idag: KanalQuerySet.q_mangler_stedfortreder(),
    "ansvarlig_deaktivert": lambda idag: q_ansvarlig_deaktivert(),
}
# What the search looks in: the channel's own columns, and the columns of the unit and of each
# person role. The related ones are searched as "the foreign key is one of these ids" (see _sok).
SOKEFELTER_KANAL = ("navn", "url")
SOKEFELTER_RELASJON = {
    "virksomhet": ("navn",),
    "ansvarlig": ("first_name", "last_name", "username"),
    "stedfortreder": ("first_name", "last_name"),
    "administrator": ("first_name", "last_name"),
}
SOKEFELTER = (
    *SOKEFELTER_KANAL,
    *(f"{relasjon}__{felt}" for relasjon, felter in SOKEFELTER_RELASJON.items() for felt in felter),
)
MAANEDER = 24
OPPFOLGING_VIST = 100


def q_ansvarlig_deaktivert() -> Q:
    return ~Q(status=Kanal.Status.NEDLAGT) & Q(ansvarlig__is_active=False)


def q_trenger_oppfolging(idag: date | None = None) -> Q:
    samlet = Q(pk__in=[])
    for lag_q in FLAGG_Q.values():
        samlet |= lag_q(idag)
    return samlet


def virksomhet_og_underenheter(virksomhet_id: int) -> set[int]:
    """The unit's id and the ids of every unit below it, at any depth (one query)."""
    barn: dict[int | None, list[int]] = defaultdict(list)
    for pk, overordnet_id in Virksomhet.objects.values_list("pk", "overordnet_id"):
        barn[overordnet_id].append(pk)
    funnet, ko = set(), [virksomhet_id]
    while ko:
        pk = ko.pop()
        if pk not in funnet:
            funnet.add(pk)
            ko.extend(barn[pk])
    return funnet


def kanaler_med_alt(idag: date | None = None):
    """Channels with their unit, people and every derived flag, ready for the register."""
    return (
        Kanal.objects.med_flagg(idag)
        .annotate(er_ansvarlig_deaktivert=ExpressionWrapper(q_ansvarlig_deaktivert(), BooleanField()))
        .select_related("virksomhet", "ansvarlig", "stedfortreder", "administrator")
    )


def kanal_register(*, filtre: dict, idag: date | None = None, utvalg: Q | None = None):
    """The register filtered, searched and sorted as the (cleaned) RegisterFilterForm says."""
    if utvalg is None:
        utvalg = kanal_register_utvalg(filtre=filtre, idag=idag)
    sorter = filtre.get("sorter") or "navn"
    synkende = sorter.startswith("-")
    kolonner = [*SORTERING[sorter.lstrip("-")], "pk"]
    return kanaler_med_alt(idag).filter(utvalg).order_by(*(f"-{k}" if synkende else k for k in kolonner))


def kanal_register_antall(*, utvalg: Q) -> int:
    """How many channels kanal_register() gives: counted without its joins and annotations."""
    return Kanal.objects.filter(utvalg).count()


def kanal_register_utvalg(*, filtre: dict, idag: date | None = None) -> Q:
    """The filters and search of the form as one condition, for the page and its count.

    Reads what it needs once (a unit's subunits, the ids of people and units matching the
    search), so the page and the count share it.
    """
    utvalg = Q()
    status = filtre.get("status") or STATUS_IKKE_NEDLAGT
    if status == STATUS_IKKE_NEDLAGT:
        utvalg &= ~Q(status=Kanal.Status.NEDLAGT)
    elif status != STATUS_ALLE:
        utvalg &= Q(status=status)
    if filtre.get("plattform"):
        utvalg &= Q(plattform=filtre["plattform"])
    if filtre.get("virksomhet"):
        utvalg &= Q(virksomhet__in=virksomhet_og_underenheter(filtre["virksomhet"].pk))
    for navn, lag_q in FLAGG_Q.items():
        if filtre.get(navn):
            utvalg &= lag_q(idag)
    if filtre.get("oppfolging"):
        utvalg &= q_trenger_oppfolging(idag)
    ord_liste = list(dict.fromkeys((filtre.get("q") or "").split()[:10]))
    if ord_liste:
        ider = _sok_ider(ord_liste)
        for ord in ord_liste:
            utvalg &= _sok(ord, ider)
    return utvalg


SOK_MAKS_IDER = 500  # more matches than this in one related table: search it as a subquery


def _sok_ider(ord_liste: list[str]) -> dict[tuple[str, str], list | None]:
    """For each search word and related table, the ids whose names match; one query for all.

    None when more than SOK_MAKS_IDER match (a short word): the caller searches those with a
    subquery instead. Known ids let PostgreSQL estimate the search and use the foreign keys'
    indexes together with the trigram indexes on the channel's own columns.
    """
    deler = []
    for i, ord in enumerate(ord_liste):
        for relasjon, felter in SOKEFELTER_RELASJON.items():
            passer = Q()
            for felt in felter:
                passer |= Q(**{f"{felt}__icontains": ord})
            modell = Kanal._meta.get_field(relasjon).related_model
            del_ = (
                modell._base_manager.filter(passer)
                .annotate(ord_nr=Value(i), relasjon=Value(relasjon))
                .values_list("ord_nr", "relasjon", "pk")
                .order_by()
            )
            if connection.features.supports_slicing_ordering_in_compound:  # not SQLite
                del_ = del_[: SOK_MAKS_IDER + 1]
            deler.append(del_)
    ider: dict[tuple[str, str], list | None] = {
        (ord, relasjon): [] for ord in ord_liste for relasjon in SOKEFELTER_RELASJON
    }
    if not deler:
        return ider
    for i, relasjon, pk in deler[0].union(*deler[1:], all=True):
        liste = ider[(ord_liste[i], relasjon)]
        if liste is not None:
            liste.append(pk)
            if len(liste) > SOK_MAKS_IDER:
                ider[(ord_liste[i], relasjon)] = None
    return ider


def _sok(ord: str, ider: dict) -> Q:
    """One search word: in the channel's name or address, or in the unit's or a person's name."""
    treff = Q()
    for felt in SOKEFELTER_KANAL:
        treff |= Q(**{f"{felt}__icontains": ord})
    for relasjon, felter in SOKEFELTER_RELASJON.items():
        kjente = ider[(ord, relasjon)]
        if kjente is None:
            passer = Q()
            for felt in felter:
                passer |= Q(**{f"{relasjon}__{felt}__icontains": ord})
            treff |= passer
        elif kjente:
            treff |= Q(**{f"{relasjon}__in": kjente})
    return treff


def kanal_detalj(*, pk: int, idag: date | None = None) -> Kanal:
    """One channel with its people, its application and answers; raises Kanal.DoesNotExist."""
    return (
        kanaler_med_alt(idag)
        .select_related(
            "virksomhet__overordnet",
            "vurdering__innsender",
            "vurdering__behandlet_av",
            "vurdering__virksomhet",
            "vurdering__ansvarlig",
            "vurdering__stedfortreder",
        )
        .get(pk=pk)
    )


def _vis_verdi(felt, verdi, brukere: dict, virksomheter: dict) -> str:
    if verdi in (None, ""):
        return "–"
    if felt.is_relation:
        if felt.related_model is Virksomhet:
            return str(virksomheter.get(verdi, verdi))
        bruker = brukere.get(verdi)
        return personnavn(bruker) if bruker else str(verdi)
    if felt.choices:
        return str(dict(felt.flatchoices).get(verdi, verdi))
    if isinstance(verdi, datetime):
        return date_format(timezone.localtime(verdi), "SHORT_DATETIME_FORMAT")
    if isinstance(verdi, date):
        return date_format(verdi, "SHORT_DATE_FORMAT")
    if isinstance(verdi, bool):
        return str(_("Ja") if verdi else _("Nei"))
    return str(verdi)


def kanal_historikk(*, kanal: Kanal) -> list[dict]:
    """Every version of the channel, newest first, with what changed since the one before.

    Three queries whatever the number of versions: the versions with their users, then the
    users and units the changed foreign keys point to.
    """
    versjoner = list(kanal.history.select_related("history_user").order_by("-history_date", "-history_id"))
    endringer = []
    for ny, gammel in zip(versjoner, [*versjoner[1:], None], strict=True):
        delta = ny.diff_against(gammel, excluded_fields=["endret", "opprettet"]) if gammel else None
        endringer.append((ny, delta.changes if delta else []))
    bruker_ider, virksomhet_ider = set(), set()
    for _versjon, changes in endringer:
        for endring in changes:
            felt = Kanal._meta.get_field(endring.field)
            if felt.is_relation:
                maal = virksomhet_ider if felt.related_model is Virksomhet else bruker_ider
                maal.update(v for v in (endring.old, endring.new) if v is not None)
    brukere = get_user_model().objects.in_bulk(bruker_ider) if bruker_ider else {}
    virksomheter = Virksomhet.objects.in_bulk(virksomhet_ider) if virksomhet_ider else {}
    tidslinje = []
    for versjon, changes in endringer:
        tidslinje.append(
            {
                "versjon": versjon,
                "type": {"+": _("Opprettet"), "~": _("Endret"), "-": _("Slettet")}[versjon.history_type],
                "endringer": [
                    {
                        "felt": Kanal._meta.get_field(e.field).verbose_name,
                        "fra": _vis_verdi(Kanal._meta.get_field(e.field), e.old, brukere, virksomheter),
                        "til": _vis_verdi(Kanal._meta.get_field(e.field), e.new, brukere, virksomheter),
                    }
                    for e in changes
                ],
            }
        )
    return tidslinje


def _maaneder_tilbake(idag: date, antall: int) -> list[date]:
    aar, maaned = idag.year, idag.month
    resultat = []
    for _i in range(antall):
        resultat.append(date(aar, maaned, 1))
        aar, maaned = (aar - 1, 12) if maaned == 1 else (aar, maaned - 1)
    return resultat[::-1]


def kanal_oversikt(*, idag: date | None = None) -> dict:
    """The figures of the overview page: per platform, unit, status and month, and follow-up.

    Four queries: platform × status (with how many need follow-up), unit, both monthly
    series in one union, and the first channels needing follow-up.
    """
    idag = idag or timezone.localdate()
    plattformer = dict(Plattform.choices)
    per_status_telling: Counter = Counter()
    per_plattform_telling: Counter = Counter()
    oppfolging_antall = 0
    for plattform, status, antall, trenger in (
        Kanal.objects.values_list("plattform", "status")
        .annotate(antall=Count("pk"), trenger=Count("pk", filter=q_trenger_oppfolging(idag)))
        .order_by()
    ):
        per_status_telling[status] += antall
        oppfolging_antall += trenger
        if status != Kanal.Status.NEDLAGT:
            per_plattform_telling[plattform] += antall
    per_plattform = [
        (plattformer.get(plattform, plattform), antall)
        for plattform, antall in sorted(per_plattform_telling.items(), key=lambda rad: (-rad[1], rad[0]))
    ]
    per_virksomhet = [
        (rad["virksomhet__navn"], rad["antall"])
        for rad in Kanal.objects.exclude(status=Kanal.Status.NEDLAGT)
        .values("virksomhet__navn")
        .annotate(antall=Count("pk"))
        .order_by("-antall", "virksomhet__navn")
    ]
    per_status = [(navn, per_status_telling.get(verdi, 0)) for verdi, navn in Kanal.Status.choices]

    maaneder = _maaneder_tilbake(idag, MAANEDER)
    fra = maaneder[0]

    def per_maaned_av(felt: str, serie: str):
        return (
            Kanal.objects.filter(**{f"{felt}__gte": fra})
            .annotate(serie=Value(serie), maaned=TruncMonth(felt))
            .values_list("serie", "maaned")
            .annotate(antall=Count("pk"))
            .order_by()
        )

    serier: dict[str, dict] = {"opprettet": {}, "nedlagt": {}}
    for serie, maaned, antall in per_maaned_av("aktivert", "opprettet").union(
        per_maaned_av("nedlagt_dato", "nedlagt"), all=True
    ):
        serier[serie][maaned] = antall
    per_maaned = [(m, serier["opprettet"].get(m, 0), serier["nedlagt"].get(m, 0)) for m in maaneder]

    oppfolging = list(
        kanaler_med_alt(idag)
        .filter(q_trenger_oppfolging(idag))
        .order_by("virksomhet__navn", "navn", "pk")[:OPPFOLGING_VIST]
    )
    return {
        "per_plattform": per_plattform,
        "per_virksomhet": per_virksomhet,
        "per_status": per_status,
        "per_maaned": per_maaned,
        "oppfolging": oppfolging,
        "oppfolging_antall": oppfolging_antall,
        "idag": idag,
    }


def offisielle_kanaler():
    """The active channels as the public sees them: no people, only public fields."""
    return (
        Kanal.objects.filter(status=Kanal.Status.AKTIV)
        .select_related("virksomhet")
        .only(
            "navn",
            "plattform",
            "url",
            "beskrivelse",
            "hovedkanal",
            "aktivert",
            "virksomhet__navn",
        )
        .order_by("virksomhet__navn", "navn", "pk")
    )


def offisiell_liste(side) -> dict:
    """A page of the public list grouped by unit, with the main channels above the first page."""
    return {
        "side": side,
        "hovedkanaler": list(offisielle_kanaler().filter(hovedkanal=True)) if side.number == 1 else [],
        "grupper": [(navn, list(rader)) for navn, rader in groupby(side, key=lambda k: k.virksomhet.navn)],
    }


def offisiell_kanal_for_url(*, url: str) -> Kanal | None:
    """The active channel with this normalised address, or None (one query)."""
    return offisielle_kanaler().filter(url=url).first()


# --- Oppfølging av kanaler: mine kanaler, frister og påminnelser ---


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
    grense = inaktiv_grense(idag)
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


def kanaler_ansvarlig_deaktivert():
    return Kanal.objects.filter(q_ansvarlig_deaktivert())


@dataclass(frozen=True)
class Oppfolging:
    """What is due for one channel, as shown on /kanaler/mine/."""

    aktivitet_frist: date | None
    inaktiv: bool
    aktivitet_snart: bool
    gjennomgang_forfalt: bool
    gjennomgang_snart: bool

    @property
    def trenger_handling(self) -> bool:
        return self.inaktiv or self.aktivitet_snart or self.gjennomgang_forfalt or self.gjennomgang_snart


def oppfolging_for(kanal: Kanal, idag: date) -> Oppfolging:
    frist = aktivitet_frist(kanal)
    snart = idag + timedelta(days=settings.PAMINNELSE_DAGER_FOR)
    inaktiv = kanal.inaktiv_per(idag)
    gjennomgang_forfalt = kanal.gjennomgang_forfalt_per(idag)
    neste = kanal.neste_gjennomgang
    return Oppfolging(
        aktivitet_frist=frist,
        inaktiv=inaktiv,
        aktivitet_snart=frist is not None and not inaktiv and frist <= snart,
        gjennomgang_forfalt=gjennomgang_forfalt,
        gjennomgang_snart=neste is not None and not gjennomgang_forfalt and neste <= snart,
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
