"""The handover of every channel of one person to another (overføring)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Kanal
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


@transaction.atomic
def kanal_overfor(*, fra: User, til: User, av: User, begrunnelse: str) -> Overforing:
    """Kommunikasjonsrådgiver flytter alle kanaler en person er ansvarlig eller stedfortreder for.

    Ville mottakeren blitt både ansvarlig og stedfortreder for samme kanal, fjernes stedfortrederen
    (kanalen flagges da som uten stedfortreder), så resten av overføringen ikke stopper.
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
    send_epost(
        mottakere=[til.email],
        mal="kanal_overfort",
        kontekst={"til": til, "fra": fra, "av": av, "begrunnelse": begrunnelse, "kanaler": resultat.flyttet},
    )
    return resultat
