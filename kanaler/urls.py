from django.urls import path

from . import views

app_name = "kanaler"

urlpatterns: list = [
    # Kanalregisteret: register, overview, export, public list and API.
    path("kanaler/", views.register, name="register"),
    path("kanaler/oversikt/", views.oversikt, name="oversikt"),
    path("kanaler/eksport.csv", views.eksport_csv, name="eksport_csv"),
    path("kanaler/eksport.xlsx", views.eksport_xlsx, name="eksport_xlsx"),
    path("kanaler/<int:pk>/", views.detalj, name="detalj"),
    path("offisielle-kanaler/", views.offisielle, name="offisielle"),
    path("api/kanaler/", views.api_liste, name="api_liste"),
    path("api/kanaler/verifiser/", views.api_verifiser, name="api_verifiser"),
    # --- Oppfølging av kanaler ---
    path("kanaler/mine/", views.mine, name="mine"),
    path("kanaler/<int:pk>/bekreft-aktivitet/", views.bekreft_aktivitet, name="bekreft_aktivitet"),
    path("kanaler/<int:pk>/gjennomgang/", views.gjennomgang, name="gjennomgang"),
]
