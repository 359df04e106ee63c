"""Widgets and fields the register's filter renders without templates, for a fast page."""

from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Virksomhet
from .selectors.register import virksomhet_etter_navn, virksomhet_med_id, virksomhetsforslag


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


class VirksomhetSok(RaskTekst):
    """A text field for a unit's name with the top units suggested (a <datalist>: no JavaScript)."""

    def render(self, name, value, attrs=None, renderer=None):
        liste = f"{(attrs or {}).get('id') or name}_forslag"
        felt = super().render(name, value, {**(attrs or {}), "list": liste, "autocomplete": "off"}, renderer)
        alternativer = "".join(format_html('<option value="{}">', navn) for navn in virksomhetsforslag())
        return format_html('{}<datalist id="{}">{}</datalist>', felt, liste, mark_safe(alternativer))  # noqa: S308


class VirksomhetFelt(forms.Field):
    """A unit by id (links and bookmarks) or by name as typed; the form shows the name it found."""

    widget = VirksomhetSok
    default_error_messages = {
        "ukjent": _("Fant ingen virksomhet som heter eller inneholder «%(tekst)s»."),
        "flere": _("Flere virksomheter passer med «%(tekst)s»: %(forslag)s. Skriv hele navnet."),
        "ukjent_id": _("Virksomheten finnes ikke."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.valgt: Virksomhet | None = None

    def to_python(self, value):
        tekst = (value or "").strip()
        if not tekst:
            return None
        if "\x00" in tekst or len(tekst) > Virksomhet._meta.get_field("navn").max_length:
            vist = tekst.replace("\x00", "")[:100]
            raise ValidationError(self.error_messages["ukjent"], code="ukjent", params={"tekst": vist})
        if tekst.isascii() and tekst.isdigit():
            virksomhet = virksomhet_med_id(int(tekst))
            if virksomhet is None:
                raise ValidationError(self.error_messages["ukjent_id"], code="ukjent_id")
        else:
            virksomhet, forslag = virksomhet_etter_navn(tekst)
            if virksomhet is None and forslag:
                raise ValidationError(
                    self.error_messages["flere"],
                    code="flere",
                    params={"tekst": tekst[:100], "forslag": ", ".join(f"«{navn}»" for navn in forslag)},
                )
            if virksomhet is None:
                raise ValidationError(
                    self.error_messages["ukjent"], code="ukjent", params={"tekst": tekst[:100]}
                )
        self.valgt = virksomhet
        return virksomhet

    def prepare_value(self, value):
        return self.valgt.navn if self.valgt is not None else value
