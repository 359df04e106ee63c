from django.urls import path, re_path

from . import views

urlpatterns = [
    path("ServiceProviderConfig", views.tjenesteoppsett, name="scim_tjenesteoppsett"),
    path("ResourceTypes", views.ressurstyper_visning, name="scim_ressurstyper"),
    path("ResourceTypes/<str:ressurs_id>", views.ressurstyper_visning),
    path("Schemas", views.skjemaer_visning, name="scim_skjemaer"),
    path("Schemas/<str:ressurs_id>", views.skjemaer_visning),
    path("Users", views.brukerliste, name="scim_brukere"),
    path("Users/.search", views.brukersok, name="scim_brukersok"),
    path("Users/<str:ressurs_id>", views.bruker, name="scim_bruker"),
    path("Groups", views.gruppeliste, name="scim_grupper"),
    path("Groups/<str:ressurs_id>", views.gruppe, name="scim_gruppe"),
    path(".search", views.sok_alle),
    re_path(r"^(?P<sti>.*)$", views.ukjent),
]
