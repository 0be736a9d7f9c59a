"""Loads forms/ (the law as data) into typed, read-only objects.

forms/ holds no Python: titles/*.toml, provinces/*.toml, documents/. Everything that varies
by law or by province is read from there, and every file is checked when loaded so a bad
edit fails at start-up with the file's name, not later in the middle of a dossier.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import AwardKind

SUBJECTS = ("individual", "collective", "household")
CATEGORIES = ("danh_hieu", "hinh_thuc")


@dataclass(frozen=True)
class TitleInfo:
    """One title (danh hiệu) or form of commendation (hình thức), from forms/titles."""

    code: str
    name: str
    short_name: str
    category: str
    subjects: tuple[str, ...]
    kinds: tuple[AwardKind, ...]
    authority: str
    decided_by_unit: bool
    rank: int
    data: Mapping[str, Any] = field(default_factory=dict)  # the whole file, for the rules

    @property
    def is_title(self) -> bool:
        return self.category == "danh_hieu"

    def for_subject(self, subject: str) -> bool:
        return subject in self.subjects


@dataclass(frozen=True)
class ProvinceProfile:
    code: str
    name: str
    data: Mapping[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class Catalog:
    titles: Mapping[str, TitleInfo]
    provinces: Mapping[str, ProvinceProfile]
    forms_dir: Path

    def title(self, code: str) -> TitleInfo:
        try:
            return self.titles[code]
        except KeyError:
            raise UserError(_("Mã danh hiệu/hình thức khen thưởng không có: “{code}”.")
                            .format(code=code)) from None

    def name_of(self, code: str) -> str:
        info = self.titles.get(code)
        return info.name if info else code

    def province(self, code: str) -> ProvinceProfile:
        try:
            return self.provinces[code]
        except KeyError:
            raise UserError(_("Không có hồ sơ tỉnh “{code}”.").format(code=code)) from None

    def ordered(self, subject: str | None = None) -> list[TitleInfo]:
        items = [t for t in self.titles.values() if subject is None or t.for_subject(subject)]
        return sorted(items, key=lambda t: (t.category, t.rank, t.code))


class CatalogError(Exception):
    """A file in forms/ is malformed: a packaging or editing bug, named with its file."""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc


def _require(data: Mapping[str, Any], key: str, kind: type, path: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise CatalogError(f"{path}: '{key}' must be {kind.__name__}, got {value!r}")
    return value


def _load_title(path: Path) -> TitleInfo:
    data = _read_toml(path)
    code = _require(data, "code", str, path)
    if code != path.stem:
        raise CatalogError(f"{path}: code '{code}' does not match the file name")
    category = _require(data, "category", str, path)
    if category not in CATEGORIES:
        raise CatalogError(f"{path}: category must be one of {CATEGORIES}")
    subjects = tuple(_require(data, "subjects", list, path))
    if not subjects or any(s not in SUBJECTS for s in subjects):
        raise CatalogError(f"{path}: subjects must be a non-empty subset of {SUBJECTS}")
    try:
        kinds = tuple(AwardKind(k) for k in _require(data, "kinds", list, path))
    except ValueError as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    return TitleInfo(
        code=code,
        name=_require(data, "name", str, path),
        short_name=_require(data, "short_name", str, path),
        category=category,
        subjects=subjects,
        kinds=kinds,
        authority=_require(data, "authority", str, path),
        decided_by_unit=bool(_require(data, "decided_by_unit", bool, path)),
        rank=int(_require(data, "rank", int, path)),
        data=MappingProxyType(data),
    )


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _load_provinces(folder: Path) -> dict[str, ProvinceProfile]:
    raw = {p.stem: _read_toml(p) for p in sorted(folder.glob("*.toml"))}
    if "default" not in raw:
        raise CatalogError(f"{folder}: default.toml is missing")
    profiles: dict[str, ProvinceProfile] = {}
    for code, data in raw.items():
        if data.get("code") != code:
            raise CatalogError(f"{folder / (code + '.toml')}: code must be '{code}'")
        chain = [data]
        seen = {code}
        while "extends" in chain[-1]:
            parent = chain[-1]["extends"]
            if parent in seen or parent not in raw:
                raise CatalogError(f"{folder / (code + '.toml')}: bad extends '{parent}'")
            seen.add(parent)
            chain.append(raw[parent])
        merged: dict[str, Any] = {}
        for layer in reversed(chain):
            merged = _merge(merged, layer)
        merged["code"] = code
        merged.pop("extends", None)
        profiles[code] = ProvinceProfile(code, str(merged.get("name", code)),
                                         MappingProxyType(merged))
    return profiles


def load_catalog(forms_dir: Path) -> Catalog:
    titles_dir = forms_dir / "titles"
    titles = {t.code: t for t in map(_load_title, sorted(titles_dir.glob("*.toml")))}
    if not titles:
        raise CatalogError(f"{titles_dir}: no title files")
    return Catalog(MappingProxyType(titles), MappingProxyType(_load_provinces(forms_dir /
                                                                                "provinces")),
                   forms_dir)
