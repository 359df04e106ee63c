"""The adviser's workspace for the register; importing the modules registers their admins."""

from . import arkiv, brukere, falske, hendelser, kanal, oppfolging  # noqa: F401
