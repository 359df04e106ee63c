"""Widgets and fields the register's filter renders without templates, for a fast page."""

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


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
