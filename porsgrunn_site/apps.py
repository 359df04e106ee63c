from django.apps import AppConfig


class PorsgrunnSiteConfig(AppConfig):
    name = "porsgrunn_site"
    verbose_name = "Kanalregister: nettstedet"

    def ready(self):
        from . import checks  # noqa: F401  registers the deployment checks
