"""Dossier parts and what the kind of a round changes (forms/rounds.toml), typed and checked.

A title file lists its own dossier parts (`[[dossier]]`); forms/rounds.toml holds the
simplified procedure's parts and, per kind of round, whether it allows that procedure, whether
a nomination must say what it rewards, and which confirmation that written achievement is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.catalog.base import ROUND_KINDS, CatalogError, only_keys, read_toml, require

GROUNDS = ("initiative",)
# What the app itself writes that can be a dossier part (the officer never ticks it):
# round_list – the tờ trình / văn bản đề nghị with the round's danh sách, for every nominee;
# council_minutes – the council's biên bản, once the meeting's result for the nominee is kept.
MADE_BY_APP_SOURCES = ("round_list", "council_minutes")
_PART_KEYS = ("code", "name", "form", "kinds", "grounds", "made_by_app")


@dataclass(frozen=True)
class DossierPart:
    """One part of a nomination's dossier (LAW §5.1–5.3)."""

    code: str
    name: str
    form: str = ""
    kinds: tuple[str, ...] = ()   # the round kinds that need it; () = every kind
    grounds: str = ""             # "initiative": proves the sáng kiến cited as grounds
    made_by_app: str = ""         # one of MADE_BY_APP_SOURCES, or "" (a scan or a tick)

    def applies(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


@dataclass(frozen=True)
class RoundKindRules:
    kind: str
    simplified: bool
    achievement_required: bool
    achievement_claim: str = ""
    basis: str = ""


@dataclass(frozen=True)
class RoundRules:
    simplified_parts: tuple[DossierPart, ...]
    simplified_basis: str
    kinds: Mapping[str, RoundKindRules]
    # MADE_BY_APP_SOURCES → the document kinds (forms/documents) the app writes for it
    made_by_app: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}))

    def of(self, kind: str) -> RoundKindRules:
        return self.kinds[kind]

    def allows_simplified(self, kind: str) -> bool:
        return self.kinds[kind].simplified


def parse_parts(raw: Any, path: Path, where: str) -> tuple[DossierPart, ...]:
    """`[[dossier]]` tables: code, name, optional form, kinds, grounds, made_by_app."""
    if not isinstance(raw, list) or not raw:
        raise CatalogError(f"{path}: '{where}' must list at least one part ([[{where}]])")
    parts = []
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise CatalogError(f"{path}: {at} must be a table")
        only_keys(item, _PART_KEYS, path, at)
        code = require(item, "code", str, path, at + ".")
        name = require(item, "name", str, path, at + ".")
        if not code.strip() or not name.strip():
            raise CatalogError(f"{path}: {at} needs a code and a name")
        kinds = item.get("kinds", [])
        if not isinstance(kinds, list) or any(k not in ROUND_KINDS for k in kinds):
            raise CatalogError(f"{path}: {at}.kinds must be round kinds from {ROUND_KINDS}")
        grounds = str(item.get("grounds", ""))
        if grounds and grounds not in GROUNDS:
            raise CatalogError(f"{path}: {at}.grounds must be one of {GROUNDS}")
        made = str(item.get("made_by_app", ""))
        if made and made not in MADE_BY_APP_SOURCES:
            raise CatalogError(f"{path}: {at}.made_by_app must be one of {MADE_BY_APP_SOURCES}")
        parts.append(DossierPart(code, name, str(item.get("form", "")), tuple(kinds), grounds,
                                 made))
    codes = [p.code for p in parts]
    if len(set(codes)) != len(codes):
        raise CatalogError(f"{path}: '{where}' lists a part code twice: {codes}")
    return tuple(parts)


def load_round_rules(path: Path, check_basis: Callable[[str, Path, str], None]
                     ) -> RoundRules:
    data = read_toml(path)
    only_keys(data, ("simplified", "kinds", "made_by_app"), path)
    simplified = data.get("simplified")
    if not isinstance(simplified, dict):
        raise CatalogError(f"{path}: [simplified] must be a table")
    only_keys(simplified, ("basis", "parts"), path, "[simplified]")
    basis = require(simplified, "basis", str, path, "simplified.")
    check_basis(basis, path, "simplified.basis")
    parts = parse_parts(simplified.get("parts"), path, "simplified.parts")
    raw_kinds = data.get("kinds")
    if not isinstance(raw_kinds, dict) or set(raw_kinds) != set(ROUND_KINDS):
        raise CatalogError(f"{path}: [kinds.<kind>] is needed for exactly {ROUND_KINDS}")
    kinds = {}
    for kind, raw in raw_kinds.items():
        where = f"kinds.{kind}"
        if not isinstance(raw, dict):
            raise CatalogError(f"{path}: [{where}] must be a table")
        only_keys(raw, ("simplified", "achievement_required", "achievement_claim", "basis"),
                  path, f"[{where}]")
        kind_basis = str(raw.get("basis", ""))
        if kind_basis:
            check_basis(kind_basis, path, where + ".basis")
        kinds[kind] = RoundKindRules(
            kind, require(raw, "simplified", bool, path, where + "."),
            require(raw, "achievement_required", bool, path, where + "."),
            str(raw.get("achievement_claim", "")), kind_basis)
    return RoundRules(parts, basis, MappingProxyType(kinds),
                      _made_by_app(data.get("made_by_app", {}), path))


def _made_by_app(raw: Any, path: Path) -> Mapping[str, tuple[str, ...]]:
    """`[made_by_app]`: source (MADE_BY_APP_SOURCES) = [document kinds] (checked against
    forms/documents by load_catalog)."""
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: [made_by_app] must be a table")
    made = {}
    for part, kinds in raw.items():
        if part not in MADE_BY_APP_SOURCES:
            raise CatalogError(f"{path}: made_by_app.{part} is not one of "
                               f"{MADE_BY_APP_SOURCES}")
        if not isinstance(kinds, list) or not kinds or not all(
                isinstance(k, str) and k for k in kinds):
            raise CatalogError(f"{path}: made_by_app.{part} must list document kinds")
        made[part] = tuple(kinds)
    return MappingProxyType(made)
