from django.urls import path

from .views import endringer, offentlig, oppfolging, register, tilgang

app_name = "kanaler"

urlpatterns: list = [
    # The register for leadership and advisers.
    path("kanaler/", register.register, name="register"),
    path("kanaler/oversikt/", register.oversikt, name="oversikt"),
    path("kanaler/eksport.csv", register.eksport_csv, name="eksport_csv"),
    path("kanaler/eksport.xlsx", register.eksport_xlsx, name="eksport_xlsx"),
    path("kanaler/<int:pk>/", register.detalj, name="detalj"),
    # What residents see: the public list and the API.
    path("offisielle-kanaler/", offentlig.offisielle, name="offisielle"),
    path("offisielle-kanaler/meld-falsk/", offentlig.meld_falsk, name="meld_falsk"),
    path("offisielle-kanaler/meld-falsk/takk/", offentlig.meld_falsk_takk, name="meld_falsk_takk"),
    path("api/kanaler/", offentlig.api_liste, name="api_liste"),
    path("api/kanaler/verifiser/", offentlig.api_verifiser, name="api_verifiser"),
    path("api/openapi.json", offentlig.api_openapi, name="api_openapi"),
    path("offisielle-kanaler/endringer.xml", endringer.endringer, name="endringer"),
    # Follow-up by the responsible person or deputy.
    path("kanaler/mine/", oppfolging.mine, name="mine"),
    path("kanaler/<int:pk>/bekreft-aktivitet/", oppfolging.bekreft_aktivitet, name="bekreft_aktivitet"),
    path("kanaler/<int:pk>/gjennomgang/", oppfolging.gjennomgang, name="gjennomgang"),
    # The access review: who holds which role on the platform.
    path("kanaler/<int:pk>/tilganger/", tilgang.tilganger, name="tilganger"),
    path("kanaler/<int:pk>/tilganger/bekreft/", tilgang.tilgang_bekreft_visning, name="tilgang_bekreft"),
    path("kanaler/tilganger/<int:pk>/endre/", tilgang.tilgang_endre_visning, name="tilgang_endre"),
    path("kanaler/tilganger/<int:pk>/fjern/", tilgang.tilgang_fjern_visning, name="tilgang_fjern"),
]
