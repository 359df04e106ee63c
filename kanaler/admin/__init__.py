"""The adviser's workspace for the register; importing the modules registers their admins."""

from . import arkiv, brukere, hendelser, kanal, oppfolging  # noqa: F401
