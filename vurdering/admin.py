"""The adviser's workspace for applications: read the answers, then decide through one service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kanaler.admin.felles import (
    Handling,
    IngenSlettingMixin,
    begrunnelsesfelt,
    bekreftelsesside,
    feiltekst,
    handlinger_kontekst,
    objekt_eller_404,
)
from kanaler.personer import merk_personer, personnavn
from kanaler.roller import roller_for

from .arkiv.admin import ArkivAdminMixin, SaksnummerSkjema
from .models import Vurdering
from .selectors import INNSENDT
from .services import (
    vurdering_avslaa,
    vurdering_avslaa_hindring,
    vurdering_godkjenn,
    vurdering_godkjenn_hindring,
    vurdering_send_tilbake,
    vurdering_send_tilbake_hindring,
)

# The decisions' buttons: label, address name, and the rule that says why one is unavailable.
BESLUTNINGER = (
    (_("Godkjenn"), "godkjenn", vurdering_godkjenn_hindring),
    (_("Send tilbake"), "send_tilbake", vurdering_send_tilbake_hindring),
    (_("Avslå"), "avsla", vurdering_avslaa_hindring),
)


class VenterFilter(admin.SimpleListFilter):
    title = _("venter på beslutning")
    parameter_name = "venter"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(status=Vurdering.Status.SENDT_INN)
        return queryset


class KommentarForm(SaksnummerSkjema):
    kommentar = begrunnelsesfelt(
        etikett=_("Kommentar til søkeren"),
        hjelp=_("Påkrevd. Skriv hva søkeren må endre. Kommentaren sendes til søkeren på e-post."),
        rader=5,
    )


class AvslagForm(SaksnummerSkjema):
    begrunnelse = begrunnelsesfelt(
        etikett=_("Begrunnelse for avslaget"),
        hjelp=_("Påkrevd. Begrunnelsen sendes til søkeren på e-post og lagres med søknaden."),
        rader=5,
    )


class GodkjennForm(SaksnummerSkjema):
    kommentar = begrunnelsesfelt(etikett=_("Kommentar til søkeren (valgfritt)"), rader=3, pakrevd=False)


@admin.register(Vurdering)
class VurderingAdmin(ArkivAdminMixin, IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "status", "virksomhet", "plattform", "vis_innsender", "innsendt", "behandlet"]
    list_filter = [
        VenterFilter,
        "status",
        "plattform",
        ("virksomhet", admin.RelatedOnlyFieldListFilter),
        ("innsendt", admin.DateFieldListFilter),
    ]
    list_select_related = ["virksomhet", "innsender"]
    search_fields = [
        "foreslatt_navn",
        "eksisterende_url",
        "virksomhet__navn",
        "innsender__username",
        "innsender__first_name",
        "innsender__last_name",
    ]
    list_per_page = 50
    change_form_template = "admin/vurdering/vurdering/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(INNSENDT)

    def get_ordering(self, request):
        venter_forst = Case(
            When(status=Vurdering.Status.SENDT_INN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [venter_forst.asc(), "-innsendt", "-pk"]

    @admin.display(description=_("innsender"), ordering="innsender__last_name")
    def vis_innsender(self, vurdering):
        return personnavn(vurdering.innsender)

    def get_object(self, request, object_id, from_field=None):
        vurdering = super().get_object(request, object_id, from_field)
        merk_personer(
            [vurdering] if vurdering else [], "innsender", "behandlet_av", "ansvarlig", "stedfortreder"
        )
        return vurdering

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Applications are never edited in the admin; decisions go through the buttons.
        return False

    def kan_beslutte(self, request) -> bool:
        return roller_for(request.user).radgiver and request.user.has_perm("vurdering.change_vurdering")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        vurdering = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if vurdering is not None:
            extra_context["svar"] = vurdering.svar_per_steg()
            if self.kan_beslutte(request):
                extra_context.update(handlinger_kontekst(self._beslutninger(request, vurdering)))
            extra_context["arkiv_radgiver"] = roller_for(request.user).radgiver
        return super().change_view(request, object_id, form_url, extra_context)

    def _beslutninger(self, request, vurdering) -> list[Handling]:
        return [
            Handling(
                tekst=tekst,
                url=reverse(f"admin:vurdering_vurdering_{navn}", args=[vurdering.pk]),
                hindring=regel(vurdering=vurdering, av=request.user),
            )
            for tekst, navn, regel in BESLUTNINGER
        ]

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        vis = self.admin_site.admin_view
        return [
            path("<path:object_id>/godkjenn/", vis(self.godkjenn_view), name=f"{info}_godkjenn"),
            path(
                "<path:object_id>/send-tilbake/",
                vis(self.send_tilbake_view),
                name=f"{info}_send_tilbake",
            ),
            path("<path:object_id>/avsla/", vis(self.avslaa_view), name=f"{info}_avsla"),
            *self.arkiv_urls(info),
            *super().get_urls(),
        ]

    def _beslutning(
        self, request, object_id, *, skjema_klasse, tjeneste, regel, tittel, tekst, knapp, melding
    ):
        vurdering = objekt_eller_404(
            self.get_queryset(request).select_related("virksomhet", "innsender"), object_id
        )
        if not self.kan_beslutte(request):
            raise PermissionDenied
        tilbake = reverse("admin:vurdering_vurdering_change", args=[vurdering.pk])
        hindring = regel(vurdering=vurdering, av=request.user)
        skjema = skjema_klasse(request.POST if request.method == "POST" else None)
        if request.method == "POST" and not hindring and skjema.is_valid():
            try:
                resultat = tjeneste(vurdering=vurdering, av=request.user, **skjema.cleaned_data)
            except ValidationError as feil:
                self.message_user(request, feiltekst(feil), messages.ERROR)
                return HttpResponseRedirect(tilbake)
            self.message_user(request, melding(vurdering, resultat), messages.SUCCESS)
            if tjeneste is vurdering_godkjenn:
                return HttpResponseRedirect(reverse("admin:kanaler_kanal_change", args=[resultat.pk]))
            return HttpResponseRedirect(tilbake)
        return bekreftelsesside(
            self,
            request,
            objekt=vurdering,
            tittel=tittel,
            tekst=tekst,
            knapp=knapp,
            skjema=None if hindring else skjema,
            hindring=hindring,
            tilbake_url=tilbake,
        )

    def godkjenn_view(self, request, object_id):
        """Kommunikasjonsrådgiver godkjenner søknaden etter en bekreftelsesside."""
        return self._beslutning(
            request,
            object_id,
            skjema_klasse=GodkjennForm,
            tjeneste=vurdering_godkjenn,
            regel=vurdering_godkjenn_hindring,
            tittel=_("Godkjenn søknaden"),
            tekst=_(
                "Kanalen blir registrert som «under opprettelse» med deg som kommunikasjonsrådgiver "
                "med administratorrettigheter. Søkeren, ansvarlig og stedfortreder får beskjed."
            ),
            knapp=_("Godkjenn"),
            melding=lambda v, kanal: (
                _("Søknaden %(ref)s er godkjent. Kanalen «%(navn)s» er opprettet.")
                % {"ref": v.referanse, "navn": kanal.navn}
            ),
        )

    def send_tilbake_view(self, request, object_id):
        """Kommunikasjonsrådgiver sender søknaden tilbake til søkeren med en kommentar."""
        return self._beslutning(
            request,
            object_id,
            skjema_klasse=KommentarForm,
            tjeneste=vurdering_send_tilbake,
            regel=vurdering_send_tilbake_hindring,
            tittel=_("Send søknaden tilbake for endring"),
            tekst=_(
                "Søkeren får søknaden tilbake med kommentaren din og kan endre den og sende den inn på nytt."
            ),
            knapp=_("Send tilbake"),
            melding=lambda v, _r: _("Søknaden %(ref)s er sendt tilbake til søkeren.") % {"ref": v.referanse},
        )

    def avslaa_view(self, request, object_id):
        """Kommunikasjonsrådgiver avslår søknaden med begrunnelse."""
        return self._beslutning(
            request,
            object_id,
            skjema_klasse=AvslagForm,
            tjeneste=vurdering_avslaa,
            regel=vurdering_avslaa_hindring,
            tittel=_("Avslå søknaden"),
            tekst=_("Søknaden blir avslått. Søkeren får begrunnelsen på e-post. Avslaget kan ikke angres."),
            knapp=_("Avslå"),
            melding=lambda v, _r: _("Søknaden %(ref)s er avslått.") % {"ref": v.referanse},
        )
