"""Follow-up by the responsible person or deputy: activity confirmed, the yearly review done."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Aktivitetsbekreftelse, Gjennomgang, Kanal
from ..roller import radgivere
from ..varsler import send_epost
from .felles import lagre_kanal, om_ett_aar

User = get_user_model()

FEIL_KANAL_NEDLAGT = _("Kanalen er nedlagt. Den kan ikke følges opp lenger.")
FEIL_KANAL_IKKE_AKTIV = _("Aktivitet kan bare bekreftes for aktive kanaler.")
FEIL_IKKE_ANSVARLIG = _("Bare ansvarlig eller stedfortreder for kanalen kan gjøre dette.")
FEIL_FREMTIDIG_DATO = _("Datoen for siste innlegg kan ikke være frem i tid.")
FEIL_FOR_GAMMEL_DATO = _("Datoen for siste innlegg kan ikke være før kanalen ble aktivert.")

ENDRING_AKTIVITET = _("Aktivitet bekreftet")
ENDRING_GJENNOMGANG = _("Årlig gjennomgang")


def _las_egen_kanal(kanal: Kanal, av) -> Kanal:
    """Locks a channel the user is responsible or deputy for; refuses others and closed ones."""
    kanal = Kanal.objects.select_for_update().get(pk=kanal.pk)
    if av.pk not in (kanal.ansvarlig_id, kanal.stedfortreder_id):
        raise ValidationError(FEIL_IKKE_ANSVARLIG)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_KANAL_NEDLAGT)
    return kanal


@transaction.atomic
def kanal_bekreft_aktivitet(
    *, kanal: Kanal, av: User, siste_innlegg: date, merknad: str = ""
) -> Aktivitetsbekreftelse:
    """Ansvarlig eller stedfortreder bekrefter at en aktiv kanal er i bruk."""
    kanal = _las_egen_kanal(kanal, av)
    if kanal.status != Kanal.Status.AKTIV:
        raise ValidationError(FEIL_KANAL_IKKE_AKTIV)
    if siste_innlegg > timezone.localdate():
        raise ValidationError({"siste_innlegg": FEIL_FREMTIDIG_DATO})
    if kanal.aktivert and siste_innlegg < kanal.aktivert:
        raise ValidationError({"siste_innlegg": FEIL_FOR_GAMMEL_DATO})
    bekreftelse = Aktivitetsbekreftelse.objects.create(
        kanal=kanal, bekreftet_av=av, siste_innlegg=siste_innlegg, merknad=merknad.strip()
    )
    if kanal.sist_aktiv is None or siste_innlegg > kanal.sist_aktiv:
        kanal.sist_aktiv = siste_innlegg
        lagre_kanal(kanal, av=av, grunn=ENDRING_AKTIVITET, felter=["sist_aktiv"])
    return bekreftelse


@transaction.atomic
def kanal_gjennomgang(
    *,
    kanal: Kanal,
    av: User,
    formal_gyldig: bool,
    personer_riktige: bool,
    ressurser_finnes: bool,
    retningslinjer_fulgt: bool,
    fortsatt_behov: bool,
    merknad: str = "",
) -> Gjennomgang:
    """Ansvarlig eller stedfortreder gjør den årlige gjennomgangen; neste gjennomgang flyttes ett år frem.

    Et «nei» på et spørsmål varsler kommunikasjonsrådgiverne, som følger opp eller legger ned kanalen.
    """
    kanal = _las_egen_kanal(kanal, av)
    gjennomgang = Gjennomgang.objects.create(
        kanal=kanal,
        utfort_av=av,
        formal_gyldig=formal_gyldig,
        personer_riktige=personer_riktige,
        ressurser_finnes=ressurser_finnes,
        retningslinjer_fulgt=retningslinjer_fulgt,
        fortsatt_behov=fortsatt_behov,
        merknad=merknad.strip(),
    )
    kanal.neste_gjennomgang = om_ett_aar(timezone.localdate())
    lagre_kanal(kanal, av=av, grunn=ENDRING_GJENNOMGANG, felter=["neste_gjennomgang"])
    if gjennomgang.trenger_oppfolging:
        mottakere = [bruker.email for bruker in radgivere()]
        if kanal.administrator.is_active:
            mottakere.append(kanal.administrator.email)
        send_epost(
            mottakere=mottakere,
            mal="gjennomgang_oppfolging",
            kontekst={"kanal": kanal, "gjennomgang": gjennomgang, "av": av, "nei": gjennomgang.nei_svar},
        )
    return gjennomgang
