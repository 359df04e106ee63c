"""What residents see: the official channels, the check of an address, and the open API."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import MeldFalskForm, VerifiserForm, legg_til_feil
from ..models import Kanal, Plattform
from ..normalisering import UgyldigUrl, normaliser_url
from ..openapi import NLOD_LENKE, NLOD_URL, dokument
from ..selectors.offentlig import (
    FALSK_RAD,
    KOMPROMITTERT_ADVARSEL,
    KOMPROMITTERT_RAD,
    OffentligPaginator,
    Sjekk,
    adresse_sjekket,
    kompromitterte_kanaler,
    offisiell_liste,
    offisielle_kanaler,
)
from ..services.falske import falsk_konto_meld
from .felles import side_fra
from .hurtiglager import offentlig_svar

OFFENTLIG_PER_SIDE = 100
API_PER_SIDE = 20
API_MAKS_PER_SIDE = 100


@require_GET
def offisielle(request):
    """Kommunens offisielle kanaler og sjekk av en adresse; åpen for alle, uten persondata."""
    # The page shows the address as typed and the page number as given (in its notice), so both are the key.
    nokkel = (request.GET.get("url"), request.GET.get("side"))
    return offentlig_svar(request, nokkel=nokkel, lag=lambda: _offisielle(request))


def _offisielle(request):
    form = VerifiserForm(request.GET) if "url" in request.GET else VerifiserForm()
    sjekk = None
    if form.is_bound and form.is_valid():
        sjekk = adresse_sjekket(url=form.cleaned_data["url"])
    side = side_fra(
        request, OffentligPaginator(offisielle_kanaler().filter(hovedkanal=False), OFFENTLIG_PER_SIDE)
    )
    liste = offisiell_liste(side)
    return render(
        request,
        "kanaler/offisielle.html",
        {
            "form": form,
            "sjekket": sjekk is not None,
            "sjekk": sjekk,
            "treff": sjekk.kanal if sjekk else None,
            "kompromitterte": kompromitterte_kanaler(),
            "KOMPROMITTERT_ADVARSEL": KOMPROMITTERT_ADVARSEL,
            "KOMPROMITTERT_RAD": KOMPROMITTERT_RAD,
            "FALSK_RAD": FALSK_RAD,
            "jsonld": _jsonld([*liste["hovedkanaler"], *side.object_list]),
            "NLOD_URL": NLOD_URL,
            **liste,
        },
    )


JSON_I_HTML = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def _jsonld(kanaler) -> str:
    """schema.org for the list: the municipality as a GovernmentOrganization, its channels as sameAs."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": settings.KOMMUNE_NAVN,
        "url": settings.SITE_URL.rstrip("/") + reverse("kanaler:offisielle"),
        "sameAs": [kanal.url for kanal in kanaler],
    }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_I_HTML))  # noqa: S308


def _tid(verdi) -> str:
    return timezone.localtime(verdi).isoformat(timespec="seconds")


def _offentlig(kanal: Kanal) -> dict:
    return {
        "id": kanal.pk,
        "navn": kanal.navn,
        "plattform": kanal.plattform,
        "plattform_navn": kanal.get_plattform_display(),
        "url": kanal.url,
        "virksomhet": kanal.virksomhet.navn,
        "beskrivelse": kanal.beskrivelse,
        "hovedkanal": kanal.hovedkanal,
        **_kompromittert(kanal),
    }


def _kompromittert(kanal: Kanal) -> dict:
    """The incident keys of a channel out of the municipality's control; none for any other."""
    siden = getattr(kanal, "kompromittert_siden", None)
    if siden is None:
        return {}
    return {"kompromittert": True, "kompromittert_siden": _tid(siden), "rad": str(KOMPROMITTERT_RAD)}


def _api_svar(data: dict, status: int = 200) -> JsonResponse:
    """Open data: UTF-8 JSON that any web page may read."""
    respons = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    respons["Access-Control-Allow-Origin"] = "*"
    respons["Link"] = NLOD_LENKE
    return respons


def _api_feil(melding: str) -> JsonResponse:
    return _api_svar({"feil": melding}, status=400)


def _positivt_tall(raa: str | None, standard: int) -> int | None:
    if raa in (None, ""):
        return standard
    try:
        tall = int(raa)
    except ValueError:
        return None
    return tall if tall >= 1 else None


@require_GET
def api_liste(request):
    """JSON-liste over aktive offisielle kanaler, med plattformfilter og sider; åpen for alle."""
    kanaler = offisielle_kanaler()
    plattform = request.GET.get("plattform", "")
    if plattform:
        if plattform not in Plattform.values:
            return _api_feil(
                _("Ukjent plattform «%(verdi)s». Gyldige verdier: %(gyldige)s.")
                % {"verdi": plattform[:50], "gyldige": ", ".join(Plattform.values)}
            )
        kanaler = kanaler.filter(plattform=plattform)
    per_side = _positivt_tall(request.GET.get("per_side"), API_PER_SIDE)
    if per_side is None or per_side > API_MAKS_PER_SIDE:
        return _api_feil(_("per_side må være et heltall fra 1 til %(maks)s.") % {"maks": API_MAKS_PER_SIDE})
    nummer = _positivt_tall(request.GET.get("side"), 1)
    if nummer is None:
        return _api_feil(_("side må være et positivt heltall."))
    # The links carry only the parameters the list reads, so the answer depends on nothing else.
    nokkel = (request.scheme, request.get_host(), plattform, per_side, nummer)
    return offentlig_svar(
        request, nokkel=nokkel, lag=lambda: _api_side(request, kanaler, plattform, per_side, nummer)
    )


def _api_side(request, kanaler, plattform: str, per_side: int, nummer: int) -> JsonResponse:
    paginator = OffentligPaginator(kanaler, per_side)
    if nummer > paginator.num_pages:
        return _api_feil(
            _("Side %(side)s finnes ikke; siste side er %(siste)s.")
            % {"side": nummer, "siste": paginator.num_pages}
        )
    side = paginator.page(nummer)
    faste = {"plattform": plattform} if plattform else {}
    if per_side != API_PER_SIDE:
        faste["per_side"] = per_side

    def lenke(til: int) -> str:
        return request.build_absolute_uri(request.path + "?" + urlencode({**faste, "side": til}))

    return _api_svar(
        {
            "antall": paginator.count,
            "side": nummer,
            "sider": paginator.num_pages,
            "neste": lenke(side.next_page_number()) if side.has_next() else None,
            "forrige": lenke(side.previous_page_number()) if side.has_previous() else None,
            "resultater": [_offentlig(k) for k in side.object_list],
        }
    )


@require_GET
def api_verifiser(request):
    """JSON-svar på om en adresse er en av kommunens offisielle kanaler; åpen for alle."""
    if "url" not in request.GET:
        return _api_feil(
            _("Mangler parameteren url, for eksempel ?url=https://facebook.com/porsgrunnkommune.")
        )
    try:
        url = normaliser_url(request.GET["url"])
    except UgyldigUrl as feil:
        return _api_feil(str(feil))
    return offentlig_svar(request, nokkel=(url,), lag=lambda: _api_svar(verifisert(adresse_sjekket(url=url))))


def verifisert(sjekk: Sjekk) -> dict:
    """The answer of verifiser: official or not, and what the register remembers of the address."""
    svar = {
        "offisiell": sjekk.offisiell,
        "url": sjekk.url,
        "kanal": _offentlig(sjekk.kanal) if sjekk.kanal else None,
    }
    if sjekk.kanal is not None:
        svar.update(_kompromittert(sjekk.kanal))
    elif sjekk.gjeldende is not None:
        svar["gjeldende_url"] = sjekk.gjeldende.url
        svar["gjeldende_kanal"] = _offentlig(sjekk.gjeldende)
    elif sjekk.nedlagt is not None:
        svar["tidligere_offisiell"] = True
        svar["nedlagt"] = sjekk.nedlagt_dato.isoformat()
    elif sjekk.falsk is not None:
        svar["kjent_falsk"] = True
        meldt = sjekk.falsk.meldt_til_plattformen
        svar["meldt_til_plattformen"] = meldt.isoformat() if meldt else None
        svar["rad"] = str(FALSK_RAD)
        svar["alternativer"] = [_offentlig(kanal) for kanal in sjekk.alternativer]
    return svar


def _klientadresse(request) -> str | None:
    """The client's address as the login lockout reads it (PROXY_ANTALL), without importing the site."""
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)


@require_http_methods(["GET", "POST"])
def meld_falsk(request):
    """Alle (innbyggere): meld en konto som later som den er kommunens; ingen navn eller e-post trengs."""
    if request.method == "POST":
        skjema = MeldFalskForm(request.POST)
        if skjema.is_valid():
            try:
                falsk_konto_meld(
                    url=skjema.cleaned_data["url"],
                    beskrivelse=skjema.cleaned_data["beskrivelse"],
                    klient=_klientadresse(request),
                )
            except ValidationError as feil:
                legg_til_feil(skjema, feil)
            else:
                return redirect("kanaler:meld_falsk_takk")
    else:
        skjema = MeldFalskForm(initial={"url": request.GET.get("url", "")[:2000]})
    return render(request, "kanaler/meld_falsk.html", {"form": skjema})


@require_GET
def meld_falsk_takk(request):
    """Alle: takk for meldingen."""
    return render(request, "kanaler/meld_falsk_takk.html")


@require_GET
def api_openapi(request):
    """OpenAPI 3.1-dokumentet for det åpne API-et (NLOD 2.0); åpent for alle."""
    nokkel = (request.scheme, request.get_host())
    return offentlig_svar(request, nokkel=nokkel, lag=lambda: _api_svar(dokument()))
