"""The adviser's workspace for channels: the list, registration and change through kanaler.services."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Kanal, Virksomhet
from ..personer import med_personnavn, personnavn
from ..services.kontroll import KANAL_OPPLYSNINGER, KANAL_PERSONER, REDIGERBARE_FELTER
from ..services.register import kanal_endre, kanal_registrer
from ..services.virksomhet import virksomhet_lagre
from ..soknadsvisning import soknad_for
from ..templatetags.kanalflagg import flaggmerker
from ..tillit.plattformid import id_avvik
from .arkiv import ArkivMixin
from .felles import IngenSlettingMixin, TrygtAutocompleteSelect, feiltekst, handlinger_kontekst
from .filtre import FLAGGFILTRE
from .handlinger import HandlingerMixin
from .hendelser import HendelseMixin
from .importering import ImportMixin
from .knapper import KnapperMixin
from .overforing import overfor_kanaler
from .skjema import KanalEndreForm, KanalRegistrerForm


@admin.register(Virksomhet)
class VirksomhetAdmin(IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = ["navn", "overordnet", "aktiv", "sensitive_tjenester"]
    list_filter = ["aktiv", "sensitive_tjenester"]
    list_select_related = ["overordnet"]
    search_fields = ["navn"]

    def save_model(self, request, obj, form, change):
        virksomhet_lagre(virksomhet=obj, av=request.user)


@admin.register(Kanal)
class KanalAdmin(
    ArkivMixin,
    HendelseMixin,
    KnapperMixin,
    HandlingerMixin,
    ImportMixin,
    IngenSlettingMixin,
    SimpleHistoryAdmin,
):
    list_display = [
        "navn",
        "plattform",
        "virksomhet",
        "status",
        "vis_ansvarlig",
        "neste_gjennomgang",
        "vis_oppfolging",
    ]
    list_filter = [
        "status",
        "plattform",
        ("virksomhet", admin.RelatedOnlyFieldListFilter),
        *FLAGGFILTRE,
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
        if db_field.related_model is get_user_model():
            # The chosen people are shown by name, known with the query that finds them.
            kwargs.setdefault("queryset", med_personnavn(get_user_model().objects.all()))
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", TrygtAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("ansvarlig"), ordering="ansvarlig__last_name")
    def vis_ansvarlig(self, kanal):
        return personnavn(kanal.ansvarlig) if kanal.ansvarlig_id else "–"

    @admin.display(description=_("oppfølging"))
    def vis_oppfolging(self, kanal):
        """The flags that hold, as the same badges as in the register (annotated by med_flagg)."""
        merker = flaggmerker(kanal)
        return format_html('<ul class="list-unstyled mb-0 flagg-liste">{}</ul>', merker) if merker else "–"

    @admin.display(description=_("søknad"))
    def vis_soknad(self, kanal):
        soknad = soknad_for(kanal)
        if soknad is None:
            return "–"
        return format_html('<a href="{}">{}</a>', soknad.admin_url, soknad.referanse)

    # --- Forms: add goes through kanal_registrer, change through kanal_endre --------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = KanalEndreForm if obj is not None else KanalRegistrerForm
        skjema = super().get_form(request, obj, change=change, **kwargs)

        class MedForesporsel(skjema):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return MedForesporsel

    def get_fieldsets(self, request, obj=None):
        status = ["administratorrettigheter_bekreftet", "neste_gjennomgang"]
        if obj is not None:
            status = [*self.STATUSFELTER[:6], "neste_gjennomgang", *self.STATUSFELTER[6:]]
        return [
            (_("Kanalen"), {"fields": list(KANAL_OPPLYSNINGER)}),
            (_("Personer"), {"fields": list(KANAL_PERSONER)}),
            (_("Status"), {"fields": status}),
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
            hendelse = self.hendelse_kontekst(request, kanal)
            extra_context.update(hendelse)
            avvik = id_avvik(url=kanal.url, plattform=kanal.plattform, plattform_id=kanal.plattform_id)
            extra_context["advarsler"] = [avvik] if avvik else []
            extra_context["knapper"] = self.arkiv_knapper(request, kanal)
            handlinger = self._handlinger(request, kanal) + self.hendelse_handlinger(
                request, kanal, hendelse["hendelse"]
            )
            extra_context.update(handlinger_kontekst(handlinger))
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        vis = self.admin_site.admin_view
        return [
            path("importer/", vis(self.importer_view), name=f"{info}_importer"),
            path("overfor/", vis(self.overfor_view), name=f"{info}_overfor"),
            *self.knapp_urls(),
            *self.hendelse_urls(),
            *self.arkiv_urls(),
            *super().get_urls(),
        ]

    def overfor_view(self, request):
        return overfor_kanaler(request, self)
