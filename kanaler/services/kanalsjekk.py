"""The daily channel check: reminders to responsible persons and one digest to the advisers."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Kanal, Paminnelse
from ..roller import radgivere
from ..selectors.oppfolging import (
    aktivitet_frist,
    kanaler_aktivitet_forfalt,
    kanaler_aktivitet_snart,
    kanaler_ansvarlig_deaktivert,
    kanaler_gjennomgang_forfalt,
    kanaler_gjennomgang_snart,
)
from ..varsler import send_epost


@dataclass
class Utsending:
    """One e-mail the channel check sends (or would send, in a dry run)."""

    type: str
    mottakere: list[str]
    kopi: list[str] = field(default_factory=list)
    kanal: Kanal | None = None
    kanaler: dict = field(default_factory=dict)


def _start_av_dag(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


@transaction.atomic
def kanalsjekk_kjor(*, idag: date | None = None, prov: bool = False) -> list[Utsending]:
    """The daily check: reminds responsible persons and sends the advisers one digest.

    Never sends the same kind of reminder for a channel twice within PAMINNELSE_INTERVALL_DAGER,
    so running it again the same day sends nothing. With prov=True nothing is sent or recorded.
    """
    idag = idag or timezone.localdate()
    utsendinger = _paminnelser(idag)
    sammendrag = _sammendrag(idag)
    if sammendrag:
        utsendinger.append(sammendrag)
    if prov:
        return utsendinger
    for utsending in utsendinger:
        if utsending.kanal is None:
            send_epost(
                mottakere=utsending.mottakere,
                mal="kanalsjekk_sammendrag",
                kontekst={"idag": idag, **utsending.kanaler},
            )
        else:
            send_epost(
                mottakere=utsending.mottakere,
                kopi=utsending.kopi,
                mal="kanalsjekk_paminnelse",
                kontekst={
                    "type": utsending.type,
                    "kanal": utsending.kanal,
                    "idag": idag,
                    "aktivitet_frist": aktivitet_frist(utsending.kanal),
                    "INAKTIV_ETTER_DAGER": settings.INAKTIV_ETTER_DAGER,
                },
            )
    Paminnelse.objects.bulk_create(
        Paminnelse(
            kanal=utsending.kanal,
            type=utsending.type,
            mottakere=", ".join([*utsending.mottakere, *utsending.kopi]),
        )
        for utsending in utsendinger
    )
    return utsendinger


def _paminnelser(idag: date) -> list[Utsending]:
    utvalg = {
        Paminnelse.Type.AKTIVITET_SNART: kanaler_aktivitet_snart(idag),
        Paminnelse.Type.AKTIVITET_FORFALT: kanaler_aktivitet_forfalt(idag),
        Paminnelse.Type.GJENNOMGANG_SNART: kanaler_gjennomgang_snart(idag),
        Paminnelse.Type.GJENNOMGANG_FORFALT: kanaler_gjennomgang_forfalt(idag),
    }
    aktuelle = Q()
    for qs in utvalg.values():
        aktuelle |= Q(pk__in=qs.values("pk"))
    # Lock the channels first, so a concurrent run waits and then sees this run's reminders;
    # the lock is taken without joins and the people are read after it (see las_og_les).
    laaste = list(Kanal.objects.select_for_update().filter(aktuelle).values_list("pk", flat=True))
    kanaler = Kanal.objects.filter(pk__in=laaste).select_related("ansvarlig", "stedfortreder", "virksomhet")
    kanaler = {kanal.pk: kanal for kanal in kanaler}
    nylig_sendt = set(
        Paminnelse.objects.filter(
            kanal__in=kanaler.keys(),
            sendt__gte=_start_av_dag(idag - timedelta(days=settings.PAMINNELSE_INTERVALL_DAGER - 1)),
        ).values_list("kanal_id", "type")
    )
    utsendinger = []
    for type_, qs in utvalg.items():
        for pk in qs.values_list("pk", flat=True).order_by("navn", "pk"):
            kanal = kanaler.get(pk)
            if kanal is None or (pk, type_.value) in nylig_sendt:
                continue
            ansvarlig = [kanal.ansvarlig.email] if kanal.ansvarlig.is_active else []
            stedfortreder = kanal.stedfortreder
            kopi = [stedfortreder.email] if stedfortreder and stedfortreder.is_active else []
            if not any(ansvarlig + kopi):
                continue  # nobody to remind: the advisers see it in the digest and the register
            utsendinger.append(Utsending(type=type_.value, mottakere=ansvarlig, kopi=kopi, kanal=kanal))
    return utsendinger


def _sammendrag(idag: date) -> Utsending | None:
    """What became inactive or overdue after the previous digest (everything, the first time)."""
    forrige = (
        Paminnelse.objects.select_for_update()
        .filter(type=Paminnelse.Type.SAMMENDRAG)
        .order_by("-sendt")
        .first()
    )
    fra = timezone.localdate(forrige.sendt) if forrige else None
    if fra is not None and fra >= idag:
        return None
    grense = idag - timedelta(days=settings.INAKTIV_ETTER_DAGER)
    inaktive = kanaler_aktivitet_forfalt(idag)
    forfalte = kanaler_gjennomgang_forfalt(idag)
    if fra is not None:
        forrige_grense = fra - timedelta(days=settings.INAKTIV_ETTER_DAGER)
        inaktive = inaktive.filter(aktiv_siden__gte=forrige_grense, aktiv_siden__lt=grense)
        forfalte = forfalte.filter(neste_gjennomgang__gte=fra)
    nye = {
        "inaktive": list(inaktive.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")),
        "forfalte": list(forfalte.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")),
    }
    if not nye["inaktive"] and not nye["forfalte"]:
        return None
    mottakere = [bruker.email for bruker in radgivere()]
    if not any(mottakere):
        return None
    nye["deaktivert_ansvarlig"] = list(
        kanaler_ansvarlig_deaktivert().select_related("ansvarlig").order_by("navn", "pk")
    )
    return Utsending(type=Paminnelse.Type.SAMMENDRAG.value, mottakere=mottakere, kanaler=nye)
