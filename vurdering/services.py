"""Every write to an application and every application state transition."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kanaler.models import Kanal
from kanaler.roller import roller_for
from kanaler.services import BEGRUNNELSE_MAKS, begrunnelse_renset, kanal_opprett_fra_vurdering
from kanaler.varsler import send_epost

from .models import Vurdering

# --- Decisions by the communications adviser (issue 4) ---------------------------------

FEIL_IKKE_RADGIVER = _("Bare kommunikasjonsrådgivere kan behandle søknader.")
FEIL_IKKE_SENDT_INN = _(
    "Søknaden kan ikke behandles fordi den ikke venter på behandling (status: %(status)s). "
    "Den kan allerede være behandlet av en annen."
)
FEIL_EGEN_SOKNAD = _("Du kan ikke behandle en søknad du har sendt inn selv.")
FEIL_KOMMENTAR_MANGLER = _("Skriv en kommentar om hva søkeren må endre.")
FEIL_BEGRUNNELSE_MANGLER = _("Skriv en begrunnelse for avslaget.")
FEIL_MANGLER_OPPLYSNINGER = _(
    "Søknaden mangler virksomhet, plattform, navn eller ansvarlig og kan ikke godkjennes. Send den tilbake."
)
KOMMENTAR_MAKS = BEGRUNNELSE_MAKS


def _last_til_beslutning(vurdering: Vurdering, av) -> Vurdering:
    """Locks the application and checks that this adviser may decide it now."""
    if not roller_for(av).radgiver:
        raise ValidationError(FEIL_IKKE_RADGIVER)
    vurdering = (
        Vurdering.objects.select_for_update(of=("self",))
        .select_related("innsender", "virksomhet", "ansvarlig", "stedfortreder")
        .get(pk=vurdering.pk)
    )
    if vurdering.status != Vurdering.Status.SENDT_INN:
        raise ValidationError(FEIL_IKKE_SENDT_INN, params={"status": vurdering.get_status_display()})
    if vurdering.innsender_id == av.pk:
        raise ValidationError(FEIL_EGEN_SOKNAD)
    return vurdering


def _avslutt(vurdering: Vurdering, *, av, status: str, begrunnelse: str, grunn: str) -> Vurdering:
    vurdering.status = status
    vurdering.behandlet_av = av
    vurdering.behandlet = timezone.now()
    vurdering.begrunnelse = begrunnelse
    vurdering._change_reason = grunn
    vurdering._history_user = av
    vurdering.save()
    return vurdering


def _varsle_innsender(vurdering: Vurdering, mal: str) -> None:
    send_epost(mottakere=[vurdering.innsender.email], mal=mal, kontekst={"vurdering": vurdering})


@transaction.atomic
def vurdering_godkjenn(*, vurdering: Vurdering, av, kommentar: str = "") -> Kanal:
    """Kommunikasjonsrådgiver godkjenner en innsendt søknad; oppretter kanalen."""
    vurdering = _last_til_beslutning(vurdering, av)
    kommentar = (kommentar or "").strip()
    if len(kommentar) > KOMMENTAR_MAKS:
        raise ValidationError(_("Kommentaren kan være høyst %(maks)s tegn."), params={"maks": KOMMENTAR_MAKS})
    pakrevd = (vurdering.virksomhet, vurdering.plattform, vurdering.foreslatt_navn, vurdering.ansvarlig)
    if not all(pakrevd):
        raise ValidationError(FEIL_MANGLER_OPPLYSNINGER)
    kanal = kanal_opprett_fra_vurdering(
        navn=vurdering.foreslatt_navn,
        plattform=vurdering.plattform,
        url=vurdering.eksisterende_url,
        virksomhet=vurdering.virksomhet,
        malgruppe=vurdering.malgruppe,
        ansvarlig=vurdering.ansvarlig,
        stedfortreder=vurdering.stedfortreder,
        administrator=av,
        referanse=vurdering.referanse,
    )
    vurdering.kanal = kanal
    _avslutt(vurdering, av=av, status=Vurdering.Status.GODKJENT, begrunnelse=kommentar, grunn=_("Godkjent"))
    _varsle_innsender(vurdering, "vurdering_godkjent")
    return kanal


@transaction.atomic
def vurdering_send_tilbake(*, vurdering: Vurdering, av, kommentar: str) -> Vurdering:
    """Kommunikasjonsrådgiver sender en innsendt søknad tilbake til søkeren for endring, med kommentar."""
    vurdering = _last_til_beslutning(vurdering, av)
    kommentar = begrunnelse_renset(kommentar, feil_mangler=FEIL_KOMMENTAR_MANGLER)
    _avslutt(
        vurdering,
        av=av,
        status=Vurdering.Status.SENDT_TILBAKE,
        begrunnelse=kommentar,
        grunn=_("Sendt tilbake for endring"),
    )
    _varsle_innsender(vurdering, "vurdering_sendt_tilbake")
    return vurdering


@transaction.atomic
def vurdering_avslaa(*, vurdering: Vurdering, av, begrunnelse: str) -> Vurdering:
    """Kommunikasjonsrådgiver avslår en innsendt søknad, med begrunnelse."""
    vurdering = _last_til_beslutning(vurdering, av)
    begrunnelse = begrunnelse_renset(begrunnelse, feil_mangler=FEIL_BEGRUNNELSE_MANGLER)
    _avslutt(vurdering, av=av, status=Vurdering.Status.AVSLATT, begrunnelse=begrunnelse, grunn=_("Avslått"))
    _varsle_innsender(vurdering, "vurdering_avslatt")
    return vurdering
