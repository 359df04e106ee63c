from django.contrib import admin
from django.urls import include, path

from . import views
from .forms import Innloggingsskjema
from .identitet import views as identitet_views

admin.site.site_header = "Kanalregister – kommunikasjonsrådgiverens arbeidsflate"
admin.site.site_title = "Kanalregister"
admin.site.index_title = "Søknader og kanaler"

urlpatterns = [
    path("", views.start, name="start"),
    path(
        "konto/logg-inn/",
        identitet_views.LoggInn.as_view(authentication_form=Innloggingsskjema),
        name="logg_inn",
    ),
    path("konto/logg-ut/", identitet_views.logg_ut, name="logg_ut"),
    path("", include("porsgrunn_site.identitet.urls")),
    path("helse/", views.helse, name="helse"),
    path("tilgjengelighet/", views.tilgjengelighet, name="tilgjengelighet"),
    path("admin/login/", views.admin_logg_inn, name="admin_logg_inn"),
    path("admin/logout/", identitet_views.logg_ut, name="admin_logg_ut"),
    path("admin/", admin.site.urls),
    path("", include("kanaler.urls")),
    path("", include("vurdering.urls")),
]

handler403 = "porsgrunn_site.views.ingen_tilgang"
handler404 = "porsgrunn_site.views.ikke_funnet"
handler500 = "porsgrunn_site.views.serverfeil"
