"""The number register (sổ đăng ký văn bản đi): next numbers and the order of numbers and dates.

Decree 30/2020 Art 15: an issuer numbers its documents of a year in one sequence from 01, and
a number is registered with its date, so a higher number is never dated before a lower one.
The app issues numbers (tờ trình, biên bản, quyết định), but the unit's register also holds
what the history records ("373/QĐ-UBND" on an award); both feed the same checks:

- `parse_number("373/QĐ-UBND")` reads a recorded number (type and issuer code), bounded;
- `is_unit_issuer(...)` says whether an issuer text ("Chủ tịch UBND xã Thanh Sơn") is the unit;
- `next_number(...)` continues after the highest number of the series;
- `check_register(...)` returns coded problems (Problem) for numbers and dates out of order,
  one number with two dates, and a decision on a council-voted title dated before the council
  met. The history editor refuses with them; the appraisal before export reports them.

Pure functions over plain values: no store, no catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.text import clean, fold, format_date

MAX_NUMBER = 99_999
# "373/QĐ-UBND", "Số: 05/TTr-HĐTĐKT", "86/2025/QĐ-UBND" (a normative text carries its year),
# "12/QĐ-UBND.", with any dash between type and issuer code.
_NUMBER = re.compile(
    r"(?<![\d/])0*(\d{1,6})\s*/\s*(?:(\d{4})\s*/\s*)?([A-Za-zĐđ]{1,6})\s*[-‐‑–]\s*"
    r"([A-Za-zĐđ0-9][A-Za-zĐđ0-9\-]{0,24})")
_ABBREVIATIONS = (("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"))


@dataclass(frozen=True)
class NumberRef:
    number: int
    doc_type: str        # "QĐ", "TTr"
    code: str            # the issuer's code after the dash: "UBND", "HĐTĐKT"

    @property
    def text(self) -> str:
        return f"{self.number:02d}/{self.doc_type}-{self.code}"


def parse_number(text: str) -> NumberRef | None:
    """The first document number in `text`, or None; numbers above MAX_NUMBER are refused."""
    found = _NUMBER.search(clean(text))
    if found is None:
        return None
    number = int(found.group(1))
    if not 0 < number <= MAX_NUMBER:
        return None
    return NumberRef(number, _canonical_type(found.group(3)), found.group(4).upper())


def _canonical_type(raw: str) -> str:
    """"QD", "qđ", "QĐ" → "QĐ"; "TTR" → "TTr": the Decree 30 spelling of common codes."""
    known = {"qd": "QĐ", "ttr": "TTr", "bb": "BB", "bc": "BC", "kh": "KH", "tb": "TB",
             "gm": "GM", "ct": "CT", "ds": "DS"}
    return known.get(fold(raw), raw)


def _normal(text: str) -> str:
    out = f" {fold(text)} "
    for short, full in _ABBREVIATIONS:
        out = out.replace(f" {short} ", f" {full} ")
    return " ".join(out.split())


def is_unit_issuer(issuer: str, unit_name: str) -> bool:
    """Whether `issuer` names the unit or its head: "Chủ tịch UBND xã Thanh Sơn" is the unit
    "Ủy ban nhân dân xã Thanh Sơn"; "Chủ tịch UBND huyện Thanh Sơn" and "Hội đồng Sáng kiến xã
    Thanh Sơn" are not. An empty issuer is not known to be the unit."""
    issuer_n, unit_n = _normal(issuer), _normal(unit_name)
    return bool(issuer_n and unit_n) and (issuer_n == unit_n or issuer_n.endswith(" " + unit_n))


@dataclass(frozen=True)
class RegisterEntry:
    """One numbered document of the register."""

    ref: NumberRef
    dated: date | None
    what: str                   # how messages name it: "Lao động tiên tiến năm 2026 (Đặng Thị Ỷ)"
    own: bool = True            # issued by the unit (False: issuer not recorded)
    title: str = ""             # the title it awards, for an award decision
    title_year: int | None = None

    @property
    def year(self) -> int | None:
        return self.dated.year if self.dated else None


def highest(entries: Iterable[RegisterEntry], doc_type: str, code: str, year: int) -> int:
    """The highest number of the series (type, issuer code, year), 0 when none. Entries whose
    issuer is not recorded count too when their code is the unit's: skipping a number is
    harmless, issuing one twice is not."""
    top = 0
    for e in entries:
        if e.ref.doc_type == doc_type and e.ref.code == code and e.year == year:
            top = max(top, e.ref.number)
    return top


def next_number(entries: Iterable[RegisterEntry], doc_type: str, code: str, year: int,
                officer_next: int | None = None) -> int:
    """The number to issue next: after the highest of the series, and not below the number
    the officer said comes next."""
    return max(highest(entries, doc_type, code, year) + 1, officer_next or 1)


def _label(e: RegisterEntry) -> str:
    return _("số {number} ngày {date} ({what})").format(
        number=e.ref.text, date=format_date(e.dated), what=e.what)


def check_register(entries: Iterable[RegisterEntry], meetings: Mapping[int, date] | None = None,
                   voted_titles: Iterable[str] = (), only: Iterable[RegisterEntry] | None = None
                   ) -> list[Problem]:
    """Coded problems of the register, in number order per series:

    - numbers.out_of_order — a higher number dated before a lower one of the same series;
    - numbers.same_number_two_dates — one number registered with two different dates;
    - numbers.decision_before_meeting — a decision awarding a title the council votes on
      (`voted_titles`), for a year whose council met on `meetings[year]` (its first meeting),
      dated before that meeting.

    Only the unit's own entries with a date are compared. `only` limits the report to problems
    that involve at least one of those entries (what the officer is entering now)."""
    own = [e for e in entries if e.own and e.dated is not None]
    focus = None if only is None else set(only)
    problems: list[Problem] = []

    def report(code: str, field: str, message: str, *involved: RegisterEntry) -> None:
        if focus is None or any(e in focus for e in involved):
            problems.append(Problem(code, field, message))

    series: dict[tuple[str, str, int | None], dict[int, list[RegisterEntry]]] = {}
    for e in own:
        series.setdefault((e.ref.doc_type, e.ref.code, e.year), {}).setdefault(
            e.ref.number, []).append(e)
    for key in sorted(series, key=lambda k: (k[2] or 0, k[0], k[1])):
        numbers = series[key]
        latest: RegisterEntry | None = None      # the latest-dated entry of the lower numbers
        for number in sorted(numbers):
            group = sorted(numbers[number], key=lambda e: e.dated or date.min)
            first, last = group[0], group[-1]
            if first.dated != last.dated:
                report("numbers.same_number_two_dates", first.ref.text,
                       _("Số {number} được ghi với hai ngày khác nhau: {a} và {b}.").format(
                           number=first.ref.text, a=_label(first), b=_label(last)),
                       first, last)
            if latest is not None and latest.dated and first.dated \
                    and first.dated < latest.dated:
                report("numbers.out_of_order", first.ref.text,
                       _("Văn bản {high} có số lớn hơn nhưng ngày ký sớm hơn văn bản {low}: "
                         "số và ngày phải tăng dần theo sổ đăng ký văn bản.").format(
                           high=_label(first), low=_label(latest)), first, latest)
            if latest is None or (last.dated and latest.dated and last.dated > latest.dated):
                latest = last
    voted = set(voted_titles)
    for e in own:
        meeting = (meetings or {}).get(e.title_year or -1)
        if e.title in voted and meeting is not None and e.dated is not None \
                and e.dated < meeting:
            report("numbers.decision_before_meeting", e.ref.text,
                   _("Quyết định {decision} ký trước ngày Hội đồng Thi đua - Khen thưởng họp "
                     "xét ({meeting}).").format(decision=_label(e),
                                                meeting=format_date(meeting)), e)
    return problems
