"""The archive document of a closed channel, from the register's own data."""

from django.utils.translation import gettext as _

from ..models import Kanal
from ..personer import personnavn
from ..soknadsvisning import soknad_for
from .dokument import Arkivdokument, Part, pdf_fra_mal
from .historikk import historikk
from .levering import lever_etter_commit


def _nedleggelsen(kanal: Kanal):
    """The history record of the latest closing."""
    nedleggelse = None
    for post in kanal.history.select_related("history_user").order_by("-history_date", "-history_id"):
        if post.status != Kanal.Status.NEDLAGT:
            break
        nedleggelse = post
    return nedleggelse


def nedleggingsdokument(kanal: Kanal) -> Arkivdokument:
    """The PDF/A document and metadata of the channel's closing."""
    post = _nedleggelsen(kanal)
    if post is None:
        raise ValueError("Bare en nedlagt kanal har et nedleggingsdokument.")
    tittel = _("Nedleggelse av kanalen «%(navn)s»") % {"navn": kanal.navn}
    referanse = f"KR-KANAL-{kanal.pk:05d}"
    soknad = soknad_for(kanal)
    behandler = personnavn(post.history_user) if post.history_user else _("Systemet")
    kontekst = {
        "kanal": kanal,
        "referanse": referanse,
        "behandler": behandler,
        "nedlagt": post.history_date,
        "soknad": soknad.referanse if soknad else "",
        "ansvarlig": personnavn(kanal.ansvarlig),
        "stedfortreder": personnavn(kanal.stedfortreder) if kanal.stedfortreder_id else "–",
        "kanalhistorikk": historikk(kanal.history.filter(history_date__lte=post.history_date)),
    }
    return Arkivdokument(
        kilde="kanal",
        objekt_id=kanal.pk,
        hendelse=post.history_date,
        dokumenttype="Nedleggelse",
        tittel=tittel,
        referanse=referanse,
        saksnummer=kanal.saksnummer,
        saksbehandler=behandler,
        parter=(
            Part(_("Virksomhet"), kanal.virksomhet.navn),
            Part(_("Ansvarlig"), personnavn(kanal.ansvarlig)),
        ),
        pdf=pdf_fra_mal("arkiv/kanal_nedlagt.html", kontekst, hendelse=post.history_date, tittel=tittel),
    )


def arkiver_nedleggelse(kanal: Kanal) -> None:
    """Called inside the closing's transaction; the document is made and sent after commit."""
    pk = kanal.pk
    lever_etter_commit(
        lambda: nedleggingsdokument(Kanal.objects.select_related("virksomhet", "ansvarlig").get(pk=pk))
    )
