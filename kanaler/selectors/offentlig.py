"""What residents see: the active channels with public fields only, and the check of an address."""

from itertools import groupby

from ..models import Kanal

# What residents see of an active channel (with its unit's name); a change to one is a public change.
OFFENTLIGE_FELTER = ("navn", "plattform", "url", "virksomhet", "beskrivelse", "hovedkanal")


def offisielle_kanaler():
    """The active channels as the public sees them: no people, only public fields."""
    return (
        Kanal.objects.filter(status=Kanal.Status.AKTIV)
        .select_related("virksomhet")
        .only(*OFFENTLIGE_FELTER, "aktivert", "virksomhet__navn")
        .order_by("virksomhet__navn", "navn", "pk")
    )


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
        "hovedkanaler": list(offisielle_kanaler().filter(hovedkanal=True)) if side.number == 1 else [],
        "grupper": [(navn, list(rader)) for navn, rader in groupby(side, key=lambda k: k.virksomhet.navn)],
    }


def offisiell_kanal_for_url(*, url: str) -> Kanal | None:
    """The active channel with this normalised address, or None (one query)."""
    return offisielle_kanaler().filter(url=url).first()
