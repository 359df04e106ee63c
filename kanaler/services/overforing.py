"""The handover of every channel of one person to another (overføring)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..hurtiglager import register_endret
from ..models import Kanal, Plattformtilgang
from ..varsler import send_epost
from .felles import begrunnelse_renset, krev_radgiver, lagre_kanal

User = get_user_model()

FEIL_OVERFORING_TIL_SAMME_PERSON = _("Kanalene kan ikke overføres til samme person.")
FEIL_MOTTAKER_INAKTIV = _("Mottakeren er deaktivert og kan ikke ha ansvar for kanaler.")
FEIL_OVERFORING_BEGRUNNELSE_MANGLER = _("Skriv en begrunnelse for overføringen.")
FEIL_INGEN_KANALER = _("Personen er ikke ansvarlig eller stedfortreder for noen kanaler som ikke er nedlagt.")


@dataclass
class Overforing:
    flyttet: list[Kanal] = field(default_factory=list)
    stedfortreder_fjernet: list[Kanal] = field(default_factory=list)
    roller_flyttet: list[Plattformtilgang] = field(default_factory=list)  # the new rows, held by `til`


def plattformroller_for(person: User):
    """The platform roles a person holds now on channels not closed (the handover page lists them)."""
    return (
        Plattformtilgang.objects.filter(ansatt=person, fjernet__isnull=True)
        .exclude(kanal__status=Kanal.Status.NEDLAGT)
        .select_related("kanal")
        .order_by("kanal__navn", "pk")
    )


def _flytt_roller(
    kanaler: list[Kanal], *, fra: User, til: User, av: User, grunn: str
) -> list[Plattformtilgang]:
    """Each role `fra` holds on these channels is ended and given to `til` (unless til holds one there)."""
    idag = timezone.localdate()
    har_allerede = set(
        Plattformtilgang.objects.filter(ansatt=til, fjernet__isnull=True, kanal__in=kanaler).values_list(
            "kanal_id", flat=True
        )
    )
    nye = []
    for tilgang in Plattformtilgang.objects.select_for_update().filter(
        ansatt=fra, fjernet__isnull=True, kanal__in=kanaler
    ):
        tilgang.fjernet = max(idag, tilgang.siden)
        tilgang._history_user, tilgang._change_reason = av, grunn
        tilgang.save()
        if tilgang.kanal_id in har_allerede:
            continue
        # Whether the new holder uses two-factor is not known yet: flagged until someone confirms it.
        ny = Plattformtilgang(
            kanal_id=tilgang.kanal_id, ansatt=til, rolle=tilgang.rolle, tofaktor=False, siden=idag
        )
        ny._history_user, ny._change_reason = av, grunn
        ny.save()
        nye.append(ny)
    register_endret()
    return nye


@transaction.atomic
def kanal_overfor(
    *, fra: User, til: User, av: User, begrunnelse: str, flytt_plattformroller: bool = False
) -> Overforing:
    """Kommunikasjonsrådgiver flytter alle kanaler en person er ansvarlig eller stedfortreder for.

    Ville mottakeren blitt både ansvarlig og stedfortreder for samme kanal, fjernes stedfortrederen
    (kanalen flagges da som uten stedfortreder), så resten av overføringen ikke stopper. Rollene
    personen har på plattformene følger med bare når rådgiveren ber om det (flytt_plattformroller).
    """
    krev_radgiver(av)
    begrunnelse = begrunnelse_renset(
        begrunnelse, feil_mangler=FEIL_OVERFORING_BEGRUNNELSE_MANGLER, felt="begrunnelse"
    )
    if fra.pk == til.pk:
        raise ValidationError({"til": FEIL_OVERFORING_TIL_SAMME_PERSON})
    til = User.objects.select_for_update().get(pk=til.pk)
    if not til.is_active:
        raise ValidationError({"til": FEIL_MOTTAKER_INAKTIV})
    kanaler = list(
        Kanal.objects.select_for_update()
        .exclude(status=Kanal.Status.NEDLAGT)
        .filter(Q(ansvarlig=fra) | Q(stedfortreder=fra))
        .order_by("pk")
    )
    if not kanaler:
        raise ValidationError({"fra": FEIL_INGEN_KANALER})
    resultat = Overforing()
    grunn = _("Overføring: %(begrunnelse)s") % {"begrunnelse": begrunnelse}
    for kanal in kanaler:
        if kanal.ansvarlig_id == fra.pk:
            kanal.ansvarlig = til
        if kanal.stedfortreder_id == fra.pk:
            kanal.stedfortreder = til
        if kanal.stedfortreder_id == kanal.ansvarlig_id:
            kanal.stedfortreder = None
            resultat.stedfortreder_fjernet.append(kanal)
        lagre_kanal(kanal, av=av, grunn=grunn, felter=["ansvarlig", "stedfortreder"])
        resultat.flyttet.append(kanal)
    if flytt_plattformroller:
        resultat.roller_flyttet = _flytt_roller(kanaler, fra=fra, til=til, av=av, grunn=grunn)
    send_epost(
        mottakere=[til.email],
        mal="kanal_overfort",
        kontekst={"til": til, "fra": fra, "av": av, "begrunnelse": begrunnelse, "kanaler": resultat.flyttet},
    )
    return resultat
