"""How people are named on pages, in e-mail, in the workspace and in exports: the one rule.

A person is shown by full name, or by username when no name is registered. Where another user
has the same full name, the username follows in brackets so the two can be told apart. The
username is the one thing that is always there and unique; deactivated users count too, since
their channels and history stay.

The full names two or more users share are kept in the shared cache (kanaler.hurtiglager) until
a user's name is saved or a user is deleted, so naming people costs no query of its own once
they are loaded: personnavn(bruker), merk_personnavn(brukere), med_personnavn(queryset), and
personnavn_uttrykk(rolle) for rows from values(), computed by the database in the same query.
Code that writes users' names without saving them one by one (bulk_create, update()) calls
personer_endret().
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import BooleanField, Case, CharField, Count, Func, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from . import hurtiglager

# The attribute the known name of a user object is kept in (by the helpers below or an annotation).
ATTRIBUTT = "visningsnavn"
DELTE_NAVN = "kanalregister:personnavn:delte"
NAVNEFELT = {"first_name", "last_name"}


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
        verdi = _entydig(navn, bruker.get_username()) if navn in delte_navn() else navn
    setattr(bruker, ATTRIBUTT, verdi)
    return verdi


def merk_personnavn(brukere: Iterable) -> None:
    """Works out the names of many user objects (None is skipped) with one query, for personnavn()."""
    brukere = [b for b in brukere if b is not None and getattr(b, ATTRIBUTT, None) is None]
    navn = {_navn(b) for b in brukere} - {""}
    delte = set()
    if navn:
        delte = delte_navn() & navn
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
            _ErDelt(fullt),
            then=Concat(fullt, Value(" ("), brukernavn, Value(")"), output_field=CharField()),
        ),
        default=Coalesce(NullIf(fullt, Value("")), brukernavn, Value(""), output_field=CharField()),
        output_field=CharField(),
    )


class _ErDelt(Func):
    """The full name is one of delte_navn(), read at compile time (some querysets are built at import)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        delte = sorted(delte_navn())
        if not delte:
            return "1 = 0", []
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} IN ({', '.join(['%s'] * len(delte))})", [*params, *delte]


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


def delte_navn() -> frozenset[str]:
    """The full names two or more users have, from the shared cache (worked out again when it has none)."""
    delte = hurtiglager.hent(DELTE_NAVN)
    return _lagre_delte_navn() if delte is None else delte


def _lagre_delte_navn() -> frozenset[str]:
    delte = frozenset(_delte_navn().values_list("fullt_navn", flat=True))
    hurtiglager.lagre(DELTE_NAVN, delte)
    return delte


def personer_endret(*, update_fields=None, **kwargs) -> None:
    """A user was saved or deleted: the shared names are worked out now and again after the commit.

    Doing it here, at the write, keeps the pages that name people from paying for it.
    """
    if update_fields is not None and not NAVNEFELT & set(update_fields):
        return  # e.g. last_login at every sign-in
    _lagre_delte_navn()
    transaction.on_commit(_lagre_delte_navn, robust=True)
