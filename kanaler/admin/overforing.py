"""The handover in the admin: every channel of one person moved to another in one step."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..forms import legg_til_feil
from ..models import Kanal
from ..personer import personnavn
from ..roller import roller_for
from ..services.overforing import kanal_overfor, plattformroller_for
from .skjema import OverforingForm


def overfor_kanaler(request, modeladmin):
    """Kommunikasjonsrådgiver flytter alle kanalene til én person over til en annen."""
    if not roller_for(request.user).radgiver:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    vis_roller = request.method == "POST" and "vis_roller" in request.POST
    if vis_roller:
        # Only shows the chosen person's roles: what was typed stays, nothing is checked yet.
        skjema = OverforingForm(initial={navn: request.POST.get(navn) for navn in OverforingForm.base_fields})
    else:
        skjema = OverforingForm(data, initial={"fra": request.GET.get("fra")})
    if request.method == "POST" and not vis_roller and skjema.is_valid():
        try:
            resultat = kanal_overfor(av=request.user, **skjema.cleaned_data)
        except ValidationError as feil:
            legg_til_feil(skjema, feil)
        else:
            til = skjema.cleaned_data["til"]
            messages.success(
                request,
                ngettext(
                    "%(antall)s kanal er overført til %(til)s: %(kanaler)s.",
                    "%(antall)s kanaler er overført til %(til)s: %(kanaler)s.",
                    len(resultat.flyttet),
                )
                % {
                    "antall": len(resultat.flyttet),
                    "til": personnavn(til),
                    "kanaler": ", ".join(kanal.navn for kanal in resultat.flyttet),
                },
            )
            if resultat.stedfortreder_fjernet:
                messages.warning(
                    request,
                    _(
                        "%(til)s var allerede med i disse kanalene og kan ikke være både ansvarlig og "
                        "stedfortreder. Stedfortreder er fjernet; velg en ny: %(kanaler)s."
                    )
                    % {
                        "til": personnavn(til),
                        "kanaler": ", ".join(kanal.navn for kanal in resultat.stedfortreder_fjernet),
                    },
                )
            if resultat.roller_flyttet:
                messages.info(
                    request,
                    _("Rollene på plattformene er flyttet til %(til)s: %(roller)s. Bekreft tofaktor for dem.")
                    % {
                        "til": personnavn(til),
                        "roller": ", ".join(
                            f"{tilgang.get_rolle_display()} i {tilgang.kanal.navn}"
                            for tilgang in resultat.roller_flyttet
                        ),
                    },
                )
            return redirect("admin:kanaler_kanal_changelist")
    kontekst = {
        **modeladmin.admin_site.each_context(request),
        "opts": Kanal._meta,
        "title": _("Overfør kanaler"),
        "skjema": skjema,
        "roller": _roller_for_valgt(skjema),
    }
    return TemplateResponse(request, "admin/kanaler/overforing.html", kontekst)


def _roller_for_valgt(skjema: OverforingForm):
    """The platform roles of the person chosen under «Fra», or None while nobody is chosen."""
    verdi = skjema["fra"].value()
    try:
        fra = skjema.fields["fra"].queryset.filter(pk=int(verdi)).first() if verdi else None
    except (TypeError, ValueError):
        fra = None
    return None if fra is None else list(plattformroller_for(fra))
