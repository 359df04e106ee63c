from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Kanal, Virksomhet


class IngenSlettingMixin:
    """Nothing is hard-deleted from the register: channels are closed instead."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Virksomhet)
class VirksomhetAdmin(IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = ["navn", "overordnet", "aktiv"]
    list_filter = ["aktiv"]
    list_select_related = ["overordnet"]
    search_fields = ["navn"]


@admin.register(Kanal)
class KanalAdmin(IngenSlettingMixin, SimpleHistoryAdmin):
    list_display = ["navn", "plattform", "virksomhet", "status", "ansvarlig"]
    list_filter = ["status", "plattform"]
    list_select_related = ["virksomhet", "ansvarlig"]
    search_fields = ["navn", "url", "virksomhet__navn"]
    autocomplete_fields = ["virksomhet", "ansvarlig", "stedfortreder", "administrator"]


from . import admin_overforing  # noqa: E402,F401  (issue 6: overføring og oppfølgingsflagg)
