from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Identitet(models.Model):
    """How the identity provider knows a user: the subject it signs in with and the SCIM externalId."""

    bruker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identitet", verbose_name=_("bruker")
    )
    oidc_sub = models.CharField(_("subjekt hos innloggingen"), max_length=255, null=True, unique=True)
    scim_ekstern_id = models.CharField(_("ekstern id (SCIM)"), max_length=255, blank=True)
    scim_slettet = models.DateTimeField(_("slettet i provisjoneringen"), null=True, blank=True)
    # The user as the provisioning last sent it (attributes the register has no field for are kept here).
    scim_data = models.JSONField(_("SCIM-data"), null=True, blank=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("identitet")
        verbose_name_plural = _("identiteter")

    def __str__(self):
        return str(self.bruker)
