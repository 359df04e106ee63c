from django.urls import path

from . import views

app_name = "kanaler"

urlpatterns: list = [
    # --- Oppfølging av kanaler (issue 6) ---
    path("kanaler/mine/", views.mine, name="mine"),
    path("kanaler/<int:pk>/bekreft-aktivitet/", views.bekreft_aktivitet, name="bekreft_aktivitet"),
    path("kanaler/<int:pk>/gjennomgang/", views.gjennomgang, name="gjennomgang"),
]
