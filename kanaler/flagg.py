"""The derived flags of a channel, one entry each; filters, badges, exports and admin filters use them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Statuses as stored (models.Kanal.Status), spelled out here because models.py imports this module.
AKTIV = "aktiv"
NEDLAGT = "nedlagt"


def inaktiv_grense(idag: date | None = None) -> date:
    """Activity confirmed before this date is too old: the channel counts as inactive."""
    return (idag or timezone.localdate()) - timedelta(days=settings.INAKTIV_ETTER_DAGER)


def _inaktiv(idag: date | None) -> Q:
    grense = inaktiv_grense(idag)
    return Q(status=AKTIV) & (Q(sist_aktiv__lt=grense) | Q(sist_aktiv__isnull=True, aktivert__lt=grense))


def _gjennomgang_forfalt(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(neste_gjennomgang__lt=idag or timezone.localdate())


def _admin_ikke_bekreftet(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(administrator_bekreftet__isnull=True)


def _mangler_stedfortreder(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(stedfortreder__isnull=True)


def _ansvarlig_deaktivert(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(ansvarlig__is_active=False)


def _tilgang_ikke_gjennomgatt(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(neste_tilgangsgjennomgang__lt=idag or timezone.localdate())


def gjeldende_tilganger():
    """The platform roles held now (not removed); the model is looked up late since models.py imports this."""
    return apps.get_model("kanaler", "Plattformtilgang").objects.filter(fjernet__isnull=True)


def _radgiver_mangler_adminrolle(idag: date | None) -> Q:
    # Only once the list is kept: a channel without any recorded roles is not flagged.
    tilganger = gjeldende_tilganger()
    adviser_er_admin = tilganger.filter(rolle="administrator", ansatt=F("kanal__administrator"))
    return (
        ~Q(status=NEDLAGT)
        & Q(pk__in=tilganger.values("kanal_id"))
        & ~Q(pk__in=adviser_er_admin.values("kanal_id"))
    )


def _tidligere_ansatt_har_tilgang(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(
        pk__in=gjeldende_tilganger().filter(ansatt__is_active=False).values("kanal_id")
    )


def _uten_tofaktor(idag: date | None) -> Q:
    return ~Q(status=NEDLAGT) & Q(pk__in=gjeldende_tilganger().filter(tofaktor=False).values("kanal_id"))


# --- Tillit: a channel with an open incident (kanaler.tillit); its writes renew the register's version.
def _kompromittert(idag: date | None) -> Q:
    apne = apps.get_model("kanaler", "Hendelse").objects.filter(kanal=OuterRef("pk"), avsluttet__isnull=True)
    return Q(status=AKTIV) & Q(Exists(apne))


@dataclass(frozen=True)
class Flagg:
    """One derived flag: its key in addresses and forms, its label, badge style and condition."""

    nokkel: str
    etikett: Promise
    tittel: Promise  # lower-case, as the admin's filter headings are written
    badge: str
    betingelse: Callable[[date | None], Q]
    leser_personer: bool = False  # depends on more than the channel rows: accounts, platform roles

    @property
    def annotasjon(self) -> str:
        """The name med_flagg() annotates the flag under."""
        return f"er_{self.nokkel}"

    def q(self, idag: date | None = None) -> Q:
        return self.betingelse(idag)


FLAGG = (
    Flagg("inaktiv", _("Inaktiv"), _("inaktiv"), "text-bg-danger", _inaktiv),
    Flagg(
        "gjennomgang_forfalt",
        _("Gjennomgang forfalt"),
        _("gjennomgang forfalt"),
        "text-bg-warning",
        _gjennomgang_forfalt,
    ),
    Flagg(
        "admin_ikke_bekreftet",
        _("Administratorrettigheter ikke bekreftet"),
        _("administratorrettigheter ikke bekreftet"),
        "text-bg-warning",
        _admin_ikke_bekreftet,
    ),
    Flagg(
        "mangler_stedfortreder",
        _("Mangler stedfortreder"),
        _("mangler stedfortreder"),
        "text-bg-warning",
        _mangler_stedfortreder,
    ),
    Flagg(
        "ansvarlig_deaktivert",
        _("Ansvarlig er deaktivert"),
        _("ansvarlig deaktivert"),
        "text-bg-danger",
        _ansvarlig_deaktivert,
        leser_personer=True,
    ),
    Flagg(
        "tilgang_ikke_gjennomgatt",
        _("Tilgang ikke gjennomgått"),
        _("tilgang ikke gjennomgått"),
        "text-bg-warning",
        _tilgang_ikke_gjennomgatt,
    ),
    Flagg(
        "radgiver_mangler_adminrolle",
        _("Rådgiver mangler adminrolle"),
        _("rådgiver mangler adminrolle"),
        "text-bg-danger",
        _radgiver_mangler_adminrolle,
        leser_personer=True,
    ),
    Flagg(
        "tidligere_ansatt_har_tilgang",
        _("Tidligere ansatt har tilgang"),
        _("tidligere ansatt har tilgang"),
        "text-bg-danger",
        _tidligere_ansatt_har_tilgang,
        leser_personer=True,
    ),
    Flagg(
        "uten_tofaktor",
        _("Uten tofaktor"),
        _("uten tofaktor"),
        "text-bg-warning",
        _uten_tofaktor,
        leser_personer=True,
    ),
    Flagg("kompromittert", _("Kompromittert"), _("kompromittert"), "text-bg-danger", _kompromittert),
)
ETTER_NOKKEL = {flagg.nokkel: flagg for flagg in FLAGG}

OPPFOLGING = "oppfolging"
OPPFOLGING_ETIKETT = _("Trenger oppfølging (minst ett flagg)")


def q_trenger_oppfolging(idag: date | None = None) -> Q:
    """At least one flag holds."""
    samlet = Q(pk__in=[])
    for flagg in FLAGG:
        samlet |= flagg.q(idag)
    return samlet


def med_flagg(queryset, idag: date | None = None):
    """The queryset with every flag annotated as er_<key>."""
    return queryset.annotate(
        **{flagg.annotasjon: ExpressionWrapper(flagg.q(idag), output_field=BooleanField()) for flagg in FLAGG}
    )


def aktive(kanal) -> list[Flagg]:
    """The flags that hold for a channel annotated by med_flagg(), in display order."""
    return [flagg for flagg in FLAGG if getattr(kanal, flagg.annotasjon, False)]
