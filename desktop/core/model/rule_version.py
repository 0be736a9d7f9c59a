"""Which version of the rules a verdict used (issue 14): shown in the eligibility panel,
stored with the nomination and carried in dossier.json."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.i18n import _

BUNDLED = "forms"
LAWPACK = "lawpack"


def origin_label(origin: str) -> str:
    """"forms:0.1.0" → "kèm phần mềm 0.1.0"; "lawpack:hoso/3" → "gói quy định hoso số 3"."""
    kind, _sep, rest = origin.partition(":")
    if kind == BUNDLED:
        return _("kèm phần mềm {version}").format(version=rest)
    if kind == LAWPACK:
        publisher, _sep, number = rest.partition("/")
        return _("gói quy định “{publisher}” số {number}").format(publisher=publisher,
                                                                  number=number)
    return origin


def origin_short(origin: str) -> str:
    """"forms:0.1.0" → "kèm phần mềm 0.1.0"; "lawpack:hoso/3" → "gói “hoso” số 3"."""
    kind, _sep, rest = origin.partition(":")
    if kind == LAWPACK:
        publisher, _sep, number = rest.partition("/")
        return _("gói “{publisher}” số {number}").format(publisher=publisher, number=number)
    return origin_label(origin)


def version_day(version: str) -> str:
    """"chien_si_thi_dua_co_so@2026-10-01" → "01/10/2026" ("" without a date)."""
    _code, _sep, day = version.partition("@")
    try:
        return date.fromisoformat(day).strftime("%d/%m/%Y")
    except ValueError:
        return ""


@dataclass(frozen=True)
class RuleVersion:
    """The day whose rules were applied and the versions in force that day: the title's
    file ("<code>@<valid_from>"), the province profile's chain, and where the title version
    came from ("forms:<app version>" or "lawpack:<publisher>/<version>")."""

    as_of: date
    title: str
    province: str
    origin: str

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "title": self.title,
                "province": self.province, "origin": self.origin}

    @classmethod
    def from_json(cls, data: Any) -> RuleVersion | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(date.fromisoformat(str(data["as_of"])), str(data["title"]),
                       str(data.get("province", "")), str(data.get("origin", "")))
        except (KeyError, ValueError):
            return None

    def describe(self) -> str:
        """One line for the officer: the day, the title version and where it came from."""
        since = version_day(self.title)
        return _("Quy định áp dụng ngày {day}: phiên bản có hiệu lực từ {since} ({origin}); "
                 "hồ sơ tỉnh {province}.").format(
            day=self.as_of.strftime("%d/%m/%Y"), since=since or self.title,
            origin=origin_label(self.origin), province=self.province)
