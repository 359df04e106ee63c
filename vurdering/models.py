from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kanaler.models import Kanal, Plattform, Virksomhet
from kanaler.personer import personnavn

from .retningslinjer import RETNINGSLINJER
from .steg import STEG


class JaNei(models.TextChoices):
    JA = "ja", _("Ja")
    NEI = "nei", _("Nei")


class Risikovurdering(models.TextChoices):
    GJENNOMFORT = "gjennomfort", _("Gjennomført")
    PAGAR = "pagar", _("Pågår")
    IKKE_STARTET = "ikke_startet", _("Ikke startet")
    IKKE_RELEVANT = "ikke_relevant", _("Ikke relevant, vurdert sammen med personvernombudet")


class Uttalelse(models.TextChoices):
    """The data protection officer's conclusion on an application."""

    TILRAR = "tilrar", _("Tilrår")
    TILRAR_MED_VILKAR = "tilrar_med_vilkar", _("Tilrår med vilkår")
    FRARADER = "frarader", _("Fraråder")


class Svartid(models.TextChoices):
    SAMME_DAG = "samme_dag", _("Samme arbeidsdag")
    EN_DAG = "en_dag", _("Innen én arbeidsdag")
    TO_DAGER = "to_dager", _("Innen to arbeidsdager")
    UKE = "uke", _("Innen en uke")


class Vurdering(models.Model):
    """An application for a new channel with its pre-creation assessment (vurdering i forkant)."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        SENDT_INN = "sendt_inn", _("Sendt inn")
        SENDT_TILBAKE = "sendt_tilbake", _("Sendt tilbake for endring")
        GODKJENT = "godkjent", _("Godkjent")
        AVSLATT = "avslatt", _("Avslått")
        TRUKKET = "trukket", _("Trukket")

    innsender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("innsender"),
        on_delete=models.PROTECT,
        related_name="vurderinger",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)

    # 1. Kanal og virksomhet
    virksomhet = models.ForeignKey(
        Virksomhet,
        verbose_name=_("virksomhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vurderinger",
    )
    plattform = models.CharField(_("plattform"), max_length=20, choices=Plattform.choices, blank=True)
    foreslatt_navn = models.CharField(_("foreslått navn på kanalen"), max_length=200, blank=True)
    eksisterende_url = models.CharField(_("eksisterende adresse (URL)"), max_length=500, blank=True)

    # 2. Formål
    hvorfor = models.TextField(_("hvorfor skal dere delta i denne kanalen?"), max_length=3000, blank=True)
    mal = models.TextField(_("mål og hensikt"), max_length=3000, blank=True)
    hvorfor_ikke_nettsider = models.TextField(
        _("hvorfor er ikke kommunens nettsider og hovedkanaler nok?"), max_length=3000, blank=True
    )
    deling_hovedprofil = models.TextField(
        _("hvordan deles relevante saker også på kommunens hovedprofil?"),
        max_length=3000,
        blank=True,
    )

    # 3. Målgruppe
    malgruppe = models.TextField(_("hvem er målgruppen?"), max_length=3000, blank=True)
    hvor_nas = models.TextField(_("hvor når dere målgruppen?"), max_length=3000, blank=True)
    barn_eller_sarbare = models.CharField(
        _("er barn eller sårbare grupper blant målgruppen?"),
        max_length=3,
        choices=JaNei.choices,
        blank=True,
    )

    # 4. Dialog
    dialog = models.TextField(_("hvordan skal dialogen foregå?"), max_length=3000, blank=True)
    kommentarer_pa = models.CharField(
        _("skal kommentarer være åpne?"), max_length=3, choices=JaNei.choices, blank=True
    )
    private_meldinger_pa = models.CharField(
        _("skal private meldinger være åpne?"), max_length=3, choices=JaNei.choices, blank=True
    )
    svartid = models.CharField(_("svartid"), max_length=20, choices=Svartid.choices, blank=True)
    moderering = models.TextField(_("hvordan modereres innlegg og kommentarer?"), max_length=3000, blank=True)
    henvisning_sikre_kanaler = models.TextField(
        _("hvordan henvises henvendelser som krever saksbehandling til sikre kanaler?"),
        max_length=3000,
        blank=True,
    )

    # 5. Personvern og taushetsplikt
    personopplysninger = models.TextField(
        _("hvilke personopplysninger kan oppstå i kanalen?"), max_length=3000, blank=True
    )
    felles_behandlingsansvar = models.CharField(
        _("er dere kjent med at kommunen har felles behandlingsansvar med plattformen?"),
        max_length=3,
        choices=JaNei.choices,
        blank=True,
    )
    risikovurdering = models.CharField(
        _("risikovurdering / personvernkonsekvensvurdering (DPIA)"),
        max_length=20,
        choices=Risikovurdering.choices,
        blank=True,
    )
    saerlige_kategorier = models.CharField(
        _(
            "vil kanalen innebære særlige kategorier personopplysninger (personvernforordningen "
            "artikkel 9) eller taushetsbelagte opplysninger?"
        ),
        max_length=3,
        choices=JaNei.choices,
        blank=True,
        help_text=_(
            "Særlige kategorier er blant annet helse, etnisitet, religion, seksuell orientering og "
            "fagforeningsmedlemskap. Svarer du ja, må personvernombudet uttale seg før søknaden godkjennes."
        ),
    )
    personvernombud_radfort = models.CharField(
        _("er personvernombudet rådført?"), max_length=3, choices=JaNei.choices, blank=True
    )
    taushetsplikt_rutine = models.TextField(
        _("rutine for å ivareta taushetsplikten"), max_length=3000, blank=True
    )
    arkivering = models.TextField(
        _("arkivering av innlegg og kommentarer som skal journalføres"), max_length=3000, blank=True
    )
    personvern_ivaretatt = models.CharField(
        _("ivaretas personvern og taushetsplikten?"), max_length=3, choices=JaNei.choices, blank=True
    )

    # 6. Ressurser
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    stedfortreder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stedfortreder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    timer_per_uke = models.DecimalField(
        _("timer per uke"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    innholdsplan = models.TextField(_("innholdsplan"), max_length=3000, blank=True)
    universell_utforming = models.TextField(
        _("universell utforming av innholdet (teksting, alternativ tekst)"),
        max_length=3000,
        blank=True,
    )

    # 7. Retningslinjer: {nøkkel: tekst} for each guideline the applicant confirmed,
    # with the text as it stood when confirmed.
    bekreftede_retningslinjer = models.JSONField(_("bekreftede retningslinjer"), default=dict, blank=True)

    # Decision
    innsendt = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    behandlet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="behandlede_vurderinger",
    )
    behandlet = models.DateTimeField(_("behandlet"), null=True, blank=True)
    begrunnelse = models.TextField(
        _("begrunnelse eller kommentar fra kommunikasjonsrådgiver"), max_length=3000, blank=True
    )
    saksnummer = models.CharField(
        _("saksnummer i arkivet"), max_length=40, blank=True, help_text=_("For eksempel 2026/123.")
    )
    # The data protection officer's statement on a high-risk application (vurdering.risiko).
    uttalelse = models.CharField(
        _("personvernombudets uttalelse"), max_length=20, choices=Uttalelse.choices, blank=True
    )
    uttalelse_vilkar = models.TextField(_("vilkår fra personvernombudet"), max_length=3000, blank=True)
    uttalelse_begrunnelse = models.TextField(
        _("begrunnelse fra personvernombudet"), max_length=3000, blank=True
    )
    uttalelse_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uttalelse gitt av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uttalelse_gitt = models.DateTimeField(_("uttalelse gitt"), null=True, blank=True)
    overstyring_begrunnelse = models.TextField(
        _("kommunikasjonsrådgivers begrunnelse for å godkjenne mot personvernombudets fraråding"),
        max_length=3000,
        blank=True,
    )
    kanal = models.OneToOneField(
        Kanal,
        verbose_name=_("kanal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vurdering",
    )

    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        ordering = ["-endret", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["utkast", "sendt_inn", "sendt_tilbake", "godkjent", "avslatt", "trukket"]
                ),
                name="vurdering_gyldig_status",
            ),
            models.CheckConstraint(
                condition=Q(plattform="") | Q(plattform__in=[p.value for p in Plattform]),
                name="vurdering_gyldig_plattform",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["sendt_inn", "sendt_tilbake", "godkjent", "avslatt"])
                | Q(innsendt__isnull=False),
                name="vurdering_innsendt_har_tidspunkt",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["sendt_tilbake", "avslatt"]) | ~Q(begrunnelse=""),
                name="vurdering_avslag_og_retur_har_begrunnelse",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["sendt_tilbake", "godkjent", "avslatt"])
                | Q(behandlet_av__isnull=False, behandlet__isnull=False),
                name="vurdering_beslutning_har_behandler",
            ),
            models.CheckConstraint(
                condition=Q(status="godkjent", kanal__isnull=False)
                | (~Q(status="godkjent") & Q(kanal__isnull=True)),
                name="vurdering_godkjent_har_kanal",
            ),
            models.CheckConstraint(
                condition=~Q(stedfortreder=F("ansvarlig")),
                name="vurdering_stedfortreder_ikke_ansvarlig",
            ),
            models.CheckConstraint(
                condition=Q(timer_per_uke__isnull=True) | Q(timer_per_uke__gt=0),
                name="vurdering_timer_positive",
            ),
            models.CheckConstraint(
                condition=Q(uttalelse="") | Q(uttalelse__in=[u.value for u in Uttalelse]),
                name="vurdering_gyldig_uttalelse",
            ),
            models.CheckConstraint(
                condition=(Q(uttalelse="") & Q(uttalelse_av__isnull=True) & Q(uttalelse_gitt__isnull=True))
                | (
                    ~Q(uttalelse="")
                    & Q(uttalelse_av__isnull=False, uttalelse_gitt__isnull=False)
                    & ~Q(uttalelse_begrunnelse="")
                ),
                name="vurdering_uttalelse_har_ombud_tid_og_begrunnelse",
            ),
            models.CheckConstraint(
                condition=~Q(uttalelse="tilrar_med_vilkar") | ~Q(uttalelse_vilkar=""),
                name="vurdering_uttalelse_vilkar_har_vilkar",
            ),
            models.CheckConstraint(
                condition=~Q(status="godkjent", uttalelse="frarader") | ~Q(overstyring_begrunnelse=""),
                name="vurdering_godkjent_mot_frarading_har_begrunnelse",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "innsendt"], name="vurdering_status_innsendt"),
            models.Index(fields=["innsender", "-endret"], name="vurdering_innsender_endret"),
            # The data protection officer's list: submitted applications without a statement.
            models.Index(
                fields=["innsendt"],
                condition=Q(status="sendt_inn", uttalelse=""),
                name="vurdering_uten_uttalelse",
            ),
        ]

    def __str__(self):
        navn = self.foreslatt_navn or _("Ny kanal")
        return f"{self.referanse}: {navn}"

    def svar_per_steg(self) -> list[tuple]:
        """Every answer as (step, [(label, shown value), ...]) for read-only pages."""
        resultat = []
        for steg in STEG[:7]:
            svar = []
            for navn in steg.felter:
                if navn == "bekreftede_retningslinjer":
                    for nokkel, tekst in RETNINGSLINJER:
                        bekreftet = nokkel in self.bekreftede_retningslinjer
                        svar.append(
                            (
                                self.bekreftede_retningslinjer.get(nokkel, tekst),
                                _("Bekreftet") if bekreftet else _("Ikke bekreftet"),
                            )
                        )
                    continue
                felt = self._meta.get_field(navn)
                verdi = getattr(self, navn)
                if felt.choices:
                    verdi = getattr(self, f"get_{navn}_display")()
                elif felt.is_relation and verdi is not None:
                    verdi = personnavn(verdi) if navn in ("ansvarlig", "stedfortreder") else str(verdi)
                svar.append(
                    (
                        felt.verbose_name[:1].upper() + felt.verbose_name[1:],
                        verdi if verdi not in (None, "") else "–",
                    )
                )
            resultat.append((steg, svar))
        return resultat

    @property
    def referanse(self) -> str:
        """The reference the applicant and the adviser use, e.g. KR-2026-00042."""
        aar = (self.innsendt or self.opprettet).year if (self.innsendt or self.opprettet) else ""
        return f"KR-{aar}-{self.pk or 0:05d}"
