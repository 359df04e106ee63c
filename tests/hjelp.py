"""Small helpers the tests share: the messages of a refusal and of a response."""

import re
from html import unescape

from django.contrib.messages import get_messages


def feilmeldinger(feil) -> str:
    """Every message of a ValidationError caught by pytest.raises, as one line."""
    return " ".join(feil.value.messages)


def meldinger(respons) -> list[str]:
    """The messages (django.contrib.messages) the response's request was given."""
    return [str(m) for m in get_messages(respons.wsgi_request)]


def sperret_handling(html: str, tekst: str) -> str | None:
    """The reason shown beside the disabled button `tekst` on an admin page, or None if there is none."""
    treff = re.search(
        r'<button type="button" class="button" disabled aria-describedby="(hindring-\d+)">'
        + re.escape(tekst)
        + r'</button>\s*<span class="hindring" id="\1">(.*?)</span>',
        html,
        re.S,
    )
    return unescape(treff.group(2)) if treff else None
