"""The buttons on a channel's admin page: confirm admin rights, activate, close, each with a confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..models import Kanal
from ..services.register import FORBI, HINDRINGER, kanal_aktiver, kanal_bekreft_administrator, kanal_legg_ned
from .felles import Handling, bekreftelsesside, feiltekst, objekt_eller_404
from .skjema import AktiverForm, BegrunnelseForm


class KnapperMixin:
    """KanalAdmin's buttons; each calls one service."""

    HANDLINGER = (
        (_("Bekreft administratorrettigheter"), "bekreft_admin", kanal_bekreft_administrator),
        (_("Aktiver"), "aktiver", kanal_aktiver),
        (_("Legg ned"), "legg_ned", kanal_legg_ned),
    )

    def _handlinger(self, request, kanal) -> list[Handling]:
        """The channel's buttons, each with its rule's reason if unavailable; those it is past left out."""
        if not self.has_change_permission(request, kanal):
            return []
        info = f"{kanal._meta.app_label}_{kanal._meta.model_name}"
        handlinger = []
        for tekst, navn, tjeneste in self.HANDLINGER:
            hindring = HINDRINGER[tjeneste](kanal=kanal, av=request.user)
            if hindring not in FORBI:
                url = reverse(f"admin:{info}_{navn}", args=[kanal.pk])
                handlinger.append(Handling(tekst=tekst, url=url, hindring=hindring))
        return handlinger

    def knapp_urls(self) -> list:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        vis = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/bekreft-administrator/",
                vis(self.bekreft_admin_view),
                name=f"{info}_bekreft_admin",
            ),
            path("<path:object_id>/aktiver/", vis(self.aktiver_view), name=f"{info}_aktiver"),
            path("<path:object_id>/legg-ned/", vis(self.legg_ned_view), name=f"{info}_legg_ned"),
        ]

    def _kanal_for_knapp(self, request, object_id) -> Kanal:
        kanal = objekt_eller_404(Kanal.objects.select_related("virksomhet"), object_id)
        if not self.has_change_permission(request, kanal):
            raise PermissionDenied
        return kanal

    def _bekreftelsesside(self, request, kanal, *, tjeneste, skjema=None, **kontekst):
        """The confirmation page, or the rule's reason instead of the form when the action is unavailable."""
        tilbake = reverse("admin:kanaler_kanal_change", args=[kanal.pk])
        hindring = HINDRINGER[tjeneste](kanal=kanal, av=request.user)
        return bekreftelsesside(
            self,
            request,
            objekt=kanal,
            tilbake_url=tilbake,
            hindring=hindring,
            skjema=None if hindring else skjema,
            **kontekst,
        )

    def _til_kanalen(self, kanal):
        return HttpResponseRedirect(reverse("admin:kanaler_kanal_change", args=[kanal.pk]))

    def bekreft_admin_view(self, request, object_id):
        """Kommunikasjonsrådgiver bekrefter administratorrettighetene på én kanal."""
        kanal = self._kanal_for_knapp(request, object_id)
        if request.method == "POST":
            try:
                kanal_bekreft_administrator(kanal=kanal, av=request.user)
            except ValidationError as feil:
                self.message_user(request, feiltekst(feil), messages.ERROR)
            else:
                self.message_user(request, _("Administratorrettighetene for «%s» er bekreftet.") % kanal.navn)
            return self._til_kanalen(kanal)
        return self._bekreftelsesside(
            request,
            kanal,
            tjeneste=kanal_bekreft_administrator,
            tittel=_("Bekreft administratorrettigheter"),
            tekst=_("Bekreft at kommunikasjonsrådgiver har administratorrettigheter på kanalen «%s».")
            % kanal.navn,
            knapp=_("Bekreft administratorrettigheter"),
        )

    def aktiver_view(self, request, object_id):
        """Kommunikasjonsrådgiver aktiverer én kanal under opprettelse med adressen."""
        kanal = self._kanal_for_knapp(request, object_id)
        skjema = AktiverForm(request.POST if request.method == "POST" else None, initial={"url": kanal.url})
        if request.method == "POST" and skjema.is_valid():
            try:
                kanal_aktiver(kanal=kanal, av=request.user, url=skjema.cleaned_data["url"])
            except ValidationError as feil:
                self.message_user(request, feiltekst(feil), messages.ERROR)
                if hasattr(feil, "error_dict") and "url" in feil.error_dict:
                    skjema.add_error("url", feil.error_dict["url"])
            else:
                self.message_user(request, _("Kanalen «%s» er aktivert.") % kanal.navn)
                return self._til_kanalen(kanal)
        return self._bekreftelsesside(
            request,
            kanal,
            tjeneste=kanal_aktiver,
            tittel=_("Aktiver kanalen"),
            tekst=_(
                "Kanalen blir aktiv og vises i kommunens offisielle oversikt. Adressen må være den "
                "publiserte kanalen, og administratorrettighetene må være bekreftet."
            ),
            knapp=_("Aktiver"),
            skjema=skjema,
        )

    def legg_ned_view(self, request, object_id):
        """Kommunikasjonsrådgiver legger ned én kanal med begrunnelse."""
        kanal = self._kanal_for_knapp(request, object_id)
        skjema = BegrunnelseForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and skjema.is_valid():
            try:
                kanal_legg_ned(kanal=kanal, av=request.user, begrunnelse=skjema.cleaned_data["begrunnelse"])
            except ValidationError as feil:
                self.message_user(request, feiltekst(feil), messages.ERROR)
            else:
                self.message_user(request, _("Kanalen «%s» er lagt ned.") % kanal.navn)
                return self._til_kanalen(kanal)
        return self._bekreftelsesside(
            request,
            kanal,
            tjeneste=kanal_legg_ned,
            tittel=_("Legg ned kanalen"),
            tekst=_(
                "Kanalen «%s» blir markert som nedlagt og fjernet fra den offentlige oversikten. "
                "Ansvarlig og stedfortreder får beskjed med begrunnelsen."
            )
            % kanal.navn,
            knapp=_("Legg ned"),
            skjema=skjema,
        )
