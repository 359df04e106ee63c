"""Users in the workspace: Django's user admin with the capped search, offering active people to channels."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .felles import AvgrensetSokMixin

User = get_user_model()

# The channel fields whose autocomplete offers active users only (the services refuse the others).
BARE_AKTIVE = {("kanaler", "kanal", "ansvarlig"), ("kanaler", "kanal", "stedfortreder")}

admin.site.unregister(User)


@admin.register(User)
class BrukerAdmin(AvgrensetSokMixin, UserAdmin):
    def get_search_results(self, request, queryset, search_term):
        treff, duplikater = super().get_search_results(request, queryset, search_term)
        felt = tuple(request.GET.get(navn) for navn in ("app_label", "model_name", "field_name"))
        if felt in BARE_AKTIVE:
            treff = treff.filter(is_active=True)
        return treff, duplikater
