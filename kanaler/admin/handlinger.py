"""Bulk actions on the admin's channel list: all selected channels changed, or none."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..services.register import kanal_aktiver, kanal_bekreft_administrator, kanal_legg_ned
from .felles import bekreftelsesside, feiltekst
from .skjema import BegrunnelseForm


class HandlingerMixin:
    """KanalAdmin's bulk actions; each calls one service per channel in one transaction."""

    actions = ["bekreft_administrator_valgte", "aktiver_valgte", "legg_ned_valgte"]

    def _for_alle(self, request, queryset, tjeneste, vellykket, **kwargs) -> None:
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
            ngettext_lazy(
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
            ngettext_lazy("%(antall)s kanal er aktivert.", "%(antall)s kanaler er aktivert.", "antall"),
        )

    @admin.action(description=_("Legg ned valgte kanaler …"), permissions=["change"])
    def legg_ned_valgte(self, request, queryset):
        skjema = BegrunnelseForm(request.POST if "bekreft" in request.POST else None)
        if "bekreft" in request.POST and skjema.is_valid():
            self._for_alle(
                request,
                queryset,
                kanal_legg_ned,
                ngettext_lazy("%(antall)s kanal er lagt ned.", "%(antall)s kanaler er lagt ned.", "antall"),
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
            skjema=skjema,
            tilbake_url=reverse("admin:kanaler_kanal_changelist"),
            kanaler=list(queryset.select_related("virksomhet")),
            handling="legg_ned_valgte",
            valgte=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        )
