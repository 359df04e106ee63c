"""What residents see: the active channels with public fields only, and the check of an address."""

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import F, FilteredRelation, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..models import FalskKonto, Kanal
from ..tillit.plattformid import id_fra_url

# What residents see of an active channel (with its unit's name); a change to one is a public change.
# The permanent id is not shown, but verifiser recognises addresses made from it.
OFFENTLIGE_FELTER = ("navn", "plattform", "url", "virksomhet", "beskrivelse", "hovedkanal", "plattform_id")


# What residents are told while a channel is out of the municipality's control.
KOMPROMITTERT_ADVARSEL = _("Kontoen er ikke under kommunens kontroll nå – ikke svar på meldinger fra den.")
KOMPROMITTERT_RAD = _(
    "Kontoen er ikke under kommunens kontroll nå – ikke svar på meldinger fra den, ikke klikk på lenker "
    "den sender, og ikke del personopplysninger, passord eller betalingsinformasjon. Kommunen arbeider "
    "med å få kontrollen tilbake og sier fra i de andre kanalene når kontoen er trygg igjen."
)
FALSK_RAD = _(
    "Kontoen er en kjent falsk konto som later som den er kommunens. Ikke svar på meldinger fra den, "
    "og ikke del personopplysninger eller betalingsinformasjon med den."
)
ALTERNATIVER_MAKS = 5


def med_hendelse(kanaler):
    """Annotates kompromittert_siden: when the open incident on each channel was discovered, or None.

    A channel has at most one open incident (a unique constraint), so the join adds no rows.
    """
    return kanaler.annotate(
        apen_hendelse=FilteredRelation("hendelser", condition=Q(hendelser__avsluttet__isnull=True)),
        kompromittert_siden=F("apen_hendelse__oppdaget"),
    )


def offisielle_kanaler():
    """The active channels as the public sees them: no people, only public fields."""
    return (
        Kanal.objects.filter(status=Kanal.Status.AKTIV)
        .select_related("virksomhet")
        .only(*OFFENTLIGE_FELTER, "aktivert", "virksomhet__navn")
        .order_by("virksomhet__navn", "navn", "pk")
    )


class OffentligPaginator(Paginator):
    """Pages of public channels with any open incident; counted without the incidents' join.

    The count stays an index-only scan of kanal_offentlig; only the rows of the page read the incidents.
    """

    def __init__(self, kanaler, per_side: int):
        super().__init__(med_hendelse(kanaler), per_side)
        self.telles = kanaler

    @cached_property
    def count(self) -> int:
        return self.telles.count()


def kompromitterte_kanaler() -> list[Kanal]:
    """The active channels with an open incident, for the notice at the top of the public list (one query)."""
    return list(med_hendelse(offisielle_kanaler()).filter(kompromittert_siden__isnull=False))


def offentlig_del(kanal: Kanal | None) -> tuple | None:
    """What residents see of a channel: its public fields while it is active, otherwise nothing."""
    if kanal is None or kanal.status != Kanal.Status.AKTIV:
        return None
    return tuple(getattr(kanal, Kanal._meta.get_field(felt).attname) for felt in OFFENTLIGE_FELTER)


def lagret_offentlig_del(pk: int | None) -> tuple | None:
    """offentlig_del() of the channel as the database has it now (one query; None for a new one)."""
    if pk is None:
        return None
    return offentlig_del(Kanal.objects.filter(pk=pk).only("status", *OFFENTLIGE_FELTER).first())


def offisiell_liste(side) -> dict:
    """A page of the public list grouped by unit, with the main channels above the first page."""
    return {
        "side": side,
        "hovedkanaler": list(med_hendelse(offisielle_kanaler().filter(hovedkanal=True)))
        if side.number == 1
        else [],
        "grupper": [(navn, list(rader)) for navn, rader in groupby(side, key=lambda k: k.virksomhet.navn)],
    }


def offisiell_kanal_for_url(*, url: str) -> Kanal | None:
    """The active channel with this normalised address, or None (one query)."""
    return offisielle_kanaler().filter(url=url).first()


@dataclass
class Sjekk:
    """What the register knows of one normalised address, as verifiser answers it."""

    url: str
    kanal: Kanal | None = None  # the active channel at this address (or made from its permanent id)
    gjeldende: Kanal | None = None  # the active channel that had this address before it was renamed
    nedlagt: Kanal | None = None  # a closed channel that had this address
    falsk: FalskKonto | None = None  # a confirmed fake at this address
    alternativer: list[Kanal] = field(default_factory=list)  # official channels on the fake's platform

    @property
    def offisiell(self) -> bool:
        return self.kanal is not None

    @property
    def kompromittert_siden(self) -> datetime | None:
        return getattr(self.kanal, "kompromittert_siden", None) if self.kanal else None

    @property
    def nedlagt_dato(self) -> date | None:
        return self.nedlagt.nedlagt_dato if self.nedlagt else None


def adresse_sjekket(*, url: str) -> Sjekk:
    """The check of a normalised address with the register's memory (one query for an official channel).

    An active channel at the address, or one whose permanent id the address is made from, is official.
    Otherwise the answer says whether the address belonged to a channel that is now renamed (with its
    current address) or closed (with the date), or is a confirmed fake (with the official alternatives).
    """
    treff = Q(url=url) | Q(pk__in=Kanal.history.filter(url=url).values("id"))
    fast_id = id_fra_url(url)
    if fast_id is not None:
        treff |= Q(plattform=fast_id[0], plattform_id=fast_id[1])
    kandidater = list(
        med_hendelse(
            Kanal.objects.filter(treff)
            .select_related("virksomhet")
            .only(*OFFENTLIGE_FELTER, "status", "nedlagt_dato", "virksomhet__navn")
        ).order_by("-nedlagt_dato", "pk")
    )
    sjekk = Sjekk(url=url)
    for kanal in kandidater:
        aktiv = kanal.status == Kanal.Status.AKTIV
        egen = kanal.url == url or (fast_id is not None and (kanal.plattform, kanal.plattform_id) == fast_id)
        if aktiv and egen:
            sjekk.kanal = kanal
            return sjekk
        if aktiv and sjekk.gjeldende is None:
            sjekk.gjeldende = kanal
        elif kanal.status == Kanal.Status.NEDLAGT and kanal.url == url and sjekk.nedlagt is None:
            sjekk.nedlagt = kanal
    if sjekk.gjeldende is None and sjekk.nedlagt is None:
        sjekk.falsk = FalskKonto.objects.filter(url=url, status=FalskKonto.Status.BEKREFTET).first()
        if sjekk.falsk is not None and sjekk.falsk.plattform:
            sjekk.alternativer = list(
                offisielle_kanaler()
                .filter(plattform=sjekk.falsk.plattform)
                .order_by("-hovedkanal", "virksomhet__navn", "navn", "pk")[:ALTERNATIVER_MAKS]
            )
    return sjekk
