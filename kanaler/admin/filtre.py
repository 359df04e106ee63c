"""The admin's list filters on the derived flags, one per entry of kanaler.flagg."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import flagg


class FlaggFilter(admin.SimpleListFilter):
    """A yes/no filter on one derived flag."""

    flagg: flagg.Flagg

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nei", _("Nei"))]

    def queryset(self, request, queryset):
        q = self.flagg.q()
        if self.value() == "ja":
            return queryset.filter(q)
        if self.value() == "nei":
            return queryset.exclude(q)
        return queryset


FLAGGFILTRE = [
    type(
        f"{enkelt.nokkel.title().replace('_', '')}Filter",
        (FlaggFilter,),
        {"title": enkelt.tittel, "parameter_name": enkelt.nokkel, "flagg": enkelt},
    )
    for enkelt in flagg.FLAGG
]
