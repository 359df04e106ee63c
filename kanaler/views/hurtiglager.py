"""HTTP caching of the public answers: shared by every anonymous request, private to everyone else."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from .. import hurtiglager
from ..roller import uten_innlogging


@dataclass(frozen=True)
class LagretSvar:
    """A public answer as the view made it: body, the headers it set, and an ETag of the body."""

    innhold: bytes
    overskrifter: tuple[tuple[str, str], ...]
    etag: str


def kan_deles(request) -> bool:
    """Whether the answer is the same for anyone asking: no session and no pending message."""
    return uten_innlogging(request) and CookieStorage.cookie_name not in request.COOKIES


def _lagret(svar: HttpResponse) -> LagretSvar | None:
    """The answer to keep, or None for an error or anything personal (a cookie set)."""
    if svar.status_code != 200 or svar.streaming or svar.cookies:
        return None
    etag = '"' + hashlib.blake2b(svar.content, digest_size=16).hexdigest() + '"'
    return LagretSvar(innhold=svar.content, overskrifter=tuple(svar.items()), etag=etag)


def offentlig_svar(request, *, nokkel: tuple, lag: Callable[[], HttpResponse]) -> HttpResponse:
    """The public answer to one normalised query (nokkel); lag() makes it from the database.

    Anonymous requests share it: from the app's cache while no public data has changed, with
    Cache-Control: public, max-age=OFFENTLIG_MAKS_ALDER and an ETag. Anyone else gets it made
    anew with Cache-Control: private, no-store. Errors are never cached.
    """
    if not kan_deles(request):
        svar = lag()
        patch_cache_control(svar, private=True, no_store=True)
        return svar
    cachenokkel = hurtiglager.OFFENTLIG.nokkel_for(request.path, *nokkel)
    lagret = hurtiglager.hent(cachenokkel)
    if lagret is None:
        svar = lag()
        lagret = _lagret(svar)
        if lagret is None:
            return svar
        hurtiglager.lagre(cachenokkel, lagret)
    svar = HttpResponse(lagret.innhold)
    for navn, verdi in lagret.overskrifter:
        svar[navn] = verdi
    svar["ETag"] = lagret.etag
    patch_cache_control(svar, public=True, max_age=settings.OFFENTLIG_MAKS_ALDER)
    return get_conditional_response(request, etag=lagret.etag, response=svar)
