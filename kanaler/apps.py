from django.apps import AppConfig


class KanalerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kanaler"
    verbose_name = "Kanalregister"

    def ready(self):
        import porsgrunn_site.checks  # noqa: F401  registers the deployment checks
