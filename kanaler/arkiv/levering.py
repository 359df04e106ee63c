"""Sending archive documents to the archive's import address, once each."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .dokument import Arkivdokument
from .metadata import metadata_xml
from .modell import Arkivlevering

logger = logging.getLogger(__name__)


def lever(dokument: Arkivdokument, *, igjen: bool = False) -> bool:
    """E-mails the PDF and its XML to ARKIV_EPOST unless already sent (or `igjen`); True if sent."""
    if not settings.ARKIV_EPOST:
        return False
    nokkel = {"kilde": dokument.kilde, "objekt_id": dokument.objekt_id, "hendelse": dokument.hendelse}
    try:
        with transaction.atomic():
            levering = Arkivlevering.objects.select_for_update().filter(**nokkel).first()
            if levering is not None and not igjen:
                return False
            if levering is None:
                # The row is written before the e-mail and its lock held until it has gone:
                # a second run waits here, then finds it sent.
                levering = Arkivlevering.objects.create(
                    **nokkel,
                    dokumenttype=dokument.dokumenttype,
                    filnavn=dokument.filnavn,
                    sjekksum=dokument.sjekksum,
                    sendt=timezone.now(),
                )
            epost = EmailMessage(
                subject=_("Arkivdokument %(tittel)s") % {"tittel": dokument.tittel},
                body=_(
                    "Vedlagt er arkivdokumentet (PDF/A) og metadata (XML) for %(tittel)s. "
                    "Saksnummer: %(saksnummer)s."
                )
                % {"tittel": dokument.tittel, "saksnummer": dokument.saksnummer or "–"},
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[settings.ARKIV_EPOST],
            )
            epost.attach(dokument.filnavn, dokument.pdf, "application/pdf")
            epost.attach(dokument.metadata_filnavn, metadata_xml(dokument), "application/xml")
            epost.send()
            levering.sjekksum, levering.sendt = dokument.sjekksum, timezone.now()
            levering.save(update_fields=["sjekksum", "sendt"])
    except IntegrityError:
        return False  # another run sent it at the same time
    return True


def lever_etter_commit(lag: Callable[[], Arkivdokument]) -> None:
    """Makes and sends the document once the decision is committed; a failed delivery is logged."""
    if not settings.ARKIV_EPOST:
        return

    def send():
        try:
            lever(lag())
        except Exception:
            logger.exception("Arkivdokumentet kunne ikke sendes; send det med «manage.py arkiv».")

    transaction.on_commit(send)
