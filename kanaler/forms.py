"""Forms of the kanaler app."""

# --- Oppfølging av kanaler (issue 6) ---

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Aktivitetsbekreftelse, Gjennomgang, Kanal
from .services import BEGRUNNELSE_MAKS, FEIL_FREMTIDIG_DATO


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
    navn = bruker.get_full_name() or bruker.get_username()
    if not bruker.is_active:
        return _("%(navn)s (%(brukernavn)s, deaktivert)") % {"navn": navn, "brukernavn": bruker.username}
    return f"{navn} ({bruker.username})"
