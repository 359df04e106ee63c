"""Incidents on a channel's admin page: mark it compromised, tick the runbook, end the incident."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..forms import legg_til_feil
from ..models import Hendelse, Hendelsespunkt, Kanal
from ..selectors.hendelser import apen_hendelse, meldefrist, sjekkliste
from ..services.hendelser import hendelse_apne, hendelse_avslutt, hendelse_kryss_av
from .felles import Handling, KunLesbarAdmin, begrunnelsesfelt, bekreftelsesside, feiltekst


class KompromittertForm(forms.Form):
    beskrivelse = begrunnelsesfelt(
        etikett=_("Hva skjedde"),
        hjelp=_(
            "Påkrevd. Sendes til ansvarlig, stedfortreder og kommunikasjonsrådgiverne. Vises ikke offentlig."
        ),
    )
    oppdaget = forms.DateTimeField(
        label=_("Oppdaget"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("Når kommunen oppdaget det. Tom: nå."),
        error_messages={
            "invalid": _("Skriv tidspunktet som dato og klokkeslett, for eksempel 01.12.2026 14:30.")
        },
    )


class OppsummeringForm(forms.Form):
    oppsummering = begrunnelsesfelt(
        etikett=_("Oppsummering"),
        hjelp=_("Påkrevd. Hva skjedde, hva ble gjort, og hva kommunen lærte. Lagres i kanalens historikk."),
    )


class HendelseMixin:
    """KanalAdmin's incident buttons and runbook; each calls one service in kanaler.services.hendelser."""

    def hendelse_handlinger(self, request, kanal, hendelse) -> list[Handling]:
        """«Marker som kompromittert» on an active channel, «Avslutt hendelsen» while an incident is open."""
        if not self.has_change_permission(request, kanal) or kanal.status != Kanal.Status.AKTIV:
            return []
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        if hendelse is None:
            url = reverse(f"admin:{info}_kompromittert", args=[kanal.pk])
            return [Handling(tekst=_("Marker som kompromittert"), url=url)]
        url = reverse(f"admin:{info}_avslutt_hendelse", args=[kanal.pk])
        return [Handling(tekst=_("Avslutt hendelsen"), url=url)]

    def hendelse_kontekst(self, request, kanal) -> dict:
        hendelse = apen_hendelse(kanal)
        return {
            "hendelse": hendelse,
            "meldefrist": meldefrist(hendelse) if hendelse else None,
            "sjekkliste": sjekkliste(hendelse) if hendelse else [],
            "kryss_av_url": reverse("admin:kanaler_kanal_kryss_av", args=[kanal.pk]) if hendelse else "",
        }

    def _hendelsesside(self, request, kanal, **kontekst):
        tilbake = reverse("admin:kanaler_kanal_change", args=[kanal.pk])
        return bekreftelsesside(self, request, objekt=kanal, tilbake_url=tilbake, **kontekst)

    def hendelse_urls(self) -> list:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        vis = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/kompromittert/", vis(self.kompromittert_view), name=f"{info}_kompromittert"
            ),
            path("<path:object_id>/sjekkliste/", vis(self.kryss_av_view), name=f"{info}_kryss_av"),
            path(
                "<path:object_id>/avslutt-hendelse/",
                vis(self.avslutt_hendelse_view),
                name=f"{info}_avslutt_hendelse",
            ),
        ]

    def kompromittert_view(self, request, object_id):
        """Kommunikasjonsrådgiver markerer en aktiv kanal som kompromittert."""
        kanal = self._kanal_for_knapp(request, object_id)
        skjema = KompromittertForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and skjema.is_valid():
            try:
                hendelse_apne(
                    kanal=kanal,
                    av=request.user,
                    beskrivelse=skjema.cleaned_data["beskrivelse"],
                    oppdaget=skjema.cleaned_data["oppdaget"],
                )
            except ValidationError as feil:
                if not hasattr(feil, "error_dict"):
                    self.message_user(request, feiltekst(feil), messages.ERROR)
                    return self._til_kanalen(kanal)
                legg_til_feil(skjema, feil)
            else:
                self.message_user(
                    request,
                    _("«%s» er markert som kompromittert. Følg sjekklisten på kanalens side.") % kanal.navn,
                )
                return self._til_kanalen(kanal)
        return self._hendelsesside(
            request,
            kanal,
            tittel=_("Marker kanalen som kompromittert"),
            tekst=_(
                "Kanalen «%s» forblir aktiv og kommunens, men den offentlige oversikten og API-et advarer "
                "innbyggerne om at kontoen ikke er under kommunens kontroll. Ansvarlig, stedfortreder og "
                "kommunikasjonsrådgiverne får e-post."
            )
            % kanal.navn,
            knapp=_("Marker som kompromittert"),
            skjema=skjema,
        )

    def kryss_av_view(self, request, object_id):
        """Kommunikasjonsrådgiver krysser av ett punkt i sjekklisten (bare POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        kanal = self._kanal_for_knapp(request, object_id)
        hendelse = apen_hendelse(kanal)
        punkt = request.POST.get("punkt", "")
        if hendelse is None:
            self.message_user(request, _("Kanalen har ingen pågående hendelse."), messages.ERROR)
            return self._til_kanalen(kanal)
        try:
            utfort = hendelse_kryss_av(hendelse=hendelse, av=request.user, punkt=punkt)
        except ValidationError as feil:
            self.message_user(request, feiltekst(feil), messages.ERROR)
        else:
            self.message_user(request, _("Krysset av: %s.") % utfort.get_punkt_display())
        return self._til_kanalen(kanal)

    def avslutt_hendelse_view(self, request, object_id):
        """Kommunikasjonsrådgiver avslutter hendelsen med en oppsummering."""
        kanal = self._kanal_for_knapp(request, object_id)
        hendelse = apen_hendelse(kanal)
        if hendelse is None:
            self.message_user(request, _("Kanalen har ingen pågående hendelse."), messages.ERROR)
            return self._til_kanalen(kanal)
        skjema = OppsummeringForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and skjema.is_valid():
            try:
                hendelse_avslutt(
                    hendelse=hendelse, av=request.user, oppsummering=skjema.cleaned_data["oppsummering"]
                )
            except ValidationError as feil:
                legg_til_feil(skjema, feil)
            else:
                self.message_user(request, _("Hendelsen på «%s» er avsluttet.") % kanal.navn)
                return self._til_kanalen(kanal)
        return self._hendelsesside(
            request,
            kanal,
            tittel=_("Avslutt hendelsen"),
            tekst=_(
                "Advarselen fjernes fra den offentlige oversikten og API-et. Hendelsen, sjekklisten og "
                "oppsummeringen blir stående i kanalens historikk."
            ),
            knapp=_("Avslutt hendelsen"),
            skjema=skjema,
        )


class PunktInline(admin.TabularInline):
    model = Hendelsespunkt
    fields = ["punkt", "utfort", "utfort_av"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Hendelse)
class HendelseAdmin(KunLesbarAdmin):
    """Every incident, open and ended, read-only: they are opened and ended on the channel's page."""

    list_display = ["kanal", "oppdaget", "avsluttet", "apnet_av", "avsluttet_av"]
    list_filter = [("avsluttet", admin.EmptyFieldListFilter)]
    list_select_related = ["kanal", "apnet_av", "avsluttet_av"]
    search_fields = ["kanal__navn", "kanal__url"]
    date_hierarchy = "oppdaget"
    fields = [
        "kanal",
        "beskrivelse",
        "oppdaget",
        "apnet",
        "apnet_av",
        "avsluttet",
        "avsluttet_av",
        "oppsummering",
    ]
    readonly_fields = fields
    inlines = [PunktInline]
