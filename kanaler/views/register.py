"""The register for leadership and advisers: the list, one channel, the overview and the exports."""

import tempfile
from functools import cached_property, partial
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from .. import diagram, eksport, registertabell
from ..forms import OversiktFilterForm, RegisterFilterForm
from ..models import Kanal
from ..personer import merk_personer
from ..selectors.detalj import kanal_detalj, kanal_tidslinje
from ..selectors.oversikt import kanal_oversikt, kanaler_til_oppfolging
from ..selectors.register import kanal_register, kanal_register_antall, kanal_register_utvalg
from ..soknadsvisning import soknad_for, soknad_mal
from .felles import krever_registerrolle, side_fra

PER_SIDE = 50
MAKS_ADRESSE = 2000  # longer query strings are dropped when sending the user back


def _filtrert_register(request):
    """The bound filter form, its condition and the register as far as its valid fields say."""
    form = RegisterFilterForm(request.GET)
    form.is_valid()
    utvalg = kanal_register_utvalg(filtre=form.cleaned_data)
    return form, utvalg, kanal_register(filtre=form.cleaned_data, utvalg=utvalg)


KOLONNER = [
    ("navn", gettext_lazy("Navn")),
    ("plattform", gettext_lazy("Plattform")),
    ("virksomhet", gettext_lazy("Virksomhet")),
    ("status", gettext_lazy("Status")),
    ("ansvarlig", gettext_lazy("Ansvarlig")),
    ("radgiver", gettext_lazy("Rådgiver")),
    ("sist_aktiv", gettext_lazy("Sist bekreftet aktivitet")),
    ("neste_gjennomgang", gettext_lazy("Neste gjennomgang")),
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
    antall = partial(kanal_register_antall, utvalg=utvalg, filtre=form.cleaned_data)
    side = side_fra(request, RegisterPaginator(registertabell.verdier(kanaler), PER_SIDE, antall=antall))
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
        kanal = kanal_detalj(pk=pk)
    except Kanal.DoesNotExist as feil:
        raise Http404 from feil
    soknad = soknad_for(kanal)
    return render(
        request,
        "kanaler/detalj.html",
        {
            "kanal": kanal,
            "soknad": soknad,
            "soknad_mal": soknad_mal(),
            "tidslinje": kanal_tidslinje(kanal=kanal, soknad=soknad),
        },
    )


OPPFOLGING_PER_SIDE = 100


def _virksomhetslenker(rader, valgt, hoyrisiko: bool) -> list[str]:
    """The overview for each unit of the chart; none for «Andre» or the chosen unit's own channels."""
    oversikt = reverse("kanaler:oversikt")
    risiko = {"hoyrisiko": "on"} if hoyrisiko else {}
    return [
        f"{oversikt}?{urlencode({'virksomhet': rad.virksomhet_id, **risiko})}"
        if rad.virksomhet_id is not None and (valgt is None or rad.virksomhet_id != valgt.pk)
        else ""
        for rad in rader
    ]


@require_GET
@krever_registerrolle
def oversikt(request):
    """Tall, diagrammer og oppfølging for alle eller én virksomhet; for ledelse og rådgivere."""
    form = OversiktFilterForm(request.GET)
    gyldig = form.cleaned_data if form.is_valid() else {}
    virksomhet, hoyrisiko = gyldig.get("virksomhet"), bool(gyldig.get("hoyrisiko"))
    tall = kanal_oversikt(virksomhet=virksomhet, hoyrisiko=hoyrisiko)
    oppfolging = kanaler_til_oppfolging(idag=tall["idag"], enheter=tall["enheter"], hoyrisiko=hoyrisiko)
    side = side_fra(
        request,
        RegisterPaginator(oppfolging, OPPFOLGING_PER_SIDE, antall=lambda: tall["oppfolging_antall"]),
    )
    oppfolgingsliste = list(side.object_list)
    merk_personer(oppfolgingsliste, "ansvarlig")
    filter_qs = urlencode(
        {
            **({"virksomhet": virksomhet.pk} if virksomhet else {}),
            **({"hoyrisiko": "on"} if hoyrisiko else {}),
        }
    )
    return render(
        request,
        "kanaler/oversikt.html",
        {
            **tall,
            "form": form,
            "virksomhet": virksomhet,
            "side": side,
            "oppfolging": oppfolgingsliste,
            "filter_qs": filter_qs,
            "diagram_plattform": diagram.liggende_stolper(tall["per_plattform"]),
            "diagram_virksomhet": diagram.liggende_stolper(
                tall["per_virksomhet"], _virksomhetslenker(tall["virksomhetsrader"], virksomhet, hoyrisiko)
            ),
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
    fil = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it
    eksport.skriv_csv(kanaler, fil)
    fil.seek(0)
    return FileResponse(
        fil, as_attachment=True, filename=_filnavn("csv"), content_type="text/csv; charset=utf-8"
    )


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
