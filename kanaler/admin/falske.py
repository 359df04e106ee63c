"""The queue of reported fake accounts: new, confirmed fake, not a problem; each decision one service."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..forms import legg_til_feil
from ..models import FalskKonto
from ..services.falske import falsk_konto_avvis, falsk_konto_bekreft
from .felles import KunLesbarAdmin, begrunnelsesfelt, bekreftelsesside, objekt_eller_404


class BekreftFalskForm(forms.Form):
    meldt_til_plattformen = forms.DateField(
        label=_("Meldt til plattformen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Datoen kommunen meldte kontoen til plattformen. Vises offentlig. Tom: ikke meldt ennå."),
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå.")},
    )
    merknad = begrunnelsesfelt(etikett=_("Merknad"), hjelp=_("Valgfri. Bare i arbeidsflaten."), pakrevd=False)


class AvvisForm(forms.Form):
    merknad = begrunnelsesfelt(etikett=_("Merknad"), hjelp=_("Valgfri. Bare i arbeidsflaten."), pakrevd=False)


@admin.register(FalskKonto)
class FalskKontoAdmin(KunLesbarAdmin):
    """Residents' reports; the adviser decides with the buttons on each report."""

    list_display = [
        "url",
        "plattform",
        "antall",
        "forst_meldt",
        "sist_meldt",
        "status",
        "meldt_til_plattformen",
    ]
    list_filter = ["status", "plattform"]
    search_fields = ["url"]
    date_hierarchy = "forst_meldt"
    fields = [
        "url",
        "plattform",
        "beskrivelse",
        "antall",
        "forst_meldt",
        "sist_meldt",
        "status",
        "behandlet",
        "behandlet_av",
        "meldt_til_plattformen",
        "merknad",
    ]
    readonly_fields = fields
    change_form_template = "admin/kanaler/falskkonto/change_form.html"

    def get_urls(self):
        vis = self.admin_site.admin_view
        return [
            path("<path:object_id>/bekreft/", vis(self.bekreft_view), name="kanaler_falskkonto_bekreft"),
            path("<path:object_id>/avvis/", vis(self.avvis_view), name="kanaler_falskkonto_avvis"),
            *super().get_urls(),
        ]

    def _knapper(self, melding) -> list[tuple[str, str]]:
        knapper = []
        if melding.status != FalskKonto.Status.BEKREFTET:
            knapper.append(
                (_("Bekreft falsk"), reverse("admin:kanaler_falskkonto_bekreft", args=[melding.pk]))
            )
        if melding.status != FalskKonto.Status.IKKE_PROBLEM:
            knapper.append(
                (_("Ikke et problem"), reverse("admin:kanaler_falskkonto_avvis", args=[melding.pk]))
            )
        return knapper

    def change_view(self, request, object_id, form_url="", extra_context=None):
        melding = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "knapper": self._knapper(melding) if melding else []}
        return super().change_view(request, object_id, form_url, extra_context)

    def _melding(self, request, object_id) -> FalskKonto:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return objekt_eller_404(FalskKonto.objects.all(), object_id)

    def _beslutning(self, request, object_id, *, skjemaklasse, tjeneste, tittel, tekst, knapp, ferdig):
        melding = self._melding(request, object_id)
        skjema = skjemaklasse(request.POST if request.method == "POST" else None)
        tilbake = reverse("admin:kanaler_falskkonto_change", args=[melding.pk])
        if request.method == "POST" and skjema.is_valid():
            try:
                tjeneste(melding=melding, av=request.user, **skjema.cleaned_data)
            except ValidationError as feil:
                legg_til_feil(skjema, feil)
            else:
                self.message_user(request, ferdig % melding.url, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:kanaler_falskkonto_changelist") + "?status__exact=ny"
                )
        return bekreftelsesside(
            self,
            request,
            objekt=melding,
            tittel=tittel,
            tekst=tekst,
            knapp=knapp,
            tilbake_url=tilbake,
            skjema=skjema,
        )

    def bekreft_view(self, request, object_id):
        """Kommunikasjonsrådgiver bekrefter at kontoen er falsk."""
        return self._beslutning(
            request,
            object_id,
            skjemaklasse=BekreftFalskForm,
            tjeneste=falsk_konto_bekreft,
            tittel=_("Bekreft at kontoen er falsk"),
            tekst=_(
                "Sjekken av adressen sier med en gang at dette er en kjent falsk konto, og viser kommunens "
                "offisielle kanaler på samme plattform."
            ),
            knapp=_("Bekreft falsk"),
            ferdig=_("%s er bekreftet som falsk."),
        )

    def avvis_view(self, request, object_id):
        """Kommunikasjonsrådgiver avgjør at den meldte kontoen ikke er et problem."""
        return self._beslutning(
            request,
            object_id,
            skjemaklasse=AvvisForm,
            tjeneste=falsk_konto_avvis,
            tittel=_("Ikke et problem"),
            tekst=_(
                "Kontoen er ikke en falsk kommunekonto. Sjekken av adressen svarer som for andre adresser."
            ),
            knapp=_("Ikke et problem"),
            ferdig=_("%s er markert som ikke et problem."),
        )
