from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kanal, Plattform, Virksomhet
from .normalisering import UgyldigUrl, normaliser_url

STATUS_IKKE_NEDLAGT = ""
STATUS_ALLE = "alle"

# Sort key in the query string -> columns; every sort ends with pk as a stable tiebreak.
SORTERING = {
    "navn": ("navn",),
    "plattform": ("plattform", "navn"),
    "virksomhet": ("virksomhet__navn", "navn"),
    "status": ("status", "navn"),
    "ansvarlig": ("ansvarlig__first_name", "ansvarlig__last_name", "navn"),
    "radgiver": ("administrator__first_name", "administrator__last_name", "navn"),
    "sist_aktiv": ("sist_aktiv", "navn"),
    "neste_gjennomgang": ("neste_gjennomgang", "navn"),
}
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


class VirksomhetValg(forms.ModelChoiceField):
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
    )
    plattform = forms.ChoiceField(
        label=_("Plattform"), required=False, choices=[("", _("Alle plattformer")), *Plattform.choices]
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
    )
    inaktiv = forms.BooleanField(label=FLAGG["inaktiv"], required=False)
    gjennomgang_forfalt = forms.BooleanField(label=FLAGG["gjennomgang_forfalt"], required=False)
    admin_ikke_bekreftet = forms.BooleanField(label=FLAGG["admin_ikke_bekreftet"], required=False)
    mangler_stedfortreder = forms.BooleanField(label=FLAGG["mangler_stedfortreder"], required=False)
    ansvarlig_deaktivert = forms.BooleanField(label=FLAGG["ansvarlig_deaktivert"], required=False)
    oppfolging = forms.BooleanField(label=_("Trenger oppfølging (minst ett flagg)"), required=False)
    sorter = forms.ChoiceField(required=False, choices=SORTER_VALG, widget=forms.HiddenInput)

    def clean_sorter(self):
        return self.cleaned_data["sorter"] or "navn"

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
