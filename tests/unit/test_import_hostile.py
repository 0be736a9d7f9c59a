"""Hostile staff lists: every one is refused with its own code (naming the row and column
where there is one) before it can cost minutes or gigabytes, or read exactly as meant.

Everything is built here into tmp_path; nothing binary is committed."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import xlwt

from desktop.core.catalog import load_catalog
from desktop.core.operations import importing as imp
from desktop.core.store import Store, open_store
from tests.unit.test_importing import cp1258, write_csv, write_xlsx

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
CONFIRMED = {"group": "cbccvc", "ethnicity": "Kinh"}
MiB = 1024 * 1024


def refused(path: Path, **kwargs: Any) -> imp.FileRefused:
    with pytest.raises(imp.FileRefused) as caught:
        imp.read_table(path, **kwargs)
    return caught.value


def rezip(source: Path, target: Path, replace_parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace_parts.get(info.filename, src.read(info)))
    return target


def small_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Ngày sinh"],
                                             ["Nguyễn Văn An", "01/02/1990"]])


# ---- the .xlsx container ----------------------------------------------------------------------


def deflate_bomb(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of `size` zero bytes (a multiple of 1 MiB), built from one
    compressed MiB repeated (a full flush makes the blocks independent), and its CRC."""
    chunk = bytes(MiB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = first + again * (size // MiB - 1) + compressor.flush()
    crc = 0
    for _ in range(size // MiB):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def zip_with_raw_entry(base: Path, target: Path, name: str, stream: bytes, crc: int,
                       size: int) -> Path:
    """`base`'s parts, plus `name` stored as the given raw deflate stream."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(buffer, "w",
                                                       zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != name:
                out.writestr(info.filename, src.read(info))
    entries = buffer.getvalue()
    end = entries.rfind(b"PK\x05\x06")
    central_start = struct.unpack_from("<I", entries, end + 16)[0]
    count = struct.unpack_from("<H", entries, end + 10)[0]
    local_files, central = entries[:central_start], entries[central_start:end]
    encoded = name.encode()
    offset = len(local_files)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream), size,
                        len(encoded), 0) + encoded + stream
    record = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                         len(stream), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    new_central = central + record
    tail = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(new_central),
                       offset + len(local), 0)
    target.write_bytes(local_files + local + new_central + tail)
    return target


def test_a_one_megabyte_xlsx_that_inflates_to_a_gibibyte_is_refused_unread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stream, crc = deflate_bomb(1024 * MiB)
    assert len(stream) < 1.1 * MiB
    path = zip_with_raw_entry(small_xlsx(tmp_path), tmp_path / "bomb.xlsx",
                              "xl/worksheets/sheet1.xml", stream, crc, 1024 * MiB)
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == 1024 * MiB

    def never(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(imp.reading.sources, "Workbook", never)
    error = refused(path)
    assert error.code == "import.xlsx_ratio"
    assert "sheet1.xml" in error.message


def test_parts_that_together_inflate_past_the_limit_are_refused(tmp_path: Path) -> None:
    stream, crc = deflate_bomb(8 * MiB)
    path = zip_with_raw_entry(small_xlsx(tmp_path), tmp_path / "big.xlsx", "xl/media/a.bin",
                              stream, crc, 8 * MiB)
    limits = replace(imp.DEFAULT_LIMITS, max_unpacked_bytes=4 * MiB, max_ratio=10_000)
    assert refused(path, limits=limits).code == "import.xlsx_unpacked_too_large"


def test_an_entry_inflating_past_its_declared_size_stops_there(tmp_path: Path) -> None:
    """zipfile never inflates past the declared size: a part that lies is a damaged file."""
    stream, crc = deflate_bomb(8 * MiB)
    path = zip_with_raw_entry(small_xlsx(tmp_path), tmp_path / "liar.xlsx",
                              "xl/worksheets/sheet1.xml", stream, crc, 4096)
    assert refused(path).code == "import.xlsx_damaged"


def test_an_entity_bomb_in_the_workbook_xml_is_refused(tmp_path: Path) -> None:
    def entity(i: int) -> str:
        body = (f"&lol{i - 1};" if i else "&lol;") * 10
        return f'<!ENTITY lol{i} "{body}">'

    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(entity(i) for i in range(9))
              + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol8;</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
                '</worksheet>').encode()
    path = rezip(small_xlsx(tmp_path), tmp_path / "laughs.xlsx",
                 {"xl/worksheets/sheet1.xml": laughs})
    assert refused(path).code == "import.xlsx_damaged"


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    path = small_xlsx(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(30):
            archive.writestr(f"customXml/item{i}.xml", b"<x/>")
    limits = replace(imp.DEFAULT_LIMITS, max_zip_entries=20)
    assert refused(path, limits=limits).code == "import.xlsx_too_many_parts"


def test_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.csv", [["Họ và tên", "Ngày sinh"]] + [["A B", "01/01/1990"]]
                     * 100)
    error = refused(path, limits=replace(imp.DEFAULT_LIMITS, max_file_bytes=1000))
    assert error.code == "import.file_too_large"


# ---- rows, columns, fields ----------------------------------------------------------------


def test_a_million_and_one_rows_stop_at_the_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "million.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Họ và tên,Ngày sinh\n")
        fh.write("Người Thứ Nhất,01/01/1990\n" * 1_000_001)
    error = refused(path)
    assert error.code == "import.too_many_rows"
    limit = imp.DEFAULT_LIMITS.max_rows
    # stopped at the first row over the limit (the header, the limit, the title allowance)
    assert error.row == 1 + limit + 30


def test_formatted_empty_rows_are_counted_too(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("Họ và tên,Ngày sinh\n" + ",\n" * 200 + "An Bình,01/01/1990\n",
                    encoding="utf-8")
    error = refused(path, limits=replace(imp.DEFAULT_LIMITS, max_scanned_rows=100))
    assert (error.code, error.row) == ("import.too_many_scanned_rows", 101)


def test_a_column_far_to_the_right_is_refused_with_its_letter(tmp_path: Path) -> None:
    row = ["Nguyễn Văn An", "01/02/1990"] + [None] * 298 + ["x"]
    path = write_xlsx(tmp_path / "wide.xlsx", [["Họ và tên", "Ngày sinh"], row])
    error = refused(path)
    assert (error.code, error.row, error.column) == ("import.too_many_columns", 2, "KO")


@pytest.mark.parametrize("length", [40_000, 200_000])
def test_a_huge_csv_field_is_refused_with_its_row(tmp_path: Path, length: int) -> None:
    path = write_csv(tmp_path / "ds.csv", [["Họ và tên", "Ghi chú"], ["An Bình", "ok"],
                                           ["Chu Du", "x" * length]])
    error = refused(path)
    assert (error.code, error.row) == ("import.field_too_long", 3)
    if length < 131_072:  # under csv's own limit our check names the column too
        assert error.column == "B" and "Ô B3" in error.message


def test_a_long_xlsx_cell_is_refused_with_its_cell(tmp_path: Path) -> None:
    """openpyxl itself cuts a cell at Excel's 32,767 characters; the check is ours below."""
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Ghi chú"], ["An", "y" * 5_000]])
    error = refused(path, limits=replace(imp.DEFAULT_LIMITS, max_field_chars=1_000))
    assert (error.code, error.row, error.column) == ("import.field_too_long", 2, "B")


def test_total_text_is_bounded(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.csv", [["Họ và tên", "Ghi chú"]] + [["An", "z" * 500]] * 50)
    error = refused(path, limits=replace(imp.DEFAULT_LIMITS, max_total_chars=10_000))
    assert error.code == "import.too_much_text"


# ---- encodings --------------------------------------------------------------------------------

NAMES = [["Họ và tên", "Ngày sinh", "Chức vụ"], ["Nguyễn Thị Ánh Tuyết", "05/03/1990", "Kế toán"],
         ["Đặng Văn Ưng", "06/04/1991", "Phó Chủ tịch UBND"]]


def _text(delimiter: str = ",") -> str:
    return "\r\n".join(delimiter.join(r) for r in NAMES) + "\r\n"


@pytest.mark.parametrize("label, data, codec, delimiter", [
    ("utf-8", _text().encode("utf-8"), "utf-8", ","),
    ("utf-8 BOM", _text().encode("utf-8-sig"), "utf-8-sig", ","),
    ("Unicode Text", _text("\t").encode("utf-16"), "utf-16", "\t"),
    ("UTF-16 LE, no BOM", _text("\t").encode("utf-16-le"), "utf-16-le", "\t"),
    ("Windows-1258", cp1258(_text(";")), "cp1258", ";"),
])
def test_each_encoding_excel_writes_is_read_as_nfc(tmp_path: Path, label: str, data: bytes,
                                                   codec: str, delimiter: str) -> None:
    path = tmp_path / ("ds.txt" if "\t" in delimiter else "ds.csv")
    path.write_bytes(data)
    table = imp.read_table(path)
    assert (table.encoding, table.delimiter, table.encoding_detected) == (codec, delimiter,
                                                                         True), label
    assert [list(r.cells) for r in table.rows] == NAMES[1:]


def test_windows_1258_is_recognised_on_a_tiny_file(tmp_path: Path) -> None:
    """charset-normalizer alone calls this Windows-1252 or 1250."""
    path = tmp_path / "ds.csv"
    path.write_bytes(cp1258("Họ và tên,Ngày sinh\r\nLê Thị Hà,01/02/1990\r\n"))
    assert imp.read_table(path).encoding == "cp1258"


def test_a_western_file_is_not_taken_for_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes("Họ tên,Ghi chú\r\nNiccolò Müller,José\r\n".replace("ọ", "o").replace(
        "ú", "u").replace("ê", "e").encode("cp1252"))
    table = imp.read_table(path)
    assert table.encoding == "cp1252" and table.rows[0].cells[0] == "Niccolò Müller"


def test_names_lost_to_an_english_code_page_are_refused(db: Store, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes("Ho va ten,Ngay sinh\r\nNguy?n V?n An,01/02/1990\r\nLe Ha,01/02/1991\r\n"
                     .encode("cp1252"))
    table = imp.read_table(path)
    pv = imp.preview(db, load_catalog(REPO / "forms"), table, imp.guess_mapping(table.headers),
                     imp.ImportOptions(today=TODAY, defaults=CONFIRMED))
    assert [(p.row, p.code) for p in pv.problems] == [(2, "import.name_lost_letters")]


def test_a_byte_the_chosen_encoding_cannot_decode_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes("Họ và tên,Ngày sinh\r\n".encode() + b"An,01/01/1990\r\n" * 3
                     + cp1258("Lê Thị Hà,01/02/1990\r\n"))
    error = refused(path, encoding="utf-8-sig")
    assert (error.code, error.row) == ("import.encoding_invalid", 5)
    # half UTF-8, half Windows-1258: no single encoding reads it, so none is guessed
    assert refused(path).code == "import.encoding_unknown"


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03garbage\x00\xff", b"\xff\xfe\x00\x00x\x00"])
def test_binary_is_not_text(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes(data)
    assert refused(path).code == "import.not_text"


# ---- .xls -------------------------------------------------------------------------------------


def write_xls(path: Path, rows: list[list[Any]]) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Danh sách")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def test_xls_dates_numbers_and_text(db: Store, tmp_path: Path) -> None:
    path = write_xls(tmp_path / "cu.xls", [
        ["DANH SÁCH CÁN BỘ"], [],
        ["Họ và tên", "Ngày sinh", "Số CCCD", "Điện thoại"],
        ["Đặng Thị Ỷ", datetime(1990, 3, 5), 1090001234, 912345678]])
    table = imp.read_table(path)
    assert (table.format, table.sheet, table.header_row) == ("xls", "Danh sách", 3)
    pv = imp.preview(db, load_catalog(REPO / "forms"), table, imp.guess_mapping(table.headers),
                     imp.ImportOptions(today=TODAY, defaults=CONFIRMED))
    person = pv.rows[0].person
    assert person.birth_date == date(1990, 3, 5)
    assert (person.national_id, person.phone) == ("001090001234", "0912345678")


def test_a_password_protected_xlsx_is_named_as_such(tmp_path: Path) -> None:
    """An encrypted .xlsx is an OLE file with an EncryptedPackage stream instead of a
    workbook: made here by renaming the Workbook stream of a real .xls."""
    data = bytearray(write_xls(tmp_path / "a.xls", [["Họ và tên", "Ngày sinh"]]).read_bytes())
    at = data.find("Workbook".encode("utf-16-le"))
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    data[at:at + 64] = name.ljust(64, b"\x00")
    struct.pack_into("<H", data, at + 64, len(name))
    path = tmp_path / "locked.xlsx"
    path.write_bytes(bytes(data))
    assert refused(path).code == "import.password_protected"


@pytest.mark.parametrize("cut", [600, 2000, 5000])
def test_a_truncated_xls_is_refused(tmp_path: Path, cut: int) -> None:
    data = write_xls(tmp_path / "a.xls", [["Họ và tên", "Ngày sinh"], ["An", "x"]]).read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(data[:cut])
    assert refused(path).code in {"import.xls_damaged", "import.no_rows"}


# ---- control and invisible characters, per field ---------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Any:
    store = open_store(tmp_path / "x.sqlite", create=True)
    yield store
    store.close()


def preview_of(db: Store, tmp_path: Path, rows: list[list[Any]]) -> imp.ImportPreview:
    path = write_csv(tmp_path / "ds.csv", [["Họ và tên", "Ngày sinh", "Chức vụ", "Số CCCD"],
                                           *rows])
    table = imp.read_table(path)
    return imp.preview(db, load_catalog(REPO / "forms"), table, imp.guess_mapping(table.headers),
                       imp.ImportOptions(today=TODAY, defaults=CONFIRMED))


def test_zero_width_space_in_a_name_becomes_a_space_with_a_notice(db: Store,
                                                                  tmp_path: Path) -> None:
    pv = preview_of(db, tmp_path, [["Nguyễn\u200bVăn An", "01/02/1990", "", ""],
                                   ["Lê\u00adThị Hà", "01/02/1991", "", ""]])
    assert pv.ok
    assert [r.person.full_name for r in pv.rows] == ["Nguyễn Văn An", "Lê Thị Hà"]
    assert [(n.row, n.column, n.code) for n in pv.notices] == [
        (2, "A (Họ và tên)", "import.invisible_replaced"),
        (3, "A (Họ và tên)", "import.invisible_replaced")]
    assert "U+200B" in pv.notices[0].message and "sau “Nguyễn”" in pv.notices[0].message


def test_line_breaks_in_a_cell_become_spaces(db: Store, tmp_path: Path) -> None:
    pv = preview_of(db, tmp_path, [["Trần Thị Bích", "01/02/1990", "Phó Chủ tịch\nUBND xã", ""]])
    assert pv.ok and not pv.notices
    assert pv.rows[0].person.position == "Phó Chủ tịch UBND xã"


@pytest.mark.parametrize("cell, column, code", [
    (("Nguyễn Văn An", "01/02/1990", "", "0010\u200b90001234"), "D (Số CCCD)",
     "import.invisible_char"),
    (("Nguyễn Văn An", "01/02\u200b/1990", "", ""), "B (Ngày sinh)", "import.invisible_char"),
    (("Nguyễn \u202eVăn An", "01/02/1990", "", ""), "A (Họ và tên)", "import.direction_char"),
    (("Nguyễn \u200fVăn An", "01/02/1990", "", ""), "A (Họ và tên)", "import.direction_char"),
    (("Nguyễn Văn An", "01/02/1990", "Kế\u2066 toán", ""), "C (Chức vụ)",
     "import.direction_char"),
    (("Nguyễn Văn An", "01/02/1990", "Kế\x01toán", ""), "C (Chức vụ)", "import.control_char"),
    (("Nguyễn\x9bVăn An", "01/02/1990", "", ""), "A (Họ và tên)", "import.control_char"),
    (("Nguyễn Văn An\ue000", "01/02/1990", "", ""), "A (Họ và tên)", "import.control_char"),
])
def test_characters_that_change_a_value_refuse_the_row_naming_the_cell(
        db: Store, tmp_path: Path, cell: tuple[str, ...], column: str, code: str) -> None:
    pv = preview_of(db, tmp_path, [list(cell), ["Lê Thị Hà", "01/02/1991", "", ""]])
    assert [(p.row, p.column, p.code) for p in pv.problems] == [(2, column, code)]
    assert pv.rows[1].ok  # the other row is not affected
    stored = {r.person.full_name for r in pv.rows}
    assert not any(ch in name for name in stored for ch in "\u202e\u200f\x9b")
