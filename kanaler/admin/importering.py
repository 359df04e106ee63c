"""Import of existing channels in the admin: upload, look over every row, confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..importfil import MAKS_RADER, les_importfil
from ..models import Plattform
from ..personer import merk_personer
from ..services.importering import IMPORT_KOLONNER, IMPORT_PAKREVDE, kanal_importer, kanal_importrader_vurdert
from .felles import feiltekst
from .skjema import ImportForm

IMPORT_OKT_NOKKEL = "kanal_import_rader"


class ImportMixin:
    """KanalAdmin's import view."""

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
            merk_personer(context["resultat"], "kanal.ansvarlig")
        return TemplateResponse(request, "admin/kanaler/kanal/importer.html", context)
