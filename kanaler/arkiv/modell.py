"""The record of each archive document sent, so that a retry never sends one twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Arkivlevering(models.Model):
    """One archive document e-mailed to the archive: which object, which event, when, which file."""

    class Kilde(models.TextChoices):
        SOKNAD = "soknad", _("Søknad")
        KANAL = "kanal", _("Kanal")

    kilde = models.CharField(_("kilde"), max_length=10, choices=Kilde.choices)
    objekt_id = models.PositiveBigIntegerField(_("id"))
    hendelse = models.DateTimeField(_("tidspunkt for beslutningen"))
    dokumenttype = models.CharField(_("dokumenttype"), max_length=40)
    filnavn = models.CharField(_("filnavn"), max_length=120)
    sjekksum = models.CharField(_("sjekksum (SHA-256)"), max_length=64)
    sendt = models.DateTimeField(_("sendt til arkiv"))

    class Meta:
        app_label = "kanaler"
        verbose_name = _("arkivlevering")
        verbose_name_plural = _("arkivleveringer")
        ordering = ["-sendt"]
        constraints = [
            models.UniqueConstraint(fields=["kilde", "objekt_id", "hendelse"], name="arkivlevering_en_gang"),
        ]

    def __str__(self):
        return self.filnavn
