"""Abbreviations in names printed on lists and certificates (forms/abbreviations.toml).

Which abbreviations the appraisal flags, and for which of them one expansion is safe enough
for the bulk fix to write it out. What counts as an abbreviation is the province's clerks'
practice, not code: it is data, checked when the catalog loads.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.catalog.base import CatalogError

FILE_NAME = "abbreviations.toml"
_TOKEN = re.compile(r"^[A-ZĐ][A-ZĐ&-]*[A-ZĐ]$")


@dataclass(frozen=True)
class Abbreviations:
    """`expansions`: abbreviation → its full form; `flagged_only`: flagged, never expanded."""

    expansions: MappingProxyType[str, str]
    flagged_only: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.expansions, *self.flagged_only)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any listed abbreviation as a whole word (not inside "TN&MT" or "KT-XH")."""
        return _pattern(self.all)

    def found_in(self, text: str) -> list[str]:
        return sorted(set(self.pattern.findall(text)))

    def expand(self, text: str) -> str:
        """`text` with every safely expandable abbreviation written out."""
        return self.pattern.sub(lambda m: self.expansions.get(m.group(1), m.group(1)), text)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so "TN&MT" wins over a shorter word it starts with
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w&-])({alternatives})(?![\w&-])")


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def parse_abbreviations(data: dict[str, Any], where: str) -> Abbreviations:
    expand = data.get("expand", {})
    flagged = data.get("flagged_only", [])
    if not isinstance(expand, dict) or not isinstance(flagged, list):
        raise CatalogError(f"{where}: 'expand' must be a table and 'flagged_only' a list")
    expansions: dict[str, str] = {}
    for short, full in expand.items():
        if not isinstance(full, str) or not full.strip() or not _TOKEN.match(_nfc(short)):
            raise CatalogError(f"{where}: expand.{short}: an upper-case abbreviation and its "
                               "full form are needed")
        expansions[_nfc(short)] = _nfc(full.strip())
    only: list[str] = []
    for short in flagged:
        if not isinstance(short, str) or not _TOKEN.match(_nfc(short)):
            raise CatalogError(f"{where}: flagged_only: '{short}' is not an abbreviation")
        if _nfc(short) in expansions:
            raise CatalogError(f"{where}: '{short}' is both expanded and flagged only")
        only.append(_nfc(short))
    return Abbreviations(MappingProxyType(expansions), tuple(only))


@lru_cache(maxsize=4)
def load_abbreviations(forms_dir: Path) -> Abbreviations:
    """forms_dir/abbreviations.toml, read once per folder."""
    path = forms_dir / FILE_NAME
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    return parse_abbreviations(data, str(path))
