"""The import's notes that are not errors: names typed in capitals (kept as typed, or
written in Vietnamese title case when the officer chooses) and rows without a birth date
(allowed, never silent). Found walking the year (issue 12)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.operations import importing as imp
from desktop.core.operations import registry as ops
from desktop.core.store import Store
from desktop.core.store import registry as repo
from tests.unit.test_importing import (
    OPTIONS,
    read_and_preview,
    titled,
    write_csv,
    write_xlsx,
)


@pytest.mark.parametrize("typed, written", [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
    ("ĐẶNG THỊ Ỷ", "Đặng Thị Ỷ"),  # the particle Thị keeps its capital, as names are written
    (unicodedata.normalize("NFD", "TRẦN THỊ BÍCH"), "Trần Thị Bích"),  # NFD in, NFC out
    ("  LÊ   ĐỨC  CƯỜNG ", "Lê Đức Cường"),
    ("H'HEN NIÊ", "H'Hen Niê"),  # Ê Đê: the part after the apostrophe is a name part too
    ("Y WANG NIÊ", "Y Wang Niê"),
    ("KSOR H’BLIU", "Ksor H’Bliu"),
])
def test_vietnamese_title_case(typed: str, written: str) -> None:
    assert imp.is_all_capitals(typed)
    fixed = imp.vietnamese_title_case(typed)
    assert fixed == written and unicodedata.is_normalized("NFC", fixed)


@pytest.mark.parametrize("name", [
    "Nguyễn Văn An",  # as names are written
    "NGUYỄN Văn An",  # mixed case is the officer's own writing: never touched
    "nguyễn văn an",  # small letters: not "in capitals"
    "Y",  # a single-letter Ê Đê name is not a name in capitals
    "",
])
def test_names_not_in_capitals(name: str) -> None:
    assert not imp.is_all_capitals(name)


def test_title_case_of_letters_outside_vietnamese_stays_nfc() -> None:
    fixed = imp.vietnamese_title_case("İBRAHİM ÖZ")  # lower() of "İ" adds a combining dot
    assert unicodedata.is_normalized("NFC", fixed) and fixed.endswith(" Öz")


def capitals_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "ds.xlsx", titled([
        [1, "NGUYỄN VĂN AN", "03/05/1980", "Nam", "", "", "", ""],              # row 4
        [2, "TRẦN THỊ BÍCH", "07/11/1985", "Nữ", "", "", "", ""],              # row 5
        [3, "LÊ Đức Cường", "28/02/1990", "Nam", "", "", "", ""],              # row 6 mixed
        [4, "Phạm Thu Hà", "01/01/1991", "Nữ", "", "", "", ""],                # row 7
        [5, unicodedata.normalize("NFD", "HOÀNG THỊ Ỷ"), "02/02/1992", "Nữ", "", "", "", ""],
    ]))


def test_names_in_capitals_are_counted_and_kept_unless_the_officer_chooses(
        store: Store, catalog: Catalog, tmp_path: Path) -> None:
    path = capitals_file(tmp_path)
    _table, pv = read_and_preview(store, catalog, path)
    assert pv.ok
    offer = pv.name_case
    assert offer is not None and (offer.count, offer.applied) == (3, False)
    assert (offer.example, offer.example_fixed) == ("NGUYỄN VĂN AN", "Nguyễn Văn An")
    notes = [(n.row, n.code, n.field) for n in pv.notices]
    assert notes == [(r, imp.NAME_CAPITALS, "full_name") for r in (4, 5, 8)]
    assert pv.notices[0].column == "B (Họ và tên)"
    assert [r.person.full_name for r in pv.rows][:2] == ["NGUYỄN VĂN AN", "TRẦN THỊ BÍCH"]

    _table, pv = read_and_preview(store, catalog, path, replace(OPTIONS, fix_name_case=True))
    assert pv.name_case is not None and pv.name_case.applied and pv.name_case.count == 3
    assert [(n.row, n.code) for n in pv.notices] == [(r, imp.NAME_CASE_FIXED) for r in (4, 5, 8)]
    assert pv.note_count(imp.NAME_CASE_FIXED) == 3 and pv.note_count(imp.NAME_CAPITALS) == 0
    assert [r.values["full_name"] for r in pv.rows] == [
        "Nguyễn Văn An", "Trần Thị Bích", "LÊ Đức Cường", "Phạm Thu Hà", "Hoàng Thị Ỷ"]
    imp.commit_import(store, catalog, pv, "test", path.name)
    assert json.loads(repo.audit_entries(store.db)[0]["detail"])["names_fixed"] == 3
    saved = sorted(p.full_name for p in ops.people_page(store, "", 0, 10))
    assert saved == sorted(["Nguyễn Văn An", "Trần Thị Bích", "LÊ Đức Cường", "Phạm Thu Hà",
                            "Hoàng Thị Ỷ"])
    assert all(unicodedata.is_normalized("NFC", name) for name in saved)


def test_a_name_in_capitals_is_still_the_same_person_as_one_saved(
        store: Store, catalog: Catalog, tmp_path: Path) -> None:
    """The duplicate check folds case: fixing the case does not hide a duplicate."""
    first = write_xlsx(tmp_path / "a.xlsx", titled([[1, "Nguyễn Văn An", "03/05/1980", "Nam",
                                                     "", "", "", ""]]))
    _t, pv = read_and_preview(store, catalog, first)
    imp.commit_import(store, catalog, pv, "test", first.name)
    _t, pv = read_and_preview(store, catalog, capitals_file(tmp_path),
                              replace(OPTIONS, fix_name_case=True))
    assert [(p.row, p.code) for p in pv.problems] == [(4, "import.duplicate_in_store")]


def test_a_file_without_capitals_makes_no_offer(store: Store, catalog: Catalog,
                                                tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled([[1, "Lê Đức Cường", "28/02/1990", "Nam",
                                                     "", "", "", ""]]))
    _t, pv = read_and_preview(store, catalog, path)
    assert pv.name_case is None and pv.notices == []


def test_a_row_without_a_birth_date_is_imported_with_a_note(store: Store, catalog: Catalog,
                                                            tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled([
        [1, "Nguyễn Văn An", datetime(1980, 5, 3), "Nam", "", "", "", ""],     # row 4
        [2, "Trần Thị Bích", "", "Nữ", "", "", "", ""],                        # row 5: empty
        [3, "Lê Đức Cường", "31/02/1990", "Nam", "", "", "", ""],              # row 6: wrong
    ]))
    _t, pv = read_and_preview(store, catalog, path)
    (note,) = pv.notices
    assert (note.row, note.column, note.field, note.code) == (
        5, "C (Ngày sinh)", "birth_date", imp.BIRTH_DATE_MISSING)
    assert "chưa có ngày sinh" in note.message
    assert pv.birth_date_missing == 1
    # a date that cannot be read is an error of its row, not a missing date
    assert [(p.row, p.code) for p in pv.problems] == [(6, "import.date_invalid")]
    assert [r.row for r in pv.rows if r.ok] == [4, 5]
    result = imp.commit_import(store, catalog, pv, "test", path.name, skip_bad_rows=True)
    assert result.imported == 2 and result.without_birth_date == 1
    bich = next(p for p in ops.people_page(store, "", 0, 10) if p.full_name == "Trần Thị Bích")
    assert bich.birth_date is None


def test_no_birth_date_column_notes_every_row(store: Store, catalog: Catalog,
                                              tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.csv", [["Họ và tên", "Chức vụ"],
                                           ["Nguyễn Văn An", "Chủ tịch"],
                                           ["Trần Thị Bích", "Kế toán"]])
    _t, pv = read_and_preview(store, catalog, path)
    assert [(n.row, n.column, n.code) for n in pv.notices] == [
        (2, "", imp.BIRTH_DATE_MISSING), (3, "", imp.BIRTH_DATE_MISSING)]
    assert pv.birth_date_missing == 2 and pv.ok
