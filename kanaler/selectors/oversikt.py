"""The overview page's figures: per platform, unit, status and month, and what needs follow-up."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ..flagg import q_trenger_oppfolging
from ..models import Kanal, Plattform, Virksomhet
from .register import kanaler_med_alt, virksomhet_og_underenheter

MAANEDER = 24

# The sets of the one aggregate, as PostgreSQL's GROUPING(v, plattform, a, n) numbers them.
SETT_VIRKSOMHET = 7
SETT_PLATTFORM_STATUS = 11
SETT_AKTIVERT = 13
SETT_NEDLAGT = 14
SETT_ANDRE = 15  # not a grouping set: the units after the top ones, summed


@dataclass(frozen=True)
class Virksomhetsrad:
    """One bar of the unit chart: a unit with everything below it, its own channels, or «Andre»."""

    navn: str
    antall: int
    virksomhet_id: int | None = None  # None for «Andre»; the level's own id for its own channels


def _maaneder_tilbake(idag: date, antall: int) -> list[date]:
    aar, maaned = idag.year, idag.month
    resultat = []
    for _i in range(antall):
        resultat.append(date(aar, maaned, 1))
        aar, maaned = (aar - 1, 12) if maaned == 1 else (aar, maaned - 1)
    return resultat[::-1]


def _tre_sql(niva_id: int | None) -> tuple[str, list]:
    """The units below the level as (id, gruppe): gruppe is the unit right below the level.

    Without a level the groups are the top units. The level's own channels form the level's
    group. UNION, not UNION ALL: a loop in the hierarchy ends instead of repeating.
    """
    tabell = connection.ops.quote_name(Virksomhet._meta.db_table)
    if niva_id is None:
        anker, params = "overordnet_id IS NULL", []
    else:
        anker, params = "id = %s OR overordnet_id = %s", [niva_id, niva_id]
    return (
        f"tre(id, gruppe) AS (SELECT id, id FROM {tabell} WHERE {anker} "
        f"UNION SELECT v.id, tre.gruppe FROM {tabell} v JOIN tre ON v.overordnet_id = tre.id "
        f"WHERE tre.id <> %s), "
        f"enhet(id, gruppe) AS (SELECT id, MIN(gruppe) FROM tre GROUP BY id)",
        [*params, niva_id or 0],
    )


def _grupperinger(k: str) -> str:
    """The four groupings of the channels in `k`: one scan on PostgreSQL, a union elsewhere."""
    if connection.vendor == "postgresql":
        return (
            f"SELECT GROUPING(v, plattform, a, n), v, plattform, status, t, COALESCE(a, n), COUNT(*) "
            f"FROM {k} GROUP BY GROUPING SETS ((v), (plattform, status, t), (a), (n))"
        )
    return " UNION ALL ".join(
        [
            f"SELECT {SETT_VIRKSOMHET}, v, NULL, NULL, NULL, NULL, COUNT(*) FROM {k} GROUP BY v",
            f"SELECT {SETT_PLATTFORM_STATUS}, NULL, plattform, status, t, NULL, COUNT(*) FROM {k} "
            f"GROUP BY plattform, status, t",
            f"SELECT {SETT_AKTIVERT}, NULL, NULL, NULL, NULL, a, COUNT(*) FROM {k} GROUP BY a",
            f"SELECT {SETT_NEDLAGT}, NULL, NULL, NULL, NULL, n, COUNT(*) FROM {k} GROUP BY n",
        ]
    )


def _kanaler(*, idag: date, fra: date, enheter: list[int] | None):
    """One row per channel with what the groupings read: its unit unless closed, and the flags."""
    kanaler = Kanal.objects.all() if enheter is None else Kanal.objects.filter(virksomhet_id__in=enheter)
    return (
        kanaler.annotate(
            v=Case(
                When(~Q(status=Kanal.Status.NEDLAGT), then=F("virksomhet_id")), output_field=IntegerField()
            ),
            t=ExpressionWrapper(q_trenger_oppfolging(idag), output_field=BooleanField()),
            a=Case(When(aktivert__gte=fra, then=F("aktivert")), output_field=DateField()),
            n=Case(When(nedlagt_dato__gte=fra, then=F("nedlagt_dato")), output_field=DateField()),
        )
        .values_list("v", "plattform", "status", "t", "a", "n")
        .order_by()
    )


def _tall_sql(
    *, niva_id: int | None, enheter: list[int] | None, idag: date, fra: date, topp: int
) -> tuple[str, list]:
    """One statement: the groupings, and the units rolled up to the level with the top ones named."""
    tre, tre_params = _tre_sql(niva_id)
    kanaler, kanal_params = _kanaler(idag=idag, fra=fra, enheter=enheter).query.sql_with_params()
    virksomheter = connection.ops.quote_name(Virksomhet._meta.db_table)
    sql = f"""
        WITH RECURSIVE {tre},
        k AS ({kanaler}),
        tall(sett, v, plattform, status, t, dag, antall) AS ({_grupperinger("k")}),
        grupper AS (
            SELECT COALESCE(enhet.gruppe, tall.v) AS gruppe, CAST(SUM(tall.antall) AS BIGINT) AS antall
            FROM tall LEFT JOIN enhet ON enhet.id = tall.v
            WHERE tall.sett = {SETT_VIRKSOMHET} AND tall.v IS NOT NULL
            GROUP BY COALESCE(enhet.gruppe, tall.v)
        ),
        rangert AS (
            SELECT grupper.gruppe, grupper.antall, g.navn,
                ROW_NUMBER() OVER (ORDER BY grupper.antall DESC, g.navn, g.id) AS nr
            FROM grupper JOIN {virksomheter} g ON g.id = grupper.gruppe
        )
        SELECT sett, v, plattform, status, t, dag, antall, NULL, 0 FROM tall WHERE sett <> {SETT_VIRKSOMHET}
        UNION ALL
        SELECT {SETT_VIRKSOMHET}, gruppe, NULL, NULL, NULL, NULL, antall, navn, nr FROM rangert WHERE nr <= %s
        UNION ALL
        SELECT {SETT_ANDRE}, COUNT(*), NULL, NULL, NULL, NULL, CAST(SUM(antall) AS BIGINT), NULL, 0
        FROM rangert WHERE nr > %s
    """  # noqa: S608 -- only table names and constants are formatted in; values are parameters
    return sql, [*tre_params, *kanal_params, topp, topp]


def _niva(virksomhet: Virksomhet | None) -> Virksomhet | None:
    """The unit whose sub-units the chart shows: the chosen one, or the only top unit if it has any."""
    if virksomhet is not None:
        return virksomhet
    topp = list(
        Virksomhet.objects.filter(overordnet__isnull=True).annotate(
            har_underenheter=Exists(Virksomhet.objects.filter(overordnet=OuterRef("pk")))
        )[:2]
    )
    return topp[0] if len(topp) == 1 and topp[0].har_underenheter else None


def enheter_i(virksomhet: Virksomhet | None) -> list[int] | None:
    """The ids of the unit and every unit below it; None (every channel) without a unit."""
    return None if virksomhet is None else virksomhet_og_underenheter(virksomhet.pk)


def _som_dato(verdi) -> date:
    return date.fromisoformat(verdi[:10]) if isinstance(verdi, str) else verdi


def kanal_oversikt(
    *,
    idag: date | None = None,
    virksomhet: Virksomhet | None = None,
    enheter: list[int] | None = None,
    topp: int | None = None,
) -> dict:
    """The figures of the overview page, for every channel or for one unit and everything below it.

    One aggregate statement gives the statuses, platforms, follow-up count, the monthly series
    and the unit chart: the units rolled up to the level below the chosen unit (or to the top
    units, or below the only top unit), the `topp` largest named and the rest as «Andre».
    One more query finds the only top unit when no unit is chosen, or the unit's sub-units when
    the caller has not (enheter_i()).
    """
    idag = idag or timezone.localdate()
    if virksomhet is not None and enheter is None:
        enheter = enheter_i(virksomhet)
    topp = settings.OVERSIKT_VIRKSOMHETER if topp is None else topp
    niva = _niva(virksomhet)
    maaneder = _maaneder_tilbake(idag, MAANEDER)
    sql, params = _tall_sql(
        niva_id=niva.pk if niva else None,
        enheter=enheter if virksomhet is not None else None,
        idag=idag,
        fra=maaneder[0],
        topp=topp,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rader = cursor.fetchall()

    plattformer = dict(Plattform.choices)
    per_status_telling: Counter = Counter()
    per_plattform_telling: Counter = Counter()
    serier: dict[int, Counter] = {SETT_AKTIVERT: Counter(), SETT_NEDLAGT: Counter()}
    virksomhetsrader: list[tuple[int, Virksomhetsrad]] = []
    oppfolging_antall = andre_virksomheter = 0
    for sett, v, plattform, status, trenger, dag, antall, navn, nr in rader:
        if sett == SETT_PLATTFORM_STATUS:
            per_status_telling[status] += antall
            oppfolging_antall += antall if trenger else 0
            if status != Kanal.Status.NEDLAGT:
                per_plattform_telling[plattform] += antall
        elif sett in serier and dag is not None:
            serier[sett][_som_dato(dag).replace(day=1)] += antall
        elif sett == SETT_VIRKSOMHET:
            if niva is not None and v == niva.pk:
                navn = gettext("%(navn)s (direkte)") % {"navn": navn}
            virksomhetsrader.append((nr, Virksomhetsrad(navn, int(antall), v)))
        elif sett == SETT_ANDRE and v:
            andre_virksomheter = v
            andre = ngettext("Andre (%(antall)s virksomhet)", "Andre (%(antall)s virksomheter)", v)
            virksomhetsrader.append((topp + 1, Virksomhetsrad(andre % {"antall": v}, int(antall))))
    virksomhetsrader.sort(key=lambda rad: rad[0])
    per_virksomhet = [rad for _nr, rad in virksomhetsrader]

    return {
        "per_plattform": [
            (plattformer.get(plattform, plattform), antall)
            for plattform, antall in sorted(per_plattform_telling.items(), key=lambda rad: (-rad[1], rad[0]))
        ],
        "per_virksomhet": [(rad.navn, rad.antall) for rad in per_virksomhet],
        "virksomhetsrader": per_virksomhet,
        "virksomhet_niva": niva,
        "topp": topp,
        "andre_virksomheter": andre_virksomheter,
        "per_status": [(navn, per_status_telling.get(verdi, 0)) for verdi, navn in Kanal.Status.choices],
        "per_maaned": [(m, serier[SETT_AKTIVERT][m], serier[SETT_NEDLAGT][m]) for m in maaneder],
        "oppfolging_antall": oppfolging_antall,
        "idag": idag,
    }


def kanaler_til_oppfolging(*, idag: date | None = None, enheter: list[int] | None = None):
    """The channels needing follow-up, in these units if given (enheter_i()), by unit and name."""
    idag = idag or timezone.localdate()
    kanaler = kanaler_med_alt(idag).filter(q_trenger_oppfolging(idag))
    if enheter is not None:
        kanaler = kanaler.filter(virksomhet_id__in=enheter)
    return kanaler.order_by("virksomhet__navn", "navn", "pk")
