"""Reading one TOML table strictly: typed getters that name the key when its value is wrong,
and `done()`, which refuses a key nobody read (a misspelt key is an error, not ignored)."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Any, TypeVar

from desktop.core.operations.demo.data import Day, Numbering, Span

E = TypeVar("E", bound=StrEnum)
MISSING: Any = object()
_DAY = re.compile(r"(?:Y(?P<offset>[+-]\d+)? |(?P<year>\d{4})-)?(?P<month>\d\d)-(?P<day>\d\d)")


class DemoDataError(ValueError):
    """The demo's data file is wrong; the message names the key."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Table:
    """One TOML table being read."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise DemoDataError(f"{where}: expected a table")
        self.data, self.where, self.read = data, where, set[str]()

    def fail(self, key: str, why: str) -> DemoDataError:
        return DemoDataError(f"{self.where}.{key}: {why}")

    def get(self, key: str, default: Any = MISSING) -> Any:
        self.read.add(key)
        if key in self.data:
            return self.data[key]
        if default is MISSING:
            raise self.fail(key, "missing")
        return default

    def has(self, key: str) -> bool:
        return key in self.data

    def written(self) -> list[str]:
        """The keys the file writes in this table, in its order."""
        return list(self.data)

    def text(self, key: str, default: Any = MISSING) -> str:
        value = self.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "expected text")
        return nfc(value)

    def texts(self, key: str, default: Any = MISSING) -> tuple[str, ...]:
        value = self.get(key, default)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of texts")
        return tuple(nfc(v) for v in value)

    def number(self, key: str, default: Any = MISSING, *, low: int | None = None) -> int:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "expected a whole number")
        if low is not None and value < low:
            raise self.fail(key, f"expected at least {low}")
        return value

    def numbers(self, key: str) -> tuple[int, ...]:
        value = self.get(key)
        if not isinstance(value, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise self.fail(key, "expected a list of whole numbers")
        return tuple(value)

    def optional_number(self, key: str) -> int | None:
        return self.number(key) if self.has(key) else self.get(key, None)

    def share(self, key: str) -> float:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(key, "expected a share between 0 and 1")
        return float(value)

    def span(self, key: str) -> Span:
        value = self.get(key)
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                or value[0] > value[1]):
            raise self.fail(key, "expected [low, high]")
        return value[0], value[1]

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def choice(self, key: str, kind: type[E], default: Any = MISSING) -> E:
        value = self.get(key, default)
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise self.fail(key, f"“{value}” is not one of {allowed}") from None

    def one_of(self, key: str, allowed: tuple[str, ...], default: Any = MISSING) -> str:
        value = self.text(key, default)
        if value not in allowed:
            raise self.fail(key, f"“{value}” is not one of {', '.join(allowed)}")
        return value

    def table(self, key: str) -> Table:
        return Table(self.get(key), f"{self.where}.{key}")

    def optional_table(self, key: str) -> Table | None:
        return self.table(key) if self.has(key) else self.get(key, None)

    def tables(self, key: str) -> list[Table]:
        value = self.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "expected a list of tables")
        return [Table(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]

    def text_table(self, key: str) -> dict[str, str]:
        """A table of texts under free keys (report sections, issuers), in the file's order."""
        found = self.optional_table(key)
        if found is None:
            return {}
        texts = {nfc(k): found.text(k) for k in found.written()}
        found.done()
        return texts

    def day(self, key: str) -> Day:
        text = self.text(key)
        found = _DAY.fullmatch(text)
        if not found:
            raise self.fail(key, f"“{text}” is not a day (\"10-20\", \"Y-1 08-20\", "
                                 "\"2024-09-20\")")
        parts = found.groupdict()
        day = Day(int(parts["month"]), int(parts["day"]),
                  int(parts["year"]) if parts["year"] else None,
                  int(parts["offset"] or 0) if text.startswith("Y") else None)
        try:
            day.on(2000, 2000)   # a real day of the calendar (29 February is refused)
        except ValueError:
            raise self.fail(key, f"“{text}” is not a day of the calendar") from None
        return day

    def optional_day(self, key: str) -> Day | None:
        return self.day(key) if self.has(key) else self.get(key, None)

    def numbering(self, key: str, span_key: str = "n") -> Numbering:
        pattern = self.text(key)
        if "{n}" not in pattern:
            if self.has(span_key):
                raise self.fail(span_key, "given, but the number has no {n}")
            return Numbering(pattern)
        return Numbering(pattern, self.span(span_key))

    def optional_numbering(self, key: str) -> Numbering | None:
        return self.numbering(key) if self.has(key) else self.get(key, None)

    def issuer(self, key: str, issuers: dict[str, str], default: Any = MISSING) -> str:
        name = self.text(key, default)
        if not name:
            return ""
        if name not in issuers:
            raise self.fail(key, f"“{name}” is not in [issuers]")
        return issuers[name]

    def done(self) -> None:
        unread = sorted(set(self.data) - self.read)
        if unread:
            raise DemoDataError(f"{self.where}: unknown key(s) {', '.join(unread)}")
