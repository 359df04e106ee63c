from django.urls import path

from . import views

app_name = "vurdering"

urlpatterns = [
    path("vurdering/", views.liste, name="liste"),
    path("vurdering/ny/", views.ny, name="ny"),
    path("vurdering/personvernombud/", views.personvernombud, name="personvernombud"),
    path("vurdering/<int:pk>/uttalelse/", views.uttalelse, name="uttalelse"),
    path("vurdering/<int:pk>/", views.detalj, name="detalj"),
    path("vurdering/<int:pk>/fortsett/", views.fortsett, name="fortsett"),
    path("vurdering/<int:pk>/steg/<slug:steg>/", views.steg, name="steg"),
    path("vurdering/<int:pk>/kvittering/", views.kvittering, name="kvittering"),
    path("vurdering/<int:pk>/trekk/", views.trekk, name="trekk"),
]
