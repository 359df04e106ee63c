from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kanaler.forms import legg_til_feil
from kanaler.roller import roller_for

from .forms import UTFYLLINGSSTEG, UttalelseForm, steg_skjema
from .fullstendighet import data_fra_utkast, steg_kontroll
from .models import Vurdering
from .risiko import risikogrunner, venter_pa_personvernombudet
from .selectors import mine_vurderinger, statushistorikk, synlige_vurderinger, til_personvernombudet
from .services import (
    FEIL_ALLEREDE_SENDT_INN,
    FEIL_KAN_IKKE_ENDRES,
    REDIGERBARE,
    TREKKBARE,
    vurdering_gi_uttalelse,
    vurdering_lagre_steg,
    vurdering_opprett,
    vurdering_send_inn,
    vurdering_trekk,
)
from .steg import STEG, STEG_ETTER_SLUG

PER_SIDE = 20


def _egen(request, pk: int) -> Vurdering:
    """The requesting user's own application, or 404 (also for other people's)."""
    return get_object_or_404(synlige_vurderinger(request.user).filter(innsender=request.user), pk=pk)


@login_required
@require_GET
def liste(request):
    """Den innloggede ansattes egne søknader med status, siste endring og neste steg."""
    side = Paginator(mine_vurderinger(request.user), PER_SIDE).get_page(request.GET.get("side"))
    return render(request, "vurdering/liste.html", {"side": side, "vurderinger": side.object_list})


@login_required
@require_http_methods(["GET", "POST"])
def ny(request):
    """En innlogget ansatt starter en ny søknad (GET viser introduksjonen, POST oppretter utkastet)."""
    if request.method == "POST":
        vurdering = vurdering_opprett(av=request.user)
        return redirect("vurdering:steg", pk=vurdering.pk, steg=STEG[0].slug)
    return render(request, "vurdering/ny.html", {"alle_steg": STEG})


def _steg_kontekst(vurdering: Vurdering, gjeldende, statuser) -> dict:
    forrige, neste = _naboer(gjeldende)
    return {
        "vurdering": vurdering,
        "gjeldende": gjeldende,
        "statuser": statuser,
        "antall_fullfort": sum(status.fullfort for status in statuser),
        "forrige": forrige,
        "neste": neste,
    }


def _naboer(gjeldende):
    """The steps before and after `gjeldende` (None at either end)."""
    indeks = STEG.index(gjeldende)
    return (STEG[indeks - 1] if indeks > 0 else None, STEG[indeks + 1] if indeks + 1 < len(STEG) else None)


@login_required
@require_http_methods(["GET", "POST"])
def steg(request, pk: int, steg: str):
    """Søkeren fyller ut ett steg i sin egen søknad (utkast eller sendt tilbake)."""
    gjeldende = STEG_ETTER_SLUG.get(steg)
    if gjeldende is None:
        raise Http404
    vurdering = _egen(request, pk)
    if vurdering.status not in REDIGERBARE:
        if (
            vurdering.status == Vurdering.Status.SENDT_INN
            and request.method == "POST"
            and gjeldende.slug == "oppsummering"
        ):
            messages.info(request, FEIL_ALLEREDE_SENDT_INN)
        else:
            messages.warning(request, FEIL_KAN_IKKE_ENDRES)
        return redirect("vurdering:detalj", pk=vurdering.pk)
    if gjeldende.slug == "oppsummering":
        return _oppsummering(request, vurdering, gjeldende)
    if request.method == "POST":
        return _lagre_steg(request, vurdering, gjeldende)
    return _vis_steg(request, vurdering, gjeldende)


@login_required
@require_GET
def fortsett(request, pk: int):
    """Søkeren fortsetter i første steg som ikke er fullført (oppsummeringen når alle er det)."""
    vurdering = _egen(request, pk)
    if vurdering.status not in REDIGERBARE:
        return redirect("vurdering:detalj", pk=vurdering.pk)
    uferdig = next((status.steg for status in steg_kontroll(vurdering) if not status.fullfort), STEG[-1])
    return redirect("vurdering:steg", pk=vurdering.pk, steg=uferdig.slug)


def _vis_steg(request, vurdering: Vurdering, gjeldende, skjema=None, melding: str = ""):
    """Renders a step; a step already answered with errors shows what is wrong at once."""
    statuser = steg_kontroll(vurdering)
    if skjema is None:
        if next(s for s in statuser if s.steg == gjeldende).tilstand == "feil":
            skjema = steg_skjema(gjeldende, vurdering, data_fra_utkast(gjeldende, vurdering))
            skjema.is_valid()
        else:
            skjema = steg_skjema(gjeldende, vurdering)
    kontekst = _steg_kontekst(vurdering, gjeldende, statuser)
    kontekst.update({"skjema": skjema, "melding": melding})
    return render(request, "vurdering/steg.html", kontekst)


def _lagre_steg(request, vurdering: Vurdering, gjeldende):
    """Saves what may be stored, then goes where the pressed button says; nothing typed is lost."""
    lagring = steg_skjema(gjeldende, vurdering, request.POST, streng=False)
    skjema = steg_skjema(gjeldende, vurdering, request.POST)
    if not lagring.is_valid():
        skjema.is_valid()
        melding = _("Svarene ble ikke lagret. Rett opp feilene nedenfor og prøv igjen.")
        return _vis_steg(request, vurdering, gjeldende, skjema, melding)
    # Nothing typed on a step that has nothing saved: there is nothing to save.
    tomt = not any(_besvart(verdi) for verdi in lagring.svar().values()) and not data_fra_utkast(
        gjeldende, vurdering
    )
    if not tomt:
        try:
            vurdering = vurdering_lagre_steg(
                vurdering=vurdering, av=request.user, steg=gjeldende, svar=lagring.svar()
            )
        except ValidationError as feil:
            messages.error(request, " ".join(feil.messages))
            return redirect("vurdering:detalj", pk=vurdering.pk)
    forrige, neste = _naboer(gjeldende)
    handling = request.POST.get("handling")
    if handling == "lagre":
        if tomt:
            messages.info(
                request,
                _("Ingen svar å lagre ennå. Du finner søknaden under «Mine søknader» når du vil fortsette."),
            )
        else:
            messages.success(
                request,
                _("Svarene er lagret. Du finner søknaden under «Mine søknader» når du vil fortsette."),
            )
        return redirect("vurdering:liste")
    if handling == "forrige" and forrige:
        return redirect("vurdering:steg", pk=vurdering.pk, steg=forrige.slug)
    if skjema.is_valid():
        return redirect("vurdering:steg", pk=vurdering.pk, steg=neste.slug)
    if tomt:
        melding = _(
            "Ingen svar å lagre ennå. Fyll ut spørsmålene nedenfor, "
            "eller gå til et annet steg og kom tilbake senere."
        )
    else:
        melding = _(
            "Svarene er lagret, men steget er ikke fullført. Rett opp det som mangler nedenfor, "
            "eller gå til et annet steg og kom tilbake senere."
        )
    return _vis_steg(request, vurdering, gjeldende, skjema, melding)


def _besvart(verdi) -> bool:
    """Whether a cleaned answer holds anything (0 is an answer; empty text, None, False and {} are not)."""
    return verdi is not None and verdi is not False and verdi not in ("", {}, [])


def _oppsummering(request, vurdering: Vurdering, gjeldende):
    """Step 8: every answer with a link to change it; POST sends the application in."""
    if request.method == "POST":
        try:
            vurdering_send_inn(vurdering=vurdering, av=request.user)
        except ValidationError as feil:
            if getattr(feil, "code", None) == "allerede_sendt_inn":
                messages.info(request, FEIL_ALLEREDE_SENDT_INN)
                return redirect("vurdering:detalj", pk=vurdering.pk)
            messages.error(request, " ".join(feil.messages))
            return redirect("vurdering:steg", pk=vurdering.pk, steg=gjeldende.slug)
        return redirect("vurdering:kvittering", pk=vurdering.pk)
    statuser = steg_kontroll(vurdering)
    kontekst = _steg_kontekst(vurdering, gjeldende, statuser)
    kontekst["svar"] = [
        (steg_, svar, status)
        for (steg_, svar), status in zip(vurdering.svar_per_steg(), statuser, strict=True)
    ]
    kontekst["klar"] = all(status.fullfort for status in statuser)
    return render(request, "vurdering/oppsummering.html", kontekst)


@login_required
@require_GET
def kvittering(request, pk: int):
    """Søkerens kvittering for en innsendt søknad, med referansen."""
    vurdering = _egen(request, pk)
    if vurdering.status != Vurdering.Status.SENDT_INN:
        return redirect("vurdering:detalj", pk=vurdering.pk)
    return render(request, "vurdering/kvittering.html", {"vurdering": vurdering})


@login_required
@require_GET
def detalj(request, pk: int):
    """Én søknad med svar, statushistorikk og beslutning; for søkeren, rådgivere og ledelsen."""
    vurdering = get_object_or_404(synlige_vurderinger(request.user), pk=pk)
    er_soker = vurdering.innsender_id == request.user.pk
    return render(
        request,
        "vurdering/detalj.html",
        {
            "vurdering": vurdering,
            "svar": vurdering.svar_per_steg(),
            "historikk": statushistorikk(vurdering),
            "er_soker": er_soker,
            "risikogrunner": risikogrunner(vurdering),
            "venter_pa_personvernombudet": venter_pa_personvernombudet(vurdering),
            "kan_uttale": roller_for(request.user).personvernombud
            and vurdering.status == Vurdering.Status.SENDT_INN
            and not er_soker,
            "kan_endre": er_soker and vurdering.status in REDIGERBARE,
            "kan_trekke": er_soker and vurdering.status in TREKKBARE,
            "forste_steg": UTFYLLINGSSTEG[0],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def trekk(request, pk: int):
    """Søkeren trekker sin egen søknad etter å ha bekreftet det (GET spør, POST trekker)."""
    vurdering = _egen(request, pk)
    if request.method == "POST":
        try:
            vurdering_trekk(vurdering=vurdering, av=request.user)
        except ValidationError as feil:
            messages.error(request, " ".join(feil.messages))
        else:
            messages.success(request, _("Søknaden er trukket."))
        return redirect("vurdering:detalj", pk=vurdering.pk)
    if vurdering.status not in TREKKBARE:
        messages.warning(
            request,
            _("Søknaden kan ikke trekkes fordi den er %(status)s.")
            % {"status": vurdering.get_status_display().lower()},
        )
        return redirect("vurdering:detalj", pk=vurdering.pk)
    return render(request, "vurdering/trekk.html", {"vurdering": vurdering})


def _krev_personvernombud(request) -> None:
    if not roller_for(request.user).personvernombud:
        raise PermissionDenied


@login_required
@require_GET
def personvernombud(request):
    """Personvernombudet ser søknadene med høy personvernrisiko som venter på uttalelse."""
    _krev_personvernombud(request)
    return render(request, "vurdering/personvernombud.html", til_personvernombudet())


@login_required
@require_http_methods(["GET", "POST"])
def uttalelse(request, pk: int):
    """Personvernombudet gir sin uttalelse om en innsendt søknad (GET viser søknaden og skjemaet)."""
    _krev_personvernombud(request)
    vurdering = get_object_or_404(synlige_vurderinger(request.user), pk=pk)
    if request.method == "POST":
        skjema = UttalelseForm(request.POST)
        if skjema.is_valid():
            try:
                vurdering_gi_uttalelse(vurdering=vurdering, av=request.user, **skjema.cleaned_data)
            except ValidationError as feil:
                legg_til_feil(skjema, feil)
            else:
                messages.success(
                    request,
                    _("Uttalelsen om %(ref)s er lagret. Kommunikasjonsrådgiverne har fått beskjed.")
                    % {"ref": vurdering.referanse},
                )
                return redirect("vurdering:personvernombud")
    else:
        initial = {}
        if vurdering.uttalelse:
            initial = {
                "uttalelse": vurdering.uttalelse,
                "vilkar": vurdering.uttalelse_vilkar,
                "begrunnelse": vurdering.uttalelse_begrunnelse,
            }
        skjema = UttalelseForm(initial=initial)
    return render(
        request,
        "vurdering/uttalelse.html",
        {
            "vurdering": vurdering,
            "skjema": skjema,
            "svar": vurdering.svar_per_steg(),
            "risikogrunner": risikogrunner(vurdering),
            "kan_uttale": vurdering.status == Vurdering.Status.SENDT_INN
            and vurdering.innsender_id != request.user.pk,
        },
    )
