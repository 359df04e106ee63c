"""The archive document of a decided application: every answer, the guidelines, the decision."""

from django.utils.translation import gettext as _

from kanaler.arkiv.dokument import Arkivdokument, Part, pdf_fra_mal
from kanaler.arkiv.historikk import historikk
from kanaler.personer import personnavn

from ..models import Vurdering

DOKUMENTTYPER = {
    Vurdering.Status.GODKJENT: "Godkjenning",
    Vurdering.Status.SENDT_TILBAKE: "Retur",
    Vurdering.Status.AVSLATT: "Avslag",
}
BESLUTTET = tuple(DOKUMENTTYPER)


def soknadsdokument(vurdering: Vurdering) -> Arkivdokument:
    """The PDF/A document and metadata of the application's latest decision."""
    if vurdering.status not in BESLUTTET:
        raise ValueError("Bare en behandlet søknad har et arkivdokument.")
    navn = vurdering.foreslatt_navn or _("Ny kanal")
    tittel = _("Søknad om ny kanal «%(navn)s» – %(beslutning)s") % {
        "navn": navn,
        "beslutning": vurdering.get_status_display().lower(),
    }
    kanalhistorikk = []
    if vurdering.kanal_id:
        kanalhistorikk = historikk(vurdering.kanal.history.filter(history_date__lte=vurdering.behandlet))
    kontekst = {
        "vurdering": vurdering,
        "referanse": vurdering.referanse,
        "svar": [(steg, svar) for steg, svar in vurdering.svar_per_steg() if steg.slug != "retningslinjer"],
        "retningslinjer": list(vurdering.bekreftede_retningslinjer.values()),
        "behandler": personnavn(vurdering.behandlet_av),
        "innsender": personnavn(vurdering.innsender),
        "soknadshistorikk": historikk(vurdering.history.filter(history_date__lt=vurdering.behandlet)),
        "kanalhistorikk": kanalhistorikk,
    }
    parter = [Part(_("Søker"), personnavn(vurdering.innsender))]
    if vurdering.virksomhet_id:
        parter.append(Part(_("Virksomhet"), vurdering.virksomhet.navn))
    return Arkivdokument(
        kilde="soknad",
        objekt_id=vurdering.pk,
        hendelse=vurdering.behandlet,
        dokumenttype=DOKUMENTTYPER[vurdering.status],
        tittel=tittel,
        referanse=vurdering.referanse,
        saksnummer=vurdering.saksnummer,
        saksbehandler=personnavn(vurdering.behandlet_av),
        parter=tuple(parter),
        pdf=pdf_fra_mal("arkiv/soknad.html", kontekst, hendelse=vurdering.behandlet, tittel=tittel),
    )
