from django.apps import AppConfig


class KanalerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kanaler"
    verbose_name = "Kanalregister"

    def ready(self):
        from django.contrib.auth import get_user_model

        from .personer import personnavn

        # Django names a user by username wherever it shows one (the admin's read-only fields,
        # autocomplete, history, list filters); everything here names people by the one rule.
        get_user_model().__str__ = personnavn
