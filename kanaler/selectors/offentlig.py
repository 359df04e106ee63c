"""What residents see: the active channels with public fields only, and the check of an address."""

from itertools import groupby

from ..models import Kanal


def offisielle_kanaler():
    """The active channels as the public sees them: no people, only public fields."""
    return (
        Kanal.objects.filter(status=Kanal.Status.AKTIV)
        .select_related("virksomhet")
        .only(
            "navn",
            "plattform",
            "url",
            "beskrivelse",
            "hovedkanal",
            "aktivert",
            "virksomhet__navn",
        )
        .order_by("virksomhet__navn", "navn", "pk")
    )


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
