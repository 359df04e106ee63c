"""The access review (tilgangsgjennomgang): who holds which role on the platform, kept and attested."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..hurtiglager import register_endret
from ..models import Kanal, Plattformrolle, Plattformtilgang, Tilgangsgjennomgang
from ..roller import roller_for
from .felles import lagre_kanal

User = get_user_model()

FEIL_IKKE_TILGANG = _("Bare kommunikasjonsrådgivere og kanalens ansvarlige kan endre listen over roller.")
FEIL_BARE_ANSVARLIG = _("Bare kanalens ansvarlige kan bekrefte tilgangsgjennomgangen.")
FEIL_NEDLAGT = _("Kanalen er nedlagt. Listen over roller kan ikke endres lenger.")
FEIL_PERSON_MANGLER = _("Velg en ansatt eller skriv navnet på en ekstern person.")
FEIL_BEGGE = _("Velg enten en ansatt eller skriv navnet på en ekstern person, ikke begge.")
FEIL_ANSATT_DEAKTIVERT = _("Personen er deaktivert og kan ikke få en rolle i kanalen.")
FEIL_FINNES = _("Personen har allerede en rolle i denne kanalen. Endre eller fjern den i stedet.")
FEIL_UGYLDIG_ROLLE = _("Velg en av rollene i listen.")
FEIL_SIDEN_FREMTID = _("Datoen kan ikke være frem i tid.")
FEIL_ALLEREDE_FJERNET = _("Rollen er allerede fjernet.")
FEIL_TOM_LISTE = _(
    "Listen er tom. Registrer hvem som har roller på plattformen (kommunikasjonsrådgiveren skal være "
    "administrator) før du bekrefter den."
)
EKSTERN_MAKS = Plattformtilgang._meta.get_field("ekstern_navn").max_length
MERKNAD_MAKS = Tilgangsgjennomgang._meta.get_field("merknad").max_length
FEIL_EKSTERN_FOR_LANG = _("Navnet kan være høyst %(maks)s tegn.")
FEIL_MERKNAD_FOR_LANG = _("Merknaden kan være høyst %(maks)s tegn.")


def om_maaneder(dag: date, maaneder: int) -> date:
    """The same day `maaneder` months later (the month's last day when it has fewer days)."""
    indeks = dag.month - 1 + maaneder
    aar, maaned = dag.year + indeks // 12, indeks % 12 + 1
    for dag_nr in (dag.day, 30, 29, 28):
        try:
            return dag.replace(year=aar, month=maaned, day=dag_nr)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def neste_tilgangsgjennomgang(fra: date | None = None) -> date:
    """When the next access review is due, counted from `fra` (today)."""
    return om_maaneder(fra or timezone.localdate(), settings.TILGANGSGJENNOMGANG_MANEDER)


def kan_fore_tilganger(kanal: Kanal, bruker) -> bool:
    """Advisers and the channel's responsible person keep the list."""
    return bruker.is_active and (roller_for(bruker).radgiver or kanal.ansvarlig_id == bruker.pk)


def _las(kanal: Kanal, av) -> Kanal:
    laast = Kanal.objects.select_for_update().get(pk=kanal.pk)
    if not kan_fore_tilganger(laast, av):
        raise ValidationError(FEIL_IKKE_TILGANG)
    if laast.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    return laast


def _lagre(tilgang: Plattformtilgang, *, av, grunn: str) -> Plattformtilgang:
    tilgang._history_user = av
    tilgang._change_reason = str(grunn)
    try:
        with transaction.atomic():
            tilgang.save()
    except IntegrityError as feil:
        if "plattformtilgang_en_rolle" in str(feil) or "UNIQUE" in str(feil).upper():
            raise ValidationError(FEIL_FINNES) from feil
        raise
    register_endret()  # the flags of kanaler.flagg read the roles
    return tilgang


def _rolle(rolle: str) -> str:
    if rolle not in Plattformrolle.values:
        raise ValidationError({"rolle": FEIL_UGYLDIG_ROLLE})
    return rolle


@transaction.atomic
def tilgang_legg_til(
    *,
    kanal: Kanal,
    av,
    rolle: str,
    tofaktor: bool,
    ansatt=None,
    ekstern_navn: str = "",
    siden: date | None = None,
) -> Plattformtilgang:
    """Kommunikasjonsrådgiver eller ansvarlig registrerer at en person har en rolle på plattformen."""
    kanal = _las(kanal, av)
    ekstern_navn = " ".join((ekstern_navn or "").split())
    if ansatt is None and not ekstern_navn:
        raise ValidationError({"ansatt": FEIL_PERSON_MANGLER})
    if ansatt is not None and ekstern_navn:
        raise ValidationError({"ekstern_navn": FEIL_BEGGE})
    if len(ekstern_navn) > EKSTERN_MAKS:
        raise ValidationError(
            {"ekstern_navn": ValidationError(FEIL_EKSTERN_FOR_LANG, params={"maks": EKSTERN_MAKS})}
        )
    if ansatt is not None and not User.objects.filter(pk=ansatt.pk, is_active=True).exists():
        raise ValidationError({"ansatt": FEIL_ANSATT_DEAKTIVERT})
    siden = siden or timezone.localdate()
    if siden > timezone.localdate():
        raise ValidationError({"siden": FEIL_SIDEN_FREMTID})
    tilgang = Plattformtilgang(
        kanal=kanal,
        ansatt=ansatt,
        ekstern_navn=ekstern_navn,
        rolle=_rolle(rolle),
        tofaktor=tofaktor,
        siden=siden,
    )
    return _lagre(tilgang, av=av, grunn=_("Rolle registrert"))


@transaction.atomic
def tilgang_endre(*, tilgang: Plattformtilgang, av, rolle: str, tofaktor: bool) -> Plattformtilgang:
    """Kommunikasjonsrådgiver eller ansvarlig endrer en persons rolle eller tofaktorstatus."""
    kanal = _las(tilgang.kanal, av)
    tilgang = Plattformtilgang.objects.select_for_update().get(pk=tilgang.pk, kanal=kanal)
    if tilgang.fjernet is not None:
        raise ValidationError(FEIL_ALLEREDE_FJERNET)
    tilgang.rolle = _rolle(rolle)
    tilgang.tofaktor = tofaktor
    return _lagre(tilgang, av=av, grunn=_("Rolle endret"))


@transaction.atomic
def tilgang_fjern(*, tilgang: Plattformtilgang, av) -> Plattformtilgang:
    """Kommunikasjonsrådgiver eller ansvarlig registrerer at en person ikke lenger har rollen."""
    kanal = _las(tilgang.kanal, av)
    tilgang = Plattformtilgang.objects.select_for_update().get(pk=tilgang.pk, kanal=kanal)
    if tilgang.fjernet is not None:
        raise ValidationError(FEIL_ALLEREDE_FJERNET)
    tilgang.fjernet = max(timezone.localdate(), tilgang.siden)
    return _lagre(tilgang, av=av, grunn=_("Rolle fjernet"))


@transaction.atomic
def tilgang_bekreft(*, kanal: Kanal, av, merknad: str = "") -> Tilgangsgjennomgang:
    """Ansvarlig bekrefter at listen over roller på plattformen er riktig; neste gjennomgang flyttes frem."""
    kanal = Kanal.objects.select_for_update().get(pk=kanal.pk)
    if not av.is_active or kanal.ansvarlig_id != av.pk:
        raise ValidationError(FEIL_BARE_ANSVARLIG)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    merknad = (merknad or "").strip()
    if len(merknad) > MERKNAD_MAKS:
        raise ValidationError(
            {"merknad": ValidationError(FEIL_MERKNAD_FOR_LANG, params={"maks": MERKNAD_MAKS})}
        )
    antall = kanal.plattformtilganger.filter(fjernet__isnull=True).count()
    if not antall:
        raise ValidationError(FEIL_TOM_LISTE)
    gjennomgang = Tilgangsgjennomgang.objects.create(
        kanal=kanal, utfort_av=av, antall_tilganger=antall, merknad=merknad
    )
    kanal.neste_tilgangsgjennomgang = neste_tilgangsgjennomgang()
    lagre_kanal(kanal, av=av, grunn=_("Tilgangsgjennomgang"), felter=["neste_tilgangsgjennomgang"])
    return gjennomgang
