"""Password rules for the local accounts (superusers and the demo), with their messages in bokmål."""

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import gettext as _


class Minstelengde(MinimumLengthValidator):
    """Django's minimum length rule; Django 5.2 reworded its message, and the bokmål catalogue lacks it."""

    def get_error_message(self):
        melding = _("Passordet er for kort. Det må bestå av minst %(antall)d tegn.")
        return melding % {"antall": self.min_length}
