"""The adviser's archive pages on an application: case number, and the archive document to download."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from kanaler.admin.arkiv import pdf_nedlasting, xml_nedlasting
from kanaler.admin.felles import bekreftelsesside, feiltekst, objekt_eller_404
from kanaler.roller import roller_for
from kanaler.saksnummer import saksnummer_renset

from ..models import Vurdering
from ..services import vurdering_sett_saksnummer
from .dokument import BESLUTTET, soknadsdokument


class SaksnummerSkjema(forms.Form):
    """The optional case-number field of the decision forms, checked against SAKSNUMMER_MONSTER."""

    saksnummer = forms.CharField(
        label=_("Saksnummer i arkivet (valgfritt)"),
        max_length=40,
        required=False,
        help_text=_("Saksnummeret fra sak-/arkivsystemet, for eksempel 2026/123. Kan føres inn senere."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([navn for navn in self.fields if navn != "saksnummer"])  # after the reason

    def clean_saksnummer(self):
        try:
            return saksnummer_renset(self.cleaned_data["saksnummer"])
        except ValidationError as feil:
            raise ValidationError(feil.message_dict["saksnummer"]) from feil


class NyttSaksnummerSkjema(SaksnummerSkjema):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saksnummer"].required = True
        self.fields["saksnummer"].label = _("Saksnummer i arkivet")


class ArkivAdminMixin:
    """Case number and archive-document pages for VurderingAdmin; advisers only."""

    def arkiv_urls(self, info: str) -> list:
        vis = self.admin_site.admin_view
        return [
            path("<path:object_id>/saksnummer/", vis(self.saksnummer_view), name=f"{info}_saksnummer"),
            path("<path:object_id>/arkiv.pdf", vis(self.arkiv_pdf_view), name=f"{info}_arkiv_pdf"),
            path("<path:object_id>/arkiv.xml", vis(self.arkiv_xml_view), name=f"{info}_arkiv_xml"),
        ]

    def _radgivers_soknad(self, request, object_id) -> Vurdering:
        if not roller_for(request.user).radgiver:
            raise PermissionDenied
        return objekt_eller_404(
            Vurdering.objects.select_related("innsender", "behandlet_av", "virksomhet", "kanal"), object_id
        )

    def saksnummer_view(self, request, object_id):
        """Kommunikasjonsrådgiver fører inn arkivets saksnummer på søknaden."""
        vurdering = self._radgivers_soknad(request, object_id)
        tilbake = reverse("admin:vurdering_vurdering_change", args=[vurdering.pk])
        skjema = NyttSaksnummerSkjema(
            request.POST if request.method == "POST" else None, initial={"saksnummer": vurdering.saksnummer}
        )
        if request.method == "POST" and skjema.is_valid():
            try:
                vurdering_sett_saksnummer(vurdering=vurdering, av=request.user, **skjema.cleaned_data)
            except ValidationError as feil:
                self.message_user(request, feiltekst(feil), messages.ERROR)
                return HttpResponseRedirect(tilbake)
            self.message_user(request, _("Saksnummeret er lagret."), messages.SUCCESS)
            return HttpResponseRedirect(tilbake)
        return bekreftelsesside(
            self,
            request,
            objekt=vurdering,
            tittel=_("Før inn saksnummer"),
            tekst=_("Saksnummeret kommer med i arkivdokumentet og metadataene."),
            knapp=_("Lagre saksnummer"),
            skjema=skjema,
            tilbake_url=tilbake,
        )

    def _arkivdokument(self, request, object_id):
        vurdering = self._radgivers_soknad(request, object_id)
        if vurdering.status not in BESLUTTET:
            raise Http404
        return soknadsdokument(vurdering)

    def arkiv_pdf_view(self, request, object_id):
        """Kommunikasjonsrådgiver laster ned arkivdokumentet (PDF/A) for en behandlet søknad."""
        return pdf_nedlasting(self._arkivdokument(request, object_id))

    def arkiv_xml_view(self, request, object_id):
        """Kommunikasjonsrådgiver laster ned metadataene (XML) til arkivdokumentet."""
        return xml_nedlasting(self._arkivdokument(request, object_id))
