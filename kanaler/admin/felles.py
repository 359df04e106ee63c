"""What both apps' admins share: safe ids from the address, no deletion, confirmation pages, reasons."""

import dataclasses
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.template_utils import HistoricalRecordContextHelper

from ..historikkvisning import brukerfelter, vis_verdi
from ..personer import ATTRIBUTT, merk_personer, personnavn_uttrykk
from ..selectors.register import sokeord
from ..services.felles import BEGRUNNELSE_MAKS


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
    """Shows a value that cannot be an id as nothing chosen instead of failing in the query.

    Also valid HTML: a required select starts with an empty option, and the empty option has a label.
    """

    def optgroups(self, name, value, attr=None):
        modell = self.field.remote_field.model
        grupper = super().optgroups(name, [v for v in value if gyldig_id(modell, v) is not None], attr)
        valg = grupper[0][1]
        if self.is_required and not self.allow_multiple_selected:
            valg.insert(0, self.create_option(name, "", "", False, 0))
        for indeks, option in enumerate(valg):
            option["index"] = str(indeks)
            if option["value"] == "":
                option["attrs"]["label"] = "---------"
        return grupper


class AvgrensetSokMixin:
    """Searches (the list's and the autocomplete's) with the words the register would search for."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, " ".join(sokeord(search_term)))


class PersonnavnMixin:
    """Names the people of a list page by the one rule, computed in the list's own query."""

    def get_changelist(self, request, **kwargs):
        liste = super().get_changelist(request, **kwargs)
        valgt = self.list_select_related if isinstance(self.list_select_related, list | tuple) else ()
        felter = [felt.name for felt in brukerfelter(self.model) if felt.name in valgt]

        class MedPersonnavn(liste):
            def get_queryset(self, request, exclude_parameters=None):
                utvalg = super().get_queryset(request, exclude_parameters)
                return utvalg.annotate(**{f"personnavn_{navn}": personnavn_uttrykk(navn) for navn in felter})

            def get_results(self, request):
                super().get_results(request)
                for objekt in self.result_list:
                    for navn in felter:
                        if (bruker := getattr(objekt, navn)) is not None:
                            setattr(bruker, ATTRIBUTT, getattr(objekt, f"personnavn_{navn}"))

        return MedPersonnavn


class Historikkvisning(HistoricalRecordContextHelper):
    """simple_history's change list with labels, names, Ja/Nei and «–» instead of raw values."""

    def format_delta_change(self, change):
        felt = self.model._meta.get_field(change.field)
        return dataclasses.replace(
            change,
            field=capfirst(felt.verbose_name),
            old=vis_verdi(felt, change.old),
            new=vis_verdi(felt, change.new),
        )


class HistorikkvisningMixin:
    """The workspace's history pages show what changed as the register does, and who by name."""

    def get_historical_record_context_helper(self, request, historical_record):
        return Historikkvisning(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        poster = list(historical_records)
        merk_personer(poster, "history_user", *(felt.name for felt in brukerfelter(self.model)))
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)


class IngenSlettingMixin(PersonnavnMixin, HistorikkvisningMixin, AvgrensetSokMixin):
    """Nothing is hard-deleted and history is read-only: channels are closed instead.

    (With the workspace's way of naming people and showing history.)
    """

    def response_action(self, request, queryset):
        valgte = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        if any(gyldig_id(self.model, verdi) is None for verdi in valgte):
            self.message_user(request, _("Valget er ugyldig. Velg radene i listen på nytt."), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def history_view(self, request, object_id, extra_context=None):
        self._vises_eller_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        self._vises_eller_404(request, object_id)
        gyldig_id_eller_404(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _vises_eller_404(self, request, object_id) -> None:
        """The history of a row the admin does not show (e.g. a draft never submitted) is 404."""
        if not self.get_queryset(request).filter(pk=gyldig_id_eller_404(self.model, object_id)).exists():
            raise Http404


class KunLesbarAdmin(PersonnavnMixin, AvgrensetSokMixin, admin.ModelAdmin):
    """Records written by services and the daily check; the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def begrunnelsesfelt(*, etikett, hjelp="", rader: int = 4, pakrevd: bool = True) -> forms.CharField:
    """The text field of a decision's reason or comment, as long as the services accept."""
    return forms.CharField(
        label=etikett,
        widget=forms.Textarea(attrs={"rows": rader, "cols": 60}),
        max_length=BEGRUNNELSE_MAKS,
        required=pakrevd,
        help_text=hjelp,
    )


@dataclass(frozen=True)
class Handling:
    """One action's button on an admin page: its label, its address, and why it is unavailable (or None)."""

    tekst: str
    url: str
    hindring: str | None = None


def handlinger_kontekst(handlinger: list[Handling]) -> dict:
    """The context admin/kanalregister/_handlinger.html shows: the buttons, or one reason shared by all."""
    grunner = {str(handling.hindring) for handling in handlinger}
    felles = handlinger[0].hindring if handlinger and len(grunner) == 1 and handlinger[0].hindring else None
    return {"handlinger": [] if felles else handlinger, "handlinger_hindring": felles}


def bekreftelsesside(
    modeladmin, request, *, objekt, tittel, tekst, knapp, tilbake_url, skjema=None, hindring=None, **kontekst
):
    """The page where an adviser confirms one action (with its form, if any) or goes back.

    With `hindring` (why the action is unavailable) the page says so and offers no form.
    """
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": tittel,
        "tekst": tekst,
        "knapp": knapp,
        "skjema": skjema,
        "objekt": objekt,
        "opts": modeladmin.opts,
        "tilbake_url": tilbake_url,
        "hindring": hindring,
        **kontekst,
    }
    return TemplateResponse(request, "admin/kanalregister/bekreft.html", context)
