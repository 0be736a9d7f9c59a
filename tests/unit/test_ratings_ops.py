"""The year's ratings in bulk: save_ratings (codes, one transaction, one audit entry), its
undo, and the ratings-only import (every row reported with a stable code)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import (
    History,
    Person,
    Rating,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations import eligibility, ratings
from desktop.core.operations import importing as imp
from desktop.core.operations import registry as reg
from desktop.core.operations.ratings import RatingMarks
from desktop.core.store import Store

ACTOR = "cán bộ"
ALL_TICKS = RatingMarks(Rating.HTT, True, True, True)


def add(store: Store, catalog: Catalog, today: date, name: str, born: date | None,
        last: Rating | None = Rating.HTT, nid: str = "", **extra: Any) -> int:
    years = (YearRecord(today.year - 1, last, exemplary=True, solidarity=True, movement=True),) \
        if last else ()
    person, _c = reg.add_person(store, catalog, Person(
        None, name, born, national_id=nid, hired_on=date(2010, 1, 1), **extra),
        History(years=years), ACTOR, today)
    assert person.id is not None
    return person.id


def audit_count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_rows_show_last_year_and_this_year(store: Store, catalog: Catalog, today: date) -> None:
    a = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5))
    b = add(store, catalog, today, "Trần Thị Bích", date(1985, 7, 11), last=None)
    rows = {r.person_id: r for r in ratings.rating_rows(store=store, year=today.year)}
    assert rows[a].last_year is Rating.HTT and rows[b].last_year is None
    assert not rows[a].has_record and rows[a].marks == RatingMarks()


def test_save_writes_changed_rows_in_one_entry_and_undo_puts_them_back(
        store: Store, catalog: Catalog, today: date) -> None:
    a = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5))
    b = add(store, catalog, today, "Trần Thị Bích", date(1985, 7, 11))
    y = today.year
    before_log = audit_count(store)
    saved, changes = ratings.save_ratings(
        store=store, entries={(a, y): ALL_TICKS, (b, y - 1): RatingMarks(Rating.HTXS, True,
                                                                          True, True)},
        actor=ACTOR, today=today)
    assert saved.people == {a, b} and changes.people == {a, b}
    assert audit_count(store) == before_log + 1
    hist_b = reg.get_history(store, SubjectRef(SubjectKind.PERSON, b))
    assert hist_b.years[0].rating is Rating.HTXS
    # given again unchanged: nothing written, no entry to undo
    again, _c = ratings.save_ratings(store=store, entries={(a, y): ALL_TICKS}, actor=ACTOR,
                                     today=today)
    assert again.changed == () and again.audit_id is None
    assert saved.audit_id is not None
    ratings.undo_ratings(store=store, audit_id=saved.audit_id, actor=ACTOR)
    hist_a = reg.get_history(store, SubjectRef(SubjectKind.PERSON, a))
    assert [r.year for r in hist_a.years] == [y - 1]   # the row the save created is gone
    hist_b = reg.get_history(store, SubjectRef(SubjectKind.PERSON, b))
    assert hist_b.years[0].rating is Rating.HTT
    with pytest.raises(UserError) as exc:
        ratings.undo_ratings(store=store, audit_id=saved.audit_id, actor=ACTOR)
    assert exc.value.code == "undo.already"


def test_save_keeps_the_rest_of_the_years_record(store: Store, catalog: Catalog,
                                                   today: date) -> None:
    pid, _c = reg.add_person(store, catalog, Person(None, "Lê Văn Cường", date(1990, 1, 2)),
                             History(years=(YearRecord(today.year, None, pending_review=True,
                                                       pending_note="đang thanh tra"),)),
                             ACTOR, today)
    assert pid.id is not None
    ratings.save_ratings(store=store, entries={(pid.id, today.year): ALL_TICKS}, actor=ACTOR,
                         today=today)
    (year,) = reg.get_history(store, SubjectRef(SubjectKind.PERSON, pid.id)).years
    assert year.rating is Rating.HTT and year.pending_review and year.pending_note


def test_save_refuses_whole_with_codes(store: Store, catalog: Catalog, today: date) -> None:
    a = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5))
    before = audit_count(store)
    with pytest.raises(ValidationError) as exc:
        ratings.save_ratings(store=store, entries={(a, today.year): ALL_TICKS,
                                                   (a, today.year + 1): ALL_TICKS,
                                                   (a, 1800): ALL_TICKS,
                                                   (99999, today.year): ALL_TICKS},
                             actor=ACTOR, today=today)
    assert set(exc.value.codes) == {"ratings.year_future", "ratings.year_invalid",
                                    "ratings.person_unknown"}
    assert audit_count(store) == before
    assert ratings.rating_rows(store=store, year=today.year)[0].marks == RatingMarks()
    with pytest.raises(UserError) as empty:
        ratings.save_ratings(store=store, entries={}, actor=ACTOR, today=today)
    assert empty.value.code == "ratings.nothing_given"


def test_save_is_one_transaction(store: Store, catalog: Catalog, today: date,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5))
    b = add(store, catalog, today, "Trần Thị Bích", date(1985, 7, 11))
    from desktop.core.store import ratings as repo

    real = repo.set_marks
    calls = []

    def fail_second(db: Any, pid: int, year: int, marks: RatingMarks) -> None:
        calls.append(pid)
        if len(calls) == 2:
            raise RuntimeError("disk gone")
        real(db, pid, year, marks)

    monkeypatch.setattr(repo, "set_marks", fail_second)
    with pytest.raises(RuntimeError):
        ratings.save_ratings(store=store, entries={(a, today.year): ALL_TICKS,
                                                   (b, today.year): ALL_TICKS},
                             actor=ACTOR, today=today)
    assert all(not r.has_record for r in ratings.rating_rows(store=store, year=today.year))


def test_undo_refused_when_a_row_changed_since(store: Store, catalog: Catalog,
                                               today: date) -> None:
    a = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5))
    saved, _c = ratings.save_ratings(store=store, entries={(a, today.year): ALL_TICKS},
                                     actor=ACTOR, today=today)
    ratings.save_ratings(store=store, entries={(a, today.year): RatingMarks(Rating.HT)},
                         actor=ACTOR, today=today)
    assert saved.audit_id is not None
    with pytest.raises(UserError) as exc:
        ratings.undo_ratings(store=store, audit_id=saved.audit_id, actor=ACTOR)
    assert exc.value.code == "ratings.undo_changed"
    with pytest.raises(UserError) as nothing:
        ratings.undo_ratings(store=store, audit_id=1, actor=ACTOR)
    assert nothing.value.code == "undo.nothing"


# ---- the ratings-only import ----------------------------------------------------------------


def sheet(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_import_matches_by_cccd_then_name_and_birth(store: Store, catalog: Catalog,
                                                     today: date, tmp_path: Path) -> None:
    an = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5), nid="001080012345")
    bich = add(store, catalog, today, "Trần Thị Bích", date(1985, 7, 11))
    add(store, catalog, today, "Lê Văn Cường", date(1990, 1, 2))
    add(store, catalog, today, "Lê Văn Cường", date(1991, 6, 9))
    dung = add(store, catalog, today, "Phạm Thị Dung", date(1979, 4, 4))
    path = sheet(tmp_path / "xl.xlsx", ["STT", "Họ và tên", "Ngày sinh", "Số CCCD",
                                        "Xếp loại năm 2026"], [
        [1, "NGUYEN VAN AN", "", "001080012345", "HTXSNV"],
        [2, "Trần Thị Bích", "11/07/1985", "", "Hoàn thành tốt nhiệm vụ"],
        [3, "Lê Văn Cường", "", "", "HTT"],
        [4, "Hoàng Văn Em", "01/01/1970", "", "HTT"],
        [5, "Phạm Thị Dung", "1979", "", "giỏi"],
        [6, "Phạm Thị Dung", "1979", "", "HT"],
        [7, "Trần Thị Bích", "11/07/1985", "", "HTT"],
    ])
    table = imp.read_table(path)
    mapping = ratings.guess_ratings_mapping(table.headers)
    year = ratings.guess_year(table.headers, mapping)
    assert year == 2026
    pv = ratings.preview_ratings(store=store, table=table, mapping=mapping, year=year,
                                 today=today)
    codes = {r.row: r.code for r in pv.rows}
    assert codes == {2: "ratings.matched", 3: "ratings.matched", 4: "ratings.identity_missing",
                     5: "ratings.not_found", 6: "ratings.rating_invalid",
                     7: "ratings.matched", 8: "ratings.duplicate_in_file"}
    assert {r.row: r.person_id for r in pv.good} == {2: an, 3: bich, 7: dung}
    # every matched row names the person as saved, whatever the file wrote
    assert pv.rows[0].stored_name == "Nguyễn Văn An" and "Nguyễn Văn An" in pv.rows[0].message
    before = audit_count(store)
    with pytest.raises(ValidationError) as exc:
        ratings.apply_ratings_import(store=store, preview=pv, actor=ACTOR, today=today)
    assert "ratings.not_found" in exc.value.codes and audit_count(store) == before
    result, changes = ratings.apply_ratings_import(store=store, preview=pv, actor=ACTOR,
                                                   today=today, skip_bad_rows=True)
    assert result.updated == 3 and len(result.skipped) == 4 and changes.people == {an, bich, dung}
    assert audit_count(store) == before + 1
    rows = {r.person_id: r for r in ratings.rating_rows(store=store, year=2026)}
    assert rows[an].marks.rating is Rating.HTXS and rows[dung].marks.rating is Rating.HT
    # the same file again: every matched row is already so
    again = ratings.preview_ratings(store=store, table=table, mapping=mapping, year=year,
                                    today=today)
    assert again.count("ratings.unchanged") == 3


def test_import_refuses_a_cccd_whose_saved_name_is_another(store: Store, catalog: Catalog,
                                                           today: date, tmp_path: Path) -> None:
    """A typo in the name (or another person's CCCD on the row) is caught, not written."""
    an = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5), nid="001080012345")
    nga = add(store, catalog, today, "Lê Thanh Nga", date(1988, 8, 8), nid="001188012345")
    add(store, catalog, today, "Đỗ Đức Hải", date(1975, 5, 5))
    path = sheet(tmp_path / "m.xlsx", ["Họ và tên", "Ngày sinh", "Số CCCD", "Xếp loại"], [
        ["NGUYEN VAN AN (sai tên)", "", "001080012345", "HTXSNV"],
        ["Đỗ Đức Hải", "05/05/1975", "001188012345", "HTT"],
        ["  lê   THANH nga ", "", "001188012345", "HTT"],
    ])
    table = imp.read_table(path)
    pv = ratings.preview_ratings(store=store, table=table,
                                 mapping=ratings.guess_ratings_mapping(table.headers),
                                 year=2026, today=today)
    assert [r.code for r in pv.rows] == [ratings.NAME_MISMATCH, ratings.NAME_MISMATCH,
                                         ratings.MATCHED]
    assert pv.rows[0].column == pv.rows[1].column == "C (Số CCCD)"
    assert "Lê Thanh Nga" in pv.rows[1].message and "Đỗ Đức Hải" in pv.rows[1].message
    assert pv.rows[2].person_id == nga and pv.rows[2].stored_name == "Lê Thanh Nga"
    result, _c = ratings.apply_ratings_import(store=store, preview=pv, actor=ACTOR,
                                              today=today, skip_bad_rows=True)
    assert result.updated == 1
    rows = {r.person_id: r for r in ratings.rating_rows(store=store, year=2026)}
    assert rows[an].marks.rating is None and rows[nga].marks.rating is Rating.HTT


def test_import_refuses_a_namesake_with_another_cccd(store: Store, catalog: Catalog,
                                                     today: date, tmp_path: Path) -> None:
    add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5), nid="001080012345")
    path = sheet(tmp_path / "c.xlsx", ["Họ và tên", "Ngày sinh", "CCCD", "Xếp loại"],
                 [["Nguyễn Văn An", "05/03/1980", "001080099999", "HTT"]])
    table = imp.read_table(path)
    pv = ratings.preview_ratings(store=store, table=table,
                                 mapping=ratings.guess_ratings_mapping(table.headers),
                                 year=2026, today=today)
    assert [r.code for r in pv.rows] == ["ratings.national_id_mismatch"]


def test_import_ambiguous_and_year_column(store: Store, catalog: Catalog, today: date,
                                          tmp_path: Path) -> None:
    add(store, catalog, today, "Lê Văn Cường", date(1990, 1, 2))
    add(store, catalog, today, "Lê Văn Cường", date(1990, 6, 9))
    one = add(store, catalog, today, "Đỗ Thị Hoa", date(1992, 2, 2))
    path = sheet(tmp_path / "y.xlsx", ["Họ và tên", "Năm sinh", "Năm", "Xếp loại"], [
        ["Lê Văn Cường", 1990, 2025, "HTT"],
        ["Đỗ Thị Hoa", 1992, 2024, "HTXS"],
        ["Đỗ Thị Hoa", 1992, 2030, "HTXS"],
    ])
    table = imp.read_table(path)
    mapping = ratings.guess_ratings_mapping(table.headers)
    assert mapping[ratings.YEAR] == 2
    pv = ratings.preview_ratings(store=store, table=table, mapping=mapping, year=None,
                                 today=today)
    assert [r.code for r in pv.rows] == ["ratings.ambiguous", "ratings.matched",
                                         "ratings.year_future"]
    assert pv.rows[1].person_id == one and pv.rows[1].year == 2024


def test_import_refused_whole_without_needed_columns(store: Store, today: date,
                                                     tmp_path: Path) -> None:
    path = sheet(tmp_path / "n.xlsx", ["Họ và tên", "Chức vụ", "Xếp loại"], [["An", "x", "HT"]])
    table = imp.read_table(path)
    with pytest.raises(UserError) as exc:
        ratings.preview_ratings(store=store, table=table,
                                mapping=ratings.guess_ratings_mapping(table.headers),
                                year=2026, today=today)
    assert exc.value.code == "ratings.identity_unmapped"
    with pytest.raises(UserError) as no_year:
        ratings.preview_ratings(store=store, table=table, mapping={"full_name": 0,
                                                                   "rating": 2,
                                                                   "birth_date": 1},
                                year=None, today=today)
    assert no_year.value.code == "ratings.year_missing"


def test_the_walks_gap_is_closed(store: Store, catalog: Catalog, today: date,
                                 tmp_path: Path) -> None:
    """A unit with only last year's ratings: no LĐTT for anyone this year; the year's
    ratings imported from a list make the verdict eligible."""
    pid = add(store, catalog, today, "Nguyễn Văn An", date(1980, 3, 5),
              group=SubjectGroup.CBCCVC)
    ref = SubjectRef(SubjectKind.PERSON, pid)

    def ldtt() -> Any:
        verdicts = eligibility.evaluate_subject(store, catalog, ref, today.year, "default")
        return next(v for v in verdicts if v.target == "lao_dong_tien_tien")

    assert ldtt().verdict == "ineligible"
    assert any("Chưa có xếp loại năm 2026" in r.message for r in ldtt().reasons)
    path = sheet(tmp_path / "r.xlsx", ["Họ và tên", "Ngày sinh", "Xếp loại"],
                 [["Nguyễn Văn An", "05/03/1980", "HTTNV"]])
    table = imp.read_table(path)
    pv = ratings.preview_ratings(store=store, table=table,
                                 mapping=ratings.guess_ratings_mapping(table.headers),
                                 year=today.year, today=today)
    ratings.apply_ratings_import(store=store, preview=pv, actor=ACTOR, today=today)
    # the import sets the rating: eligible, the year's qualities still to confirm
    assert ldtt().verdict == "eligible" and not ldtt().confirmed
    rows = {r.person_id: r for r in ratings.rating_rows(store=store, year=today.year)}
    ratings.save_ratings(store=store, entries={(pid, today.year): RatingMarks(
        rows[pid].marks.rating, True, True, True)}, actor=ACTOR, today=today)
    assert ldtt().confirmed
