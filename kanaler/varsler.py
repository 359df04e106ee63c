"""E-mail notifications through Django's mail framework, rendered from bokmål templates."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Engine


def _ren_tekst(mal: str, kontekst: dict) -> str:
    """Renders a plain-text template: no HTML escaping, so «Kultur & fritid» stays as typed."""
    return Engine.get_default().get_template(mal).render(Context(kontekst, autoescape=False))


def send_epost(*, mottakere: Iterable[str], mal: str, kontekst: dict, kopi: Iterable[str] = ()) -> None:
    """Sends templates/epost/<mal>_emne.txt and <mal>.txt once the transaction commits."""
    adresser = sorted({adresse for adresse in mottakere if adresse})
    kopiadresser = sorted({adresse for adresse in kopi if adresse} - set(adresser))
    if not adresser:
        adresser, kopiadresser = kopiadresser, []
    if not adresser:
        return
    kontekst = {"KOMMUNE_NAVN": settings.KOMMUNE_NAVN, "SITE_URL": settings.SITE_URL.rstrip("/"), **kontekst}
    # One line: a line break in a name must never start a header of its own.
    emne = " ".join(_ren_tekst(f"epost/{mal}_emne.txt", kontekst).split())
    tekst = _ren_tekst(f"epost/{mal}.txt", kontekst)
    melding = EmailMessage(emne, tekst, None, adresser, cc=kopiadresser)
    transaction.on_commit(melding.send)
