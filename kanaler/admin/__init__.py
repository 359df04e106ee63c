"""The adviser's workspace for the register; importing the modules registers their admins."""

from . import brukere, kanal, oppfolging  # noqa: F401
