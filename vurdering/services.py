"""Every write and state transition of an application (vurdering)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kanaler.roller import radgivere
from kanaler.varsler import send_epost

from .forms import steg_kontroll
from .models import Vurdering
from .retningslinjer import RETNINGSLINJER
from .steg import Steg

FEIL_IKKE_AKTIV = gettext_lazy("Brukeren er ikke aktiv.")
FEIL_IKKE_INNSENDER = gettext_lazy("Bare den som opprettet søknaden kan endre, sende inn eller trekke den.")
FEIL_KAN_IKKE_ENDRES = gettext_lazy(
    "Søknaden er sendt inn eller behandlet og kan ikke endres. Du kan endre den igjen hvis "
    "kommunikasjonsrådgiver sender den tilbake til deg."
)
FEIL_UKJENT_FELT = gettext_lazy("Svaret hører ikke til dette steget.")
FEIL_SAMME_PERSON = gettext_lazy("Ansvarlig og stedfortreder må være to forskjellige personer.")
FEIL_TIMER = gettext_lazy("Timer per uke må være et positivt tall.")
FEIL_ALLEREDE_SENDT_INN = gettext_lazy("Søknaden er allerede sendt inn.")
FEIL_KAN_IKKE_SENDES_INN = gettext_lazy("Bare et utkast eller en søknad som er sendt tilbake kan sendes inn.")
FEIL_UFULLSTENDIG = gettext_lazy(
    "Søknaden kan ikke sendes inn før alle stegene er fullført. Se over: %(steg)s."
)
FEIL_ALLEREDE_TRUKKET = gettext_lazy("Søknaden er allerede trukket.")
FEIL_KAN_IKKE_TREKKES = gettext_lazy("En søknad som er godkjent eller avslått kan ikke trekkes.")

REDIGERBARE = (Vurdering.Status.UTKAST, Vurdering.Status.SENDT_TILBAKE)
TREKKBARE = (Vurdering.Status.UTKAST, Vurdering.Status.SENDT_INN, Vurdering.Status.SENDT_TILBAKE)


def _las(vurdering: Vurdering, av: User) -> Vurdering:
    """The application locked for this transaction, after checking that `av` is its applicant."""
    if not av.is_active:
        raise ValidationError(FEIL_IKKE_AKTIV)
    laast = Vurdering.objects.select_for_update().get(pk=vurdering.pk)
    if laast.innsender_id != av.pk:
        raise ValidationError(FEIL_IKKE_INNSENDER)
    laast._history_user = av
    return laast


def _admin_lenke(vurdering: Vurdering) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("admin:vurdering_vurdering_change", args=[vurdering.pk])


@transaction.atomic
def vurdering_opprett(*, av: User) -> Vurdering:
    """En innlogget ansatt oppretter et nytt, tomt utkast til søknad."""
    if not av.is_active:
        raise ValidationError(FEIL_IKKE_AKTIV)
    vurdering = Vurdering(innsender=av, status=Vurdering.Status.UTKAST)
    vurdering._history_user = av
    vurdering.save()
    return vurdering


@transaction.atomic
def vurdering_lagre_steg(*, vurdering: Vurdering, av: User, steg: Steg, svar: dict) -> Vurdering:
    """Søkeren lagrer svarene i ett steg i sitt eget utkast (eller en søknad sendt tilbake)."""
    vurdering = _las(vurdering, av)
    if vurdering.status not in REDIGERBARE:
        raise ValidationError(FEIL_KAN_IKKE_ENDRES)
    if not set(svar) <= set(steg.felter):
        raise ValidationError(FEIL_UKJENT_FELT)
    for navn, verdi in svar.items():
        setattr(vurdering, navn, verdi)
    if vurdering.ansvarlig_id and vurdering.ansvarlig_id == vurdering.stedfortreder_id:
        raise ValidationError(FEIL_SAMME_PERSON)
    if vurdering.timer_per_uke is not None and vurdering.timer_per_uke <= 0:
        raise ValidationError(FEIL_TIMER)
    vurdering.save()
    return vurdering


@transaction.atomic
def vurdering_send_inn(*, vurdering: Vurdering, av: User) -> Vurdering:
    """Søkeren sender inn sitt utkast (eller en søknad sendt tilbake) når alle stegene er fullført."""
    vurdering = _las(vurdering, av)
    if vurdering.status == Vurdering.Status.SENDT_INN:
        raise ValidationError(FEIL_ALLEREDE_SENDT_INN, code="allerede_sendt_inn")
    if vurdering.status not in REDIGERBARE:
        raise ValidationError(FEIL_KAN_IKKE_SENDES_INN)
    mangler = [str(status.steg.tittel) for status in steg_kontroll(vurdering) if not status.fullfort]
    if mangler:
        raise ValidationError(FEIL_UFULLSTENDIG, params={"steg": ", ".join(mangler)})
    tilbakesendt = vurdering.status == Vurdering.Status.SENDT_TILBAKE
    # The texts as they stand now; steg_kontroll has checked that each one was confirmed.
    vurdering.bekreftede_retningslinjer = {nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER}
    vurdering.status = Vurdering.Status.SENDT_INN
    vurdering.innsendt = timezone.now()
    vurdering.save()
    send_epost(
        mottakere=radgivere().exclude(pk=av.pk).values_list("email", flat=True),
        mal="vurdering_sendt_inn",
        kontekst={"vurdering": vurdering, "lenke": _admin_lenke(vurdering), "tilbakesendt": tilbakesendt},
    )
    return vurdering


@transaction.atomic
def vurdering_trekk(*, vurdering: Vurdering, av: User) -> Vurdering:
    """Søkeren trekker sin egen søknad så lenge den ikke er godkjent eller avslått."""
    vurdering = _las(vurdering, av)
    if vurdering.status == Vurdering.Status.TRUKKET:
        raise ValidationError(FEIL_ALLEREDE_TRUKKET, code="allerede_trukket")
    if vurdering.status not in TREKKBARE:
        raise ValidationError(FEIL_KAN_IKKE_TREKKES)
    var_innsendt = vurdering.status == Vurdering.Status.SENDT_INN
    vurdering.status = Vurdering.Status.TRUKKET
    vurdering.save()
    if var_innsendt:
        send_epost(
            mottakere=radgivere().exclude(pk=av.pk).values_list("email", flat=True),
            mal="vurdering_trukket",
            kontekst={"vurdering": vurdering, "lenke": _admin_lenke(vurdering)},
        )
    return vurdering
