"""Expected failures (shown to the officer as a message) versus bugs.

A `UserError` carries a message that is already translated and says what to do.
Anything else that escapes an operation is a bug and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class UserError(Exception):
    """Something the officer can understand and act on.

    `code` is the refusal's stable name ("nomination.on_hold"): tests and other programs
    match it, never the wording, which translators and editors may change.
    """

    def __init__(self, message: str, hint: str = "", *, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: a stable code, the field (or row) and why.

    Codes are dotted, lower case, grouped by what they concern ("meeting.date_future");
    once shipped a code keeps its meaning, because tests and saved reports refer to it.
    """

    code: str
    field: str
    message: str


class ValidationError(UserError):
    """Input that cannot be saved; lists every problem, not only the first."""

    def __init__(self, problems: list[Problem], message: str = "") -> None:
        self.problems = problems
        text = message or "\n".join(f"• {p.message}" for p in problems)
        super().__init__(text, code=problems[0].code if len(problems) == 1 else "validation")

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


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
