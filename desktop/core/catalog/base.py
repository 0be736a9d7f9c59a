"""What every catalog module shares: the load error, TOML reading, typed value checks.

Each check names the file and the key, so a bad edit in forms/ fails at start-up with where
to look, never later in the middle of a dossier.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROVINCE_REF = "province:"
# The kinds of round the app runs (LAW §3.1; DESIGN §3). AwardKind has one more
# (doi_ngoai), which no unit-level round reviews.
ROUND_KINDS = ("cong_trang", "dot_xuat", "phong_trao", "cong_hien")


class CatalogError(Exception):
    """A file in forms/ is malformed: a packaging or editing bug, named with its file.

    `code` is a stable dotted code for the rule broken ("catalog.report_requirement"), so a
    law pack refused for it and the tests can name the rule without matching wording."""

    def __init__(self, message: str, code: str = "catalog.malformed") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ProvinceParam:
    """A figure read from the unit's province profile (`province:<name>` in a title file)."""

    name: str


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc


def require(data: Mapping[str, Any], key: str, kind: type, path: Path, where: str = "") -> Any:
    """data[key] of type `kind`, else a CatalogError naming the file and the key."""
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CatalogError(f"{path}: '{where}{key}' must be {kind.__name__}, got {value!r}")
    return value


def table(data: Mapping[str, Any], key: str, path: Path, where: str = "") -> Mapping[str, Any]:
    """A sub-table that must be there (it may be empty)."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise CatalogError(f"{path}: [{where}{key}] must be a table")
    return value


def bounded_int(value: Any, low: int, high: int, path: Path, where: str) -> int:
    """An integer within [low, high]: every figure read from a file is bounded."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CatalogError(f"{path}: '{where}' must be a whole number from {low} to {high}, "
                           f"got {value!r}")
    return value


def only_keys(data: Mapping[str, Any], allowed: Collection[str], path: Path,
              where: str = "") -> None:
    """Refuse keys the app does not read: a typo would otherwise be silently ignored."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise CatalogError(f"{path}: unknown keys {unknown} in {where or 'the file'}; "
                           f"known: {sorted(allowed)}")
