"""The forms of the register's pages: the filter, the check of an address, and follow-up."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import flagg
from .models import (
    Aktivitetsbekreftelse,
    Gjennomgang,
    Kanal,
    Plattform,
    Plattformrolle,
    Plattformtilgang,
    Tilgangsgjennomgang,
)
from .normalisering import UgyldigUrl, normaliser_url
from .personer import med_personnavn, personnavn
from .selectors.register import HOYRISIKO, SOK_MAKS_TEGN, SORTERING, STATUS_ALLE, STATUS_IKKE_NEDLAGT
from .services.oppfolging import FEIL_FREMTIDIG_DATO
from .tillit.modell import MELDING_MAKS
from .widgets import RaskAvkryssing, RaskSelect, RaskTekst, VirksomhetFelt

SORTER_VALG = [(nokkel, nokkel) for nokkel in SORTERING] + [
    (f"-{nokkel}", f"-{nokkel}") for nokkel in SORTERING
]


class Filterfelt:
    """A filter form's fields as the filter templates show them (kanaler/_filterfelt.html)."""

    def _filterfelt(self, navn: str) -> dict:
        """One field as the register's template shows it, with Bootstrap 5's form classes.

        Django adds aria-invalid and aria-describedby (help text, then errors) itself.
        """
        felt = self[navn]
        widget = felt.field.widget
        avkryssing = isinstance(widget, forms.CheckboxInput)
        if avkryssing:
            klasse = "checkboxinput form-check-input"
        elif isinstance(widget, forms.Select):
            klasse = "select form-select"
        else:
            klasse = "textinput form-control"
        return {
            "id": felt.auto_id,
            "etikett": felt.label,
            "widget": felt.as_widget(attrs={"class": klasse + (" is-invalid" if felt.errors else "")}),
            "hjelp": felt.help_text,
            "feil": felt.errors,
            "avkryssing": avkryssing,
        }

    def feilmeldinger(self) -> list[str]:
        """Every error as one line naming the field, for the message above the table."""
        linjer = []
        for navn, feil in self.errors.items():
            etikett = self.fields[navn].label or _("Sortering")
            linjer.extend(f"{etikett}: {melding}" for melding in feil)
        return linjer


class RegisterFilterForm(Filterfelt, forms.Form):
    """The register's filters, search and sorting, read from the query string."""

    q = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=SOK_MAKS_TEGN,
        help_text=_("Navn, adresse, virksomhet eller person."),
        widget=RaskTekst,
    )
    plattform = forms.ChoiceField(
        label=_("Plattform"),
        required=False,
        choices=[("", _("Alle plattformer")), *Plattform.choices],
        widget=RaskSelect,
    )
    virksomhet = VirksomhetFelt(
        label=_("Virksomhet"),
        required=False,
        help_text=_("Skriv navnet eller en del av det; tar med underenhetene."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (STATUS_IKKE_NEDLAGT, _("Alle unntatt nedlagte")),
            *Kanal.Status.choices,
            (STATUS_ALLE, _("Alle, også nedlagte")),
        ],
        widget=RaskSelect,
    )
    hoyrisiko = forms.BooleanField(
        label=_("Har høy personvernrisiko (søknaden trengte personvernombudet)"),
        required=False,
        widget=RaskAvkryssing,
    )
    sorter = forms.ChoiceField(required=False, choices=SORTER_VALG, widget=forms.HiddenInput)

    FELTER_OVERST = ("q", "plattform", "virksomhet", "status")
    FELTER_FLAGG = (*(enkelt.nokkel for enkelt in flagg.FLAGG), flagg.OPPFOLGING, HOYRISIKO)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        etiketter = {enkelt.nokkel: enkelt.etikett for enkelt in flagg.FLAGG}
        etiketter[flagg.OPPFOLGING] = flagg.OPPFOLGING_ETIKETT
        for navn in self.FELTER_FLAGG[:-1]:
            self.fields[navn] = forms.BooleanField(
                label=etiketter[navn], required=False, widget=RaskAvkryssing
            )

    def clean_sorter(self):
        return self.cleaned_data["sorter"] or "navn"

    def felter_overst(self) -> list[dict]:
        return [self._filterfelt(navn) for navn in self.FELTER_OVERST]

    def felter_flagg(self) -> list[dict]:
        return [self._filterfelt(navn) for navn in self.FELTER_FLAGG]


class OversiktFilterForm(Filterfelt, forms.Form):
    """The overview's choice of unit, read from the query string."""

    virksomhet = VirksomhetFelt(
        label=_("Virksomhet"),
        required=False,
        help_text=_("Skriv navnet eller en del av det; tallene tar med underenhetene."),
    )
    hoyrisiko = forms.BooleanField(
        label=_("Bare kanaler med høy personvernrisiko (søknaden trengte personvernombudet)"),
        required=False,
    )

    def felter(self) -> list[dict]:
        return [self._filterfelt("virksomhet"), self._filterfelt("hoyrisiko")]


class VerifiserForm(forms.Form):
    """A resident's question: is this address one of the municipality's channels?"""

    url = forms.CharField(
        label=_("Adressen til kontoen"),
        help_text=_("For eksempel https://www.facebook.com/porsgrunnkommune"),
        error_messages={"required": _("Skriv inn en adresse.")},
    )

    def clean_url(self):
        try:
            return normaliser_url(self.cleaned_data["url"])
        except UgyldigUrl as feil:
            raise forms.ValidationError(str(feil)) from feil


class MeldFalskForm(forms.Form):
    """A resident's report of an address pretending to be the municipality's; no name, no e-mail."""

    url = forms.CharField(
        label=_("Adressen til kontoen"),
        max_length=2000,
        help_text=_("For eksempel https://www.facebook.com/porsgrunn.kommune.ekte"),
        error_messages={"required": _("Skriv inn en adresse."), "max_length": _("Adressen er for lang.")},
    )
    beskrivelse = forms.CharField(
        label=_("Hva gjør kontoen? (valgfritt)"),
        required=False,
        max_length=MELDING_MAKS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For eksempel at den ber om kontonummer eller deler falske nyheter. Ikke skriv navn, "
            "telefonnummer eller andre personopplysninger, heller ikke dine egne."
        ),
        error_messages={
            "max_length": _("Beskrivelsen kan være høyst %(limit_value)d tegn (nå %(show_value)d).")
        },
    )

    def clean_url(self):
        try:
            return normaliser_url(self.cleaned_data["url"])
        except UgyldigUrl as feil:
            raise forms.ValidationError(str(feil)) from feil


# --- Oppfølging av kanaler ---
def legg_til_feil(skjema: forms.Form, feil: ValidationError) -> None:
    """Shows a service's ValidationError next to its field, or above the form."""
    if hasattr(feil, "error_dict"):
        for felt, feilene in feil.error_dict.items():
            for enkelt in feilene:
                skjema.add_error(felt if felt in skjema.fields else None, enkelt)
    else:
        for melding in feil.messages:
            skjema.add_error(None, melding)


JA_NEI = [(True, _("Ja")), (False, _("Nei"))]


class BekreftAktivitetForm(forms.ModelForm):
    """One click confirms activity today; the date and a note are optional."""

    class Meta:
        model = Aktivitetsbekreftelse
        fields = ["siste_innlegg", "merknad"]
        widgets = {
            "siste_innlegg": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "merknad": forms.TextInput(),
        }
        help_texts = {"siste_innlegg": _("Når ble det sist publisert noe i kanalen? Standard er i dag.")}

    def __init__(self, *args, kanal: Kanal, **kwargs):
        kwargs.setdefault("initial", {"siste_innlegg": timezone.localdate()})
        kwargs.setdefault("prefix", f"kanal-{kanal.pk}")
        super().__init__(*args, **kwargs)
        self.kanal = kanal
        self.fields["siste_innlegg"].required = False

    def clean_siste_innlegg(self):
        dato = self.cleaned_data.get("siste_innlegg") or timezone.localdate()
        if dato > timezone.localdate():
            raise forms.ValidationError(FEIL_FREMTIDIG_DATO)
        return dato


def _ja_nei(sporsmal, hjelp=""):
    return forms.TypedChoiceField(
        label=sporsmal,
        choices=JA_NEI,
        coerce=lambda verdi: verdi in (True, "True"),
        widget=forms.RadioSelect,
        help_text=hjelp,
    )


class GjennomgangForm(forms.Form):
    """The yearly review: the questions of the assessment that can change over time."""

    formal_gyldig = _ja_nei(
        _("Gjelder formålet med kanalen fortsatt?"),
        _("Når kanalen fortsatt de menneskene og målene den ble opprettet for?"),
    )
    personer_riktige = _ja_nei(_("Er ansvarlig og stedfortreder riktige?"))
    ressurser_finnes = _ja_nei(
        _("Har virksomheten fortsatt tid og ressurser til å holde kanalen levende og svare?")
    )
    retningslinjer_fulgt = _ja_nei(_("Følges kommunens retningslinjer for sosiale medier?"))
    fortsatt_behov = _ja_nei(
        _("Trengs kanalen fortsatt?"),
        _("Svarer du nei, ber vi kommunikasjonsrådgiver om å legge ned kanalen."),
    )
    merknad = forms.CharField(
        label=_("Merknad"),
        required=False,
        max_length=Gjennomgang._meta.get_field("merknad").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hva bør endres, eller hva bør kommunikasjonsrådgiver vite?"),
    )


class TilgangForm(forms.ModelForm):
    """One person's role on the platform: an employee from the register or a named external."""

    tofaktor = _ja_nei(_("Har personen slått på tofaktorinnlogging?"))

    class Meta:
        model = Plattformtilgang
        fields = ["ansatt", "ekstern_navn", "rolle", "tofaktor", "siden"]
        widgets = {"siden": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"siden": _("Tom: i dag.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "ny")
        super().__init__(*args, **kwargs)
        ansatt = self.fields["ansatt"]
        ansatt.queryset = med_personnavn(get_user_model().objects.filter(is_active=True))
        ansatt.label_from_instance = personnavn
        ansatt.help_text = _("En ansatt i kommunen. For andre: la feltet stå tomt og skriv navnet under.")
        ansatt.error_messages["invalid_choice"] = _("Velg en aktiv ansatt fra listen.")
        self.fields["siden"].required = False
        self.fields["rolle"].error_messages["required"] = _("Velg personens rolle på plattformen.")
        self.fields["tofaktor"].error_messages["required"] = _("Svar ja eller nei.")

    def clean_siden(self):
        dato = self.cleaned_data.get("siden") or timezone.localdate()
        if dato > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke være frem i tid."))
        return dato

    def clean(self):
        data = super().clean()
        ansatt, ekstern = data.get("ansatt"), (data.get("ekstern_navn") or "").strip()
        if "ansatt" not in self.errors and ansatt is None and not ekstern:
            self.add_error("ansatt", _("Velg en ansatt eller skriv navnet på en ekstern person."))
        if ansatt is not None and ekstern:
            self.add_error(
                "ekstern_navn", _("Velg enten en ansatt eller skriv navnet på en ekstern person, ikke begge.")
            )
        return data

    def _post_clean(self):
        # The service checks and saves; the model's own validation would need the channel.
        pass


class EndreTilgangForm(forms.Form):
    """A role or the two-factor answer of one person changed on the list."""

    rolle = forms.ChoiceField(label=_("Rolle"), choices=Plattformrolle.choices)
    tofaktor = _ja_nei(_("Tofaktor"))

    def __init__(self, *args, tilgang: Plattformtilgang, **kwargs):
        kwargs.setdefault("prefix", f"tilgang-{tilgang.pk}")
        kwargs.setdefault("initial", {"rolle": tilgang.rolle, "tofaktor": tilgang.tofaktor})
        super().__init__(*args, **kwargs)
        self.tilgang = tilgang


class TilgangsgjennomgangForm(forms.Form):
    """The responsible person attests that the list is right."""

    bekreftet = forms.BooleanField(
        label=_("Jeg har sjekket på plattformen at listen over er riktig og fullstendig."),
        error_messages={"required": _("Kryss av for at du har sjekket listen på plattformen.")},
    )
    merknad = forms.CharField(
        label=_("Merknad"),
        required=False,
        max_length=Tilgangsgjennomgang._meta.get_field("merknad").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
