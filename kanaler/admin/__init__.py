"""The adviser's workspace for the register; importing the modules registers their admins."""

from . import kanal, oppfolging  # noqa: F401
