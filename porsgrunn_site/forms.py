from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

BRUKERNAVN_MAKS = get_user_model()._meta.get_field("username").max_length


class Innloggingsskjema(AuthenticationForm):
    """The login form; a username no account can have is refused before it is checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets max_length after the field is built, so its validator is missing.
        self.fields["username"].validators.append(
            MaxLengthValidator(
                BRUKERNAVN_MAKS,
                message=_("Brukernavnet kan ha høyst %(limit_value)s tegn."),
            )
        )
