"""One channel for its page: its people, flags and the history of every change."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from ..historikkvisning import vis_verdi
from ..models import Kanal, Virksomhet
from ..personer import merk_personer, merk_personnavn, personnavn
from ..soknadsvisning import Soknad
from .register import kanaler_med_alt


def kanal_detalj(*, pk: int, idag: date | None = None) -> Kanal:
    """One channel with its unit, people and flags; raises Kanal.DoesNotExist."""
    kanal = kanaler_med_alt(idag).select_related("virksomhet__overordnet").get(pk=pk)
    merk_personer([kanal], "ansvarlig", "stedfortreder", "administrator")
    return kanal


def kanal_historikk(*, kanal: Kanal) -> list[dict]:
    """Every version of the channel, newest first, with what changed since the one before.

    Four queries whatever the number of versions: the versions with their users, the users and
    units the changed foreign keys point to, and the names of all these people.
    """
    versjoner = list(kanal.history.select_related("history_user").order_by("-history_date", "-history_id"))
    endringer = []
    for ny, gammel in zip(versjoner, [*versjoner[1:], None], strict=True):
        delta = ny.diff_against(gammel, excluded_fields=["endret", "opprettet"]) if gammel else None
        endringer.append((ny, delta.changes if delta else []))
    bruker_ider, virksomhet_ider = set(), set()
    for _versjon, changes in endringer:
        for endring in changes:
            felt = Kanal._meta.get_field(endring.field)
            if felt.is_relation:
                maal = virksomhet_ider if felt.related_model is Virksomhet else bruker_ider
                maal.update(v for v in (endring.old, endring.new) if v is not None)
    brukere = get_user_model().objects.in_bulk(bruker_ider) if bruker_ider else {}
    virksomheter = Virksomhet.objects.in_bulk(virksomhet_ider) if virksomhet_ider else {}
    merk_personnavn([*brukere.values(), *(versjon.history_user for versjon in versjoner)])

    def vis(felt, verdi):
        if felt.is_relation and verdi is not None:
            oppslag = virksomheter if felt.related_model is Virksomhet else brukere
            verdi = oppslag.get(verdi, verdi)
        return vis_verdi(felt, verdi)

    tidslinje = []
    for versjon, changes in endringer:
        tidslinje.append(
            {
                "versjon": versjon,
                "type": {"+": _("Opprettet"), "~": _("Endret"), "-": _("Slettet")}[versjon.history_type],
                "tidspunkt": versjon.history_date,
                "av": personnavn(versjon.history_user) if versjon.history_user else "",
                "begrunnelse": versjon.history_change_reason or "",
                "endringer": [
                    {
                        "felt": Kanal._meta.get_field(e.field).verbose_name,
                        "fra": vis(Kanal._meta.get_field(e.field), e.old),
                        "til": vis(Kanal._meta.get_field(e.field), e.new),
                    }
                    for e in changes
                ],
            }
        )
    return tidslinje


def kanal_tidslinje(*, kanal: Kanal, soknad: Soknad | None) -> list[dict]:
    """The channel's history and the status history of its application in one timeline, newest first."""
    tidslinje = kanal_historikk(kanal=kanal)
    for hendelse in soknad.hendelser if soknad else ():
        tidslinje.append(
            {
                "type": hendelse.tittel,
                "tidspunkt": hendelse.tidspunkt,
                "av": hendelse.av,
                "kommentar": hendelse.kommentar,
                "endringer": [],
                "soknad": True,
            }
        )
    return sorted(tidslinje, key=lambda punkt: punkt["tidspunkt"], reverse=True)
