"""The shared cache behind the public answers and the register's large counts.

Each kind of cached answer has a version: a random token in the shared cache (every worker reads
the same one). Entries are keyed by the token read *before* the database is asked, and services
replace the token when their transaction commits, so an answer computed from old data is never
found again, in any worker. What counts as a change is decided here and in kanaler.services.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

LEVETID = 600  # seconds an entry is kept at most, e.g. a page rendered by the previous release


def _lager():
    return caches["default"]


class Versjon:
    """One version token in the shared cache; a new token makes every entry keyed by the old one stale."""

    def __init__(self, navn: str):
        self.nokkel = f"kanalregister:versjon:{navn}"

    def les(self) -> str:
        lager = _lager()
        versjon = lager.get(self.nokkel)
        if versjon is None:
            lager.add(self.nokkel, secrets.token_hex(8), timeout=None)
            versjon = lager.get(self.nokkel)
        return str(versjon)

    def ny(self) -> None:
        _lager().set(self.nokkel, secrets.token_hex(8), timeout=None)

    def nokkel_for(self, *deler) -> str:
        """The cache key of one answer: this version's token and a digest of what the answer depends on."""
        sammendrag = hashlib.sha256(repr(deler).encode()).hexdigest()
        return f"kanalregister:{self.nokkel.rsplit(':', 1)[1]}:{self.les()}:{sammendrag}"


OFFENTLIG = Versjon("offentlig")
REGISTER = Versjon("register")


def offentlig_endret() -> None:
    """What residents see changed: every cached public answer goes when the transaction commits.

    kanaler.services call it for a channel activated, closed or changed in a public field and for a
    unit renamed; anything else that changes the public pages or the API calls it too.
    """
    register_endret()
    transaction.on_commit(OFFENTLIG.ny, robust=True)


def register_endret() -> None:
    """A channel or unit was written: the register's cached counts go when the transaction commits."""
    transaction.on_commit(REGISTER.ny, robust=True)


def hent(nokkel: str):
    """A cached value, or None (also when the setting HURTIGLAGER switches caching off)."""
    return _lager().get(nokkel) if settings.HURTIGLAGER else None


def lagre(nokkel: str, verdi) -> None:
    if settings.HURTIGLAGER:
        _lager().set(nokkel, verdi, timeout=LEVETID)
