"""Reads of applications used by views; each costs a constant number of queries."""

from django.db.models import Count, Q
from django.urls import reverse

from kanaler.personer import personnavn
from kanaler.roller import roller_for
from kanaler.soknadsvisning import Soknad

from .models import Vurdering
from .risiko import q_hoyrisiko, q_venter_pa_uttalelse

APNE = [Vurdering.Status.UTKAST, Vurdering.Status.SENDT_INN, Vurdering.Status.SENDT_TILBAKE]
# Submitted at least once (sent back included); until then a draft is its applicant's alone.
INNSENDT = Q(innsendt__isnull=False)


def startside_tall(user) -> dict:
    """The application figures the start page shows the user's role."""
    roller = roller_for(user)
    if not roller.innlogget:
        return {}
    filtre = {"mine_apne": Count("pk", filter=Q(innsender=user, status__in=APNE))}
    if roller.radgiver:
        filtre["venter_beslutning"] = Count("pk", filter=Q(status=Vurdering.Status.SENDT_INN))
    if roller.personvernombud:
        filtre["venter_uttalelse"] = Count("pk", filter=q_venter_pa_uttalelse())
    return Vurdering.objects.aggregate(**filtre)


def mine_vurderinger(user):
    """The user's own applications, newest change first, for the list page."""
    return Vurdering.objects.filter(innsender=user).select_related("virksomhet").order_by("-endret", "-pk")


def synlige_vurderinger(user):
    """The applications a user may read: their own, and for advisers, leadership and the DPO all submitted."""
    roller = roller_for(user)
    utvalg = Vurdering.objects.select_related(
        "virksomhet", "innsender", "ansvarlig", "stedfortreder", "behandlet_av", "kanal", "uttalelse_av"
    )
    if roller.radgiver or roller.ledelse or roller.personvernombud:
        return utvalg.filter(Q(innsender=user) | INNSENDT)
    return utvalg.filter(innsender=user)


def til_personvernombudet() -> dict:
    """The DPO's lists: high-risk applications waiting for a statement, and those stated on but undecided."""
    utvalg = Vurdering.objects.select_related("virksomhet", "innsender", "uttalelse_av").order_by(
        "innsendt", "pk"
    )
    return {
        "venter": utvalg.filter(q_venter_pa_uttalelse()),
        "uttalt": utvalg.filter(status=Vurdering.Status.SENDT_INN)
        .exclude(uttalelse="")
        .filter(q_hoyrisiko()),
    }


def statushistorikk(vurdering: Vurdering) -> list[dict]:
    """Each change of status, oldest first: when, to which status and by whom."""
    historikk = []
    forrige = None
    for rad in vurdering.history.select_related("history_user").order_by("history_date", "history_id"):
        if rad.status == forrige:
            continue
        forrige = rad.status
        bruker = rad.history_user
        historikk.append(
            {
                "tidspunkt": rad.history_date,
                "status": Vurdering.Status(rad.status).label,
                "av": personnavn(bruker) if bruker else "",
            }
        )
    return historikk


def soknad_for_kanal(kanal) -> Soknad | None:
    """The application a channel came from, with the people its page names (one query), or None."""
    vurdering = (
        Vurdering.objects.select_related(
            "innsender", "behandlet_av", "virksomhet", "ansvarlig", "stedfortreder", "uttalelse_av"
        )
        .filter(kanal=kanal)
        .first()
    )
    if vurdering is None:
        return None
    return Soknad(
        objekt=vurdering,
        referanse=vurdering.referanse,
        admin_url=reverse("admin:vurdering_vurdering_change", args=[vurdering.pk]),
    )
