"""Errors that services raise on purpose.

Each carries a message that is safe to show a user as it is: short, friendly
and free of internals. Anything else that escapes a command is a bug; the
error cog logs it with its traceback and shows the user only an error id.
"""


class UserError(Exception):
    """Base class: the message is shown to the user verbatim."""

    def __init__(self, message: str, meta: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.meta = meta or {}  # what the reply's meta carries (send --json)


class NotFound(UserError):
    """The thing asked for does not exist (an FAQ, a topic...)."""


class InvalidInput(UserError):
    """The input is malformed, too long or otherwise unacceptable."""


class Forbidden(UserError):
    """The caller may not do this (not a moderator, not the owner)."""


class Unavailable(UserError):
    """A backing service (sandbox, database) cannot serve right now."""


class TooSoon(UserError):
    """The caller must wait: a cooldown, or a run of theirs still going."""
