from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import flagg
from .personer import personnavn


class Virksomhet(models.Model):
    """A municipal unit (virksomhet), optionally part of a larger unit."""

    navn = models.CharField(_("navn"), max_length=200, unique=True)
    overordnet = models.ForeignKey(
        "self",
        verbose_name=_("overordnet virksomhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undervirksomheter",
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    sensitive_tjenester = models.BooleanField(
        _("har sensitive tjenester"),
        default=False,
        help_text=_(
            "For eksempel helse, barnevern eller rus. Søknader fra virksomheten får høy "
            "personvernrisiko og trenger uttalelse fra personvernombudet."
        ),
    )
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("virksomhet")
        verbose_name_plural = _("virksomheter")
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(condition=~Q(overordnet=F("pk")), name="virksomhet_ikke_egen_overordnet"),
        ]

    def __str__(self):
        return self.navn


class Plattform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    SNAPCHAT = "snapchat", "Snapchat"
    ANNET = "annet", _("Annet")


class KanalQuerySet(models.QuerySet):
    """The derived flags of kanaler.flagg as filters and annotations; never stored as a second truth."""

    def inaktive(self, idag: date | None = None):
        return self.filter(flagg.ETTER_NOKKEL["inaktiv"].q(idag))

    def gjennomgang_forfalt(self, idag: date | None = None):
        return self.filter(flagg.ETTER_NOKKEL["gjennomgang_forfalt"].q(idag))

    def med_flagg(self, idag: date | None = None):
        """Annotates every flag of kanaler.flagg as er_<key>."""
        return flagg.med_flagg(self, idag)


class Kanal(models.Model):
    """A page, profile or account on a social platform, run by a unit."""

    class Status(models.TextChoices):
        UNDER_OPPRETTELSE = "under_opprettelse", _("Under opprettelse")
        AKTIV = "aktiv", _("Aktiv")
        NEDLAGT = "nedlagt", _("Nedlagt")

    navn = models.CharField(_("navn"), max_length=200)
    plattform = models.CharField(_("plattform"), max_length=20, choices=Plattform.choices)
    url = models.CharField(
        _("adresse (URL)"),
        max_length=500,
        blank=True,
        help_text=_("Lagres normalisert, for eksempel https://facebook.com/porsgrunnkommune."),
    )
    virksomhet = models.ForeignKey(
        Virksomhet, verbose_name=_("virksomhet"), on_delete=models.PROTECT, related_name="kanaler"
    )
    hovedkanal = models.BooleanField(
        _("kommunens hovedkanal"),
        default=False,
        help_text=_("Kommunens overordnede profil på plattformen."),
    )
    beskrivelse = models.TextField(
        _("kort offentlig beskrivelse"),
        max_length=500,
        blank=True,
        help_text=_("Vises i den offentlige oversikten. Skal vise tydelig at kommunen står bak."),
    )
    malgruppe = models.TextField(_("målgruppe"), max_length=3000, blank=True)
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        related_name="kanaler_ansvarlig",
        help_text=_("Personen som alltid følger med på aktiviteten i kanalen."),
    )
    stedfortreder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stedfortreder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kanaler_stedfortreder",
    )
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kommunikasjonsrådgiver med administratorrettigheter"),
        on_delete=models.PROTECT,
        related_name="kanaler_administrator",
    )
    administrator_bekreftet = models.DateTimeField(
        _("administratorrettigheter bekreftet"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNDER_OPPRETTELSE
    )
    aktivert = models.DateField(_("aktivert"), null=True, blank=True)
    sist_aktiv = models.DateField(_("sist bekreftet aktivitet"), null=True, blank=True)
    neste_gjennomgang = models.DateField(_("neste gjennomgang"), null=True, blank=True)
    neste_tilgangsgjennomgang = models.DateField(
        _("neste tilgangsgjennomgang"),
        null=True,
        blank=True,
        help_text=_("Når ansvarlig neste gang skal bekrefte hvem som har roller på plattformen."),
    )
    nedlagt_dato = models.DateField(_("nedlagt"), null=True, blank=True)
    nedlagt_begrunnelse = models.TextField(_("begrunnelse for nedleggelse"), blank=True)
    saksnummer = models.CharField(_("saksnummer"), max_length=40, blank=True)
    plattform_id = models.CharField(
        _("plattformens faste id"),
        max_length=100,
        blank=True,
        help_text=_(
            "Id-en som ikke endres når kontoen får nytt navn: Facebook-sidens id, YouTube-kanalens id "
            "(UC…), Instagram- eller X-brukerens id eller LinkedIn-organisasjonens id."
        ),
    )
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    history = HistoricalRecords()
    objects = KanalQuerySet.as_manager()

    class Meta:
        verbose_name = _("kanal")
        verbose_name_plural = _("kanaler")
        ordering = ["navn", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["under_opprettelse", "aktiv", "nedlagt"]),
                name="kanal_gyldig_status",
            ),
            models.CheckConstraint(
                condition=Q(plattform__in=[p.value for p in Plattform]),
                name="kanal_gyldig_plattform",
            ),
            models.CheckConstraint(
                condition=(Q(status="nedlagt", nedlagt_dato__isnull=False) & ~Q(nedlagt_begrunnelse=""))
                | (~Q(status="nedlagt") & Q(nedlagt_dato__isnull=True)),
                name="kanal_nedlagt_har_dato_og_begrunnelse",
            ),
            models.CheckConstraint(
                condition=~Q(status="aktiv")
                | (~Q(url="") & Q(administrator_bekreftet__isnull=False) & Q(aktivert__isnull=False)),
                name="kanal_aktiv_har_url_og_admin",
            ),
            models.CheckConstraint(
                condition=~Q(stedfortreder=F("ansvarlig")),
                name="kanal_stedfortreder_ikke_ansvarlig",
            ),
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(status="nedlagt") & ~Q(url=""),
                name="kanal_unik_url_blant_ikke_nedlagte",
                violation_error_message=_("Det finnes allerede en kanal med denne adressen."),
            ),
            # verifiser finds a channel by its permanent id too (kanaler.selectors.offentlig).
            models.UniqueConstraint(
                fields=["plattform", "plattform_id"],
                condition=~Q(status="nedlagt") & ~Q(plattform_id=""),
                name="kanal_unik_plattform_id_blant_ikke_nedlagte",
                violation_error_message=_("En annen kanal har allerede denne faste id-en."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "navn"], name="kanal_status_navn"),
            models.Index(fields=["plattform", "navn"], name="kanal_plattform_navn"),
            models.Index(fields=["navn"], name="kanal_navn"),
            # Each sort of the register: its column, then the name (the tiebreak of SORTERING).
            models.Index(fields=["sist_aktiv", "navn"], name="kanal_sist_aktiv_navn"),
            models.Index(fields=["neste_gjennomgang", "navn"], name="kanal_neste_gjennomgang_navn"),
            models.Index(fields=["neste_tilgangsgjennomgang", "navn"], name="kanal_neste_tilgang_navn"),
            models.Index(fields=["administrator", "navn"], name="kanal_administrator_navn"),
            models.Index(fields=["opprettet"], name="kanal_opprettet"),
            models.Index(fields=["nedlagt_dato"], name="kanal_nedlagt_dato"),
            models.Index(fields=["url"], name="kanal_url"),
            models.Index(fields=["virksomhet", "navn"], name="kanal_virksomhet_navn"),
            models.Index(fields=["aktivert"], name="kanal_aktivert"),
            # The public list and the API: the active channels, main channels first, in the list's
            # order within each unit; its counts are index-only scans of this small index.
            models.Index(
                fields=["hovedkanal", "virksomhet", "navn", "id"],
                condition=Q(status="aktiv"),
                name="kanal_offentlig",
            ),
        ]

    def __str__(self):
        return f"{self.navn} ({self.get_plattform_display()})"

    def inaktiv_per(self, idag: date | None = None) -> bool:
        """The rule of the flag «inaktiv» (kanaler.flagg) for one channel."""
        if self.status != self.Status.AKTIV:
            return False
        return (self.sist_aktiv or self.aktivert) < flagg.inaktiv_grense(idag)

    def tilgang_ikke_gjennomgatt_per(self, idag: date | None = None) -> bool:
        """The rule of the flag «tilgang ikke gjennomgått» (kanaler.flagg) for one channel."""
        return (
            self.status != self.Status.NEDLAGT
            and self.neste_tilgangsgjennomgang is not None
            and self.neste_tilgangsgjennomgang < (idag or timezone.localdate())
        )

    def gjennomgang_forfalt_per(self, idag: date | None = None) -> bool:
        """The rule of the flag «gjennomgang forfalt» (kanaler.flagg) for one channel."""
        return (
            self.status != self.Status.NEDLAGT
            and self.neste_gjennomgang is not None
            and self.neste_gjennomgang < (idag or timezone.localdate())
        )


class Aktivitetsbekreftelse(models.Model):
    """A confirmation by the responsible person or deputy that a channel is alive."""

    kanal = models.ForeignKey(Kanal, on_delete=models.PROTECT, related_name="aktivitetsbekreftelser")
    bekreftet_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    siste_innlegg = models.DateField(_("dato for siste innlegg"))
    merknad = models.CharField(_("merknad"), max_length=500, blank=True)
    opprettet = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        verbose_name = _("aktivitetsbekreftelse")
        verbose_name_plural = _("aktivitetsbekreftelser")
        ordering = ["-opprettet"]

    def __str__(self):
        return f"{self.kanal}: aktiv {self.siste_innlegg:%d.%m.%Y}"


class Gjennomgang(models.Model):
    """The yearly review of a channel by its responsible person or deputy."""

    kanal = models.ForeignKey(Kanal, on_delete=models.PROTECT, related_name="gjennomganger")
    utfort_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    formal_gyldig = models.BooleanField(_("formålet gjelder fortsatt"))
    personer_riktige = models.BooleanField(_("ansvarlig og stedfortreder er riktige"))
    ressurser_finnes = models.BooleanField(_("det er fortsatt ressurser til å følge opp"))
    retningslinjer_fulgt = models.BooleanField(_("retningslinjene følges"))
    fortsatt_behov = models.BooleanField(_("kanalen trengs fortsatt"))
    merknad = models.TextField(_("merknad"), max_length=2000, blank=True)
    opprettet = models.DateTimeField(_("gjennomført"), auto_now_add=True)

    class Meta:
        verbose_name = _("gjennomgang")
        verbose_name_plural = _("gjennomganger")
        ordering = ["-opprettet"]

    def __str__(self):
        return f"{self.kanal}: gjennomgang {self.opprettet:%d.%m.%Y}"

    SPORSMAL = ("formal_gyldig", "personer_riktige", "ressurser_finnes", "retningslinjer_fulgt")

    @property
    def nei_svar(self) -> list[str]:
        """The questions besides «kanalen trengs fortsatt» answered no, as their labels."""
        return [
            str(self._meta.get_field(navn).verbose_name) for navn in self.SPORSMAL if not getattr(self, navn)
        ]

    @property
    def trenger_oppfolging(self) -> bool:
        """Any answer is no: the advisers follow up or close the channel."""
        return bool(self.nei_svar) or not self.fortsatt_behov


class Plattformrolle(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    REDAKTOR = "redaktor", _("Redaktør")
    MODERATOR = "moderator", _("Moderator")
    ANNONSOR = "annonsor", _("Annonsør")
    ANALYTIKER = "analytiker", _("Analytiker")


class Plattformtilgang(models.Model):
    """A person who holds a role on the platform for a channel: an employee or a named external."""

    kanal = models.ForeignKey(
        Kanal, verbose_name=_("kanal"), on_delete=models.PROTECT, related_name="plattformtilganger"
    )
    ansatt = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansatt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plattformtilganger",
    )
    ekstern_navn = models.CharField(
        _("ekstern person"),
        max_length=200,
        blank=True,
        help_text=_("Navn og gjerne firma, for en som ikke er ansatt i kommunen."),
    )
    rolle = models.CharField(_("rolle på plattformen"), max_length=20, choices=Plattformrolle.choices)
    tofaktor = models.BooleanField(_("tofaktorinnlogging er slått på"))
    siden = models.DateField(_("har hatt rollen siden"))
    fjernet = models.DateField(_("fjernet"), null=True, blank=True)
    opprettet = models.DateTimeField(_("registrert"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plattformtilgang")
        verbose_name_plural = _("plattformtilganger")
        ordering = ["kanal", "ekstern_navn", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(ansatt__isnull=False) & Q(ekstern_navn=""))
                | (Q(ansatt__isnull=True) & ~Q(ekstern_navn="")),
                name="plattformtilgang_ansatt_eller_ekstern",
            ),
            models.CheckConstraint(
                condition=Q(rolle__in=[r.value for r in Plattformrolle]), name="plattformtilgang_gyldig_rolle"
            ),
            models.CheckConstraint(
                condition=Q(fjernet__isnull=True) | Q(fjernet__gte=F("siden")),
                name="plattformtilgang_fjernet_etter_siden",
            ),
            models.UniqueConstraint(
                fields=["kanal", "ansatt"],
                condition=Q(fjernet__isnull=True, ansatt__isnull=False),
                name="plattformtilgang_en_rolle_per_ansatt",
                violation_error_message=_("Personen har allerede en rolle i denne kanalen."),
            ),
            models.UniqueConstraint(
                fields=["kanal", "ekstern_navn"],
                condition=Q(fjernet__isnull=True, ansatt__isnull=True),
                name="plattformtilgang_en_rolle_per_ekstern",
                violation_error_message=_("Personen har allerede en rolle i denne kanalen."),
            ),
        ]
        indexes = [
            # The flags read the current roles of a channel, and of a person (the handover).
            models.Index(
                fields=["kanal", "rolle"], condition=Q(fjernet__isnull=True), name="tilgang_gjeldende"
            ),
            models.Index(
                fields=["ansatt"], condition=Q(fjernet__isnull=True), name="tilgang_gjeldende_ansatt"
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_rolle_display()} ({self.kanal})"

    @property
    def person(self) -> str:
        return personnavn(self.ansatt) if self.ansatt_id else self.ekstern_navn


class Tilgangsgjennomgang(models.Model):
    """The responsible person's attestation that a channel's list of platform roles is correct."""

    kanal = models.ForeignKey(Kanal, on_delete=models.PROTECT, related_name="tilgangsgjennomganger")
    utfort_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    antall_tilganger = models.PositiveIntegerField(_("antall roller på plattformen"))
    merknad = models.TextField(_("merknad"), max_length=2000, blank=True)
    opprettet = models.DateTimeField(_("gjennomført"), auto_now_add=True)

    class Meta:
        verbose_name = _("tilgangsgjennomgang")
        verbose_name_plural = _("tilgangsgjennomganger")
        ordering = ["-opprettet"]

    def __str__(self):
        return f"{self.kanal}: tilgangsgjennomgang {self.opprettet:%d.%m.%Y}"


class Paminnelse(models.Model):
    """A reminder e-mail sent by the daily channel check."""

    class Type(models.TextChoices):
        AKTIVITET_SNART = "aktivitet_snart", _("Aktivitet må snart bekreftes")
        AKTIVITET_FORFALT = "aktivitet_forfalt", _("Kanalen er inaktiv")
        GJENNOMGANG_SNART = "gjennomgang_snart", _("Gjennomgang nærmer seg")
        GJENNOMGANG_FORFALT = "gjennomgang_forfalt", _("Gjennomgang forfalt")
        TILGANG_SNART = "tilgang_snart", _("Tilgangsgjennomgang nærmer seg")
        TILGANG_FORFALT = "tilgang_forfalt", _("Tilgangsgjennomgang forfalt")
        SAMMENDRAG = "sammendrag", _("Sammendrag til kommunikasjonsrådgivere")
        ANSVARLIG_DEAKTIVERT = "ansvarlig_deaktivert", _("Ansvarlig deaktivert (i sammendraget)")
        HENDELSE_PERSONVERN = "hendelse_personvern", _("Personvernombudet er ikke informert om hendelsen")

    kanal = models.ForeignKey(
        Kanal, on_delete=models.PROTECT, null=True, blank=True, related_name="paminnelser"
    )
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    # Whom an ANSVARLIG_DEAKTIVERT line was about: a later leaver on the same channel is news again.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    mottakere = models.TextField(_("mottakere"))
    sendt = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-sendt"]
        indexes = [models.Index(fields=["kanal", "type", "sendt"], name="paminnelse_kanal_type")]
        constraints = [
            models.CheckConstraint(
                condition=Q(type="sammendrag") | Q(kanal__isnull=False),
                name="paminnelse_har_kanal",
            ),
            models.CheckConstraint(
                condition=Q(type="ansvarlig_deaktivert", person__isnull=False)
                | (~Q(type="ansvarlig_deaktivert") & Q(person__isnull=True)),
                name="paminnelse_person_bare_for_deaktivert",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.kanal or self.mottakere}"


from .arkiv.modell import Arkivlevering  # noqa: E402, F401
from .tillit.modell import FalskKonto, Hendelse, Hendelsespunkt, Meldingsgrense  # noqa: E402, F401
