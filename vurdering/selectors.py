"""Reads of applications used by views; each costs a constant number of queries."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kanaler.personer import merk_personer, personnavn
from kanaler.roller import roller_for
from kanaler.soknadsvisning import Soknad, Soknadshendelse

from .models import Vurdering

APNE = [Vurdering.Status.UTKAST, Vurdering.Status.SENDT_INN, Vurdering.Status.SENDT_TILBAKE]
# The statuses whose history row carries the adviser's comment or reason (begrunnelse).
MED_BEGRUNNELSE = (Vurdering.Status.SENDT_TILBAKE, Vurdering.Status.GODKJENT, Vurdering.Status.AVSLATT)
HENDELSE_SENDT_INN = _("Søknaden ble sendt inn")
HENDELSE_SENDT_INN_PA_NYTT = _("Søknaden ble sendt inn på nytt")
HENDELSER = {
    Vurdering.Status.SENDT_TILBAKE: _("Søknaden ble sendt tilbake for endring"),
    Vurdering.Status.GODKJENT: _("Søknaden ble godkjent"),
    Vurdering.Status.AVSLATT: _("Søknaden ble avslått"),
    Vurdering.Status.TRUKKET: _("Søknaden ble trukket"),
}
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
    return Vurdering.objects.aggregate(**filtre)


def mine_vurderinger(user):
    """The user's own applications, newest change first, for the list page."""
    return Vurdering.objects.filter(innsender=user).select_related("virksomhet").order_by("-endret", "-pk")


def synlige_vurderinger(user):
    """The applications a user may read: their own, and for advisers and leadership every submitted one."""
    roller = roller_for(user)
    utvalg = Vurdering.objects.select_related(
        "virksomhet", "innsender", "ansvarlig", "stedfortreder", "behandlet_av", "kanal"
    )
    if roller.radgiver or roller.ledelse:
        return utvalg.filter(Q(innsender=user) | INNSENDT)
    return utvalg.filter(innsender=user)


def statushistorikk(vurdering: Vurdering) -> list[dict]:
    """Each change of status, oldest first: when, to which status, by whom, and the comment given."""
    historikk = []
    forrige = None
    rader = list(vurdering.history.select_related("history_user").order_by("history_date", "history_id"))
    merk_personer(rader, "history_user")
    for rad in rader:
        if rad.status == forrige:
            continue
        forrige = rad.status
        bruker = rad.history_user
        historikk.append(
            {
                "tidspunkt": rad.history_date,
                "kode": rad.status,
                "status": Vurdering.Status(rad.status).label,
                "av": personnavn(bruker) if bruker else "",
                "begrunnelse": rad.begrunnelse if rad.status in MED_BEGRUNNELSE else "",
            }
        )
    return historikk


def soknadshendelser(vurdering: Vurdering) -> tuple[Soknadshendelse, ...]:
    """The application's status history as the channel's timeline tells it (the draft left out)."""
    hendelser = []
    innsendinger = 0
    for rad in statushistorikk(vurdering):
        if rad["kode"] == Vurdering.Status.UTKAST:
            continue
        if rad["kode"] == Vurdering.Status.SENDT_INN:
            innsendinger += 1
            tittel = HENDELSE_SENDT_INN if innsendinger == 1 else HENDELSE_SENDT_INN_PA_NYTT
        else:
            tittel = HENDELSER.get(rad["kode"], rad["status"])
        hendelser.append(
            Soknadshendelse(
                tidspunkt=rad["tidspunkt"], tittel=str(tittel), av=rad["av"], kommentar=rad["begrunnelse"]
            )
        )
    return tuple(hendelser)


def soknad_for_kanal(kanal) -> Soknad | None:
    """The application a channel came from, with the people its page names and its status history, or None."""
    vurdering = (
        Vurdering.objects.select_related(
            "innsender", "behandlet_av", "virksomhet", "ansvarlig", "stedfortreder"
        )
        .filter(kanal=kanal)
        .first()
    )
    if vurdering is None:
        return None
    merk_personer([vurdering], "innsender", "behandlet_av", "ansvarlig", "stedfortreder")
    return Soknad(
        objekt=vurdering,
        referanse=vurdering.referanse,
        admin_url=reverse("admin:vurdering_vurdering_change", args=[vurdering.pk]),
        hendelser=soknadshendelser(vurdering),
    )
