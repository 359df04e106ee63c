"""Forms of the kanaler app."""

from html import escape

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Aktivitetsbekreftelse, Gjennomgang, Kanal, Plattform, Virksomhet
from .normalisering import UgyldigUrl, normaliser_url
from .personer import personnavn
from .selectors import SORTERING, STATUS_ALLE, STATUS_IKKE_NEDLAGT
from .services import BEGRUNNELSE_MAKS, FEIL_FREMTIDIG_DATO

SORTER_VALG = [(nokkel, nokkel) for nokkel in SORTERING] + [
    (f"-{nokkel}", f"-{nokkel}") for nokkel in SORTERING
]

FLAGG = {
    "inaktiv": _("Inaktiv"),
    "gjennomgang_forfalt": _("Gjennomgang forfalt"),
    "admin_ikke_bekreftet": _("Administratorrettigheter ikke bekreftet"),
    "mangler_stedfortreder": _("Mangler stedfortreder"),
    "ansvarlig_deaktivert": _("Ansvarlig er deaktivert"),
}


class RaskSelect(forms.Select):
    """The HTML of Django's Select, the options joined in Python instead of one template each.

    The register's unit list grows with the municipality; rendering it option by option through
    the form renderer cost more than the rest of the page together.
    """

    def render(self, name, value, attrs=None, renderer=None):
        valgt = self.format_value(value)
        alternativer = []
        funnet = False
        for verdi, etikett in self.choices:
            verdi = "" if verdi is None else str(verdi)
            er_valgt = not funnet and verdi in valgt
            funnet = funnet or er_valgt
            valgt_attr = " selected" if er_valgt else ""
            alternativer.append(
                f'  <option value="{escape(verdi)}"{valgt_attr}>{escape(str(etikett))}</option>\n'
            )
        return format_html(
            '<select name="{}"{}>\n{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(alternativer)),  # noqa: S308 -- every value and label escaped above
        )


class RaskInputMixin:
    """The HTML of Django's input widgets (type, name, value, attributes) without a template."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        verdi = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            "" if verdi is None else format_html(' value="{}"', verdi),
            flatatt(widget["attrs"]),
        )


class RaskTekst(RaskInputMixin, forms.TextInput):
    pass


class RaskAvkryssing(RaskInputMixin, forms.CheckboxInput):
    pass


class VirksomhetAlternativer(ModelChoiceIterator):
    """The units as (pk, label) from one values query, without building model instances."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, navn, overordnet in self.queryset.values_list("pk", "navn", "overordnet__navn"):
            yield (pk, f"{overordnet} › {navn}" if overordnet else navn)


class VirksomhetValg(forms.ModelChoiceField):
    iterator = VirksomhetAlternativer
    widget = RaskSelect

    def label_from_instance(self, obj):
        if obj.overordnet_id:
            return f"{obj.overordnet.navn} › {obj.navn}"
        return obj.navn


class RegisterFilterForm(forms.Form):
    """The register's filters, search and sorting, read from the query string."""

    q = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=200,
        help_text=_("Navn, adresse, virksomhet eller person."),
        widget=RaskTekst,
    )
    plattform = forms.ChoiceField(
        label=_("Plattform"),
        required=False,
        choices=[("", _("Alle plattformer")), *Plattform.choices],
        widget=RaskSelect,
    )
    virksomhet = VirksomhetValg(
        label=_("Virksomhet"),
        required=False,
        queryset=Virksomhet.objects.select_related("overordnet").order_by("navn"),
        empty_label=_("Alle virksomheter"),
        help_text=_("Tar med underenhetene."),
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
    inaktiv = forms.BooleanField(label=FLAGG["inaktiv"], required=False, widget=RaskAvkryssing)
    gjennomgang_forfalt = forms.BooleanField(
        label=FLAGG["gjennomgang_forfalt"], required=False, widget=RaskAvkryssing
    )
    admin_ikke_bekreftet = forms.BooleanField(
        label=FLAGG["admin_ikke_bekreftet"], required=False, widget=RaskAvkryssing
    )
    mangler_stedfortreder = forms.BooleanField(
        label=FLAGG["mangler_stedfortreder"], required=False, widget=RaskAvkryssing
    )
    ansvarlig_deaktivert = forms.BooleanField(
        label=FLAGG["ansvarlig_deaktivert"], required=False, widget=RaskAvkryssing
    )
    oppfolging = forms.BooleanField(
        label=_("Trenger oppfølging (minst ett flagg)"), required=False, widget=RaskAvkryssing
    )
    sorter = forms.ChoiceField(required=False, choices=SORTER_VALG, widget=forms.HiddenInput)

    def clean_sorter(self):
        return self.cleaned_data["sorter"] or "navn"

    FELTER_OVERST = ("q", "plattform", "virksomhet", "status")
    FELTER_FLAGG = (*FLAGG, "oppfolging")

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

    def felter_overst(self) -> list[dict]:
        return [self._filterfelt(navn) for navn in self.FELTER_OVERST]

    def felter_flagg(self) -> list[dict]:
        return [self._filterfelt(navn) for navn in self.FELTER_FLAGG]

    def feilmeldinger(self) -> list[str]:
        """Every error as one line naming the field, for the message above the table."""
        linjer = []
        for navn, feil in self.errors.items():
            etikett = self.fields[navn].label or _("Sortering")
            linjer.extend(f"{etikett}: {melding}" for melding in feil)
        return linjer


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


class OverforingForm(forms.Form):
    """The adviser's handover: every channel of one person to another, with a reason."""

    fra = forms.ModelChoiceField(
        label=_("Fra"),
        queryset=User.objects.none(),
        help_text=_("Personen som slutter eller bytter rolle."),
    )
    til = forms.ModelChoiceField(
        label=_("Til"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name", "username"),
        help_text=_("Personen som overtar ansvaret."),
        error_messages={
            "invalid_choice": _("Velg en aktiv bruker. Deaktiverte brukere kan ikke overta kanaler.")
        },
    )
    begrunnelse = forms.CharField(
        label=_("Begrunnelse"),
        max_length=BEGRUNNELSE_MAKS,
        widget=forms.TextInput(),
        help_text=_("Vises i historikken til hver kanal som flyttes, sammen med hvem som gjorde det."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        aktuelle = Kanal.objects.exclude(status=Kanal.Status.NEDLAGT)
        self.fields["fra"].queryset = User.objects.filter(
            Q(pk__in=aktuelle.values("ansvarlig")) | Q(pk__in=aktuelle.values("stedfortreder"))
        ).order_by("first_name", "last_name", "username")
        for felt in ("fra", "til"):
            self.fields[felt].label_from_instance = _personnavn


def _personnavn(bruker: User) -> str:
    navn = personnavn(bruker)
    if not bruker.is_active:
        return _("%(navn)s (%(brukernavn)s, deaktivert)") % {"navn": navn, "brukernavn": bruker.username}
    return f"{navn} ({bruker.username})"
