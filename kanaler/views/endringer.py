"""The Atom feed of changes to the official channels, through Django's syndication framework."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..openapi import NLOD_LENKE, NLOD_URL
from ..selectors.endringer import Endring, siste_endringer
from .hurtiglager import offentlig_svar


class Endringsstrom(Feed):
    """Activated, closed, compromised and resolved channels, newest first; no person is named."""

    feed_type = Atom1Feed

    def title(self):
        return _("Endringer i kommunens offisielle kanaler – %(kommune)s") % {
            "kommune": settings.KOMMUNE_NAVN
        }

    def subtitle(self):
        return _("Nye og nedlagte kanaler, og kanaler som er eller har vært kompromittert.")

    def link(self):
        return reverse("kanaler:offisielle")

    def author_name(self):
        return settings.KOMMUNE_NAVN

    def feed_copyright(self):
        return _("Åpne data etter Norsk lisens for offentlige data (NLOD) 2.0: %(url)s") % {"url": NLOD_URL}

    def items(self):
        return siste_endringer()

    def item_title(self, endring: Endring):
        return endring.tittel

    def item_description(self, endring: Endring):
        kanal = endring.kanal
        tekst = _("%(navn)s på %(plattform)s, drevet av %(virksomhet)s: %(url)s") % {
            "navn": kanal.navn,
            "plattform": kanal.get_plattform_display(),
            "virksomhet": kanal.virksomhet.navn,
            "url": kanal.url,
        }
        if endring.type == "kompromittert":
            tekst += " " + _("Kontoen er ikke under kommunens kontroll – ikke svar på meldinger fra den.")
        return tekst

    def item_link(self, endring: Endring):
        return reverse("kanaler:offisielle") + "?" + urlencode({"url": endring.kanal.url})

    def item_guid(self, endring: Endring):
        return f"urn:kanalregister:kanal:{endring.kanal.pk}:{endring.type}:{endring.tid.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, endring: Endring):
        return endring.tid

    def item_updateddate(self, endring: Endring):
        return endring.tid


@require_GET
def endringer(request):
    """Atom-strøm over endringer i de offisielle kanalene; åpen for alle, uten persondata."""

    def lag():
        svar = Endringsstrom()(request)
        svar["Link"] = NLOD_LENKE
        return svar

    return offentlig_svar(request, nokkel=(request.scheme, request.get_host()), lag=lag)
