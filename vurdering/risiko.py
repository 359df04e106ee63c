"""The one rule of a high-risk application (høy personvernrisiko): it needs the DPO's statement.

Each criterion sits in one entry, in Python for one application (its page, the services) and
as a database condition for many (the DPO's list, the register's filter);
tests/vurdering/test_risiko.py checks that the two always agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import JaNei, Risikovurdering, Uttalelse, Vurdering

FEIL_VENTER_PA_PERSONVERNOMBUDET = _(
    "Søknaden har høy personvernrisiko og kan ikke godkjennes før personvernombudet har gitt sin "
    "uttalelse. Du kan sende den tilbake eller avslå den i mellomtiden."
)


@dataclass(frozen=True)
class Kriterium:
    """One reason an application is high-risk: its text, and the condition in Python and in SQL."""

    nokkel: str
    grunn: Promise
    gjelder: Callable[[Vurdering], bool]
    q: Callable[[], Q]


# Completed, or judged not relevant together with the DPO.
VURDERT = [Risikovurdering.GJENNOMFORT.value, Risikovurdering.IKKE_RELEVANT.value]


def _plattformer() -> list[str]:
    return settings.HOYRISIKO_PLATTFORMER


KRITERIER = (
    Kriterium(
        "barn_eller_sarbare",
        _("Barn eller sårbare grupper er blant målgruppen."),
        lambda v: v.barn_eller_sarbare == JaNei.JA,
        lambda: Q(barn_eller_sarbare=JaNei.JA),
    ),
    Kriterium(
        "plattform",
        _("Plattformen står på kommunens liste over plattformer med høy personvernrisiko."),
        lambda v: v.plattform in _plattformer(),
        lambda: Q(plattform__in=_plattformer()),
    ),
    Kriterium(
        "sensitive_tjenester",
        _("Virksomheten har sensitive tjenester (for eksempel helse, barnevern eller rus)."),
        lambda v: v.virksomhet is not None and v.virksomhet.sensitive_tjenester,
        lambda: Q(virksomhet__sensitive_tjenester=True),
    ),
    Kriterium(
        "dpia",
        _("Risikovurderingen (DPIA) er ikke gjennomført."),
        lambda v: v.risikovurdering not in VURDERT,
        lambda: ~Q(risikovurdering__in=VURDERT),
    ),
    Kriterium(
        "dialog_apen",
        _("Kommentarer eller private meldinger er åpne."),
        lambda v: JaNei.JA in (v.kommentarer_pa, v.private_meldinger_pa),
        lambda: Q(kommentarer_pa=JaNei.JA) | Q(private_meldinger_pa=JaNei.JA),
    ),
    Kriterium(
        "saerlige_kategorier",
        _("Kanalen kan innebære særlige kategorier personopplysninger eller taushetsbelagte opplysninger."),
        lambda v: v.saerlige_kategorier == JaNei.JA,
        lambda: Q(saerlige_kategorier=JaNei.JA),
    ),
)


def risikogrunner(vurdering: Vurdering) -> list[Promise]:
    """Why the application is high-risk, in the order of KRITERIER; empty when it is not."""
    return [kriterium.grunn for kriterium in KRITERIER if kriterium.gjelder(vurdering)]


def er_hoyrisiko(vurdering: Vurdering) -> bool:
    return bool(risikogrunner(vurdering))


def q_hoyrisiko() -> Q:
    """The applications with high privacy risk."""
    samlet = Q(pk__in=[])
    for kriterium in KRITERIER:
        samlet |= kriterium.q()
    return samlet


def q_kanaler_hoyrisiko() -> Q:
    """The channels that came from a high-risk application, as a condition on Kanal."""
    return Q(pk__in=Vurdering.objects.filter(q_hoyrisiko(), kanal__isnull=False).values("kanal_id"))


def q_venter_pa_uttalelse() -> Q:
    """Submitted, high-risk and without the DPO's statement: the DPO's list."""
    return Q(status=Vurdering.Status.SENDT_INN, uttalelse="") & q_hoyrisiko()


def venter_pa_personvernombudet(vurdering: Vurdering) -> bool:
    """A submitted high-risk application without the DPO's statement (the applicant is told so)."""
    return (
        vurdering.status == Vurdering.Status.SENDT_INN and not vurdering.uttalelse and er_hoyrisiko(vurdering)
    )


def godkjenning_sperret(vurdering: Vurdering) -> Promise | None:
    """Why the application cannot be approved yet for privacy reasons, or None.

    The approval service refuses with this message, and the decision page shows it up front.
    """
    if not vurdering.uttalelse and er_hoyrisiko(vurdering):
        return FEIL_VENTER_PA_PERSONVERNOMBUDET
    return None


def krever_overstyring(vurdering: Vurdering) -> bool:
    """The DPO advised against: approval needs the adviser's recorded reason."""
    return vurdering.uttalelse == Uttalelse.FRARADER
