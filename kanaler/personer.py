"""How people are named on pages, in e-mail and in exports."""


def personnavn(bruker) -> str:
    """A user's full name, or the username when no name is registered."""
    return bruker.get_full_name() or bruker.get_username()


def personnavn_fra(fornavn: str | None, etternavn: str | None, brukernavn: str | None) -> str:
    """The same as personnavn(), from the name columns of a values() row."""
    return f"{fornavn or ''} {etternavn or ''}".strip() or (brukernavn or "")
