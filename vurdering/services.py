"""Every write and state transition of an application (vurdering)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kanaler.models import Kanal
from kanaler.roller import radgivere, roller_for
from kanaler.saksnummer import saksnummer_renset
from kanaler.services.felles import BEGRUNNELSE_MAKS, avvis, begrunnelse_renset, las_og_les
from kanaler.services.kontroll import FEIL_STEDFORTREDER_ER_ANSVARLIG
from kanaler.services.register import kanal_opprett_fra_vurdering
from kanaler.varsler import send_epost

from .arkiv.levering import arkiver_beslutning
from .fullstendighet import steg_kontroll, uten_svar
from .models import Vurdering
from .retningslinjer import RETNINGSLINJER
from .steg import Steg

FEIL_IKKE_AKTIV = _("Brukeren er ikke aktiv.")
FEIL_IKKE_INNSENDER = _("Bare den som opprettet søknaden kan endre, sende inn eller trekke den.")
FEIL_KAN_IKKE_ENDRES = _(
    "Søknaden er sendt inn eller behandlet og kan ikke endres. Du kan endre den igjen hvis "
    "kommunikasjonsrådgiver sender den tilbake til deg."
)
FEIL_UKJENT_FELT = _("Svaret hører ikke til dette steget.")
FEIL_TIMER = _("Timer per uke må være et positivt tall.")
FEIL_ALLEREDE_SENDT_INN = _("Søknaden er allerede sendt inn.")
FEIL_KAN_IKKE_SENDES_INN = _("Bare et utkast eller en søknad som er sendt tilbake kan sendes inn.")
FEIL_UFULLSTENDIG = _("Søknaden kan ikke sendes inn før alle stegene er fullført. Se over: %(steg)s.")
FEIL_ALLEREDE_TRUKKET = _("Søknaden er allerede trukket.")
FEIL_KAN_IKKE_TREKKES = _("En søknad som er godkjent eller avslått kan ikke trekkes.")
# Decisions by the communications adviser.
FEIL_IKKE_RADGIVER = _("Bare kommunikasjonsrådgivere kan behandle søknader.")
FEIL_IKKE_SENDT_INN = _(
    "Søknaden kan ikke behandles fordi den ikke venter på behandling (status: %(status)s). "
    "Den kan allerede være behandlet av en annen."
)
FEIL_EGEN_SOKNAD = _(
    "Du kan ikke behandle en søknad du har sendt inn selv. En annen kommunikasjonsrådgiver må behandle den."
)
FEIL_KOMMENTAR_MANGLER = _("Skriv en kommentar om hva søkeren må endre.")
FEIL_BEGRUNNELSE_MANGLER = _("Skriv en begrunnelse for avslaget.")
FEIL_MANGLER_OPPLYSNINGER = _(
    "Søknaden mangler virksomhet, plattform, navn eller ansvarlig og kan ikke godkjennes. Send den tilbake."
)
FEIL_SAKSNUMMER_MANGLER = _("Skriv saksnummeret.")
FEIL_SAKSNUMMER_STATUS = _("Saksnummer kan bare føres på en søknad som er sendt inn.")
KOMMENTAR_MAKS = BEGRUNNELSE_MAKS

REDIGERBARE = (Vurdering.Status.UTKAST, Vurdering.Status.SENDT_TILBAKE)
TREKKBARE = (Vurdering.Status.UTKAST, Vurdering.Status.SENDT_INN, Vurdering.Status.SENDT_TILBAKE)


def _las_egen_soknad(vurdering: Vurdering, av: User) -> Vurdering:
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
    """En innlogget ansatt oppretter et nytt, tomt utkast, eller får igjen sitt urørte utkast."""
    if not av.is_active:
        raise ValidationError(FEIL_IKKE_AKTIV)
    list(User.objects.select_for_update().filter(pk=av.pk).values_list("pk"))  # one start at a time
    mine_utkast = Vurdering.objects.filter(innsender=av, status=Vurdering.Status.UTKAST)
    urort = mine_utkast.filter(uten_svar()).order_by("-pk").first()
    if urort is not None:
        return urort
    vurdering = Vurdering(innsender=av, status=Vurdering.Status.UTKAST)
    vurdering._history_user = av
    vurdering.save()
    return vurdering


@transaction.atomic
def vurdering_lagre_steg(*, vurdering: Vurdering, av: User, steg: Steg, svar: dict) -> Vurdering:
    """Søkeren lagrer svarene i ett steg i sitt eget utkast (eller en søknad sendt tilbake)."""
    vurdering = _las_egen_soknad(vurdering, av)
    if vurdering.status not in REDIGERBARE:
        raise ValidationError(FEIL_KAN_IKKE_ENDRES)
    if not set(svar) <= set(steg.felter):
        raise ValidationError(FEIL_UKJENT_FELT)
    for navn, verdi in svar.items():
        setattr(vurdering, navn, verdi)
    if vurdering.ansvarlig_id and vurdering.ansvarlig_id == vurdering.stedfortreder_id:
        raise ValidationError(FEIL_STEDFORTREDER_ER_ANSVARLIG)
    if vurdering.timer_per_uke is not None and vurdering.timer_per_uke <= 0:
        raise ValidationError(FEIL_TIMER)
    vurdering.save()
    return vurdering


@transaction.atomic
def vurdering_send_inn(*, vurdering: Vurdering, av: User) -> Vurdering:
    """Søkeren sender inn sitt utkast (eller en søknad sendt tilbake) når alle stegene er fullført."""
    vurdering = _las_egen_soknad(vurdering, av)
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
    vurdering = _las_egen_soknad(vurdering, av)
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


def _beslutning_hindring(vurdering: Vurdering, av) -> str | None:
    """Why `av` cannot decide the application now, whatever the decision, or None."""
    if not roller_for(av).radgiver:
        return FEIL_IKKE_RADGIVER
    if vurdering.status != Vurdering.Status.SENDT_INN:
        return FEIL_IKKE_SENDT_INN % {"status": vurdering.get_status_display()}
    if vurdering.innsender_id == av.pk:
        return FEIL_EGEN_SOKNAD
    return None


# One rule per decision: why `av` cannot take it on the application as it stands, or None. The
# service refuses with that reason and the workspace shows it instead of the button or the form.


def vurdering_godkjenn_hindring(*, vurdering: Vurdering, av) -> str | None:
    """Why `av` cannot approve the application now, or None."""
    if hindring := _beslutning_hindring(vurdering, av):
        return hindring
    pakrevd = (vurdering.virksomhet_id, vurdering.plattform, vurdering.foreslatt_navn, vurdering.ansvarlig_id)
    if not all(pakrevd):
        return FEIL_MANGLER_OPPLYSNINGER
    return None


def vurdering_send_tilbake_hindring(*, vurdering: Vurdering, av) -> str | None:
    """Why `av` cannot send the application back now, or None."""
    return _beslutning_hindring(vurdering, av)


def vurdering_avslaa_hindring(*, vurdering: Vurdering, av) -> str | None:
    """Why `av` cannot reject the application now, or None."""
    return _beslutning_hindring(vurdering, av)


def _las_til_beslutning(vurdering: Vurdering, av, hindring) -> Vurdering:
    """Locks the application and refuses with the decision's rule if this adviser cannot take it now."""
    med_personer = Vurdering.objects.select_related("innsender", "virksomhet", "ansvarlig", "stedfortreder")
    vurdering = las_og_les(med_personer, vurdering.pk)
    avvis(hindring(vurdering=vurdering, av=av))
    return vurdering


def _avslutt(
    vurdering: Vurdering, *, av, status: str, begrunnelse: str, grunn: str, saksnummer: str = ""
) -> Vurdering:
    vurdering.saksnummer = saksnummer or vurdering.saksnummer
    vurdering.status = status
    vurdering.behandlet_av = av
    vurdering.behandlet = timezone.now()
    vurdering.begrunnelse = begrunnelse
    vurdering._change_reason = grunn
    vurdering._history_user = av
    vurdering.save()
    arkiver_beslutning(vurdering)
    return vurdering


def _varsle_innsender(vurdering: Vurdering, mal: str) -> None:
    send_epost(mottakere=[vurdering.innsender.email], mal=mal, kontekst={"vurdering": vurdering})


@transaction.atomic
def vurdering_godkjenn(*, vurdering: Vurdering, av, kommentar: str = "", saksnummer: str = "") -> Kanal:
    """Kommunikasjonsrådgiver godkjenner en innsendt søknad; oppretter kanalen."""
    vurdering = _las_til_beslutning(vurdering, av, vurdering_godkjenn_hindring)
    saksnummer = saksnummer_renset(saksnummer) or vurdering.saksnummer
    kommentar = (kommentar or "").strip()
    if len(kommentar) > KOMMENTAR_MAKS:
        raise ValidationError(_("Kommentaren kan være høyst %(maks)s tegn."), params={"maks": KOMMENTAR_MAKS})
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
        saksnummer=saksnummer,
    )
    vurdering.kanal = kanal
    _avslutt(
        vurdering,
        av=av,
        status=Vurdering.Status.GODKJENT,
        begrunnelse=kommentar,
        grunn=_("Godkjent"),
        saksnummer=saksnummer,
    )
    _varsle_innsender(vurdering, "vurdering_godkjent")
    return kanal


@transaction.atomic
def vurdering_send_tilbake(*, vurdering: Vurdering, av, kommentar: str, saksnummer: str = "") -> Vurdering:
    """Kommunikasjonsrådgiver sender en innsendt søknad tilbake til søkeren for endring, med kommentar."""
    vurdering = _las_til_beslutning(vurdering, av, vurdering_send_tilbake_hindring)
    saksnummer = saksnummer_renset(saksnummer)
    kommentar = begrunnelse_renset(kommentar, feil_mangler=FEIL_KOMMENTAR_MANGLER)
    _avslutt(
        vurdering,
        av=av,
        status=Vurdering.Status.SENDT_TILBAKE,
        begrunnelse=kommentar,
        grunn=_("Sendt tilbake for endring"),
        saksnummer=saksnummer,
    )
    _varsle_innsender(vurdering, "vurdering_sendt_tilbake")
    return vurdering


@transaction.atomic
def vurdering_avslaa(*, vurdering: Vurdering, av, begrunnelse: str, saksnummer: str = "") -> Vurdering:
    """Kommunikasjonsrådgiver avslår en innsendt søknad, med begrunnelse."""
    vurdering = _las_til_beslutning(vurdering, av, vurdering_avslaa_hindring)
    saksnummer = saksnummer_renset(saksnummer)
    begrunnelse = begrunnelse_renset(begrunnelse, feil_mangler=FEIL_BEGRUNNELSE_MANGLER)
    _avslutt(
        vurdering,
        av=av,
        status=Vurdering.Status.AVSLATT,
        begrunnelse=begrunnelse,
        grunn=_("Avslått"),
        saksnummer=saksnummer,
    )
    _varsle_innsender(vurdering, "vurdering_avslatt")
    return vurdering


@transaction.atomic
def vurdering_sett_saksnummer(*, vurdering: Vurdering, av, saksnummer: str) -> Vurdering:
    """Kommunikasjonsrådgiver fører inn (eller retter) arkivets saksnummer på en innsendt søknad."""
    if not roller_for(av).radgiver:
        raise ValidationError(FEIL_IKKE_RADGIVER)
    saksnummer = saksnummer_renset(saksnummer)
    if not saksnummer:
        raise ValidationError({"saksnummer": FEIL_SAKSNUMMER_MANGLER})
    vurdering = Vurdering.objects.select_for_update(of=("self",)).get(pk=vurdering.pk)
    if vurdering.status in (Vurdering.Status.UTKAST, Vurdering.Status.TRUKKET):
        raise ValidationError(FEIL_SAKSNUMMER_STATUS)
    vurdering.saksnummer = saksnummer
    vurdering._change_reason = _("Saksnummer %(nr)s") % {"nr": saksnummer}
    vurdering._history_user = av
    vurdering.save(update_fields=["saksnummer", "endret"])
    return vurdering
