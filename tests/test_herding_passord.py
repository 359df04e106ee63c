"""Password rules speak bokmål, also where a superuser sets a password in the admin."""

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

FOR_KORT = "Passordet er for kort. Det må bestå av minst 8 tegn."


def test_for_kort_passord_avvises_pa_bokmal():
    with pytest.raises(ValidationError) as feil:
        validate_password("Kx9!b")
    assert feil.value.messages == [FOR_KORT]


def test_alle_passordregler_forklares_pa_bokmal():
    hjelp = password_validators_help_texts()
    assert "Passordet ditt må bestå av minst 8 tegn." in hjelp
    assert all("password" not in tekst.lower() for tekst in hjelp)


def test_superbruker_far_feilen_pa_bokmal_i_arbeidsflaten(client, superbruker, ansatt):
    client.force_login(superbruker)
    respons = client.post(
        f"/admin/auth/user/{ansatt.pk}/password/",
        {"password1": "Kx9!b", "password2": "Kx9!b", "usable_password": "true"},
    )
    assert respons.status_code == 200
    assert FOR_KORT in respons.content.decode()
    ansatt.refresh_from_db()
    assert ansatt.check_password("passord-for-test")
