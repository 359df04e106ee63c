"""Incidents (a channel out of the municipality's control), their runbook, and reports of fake accounts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TEKST_MAKS = 2000
MELDING_MAKS = 1000


class Hendelse(models.Model):
    """An incident on an active channel: the account is out of the municipality's control (kompromittert)."""

    kanal = models.ForeignKey(
        "kanaler.Kanal", verbose_name=_("kanal"), on_delete=models.PROTECT, related_name="hendelser"
    )
    beskrivelse = models.TextField(_("hva skjedde"), max_length=TEKST_MAKS)
    oppdaget = models.DateTimeField(_("oppdaget"))
    apnet = models.DateTimeField(_("registrert"), default=timezone.now)
    apnet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrert av"), on_delete=models.PROTECT, related_name="+"
    )
    avsluttet = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    avsluttet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("avsluttet av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    oppsummering = models.TextField(_("oppsummering"), max_length=TEKST_MAKS, blank=True)

    history = HistoricalRecords()

    class Meta:
        app_label = "kanaler"
        verbose_name = _("hendelse (kompromittert konto)")
        verbose_name_plural = _("hendelser (kompromitterte kontoer)")
        ordering = ["-apnet"]
        constraints = [
            models.UniqueConstraint(
                fields=["kanal"],
                condition=Q(avsluttet__isnull=True),
                name="hendelse_en_apen_per_kanal",
                violation_error_message=_("Kanalen er allerede markert som kompromittert."),
            ),
            models.CheckConstraint(condition=~Q(beskrivelse=""), name="hendelse_har_beskrivelse"),
            models.CheckConstraint(
                condition=Q(avsluttet__isnull=True, avsluttet_av__isnull=True, oppsummering="")
                | (Q(avsluttet__isnull=False, avsluttet_av__isnull=False) & ~Q(oppsummering="")),
                name="hendelse_avsluttet_har_oppsummering",
            ),
            models.CheckConstraint(
                condition=Q(avsluttet__isnull=True) | Q(avsluttet__gte=models.F("apnet")),
                name="hendelse_avsluttet_etter_apnet",
            ),
        ]
        indexes = [
            # The change feed: the latest incidents opened and ended.
            models.Index(fields=["apnet"], name="hendelse_apnet"),
            models.Index(fields=["avsluttet"], name="hendelse_avsluttet"),
        ]

    def __str__(self):
        return _("Kompromittert: %(kanal)s (%(dato)s)") % {
            "kanal": self.kanal,
            "dato": timezone.localtime(self.oppdaget).strftime("%d.%m.%Y %H:%M"),
        }

    @property
    def apen(self) -> bool:
        return self.avsluttet is None


class Punkt(models.TextChoices):
    """The runbook of an incident, in the order it is worked through."""

    PLATTFORM_KONTAKTET = "plattform_kontaktet", _("Plattformen er kontaktet")
    PASSORD_NULLSTILT = "passord_nullstilt", _("Passord og totrinnsbekreftelse er nullstilt")
    ADMINROLLER_GJENNOMGATT = "adminroller_gjennomgatt", _("Administratorrollene er gjennomgått")
    INNBYGGERE_VARSLET = "innbyggere_varslet", _("Innbyggerne er varslet i hovedkanalene")
    PERSONVERNOMBUD_INFORMERT = "personvernombud_informert", _("Personvernombudet er informert")


class Hendelsespunkt(models.Model):
    """One item of an incident's runbook, ticked by an adviser."""

    Punkt = Punkt

    hendelse = models.ForeignKey(Hendelse, on_delete=models.PROTECT, related_name="punkter")
    punkt = models.CharField(_("punkt"), max_length=30, choices=Punkt.choices)
    utfort = models.DateTimeField(_("utført"), default=timezone.now)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("utført av"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        app_label = "kanaler"
        verbose_name = _("punkt i hendelsens sjekkliste")
        verbose_name_plural = _("punkter i hendelsenes sjekklister")
        ordering = ["utfort"]
        constraints = [
            models.UniqueConstraint(fields=["hendelse", "punkt"], name="hendelsespunkt_en_gang"),
            models.CheckConstraint(
                condition=Q(punkt__in=[p.value for p in Punkt]), name="hendelsespunkt_gyldig_punkt"
            ),
        ]

    def __str__(self):
        return str(self.get_punkt_display())


class FalskKonto(models.Model):
    """Residents' reports of one address that pretends to be the municipality's, deduplicated on the URL."""

    class Status(models.TextChoices):
        NY = "ny", _("Ny")
        BEKREFTET = "bekreftet", _("Bekreftet falsk")
        IKKE_PROBLEM = "ikke_problem", _("Ikke et problem")

    url = models.CharField(_("adresse (URL)"), max_length=500, unique=True)
    plattform = models.CharField(_("plattform"), max_length=20, blank=True)
    beskrivelse = models.TextField(_("hva kontoen gjør"), max_length=MELDING_MAKS, blank=True)
    antall = models.PositiveIntegerField(_("antall meldinger"), default=1)
    forst_meldt = models.DateTimeField(_("først meldt"), default=timezone.now)
    sist_meldt = models.DateTimeField(_("sist meldt"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NY)
    behandlet = models.DateTimeField(_("behandlet"), null=True, blank=True)
    behandlet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    meldt_til_plattformen = models.DateField(_("meldt til plattformen"), null=True, blank=True)
    merknad = models.TextField(_("merknad"), max_length=TEKST_MAKS, blank=True)

    history = HistoricalRecords()

    class Meta:
        app_label = "kanaler"
        verbose_name = _("meldt falsk konto")
        verbose_name_plural = _("meldte falske kontoer")
        ordering = ["-sist_meldt"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["ny", "bekreftet", "ikke_problem"]), name="falskkonto_gyldig_status"
            ),
            models.CheckConstraint(
                condition=Q(status="ny", behandlet__isnull=True, behandlet_av__isnull=True)
                | (~Q(status="ny") & Q(behandlet__isnull=False, behandlet_av__isnull=False)),
                name="falskkonto_behandlet_har_hvem_og_naar",
            ),
            models.CheckConstraint(
                condition=Q(meldt_til_plattformen__isnull=True) | Q(status="bekreftet"),
                name="falskkonto_meldt_bare_bekreftet",
            ),
            models.CheckConstraint(condition=Q(antall__gte=1), name="falskkonto_minst_en_melding"),
        ]
        indexes = [
            # The admin's queue and the daily digest: the new reports, newest first.
            models.Index(fields=["status", "sist_meldt"], name="falskkonto_status_sist"),
            models.Index(fields=["forst_meldt"], name="falskkonto_forst_meldt"),
        ]

    def __str__(self):
        return self.url


class Meldingsgrense(models.Model):
    """One report from one client, kept as a keyed hash only for as long as the rate limit counts it."""

    nokkel = models.CharField(_("nøkkel"), max_length=64)
    tid = models.DateTimeField(_("tid"), default=timezone.now)

    class Meta:
        app_label = "kanaler"
        verbose_name = _("meldingsgrense")
        verbose_name_plural = _("meldingsgrenser")
        indexes = [
            models.Index(fields=["nokkel", "tid"], name="meldingsgrense_nokkel_tid"),
            models.Index(fields=["tid"], name="meldingsgrense_tid"),
        ]

    def __str__(self):
        return f"{self.nokkel[:8]}… {self.tid:%d.%m.%Y %H:%M}"
