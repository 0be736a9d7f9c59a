"""Importing people from .xlsx and .csv: reading, mapping, preview of every bad row, and the
all-or-nothing commit. Fixture files are generated here into tmp_path (nothing binary is
committed)."""

from __future__ import annotations

import csv
import hashlib
import json
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from desktop.core.catalog import Catalog, load_catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import (
    Gender,
    History,
    Person,
    Rating,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
)
from desktop.core.operations import importing as imp
from desktop.core.operations import registry as ops
from desktop.core.store import Store, open_store
from desktop.core.store import registry as repo

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
# The files of most tests have no "Dân tộc" or "Đối tượng" column: the officer confirms what
# those people get (see test_import_defaults.py for what happens when they do not).
CONFIRMED = {"group": "cbccvc", "ethnicity": "Kinh"}
OPTIONS = imp.ImportOptions(today=TODAY, rating_year=2025, defaults=CONFIRMED)

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Phòng ban",
           "Số CCCD", "Xếp loại năm 2025"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cp1258(text: str) -> bytes:
    """Text as Excel on a Vietnamese Windows saves "CSV": Windows-1258, whose letters
    carry their vowel marks but whose tones are combining marks after them."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return out


@pytest.fixture
def cat() -> Catalog:
    return load_catalog(REPO / "forms")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "x.sqlite", create=True)
    try:
        yield store
    finally:
        store.close()


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, sheets: dict[str, Sequence[
        Sequence[Any]]] | None = None) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Danh sách"
    for row in rows:
        ws.append(list(row))
    for name, extra in (sheets or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for row in rows:
            writer.writerow(list(row))
    return path


def titled(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """A title block above the header, the way officers' sheets look."""
    return [["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"], [], list(HEADERS), *map(list, rows)]


def good_rows() -> list[list[Any]]:
    return [
        [1, "Nguyễn Văn An", datetime(1980, 5, 3), "Nam", "Chủ tịch", "Lãnh đạo",
         "001080001234", "HTXSNV"],
        [2, nfd("Trần Thị Bích"), "07/11/1985", "Nữ", "Kế toán", "Tài chính",
         "", "Hoàn thành tốt nhiệm vụ"],
        [3, "Lê Đức Cường", "1990-02-28", "nam", "Văn thư", "Văn phòng", "", ""],
    ]


def read_and_preview(db: Store, cat: Catalog, path: Path,
                     options: imp.ImportOptions = OPTIONS) -> tuple[imp.RawTable,
                                                                    imp.ImportPreview]:
    table = imp.read_table(path)
    mapping = imp.guess_mapping(table.headers)
    return table, imp.preview(db, cat, table, mapping, options)


# ---- reading ---------------------------------------------------------------------------------


def test_xlsx_with_title_block_is_read_from_its_header_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    table = imp.read_table(path)
    assert table.header_row == 3
    assert table.headers[:3] == ("STT", "Họ và tên", "Ngày sinh")
    assert [r.number for r in table.rows] == [4, 5, 6]
    assert table.rows[0].cells[2] == datetime(1980, 5, 3)
    assert table.sheet == "Danh sách" and table.sheet_names == ("Danh sách",)
    assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_non_empty_sheet_is_read_and_others_can_be_chosen(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [],
                      sheets={"Năm 2025": titled(good_rows()),
                              "Khác": [["Họ tên", "Năm sinh"], ["Phạm Hoa", "01/01/1970"]]})
    table = imp.read_table(path)
    assert table.sheet_names == ("Danh sách", "Năm 2025", "Khác")
    assert table.sheet == "Năm 2025" and len(table.rows) == 3
    other = imp.read_table(path, sheet="Khác")
    assert other.header_row == 1 and other.rows[0].cells == ("Phạm Hoa", "01/01/1970")
    with pytest.raises(UserError, match="không có dữ liệu"):
        imp.read_table(path, sheet="Danh sách")
    with pytest.raises(UserError, match="không có trang"):
        imp.read_table(path, sheet="Không có")
    # reloading a corrected file whose sheet was renamed reads the first non-empty sheet
    assert imp.read_table(path, sheet="Không có", sheet_may_be_gone=True).sheet == "Năm 2025"


def test_national_heading_in_two_columns_is_not_taken_for_the_header(tmp_path: Path) -> None:
    rows = [["UBND XÃ AN BÌNH", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["DANH SÁCH"], ["Họ và tên", "Ngày sinh", "Chức vụ"],
            ["(1)", "(2)", "(3)"],
            ["Võ Thị Mai", "02/09/1975", "Phó Chủ tịch"]]
    table = imp.read_table(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert table.header_row == 3
    # the "(1) (2) (3)" numbering line of official tables is not a person
    assert [r.number for r in table.rows] == [5]


def test_csv_with_bom_and_comma(tmp_path: Path) -> None:
    rows = [[c if not isinstance(c, datetime) else "03/05/1980" for c in r] for r in good_rows()]
    path = write_csv(tmp_path / "ds.csv", titled(rows), encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = imp.read_table(path)
    assert table.delimiter == "," and table.header_row == 3
    assert table.headers[0] == "STT"  # the BOM is not glued to the first header
    assert table.rows[1].cells[1] == "Trần Thị Bích"  # NFD in the file, NFC once read
    assert (table.format, table.encoding, table.encoding_detected) == ("csv", "utf-8-sig", True)


def test_semicolon_csv_with_a_comma_in_the_title(tmp_path: Path) -> None:
    rows = [["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC", "", "", ""],
            ["Họ và tên", "Ngày sinh", "Phòng ban", "Chức vụ"],
            ["Đặng Thị Ỷ", "05/03/1990", "Tài chính, Kế hoạch", "Chuyên viên"],
            ["Hồ Văn Bé", "06/04/1991", "Văn phòng", "Văn thư"]]
    table = imp.read_table(write_csv(tmp_path / "ds.csv", rows, delimiter=";"))
    assert table.delimiter == ";"
    assert table.header_row == 2
    assert table.rows[0].cells == ("Đặng Thị Ỷ", "05/03/1990", "Tài chính, Kế hoạch",
                                   "Chuyên viên")


def test_tab_separated_csv(tmp_path: Path) -> None:
    rows = [["Họ và tên", "Ngày sinh"], ["Mai Anh", "01/02/1990"]]
    table = imp.read_table(write_csv(tmp_path / "ds.csv", rows, delimiter="\t"))
    assert table.delimiter == "\t" and table.rows[0].cells == ("Mai Anh", "01/02/1990")


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "utf-8"])
def test_excel_csv_encodings_are_detected_and_read(tmp_path: Path, encoding: str) -> None:
    rows = [["Họ và tên", "Ngày sinh"], ["Lê Thị Hà", "01/02/1990"]]
    path = tmp_path / "ds.csv"
    text = "\r\n".join(",".join(r) for r in rows) + "\r\n"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    table = imp.read_table(path)
    assert table.rows[0].cells == ("Lê Thị Hà", "01/02/1990")
    assert table.encoding == encoding


@pytest.mark.parametrize("name, content, words", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "tệp hỏng"),
    ("garbage.xlsx", b"this is not a workbook at all", "không phải bảng tính"),
    ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 200, "tệp hỏng"),
    ("binary.csv", b"\x00\x01\x02\x03garbage\x00", "không phải tệp văn bản"),
    ("utf16.csv", "Họ và tên,Ngày sinh\n".encode("utf-16"), "chỉ có dòng tiêu đề"),
    ("web.xls", b"<html><table><tr><td>H\xc3\xb4</td></tr></table></html>", "trang web"),
    ("empty.csv", b"", "trống"),
    ("blank.csv", b"\n\n , ,\n", "không có dòng"),
    ("list.ods", b"PK\x03\x04", ".xlsx"),
    ("only_header.csv", "Họ và tên,Ngày sinh\n".encode(), "chỉ có dòng tiêu đề"),
])
def test_unreadable_files_are_refused_with_a_message(tmp_path: Path, name: str,
                                                     content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        imp.read_table(path)
    assert words in str(caught.value)


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"Không tìm thấy tệp “none\.csv”"):
        imp.read_table(tmp_path / "none.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(UserError, match="Không mở được tệp"):
        imp.read_table(folder)


def test_chart_sheets_are_not_offered(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    book = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=4, max_row=6))
    book.create_chartsheet("Biểu đồ", 0).add_chart(chart)
    book.save(path)
    table = imp.read_table(path)
    assert table.sheet_names == ("Danh sách",) and len(table.rows) == 3


def test_more_than_the_row_limit_is_refused(tmp_path: Path) -> None:
    limits = replace(imp.DEFAULT_LIMITS, max_rows=200)
    rows = [["Họ và tên", "Ngày sinh"]] + [[f"Người {i}", "01/01/1990"] for i in range(201)]
    with pytest.raises(imp.FileRefused, match="quá 200 dòng") as caught:
        imp.read_table(write_csv(tmp_path / "big.csv", rows), limits=limits)
    assert caught.value.code == "import.too_many_rows" and caught.value.row == 202
    rows = rows[:201]
    assert len(imp.read_table(write_csv(tmp_path / "ok.csv", rows), limits=limits).rows) == 200


def test_a_huge_file_stops_early_at_the_real_limit(tmp_path: Path) -> None:
    rows = [["Họ và tên", "Ngày sinh"]] + [["Người", "01/01/1990"]] * (
        imp.DEFAULT_LIMITS.max_rows + 40)
    with pytest.raises(UserError, match="quá nhiều để nhập"):
        imp.read_table(write_csv(tmp_path / "huge.csv", rows))


# ---- mapping ---------------------------------------------------------------------------------


def test_guess_mapping_from_vietnamese_headers_with_and_without_marks() -> None:
    headers = ["STT", nfd("HỌ VÀ TÊN"), "Ngày, tháng, năm sinh", "Giới tính", "Dân tộc",
               "Chức vụ, chức danh", "Đơn vị công tác", "Đối tượng", "Ngày tuyển dụng",
               "SĐT", "Số định danh cá nhân", "Kết quả xếp loại năm 2024", "Ghi chú"]
    mapping = imp.guess_mapping(headers)
    assert mapping == {"full_name": 1, "birth_date": 2, "gender": 3, "ethnicity": 4,
                       "position": 5, "department": 6, "group": 7, "hired_on": 8, "phone": 9,
                       "national_id": 10, "rating": 11}
    assert imp.guess_rating_year(headers, mapping) == 2024


def test_guess_mapping_short_headers_and_split_names() -> None:
    assert imp.guess_mapping(["Tên", "Năm sinh", "CMND", "Bộ phận", "Điện thoại"]) == {
        "full_name": 0, "birth_date": 1, "national_id": 2, "department": 3, "phone": 4}
    assert imp.guess_mapping(["Họ và tên đệm", "Tên", "Ngày sinh"]) == {
        "family_name": 0, "full_name": 1, "birth_date": 2}
    # "Tên đơn vị" is a department, not a name
    assert imp.guess_mapping(["Họ tên", "Tên đơn vị"]) == {"full_name": 0, "department": 1}
    assert imp.guess_mapping(["Ghi chú", "Quê quán"]) == {}
    assert imp.guess_rating_year(["Xếp loại"], {"rating": 0}) is None


# ---- preview ---------------------------------------------------------------------------------


def test_clean_file_previews_without_problems_and_commits(db: Store, cat: Catalog,
                                                          tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    table, pv = read_and_preview(db, cat, path)
    assert pv.ok and pv.valid_count == 3 and pv.error_count == 0 and pv.problems == []
    assert pv.rating_year == 2025
    result = imp.commit_import(db, cat, pv, "cán bộ A", path.name)
    count, changes = result.imported, result.changes
    assert count == 3 and changes.bulk and len(changes.people) == 3 and result.skipped == ()
    people = {p.full_name: p for p in ops.people_page(db, "", 0, 10)}
    bich = people["Trần Thị Bích"]  # NFD in the file, NFC in the store
    assert unicodedata.is_normalized("NFC", bich.full_name)
    assert bich.birth_date == date(1985, 11, 7) and bich.gender is Gender.NU
    an = people["Nguyễn Văn An"]
    assert an.birth_date == date(1980, 5, 3) and an.national_id == "001080001234"
    assert an.position == "Chủ tịch" and an.department == "Lãnh đạo"
    assert an.ethnicity == "Kinh" and an.group is SubjectGroup.CBCCVC
    years = ops.get_history(db, SubjectRef(SubjectKind.PERSON, an.id or 0)).years
    assert [(y.year, y.rating) for y in years] == [(2025, Rating.HTXS)]
    assert ops.get_history(db, SubjectRef(SubjectKind.PERSON,
                                          bich.id or 0)).years[0].rating is Rating.HTT
    cuong = people["Lê Đức Cường"]
    assert ops.get_history(db, SubjectRef(SubjectKind.PERSON, cuong.id or 0)).is_empty()
    entry = repo.audit_entries(db.db)[0]
    assert (entry["action"], entry["entity"], entry["actor"]) == ("import", "people", "cán bộ A")
    assert "3" in entry["summary"] and "ds.xlsx" in entry["summary"]
    detail = json.loads(entry["detail"])
    assert detail["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert detail["rows"] == 3 and table.sha256 == detail["sha256"]
    assert detail["defaults"] == CONFIRMED and detail["format"] == "xlsx"


def bad_rows() -> list[list[Any]]:
    return [
        [1, "Phạm Minh Đức", "31/02/1990", "Nam", "", "", "", ""],           # row 4
        [2, "Ngô Thị Lan", "12/12/1988", "Nữ", "", "", "", "Xuất sắc lắm"],  # row 5
        [3, "Đỗ Văn Hải", datetime(1979, 1, 2), "Nam", "", "", "", "HTT"],   # row 6
        [4, nfd("đỗ văn hải"), "02/01/1979", "Nam", "", "", "", ""],         # row 7 duplicate
        [5, "", "03/03/1993", "Nữ", "Kế toán", "", "", ""],                  # row 8 no name
        [6, "Bùi Thị Thu", "14/07/1970", "Nữ", "", "", "", ""],              # row 9 in the DB
        [7, "Trịnh Văn Sơn", 1985, "Nam", "", "", "", ""],                   # row 10 year only
        [8, "Lý Thị Nga", "05/05/2030", "Nữ", "", "", "", ""],               # row 11 future
        [9, "Mạc Văn Tú", "5/3/90", "x", "", "", "12345", ""],               # row 12
        [10, "Hoàng Văn Khánh", "01/01/1990", "Nam", "", "", "", "ht"],      # row 13 fine
    ]


def test_every_bad_row_is_listed_with_row_column_and_reason(db: Store, cat: Catalog,
                                                            tmp_path: Path) -> None:
    ops.add_person(db, cat, Person(None, "Bùi Thị Thu", birth_date=date(1970, 7, 14)),
                   History(), "test", TODAY)
    path = write_xlsx(tmp_path / "ds.xlsx", titled(bad_rows()))
    _table, pv = read_and_preview(db, cat, path)
    by_row: dict[int, list[imp.RowProblem]] = {}
    for p in pv.problems:
        by_row.setdefault(p.row, []).append(p)
    assert sorted(by_row) == [4, 5, 7, 8, 9, 10, 11, 12]
    assert pv.valid_count == 2 and pv.error_count == 8 and not pv.ok

    assert by_row[4][0].column == "C (Ngày sinh)" and by_row[4][0].field == "birth_date"
    assert "31/02/1990 không phải là ngày có thật" in by_row[4][0].message
    assert by_row[5][0].column == "H (Xếp loại năm 2025)"
    assert "xếp loại “Xuất sắc lắm” không rõ" in by_row[5][0].message
    assert "trùng người ở dòng 6" in by_row[7][0].message
    assert by_row[7][0].column == "B (Họ và tên)"
    assert [(p.field, p.message) for p in by_row[8]] == [("full_name", "thiếu họ và tên.")]
    assert "đã có người cùng họ tên và ngày sinh" in by_row[9][0].message
    assert "chỉ có năm 1985" in by_row[10][0].message
    assert "ngày sinh ở tương lai" in by_row[11][0].message
    messages12 = " ".join(p.message for p in by_row[12])
    assert "5/3/90" in messages12 and "giới tính “x” không rõ" in messages12
    assert "12 (hoặc 9) chữ số" in messages12
    text = pv.problems_text()
    assert text.splitlines()[0].startswith("Dòng 4, cột C (Ngày sinh): ")

    with pytest.raises(ValidationError, match="8 dòng lỗi"):
        imp.commit_import(db, cat, pv, "test", path.name)
    assert ops.count_people(db) == 1  # only the person added before
    assert all(e["action"] != "import" for e in repo.audit_entries(db.db))


def test_text_dates_in_csv_and_excel_numbers_that_lost_their_zeros(db: Store, cat: Catalog,
                                                                   tmp_path: Path) -> None:
    rows = [["Họ và tên", "Ngày sinh", "Điện thoại", "Số CCCD", "Ngày vào làm", "Đối tượng"],
            ["Vũ Thị Hạnh", "1990-03-05 00:00:00", 912345678, 1090001234, "01.08.2012",
             "Người lao động"],
            ["Kiều Văn Lộc", "5-3-1991", "0987 654 321", "001091000001", "", "công an"]]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    _table, pv = read_and_preview(db, cat, path, imp.ImportOptions(today=TODAY,
                                                                   defaults=CONFIRMED))
    assert pv.ok, pv.problems_text()
    hanh, loc = (r.person for r in pv.rows)
    assert hanh.birth_date == date(1990, 3, 5) and hanh.hired_on == date(2012, 8, 1)
    assert hanh.phone == "0912345678" and hanh.national_id == "001090001234"
    assert hanh.group is SubjectGroup.NGUOI_LAO_DONG
    assert loc.birth_date == date(1991, 3, 5) and loc.group is SubjectGroup.VU_TRANG
    assert loc.phone == "0987 654 321"


def test_split_name_columns_are_joined(db: Store, cat: Catalog, tmp_path: Path) -> None:
    rows = [["Họ và tên đệm", "Tên", "Ngày sinh"], ["Nguyễn Thị", "Mai", "01/01/1990"]]
    _table, pv = read_and_preview(db, cat, write_csv(tmp_path / "ds.csv", rows))
    assert pv.rows[0].person.full_name == "Nguyễn Thị Mai"


def test_rows_empty_in_every_chosen_column_are_skipped_not_imported(db: Store, cat: Catalog,
                                                                   tmp_path: Path) -> None:
    rows = [["STT", "Họ và tên", "Ngày sinh", "Ghi chú"],
            [1, "An Văn Bình", "01/01/1990", ""],
            [2, "", "", "đã nghỉ hưu"]]
    _table, pv = read_and_preview(db, cat, write_xlsx(tmp_path / "ds.xlsx", rows))
    assert [r.row for r in pv.rows] == [2] and pv.blank_rows == (3,)


def test_mapping_mistakes_are_user_errors(db: Store, cat: Catalog, tmp_path: Path) -> None:
    table = imp.read_table(write_xlsx(tmp_path / "ds.xlsx", titled(good_rows())))
    mapping = imp.guess_mapping(table.headers)
    with pytest.raises(UserError, match="năm cho cột xếp loại"):
        imp.preview(db, cat, table, mapping, imp.ImportOptions(today=TODAY,
                                                                defaults=CONFIRMED))
    with pytest.raises(UserError, match="Họ và tên"):
        imp.preview(db, cat, table, {"birth_date": 2}, OPTIONS)
    with pytest.raises(UserError, match="hai trường"):
        imp.preview(db, cat, table, {"full_name": 1, "position": 1}, OPTIONS)
    with pytest.raises(UserError, match="không hợp lệ"):
        imp.preview(db, cat, table, mapping, imp.ImportOptions(today=TODAY, rating_year=2030))


def test_ratings_accept_codes_and_words(db: Store, cat: Catalog, tmp_path: Path) -> None:
    words = {"htxs": Rating.HTXS, "HTXSNV": Rating.HTXS,
             nfd("Hoàn thành xuất sắc nhiệm vụ"): Rating.HTXS,
             "Hoàn thành tốt nhiệm vụ.": Rating.HTT, "httnv": Rating.HTT,
             "HOÀN THÀNH NHIỆM VỤ": Rating.HT, "HT": Rating.HT,
             "Không hoàn thành nhiệm vụ": Rating.KHT, "KHTNV": Rating.KHT}
    letters = "ABCDEFGHIKLMNOPQRS"
    rows = [["Họ và tên", "Xếp loại"]] + [[f"Người {letters[i]}", w]
                                          for i, w in enumerate(words)]
    _table, pv = read_and_preview(db, cat, write_csv(tmp_path / "ds.csv", rows))
    assert pv.ok, pv.problems_text()
    assert [r.year_record.rating if r.year_record else None for r in pv.rows] == list(
        words.values())


# ---- commit ----------------------------------------------------------------------------------


def test_failure_midway_writes_nothing(db: Store, cat: Catalog, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    _table, pv = read_and_preview(db, cat, path)
    real = repo.insert_person
    calls = []

    def failing(database: Any, person: Person) -> int:
        calls.append(person.full_name)
        if len(calls) == 3:
            raise RuntimeError("disk gone at row 3")
        return real(database, person)

    monkeypatch.setattr(repo, "insert_person", failing)
    with pytest.raises(RuntimeError, match="row 3"):
        imp.commit_import(db, cat, pv, "test", path.name)
    assert len(calls) == 3
    assert ops.count_people(db) == 0
    assert db.db.execute("SELECT count(*) FROM year_records").fetchone()[0] == 0
    assert repo.audit_entries(db.db) == []
    monkeypatch.setattr(repo, "insert_person", real)
    assert imp.commit_import(db, cat, pv, "test", path.name).imported == 3


def test_someone_added_the_same_person_after_the_preview(db: Store, cat: Catalog,
                                                         tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    _table, pv = read_and_preview(db, cat, path)
    assert pv.ok
    ops.add_person(db, cat, Person(None, "Lê Đức Cường", birth_date=date(1990, 2, 28)),
                   History(), "test", TODAY)
    with pytest.raises(ValidationError, match="Dòng 6: Lê Đức Cường đã có"):
        imp.commit_import(db, cat, pv, "test", path.name)
    assert ops.count_people(db) == 1


def test_importing_the_same_file_twice_is_refused_as_duplicates(db: Store, cat: Catalog,
                                                                tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    _table, pv = read_and_preview(db, cat, path)
    imp.commit_import(db, cat, pv, "test", path.name)
    _table, again = read_and_preview(db, cat, path)
    assert again.error_count == 3
    assert all("đã có người" in p.message for p in again.problems)


def test_bulk_duplicate_lookup_agrees_with_find_same_person(db: Store, cat: Catalog) -> None:
    saved = [Person(None, "Đặng Thị Ỷ", birth_date=date(1990, 3, 5)),
             Person(None, "Đặng Thị Ỷ", birth_date=date(1991, 3, 5)),
             Person(None, "Lê Văn Tám"),
             Person(None, "Lê Văn Tám", birth_date=date(1970, 1, 1))]
    with db.write() as conn:
        for p in saved:
            repo.insert_person(conn, p)
    index = imp.SamePeople(db)
    asked = [*saved, Person(None, nfd("ĐẶNG  thị ỷ"), birth_date=date(1990, 3, 5)),
             Person(None, "dang thi y", birth_date=date(1990, 3, 5)),
             Person(None, "Đặng Thị Ỷ"), Person(None, "Lê Văn Tám", birth_date=date(1970, 1, 2)),
             Person(None, "Ai Đó", birth_date=date(1990, 3, 5))]
    for person in asked:
        assert index.of(person) == repo.find_same_person(db.db, person.full_name,
                                                         person.birth_date), person
    assert index.of(asked[4]) == [1] and index.of(asked[2]) == [3]


def test_preview_shows_what_will_be_saved_for_empty_cells(db: Store, cat: Catalog,
                                                          tmp_path: Path) -> None:
    rows = [["Họ và tên", "Dân tộc", "Đối tượng"],
            ["Hà Văn Một", "", ""], ["Lò Thị Hai", "Thái", "Người lao động"],
            ["Sầm Văn Ba", "Tày", "học sinh"]]
    options = imp.ImportOptions(today=TODAY, defaults={"group": "nong dan", "ethnicity": "Mường"})
    _table, pv = read_and_preview(db, cat, write_csv(tmp_path / "ds.csv", rows), options)
    one, two, three = pv.rows
    assert (one.values["ethnicity"], one.values["group"]) == (
        "Mường", SubjectGroup.CONG_NHAN_NONG_DAN.label)
    assert one.person.ethnicity == "Mường" and one.person.group is SubjectGroup.CONG_NHAN_NONG_DAN
    assert two.person.ethnicity == "Thái" and two.person.group is SubjectGroup.NGUOI_LAO_DONG
    assert three.values["group"] == "học sinh"
    assert [p.field for p in three.problems] == ["group"]
    assert three.problems[0].code == "import.group_unknown"
    assert "đối tượng “học sinh” không rõ" in three.problems[0].message
    assert [(d.key, d.reason, d.rows) for d in pv.defaults if d.must_confirm] == [
        ("ethnicity", "empty_cells", 1), ("group", "empty_cells", 1)]


def test_every_import_field_is_a_person_attribute_so_a_new_one_is_one_line() -> None:
    """fields.FIELDS is the only list: a field named like a Person attribute is converted,
    checked, offered in the wizard and accepted by --map without any other change."""
    attributes = set(Person.__dataclass_fields__)
    for f in imp.FIELDS:
        assert f.key in attributes or f.key in {"family_name", "rating"}, f.key
    assert imp.guess_mapping(["Họ và tên", "Dân tộc"]) == {"full_name": 0, "ethnicity": 1}


def test_one_cccd_on_two_rows_or_held_by_someone_saved_is_refused(db: Store, cat: Catalog,
                                                                   tmp_path: Path) -> None:
    """A CCCD is one citizen's: typed for two people, one of them is wrong (the walk of the
    year found such a file imported without a word)."""
    ops.add_person(db, cat, Person(None, "Bùi Thị Thu", birth_date=date(1970, 7, 14),
                                   national_id="001170009999"), History(), "test", TODAY)
    ops.add_person(db, cat, Person(None, "Hà Văn Lâm", birth_date=date(1980, 8, 8),
                                   national_id="001080007777"), History(), "test", TODAY)
    path = write_xlsx(tmp_path / "ds.xlsx", titled([
        [1, "Trần Hữu Cường", "01/01/1980", "Nam", "", "", "025087000005", ""],   # row 4
        [2, "Vi Ngọc Oanh", "02/02/1990", "Nữ", "", "", "025087000005", ""],      # row 5 twice
        [3, "Lò Văn Pá", "03/03/1985", "Nam", "", "", "001170009999", ""],        # row 6 taken
        [4, "Hà Văn Lâm", "08/08/1980", "Nam", "", "", "001080007777", ""],       # row 7 himself
    ]))
    _table, pv = read_and_preview(db, cat, path)
    codes = {(p.row, p.code) for p in pv.problems}
    assert (5, "import.national_id_twice") in codes
    assert (6, "import.national_id_taken") in codes
    assert not any(row == 4 for row, _c in codes)
    # the saved person herself again is the duplicate-person case, not a CCCD conflict
    assert {c for row, c in codes if row == 7} == {"import.duplicate_in_store"}


def test_a_cccd_saved_for_someone_else_after_the_preview_is_refused_at_write(
        db: Store, cat: Catalog, tmp_path: Path) -> None:
    """The preview found row 4's CCCD free; before the officer pressed Nhập, the editor (or
    another window) saved it for another person. Checked again in the write: all or nothing
    refuses the whole file; with skip-bad-rows the row is skipped and reported."""
    path = write_xlsx(tmp_path / "ds.xlsx", titled(good_rows()))
    _table, pv = read_and_preview(db, cat, path)
    assert pv.ok
    holder, _changes = ops.add_person(db, cat, Person(None, "Bùi Thị Thu",
                                                      birth_date=date(1970, 7, 14),
                                                      national_id="001080001234"),
                                      History(), "test", TODAY)
    with pytest.raises(ValidationError) as info:
        imp.commit_import(db, cat, pv, "test", path.name)
    assert info.value.codes == ["import.national_id_taken"]
    assert f"vừa được lưu cho Bùi Thị Thu (mã {holder.id})" in info.value.problems[0].message
    assert ops.count_people(db) == 1
    assert [e["action"] for e in repo.audit_entries(db.db)] == ["create"]

    result = imp.commit_import(db, cat, pv, "test", path.name, skip_bad_rows=True)
    assert result.imported == 2
    assert [(p.row, p.code) for p in result.skipped] == [(4, "import.national_id_taken")]
    assert [p.full_name for p in ops.people_page(db, "", 0, 10)
            if p.national_id == "001080001234"] == ["Bùi Thị Thu"]
