"""The shared cache behind the public answers and the register's large counts.

Each kind of cached answer has a version: a random token in the shared cache (every worker reads
the same one). Entries are keyed by the token read *before* the database is asked, and services
replace the token when their transaction commits, so an answer computed from old data is never
found again, in any worker. What counts as a change is decided here and in kanaler.services.
"""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

LEVETID = 600  # seconds an entry is kept at most, e.g. a page rendered by the previous release
logger = logging.getLogger(__name__)


def _lager():
    return caches["default"]


class Versjon:
    """One version token in the shared cache; a new token makes every entry keyed by the old one stale."""

    def __init__(self, navn: str):
        self.nokkel = f"kanalregister:versjon:{navn}"

    def les(self) -> str | None:
        """The current token; None when the cache does not answer (then nothing is cached)."""
        try:
            lager = _lager()
            versjon = lager.get(self.nokkel)
            if versjon is None:
                lager.add(self.nokkel, secrets.token_hex(8), timeout=None)
                versjon = lager.get(self.nokkel)
        except Exception:
            logger.warning("Hurtiglageret svarer ikke; svaret lages uten det.", exc_info=True)
            return None
        return str(versjon)

    def ny(self) -> None:
        _lager().set(self.nokkel, secrets.token_hex(8), timeout=None)

    def nokkel_for(self, *deler) -> str | None:
        """The cache key of one answer: this version's token and a digest of what the answer depends on."""
        versjon = self.les()
        if versjon is None:
            return None
        sammendrag = hashlib.sha256(repr(deler).encode()).hexdigest()
        return f"kanalregister:{self.nokkel.rsplit(':', 1)[1]}:{versjon}:{sammendrag}"


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


def hent(nokkel: str | None):
    """A cached value, or None: also when HURTIGLAGER switches caching off or the cache fails."""
    if nokkel is None or not settings.HURTIGLAGER:
        return None
    try:
        return _lager().get(nokkel)
    except Exception:
        logger.warning("Hurtiglageret svarer ikke; svaret lages uten det.", exc_info=True)
        return None


def lagre(nokkel: str | None, verdi) -> None:
    if nokkel is None or not settings.HURTIGLAGER:
        return
    try:
        _lager().set(nokkel, verdi, timeout=LEVETID)
    except Exception:
        logger.warning("Hurtiglageret svarer ikke; svaret ble ikke lagret.", exc_info=True)
