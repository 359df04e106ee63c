from django.apps import AppConfig


class VurderingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vurdering"
    verbose_name = "Søknader om nye kanaler"

    def ready(self):
        from kanaler import soknadsvisning

        from .risiko import q_kanaler_hoyrisiko
        from .selectors import soknad_for_kanal

        soknadsvisning.registrer(
            soknadsvisning.Soknadskilde(
                hent=soknad_for_kanal,
                mal="vurdering/_for_kanal.html",
                hoyrisiko=q_kanaler_hoyrisiko,
            )
        )
