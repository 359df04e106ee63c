"""The access review page: who holds which role on the platform, kept and attested."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import EndreTilgangForm, TilgangForm, TilgangsgjennomgangForm, legg_til_feil
from ..models import Kanal
from ..selectors.oppfolging import kanal_for_tilganger, tilgang_for, tilganger_for
from ..services.tilgang import tilgang_bekreft, tilgang_endre, tilgang_fjern, tilgang_legg_til


def _vis(request, kanal: Kanal, *, ny=None, bekreft=None, endret=None):
    utvalg = tilganger_for(kanal)
    for tilgang in utvalg["gjeldende"]:
        if endret is not None and endret.tilgang.pk == tilgang.pk:
            tilgang.skjema = endret
        else:
            tilgang.skjema = EndreTilgangForm(tilgang=tilgang)
    kontekst = {
        "kanal": kanal,
        **utvalg,
        "ny": ny or TilgangForm(),
        "bekreft": bekreft or TilgangsgjennomgangForm(),
        "er_ansvarlig": kanal.ansvarlig_id == request.user.pk,
        "apen": kanal.status != Kanal.Status.NEDLAGT,
    }
    return render(request, "kanaler/tilganger.html", kontekst)


def _tilbake(kanal: Kanal):
    return redirect("kanaler:tilganger", pk=kanal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def tilganger(request, pk: int):
    """Kommunikasjonsrådgiver eller ansvarlig ser og fører rollelisten for plattformen (POST legger til)."""
    kanal = kanal_for_tilganger(request.user, pk)
    if request.method == "GET":
        return _vis(request, kanal)
    skjema = TilgangForm(request.POST)
    if skjema.is_valid():
        try:
            tilgang = tilgang_legg_til(kanal=kanal, av=request.user, **skjema.cleaned_data)
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            messages.success(
                request,
                _("%(person)s er lagt til som %(rolle)s.")
                % {"person": tilgang.person, "rolle": tilgang.get_rolle_display().lower()},
            )
            return _tilbake(kanal)
    return _vis(request, kanal, ny=skjema)


@login_required
@require_POST
def tilgang_endre_visning(request, pk: int):
    """Kommunikasjonsrådgiver eller ansvarlig endrer en persons rolle eller tofaktor."""
    tilgang = tilgang_for(request.user, pk)
    kanal = tilgang.kanal
    skjema = EndreTilgangForm(request.POST, tilgang=tilgang)
    if skjema.is_valid():
        try:
            tilgang_endre(tilgang=tilgang, av=request.user, **skjema.cleaned_data)
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            messages.success(request, _("Rollen til %(person)s er endret.") % {"person": tilgang.person})
            return _tilbake(kanal)
    for feil in skjema.non_field_errors():
        messages.error(request, feil)
    return _vis(request, kanal, endret=skjema)


@login_required
@require_POST
def tilgang_fjern_visning(request, pk: int):
    """Kommunikasjonsrådgiver eller ansvarlig registrerer at en person ikke lenger har rollen."""
    tilgang = tilgang_for(request.user, pk)
    try:
        tilgang_fjern(tilgang=tilgang, av=request.user)
    except ValidationError as feil:
        for melding in feil.messages:
            messages.error(request, melding)
    else:
        messages.success(request, _("%(person)s er tatt ut av listen.") % {"person": tilgang.person})
    return _tilbake(tilgang.kanal)


@login_required
@require_POST
def tilgang_bekreft_visning(request, pk: int):
    """Ansvarlig bekrefter at listen over roller på plattformen er riktig."""
    kanal = kanal_for_tilganger(request.user, pk)
    skjema = TilgangsgjennomgangForm(request.POST)
    if skjema.is_valid():
        try:
            resultat = tilgang_bekreft(kanal=kanal, av=request.user, merknad=skjema.cleaned_data["merknad"])
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            messages.success(
                request,
                _("Tilgangsgjennomgangen av «%(kanal)s» er registrert. Neste er %(dato)s.")
                % {"kanal": kanal.navn, "dato": f"{resultat.kanal.neste_tilgangsgjennomgang:%d.%m.%Y}"},
            )
            return redirect("kanaler:mine")
    return _vis(request, kanal, bekreft=skjema)
