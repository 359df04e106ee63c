"""Every write to the register: keyword-only, one transaction, the row locked, the rule checked here."""

# --- Oppfølging av kanaler (issue 6): aktivitet, årlig gjennomgang, påminnelser, overføring ---

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Aktivitetsbekreftelse, Gjennomgang, Kanal, Paminnelse
from .roller import radgivere, roller_for
from .selectors import (
    aktivitet_frist,
    kanaler_aktivitet_forfalt,
    kanaler_aktivitet_snart,
    kanaler_ansvarlig_deaktivert,
    kanaler_gjennomgang_forfalt,
    kanaler_gjennomgang_snart,
)
from .varsler import send_epost

FEIL_KANAL_NEDLAGT = "Kanalen er nedlagt. Den kan ikke følges opp lenger."
FEIL_KANAL_IKKE_AKTIV = "Aktivitet kan bare bekreftes for aktive kanaler."
FEIL_IKKE_ANSVARLIG = "Bare ansvarlig eller stedfortreder for kanalen kan gjøre dette."
FEIL_FREMTIDIG_DATO = "Datoen for siste innlegg kan ikke være frem i tid."
FEIL_FOR_GAMMEL_DATO = "Datoen for siste innlegg kan ikke være før kanalen ble aktivert."
FEIL_IKKE_RADGIVER = "Bare kommunikasjonsrådgivere kan overføre kanaler."
FEIL_SAMME_PERSON = "Kanalene kan ikke overføres til samme person."
FEIL_MOTTAKER_INAKTIV = "Mottakeren er deaktivert og kan ikke ha ansvar for kanaler."
FEIL_BEGRUNNELSE_MANGLER = "Skriv en begrunnelse for overføringen."
BEGRUNNELSE_MAKS = 85  # the history's change reason holds 100 characters, prefix included
FEIL_BEGRUNNELSE_FOR_LANG = f"Begrunnelsen kan være høyst {BEGRUNNELSE_MAKS} tegn."
FEIL_INGEN_KANALER = "Personen er ikke ansvarlig eller stedfortreder for noen kanaler som ikke er nedlagt."

ENDRING_AKTIVITET = "Aktivitet bekreftet"
ENDRING_GJENNOMGANG = "Årlig gjennomgang"


def _et_ar_etter(dag: date) -> date:
    try:
        return dag.replace(year=dag.year + 1)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + 1, day=28)


def _lagre_med_historikk(kanal: Kanal, *, av: User, grunn: str, felter: list[str]) -> None:
    kanal._history_user = av
    kanal._change_reason = grunn[:100]
    kanal.save(update_fields=[*felter, "endret"])


def _lock_own_channel(kanal: Kanal, av: User) -> Kanal:
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
    kanal = _lock_own_channel(kanal, av)
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
        _lagre_med_historikk(kanal, av=av, grunn=ENDRING_AKTIVITET, felter=["sist_aktiv"])
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
    kanal = _lock_own_channel(kanal, av)
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
    kanal.neste_gjennomgang = _et_ar_etter(timezone.localdate())
    _lagre_med_historikk(kanal, av=av, grunn=ENDRING_GJENNOMGANG, felter=["neste_gjennomgang"])
    nei = [
        str(Gjennomgang._meta.get_field(navn).verbose_name)
        for navn in ("formal_gyldig", "personer_riktige", "ressurser_finnes", "retningslinjer_fulgt")
        if not getattr(gjennomgang, navn)
    ]
    if nei or not fortsatt_behov:
        mottakere = [bruker.email for bruker in radgivere()]
        if kanal.administrator.is_active:
            mottakere.append(kanal.administrator.email)
        send_epost(
            mottakere=mottakere,
            mal="gjennomgang_oppfolging",
            kontekst={"kanal": kanal, "gjennomgang": gjennomgang, "av": av, "nei": nei},
        )
    return gjennomgang


# --- Overføring av kanaler fra én person til en annen ---


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
    if not roller_for(av).radgiver:
        raise ValidationError(FEIL_IKKE_RADGIVER)
    begrunnelse = begrunnelse.strip()
    if not begrunnelse:
        raise ValidationError({"begrunnelse": FEIL_BEGRUNNELSE_MANGLER})
    if len(begrunnelse) > BEGRUNNELSE_MAKS:
        raise ValidationError({"begrunnelse": FEIL_BEGRUNNELSE_FOR_LANG})
    if fra.pk == til.pk:
        raise ValidationError({"til": FEIL_SAMME_PERSON})
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
        _lagre_med_historikk(kanal, av=av, grunn=grunn, felter=["ansvarlig", "stedfortreder"])
        resultat.flyttet.append(kanal)
    send_epost(
        mottakere=[til.email],
        mal="kanal_overfort",
        kontekst={"til": til, "fra": fra, "av": av, "begrunnelse": begrunnelse, "kanaler": resultat.flyttet},
    )
    return resultat


# --- Den daglige kanalsjekken ---


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
    # Lock the channels first, so a concurrent run waits and then sees this run's reminders.
    kanaler = {
        kanal.pk: kanal
        for kanal in Kanal.objects.select_for_update(of=("self",))
        .filter(aktuelle)
        .select_related("ansvarlig", "stedfortreder", "virksomhet")
        .order_by("navn", "pk")
    }
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
