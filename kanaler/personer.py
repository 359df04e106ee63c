"""How people are named on pages, in e-mail and in exports."""

from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim


def personnavn(bruker) -> str:
    """A user's full name, or the username when no name is registered."""
    return bruker.get_full_name() or bruker.get_username()


def personnavn_fra(fornavn: str | None, etternavn: str | None, brukernavn: str | None) -> str:
    """The same as personnavn(), from the name columns of a values() row."""
    return f"{fornavn or ''} {etternavn or ''}".strip() or (brukernavn or "")


def personnavn_uttrykk(rolle: str):
    """personnavn_fra() computed by the database, for the person in the foreign key `rolle`."""
    fullt = Trim(
        Concat(
            Coalesce(f"{rolle}__first_name", Value("")),
            Value(" "),
            Coalesce(f"{rolle}__last_name", Value("")),
            output_field=CharField(),
        )
    )
    return Coalesce(NullIf(fullt, Value("")), f"{rolle}__username", Value(""), output_field=CharField())
