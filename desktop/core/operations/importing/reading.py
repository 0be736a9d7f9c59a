"""Read an officer's staff list into a `RawTable`: the header row found below any title
block, every data row with the row number the officer sees in Excel, every text cell in NFC
(Windows-1258 writes tones as combining marks). The limits of limits.py are checked before
and while the file is read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.core.i18n import N_, _
from desktop.core.operations.importing import characters, decoding, sources
from desktop.core.operations.importing.limits import (
    DEFAULT_LIMITS,
    HEADER_SCAN_ROWS,
    FileRefused,
    ImportLimits,
    RowCounter,
    check_file_size,
    check_xlsx_container,
    column_letter,
    split_hint,
)
from desktop.core.operations.importing.mapping import header_key, match_header
from desktop.core.text import clean, format_date

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and every password-protected .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUFFIXES = (*XLSX_SUFFIXES, ".xls", *TEXT_SUFFIXES)

FORMAT_LABELS = {"xlsx": N_("Bảng tính Excel (.xlsx)"), "xls": N_("Bảng tính Excel 97–2003 (.xls)"),
                 "csv": N_("Tệp văn bản CSV")}
DELIMITER_LABELS = {",": N_("dấu phẩy"), ";": N_("dấu chấm phẩy"), "\t": N_("dấu tab")}


@dataclass(frozen=True)
class RawRow:
    number: int  # 1-based row number in the sheet, as Excel shows it
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class RawTable:
    source_name: str
    sha256: str
    sheet_names: tuple[str, ...]  # empty for text files
    sheet: str  # the sheet read ('' for text files)
    header_row: int  # 1-based
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    delimiter: str = ""  # text files only
    format: str = "xlsx"  # "xlsx", "xls" or "csv"
    encoding: str = ""  # text files: the codec read with (decoding.ENCODING_LABELS)
    encoding_detected: bool = True  # False when the officer chose the encoding

    def column_label(self, index: int) -> str:
        """“C (Ngày sinh)”: the column letter the officer sees, and its header."""
        letter = column_letter(index)
        header = self.headers[index] if index < len(self.headers) else ""
        return f"{letter} ({header})" if header else letter

    @property
    def format_label(self) -> str:
        return _(FORMAT_LABELS[self.format])

    def describe(self) -> str:
        """One line for the officer: format, sheet or encoding and delimiter, header row."""
        parts = [self.format_label]
        if self.sheet:
            parts.append(_("trang “{s}”").format(s=self.sheet))
        if self.encoding:
            how = _("tự nhận ra") if self.encoding_detected else _("đã chọn")
            parts.append(_("bảng mã {enc} ({how})").format(
                enc=decoding.encoding_label(self.encoding), how=how))
        if self.delimiter:
            parts.append(_("phân cách bằng {d}").format(d=_(DELIMITER_LABELS[self.delimiter])))
        parts.append(_("dòng tiêu đề cột là dòng {h}").format(h=self.header_row))
        return "; ".join(parts)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def display_value(value: Any) -> str:
    """A cell as the officer reads it (dates dd/mm/yyyy, 1985.0 as 1985); a zero-width
    character shows as the space it will become, not deleted as clean() would."""
    return clean(characters.check(as_text(value), characters.CharPolicy.TEXT).text)


def _read_bytes(path: Path, name: str, limits: ImportLimits) -> bytes:
    try:
        check_file_size(path.stat().st_size, name, limits)
        with path.open("rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)  # the file may grow meanwhile
    except FileNotFoundError as exc:
        raise FileRefused(_("Không tìm thấy tệp “{name}”.").format(name=name),
                          _("Tệp có thể đã bị chuyển hoặc đổi tên; hãy chọn lại."),
                          code="import.file_missing") from exc
    except OSError as exc:
        raise FileRefused(_("Không mở được tệp “{name}”.").format(name=name),
                          _("Nếu tệp đang mở trong Excel, hãy đóng lại rồi thử lại; hoặc kiểm "
                            "tra quyền đọc tệp."), code="import.file_unreadable") from exc
    check_file_size(len(data), name, limits)
    if not data.strip():
        raise FileRefused(_("Tệp “{name}” trống, không có dòng nào để nhập.").format(name=name),
                          code="import.file_empty")
    return data


def read_table(path: Path, sheet: str | None = None, *, sheet_may_be_gone: bool = False,
               encoding: str | None = None, limits: ImportLimits = DEFAULT_LIMITS
               ) -> RawTable:
    """Read an .xlsx/.xlsm, an .xls or a delimited text file (.csv, .txt, .tsv).

    `sheet`: the sheet to read (else the first non-empty one); `sheet_may_be_gone`: when
    reloading a corrected file whose sheet was renamed, read the first non-empty sheet
    instead of refusing. `encoding`: a codec of decoding.CHOOSABLE for a text file, when
    the officer corrects the detected one. Raises FileRefused, in Vietnamese, with a code.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FileRefused(
            _("Không nhập được tệp “{name}”: chỉ nhận bảng tính Excel (.xlsx, .xls) hoặc tệp "
              "CSV.").format(name=name),
            _("Hãy lưu danh sách thành .xlsx hoặc CSV rồi chọn lại."),
            code="import.format_unsupported")
    data = _read_bytes(path, name, limits)
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(_ZIP_MAGIC):
        check_xlsx_container(data, name, limits)
        return _from_workbook(sources.Workbook(data, name), "xlsx", name, digest, sheet,
                              sheet_may_be_gone, limits)
    if data.startswith(_OLE_MAGIC):
        return _from_workbook(sources.LegacyWorkbook(data, name), "xls", name, digest, sheet,
                              sheet_may_be_gone, limits)
    if suffix not in TEXT_SUFFIXES:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
            raise FileRefused(
                _("Tệp “{name}” thực ra là trang web (HTML) mang đuôi Excel, không phải bảng "
                  "tính.").format(name=name),
                _("Hãy mở tệp trong Excel rồi Lưu thành → “Sổ làm việc Excel (*.xlsx)”."),
                code="import.html_not_excel")
        raise FileRefused(_("Tệp “{name}” không phải bảng tính Excel hợp lệ (tệp hỏng hoặc sai "
                            "đuôi).").format(name=name),
                          _("Hãy mở tệp trong Excel và lưu lại thành .xlsx."),
                          code="import.not_excel")
    used = decoding.chosen(encoding) if encoding else decoding.detect(data, name)
    delimiter = sources.sniff_delimiter(sources.text_sample(data, used))
    grid = _collect(sources.delimited_rows(data, used, delimiter, name), name, limits)
    return _table(name, digest, (), "", grid, limits, delimiter=delimiter, fmt="csv",
                  encoding=used.codec, detected=used.detected)


def _from_workbook(book: sources.Workbook | sources.LegacyWorkbook, fmt: str, name: str,
                   digest: str, sheet: str | None, sheet_may_be_gone: bool,
                   limits: ImportLimits) -> RawTable:
    try:
        names = book.sheet_names
        if sheet is not None and sheet not in names and sheet_may_be_gone:
            sheet = None
        if sheet is not None and sheet not in names:
            raise FileRefused(_("Bảng tính “{name}” không có trang “{sheet}”.")
                              .format(name=name, sheet=sheet), code="import.sheet_missing")
        for candidate in ([sheet] if sheet is not None else list(names)):
            grid = _collect(book.rows(candidate), name, limits)
            if grid:
                return _table(name, digest, names, candidate, grid, limits, fmt=fmt)
        if sheet is not None:
            raise FileRefused(_("Trang “{sheet}” của bảng tính “{name}” không có dữ liệu.")
                              .format(sheet=sheet, name=name), _("Hãy chọn trang khác."),
                              code="import.sheet_empty")
        raise FileRefused(_("Bảng tính “{name}” không có dữ liệu ở trang nào.").format(
            name=name), code="import.no_rows")
    finally:
        book.close()


def _collect(rows: Iterable[tuple[int, Sequence[Any]]], name: str, limits: ImportLimits
             ) -> list[tuple[int, tuple[Any, ...]]]:
    """The non-empty rows with their numbers, text in NFC, trailing empty cells dropped;
    every limit checked as the rows stream in."""
    counter = RowCounter(name, limits)
    kept: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in rows:
        counter.scanned_row(number)
        values: list[Any] = []
        for index, cell in enumerate(cells):
            if isinstance(cell, str):
                counter.text(number, index, len(cell))
                if not cell.strip():
                    cell = None
                elif not unicodedata.is_normalized("NFC", cell):
                    cell = unicodedata.normalize("NFC", cell)
            values.append(cell)
        while values and values[-1] is None:
            values.pop()
        if not values:
            continue
        row = tuple(values)
        counter.kept_row(number, row)
        kept.append((number, row))
    return kept


def _filled(cells: Sequence[Any]) -> int:
    return sum(1 for c in cells if c is not None and clean(as_text(c)))


def _find_header(grid: list[tuple[int, tuple[Any, ...]]]) -> int | None:
    """The first row with at least two recognised headers; failing that, the first row with at
    least two filled cells (a title block above the table has one cell per row, or the
    two-column national heading, which names no field)."""
    first_wide = None
    for i, (_n, cells) in enumerate(grid[:HEADER_SCAN_ROWS]):
        if _filled(cells) < 2:
            continue
        if first_wide is None:
            first_wide = i
        if sum(1 for c in cells if match_header(header_key(as_text(c))) is not None) >= 2:
            return i
    return first_wide


def _is_numbering_row(cells: Sequence[Any]) -> bool:
    texts = [clean(as_text(c)) for c in cells if c is not None and clean(as_text(c))]
    return len(texts) >= 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts)


def _table(name: str, digest: str, sheet_names: tuple[str, ...], sheet: str,
           grid: list[tuple[int, tuple[Any, ...]]], limits: ImportLimits, *,
           delimiter: str = "", fmt: str, encoding: str = "", detected: bool = True
           ) -> RawTable:
    if not grid:
        raise FileRefused(_("Tệp “{name}” không có dòng nào để nhập.").format(name=name),
                          code="import.no_rows")
    header_at = _find_header(grid)
    if header_at is None:
        raise FileRefused(
            _("Không tìm thấy dòng tiêu đề cột trong tệp “{name}”.").format(name=name),
            _("Dòng tiêu đề cần có ít nhất hai cột, ví dụ “Họ và tên”, “Ngày sinh”."),
            code="import.no_header")
    header_number, header_cells = grid[header_at]
    headers = tuple(clean(as_text(c)) for c in header_cells)
    body = grid[header_at + 1:]
    if body and _is_numbering_row(body[0][1]):
        body = body[1:]  # the "(1) (2) (3)" line under the headers of official tables
    if len(body) > limits.max_rows:
        raise FileRefused(
            _("Tệp “{name}” có {n} dòng dữ liệu, quá {max} dòng nhập được một lần.")
            .format(name=name, n=len(body), max=limits.max_rows), split_hint(),
            code="import.too_many_rows", row=body[limits.max_rows][0])
    if not body:
        raise FileRefused(_("Tệp “{name}” chỉ có dòng tiêu đề, chưa có người nào.")
                          .format(name=name), code="import.header_only")
    width = max(len(headers), *(len(c) for _, c in body))
    headers = headers + ("",) * (width - len(headers))
    return RawTable(name, digest, sheet_names, sheet, header_number, headers,
                    tuple(RawRow(n, c) for n, c in body), delimiter, fmt, encoding, detected)
