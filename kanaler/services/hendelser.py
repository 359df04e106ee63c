"""Incidents: an adviser marks an active channel compromised, ticks the runbook and ends the incident."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..hurtiglager import offentlig_endret
from ..models import Hendelse, Hendelsespunkt, Kanal
from ..roller import radgivere
from ..varsler import send_epost
from .felles import begrunnelse_renset, krev_radgiver, lagre_kanal, las_kanal, las_og_les

FEIL_IKKE_AKTIV = _("Bare aktive kanaler kan markeres som kompromittert.")
FEIL_ALLEREDE_KOMPROMITTERT = _("Kanalen er allerede markert som kompromittert.")
FEIL_BESKRIVELSE_MANGLER = _("Beskriv hva som skjedde.")
FEIL_OPPDAGET_FREMTID = _("Tidspunktet kan ikke være i fremtiden.")
FEIL_HENDELSE_AVSLUTTET = _("Hendelsen er allerede avsluttet.")
FEIL_PUNKT_UKJENT = _("Ukjent punkt i sjekklisten.")
FEIL_PUNKT_UTFORT = _("Punktet «%(punkt)s» er allerede krysset av.")
FEIL_OPPSUMMERING_MANGLER = _("Skriv en oppsummering av hendelsen.")
FEIL_SJEKKLISTE_UFERDIG = _("Kryss av hele sjekklisten før hendelsen avsluttes. Mangler: %(mangler)s.")


def _varsle(hendelse: Hendelse, kanal: Kanal, mal: str) -> None:
    """E-mails the responsible person, the deputy and the advisers."""
    personer = [kanal.ansvarlig, kanal.stedfortreder, *radgivere()]
    mottakere = [person.email for person in personer if person is not None and person.is_active]
    send_epost(mottakere=mottakere, mal=mal, kontekst={"kanal": kanal, "hendelse": hendelse})


@transaction.atomic
def hendelse_apne(*, kanal: Kanal, av, beskrivelse: str, oppdaget: datetime | None = None) -> Hendelse:
    """Kommunikasjonsrådgiver markerer en aktiv kanal som kompromittert; kanalen forblir aktiv."""
    krev_radgiver(av)
    beskrivelse = begrunnelse_renset(beskrivelse, feil_mangler=FEIL_BESKRIVELSE_MANGLER, felt="beskrivelse")
    naa = timezone.now()
    oppdaget = oppdaget or naa
    if oppdaget > naa:
        raise ValidationError({"oppdaget": FEIL_OPPDAGET_FREMTID})
    kanal = las_kanal(kanal)
    if kanal.status != Kanal.Status.AKTIV:
        raise ValidationError(FEIL_IKKE_AKTIV)
    if Hendelse.objects.filter(kanal=kanal, avsluttet__isnull=True).exists():
        raise ValidationError(FEIL_ALLEREDE_KOMPROMITTERT)
    try:
        with transaction.atomic():
            hendelse = Hendelse.objects.create(
                kanal=kanal, beskrivelse=beskrivelse, oppdaget=oppdaget, apnet=naa, apnet_av=av
            )
    except IntegrityError as feil:
        raise ValidationError(FEIL_ALLEREDE_KOMPROMITTERT) from feil
    lagre_kanal(kanal, av=av, grunn=_("Markert som kompromittert: %(hva)s") % {"hva": beskrivelse})
    offentlig_endret()
    _varsle(hendelse, kanal, "kanal_kompromittert")
    return hendelse


def _las_apen(hendelse: Hendelse) -> Hendelse:
    hendelse = las_og_les(Hendelse.objects.select_related("kanal"), hendelse.pk)
    if not hendelse.apen:
        raise ValidationError(FEIL_HENDELSE_AVSLUTTET)
    return hendelse


@transaction.atomic
def hendelse_kryss_av(*, hendelse: Hendelse, av, punkt: str) -> Hendelsespunkt:
    """Kommunikasjonsrådgiver krysser av ett punkt i sjekklisten til en åpen hendelse."""
    krev_radgiver(av)
    if punkt not in Hendelsespunkt.Punkt.values:
        raise ValidationError(FEIL_PUNKT_UKJENT)
    hendelse = _las_apen(hendelse)
    navn = Hendelsespunkt.Punkt(punkt).label
    if hendelse.punkter.filter(punkt=punkt).exists():
        raise ValidationError(FEIL_PUNKT_UTFORT, params={"punkt": navn})
    utfort = Hendelsespunkt.objects.create(hendelse=hendelse, punkt=punkt, utfort_av=av)
    lagre_kanal(las_kanal(hendelse.kanal), av=av, grunn=_("Hendelse: %(punkt)s") % {"punkt": navn})
    return utfort


@transaction.atomic
def hendelse_avslutt(*, hendelse: Hendelse, av, oppsummering: str) -> Hendelse:
    """Kommunikasjonsrådgiver avslutter en hendelse med oppsummering når hele sjekklisten er krysset av."""
    krev_radgiver(av)
    oppsummering = begrunnelse_renset(
        oppsummering, feil_mangler=FEIL_OPPSUMMERING_MANGLER, felt="oppsummering"
    )
    hendelse = _las_apen(hendelse)
    utfort = set(hendelse.punkter.values_list("punkt", flat=True))
    mangler = [str(punkt.label) for punkt in Hendelsespunkt.Punkt if punkt.value not in utfort]
    if mangler:
        raise ValidationError(FEIL_SJEKKLISTE_UFERDIG, params={"mangler": ", ".join(mangler)})
    kanal = las_kanal(hendelse.kanal)
    hendelse.avsluttet = timezone.now()
    hendelse.avsluttet_av = av
    hendelse.oppsummering = oppsummering
    hendelse.save(update_fields=["avsluttet", "avsluttet_av", "oppsummering"])
    lagre_kanal(kanal, av=av, grunn=_("Hendelse avsluttet: %(hva)s") % {"hva": oppsummering})
    offentlig_endret()
    _varsle(hendelse, kanal, "kanal_gjenopprettet")
    return hendelse
