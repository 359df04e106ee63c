"""The archive in the workspace: deliveries sent (read-only), and a closed channel's archive document."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..arkiv.kanal import nedleggingsdokument
from ..arkiv.metadata import metadata_xml
from ..models import Arkivlevering, Kanal
from ..roller import roller_for
from .felles import KunLesbarAdmin, objekt_eller_404


def pdf_nedlasting(dokument) -> HttpResponse:
    """The archive document (PDF/A) as a download."""
    svar = HttpResponse(dokument.pdf, content_type="application/pdf")
    svar["Content-Disposition"] = f'attachment; filename="{dokument.filnavn}"'
    return svar


def xml_nedlasting(dokument) -> HttpResponse:
    """The archive document's metadata (XML) as a download."""
    svar = HttpResponse(metadata_xml(dokument), content_type="application/xml; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="{dokument.metadata_filnavn}"'
    return svar


@admin.register(Arkivlevering)
class ArkivleveringAdmin(KunLesbarAdmin):
    list_display = ["sendt", "kilde", "dokumenttype", "filnavn", "sjekksum"]
    list_filter = ["kilde", "dokumenttype"]
    search_fields = ["filnavn", "sjekksum"]
    date_hierarchy = "sendt"


class ArkivMixin:
    """Download links for a closed channel's archive document on KanalAdmin; advisers only."""

    def arkiv_knapper(self, request, kanal) -> list[tuple[str, str]]:
        if kanal.status != Kanal.Status.NEDLAGT or not roller_for(request.user).radgiver:
            return []
        return [
            (_("Arkivdokument (PDF/A)"), reverse("admin:kanaler_kanal_arkiv_pdf", args=[kanal.pk])),
            (_("Metadata (XML)"), reverse("admin:kanaler_kanal_arkiv_xml", args=[kanal.pk])),
        ]

    def arkiv_urls(self) -> list:
        vis = self.admin_site.admin_view
        return [
            path("<path:object_id>/arkiv.pdf", vis(self.arkiv_pdf_view), name="kanaler_kanal_arkiv_pdf"),
            path("<path:object_id>/arkiv.xml", vis(self.arkiv_xml_view), name="kanaler_kanal_arkiv_xml"),
        ]

    def _nedleggingsdokument(self, request, object_id):
        if not roller_for(request.user).radgiver:
            raise PermissionDenied
        kanal = objekt_eller_404(Kanal.objects.select_related("virksomhet", "ansvarlig"), object_id)
        if kanal.status != Kanal.Status.NEDLAGT:
            raise Http404
        return nedleggingsdokument(kanal)

    def arkiv_pdf_view(self, request, object_id):
        """Kommunikasjonsrådgiver laster ned arkivdokumentet (PDF/A) for en nedlagt kanal."""
        return pdf_nedlasting(self._nedleggingsdokument(request, object_id))

    def arkiv_xml_view(self, request, object_id):
        """Kommunikasjonsrådgiver laster ned metadataene (XML) til en nedlagt kanals arkivdokument."""
        return xml_nedlasting(self._nedleggingsdokument(request, object_id))
