from django.urls import include, path

from . import views

urlpatterns = [
    path("oidc/start/", views.KommuneInnlogging.as_view(), name="oidc_authentication_init"),
    # The redirect URI registered with the provider; mozilla-django-oidc reverses this name.
    path("oidc/callback/", views.KommuneTilbakekall.as_view(), name="oidc_authentication_callback"),
    path("scim/v2/", include("porsgrunn_site.identitet.scim.urls")),
]
