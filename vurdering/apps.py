from django.apps import AppConfig


class VurderingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vurdering"
    verbose_name = "Søknader om nye kanaler"
