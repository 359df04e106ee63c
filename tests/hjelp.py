"""Small helpers the tests share: the messages of a refusal and of a response."""

from django.contrib.messages import get_messages


def feilmeldinger(feil) -> str:
    """Every message of a ValidationError caught by pytest.raises, as one line."""
    return " ".join(feil.value.messages)


def meldinger(respons) -> list[str]:
    """The messages (django.contrib.messages) the response's request was given."""
    return [str(m) for m in get_messages(respons.wsgi_request)]
