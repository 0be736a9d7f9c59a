"""Rule versions by date: which file of forms/ is in force on a day, and which day a review
applies.

Shape on disk
-------------
One file per version. ``titles/chien_si_thi_dua_co_so.toml`` is a version, and so is
``titles/chien_si_thi_dua_co_so@2026-10-01.toml``; the date after ``@`` must be the file's own
``valid_from``. Each file is a whole, readable title (or province profile, or document kind):
comparing two versions is comparing two files, and a law pack adds the new version beside the
one it follows without rewriting it. (Versions inside one file would put whole criteria trees
under ``[[versions]]`` tables, two levels deeper than today's files, and a pack could only
replace the whole file.)

Every file carries ``valid_from`` (a TOML date) and may carry ``valid_to`` (its last day in
force, inclusive). A version stays in force until its own ``valid_to`` or the day before the
next version of the same code begins, whichever comes first; a ``valid_to`` that reaches into
the next version is refused. A code with no version in force on a day does not exist that day.

Which day a review applies (README "Rule versions")
---------------------------------------------------
A review of year Y applies the versions in force on the **rule date**: the day the nomination
is made (in the app: the day the officer nominates or looks), but never later than 31/12/Y.
The rules are applied to the record of year Y. So a review made during Y, or one made in
January of Y+1 (files are often finished then), applies what was in force when the year's
work was judged, and a province re-checking a 2025 dossier in 2027 applies 2025's rules, not
today's. Reasoning (LAW §8.5, §1): a legal text governs what happens while it is in force
(no retroactive effect unless it says so); the amending law reported for 1/10/2026 would
apply to reviews made from that day, and a transition clause, once read, is written as the new
version's ``valid_from``. ``hoso eligibility`` takes ``"as_of"`` as that day and, without it,
31/12 of ``review_year``.

Layers
------
The bundled forms/ is the first layer; installed law packs lie over it (a file of the same
relative name in a later layer wins). Only the folders a law pack may carry are layered:
titles/, provinces/, documents/ and legal-basis.toml (merged source by source).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.catalog.base import CatalogError

# <stem>.toml or <stem>@YYYY-MM-DD.toml; the stem is the code (ASCII snake case).
VERSIONED_NAME = re.compile(r"^(?P<stem>[a-z0-9_]+)(?:@(?P<day>\d{4}-\d\d-\d\d))?\.toml$")
LAYERED = ("titles", "provinces", "documents")
LEGAL_BASIS = "legal-basis.toml"
BUNDLED_ORIGIN = "forms"
VALIDITY_KEYS = ("valid_from", "valid_to")
FIRST_DAY = date(1945, 9, 2)
LAST_DAY = date(2100, 12, 31)

T = TypeVar("T")


@dataclass(frozen=True)
class Layer:
    """A folder laid out like forms/ and where it came from: "forms:<app version>" for the
    bundled forms, "lawpack:<publisher>/<version>" for an installed law pack."""

    root: Path
    origin: str


@dataclass(frozen=True)
class SourceFile:
    """One file of a layered folder: its path, the layer it comes from, its SHA-256."""

    name: str        # "chien_si_thi_dua_co_so@2026-10-01.toml"
    path: Path
    origin: str

    @property
    def code(self) -> str:
        return split_name(self.name)[0]

    def digest(self) -> str:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError as exc:
            raise CatalogError(f"{self.path}: {exc}") from exc


def split_name(name: str) -> tuple[str, date | None]:
    """("code", the date after @ or None) of a versioned file name."""
    match = VERSIONED_NAME.match(name)
    if match is None:
        raise CatalogError(f"{name}: a file name must read <code>.toml or "
                           "<code>@YYYY-MM-DD.toml (a-z, 0-9 and _)")
    day = match["day"]
    try:
        return match["stem"], date.fromisoformat(day) if day else None
    except ValueError:
        raise CatalogError(f"{name}: {day} is not a date") from None


def version_id(code: str, valid_from: date) -> str:
    """How a version is named in verdicts, nominations and dossier.json."""
    return f"{code}@{valid_from.isoformat()}"


def layered_files(layers: Sequence[Layer], sub: str,
                  skip: Callable[[str], bool] = lambda _n: False) -> list[SourceFile]:
    """The *.toml files of `sub` across the layers, the last layer winning on a name."""
    found: dict[str, SourceFile] = {}
    for layer in layers:
        folder = layer.root / sub
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            if not skip(path.name):
                found[path.name] = SourceFile(path.name, path, layer.origin)
    return [found[name] for name in sorted(found)]


@dataclass(frozen=True)
class Validity:
    valid_from: date
    valid_to: date | None = None   # last day in force (inclusive); None: open-ended

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _day(value: Any, path: Path, key: str) -> date:
    # TOML dates arrive as datetime.date; a string or a date-time is a typing mistake
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise CatalogError(f"{path}: '{key}' must be a TOML date such as 2026-10-01 (no "
                           f"quotes), got {value!r}")
    if not FIRST_DAY <= value <= LAST_DAY:
        raise CatalogError(f"{path}: '{key}' = {value} is outside {FIRST_DAY}–{LAST_DAY}")
    return value


def read_validity(data: Mapping[str, Any], path: Path, name_day: date | None = None
                  ) -> Validity:
    """valid_from (required) and valid_to (optional, not before valid_from) of one file; the
    date in a versioned file name must be its valid_from."""
    if "valid_from" not in data:
        raise CatalogError(f"{path}: 'valid_from' is required (the first day this version is "
                           "in force, e.g. valid_from = 2024-01-01)")
    start = _day(data["valid_from"], path, "valid_from")
    end = _day(data["valid_to"], path, "valid_to") if "valid_to" in data else None
    if end is not None and end < start:
        raise CatalogError(f"{path}: valid_to {end} is before valid_from {start}")
    if name_day is not None and name_day != start:
        raise CatalogError(f"{path}: the date in the file name ({name_day}) must be its "
                           f"valid_from ({start})")
    return Validity(start, end)


def chain_versions(code: str, items: Sequence[tuple[Validity, T, str]]
                   ) -> list[tuple[Validity, T]]:
    """Sort one code's versions by valid_from and give each its real end: its own valid_to
    or the day before the next version begins. Two versions starting the same day, or one
    whose valid_to reaches into the next, are refused (naming both files)."""
    ordered = sorted(items, key=lambda item: item[0].valid_from)
    out: list[tuple[Validity, T]] = []
    for i, (validity, value, where) in enumerate(ordered):
        end = validity.valid_to
        if i + 1 < len(ordered):
            nxt, _value, nxt_where = ordered[i + 1]
            if nxt.valid_from == validity.valid_from:
                raise CatalogError(f"{where} and {nxt_where}: two versions of '{code}' both "
                                   f"start on {validity.valid_from}")
            if end is not None and end >= nxt.valid_from:
                raise CatalogError(f"{where}: valid_to {end} overlaps the next version of "
                                   f"'{code}' ({nxt_where}, from {nxt.valid_from})")
            day_before = nxt.valid_from - timedelta(days=1)
            end = day_before if end is None else min(end, day_before)
        out.append((Validity(validity.valid_from, end), value))
    return out


def in_force(versions: Sequence[tuple[Validity, T]], day: date) -> T | None:
    for validity, value in versions:
        if validity.covers(day):
            return value
    return None


def rule_date(review_year: int, on: date) -> date:
    """The day whose rules a review of `review_year` applies, when made on `on`: that day,
    but never later than 31/12 of the review year (module docstring)."""
    return min(on, date(review_year, 12, 31))


def boundaries(validities: Sequence[Validity]) -> list[date]:
    """Every day on which some version begins or the day after one ends: the days on which
    what is in force can change. Checking the catalog on each of them checks it on every
    day."""
    days: set[date] = set()
    for v in validities:
        days.add(v.valid_from)
        if v.valid_to is not None and v.valid_to < LAST_DAY:
            days.add(v.valid_to + timedelta(days=1))
    return sorted(days)
