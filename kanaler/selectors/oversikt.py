"""The overview page's figures: per platform, unit, status and month, and what needs follow-up."""

from collections import Counter
from datetime import date

from django.db.models import Count, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..flagg import q_trenger_oppfolging
from ..models import Kanal, Plattform
from ..personer import merk_personer
from .register import kanaler_med_alt

MAANEDER = 24
OPPFOLGING_VIST = 100


def _maaneder_tilbake(idag: date, antall: int) -> list[date]:
    aar, maaned = idag.year, idag.month
    resultat = []
    for _i in range(antall):
        resultat.append(date(aar, maaned, 1))
        aar, maaned = (aar - 1, 12) if maaned == 1 else (aar, maaned - 1)
    return resultat[::-1]


def kanal_oversikt(*, idag: date | None = None) -> dict:
    """The figures of the overview page: per platform, unit, status and month, and follow-up.

    Five queries: platform × status (with how many need follow-up), unit, both monthly
    series in one union, the first channels needing follow-up and the names of their people.
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
    merk_personer(oppfolging, "ansvarlig")
    return {
        "per_plattform": per_plattform,
        "per_virksomhet": per_virksomhet,
        "per_status": per_status,
        "per_maaned": per_maaned,
        "oppfolging": oppfolging,
        "oppfolging_antall": oppfolging_antall,
        "idag": idag,
    }
