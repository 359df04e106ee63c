"""Users and roles in the workspace: Django's admins with the capped search; channels get active people.

A user is shown as str(bruker), which kanaler.apps makes the one naming rule (kanaler.personer).
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from ..personer import med_personnavn
from .felles import AvgrensetSokMixin

User = get_user_model()

# The channel fields whose autocomplete offers active users only (the services refuse the others).
BARE_AKTIVE = {("kanaler", "kanal", "ansvarlig"), ("kanaler", "kanal", "stedfortreder")}

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class BrukerAdmin(AvgrensetSokMixin, UserAdmin):
    def get_search_results(self, request, queryset, search_term):
        treff, duplikater = super().get_search_results(request, queryset, search_term)
        felt = tuple(request.GET.get(navn) for navn in ("app_label", "model_name", "field_name"))
        if felt in BARE_AKTIVE:
            treff = treff.filter(is_active=True)
        if all(felt):
            # The autocomplete's results are str(bruker): named by the one rule, sorted by name.
            treff = med_personnavn(treff)
        return treff, duplikater


@admin.register(Group)
class GruppeAdmin(AvgrensetSokMixin, GroupAdmin):
    pass
