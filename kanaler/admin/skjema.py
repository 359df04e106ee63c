"""The forms of the register's workspace: a reason, activation, import, registration, change, handover."""

import copy

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Kanal, Plattform
from ..personer import med_personnavn, personnavn
from ..services.felles import BEGRUNNELSE_MAKS
from ..services.kontroll import REDIGERBARE_FELTER, kanal_endring_kontrollert, kanal_registrering_kontrollert
from .felles import begrunnelsesfelt


class BegrunnelseForm(forms.Form):
    begrunnelse = begrunnelsesfelt(
        etikett=_("Begrunnelse"),
        hjelp=_("Påkrevd. Sendes til ansvarlig og stedfortreder og lagres i historikken."),
    )


class AktiverForm(forms.Form):
    url = forms.CharField(
        label=_("Kanalens adresse (URL)"),
        max_length=500,
        widget=forms.URLInput(attrs={"size": 60}),
        help_text=_(
            "Adressen til den publiserte kanalen, for eksempel https://facebook.com/porsgrunnkommune."
        ),
    )


class ImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class KanalRegistrerForm(forms.ModelForm):
    """Registers an existing channel; validated by the same rules as kanal_registrer."""

    plattform = forms.ChoiceField(
        label=_("Plattform"),
        choices=[("", _("Gjenkjenn fra adressen"))] + list(Plattform.choices),
        required=False,
    )
    administratorrettigheter_bekreftet = forms.BooleanField(
        label=_("Kommunikasjonsrådgiver har administratorrettigheter"),
        required=False,
        help_text=_("Kryss av når rettighetene er bekreftet. Da registreres kanalen som aktiv."),
    )

    class Meta:
        model = Kanal
        fields = list(REDIGERBARE_FELTER)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["url"].required = True
        self.fields["administrator"].required = False
        self.fields["administrator"].help_text = _("Tom: deg selv.")
        self.fields["neste_gjennomgang"].help_text = _("Tom: om ett år.")

    def felter_for_tjeneste(self) -> dict:
        """The cleaned fields as kanal_registrer takes them."""
        data = self.cleaned_data
        return {
            **{navn: data.get(navn) for navn in REDIGERBARE_FELTER},
            "administrator_bekreftet": data.get("administratorrettigheter_bekreftet", False),
        }

    def _post_clean(self):
        # The service validates and builds the channel; the model's own checks are not needed twice.
        if self.errors:
            return
        try:
            self.instance = kanal_registrering_kontrollert(av=self.request.user, **self.felter_for_tjeneste())
        except ValidationError as feil:
            self._update_errors(feil)


class KanalEndreForm(forms.ModelForm):
    """Changes a channel's details; status and dates change only through the buttons."""

    class Meta:
        model = Kanal
        fields = list(REDIGERBARE_FELTER)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def _post_clean(self):
        if self.errors:
            return
        felter = {navn: self.cleaned_data[navn] for navn in REDIGERBARE_FELTER if navn in self.cleaned_data}
        try:
            kontrollert = kanal_endring_kontrollert(kanal=copy.copy(self.instance), **felter)
        except ValidationError as feil:
            self._update_errors(feil)
        else:
            self.cleaned_data["url"] = kontrollert.url
            self.cleaned_data["plattform"] = kontrollert.plattform


class OverforingForm(forms.Form):
    """The adviser's handover: every channel of one person to another, with a reason."""

    fra = forms.ModelChoiceField(
        label=_("Fra"),
        queryset=User.objects.none(),
        help_text=_("Personen som slutter eller bytter rolle."),
    )
    til = forms.ModelChoiceField(
        label=_("Til"),
        queryset=med_personnavn(User.objects.filter(is_active=True)),
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
        self.fields["fra"].queryset = med_personnavn(
            User.objects.filter(
                Q(pk__in=aktuelle.values("ansvarlig")) | Q(pk__in=aktuelle.values("stedfortreder"))
            )
        )
        for felt in ("fra", "til"):
            self.fields[felt].label_from_instance = _personnavn


def _personnavn(bruker: User) -> str:
    navn = personnavn(bruker)
    if not bruker.is_active:
        return _("%(navn)s (deaktivert)") % {"navn": navn}
    return navn
