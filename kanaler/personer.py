"""How people are named on pages, in e-mail, in the workspace and in exports: the one rule.

A person is shown by full name, or by username when no name is registered. Where another user
has the same full name, the username follows in brackets so the two can be told apart. The
username is the one thing that is always there and unique; deactivated users count too, since
their channels and history stay.

Single objects: personnavn(bruker) (one query, unless the name is already known). Lists:
merk_personnavn(brukere) or med_personnavn(queryset) first, one query for all; rows from
values(): personnavn_uttrykk(rolle), computed by the database in the same query.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, Count, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.db.models.lookups import In

# The attribute the known name of a user object is kept in (by the helpers below or an annotation).
ATTRIBUTT = "visningsnavn"


def _felt(rolle: str, navn: str) -> str:
    return f"{rolle}__{navn}" if rolle else navn


def _fullt_navn(rolle: str = ""):
    """The full name as get_full_name() gives it ("" when none), computed by the database."""
    return Trim(
        Concat(
            Coalesce(_felt(rolle, "first_name"), Value("")),
            Value(" "),
            Coalesce(_felt(rolle, "last_name"), Value("")),
            output_field=CharField(),
        )
    )


def _delte_navn():
    """The full names two or more users have, as a subquery."""
    return (
        get_user_model()
        .objects.annotate(fullt_navn=_fullt_navn())
        .exclude(fullt_navn="")
        .values("fullt_navn")
        .annotate(antall=Count("pk"))
        .filter(antall__gt=1)
        .values("fullt_navn")
    )


def _entydig(navn: str, brukernavn: str) -> str:
    return f"{navn} ({brukernavn})"


def _navn(bruker) -> str:
    return bruker.get_full_name().strip()


def personnavn(bruker) -> str:
    """A user's name as every page shows it; the username is added where another user has the same name."""
    kjent = getattr(bruker, ATTRIBUTT, None)
    if kjent is not None:
        return kjent
    navn = _navn(bruker)
    if not navn:
        verdi = bruker.get_username()
    else:
        andre = get_user_model().objects.annotate(fullt_navn=_fullt_navn()).exclude(pk=bruker.pk)
        delt = andre.filter(fullt_navn=navn).exists()
        verdi = _entydig(navn, bruker.get_username()) if delt else navn
    setattr(bruker, ATTRIBUTT, verdi)
    return verdi


def merk_personnavn(brukere: Iterable) -> None:
    """Works out the names of many user objects (None is skipped) with one query, for personnavn()."""
    brukere = [b for b in brukere if b is not None and getattr(b, ATTRIBUTT, None) is None]
    navn = {_navn(b) for b in brukere} - {""}
    delte = set()
    if navn:
        delte = set(_delte_navn().filter(fullt_navn__in=navn).values_list("fullt_navn", flat=True))
    for bruker in brukere:
        eget = _navn(bruker)
        if not eget:
            verdi = bruker.get_username()
        else:
            verdi = _entydig(eget, bruker.get_username()) if eget in delte else eget
        setattr(bruker, ATTRIBUTT, verdi)


def personnavn_uttrykk(rolle: str = ""):
    """personnavn() computed by the database, for the person in the foreign key `rolle` (or the user row).

    Empty when the foreign key is empty.
    """
    fullt = _fullt_navn(rolle)
    brukernavn = _felt(rolle, "username")
    return Case(
        When(
            In(fullt, _delte_navn()),
            then=Concat(fullt, Value(" ("), brukernavn, Value(")"), output_field=CharField()),
        ),
        default=Coalesce(NullIf(fullt, Value("")), brukernavn, Value(""), output_field=CharField()),
        output_field=CharField(),
    )


def med_personnavn(brukere):
    """A user queryset whose objects know their names (for choices): one query, ordered by name."""
    return brukere.annotate(**{ATTRIBUTT: personnavn_uttrykk()}).order_by(
        "first_name", "last_name", "username"
    )


def merk_personer(objekter: Iterable, *roller: str) -> None:
    """merk_personnavn() for the users the objects point to, e.g. ("ansvarlig", "versjon.history_user")."""

    def person(objekt, sti: str):
        for ledd in sti.split("."):
            objekt = getattr(objekt, ledd, None) if objekt is not None else None
        return objekt

    merk_personnavn(person(objekt, rolle) for objekt in objekter for rolle in roller)
