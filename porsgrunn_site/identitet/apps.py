from django.apps import AppConfig


class IdentitetConfig(AppConfig):
    name = "porsgrunn_site.identitet"
    label = "identitet"
    verbose_name = "Kanalregister: innlogging og provisjonering"

    def ready(self):
        from . import checks  # noqa: F401  registers the configuration checks
