"""One channel for its page: its people, flags and the history of every change."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Kanal, Virksomhet
from ..personer import personnavn
from ..soknadsvisning import Soknad
from .register import kanaler_med_alt


def kanal_detalj(*, pk: int, idag: date | None = None) -> Kanal:
    """One channel with its unit, people and flags; raises Kanal.DoesNotExist."""
    return kanaler_med_alt(idag).select_related("virksomhet__overordnet").get(pk=pk)


def _vis_verdi(felt, verdi, brukere: dict, virksomheter: dict) -> str:
    if verdi in (None, ""):
        return "–"
    if felt.is_relation:
        if felt.related_model is Virksomhet:
            return str(virksomheter.get(verdi, verdi))
        bruker = brukere.get(verdi)
        return personnavn(bruker) if bruker else str(verdi)
    if felt.choices:
        return str(dict(felt.flatchoices).get(verdi, verdi))
    if isinstance(verdi, datetime):
        return date_format(timezone.localtime(verdi), "SHORT_DATETIME_FORMAT")
    if isinstance(verdi, date):
        return date_format(verdi, "SHORT_DATE_FORMAT")
    if isinstance(verdi, bool):
        return str(_("Ja") if verdi else _("Nei"))
    return str(verdi)


def kanal_historikk(*, kanal: Kanal) -> list[dict]:
    """Every version of the channel, newest first, with what changed since the one before.

    Three queries whatever the number of versions: the versions with their users, then the
    users and units the changed foreign keys point to.
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
                        "fra": _vis_verdi(Kanal._meta.get_field(e.field), e.old, brukere, virksomheter),
                        "til": _vis_verdi(Kanal._meta.get_field(e.field), e.new, brukere, virksomheter),
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
