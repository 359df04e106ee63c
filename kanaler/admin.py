"""The adviser's workspace for the register: every change goes through kanaler.services."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .admin_overforing import AnsvarligDeaktivertFilter, overfor_kanaler
from .importfil import MAKS_RADER, les_importfil
from .models import Kanal, KanalQuerySet, Plattform, Virksomhet
from .personer import personnavn
from .services import (
    BEGRUNNELSE_MAKS,
    IMPORT_KOLONNER,
    IMPORT_PAKREVDE,
    REDIGERBARE_FELTER,
    kanal_aktiver,
    kanal_bekreft_administrator,
    kanal_endre,
    kanal_endring_kontrollert,
    kanal_importer,
    kanal_importrader_vurdert,
    kanal_legg_ned,
    kanal_registrer,
    kanal_registrering_kontrollert,
)

IMPORT_OKT_NOKKEL = "kanal_import_rader"


def feiltekst(feil: ValidationError) -> str:
    """All messages of a ValidationError as one line for messages.error."""
    return " ".join(feil.messages)


def gyldig_id(modell, verdi):
    """The value as the model's primary key, or None for text or a number the database cannot hold."""
    felt = modell._meta.pk
    try:
        verdi = felt.to_python(verdi)
        felt.run_validators(verdi)
    except ValidationError:
        return None
    return verdi


def gyldig_id_eller_404(modell, object_id):
    """The id from the address as the model's primary key, or 404."""
    verdi = gyldig_id(modell, object_id)
    if verdi is None:
        raise Http404
    return verdi


def objekt_eller_404(queryset, object_id):
    """The object the address points to, or 404 (also for an id that cannot be one)."""
    try:
        return queryset.get(pk=gyldig_id_eller_404(queryset.model, object_id))
    except queryset.model.DoesNotExist as feil:
        raise Http404 from feil


class TrygtAutocompleteSelect(AutocompleteSelect):
    """Shows a value that cannot be an id as nothing chosen instead of failing in the query."""

    def optgroups(self, name, value, attr=None):
        modell = self.field.remote_field.model
        return super().optgroups(name, [v for v in value if gyldig_id(modell, v) is not None], attr)


class IngenSlettingMixin:
    """Nothing is hard-deleted and history is read-only: channels are closed instead."""

    def response_action(self, request, queryset):
        valgte = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        if any(gyldig_id(self.model, verdi) is None for verdi in valgte):
            self.message_user(request, _("Valget er ugyldig. Velg radene i listen på nytt."), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def history_view(self, request, object_id, extra_context=None):
        gyldig_id_eller_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        gyldig_id_eller_404(self.model, object_id)
        gyldig_id_eller_404(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class BegrunnelseForm(forms.Form):
    begrunnelse = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=BEGRUNNELSE_MAKS,
        help_text=_("Påkrevd. Sendes til ansvarlig og stedfortreder og lagres i historikken."),
    )


class AktiverForm(forms.Form):
    url = forms.CharField(
        label=_("Kanalens adresse (URL)"),
        max_length=500,
        widget=forms.URLInput(attrs={"size": 60}),
        help_text=_(
            "Adressen til den publiserte kanalen, for eksempel https://facebook.com/porsgrunnkommune."
        ),
    )


class ImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class KanalRegistrerForm(forms.ModelForm):
    """Registers an existing channel; validated by the same rules as kanal_registrer."""

    plattform = forms.ChoiceField(
        label=_("Plattform"),
        choices=[("", _("Gjenkjenn fra adressen"))] + list(Plattform.choices),
        required=False,
    )
    administratorrettigheter_bekreftet = forms.BooleanField(
        label=_("Kommunikasjonsrådgiver har administratorrettigheter"),
        required=False,
        help_text=_("Kryss av når rettighetene er bekreftet. Da registreres kanalen som aktiv."),
    )

    class Meta:
        model = Kanal
        fields = [
            "navn",
            "plattform",
            "url",
            "virksomhet",
            "hovedkanal",
            "beskrivelse",
            "malgruppe",
            "saksnummer",
            "ansvarlig",
            "stedfortreder",
            "administrator",
            "neste_gjennomgang",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["url"].required = True
        self.fields["administrator"].required = False
        self.fields["administrator"].help_text = _("Tom: deg selv.")
        self.fields["neste_gjennomgang"].help_text = _("Tom: om ett år.")
        self.kanal = None

    def felter_for_tjeneste(self) -> dict:
        data = self.cleaned_data
        return {
            "navn": data.get("navn", ""),
            "plattform": data.get("plattform", ""),
            "url": data.get("url", ""),
            "virksomhet": data.get("virksomhet"),
            "ansvarlig": data.get("ansvarlig"),
            "stedfortreder": data.get("stedfortreder"),
            "administrator": data.get("administrator"),
            "beskrivelse": data.get("beskrivelse", ""),
            "malgruppe": data.get("malgruppe", ""),
            "saksnummer": data.get("saksnummer", ""),
            "hovedkanal": data.get("hovedkanal", False),
            "administrator_bekreftet": data.get("administratorrettigheter_bekreftet", False),
            "neste_gjennomgang": data.get("neste_gjennomgang"),
        }

    def _post_clean(self):
        # The service validates and builds the channel; the model's own checks are not needed twice.
        if self.errors:
            return
        try:
            self.instance = kanal_registrering_kontrollert(av=self.request.user, **self.felter_for_tjeneste())
        except ValidationError as feil:
            self._update_errors(feil)


class KanalEndreForm(forms.ModelForm):
    """Changes a channel's details; status and dates change only through the buttons."""

    class Meta:
        model = Kanal
        fields = list(REDIGERBARE_FELTER)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def _post_clean(self):
        if self.errors:
            return
        felter = {navn: self.cleaned_data[navn] for navn in REDIGERBARE_FELTER if navn in self.cleaned_data}
        try:
            kontrollert = kanal_endring_kontrollert(kanal=copy.copy(self.instance), **felter)
        except ValidationError as feil:
            self._update_errors(feil)
        else:
            self.cleaned_data["url"] = kontrollert.url
            self.cleaned_data["plattform"] = kontrollert.plattform


class FlaggFilter(admin.SimpleListFilter):
    """A yes/no filter on one of KanalQuerySet's derived flags."""

    q_navn: str

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nei", _("Nei"))]

    def queryset(self, request, queryset):
        q = getattr(KanalQuerySet, self.q_navn)()
        if self.value() == "ja":
            return queryset.filter(q)
        if self.value() == "nei":
            return queryset.exclude(q)
        return queryset


class InaktivFilter(FlaggFilter):
    title = _("inaktiv")
    parameter_name = "inaktiv"
    q_navn = "q_inaktiv"


class GjennomgangForfaltFilter(FlaggFilter):
    title = _("gjennomgang forfalt")
    parameter_name = "gjennomgang_forfalt"
    q_navn = "q_gjennomgang_forfalt"


class AdminIkkeBekreftetFilter(FlaggFilter):
    title = _("administratorrettigheter ikke bekreftet")
    parameter_name = "admin_ikke_bekreftet"
    q_navn = "q_admin_ikke_bekreftet"


@admin.register(Virksomhet)
class VirksomhetAdmin(IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = ["navn", "overordnet", "aktiv"]
    list_filter = ["aktiv"]
    list_select_related = ["overordnet"]
    search_fields = ["navn"]


def _personnavn(bruker) -> str:
    if bruker is None:
        return "–"
    return personnavn(bruker)


@admin.register(Kanal)
class KanalAdmin(IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = [
        "navn",
        "plattform",
        "virksomhet",
        "status",
        "vis_ansvarlig",
        "vis_admin_bekreftet",
        "vis_inaktiv",
        "vis_gjennomgang_forfalt",
        "vis_ansvarlig_deaktivert",
        "neste_gjennomgang",
    ]
    list_filter = [
        "status",
        "plattform",
        ("virksomhet", admin.RelatedOnlyFieldListFilter),
        InaktivFilter,
        GjennomgangForfaltFilter,
        AdminIkkeBekreftetFilter,
        AnsvarligDeaktivertFilter,
    ]
    list_select_related = ["virksomhet", "ansvarlig"]  # every foreign key list_display shows
    # "x av y" would count the whole register a second time on every filtered page.
    show_full_result_count = False
    search_fields = [
        "navn",
        "url",
        "virksomhet__navn",
        "ansvarlig__username",
        "ansvarlig__first_name",
        "ansvarlig__last_name",
        "stedfortreder__username",
        "stedfortreder__first_name",
        "stedfortreder__last_name",
    ]
    autocomplete_fields = ["virksomhet", "ansvarlig", "stedfortreder", "administrator"]
    actions = ["bekreft_administrator_valgte", "aktiver_valgte", "legg_ned_valgte"]
    list_per_page = 50
    change_list_template = "admin/kanaler/kanal/change_list.html"

    class Media:
        js = ["js/admin-autocomplete-navn.js"]

    change_form_template = "admin/kanaler/kanal/change_form.html"

    STATUSFELTER = (
        "status",
        "administrator_bekreftet",
        "aktivert",
        "sist_aktiv",
        "nedlagt_dato",
        "nedlagt_begrunnelse",
        "vis_soknad",
        "opprettet",
        "endret",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).med_flagg()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", TrygtAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("ansvarlig"), ordering="ansvarlig__last_name")
    def vis_ansvarlig(self, kanal):
        return _personnavn(kanal.ansvarlig)

    @admin.display(description=_("rettigheter bekreftet"), boolean=True, ordering="administrator_bekreftet")
    def vis_admin_bekreftet(self, kanal):
        return kanal.administrator_bekreftet is not None

    @admin.display(description=_("inaktiv"), boolean=True)
    def vis_inaktiv(self, kanal):
        return kanal.er_inaktiv  # annotated by med_flagg()

    @admin.display(description=_("gjennomgang forfalt"), boolean=True)
    def vis_gjennomgang_forfalt(self, kanal):
        return kanal.er_gjennomgang_forfalt  # annotated by med_flagg()

    @admin.display(description=_("ansvarlig deaktivert"), boolean=True)
    def vis_ansvarlig_deaktivert(self, kanal):
        return kanal.status != Kanal.Status.NEDLAGT and not kanal.ansvarlig.is_active

    @admin.display(description=_("søknad"))
    def vis_soknad(self, kanal):
        vurdering = getattr(kanal, "vurdering", None)
        if vurdering is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:vurdering_vurdering_change", args=[vurdering.pk]),
            vurdering.referanse,
        )

    # --- Forms: add goes through kanal_registrer, change through kanal_endre --------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = KanalEndreForm if obj is not None else KanalRegistrerForm
        skjema = super().get_form(request, obj, change=change, **kwargs)

        class MedForesporsel(skjema):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return MedForesporsel

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    _("Kanalen"),
                    {
                        "fields": [
                            "navn",
                            "url",
                            "plattform",
                            "virksomhet",
                            "hovedkanal",
                            "beskrivelse",
                            "malgruppe",
                            "saksnummer",
                        ]
                    },
                ),
                (_("Personer"), {"fields": ["ansvarlig", "stedfortreder", "administrator"]}),
                (_("Status"), {"fields": ["administratorrettigheter_bekreftet", "neste_gjennomgang"]}),
            ]
        return [
            (
                _("Kanalen"),
                {
                    "fields": [
                        "navn",
                        "url",
                        "plattform",
                        "virksomhet",
                        "hovedkanal",
                        "beskrivelse",
                        "malgruppe",
                        "saksnummer",
                    ]
                },
            ),
            (_("Personer"), {"fields": ["ansvarlig", "stedfortreder", "administrator"]}),
            (_("Status"), {"fields": [*self.STATUSFELTER[:6], "neste_gjennomgang", *self.STATUSFELTER[6:]]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.status == Kanal.Status.NEDLAGT:
            return [*REDIGERBARE_FELTER, *self.STATUSFELTER]
        return list(self.STATUSFELTER)

    def save_model(self, request, obj, form, change):
        if change:
            felter = {
                navn: form.cleaned_data[navn] for navn in form.changed_data if navn in REDIGERBARE_FELTER
            }
            if "url" in felter or "plattform" in felter:
                felter["url"] = form.cleaned_data["url"]
                felter["plattform"] = form.cleaned_data["plattform"]
            lagret = kanal_endre(kanal=obj, av=request.user, **felter) if felter else obj
        else:
            lagret = kanal_registrer(av=request.user, **form.felter_for_tjeneste())
        obj.pk = lagret.pk
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as feil:
            # Someone else changed the register between validation and save.
            self.message_user(request, feiltekst(feil), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        kanal = self.get_object(request, object_id)
        if kanal is not None:
            extra_context["knapper"] = self._knapper(request, kanal)
        return super().change_view(request, object_id, form_url, extra_context)

    def _knapper(self, request, kanal) -> list[tuple[str, str]]:
        if not self.has_change_permission(request, kanal):
            return []
        knapper = []
        info = f"{kanal._meta.app_label}_{kanal._meta.model_name}"
        if kanal.status != Kanal.Status.NEDLAGT and kanal.administrator_bekreftet is None:
            knapper.append(
                (
                    _("Bekreft administratorrettigheter"),
                    reverse(f"admin:{info}_bekreft_admin", args=[kanal.pk]),
                )
            )
        if kanal.status == Kanal.Status.UNDER_OPPRETTELSE:
            knapper.append((_("Aktiver"), reverse(f"admin:{info}_aktiver", args=[kanal.pk])))
        if kanal.status != Kanal.Status.NEDLAGT:
            knapper.append((_("Legg ned"), reverse(f"admin:{info}_legg_ned", args=[kanal.pk])))
        return knapper

    # --- Buttons on the change page -----------------------------------------------------

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        vis = self.admin_site.admin_view
        return [
            path("importer/", vis(self.importer_view), name=f"{info}_importer"),
            path("overfor/", vis(self.overfor_view), name=f"{info}_overfor"),
            path(
                "<path:object_id>/bekreft-administrator/",
                vis(self.bekreft_admin_view),
                name=f"{info}_bekreft_admin",
            ),
            path("<path:object_id>/aktiver/", vis(self.aktiver_view), name=f"{info}_aktiver"),
            path("<path:object_id>/legg-ned/", vis(self.legg_ned_view), name=f"{info}_legg_ned"),
            *super().get_urls(),
        ]

    def overfor_view(self, request):
        return overfor_kanaler(request, self)

    def _kanal_for_knapp(self, request, object_id) -> Kanal:
        kanal = objekt_eller_404(Kanal.objects.select_related("virksomhet"), object_id)
        if not self.has_change_permission(request, kanal):
            raise PermissionDenied
        return kanal

    def _bekreftelsesside(self, request, kanal, *, tittel, tekst, knapp, skjema=None):
        context = {
            **self.admin_site.each_context(request),
            "title": tittel,
            "tekst": tekst,
            "knapp": knapp,
            "skjema": skjema,
            "objekt": kanal,
            "opts": self.opts,
            "tilbake_url": reverse("admin:kanaler_kanal_change", args=[kanal.pk]),
        }
        return TemplateResponse(request, "admin/kanalregister/bekreft.html", context)

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
            tittel=_("Legg ned kanalen"),
            tekst=_(
                "Kanalen «%s» blir markert som nedlagt og fjernet fra den offentlige oversikten. "
                "Ansvarlig og stedfortreder får beskjed med begrunnelsen."
            )
            % kanal.navn,
            knapp=_("Legg ned"),
            skjema=skjema,
        )

    # --- Bulk actions: all selected channels or none --------------------------------------

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
        context = {
            **self.admin_site.each_context(request),
            "title": _("Legg ned valgte kanaler"),
            "tekst": _("Disse kanalene blir markert som nedlagt. Ansvarlige og stedfortredere får beskjed."),
            "knapp": _("Legg ned"),
            "skjema": skjema,
            "kanaler": list(queryset.select_related("virksomhet")),
            "opts": self.opts,
            "handling": "legg_ned_valgte",
            "valgte": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "tilbake_url": reverse("admin:kanaler_kanal_changelist"),
        }
        return TemplateResponse(request, "admin/kanalregister/bekreft.html", context)

    # --- Import ------------------------------------------------------------------------

    def importer_view(self, request):
        """Kommunikasjonsrådgiver importerer eksisterende kanaler: last opp, se over, bekreft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Importer eksisterende kanaler"),
            "opts": self.opts,
            "kolonner": [(k, k in IMPORT_PAKREVDE) for k in IMPORT_KOLONNER],
            "maks_rader": MAKS_RADER,
            "plattformer": Plattform.choices,
        }
        skjema = ImportForm()
        if request.method == "POST" and "bekreft" in request.POST:
            rader = request.session.get(IMPORT_OKT_NOKKEL)
            if not rader:
                self.message_user(
                    request, _("Fant ingen fil å importere. Last opp filen på nytt."), messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            try:
                kanaler = kanal_importer(rader=rader, av=request.user)
            except ValidationError as feil:
                self.message_user(request, feiltekst(feil), messages.ERROR)
                context["resultat"] = kanal_importrader_vurdert(rader=rader, av=request.user)
            else:
                del request.session[IMPORT_OKT_NOKKEL]
                melding = ngettext(
                    "%(antall)s kanal er importert.", "%(antall)s kanaler er importert.", len(kanaler)
                )
                self.message_user(request, melding % {"antall": len(kanaler)})
                return HttpResponseRedirect(reverse("admin:kanaler_kanal_changelist"))
        elif request.method == "POST":
            request.session.pop(IMPORT_OKT_NOKKEL, None)
            skjema = ImportForm(request.POST, request.FILES)
            if skjema.is_valid():
                try:
                    rader = les_importfil(skjema.cleaned_data["fil"])
                except ValidationError as feil:
                    skjema.add_error("fil", feil)
                else:
                    context["resultat"] = kanal_importrader_vurdert(rader=rader, av=request.user)
                    if not any(rad.feil for rad in context["resultat"]):
                        request.session[IMPORT_OKT_NOKKEL] = rader
        context["skjema"] = skjema
        if "resultat" in context:
            context["antall_feil"] = sum(1 for rad in context["resultat"] if rad.feil)
        return TemplateResponse(request, "admin/kanaler/kanal/importer.html", context)
