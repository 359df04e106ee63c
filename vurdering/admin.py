from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kanaler.admin import IngenSlettingMixin

from .models import Vurdering


@admin.register(Vurdering)
class VurderingAdmin(IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "status", "virksomhet", "plattform", "innsender", "innsendt"]
    list_filter = ["status", "plattform"]
    list_select_related = ["virksomhet", "innsender"]
    search_fields = ["foreslatt_navn", "virksomhet__navn"]
    readonly_fields = [field.name for field in Vurdering._meta.fields]

    def has_add_permission(self, request):
        return False
