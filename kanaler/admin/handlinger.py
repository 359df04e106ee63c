"""Bulk actions on the admin's channel list: all selected channels changed, or none."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..services.register import HINDRINGER, kanal_aktiver, kanal_bekreft_administrator, kanal_legg_ned
from .felles import bekreftelsesside, feiltekst
from .skjema import BegrunnelseForm


class HandlingerMixin:
    """KanalAdmin's bulk actions; each calls one service per channel in one transaction."""

    actions = ["bekreft_administrator_valgte", "aktiver_valgte", "legg_ned_valgte"]

    def _hindret(self, request, kanaler, regel) -> list:
        """The selected channels the action's rule refuses, each with .hindring (its reason)."""
        hindret = []
        for kanal in kanaler:
            kanal.hindring = regel(kanal=kanal, av=request.user)
            if kanal.hindring:
                hindret.append(kanal)
        return hindret

    def _for_alle(self, request, queryset, tjeneste, vellykket, **kwargs) -> None:
        hindret = self._hindret(request, queryset, HINDRINGER[tjeneste])
        if hindret:
            grunner = " ".join(f"{kanal.navn}: {kanal.hindring}" for kanal in hindret)
            self.message_user(request, _("Ingen kanaler ble endret. %s") % grunner, messages.ERROR)
            return
        try:
            with transaction.atomic():
                for kanal in queryset:
                    try:
                        tjeneste(kanal=kanal, av=request.user, **kwargs)
                    except ValidationError as feil:
                        raise ValidationError(f"{kanal.navn}: {feiltekst(feil)}") from feil
        except ValidationError as feil:
            self.message_user(request, _("Ingen kanaler ble endret. %s") % feiltekst(feil), messages.ERROR)
        else:
            antall = queryset.count()
            self.message_user(request, vellykket % {"antall": antall})

    @admin.action(
        description=_("Bekreft administratorrettigheter for valgte kanaler"), permissions=["change"]
    )
    def bekreft_administrator_valgte(self, request, queryset):
        self._for_alle(
            request,
            queryset,
            kanal_bekreft_administrator,
            vellykket=ngettext_lazy(
                "Administratorrettigheter bekreftet for %(antall)s kanal.",
                "Administratorrettigheter bekreftet for %(antall)s kanaler.",
                "antall",
            ),
        )

    @admin.action(description=_("Aktiver valgte kanaler (med lagret adresse)"), permissions=["change"])
    def aktiver_valgte(self, request, queryset):
        self._for_alle(
            request,
            queryset,
            kanal_aktiver,
            vellykket=ngettext_lazy(
                "%(antall)s kanal er aktivert.", "%(antall)s kanaler er aktivert.", "antall"
            ),
        )

    @admin.action(description=_("Legg ned valgte kanaler …"), permissions=["change"])
    def legg_ned_valgte(self, request, queryset):
        kanaler = list(queryset.select_related("virksomhet"))
        hindret = self._hindret(request, kanaler, HINDRINGER[kanal_legg_ned])
        skjema = BegrunnelseForm(request.POST if "bekreft" in request.POST else None)
        if "bekreft" in request.POST and not hindret and skjema.is_valid():
            self._for_alle(
                request,
                queryset,
                kanal_legg_ned,
                vellykket=ngettext_lazy(
                    "%(antall)s kanal er lagt ned.", "%(antall)s kanaler er lagt ned.", "antall"
                ),
                begrunnelse=skjema.cleaned_data["begrunnelse"],
            )
            return None
        return bekreftelsesside(
            self,
            request,
            objekt=None,
            tittel=_("Legg ned valgte kanaler"),
            tekst=_("Disse kanalene blir markert som nedlagt. Ansvarlige og stedfortredere får beskjed."),
            knapp=_("Legg ned"),
            skjema=None if hindret else skjema,
            hindring=_("Ikke alle de valgte kanalene kan legges ned. Velg bare kanaler som ikke er lagt ned.")
            if hindret
            else None,
            tilbake_url=reverse("admin:kanaler_kanal_changelist"),
            kanaler=kanaler,
            handling="legg_ned_valgte",
            valgte=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        )
