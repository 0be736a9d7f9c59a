"""rules.numbering: reading recorded numbers, the unit's own issuer, where a series continues,
and the coded problems of a register (issue 11 point 5)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from desktop.core.rules.numbering import (
    NumberRef,
    RegisterEntry,
    check_register,
    highest,
    is_unit_issuer,
    next_number,
    parse_number,
)

UNIT = "Ủy ban nhân dân xã Thanh Sơn"


@pytest.mark.parametrize(("text", "ref"), [
    ("373/QĐ-UBND", NumberRef(373, "QĐ", "UBND")),
    ("Số: 05/TTr-HĐTĐKT", NumberRef(5, "TTr", "HĐTĐKT")),
    ("QĐ số 240/QD-UBND ngày 10/11/2026", NumberRef(240, "QĐ", "UBND")),
    ("86/2025/QĐ-UBND", NumberRef(86, "QĐ", "UBND")),
    ("12 / qđ – ubnd", NumberRef(12, "QĐ", "UBND")),
    (unicodedata.normalize("NFD", "07/QĐ-UBND"), NumberRef(7, "QĐ", "UBND")),
])
def test_recorded_numbers_are_read(text: str, ref: NumberRef) -> None:
    assert parse_number(text) == ref


@pytest.mark.parametrize("text", ["", "không số", "0/QĐ-UBND", "1234567/QĐ-UBND",
                                  "QĐ-UBND", "ngày 10/11/2026"])
def test_what_is_not_a_number_is_not_read(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("issuer", "own"), [
    ("Chủ tịch UBND xã Thanh Sơn", True),
    ("Ủy ban nhân dân xã Thanh Sơn", True),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN", True),
    ("Chủ tịch UBND huyện Thanh Sơn", False),     # the district before 1/7/2025
    ("Chủ tịch UBND tỉnh Phú Thọ", False),
    ("Hội đồng Sáng kiến xã Thanh Sơn", False),
    ("", False),
])
def test_the_unit_is_recognised_as_issuer(issuer: str, own: bool) -> None:
    assert is_unit_issuer(issuer, UNIT) is own


def entry(number: int, day: date | None, what: str = "x", *, title: str = "",
          year: int | None = None, own: bool = True, code: str = "UBND") -> RegisterEntry:
    return RegisterEntry(NumberRef(number, "QĐ", code), day, what, own=own, title=title,
                         title_year=year)


def test_the_series_continues_after_the_highest_recorded_number() -> None:
    entries = [entry(240, date(2026, 11, 10)), entry(373, date(2026, 11, 10)),
               entry(12, date(2026, 2, 1), code="HĐTĐKT"),       # another issuer's series
               entry(900, date(2025, 12, 30))]                   # last year's
    assert highest(entries, "QĐ", "UBND", 2026) == 373
    assert next_number(entries, "QĐ", "UBND", 2026) == 374
    assert next_number(entries, "QĐ", "UBND", 2026, officer_next=400) == 400
    assert next_number(entries, "QĐ", "UBND", 2026, officer_next=10) == 374
    assert next_number([], "QĐ", "UBND", 2027) == 1


def test_a_higher_number_dated_before_a_lower_one_is_out_of_order() -> None:
    found = check_register([entry(240, date(2026, 11, 20), "a"),
                            entry(373, date(2026, 11, 10), "b")])
    assert [p.code for p in found] == ["numbers.out_of_order"]
    assert found[0].field == "373/QĐ-UBND"
    assert "240/QĐ-UBND" in found[0].message and "373/QĐ-UBND" in found[0].message


def test_same_day_and_rising_numbers_are_in_order() -> None:
    assert check_register([entry(1, date(2026, 1, 5)), entry(2, date(2026, 1, 5)),
                           entry(3, date(2026, 2, 1)), entry(3, date(2026, 2, 1), "same QĐ")
                           ]) == []


def test_one_number_with_two_dates() -> None:
    found = check_register([entry(7, date(2026, 3, 1)), entry(7, date(2026, 3, 9))])
    assert [p.code for p in found] == ["numbers.same_number_two_dates"]


def test_a_voted_title_decided_before_the_council_met() -> None:
    cstdcs = entry(240, date(2026, 11, 10), title="chien_si_thi_dua_co_so", year=2026)
    ldtt = entry(241, date(2026, 11, 10), title="lao_dong_tien_tien", year=2026)
    after = entry(374, date(2026, 11, 25), title="chien_si_thi_dua_co_so", year=2026)
    found = check_register([cstdcs, ldtt, after], {2026: date(2026, 11, 23)},
                           voted_titles={"chien_si_thi_dua_co_so"})
    assert [(p.code, p.field) for p in found] == [("numbers.decision_before_meeting",
                                                   "240/QĐ-UBND")]
    assert "23/11/2026" in found[0].message


def test_entries_of_unknown_issuer_or_date_are_not_compared() -> None:
    assert check_register([entry(240, date(2026, 11, 20)),
                           entry(373, date(2026, 11, 10), own=False),
                           entry(500, None)]) == []


def test_only_limits_the_report_to_what_is_entered() -> None:
    old = [entry(240, date(2026, 11, 20)), entry(373, date(2026, 11, 10))]   # already wrong
    new = entry(380, date(2026, 11, 25))
    assert check_register([*old, new], only=[new]) == []
    late = entry(100, date(2026, 12, 1))
    found = check_register([*old, late], only=[late])
    assert {p.code for p in found} == {"numbers.out_of_order"}
