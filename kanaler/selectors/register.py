"""The register: filtered, searched and sorted, with every derived flag; and the start page's figures."""

from datetime import date

from django.db import connection
from django.db.models import Count, Q, Value
from django.utils import timezone

from .. import flagg, hurtiglager, soknadsvisning
from ..models import Kanal, Virksomhet
from ..roller import roller_for

STATUS_IKKE_NEDLAGT = ""
STATUS_ALLE = "alle"
HOYRISIKO = "hoyrisiko"  # the filter on channels whose application had high privacy risk
SOK_MAKS_TEGN = 200  # a longer search is refused by the register's form and cut in the admin
SOK_MAKS_ORD = 10

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


def sokeord(tekst: str | None) -> list[str]:
    """The distinct words searched for: at most SOK_MAKS_ORD of the first SOK_MAKS_TEGN characters."""
    return list(dict.fromkeys((tekst or "")[:SOK_MAKS_TEGN].split()[:SOK_MAKS_ORD]))


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


# What the search looks in: the channel's own columns, and the columns of the unit and of each
# person role. The related ones are searched as "the foreign key is one of these ids" (see _sok).
SOKEFELTER_KANAL = ("navn", "url")
SOKEFELTER_RELASJON = {
    "virksomhet": ("navn",),
    "ansvarlig": ("first_name", "last_name", "username"),
    "stedfortreder": ("first_name", "last_name"),
    "administrator": ("first_name", "last_name"),
}


def virksomhet_og_underenheter(virksomhet_id: int) -> list[int]:
    """The unit's id and the ids of every unit below it, at any depth (one query, only that subtree)."""
    tabell = Virksomhet._meta.db_table
    with connection.cursor() as cursor:
        # UNION, not UNION ALL: a loop in the hierarchy ends instead of repeating.
        cursor.execute(
            f"WITH RECURSIVE tre(id) AS (SELECT id FROM {tabell} WHERE id = %s "
            f"UNION SELECT v.id FROM {tabell} v JOIN tre ON v.overordnet_id = tre.id) SELECT id FROM tre",
            [virksomhet_id],
        )
        return [rad[0] for rad in cursor.fetchall()]


MAKS_ID = 2**63 - 1
VIRKSOMHET_FORSLAG = 50  # at most this many units suggested in the filter
VIRKSOMHET_TREFF = 5  # units named when a typed name fits several


def virksomhet_med_id(pk: int) -> Virksomhet | None:
    return Virksomhet.objects.filter(pk=pk).first() if 0 < pk <= MAKS_ID else None


def virksomhet_etter_navn(tekst: str) -> tuple[Virksomhet | None, list[str]]:
    """The unit with this name (any case), or the one whose name contains it; else names that fit."""
    treff = list(Virksomhet.objects.filter(navn__icontains=tekst).order_by("navn")[: VIRKSOMHET_TREFF + 1])
    eksakt = [v for v in treff if v.navn.casefold() == tekst.casefold()]
    if not eksakt and len(treff) > VIRKSOMHET_TREFF:
        eksakt = list(Virksomhet.objects.filter(navn__iexact=tekst)[:1])
    if eksakt:
        return eksakt[0], []
    if len(treff) == 1:
        return treff[0], []
    return None, [v.navn for v in treff[:VIRKSOMHET_TREFF]]


def virksomhetsforslag() -> list[str]:
    """The units the filter suggests: the top ones and the ones right below them, not every unit."""
    return list(
        Virksomhet.objects.filter(aktiv=True)
        .filter(Q(overordnet__isnull=True) | Q(overordnet__overordnet__isnull=True))
        .order_by("navn")
        .values_list("navn", flat=True)[:VIRKSOMHET_FORSLAG]
    )


def kanaler_med_alt(idag: date | None = None):
    """Channels with their unit, people and every derived flag, ready for the register."""
    return Kanal.objects.med_flagg(idag).select_related(
        "virksomhet", "ansvarlig", "stedfortreder", "administrator"
    )


def kanal_register(*, filtre: dict, idag: date | None = None, utvalg: Q | None = None):
    """The register filtered, searched and sorted as the (cleaned) RegisterFilterForm says."""
    if utvalg is None:
        utvalg = kanal_register_utvalg(filtre=filtre, idag=idag)
    sorter = filtre.get("sorter") or "navn"
    synkende = sorter.startswith("-")
    kolonner = [*SORTERING[sorter.lstrip("-")], "pk"]
    return kanaler_med_alt(idag).filter(utvalg).order_by(*(f"-{k}" if synkende else k for k in kolonner))


ANTALL_GRENSE = 1000  # counted at once up to this; a larger count is kept until the register changes


def kanal_register_antall(*, utvalg: Q, filtre: dict, idag: date | None = None) -> int:
    """How many channels kanal_register() gives, always exact, at a cost that does not grow.

    Up to ANTALL_GRENSE the database counts at most that many rows. A larger figure is counted
    once and kept in the shared cache under the register's version, which every write of a channel
    or unit replaces on commit (kanaler.hurtiglager), so it is exact after any change. A search or
    a flag that reads people's accounts depends on more than the register and is always counted.
    """
    kanaler = Kanal.objects.filter(utvalg)
    nokkel = _antall_nokkel(filtre, idag)
    if nokkel is not None and (lagret := hurtiglager.hent(nokkel)) is not None:
        return lagret
    antall = kanaler[: ANTALL_GRENSE + 1].count()
    if antall > ANTALL_GRENSE:
        antall = kanaler.count()
        if nokkel is not None:
            hurtiglager.lagre(nokkel, antall)
    return antall


def _antall_nokkel(filtre: dict, idag: date | None) -> str | None:
    """The cache key of a count by these filters, or None when it depends on more than the register."""
    personer = {
        "q",
        flagg.OPPFOLGING,
        HOYRISIKO,
        *(enkelt.nokkel for enkelt in flagg.FLAGG if enkelt.leser_personer),
    }
    valgt = {
        navn: verdi.pk if isinstance(verdi, Virksomhet) else verdi
        for navn, verdi in filtre.items()
        if navn != "sorter" and verdi not in (None, "", False)
    }
    if personer & set(valgt):
        return None
    return hurtiglager.REGISTER.nokkel_for("antall", str(idag or timezone.localdate()), sorted(valgt.items()))


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
    for enkelt in flagg.FLAGG:
        if filtre.get(enkelt.nokkel):
            utvalg &= enkelt.q(idag)
    if filtre.get(flagg.OPPFOLGING):
        utvalg &= flagg.q_trenger_oppfolging(idag)
    if filtre.get(HOYRISIKO):
        utvalg &= soknadsvisning.q_hoyrisiko()
    ord_liste = sokeord(filtre.get("q"))
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
