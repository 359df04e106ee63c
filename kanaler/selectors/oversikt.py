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
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .. import flagg, hurtiglager, soknadsvisning
from ..flagg import q_trenger_oppfolging
from ..models import Kanal, Plattform, Virksomhet
from .register import kanaler_med_alt

MAANEDER = 24
LAGRET_FORMAT = 1  # part of the cache key: raise it when the cached figures change shape

# The sets of the one aggregate, as PostgreSQL's GROUPING(v, plattform, a, n) numbers them.
SETT_VIRKSOMHET = 7
SETT_PLATTFORM_STATUS = 11
SETT_AKTIVERT = 13
SETT_NEDLAGT = 14
SETT_ANDRE = 15  # not a grouping set: the units after the top ones, summed
SETT_PERSONER = 16  # channels needing follow-up only by a flag that reads people's accounts
SETT_ENHET = 17  # the ids of the chosen unit and every unit below it
SETT_NIVA = 18  # the unit whose sub-units the chart shows, if any


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


def _tre_sql(valgt_id: int | None) -> tuple[str, list]:
    """The level and the units below it as (id, gruppe): gruppe is the unit right below the level.

    The level is the chosen unit; without one, the only top unit if it has sub-units, else none:
    then the groups are the top units. The level's own channels form the level's group.
    UNION, not UNION ALL: a loop in the hierarchy ends instead of repeating.
    """
    tabell = connection.ops.quote_name(Virksomhet._meta.db_table)
    return (
        f"toppen AS (SELECT id FROM {tabell} WHERE overordnet_id IS NULL), "
        f"rot AS (SELECT CASE WHEN (SELECT COUNT(*) FROM toppen) = 1 "
        f"AND EXISTS (SELECT 1 FROM {tabell} WHERE overordnet_id IN (SELECT id FROM toppen)) "
        f"THEN (SELECT MIN(id) FROM toppen) END AS id), "
        f"niva AS (SELECT COALESCE(%s, (SELECT id FROM rot)) AS id), "
        f"tre(id, gruppe) AS (SELECT v.id, v.id FROM {tabell} v CROSS JOIN niva "
        f"WHERE (niva.id IS NULL AND v.overordnet_id IS NULL) OR v.id = niva.id OR v.overordnet_id = niva.id "
        f"UNION SELECT v.id, tre.gruppe FROM {tabell} v JOIN tre ON v.overordnet_id = tre.id "
        f"CROSS JOIN niva WHERE tre.id <> COALESCE(niva.id, 0)), "
        f"enhet(id, gruppe) AS (SELECT id, MIN(gruppe) FROM tre GROUP BY id)",
        [valgt_id],
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


def _flagg_uten_personer(idag: date) -> Q:
    """At least one flag holds that reads only the register (the figures that may be cached)."""
    samlet = Q(pk__in=[])
    for enkelt in flagg.FLAGG:
        if not enkelt.leser_personer:
            samlet |= enkelt.q(idag)
    return samlet


def _bare_personer(idag: date):
    """Channels needing follow-up only because of a flag that reads people's accounts.

    These are few (a deactivated responsible person) and found through the people's foreign keys,
    so they are counted on every request while the rest of the figures may come from the cache.
    """
    personer = Q(pk__in=[])
    for enkelt in flagg.FLAGG:
        if enkelt.leser_personer:
            personer |= enkelt.q(idag)
    return Kanal.objects.filter(personer).exclude(_flagg_uten_personer(idag)).order_by()


def _i_enhet() -> RawSQL:
    """The channel's unit is one of the CTE `enhet` (an array on PostgreSQL, so its plan uses the index)."""
    kolonne = (
        f"{connection.ops.quote_name(Kanal._meta.db_table)}.{connection.ops.quote_name('virksomhet_id')}"
    )
    if connection.vendor == "postgresql":
        return RawSQL(f"{kolonne} = ANY(ARRAY(SELECT id FROM enhet))", [], output_field=BooleanField())
    return RawSQL(f"{kolonne} IN (SELECT id FROM enhet)", [], output_field=BooleanField())


def _utvalg(hoyrisiko: bool) -> Q:
    """The channels the figures are about: all, or those whose application had high privacy risk."""
    return soknadsvisning.q_hoyrisiko() if hoyrisiko else Q()


def _kanaler(*, idag: date, fra: date, filtrert: bool, hoyrisiko: bool):
    """One row per channel with what the groupings read: its unit unless closed, and the flags."""
    kanaler = Kanal.objects.filter(_i_enhet()) if filtrert else Kanal.objects.all()
    return (
        kanaler.filter(_utvalg(hoyrisiko))
        .annotate(
            v=Case(
                When(~Q(status=Kanal.Status.NEDLAGT), then=F("virksomhet_id")), output_field=IntegerField()
            ),
            t=ExpressionWrapper(_flagg_uten_personer(idag), output_field=BooleanField()),
            a=Case(When(aktivert__gte=fra, then=F("aktivert")), output_field=DateField()),
            n=Case(When(nedlagt_dato__gte=fra, then=F("nedlagt_dato")), output_field=DateField()),
        )
        .values_list("v", "plattform", "status", "t", "a", "n")
        .order_by()
    )


def _tall_sql(*, valgt_id: int | None, idag: date, fra: date, topp: int, hoyrisiko: bool) -> tuple[str, list]:
    """One statement: the groupings, the units rolled up to the level with the top ones named,
    the channels needing follow-up only by people's accounts, the level, and the chosen unit's sub-units."""
    filtrert = valgt_id is not None
    tre, tre_params = _tre_sql(valgt_id)
    kanaler, kanal_params = _kanaler(
        idag=idag, fra=fra, filtrert=filtrert, hoyrisiko=hoyrisiko
    ).query.sql_with_params()
    personer = _bare_personer(idag).filter(_utvalg(hoyrisiko))
    if filtrert:
        personer = personer.filter(_i_enhet())
    personer_sql, personer_params = personer.values("pk").query.sql_with_params()
    enheter = (
        f"UNION ALL SELECT {SETT_ENHET}, id, NULL, NULL, NULL, NULL, 0, NULL, 0 FROM enhet"
        if filtrert
        else ""
    )
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
        UNION ALL
        SELECT {SETT_PERSONER}, NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL, 0 FROM ({personer_sql}) p
        UNION ALL
        SELECT {SETT_NIVA}, g.id, NULL, NULL, NULL, NULL, 0, g.navn, 0
        FROM niva JOIN {virksomheter} g ON g.id = niva.id
        {enheter}
    """  # noqa: S608 -- only table names and constants are formatted in; values are parameters
    return sql, [*tre_params, *kanal_params, topp, topp, *personer_params]


def _som_dato(verdi) -> date:
    return date.fromisoformat(verdi[:10]) if isinstance(verdi, str) else verdi


def kanal_oversikt(
    *,
    idag: date | None = None,
    virksomhet: Virksomhet | None = None,
    hoyrisiko: bool = False,
    topp: int | None = None,
) -> dict:
    """The figures of the overview page, for every channel or for one unit and everything below it.

    One aggregate statement gives the statuses, platforms, follow-up count, the monthly series
    and the unit chart: the units rolled up to the level below the chosen unit (or to the top
    units, or below the only top unit), the `topp` largest named and the rest as «Andre».
    What reads only the register is kept in the shared cache under the register's version, which
    every write of a channel or unit replaces on commit (kanaler.hurtiglager); what reads people's
    accounts (a deactivated responsible person) is counted on every request: with the rest when
    it is computed, by itself when the rest comes from the cache. `enheter` in the answer: the
    chosen unit and its sub-units (None without a unit); `virksomhet_niva`: the chart's level.
    """
    idag = idag or timezone.localdate()
    topp = settings.OVERSIKT_VIRKSOMHETER if topp is None else topp
    nokkel = hurtiglager.REGISTER.nokkel_for(
        "oversikt",
        LAGRET_FORMAT,
        str(idag),
        settings.INAKTIV_ETTER_DAGER,
        virksomhet.pk if virksomhet else None,
        hoyrisiko,
        topp,
    )
    tall = hurtiglager.hent(nokkel)
    if tall is None:
        tall, personer = _tall(
            idag=idag, valgt_id=virksomhet.pk if virksomhet else None, topp=topp, hoyrisiko=hoyrisiko
        )
        hurtiglager.lagre(nokkel, tall)
    else:
        kanaler = _bare_personer(idag).filter(_utvalg(hoyrisiko))
        if tall["enheter"] is not None:
            kanaler = kanaler.filter(virksomhet_id__in=tall["enheter"])
        personer = kanaler.count()
    return {
        **tall,
        "oppfolging_antall": tall["oppfolging_uten_personer"] + personer,
        "idag": idag,
    }


def _tall(*, idag: date, valgt_id: int | None, topp: int, hoyrisiko: bool) -> tuple[dict, int]:
    """The figures that read only the register, and the count that reads people, in one statement."""
    maaneder = _maaneder_tilbake(idag, MAANEDER)
    sql, params = _tall_sql(valgt_id=valgt_id, idag=idag, fra=maaneder[0], topp=topp, hoyrisiko=hoyrisiko)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rader = cursor.fetchall()
    niva = next((Virksomhet(pk=rad[1], navn=rad[7]) for rad in rader if rad[0] == SETT_NIVA), None)

    plattformer = dict(Plattform.choices)
    per_status_telling: Counter = Counter()
    per_plattform_telling: Counter = Counter()
    serier: dict[int, Counter] = {SETT_AKTIVERT: Counter(), SETT_NEDLAGT: Counter()}
    virksomhetsrader: list[tuple[int, Virksomhetsrad]] = []
    oppfolging_antall = andre_virksomheter = personer = 0
    enheter: list[int] | None = [] if valgt_id is not None else None
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
        elif sett == SETT_PERSONER:
            personer = antall
        elif sett == SETT_ENHET:
            enheter.append(v)
        elif sett == SETT_ANDRE and v:
            andre_virksomheter = v
            andre = ngettext("Andre (%(antall)s virksomhet)", "Andre (%(antall)s virksomheter)", v)
            virksomhetsrader.append((topp + 1, Virksomhetsrad(andre % {"antall": v}, int(antall))))
    virksomhetsrader.sort(key=lambda rad: rad[0])
    per_virksomhet = [rad for _nr, rad in virksomhetsrader]

    return {
        "per_plattform": [
            (str(plattformer.get(plattform, plattform)), antall)
            for plattform, antall in sorted(per_plattform_telling.items(), key=lambda rad: (-rad[1], rad[0]))
        ],
        "per_virksomhet": [(rad.navn, rad.antall) for rad in per_virksomhet],
        "virksomhetsrader": per_virksomhet,
        "virksomhet_niva": niva,
        "topp": topp,
        "andre_virksomheter": andre_virksomheter,
        "per_status": [(str(navn), per_status_telling.get(verdi, 0)) for verdi, navn in Kanal.Status.choices],
        "per_maaned": [(m, serier[SETT_AKTIVERT][m], serier[SETT_NEDLAGT][m]) for m in maaneder],
        "oppfolging_uten_personer": oppfolging_antall,
        "enheter": enheter,
    }, personer


def kanaler_til_oppfolging(
    *, idag: date | None = None, enheter: list[int] | None = None, hoyrisiko: bool = False
):
    """The channels needing follow-up, in these units if given (kanal_oversikt()'s), by unit and name."""
    idag = idag or timezone.localdate()
    kanaler = kanaler_med_alt(idag).filter(q_trenger_oppfolging(idag), _utvalg(hoyrisiko))
    if enheter is not None:
        kanaler = kanaler.filter(virksomhet_id__in=enheter)
    return kanaler.order_by("virksomhet__navn", "navn", "pk")
