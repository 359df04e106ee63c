"""Follow-up by the responsible person or deputy: my channels, activity confirmed, the yearly review."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import BekreftAktivitetForm, GjennomgangForm, legg_til_feil
from ..models import Kanal
from ..selectors.oppfolging import min_kanal, mine_kanaler
from ..services.oppfolging import kanal_bekreft_aktivitet, kanal_gjennomgang


def _vis_mine(request, *, ugyldig: BekreftAktivitetForm | None = None):
    kanaler = mine_kanaler(request.user)
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
    kanal = min_kanal(request.user, pk)
    skjema = BekreftAktivitetForm(request.POST, kanal=kanal)
    if skjema.is_valid():
        try:
            kanal_bekreft_aktivitet(
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
    kanal = min_kanal(request.user, pk)
    skjema = GjennomgangForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and skjema.is_valid():
        try:
            resultat = kanal_gjennomgang(kanal=kanal, av=request.user, **skjema.cleaned_data)
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            melding = _("Gjennomgangen av «%(kanal)s» er registrert. Neste gjennomgang er %(dato)s.") % {
                "kanal": kanal.navn,
                "dato": f"{resultat.kanal.neste_gjennomgang:%d.%m.%Y}",
            }
            if not resultat.fortsatt_behov:
                melding += " " + _("Kommunikasjonsrådgiver har fått beskjed om å legge ned kanalen.")
            elif resultat.trenger_oppfolging:
                melding += " " + _("Kommunikasjonsrådgiver har fått beskjed og tar kontakt.")
            messages.success(request, melding)
            return redirect("kanaler:mine")
    return render(request, "kanaler/gjennomgang.html", {"kanal": kanal, "skjema": skjema})
