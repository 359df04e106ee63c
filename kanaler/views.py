"""Views of the kanaler app: thin, a permission check, a form, a service or selector call."""

import tempfile
from functools import cached_property, partial, wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import diagram, eksport, registertabell, selectors, services
from .forms import BekreftAktivitetForm, GjennomgangForm, RegisterFilterForm, VerifiserForm, legg_til_feil
from .models import Kanal, Plattform
from .normalisering import UgyldigUrl, normaliser_url
from .roller import roller_for

PER_SIDE = 50
OFFENTLIG_PER_SIDE = 100
API_PER_SIDE = 20
API_MAKS_PER_SIDE = 100
MAKS_ADRESSE = 2000  # longer query strings are dropped when sending the user back


def krever_registerrolle(view):
    """Leadership and advisers only: anonymous users go to login, others get 403."""

    @wraps(view)
    @login_required
    def sjekk(request, *args, **kwargs):
        if not roller_for(request.user).leser_registeret:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return sjekk


def _filtrert_register(request):
    """The bound filter form, its condition and the register as far as its valid fields say."""
    form = RegisterFilterForm(request.GET)
    form.is_valid()
    utvalg = selectors.kanal_register_utvalg(filtre=form.cleaned_data)
    return form, utvalg, selectors.kanal_register(filtre=form.cleaned_data, utvalg=utvalg)


def _side(request, paginator):
    raa = request.GET.get("side", "1")
    try:
        nummer = int(raa)
    except (TypeError, ValueError):
        messages.warning(
            request, _("Sidenummeret «%(side)s» er ugyldig; viser første side.") % {"side": raa[:20]}
        )
        return paginator.page(1)
    nummer = max(nummer, 1)
    if nummer > paginator.num_pages:
        messages.info(
            request,
            _("Side %(side)s finnes ikke; viser siste side (%(siste)s).")
            % {"side": nummer, "siste": paginator.num_pages},
        )
        nummer = paginator.num_pages
    side = paginator.page(nummer)
    side.sideomraade = paginator.get_elided_page_range(side.number, on_each_side=2, on_ends=1)
    return side


KOLONNER = [
    ("navn", _("Navn")),
    ("plattform", _("Plattform")),
    ("virksomhet", _("Virksomhet")),
    ("status", _("Status")),
    ("ansvarlig", _("Ansvarlig")),
    ("radgiver", _("Rådgiver")),
    ("sist_aktiv", _("Sist bekreftet aktivitet")),
    ("neste_gjennomgang", _("Neste gjennomgang")),
]


def _sorteringskolonner(request, aktiv: str) -> list[dict]:
    kolonner = []
    for nokkel, tittel in KOLONNER:
        params = request.GET.copy()
        params.pop("side", None)
        er_aktiv = aktiv.lstrip("-") == nokkel
        synkende = aktiv.startswith("-")
        params["sorter"] = f"-{nokkel}" if er_aktiv and not synkende else nokkel
        kolonner.append(
            {
                "nokkel": nokkel,
                "tittel": tittel,
                "url": "?" + params.urlencode(),
                "aria_sort": ("descending" if synkende else "ascending") if er_aktiv else "",
            }
        )
    return kolonner


class RegisterPaginator(Paginator):
    """Pages of the register whose count comes from a query without the page's joins."""

    def __init__(self, object_list, per_page, *, antall):
        super().__init__(object_list, per_page)
        self._antall = antall

    @cached_property
    def count(self) -> int:
        return self._antall()


@require_GET
@krever_registerrolle
def register(request):
    """Kanalregisteret: ledelse og kommunikasjonsrådgivere filtrerer, søker, sorterer og blar."""
    form, utvalg, kanaler = _filtrert_register(request)
    antall = partial(selectors.kanal_register_antall, utvalg=utvalg)
    side = _side(request, RegisterPaginator(registertabell.verdier(kanaler), PER_SIDE, antall=antall))
    params = request.GET.copy()
    params.pop("side", None)
    filter_qs = params.urlencode()
    return render(
        request,
        "kanaler/register.html",
        {
            "form": form,
            "side": side,
            "kanaler": registertabell.rader(side.object_list),
            "kolonner": _sorteringskolonner(request, form.cleaned_data.get("sorter") or "navn"),
            "filter_qs": filter_qs,
        },
    )


@require_GET
@krever_registerrolle
def detalj(request, pk: int):
    """Én kanal med søknaden den kom fra og hele historikken; for ledelse og rådgivere."""
    try:
        kanal = selectors.kanal_detalj(pk=pk)
    except Kanal.DoesNotExist as feil:
        raise Http404 from feil
    return render(
        request,
        "kanaler/detalj.html",
        {
            "kanal": kanal,
            "vurdering": getattr(kanal, "vurdering", None),
            "tidslinje": selectors.kanal_historikk(kanal=kanal),
        },
    )


@require_GET
@krever_registerrolle
def oversikt(request):
    """Tall, diagrammer og kanaler som trenger oppfølging; for ledelse og rådgivere."""
    tall = selectors.kanal_oversikt()
    return render(
        request,
        "kanaler/oversikt.html",
        {
            **tall,
            "diagram_plattform": diagram.liggende_stolper(tall["per_plattform"]),
            "diagram_virksomhet": diagram.liggende_stolper(tall["per_virksomhet"]),
            "diagram_status": diagram.liggende_stolper(tall["per_status"]),
            "diagram_maaned": diagram.maanedsstolper(tall["per_maaned"]),
            "sum_opprettet": sum(r[1] for r in tall["per_maaned"]),
            "sum_nedlagt": sum(r[2] for r in tall["per_maaned"]),
        },
    )


def _eksport_eller_tilbake(request):
    form, _utvalg, kanaler = _filtrert_register(request)
    if form.errors:
        messages.error(request, _("Rett opp filtrene før du eksporterer."))
        adresse = reverse("kanaler:register") + "?" + request.GET.urlencode()
        if len(adresse) > MAKS_ADRESSE:
            adresse = reverse("kanaler:register")
        return None, redirect(adresse)
    return kanaler, None


def _filnavn(endelse: str) -> str:
    return f"kanalregister-{timezone.localdate():%Y-%m-%d}.{endelse}"


@require_GET
@krever_registerrolle
def eksport_csv(request):
    """Registeret slik det er filtrert, som CSV for Excel; for ledelse og rådgivere."""
    kanaler, tilbake = _eksport_eller_tilbake(request)
    if tilbake:
        return tilbake
    respons = StreamingHttpResponse(eksport.csv_linjer(kanaler), content_type="text/csv; charset=utf-8")
    respons["Content-Disposition"] = f'attachment; filename="{_filnavn("csv")}"'
    return respons


@require_GET
@krever_registerrolle
def eksport_xlsx(request):
    """Registeret slik det er filtrert, som Excel-arbeidsbok; for ledelse og rådgivere."""
    kanaler, tilbake = _eksport_eller_tilbake(request)
    if tilbake:
        return tilbake
    fil = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it
    eksport.skriv_xlsx(kanaler, fil)
    fil.seek(0)
    return FileResponse(
        fil,
        as_attachment=True,
        filename=_filnavn("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@require_GET
def offisielle(request):
    """Kommunens offisielle kanaler og sjekk av en adresse; åpen for alle, uten persondata."""
    form = VerifiserForm(request.GET) if "url" in request.GET else VerifiserForm()
    sjekket, treff = False, None
    if form.is_bound and form.is_valid():
        sjekket = True
        treff = selectors.offisiell_kanal_for_url(url=form.cleaned_data["url"])
    side = _side(
        request, Paginator(selectors.offisielle_kanaler().filter(hovedkanal=False), OFFENTLIG_PER_SIDE)
    )
    return render(
        request,
        "kanaler/offisielle.html",
        {"form": form, "sjekket": sjekket, "treff": treff, **selectors.offisiell_liste(side)},
    )


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
    }


def _api_svar(data: dict, status: int = 200) -> JsonResponse:
    """Open data: UTF-8 JSON that any web page may read."""
    respons = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    respons["Access-Control-Allow-Origin"] = "*"
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
    kanaler = selectors.offisielle_kanaler()
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
    paginator = Paginator(kanaler, per_side)
    if nummer > paginator.num_pages:
        return _api_feil(
            _("Side %(side)s finnes ikke; siste side er %(siste)s.")
            % {"side": nummer, "siste": paginator.num_pages}
        )
    side = paginator.page(nummer)

    def lenke(til: int) -> str:
        params = request.GET.copy()
        params["side"] = til
        return request.build_absolute_uri(request.path + "?" + params.urlencode())

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
    kanal = selectors.offisiell_kanal_for_url(url=url)
    return _api_svar(
        {"offisiell": kanal is not None, "url": url, "kanal": _offentlig(kanal) if kanal else None}
    )


# --- Oppfølging av kanaler: /kanaler/mine/, bekreft aktivitet, årlig gjennomgang ---
def _vis_mine(request, *, ugyldig: BekreftAktivitetForm | None = None):
    kanaler = selectors.mine_kanaler(request.user)
    for kanal in kanaler:
        if ugyldig is not None and ugyldig.kanal.pk == kanal.pk:
            kanal.aktivitetsskjema = ugyldig
        elif kanal.status == Kanal.Status.AKTIV:
            kanal.aktivitetsskjema = BekreftAktivitetForm(kanal=kanal)
    kontekst = {"kanaler": kanaler, "INAKTIV_ETTER_DAGER": settings.INAKTIV_ETTER_DAGER}
    return render(request, "kanaler/mine.html", kontekst)


@login_required
@require_GET
def mine(request):
    """Alle innloggede: kanalene jeg er ansvarlig eller stedfortreder for, og hva som forfaller."""
    return _vis_mine(request)


@login_required
@require_POST
def bekreft_aktivitet(request, pk: int):
    """Ansvarlig eller stedfortreder bekrefter at kanalen er i bruk."""
    kanal = selectors.min_kanal(request.user, pk)
    skjema = BekreftAktivitetForm(request.POST, kanal=kanal)
    if skjema.is_valid():
        try:
            services.kanal_bekreft_aktivitet(
                kanal=kanal,
                av=request.user,
                siste_innlegg=skjema.cleaned_data["siste_innlegg"],
                merknad=skjema.cleaned_data["merknad"],
            )
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            melding = _("Takk! Aktiviteten i «%(kanal)s» er bekreftet.") % {"kanal": kanal.navn}
            messages.success(request, melding)
            return redirect("kanaler:mine")
    if kanal.status != Kanal.Status.AKTIV:  # its card has no form to show the errors in
        for feilene in skjema.errors.values():
            for feil in feilene:
                messages.error(request, feil)
    return _vis_mine(request, ugyldig=skjema)


@login_required
@require_http_methods(["GET", "POST"])
def gjennomgang(request, pk: int):
    """Ansvarlig eller stedfortreder gjør den årlige gjennomgangen av kanalen."""
    kanal = selectors.min_kanal(request.user, pk)
    skjema = GjennomgangForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and skjema.is_valid():
        try:
            resultat = services.kanal_gjennomgang(kanal=kanal, av=request.user, **skjema.cleaned_data)
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            melding = _("Gjennomgangen av «%(kanal)s» er registrert. Neste gjennomgang er %(dato)s.") % {
                "kanal": kanal.navn,
                "dato": f"{resultat.kanal.neste_gjennomgang:%d.%m.%Y}",
            }
            if not resultat.fortsatt_behov:
                melding += " " + _("Kommunikasjonsrådgiver har fått beskjed om å legge ned kanalen.")
            elif not all(
                (
                    resultat.formal_gyldig,
                    resultat.personer_riktige,
                    resultat.ressurser_finnes,
                    resultat.retningslinjer_fulgt,
                )
            ):
                melding += " " + _("Kommunikasjonsrådgiver har fått beskjed og tar kontakt.")
            messages.success(request, melding)
            return redirect("kanaler:mine")
    return render(request, "kanaler/gjennomgang.html", {"kanal": kanal, "skjema": skjema})
