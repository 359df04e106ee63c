"""The one composition point where the register shows the application a channel came from.

kanaler never imports vurdering: the app that owns applications registers here, when it starts,
how to find a channel's application and which template shows it on the channel's page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Soknadshendelse:
    """One change of the application's status, for the channel's timeline."""

    tidspunkt: datetime
    tittel: str  # what happened, e.g. «Søknaden ble sendt tilbake for endring»
    av: str  # who did it, by name ("" when unknown)
    kommentar: str = ""  # the adviser's comment or reason given with it


@dataclass(frozen=True)
class Soknad:
    """A channel's application as the register shows it."""

    objekt: object  # the application itself, for the template
    referanse: str
    admin_url: str  # its page in the adviser's workspace
    hendelser: tuple[Soknadshendelse, ...] = ()  # its status history, oldest first


@dataclass(frozen=True)
class Soknadskilde:
    hent: Callable[[object], Soknad | None]  # a channel's application, or None
    mal: str  # the template that shows it on the channel's page, given «vurdering»


_kilde: Soknadskilde | None = None


def registrer(kilde: Soknadskilde) -> None:
    """Called once by the applications app when it starts."""
    global _kilde
    _kilde = kilde


def soknad_for(kanal) -> Soknad | None:
    """The application the channel came from, or None (registered directly, or no applications app)."""
    return _kilde.hent(kanal) if _kilde is not None else None


def soknad_mal() -> str | None:
    return _kilde.mal if _kilde is not None else None
