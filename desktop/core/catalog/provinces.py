"""Province profiles (forms/provinces/*.toml): what varies by province, typed and checked.

`default.toml` holds the national defaults; another profile names `extends = "default"` and
overrides only what differs. Every key the app reads has a typed field here, filled once at
load time from the merged profile; nothing reads the raw file afterwards.

Each file is one version (versions.py): `bac_ninh.toml` and `bac_ninh@2027-01-01.toml` can
both exist. The profile in force on a day merges, link by link of the `extends` chain, the
version of each file in force that day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
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
from desktop.core.catalog.versions import (
    FIRST_DAY,
    VALIDITY_KEYS,
    SourceFile,
    Validity,
    chain_versions,
    in_force,
    read_validity,
    split_name,
    version_id,
)

_KEYS = ("code", "name", "extends", "receiving_body", "legal_basis", "parameters", "deadlines",
         "public_posting", "attachments", "dossier", "transport", "signing", "reports")
REPORT_REQUIREMENT_CODE = "catalog.report_requirement"


class ReportRequirement(StrEnum):
    """Which individual achievement report a nominee of a title needs ([reports]): none (the
    list's "Tóm tắt thành tích" column is the record), a short summary report (báo cáo tóm
    tắt thành tích), or the full report of the title's form (Mẫu 05 / Mẫu 04)."""

    NONE = "none"
    SUMMARY = "summary"
    FULL = "full"
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
    # [reports]: title code -> the report its nominees need (a title not named: FULL)
    reports: Mapping[str, ReportRequirement] = field(
        default_factory=lambda: MappingProxyType({}))
    # The versions merged into this profile, its own first ("bac_ninh@2025-12-15",
    # "default@2024-01-01"), where its own file came from, and the days all of them are in
    # force together.
    chain: tuple[str, ...] = ()
    origin: str = ""
    valid_from: date = FIRST_DAY
    valid_to: date | None = None

    @property
    def version(self) -> str:
        """The versions this profile was merged from, as a verdict names them."""
        return ", ".join(self.chain) or self.code

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

    def report_requirement(self, title: str) -> ReportRequirement:
        """The achievement report a nominee for `title` needs in this province: what
        [reports] says, else the full report (the law's default for every title it does not
        leave to the province; load_catalog refuses a lower one for those)."""
        return self.reports.get(title, ReportRequirement.FULL)

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
        signed_certificates=_signing(table(merged, "signing", path), path),
        reports=MappingProxyType(_reports(merged.get("reports", {}), path)))


def _reports(raw: Any, path: Path) -> dict[str, ReportRequirement]:
    """[reports] title code = "none" | "summary" | "full" (title codes are checked against
    the catalog, and against the titles that leave their report to the province, by
    load_catalog)."""
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: [reports] must be a table", REPORT_REQUIREMENT_CODE)
    allowed = [r.value for r in ReportRequirement]
    out = {}
    for title, value in raw.items():
        if value not in allowed:
            raise CatalogError(f"{path}: 'reports.{title}' = {value!r} must be one of "
                               f"{allowed}", REPORT_REQUIREMENT_CODE)
        out[str(title)] = ReportRequirement(value)
    return out


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


@dataclass(frozen=True)
class ProvinceFile:
    """One version of one profile file, as read (without its validity keys)."""

    code: str
    data: Mapping[str, Any]
    path: Path
    origin: str
    digest: str
    validity: Validity

    @property
    def version(self) -> str:
        return version_id(self.code, self.validity.valid_from)


class ProvinceBook:
    """Every version of every profile file; `on(day)` gives the typed profiles in force."""

    def __init__(self, files: Sequence[SourceFile]) -> None:
        by_code: dict[str, list[tuple[Validity, ProvinceFile, str]]] = {}
        for source in files:
            path = source.path
            stem, name_day = split_name(source.name)
            data = read_toml(path)
            if data.get("code") != stem:
                raise CatalogError(f"{path}: code must be '{stem}'")
            only_keys(data, (*_KEYS, *VALIDITY_KEYS), path)
            validity = read_validity(data, path, name_day)
            raw = {k: v for k, v in data.items() if k not in VALIDITY_KEYS}
            item = ProvinceFile(stem, raw, path, source.origin, source.digest(), validity)
            by_code.setdefault(stem, []).append((validity, item, str(path)))
        if "default" not in by_code:
            raise CatalogError("forms/provinces: default.toml is missing")
        self.versions: dict[str, list[tuple[Validity, ProvinceFile]]] = {
            code: chain_versions(code, items) for code, items in by_code.items()}
        self._cache: dict[tuple[str, ...], ProvinceProfile] = {}

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.versions)

    def files(self) -> list[ProvinceFile]:
        return [f for items in self.versions.values() for _v, f in items]

    def validities(self) -> list[Validity]:
        return [v for items in self.versions.values() for v, _f in items]

    def parameter_names(self) -> frozenset[str]:
        """Every parameter any version of default.toml defines."""
        return frozenset(name for _v, f in self.versions["default"]
                         for name in f.data.get("parameters", {}))

    def on(self, day: date) -> dict[str, ProvinceProfile]:
        """The profiles in force on `day`; a profile whose own file (or a parent's) has no
        version in force that day is not there."""
        found: dict[str, ProvinceProfile] = {}
        # default.toml first: a bad value it gives every profile is reported under its name
        for code in sorted(self.versions, key=lambda c: (c != "default", c)):
            chain = self._chain(code, day)
            if chain is None:
                continue
            key = tuple(f.version for f in chain)
            if key not in self._cache:
                self._cache[key] = self._profile(chain, day)
            found[code] = self._cache[key]
        return found

    def _chain(self, code: str, day: date) -> list[ProvinceFile] | None:
        own = in_force(self.versions[code], day)
        if own is None:
            return None
        chain = [own]
        seen = {code}
        while "extends" in chain[-1].data:
            parent = chain[-1].data["extends"]
            if parent in seen or parent not in self.versions:
                raise CatalogError(f"{own.path}: bad extends '{parent}'")
            seen.add(parent)
            link = in_force(self.versions[parent], day)
            if link is None:
                raise CatalogError(f"{chain[-1].path}: extends '{parent}', which has no "
                                   f"version in force on {day}")
            chain.append(link)
        return chain

    def _profile(self, chain: list[ProvinceFile], day: date) -> ProvinceProfile:
        own = chain[0]
        default = in_force(self.versions["default"], day)
        known = set(default.data.get("parameters", {})) if default else set()
        for link in chain:
            unknown = set(link.data.get("parameters", {})) - known
            if unknown:
                raise CatalogError(f"{link.path}: parameters {sorted(unknown)} are not defined "
                                   f"in default.toml in force on {day}")
        merged: dict[str, Any] = {}
        for link in reversed(chain):
            merged = _merge(merged, link.data)
        merged["code"] = own.code
        merged.pop("extends", None)
        profile = profile_from(own.code, merged, own.path)
        start = max(link.validity.valid_from for link in chain)
        ends = [link.validity.valid_to for link in chain if link.validity.valid_to is not None]
        return replace(profile, chain=tuple(link.version for link in chain),
                       origin=own.origin, valid_from=start,
                       valid_to=min(ends) if ends else None)
