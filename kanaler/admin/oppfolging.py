"""The follow-up records in the admin, read-only: reminders sent, activity confirmed, reviews done."""

from django.contrib import admin

from ..models import Aktivitetsbekreftelse, Gjennomgang, Paminnelse
from .felles import KunLesbarAdmin


@admin.register(Paminnelse)
class PaminnelseAdmin(KunLesbarAdmin):
    list_display = ["sendt", "type", "kanal", "person", "mottakere"]
    list_filter = ["type"]
    list_select_related = ["kanal", "person"]
    search_fields = ["kanal__navn", "mottakere"]
    date_hierarchy = "sendt"


@admin.register(Aktivitetsbekreftelse)
class AktivitetsbekreftelseAdmin(KunLesbarAdmin):
    list_display = ["opprettet", "kanal", "siste_innlegg", "bekreftet_av", "merknad"]
    list_select_related = ["kanal", "bekreftet_av"]
    search_fields = ["kanal__navn"]
    date_hierarchy = "opprettet"


@admin.register(Gjennomgang)
class GjennomgangAdmin(KunLesbarAdmin):
    list_display = ["opprettet", "kanal", "utfort_av", "fortsatt_behov", "formal_gyldig", "ressurser_finnes"]
    list_filter = ["fortsatt_behov", "formal_gyldig", "personer_riktige", "ressurser_finnes"]
    list_select_related = ["kanal", "utfort_av"]
    search_fields = ["kanal__navn"]
    date_hierarchy = "opprettet"
