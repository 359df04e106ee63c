"""The adviser's handover of channels (overføring) and the follow-up records in the admin."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .forms import OverforingForm, legg_til_feil
from .models import Aktivitetsbekreftelse, Gjennomgang, Kanal, Paminnelse
from .personer import personnavn
from .roller import roller_for
from .selectors import q_ansvarlig_deaktivert
from .services import kanal_overfor


class AnsvarligDeaktivertFilter(admin.SimpleListFilter):
    title = gettext_lazy("ansvarlig deaktivert")
    parameter_name = "ansvarlig_deaktivert"

    def lookups(self, request, model_admin):
        return [("ja", gettext_lazy("Ansvarlig er deaktivert"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(q_ansvarlig_deaktivert())
        return queryset


def overfor_kanaler(request, modeladmin):
    """Kommunikasjonsrådgiver flytter alle kanalene til én person over til en annen."""
    if not roller_for(request.user).radgiver:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    skjema = OverforingForm(data, initial={"fra": request.GET.get("fra")})
    if request.method == "POST" and skjema.is_valid():
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
            return redirect("admin:kanaler_kanal_changelist")
    kontekst = {
        **modeladmin.admin_site.each_context(request),
        "opts": Kanal._meta,
        "title": _("Overfør kanaler"),
        "skjema": skjema,
    }
    return TemplateResponse(request, "admin/kanaler/overforing.html", kontekst)


class KunLesbarAdmin(admin.ModelAdmin):
    """Records written by services and the daily check; the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Paminnelse)
class PaminnelseAdmin(KunLesbarAdmin):
    list_display = ["sendt", "type", "kanal", "mottakere"]
    list_filter = ["type"]
    list_select_related = ["kanal"]
    search_fields = ["kanal__navn", "mottakere"]
    date_hierarchy = "sendt"


@admin.register(Aktivitetsbekreftelse)
class AktivitetsbekreftelseAdmin(KunLesbarAdmin):
    list_display = ["opprettet", "kanal", "siste_innlegg", "bekreftet_av", "merknad"]
    list_select_related = ["kanal", "bekreftet_av"]
    search_fields = ["kanal__navn"]
    date_hierarchy = "opprettet"


@admin.register(Gjennomgang)
class GjennomgangAdmin(KunLesbarAdmin):
    list_display = ["opprettet", "kanal", "utfort_av", "fortsatt_behov", "formal_gyldig", "ressurser_finnes"]
    list_filter = ["fortsatt_behov", "formal_gyldig", "personer_riktige", "ressurser_finnes"]
    list_select_related = ["kanal", "utfort_av"]
    search_fields = ["kanal__navn"]
    date_hierarchy = "opprettet"
