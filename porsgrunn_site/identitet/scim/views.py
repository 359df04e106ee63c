"""The SCIM 2.0 endpoint (RFC 7644) for the identity provider's provisioning, behind a bearer token."""

import hmac
import json
from functools import wraps

import pydantic
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from scim2_models import (
    Context,
    Error,
    Group,
    ListResponse,
    NotImplementedException,
    PatchOp,
    ResponseParameters,
    SCIMException,
    UnauthorizedException,
)

from . import brukere, grupper
from .modeller import MAKS_ANTALL, TOLERANT, Ansatt, ressurstyper, skjemaer, tjenestebeskrivelse

SCIM_TYPE = "application/scim+json"


def _svar(innhold: dict | None, *, status: int = 200, **overskrifter) -> HttpResponse:
    if innhold is None:
        return HttpResponse(status=204)
    svar = HttpResponse(json.dumps(innhold), content_type=SCIM_TYPE, status=status)
    for navn, verdi in overskrifter.items():
        svar[navn.replace("_", "-")] = verdi
    return svar


def _feil(feil: Error, **overskrifter) -> HttpResponse:
    return _svar(feil.model_dump(scim_ctx=Context.DEFAULT), status=feil.status, **overskrifter)


def _token_stemmer(request) -> bool:
    skjema, _mellomrom, token = request.headers.get("Authorization", "").partition(" ")
    forventet = settings.SCIM_TOKEN
    return (
        bool(forventet)
        and skjema.lower() == "bearer"
        and hmac.compare_digest(token.encode(), forventet.encode())
    )


def scim(*metoder: str):
    """A SCIM view: bearer token (never a session or CSRF), these methods, SCIM errors for every refusal."""

    def dekorator(visning):
        @csrf_exempt
        @wraps(visning)
        def innpakket(request, *args, **kwargs):
            if not _token_stemmer(request):
                return _feil(
                    UnauthorizedException(detail="Mangler eller feil token.").to_error(),
                    WWW_Authenticate="Bearer",
                )
            if request.method not in metoder:
                return _feil(
                    Error(status=405, detail=f"{request.method} støttes ikke her."), Allow=", ".join(metoder)
                )
            try:
                with transaction.atomic():
                    return visning(request, *args, **kwargs)
            except SCIMException as feil:
                return _feil(feil.to_error())
            except pydantic.ValidationError as feil:
                return _feil(Error.from_validation_errors(feil)[0])
            except ValueError as feil:
                return _feil(Error(status=400, scim_type="invalidSyntax", detail=str(feil)[:500]))

        return innpakket

    return dekorator


def _innhold(request) -> dict:
    data = json.loads(request.body or b"null")
    if not isinstance(data, dict):
        raise ValueError("Forventet et JSON-objekt.")
    return data


def _parametre(request) -> ResponseParameters:
    return ResponseParameters.model_validate(
        {
            "attributes": request.GET.get("attributes") or None,
            "excludedAttributes": request.GET.get("excludedAttributes") or None,
        }
    )


def _side(request, *, data: dict | None = None) -> tuple[int, int]:
    kilde = data if data is not None else request.GET
    try:
        start = max(int(kilde.get("startIndex") or 1), 1)
        antall = min(
            max(int(kilde.get("count") if kilde.get("count") is not None else MAKS_ANTALL), 0), MAKS_ANTALL
        )
    except (TypeError, ValueError):
        raise ValueError("startIndex og count må være heltall.") from None
    return start, antall


def _adresse(request, navn: str, objekt) -> str:
    return request.build_absolute_uri(reverse(navn, args=[objekt.pk]))


def _brukeradresse(request):
    return lambda bruker: _adresse(request, "scim_bruker", bruker)


def _gruppeadresse(request):
    return lambda gruppe: _adresse(request, "scim_gruppe", gruppe)


def _liste(ressurser, modell, *, start: int, antall: int, parametre: ResponseParameters) -> HttpResponse:
    side = ressurser[start - 1 : start - 1 + antall]
    svar = ListResponse[modell](
        total_results=len(ressurser), start_index=start, items_per_page=len(side), resources=side
    )
    return _svar(svar.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=parametre))


def _en(ressurs, *, status: int = 200, parametre: ResponseParameters | None = None) -> HttpResponse:
    innhold = ressurs.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=parametre)
    return _svar(innhold, status=status, Location=ressurs.meta.location)


@scim("GET")
def tjenesteoppsett(request):
    """The identity provider reads what this SCIM service supports."""
    beskrivelse = tjenestebeskrivelse(request.build_absolute_uri("/"))
    return _svar(beskrivelse.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))


def _oppslag(objekter, navn: str, ressurs_id: str | None):
    innhold = [o.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE) for o in objekter]
    if ressurs_id is None:
        return _svar(
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                "totalResults": len(innhold),
                "startIndex": 1,
                "itemsPerPage": len(innhold),
                "Resources": innhold,
            }
        )
    treff = [i for i in innhold if i["id"] == ressurs_id]
    if not treff:
        return _feil(Error(status=404, detail=f"Ingen {navn} med id {ressurs_id}."))
    return _svar(treff[0])


@scim("GET")
def ressurstyper_visning(request, ressurs_id=None):
    """The identity provider reads the resource types served."""
    return _oppslag(ressurstyper(), "ressurstype", ressurs_id)


@scim("GET")
def skjemaer_visning(request, ressurs_id=None):
    """The identity provider reads the schemas of the resources served."""
    return _oppslag(skjemaer(), "skjema", ressurs_id)


@scim("GET", "POST")
def brukerliste(request):
    """The identity provider lists users (with a filter such as userName eq "...") or creates one."""
    if request.method == "POST":
        ressurs = Ansatt.model_validate(
            _innhold(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST, scim_policy=TOLERANT
        )
        bruker = brukere.bruker_opprett(ressurs=ressurs)
        return _en(brukere.som_ressurs(bruker, adresse=_adresse(request, "scim_bruker", bruker)), status=201)
    start, antall = _side(request)
    utvalg = brukere.filtrer(
        brukere.synlige_brukere(), request.GET.get("filter"), adresse=_brukeradresse(request)
    )
    ressurser = [brukere.som_ressurs(b, adresse=_adresse(request, "scim_bruker", b)) for b in utvalg]
    return _liste(ressurser, Ansatt, start=start, antall=antall, parametre=_parametre(request))


@scim("GET", "PUT", "PATCH", "DELETE")
def bruker(request, ressurs_id):
    """The identity provider reads, replaces, changes or deletes (deactivates) one user."""
    funnet = brukere.hent_bruker(ressurs_id, for_endring=request.method != "GET")
    adresse = _adresse(request, "scim_bruker", funnet)
    if request.method == "DELETE":
        brukere.bruker_slett(bruker=funnet)
        return _svar(None)
    if request.method == "PUT":
        ressurs = Ansatt.model_validate(
            _innhold(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST, scim_policy=TOLERANT
        )
        funnet = brukere.bruker_erstatt(bruker=funnet, ressurs=ressurs)
    elif request.method == "PATCH":
        endring = PatchOp[Ansatt].model_validate(
            _innhold(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST, scim_policy=TOLERANT
        )
        ressurs = brukere.som_ressurs(funnet, adresse=adresse)
        endring.patch(ressurs, scim_policy=TOLERANT)
        funnet = brukere.bruker_erstatt(bruker=funnet, ressurs=ressurs)
    return _en(brukere.som_ressurs(funnet, adresse=adresse), parametre=_parametre(request))


@scim("POST")
def brukersok(request):
    """The identity provider searches users with POST /Users/.search."""
    data = _innhold(request)
    start, antall = _side(request, data=data)
    utvalg = brukere.filtrer(brukere.synlige_brukere(), data.get("filter"), adresse=_brukeradresse(request))
    ressurser = [brukere.som_ressurs(b, adresse=_adresse(request, "scim_bruker", b)) for b in utvalg]
    parametre = ResponseParameters.model_validate(
        {k: data.get(k) for k in ("attributes", "excludedAttributes")}
    )
    return _liste(ressurser, Ansatt, start=start, antall=antall, parametre=parametre)


@scim("GET", "POST")
def gruppeliste(request):
    """The identity provider lists the role groups, or binds a group of its own to one of them."""
    kwargs = {"adresse": _gruppeadresse(request), "brukeradresse": _brukeradresse(request)}
    if request.method == "POST":
        ressurs = Group.model_validate(
            _innhold(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST, scim_policy=TOLERANT
        )
        gruppe = grupper.gruppe_for_ressurs(ressurs)
        grupper.gruppe_sett_medlemmer(
            gruppe=gruppe, ressurs=ressurs.model_copy(update={"display_name": None})
        )
        return _en(
            grupper.som_ressurs(
                gruppe, adresse=kwargs["adresse"](gruppe), brukeradresse=kwargs["brukeradresse"]
            ),
            status=201,
        )
    start, antall = _side(request)
    utvalg = grupper.filtrer(request.GET.get("filter"), **kwargs)
    ressurser = [
        grupper.som_ressurs(g, adresse=kwargs["adresse"](g), brukeradresse=kwargs["brukeradresse"])
        for g in utvalg
    ]
    return _liste(ressurser, Group, start=start, antall=antall, parametre=_parametre(request))


@scim("GET", "PATCH")
def gruppe(request, ressurs_id):
    """The identity provider reads a role group or adds and removes its members."""
    funnet = grupper.hent_gruppe(ressurs_id)
    ressurs = grupper.som_ressurs(
        funnet, adresse=_adresse(request, "scim_gruppe", funnet), brukeradresse=_brukeradresse(request)
    )
    if request.method == "PATCH":
        endring = PatchOp[Group].model_validate(
            _innhold(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST, scim_policy=TOLERANT
        )
        endring.patch(ressurs, scim_policy=TOLERANT)
        grupper.gruppe_sett_medlemmer(gruppe=funnet, ressurs=ressurs)
        ressurs = grupper.som_ressurs(
            funnet, adresse=ressurs.meta.location, brukeradresse=_brukeradresse(request)
        )
    return _en(ressurs, parametre=_parametre(request))


@scim("POST")
def sok_alle(request):
    """Searching every resource type at once is not offered; /Users/.search is."""
    raise NotImplementedException(detail="Søk på tvers av ressurstyper støttes ikke; bruk /Users/.search.")


@scim("GET", "POST", "PUT", "PATCH", "DELETE")
def ukjent(request, sti=""):
    """Any other address under the SCIM endpoint answers with a SCIM 404."""
    return _feil(Error(status=404, detail="Ukjent adresse i SCIM-tjenesten."))
