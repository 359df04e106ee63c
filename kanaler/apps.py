from django.apps import AppConfig


class KanalerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kanaler"
    verbose_name = "Kanalregister"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from .personer import personer_endret, personnavn

        # Django names a user by username wherever it shows one (the admin's read-only fields,
        # autocomplete, history, list filters); everything here names people by the one rule.
        bruker = get_user_model()
        bruker.__str__ = personnavn
        post_save.connect(personer_endret, sender=bruker, dispatch_uid="kanaler.personer_endret")
        post_delete.connect(personer_endret, sender=bruker, dispatch_uid="kanaler.personer_slettet")
