"""Complete applications in every state, valid against the model's constraints."""

from django.utils import timezone

from tests.factories import KanalFactory, PersonvernombudFactory, RadgiverFactory, VurderingFactory
from vurdering.models import Uttalelse, Vurdering
from vurdering.retningslinjer import RETNINGSLINJER

ALLE_BEKREFTET = {nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER}


def soknad(status: str = "utkast", **kwargs) -> Vurdering:
    """A fully answered application in `status` (every guideline confirmed).

    Once submitted it carries the DPO's «tilrår» (the answers make it high-risk: vurdering.risiko);
    pass uttalelse="" and uttalelse_begrunnelse="", uttalelse_av=None, uttalelse_gitt=None to leave it out.
    """
    felter = {"bekreftede_retningslinjer": dict(ALLE_BEKREFTET)}
    if status != "utkast" and status != "trukket":
        felter["innsendt"] = timezone.now()
        felter.update(
            uttalelse=Uttalelse.TILRAR,
            uttalelse_begrunnelse="Risikoen er vurdert og tiltakene er tilstrekkelige.",
            uttalelse_av=PersonvernombudFactory(),
            uttalelse_gitt=timezone.now(),
        )
    if status in ("sendt_tilbake", "godkjent", "avslatt"):
        felter.update(behandlet=timezone.now(), behandlet_av=RadgiverFactory())
    if status == "sendt_tilbake":
        felter["begrunnelse"] = "Beskriv modereringen nærmere."
    if status == "avslatt":
        felter["begrunnelse"] = "Målgruppen nås allerede på kommunens hovedside."
    if status == "godkjent":
        felter["kanal"] = KanalFactory(under_opprettelse=True)
    felter.update(kwargs)
    return VurderingFactory(status=status, **felter)
