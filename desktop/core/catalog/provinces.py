"""Province profiles (forms/provinces/*.toml): what varies by province, typed and checked.

`default.toml` holds the national defaults; another profile names `extends = "default"` and
overrides only what differs. Every key the app reads has a typed field here, filled once at
load time from the merged profile; nothing reads the raw file afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.catalog.base import (
    ROUND_KINDS,
    CatalogError,
    ProvinceParam,
    bounded_int,
    only_keys,
    read_toml,
    require,
    table,
)

_KEYS = ("code", "name", "extends", "receiving_body", "legal_basis", "parameters", "deadlines",
         "public_posting", "attachments", "dossier", "transport", "signing")
_DAY = re.compile(r"^(\d\d)-(\d\d)$")
DAYS_SUFFIX = "_days"


@dataclass(frozen=True)
class DayOfYear:
    """A deadline written "MM-DD": in the round's year, or the next one with year_offset 1."""

    month: int
    day: int
    year_offset: int = 0

    def in_year(self, year: int) -> date:
        return date(year + self.year_offset, self.month, self.day)


@dataclass(frozen=True)
class Transport:
    """How packages travel ([transport]): e-mail size limit, the province's age key, its
    e-mail address."""

    email_max_mb: float
    age_recipient: str
    email_to: str

    @property
    def email_max_bytes(self) -> int:
        return int(self.email_max_mb * 1_000_000)


@dataclass(frozen=True)
class ProvinceProfile:
    """One province's profile, merged over default.toml and checked when loaded."""

    code: str
    name: str
    receiving_body: str
    parameters: Mapping[str, Any]
    deadlines: Mapping[str, DayOfYear]    # dated: a round kind, or a named national deadline
    deadline_days: Mapping[str, int]      # round kind -> days after it opens
    posting_days: Mapping[str, int]       # title code -> days its list stays posted
    max_attachment_mb: int
    dossier_copies: int
    transport: Transport
    legal_basis: str = ""
    # [signing] certificates: Giấy khen and certificates issued as signed PDFs (issue 15)
    signed_certificates: bool = False

    @property
    def max_attachment_bytes(self) -> int:
        return self.max_attachment_mb * 1024 * 1024

    def parameter(self, name: str) -> Any:
        """A figure from [parameters]; every name exists in default.toml (checked at load)."""
        if name not in self.parameters:
            raise CatalogError(f"province '{self.code}': no parameter '{name}'")
        return self.parameters[name]

    def resolve(self, value: Any) -> Any:
        return self.parameter(value.name) if isinstance(value, ProvinceParam) else value

    def deadline(self, key: str, year: int) -> date | None:
        """A dated deadline from [deadlines] in `year` (None when the profile has none)."""
        day = self.deadlines.get(key)
        return day.in_year(year) if day is not None else None

    def round_deadline(self, kind: str, year: int, start: date) -> date:
        """When a round's files are due: a date of its year (year-end merit, long service), or
        a number of days after `start` (sudden feats: today; campaigns: the later of today and
        the movement's end). Every kind has one or the other (checked at load)."""
        dated = self.deadline(kind, year)
        if dated is not None:
            return dated
        return start + timedelta(days=self.deadline_days[kind])


def _day_of_year(raw: Any, path: Path, where: str) -> DayOfYear:
    if isinstance(raw, str):
        raw = {"day": raw}
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: '{where}' must be \"MM-DD\" or {{day, year_offset}}")
    only_keys(raw, ("day", "year_offset"), path, where)
    text = require(raw, "day", str, path, where + ".")
    match = _DAY.match(text)
    offset = bounded_int(raw.get("year_offset", 0), 0, 1, path, where + ".year_offset")
    try:
        if match is None:
            raise ValueError(text)
        # 2001 is not a leap year: 29 February would not exist every year.
        date(2001, int(match[1]), int(match[2]))
    except ValueError:
        raise CatalogError(f"{path}: '{where}' = {text!r} is not a month-day such as "
                           "\"12-10\"") from None
    return DayOfYear(int(match[1]), int(match[2]), offset)


def _deadlines(raw: Mapping[str, Any], path: Path
               ) -> tuple[dict[str, DayOfYear], dict[str, int]]:
    dated: dict[str, DayOfYear] = {}
    days: dict[str, int] = {}
    for key, value in raw.items():
        if key.endswith(DAYS_SUFFIX):
            days[key.removesuffix(DAYS_SUFFIX)] = bounded_int(value, 0, 366, path,
                                                              f"deadlines.{key}")
        else:
            dated[key] = _day_of_year(value, path, f"deadlines.{key}")
    for kind in ROUND_KINDS:
        if (kind in dated) == (kind in days):
            raise CatalogError(f"{path}: [deadlines] needs exactly one of '{kind}' (a date "
                               f"\"MM-DD\") or '{kind}{DAYS_SUFFIX}' (days) for {kind} rounds")
    return dated, days


def _transport(raw: Mapping[str, Any], path: Path) -> Transport:
    only_keys(raw, ("email_max_mb", "age_recipient", "email_to"), path, "[transport]")
    size = raw.get("email_max_mb")
    if isinstance(size, bool) or not isinstance(size, int | float) or not 1 <= size <= 1000:
        raise CatalogError(f"{path}: 'transport.email_max_mb' must be a number from 1 to 1000, "
                           f"got {size!r}")
    recipient = require(raw, "age_recipient", str, path, "transport.").strip()
    if recipient and not recipient.startswith("age1"):
        raise CatalogError(f"{path}: 'transport.age_recipient' must be an age public key "
                           "(age1…) or empty")
    email = require(raw, "email_to", str, path, "transport.").strip()
    if email and "@" not in email:
        raise CatalogError(f"{path}: 'transport.email_to' = {email!r} is not an e-mail address")
    return Transport(float(size), recipient, email)


def profile_from(code: str, merged: Mapping[str, Any], path: Path) -> ProvinceProfile:
    """The typed profile of a merged file (default.toml under the province's own)."""
    only_keys(merged, _KEYS, path)
    body = require(merged, "receiving_body", str, path).strip()
    if not body:
        raise CatalogError(f"{path}: 'receiving_body' must not be empty")
    dated, days = _deadlines(table(merged, "deadlines", path), path)
    posting = {str(k): bounded_int(v, 1, 366, path, f"public_posting.{k}")
               for k, v in table(merged, "public_posting", path).items()}
    attachments = table(merged, "attachments", path)
    only_keys(attachments, ("max_mb",), path, "[attachments]")
    dossier = table(merged, "dossier", path)
    only_keys(dossier, ("copies",), path, "[dossier]")
    return ProvinceProfile(
        code=code, name=require(merged, "name", str, path), receiving_body=body,
        parameters=MappingProxyType(dict(table(merged, "parameters", path))),
        deadlines=MappingProxyType(dated), deadline_days=MappingProxyType(days),
        posting_days=MappingProxyType(posting),
        max_attachment_mb=bounded_int(attachments.get("max_mb"), 1, 2048, path,
                                      "attachments.max_mb"),
        dossier_copies=bounded_int(dossier.get("copies"), 1, 20, path, "dossier.copies"),
        transport=_transport(table(merged, "transport", path), path),
        legal_basis=str(merged.get("legal_basis", "")),
        signed_certificates=_signing(table(merged, "signing", path), path))


def _signing(raw: Mapping[str, Any], path: Path) -> bool:
    only_keys(raw, ("certificates",), path, "[signing]")
    value = raw.get("certificates", False)
    if not isinstance(value, bool):
        raise CatalogError(f"{path}: 'signing.certificates' must be true or false, "
                           f"got {value!r}")
    return value


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_provinces(folder: Path) -> dict[str, ProvinceProfile]:
    raw = {p.stem: read_toml(p) for p in sorted(folder.glob("*.toml"))}
    if "default" not in raw:
        raise CatalogError(f"{folder}: default.toml is missing")
    default_params = raw["default"].get("parameters", {})
    profiles: dict[str, ProvinceProfile] = {}
    # default.toml first: a bad value it gives every profile is reported under its own name
    for code, data in sorted(raw.items(), key=lambda item: (item[0] != "default", item[0])):
        path = folder / (code + ".toml")
        if data.get("code") != code:
            raise CatalogError(f"{path}: code must be '{code}'")
        only_keys(data, _KEYS, path)
        unknown = set(data.get("parameters", {})) - set(default_params)
        if unknown:
            raise CatalogError(f"{path}: parameters {sorted(unknown)} are not defined in "
                               "default.toml")
        chain = [data]
        seen = {code}
        while "extends" in chain[-1]:
            parent = chain[-1]["extends"]
            if parent in seen or parent not in raw:
                raise CatalogError(f"{path}: bad extends '{parent}'")
            seen.add(parent)
            chain.append(raw[parent])
        merged: dict[str, Any] = {}
        for layer in reversed(chain):
            merged = _merge(merged, layer)
        merged["code"] = code
        merged.pop("extends", None)
        profiles[code] = profile_from(code, merged, path)
    return profiles
