"""Expected failures (shown to the officer as a message) versus bugs.

A `UserError` carries a message that is already translated and says what to do.
Anything else that escapes an operation is a bug and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class UserError(Exception):
    """Something the officer can understand and act on."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: which field (or row) and why."""

    field: str
    message: str


class ValidationError(UserError):
    """Input that cannot be saved; lists every problem, not only the first."""

    def __init__(self, problems: list[Problem], message: str = "") -> None:
        self.problems = problems
        text = message or "\n".join(f"• {p.message}" for p in problems)
        super().__init__(text)


class ConfirmationRequired(UserError):
    """The operation would remove history; call again with confirm=True after asking."""


class StoreUnreadable(UserError):
    """The profile file is not a database or is corrupt. It is never overwritten."""

    def __init__(self, message: str, path: Path, backups: list[Path]) -> None:
        super().__init__(message)
        self.path = path
        self.backups = backups


class StoreTooNew(UserError):
    """The database was written by a newer version of the app."""
