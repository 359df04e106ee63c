from django.apps import AppConfig


class KanalerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kanaler"
    verbose_name = "Kanalregister"
