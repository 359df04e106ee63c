"""Reports of fake accounts: a resident reports an address, an adviser confirms it or dismisses it."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from ..hurtiglager import offentlig_endret
from ..models import FalskKonto, Meldingsgrense
from ..normalisering import UgyldigUrl, gjenkjenn_plattform, normaliser_url
from ..selectors.offentlig import adresse_sjekket
from ..tillit.modell import MELDING_MAKS, TEKST_MAKS
from .felles import krev_radgiver, las_og_les

GRENSEVINDU = timedelta(hours=1)

FEIL_OFFISIELL = _("Denne adressen er en av kommunens offisielle kanaler. Den kan ikke meldes som falsk.")
FEIL_BESKRIVELSE_FOR_LANG = _("Beskrivelsen kan være høyst %(maks)s tegn (nå %(lengde)s).")
FEIL_FOR_MANGE = _("Du har sendt mange meldinger på kort tid. Prøv igjen om en time.")
FEIL_ALLEREDE = _("Meldingen er allerede markert som «%(status)s».")
FEIL_FREMTIDIG = _("Datoen kan ikke være i fremtiden.")
FEIL_MERKNAD_FOR_LANG = _("Merknaden kan være høyst %(maks)s tegn.")


def meldingsgrenser_rydd() -> int:
    """Deletes the hashed client addresses the rate limit no longer counts (on each report, daily)."""
    return Meldingsgrense.objects.filter(tid__lt=timezone.now() - GRENSEVINDU).delete()[0]


def _grensenokkel(klient: str | None) -> str:
    """The client's address as a keyed hash: the address itself is never stored."""
    return salted_hmac("kanaler.meldingsgrense", klient or "ukjent", algorithm="sha256").hexdigest()


def _tekst(verdi: str | None, *, maks: int, felt: str, melding) -> str:
    verdi = (verdi or "").strip()
    if len(verdi) > maks:
        raise ValidationError({felt: ValidationError(melding, params={"maks": maks, "lengde": len(verdi)})})
    return verdi


@transaction.atomic
def falsk_konto_meld(*, url: str, beskrivelse: str = "", klient: str | None) -> FalskKonto:
    """Innbygger (alle) melder en adresse som later som den er kommunens; uten navn eller e-post.

    Reports of the same normalised address are counted on one row. `klient` is the client's address,
    used only as a keyed hash for the rate limit and deleted when the limit no longer counts it.
    """
    try:
        url = normaliser_url(url)
    except UgyldigUrl as feil:
        raise ValidationError({"url": str(feil)}) from feil
    beskrivelse = _tekst(
        beskrivelse, maks=MELDING_MAKS, felt="beskrivelse", melding=FEIL_BESKRIVELSE_FOR_LANG
    )
    if adresse_sjekket(url=url).offisiell:
        raise ValidationError({"url": FEIL_OFFISIELL})
    naa = timezone.now()
    meldingsgrenser_rydd()
    nokkel = _grensenokkel(klient)
    if Meldingsgrense.objects.filter(nokkel=nokkel).count() >= settings.FALSK_KONTO_MELDINGER_PER_TIME:
        raise ValidationError(FEIL_FOR_MANGE)
    Meldingsgrense.objects.create(nokkel=nokkel, tid=naa)
    try:
        with transaction.atomic():
            melding, ny = FalskKonto.objects.select_for_update().get_or_create(
                url=url,
                defaults={
                    "plattform": gjenkjenn_plattform(url) or "",
                    "beskrivelse": beskrivelse,
                    "forst_meldt": naa,
                    "sist_meldt": naa,
                },
            )
    except IntegrityError:  # reported at the same moment by someone else
        melding, ny = FalskKonto.objects.select_for_update().get(url=url), False
    if not ny:
        melding.antall += 1
        melding.sist_meldt = naa
        melding.beskrivelse = melding.beskrivelse or beskrivelse
        melding.save(update_fields=["antall", "sist_meldt", "beskrivelse"])
    return melding


def _behandle(melding: FalskKonto, *, av, status: str, merknad: str) -> tuple[FalskKonto, bool]:
    krev_radgiver(av)
    merknad = _tekst(merknad, maks=TEKST_MAKS, felt="merknad", melding=FEIL_MERKNAD_FOR_LANG)
    melding = las_og_les(FalskKonto.objects.all(), melding.pk)
    if melding.status == status:
        raise ValidationError(FEIL_ALLEREDE, params={"status": melding.get_status_display()})
    offentlig = FalskKonto.Status.BEKREFTET in (melding.status, status)
    melding.status = status
    melding.behandlet = timezone.now()
    melding.behandlet_av = av
    melding.merknad = merknad or melding.merknad
    melding._history_user = av
    return melding, offentlig


@transaction.atomic
def falsk_konto_bekreft(
    *, melding: FalskKonto, av, meldt_til_plattformen: date | None = None, merknad: str = ""
) -> FalskKonto:
    """Kommunikasjonsrådgiver bekrefter at en meldt konto er falsk; verifiser sier det med en gang."""
    if meldt_til_plattformen is not None and meldt_til_plattformen > timezone.localdate():
        raise ValidationError({"meldt_til_plattformen": FEIL_FREMTIDIG})
    melding, _offentlig = _behandle(melding, av=av, status=FalskKonto.Status.BEKREFTET, merknad=merknad)
    melding.meldt_til_plattformen = meldt_til_plattformen
    melding.save()
    offentlig_endret()
    return melding


@transaction.atomic
def falsk_konto_avvis(*, melding: FalskKonto, av, merknad: str = "") -> FalskKonto:
    """Kommunikasjonsrådgiver avgjør at en meldt konto ikke er et problem (også en som var bekreftet)."""
    melding, offentlig = _behandle(melding, av=av, status=FalskKonto.Status.IKKE_PROBLEM, merknad=merknad)
    melding.meldt_til_plattformen = None
    melding.save()
    if offentlig:
        offentlig_endret()
    return melding
