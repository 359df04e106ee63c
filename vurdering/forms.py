"""One form per step of the assessment.

Every step form has two modes. ``streng=False`` (lax) is what may be stored in a draft:
types, lengths and the database's own rules. ``streng=True`` (strict) is what a complete
answer needs: required answers, free text that says something, the rules of the
guideline document. ``vurdering.fullstendighet`` runs the strict forms against the saved draft.
"""

import copy
import re
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from kanaler.kanaladresse import Adressetekster, kanal_url_renset
from kanaler.models import Virksomhet
from kanaler.normalisering import UgyldigUrl, normaliser_url
from kanaler.personer import med_personnavn, personnavn
from kanaler.services.kontroll import FEIL_STEDFORTREDER_ER_ANSVARLIG

from .models import JaNei, Risikovurdering, Vurdering
from .retningslinjer import RETNINGSLINJER, med_kommunenavn
from .steg import STEG, STEG_ETTER_SLUG, Steg

MIN_ORD = 3
MIN_TEGN = 15
MAKS_TIMER = Decimal("168")

FEIL_PAKREVD = _("Svar på dette spørsmålet.")
FEIL_FOR_KORT = _(
    "Skriv et svar som forklarer, med minst %(ord)s ord og %(tegn)s tegn. Et «ok» eller ett ord er ikke nok."
)
FEIL_TIMER = _("Oppgi et positivt antall timer per uke, for eksempel 2 eller 3,5.")
FEIL_TIMER_FOR_MANGE = _("En uke har 168 timer. Oppgi hvor mange timer dere faktisk setter av.")
FEIL_URL_PLATTFORM = _("Adressen hører ikke til plattformen du har valgt (%(plattform)s).")
FEIL_URL_KJENT_PLATTFORM = _("Adressen hører til %(plattform)s. Velg den plattformen, eller rett adressen.")
FEIL_URL_I_BRUK = _(
    "Denne adressen er allerede registrert på kanalen «%(navn)s». Ta kontakt med kommunikasjonsrådgiver "
    "hvis dere skal overta eller dele kanalen."
)
SOKNAD_ADRESSE = Adressetekster(
    feil_plattform=FEIL_URL_PLATTFORM,
    kjent_plattform=FEIL_URL_KJENT_PLATTFORM,
    i_bruk=FEIL_URL_I_BRUK,
    felt="eksisterende_url",
)
FEIL_PERSONVERN = _(
    "Søknaden kan ikke sendes inn før personvern og taushetsplikt er ivaretatt. Ta kontakt med "
    "kommunikasjonsrådgiver og personvernombudet for å finne ut hva som må på plass, og svar «Ja» "
    "når det er gjort."
)
FEIL_RISIKO_BARN = _(
    "Målgruppen omfatter barn eller sårbare grupper (steg 3). Da må risikovurderingen være "
    "gjennomført før søknaden sendes inn. Ta kontakt med kommunikasjonsrådgiver og personvernombudet."
)
FEIL_RETNINGSLINJE = _("Du må bekrefte denne retningslinjen for å sende inn søknaden.")


def meningsfull_tekst(tekst: str) -> None:
    """Refuses free text that does not say anything (a single word, 'ok', ...)."""
    ord_ = re.findall(r"\w+", tekst)
    if len(ord_) < MIN_ORD or len(tekst.strip()) < MIN_TEGN:
        raise forms.ValidationError(FEIL_FOR_KORT, code="for_kort", params={"ord": MIN_ORD, "tegn": MIN_TEGN})


class BrukerValg(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return personnavn(obj)


class StegSkjema(forms.ModelForm):
    """Common behaviour of the step forms: lax or strict, choices shown as radio buttons."""

    steg: Steg

    def __init__(self, *args, streng: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.streng = streng
        for felt in self.fields.values():
            felt.required = streng
            felt.error_messages["required"] = FEIL_PAKREVD
            if isinstance(felt.widget, forms.RadioSelect):
                felt.choices = [valg for valg in felt.choices if valg[0] != ""]
            if isinstance(felt.widget, forms.Textarea):
                felt.widget.attrs["rows"] = 3

    def fritekstfelter(self) -> list[str]:
        """The free-text fields whose answers must say something."""
        return [
            navn for navn in self.steg.felter if isinstance(Vurdering._meta.get_field(navn), models.TextField)
        ]

    def clean(self):
        data = super().clean()
        if self.streng:
            for navn in self.fritekstfelter():
                verdi = data.get(navn)
                if verdi:
                    try:
                        meningsfull_tekst(verdi)
                    except forms.ValidationError as feil:
                        self.add_error(navn, feil)
        return data

    def _post_clean(self):
        # The database constraints are checked in the service with clear messages; the
        # form must not add the constraint's technical name as an error.
        self._validate_unique = False
        super()._post_clean()

    def svar(self) -> dict:
        """The answers to store in the draft, by model field name."""
        return {navn: self.cleaned_data.get(navn) for navn in self.steg.felter}


RADIO = forms.RadioSelect


class KanalSkjema(StegSkjema):
    steg = STEG_ETTER_SLUG["kanal"]

    class Meta:
        model = Vurdering
        fields = STEG_ETTER_SLUG["kanal"].felter
        widgets = {"plattform": RADIO}
        help_texts = {
            "foreslatt_navn": med_kommunenavn(
                _("Navnet skal vise at %(kommune)s står bak, for eksempel «Heistad skole – %(kommune)s».")
            ),
            "eksisterende_url": _(
                "Bare hvis kanalen allerede finnes, for eksempel https://facebook.com/heistadskole."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["virksomhet"].queryset = Virksomhet.objects.filter(aktiv=True).order_by("navn")
        self.fields["eksisterende_url"].required = False

    def clean_foreslatt_navn(self):
        return (self.cleaned_data.get("foreslatt_navn") or "").strip()

    def clean_eksisterende_url(self):
        tekst = (self.cleaned_data.get("eksisterende_url") or "").strip()
        if not tekst:
            return ""
        try:
            return normaliser_url(tekst)
        except UgyldigUrl as feil:
            if self.streng:
                raise forms.ValidationError(str(feil), code="ugyldig_url") from feil
            return tekst

    def clean(self):
        data = super().clean()
        url, plattform = data.get("eksisterende_url"), data.get("plattform")
        if not self.streng or not url or not plattform or "eksisterende_url" in self.errors:
            return data
        try:
            kanal_url_renset(url=url, plattform=plattform, tekster=SOKNAD_ADRESSE)
        except forms.ValidationError as feil:
            self.add_error(None, feil)
        return data


class FormalSkjema(StegSkjema):
    steg = STEG_ETTER_SLUG["formal"]

    class Meta:
        model = Vurdering
        fields = STEG_ETTER_SLUG["formal"].felter


class MalgruppeSkjema(StegSkjema):
    steg = STEG_ETTER_SLUG["malgruppe"]

    class Meta:
        model = Vurdering
        fields = STEG_ETTER_SLUG["malgruppe"].felter
        widgets = {"barn_eller_sarbare": RADIO}
        help_texts = {
            "barn_eller_sarbare": _(
                "Hvis svaret er ja, må risikovurderingen (steg 5) være gjennomført før søknaden sendes inn."
            ),
        }


class DialogSkjema(StegSkjema):
    steg = STEG_ETTER_SLUG["dialog"]

    class Meta:
        model = Vurdering
        fields = STEG_ETTER_SLUG["dialog"].felter
        widgets = {"kommentarer_pa": RADIO, "private_meldinger_pa": RADIO, "svartid": RADIO}
        help_texts = {
            "henvisning_sikre_kanaler": _(
                "Henvendelser som gjelder enkeltsaker eller inneholder personopplysninger skal ikke "
                "behandles i sosiale medier."
            ),
        }


class PersonvernSkjema(StegSkjema):
    steg = STEG_ETTER_SLUG["personvern"]

    class Meta:
        model = Vurdering
        fields = STEG_ETTER_SLUG["personvern"].felter
        widgets = {
            "felles_behandlingsansvar": RADIO,
            "risikovurdering": RADIO,
            "personvernombud_radfort": RADIO,
            "personvern_ivaretatt": RADIO,
        }
        help_texts = {
            "felles_behandlingsansvar": _(
                "Kommunen og plattformen (for eksempel Meta) har felles ansvar for personopplysningene "
                "som behandles på siden."
            ),
            "personvern_ivaretatt": _("Søknaden kan bare sendes inn når svaret er ja."),
        }

    def clean(self):
        data = super().clean()
        if not self.streng:
            return data
        if data.get("personvern_ivaretatt") == JaNei.NEI:
            self.add_error("personvern_ivaretatt", forms.ValidationError(FEIL_PERSONVERN, code="personvern"))
        risiko = data.get("risikovurdering")
        if risiko and self.instance.barn_eller_sarbare == JaNei.JA and risiko != Risikovurdering.GJENNOMFORT:
            self.add_error("risikovurdering", forms.ValidationError(FEIL_RISIKO_BARN, code="risiko_barn"))
        return data


class RessurserSkjema(StegSkjema):
    steg = STEG_ETTER_SLUG["ressurser"]

    class Meta:
        model = Vurdering
        fields = STEG_ETTER_SLUG["ressurser"].felter
        field_classes = {"ansvarlig": BrukerValg, "stedfortreder": BrukerValg}
        help_texts = {
            "ansvarlig": _(
                "Personen som overvåker aktiviteten på siden og sørger for at den holdes oppdatert."
            ),
            "stedfortreder": _(
                "Personen som tar over når ansvarlig er borte. Må være en annen enn ansvarlig."
            ),
            "timer_per_uke": _(
                "Hvor mange timer i uken dere setter av til kanalen, for eksempel 3 eller 2,5."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        brukere = med_personnavn(get_user_model().objects.filter(is_active=True))
        for navn in ("ansvarlig", "stedfortreder"):
            self.fields[navn].queryset = brukere
            self.fields[navn].empty_label = _("Velg en person")
        timer = self.fields["timer_per_uke"]
        timer.localize = True
        timer.widget = forms.TextInput(attrs={"inputmode": "decimal"})
        timer.widget.is_localized = True

    def clean_timer_per_uke(self):
        timer = self.cleaned_data.get("timer_per_uke")
        if timer is not None and timer <= 0:
            raise forms.ValidationError(FEIL_TIMER, code="timer")
        if timer is not None and timer > MAKS_TIMER:
            raise forms.ValidationError(FEIL_TIMER_FOR_MANGE, code="timer")
        return timer

    def clean(self):
        data = super().clean()
        ansvarlig, stedfortreder = data.get("ansvarlig"), data.get("stedfortreder")
        if ansvarlig and stedfortreder and ansvarlig == stedfortreder:
            self.add_error(
                "stedfortreder", forms.ValidationError(FEIL_STEDFORTREDER_ER_ANSVARLIG, code="samme_person")
            )
        return data


class RetningslinjerSkjema(StegSkjema):
    """One checkbox per guideline; confirmed only when the stored text is the current one."""

    steg = STEG_ETTER_SLUG["retningslinjer"]

    class Meta:
        model = Vurdering
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bekreftet = self.instance.bekreftede_retningslinjer or {}
        for nokkel, tekst in RETNINGSLINJER:
            self.fields[nokkel] = forms.BooleanField(
                label=tekst,
                required=self.streng,
                initial=bekreftet.get(nokkel) == str(tekst),
                error_messages={"required": FEIL_RETNINGSLINJE},
            )

    def svar(self) -> dict:
        return {
            "bekreftede_retningslinjer": {
                nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER if self.cleaned_data.get(nokkel)
            }
        }


SKJEMA = {
    "kanal": KanalSkjema,
    "formal": FormalSkjema,
    "malgruppe": MalgruppeSkjema,
    "dialog": DialogSkjema,
    "personvern": PersonvernSkjema,
    "ressurser": RessurserSkjema,
    "retningslinjer": RetningslinjerSkjema,
}
UTFYLLINGSSTEG = [steg for steg in STEG if steg.slug in SKJEMA]


def steg_skjema(steg: Steg, vurdering: Vurdering, data=None, *, streng: bool = True) -> StegSkjema:
    """The form of a step over a copy of the draft (validation never touches the caller's object)."""
    return SKJEMA[steg.slug](data, instance=copy.deepcopy(vurdering), streng=streng)
