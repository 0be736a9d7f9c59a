"""The three ways a staff list arrives, each read as a stream of (row number, cells):
.xlsx/.xlsm through openpyxl in read-only mode, .xls (Excel 97–2003) through xlrd, and
delimited text (CSV, or Excel's tab-separated "Unicode Text") through csv.reader over a
decoding text stream. Each turns its library's ways of failing into a `FileRefused`.
"""

from __future__ import annotations

import codecs
import csv
import io
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from desktop.core.i18n import N_, _
from desktop.core.operations.importing.decoding import Decoding
from desktop.core.operations.importing.limits import FileRefused

Row = tuple[int, Sequence[Any]]

RESAVE_XLSX = N_("Hãy mở tệp trong Excel và lưu lại thành .xlsx.")


def _damaged(name: str, exc: BaseException | None = None) -> FileRefused:
    refused = FileRefused(
        _("Không đọc được bảng tính “{name}”: tệp hỏng hoặc không đúng định dạng .xlsx.")
        .format(name=name), _(RESAVE_XLSX), code="import.xlsx_damaged")
    if exc is not None:
        refused.__cause__ = exc
    return refused


# ---- .xlsx -----------------------------------------------------------------------------------

# openpyxl's ways of failing on a damaged or unusual file: SyntaxError is xml.etree's
# ParseError; defusedxml's refusals (entities, DTDs) are ValueErrors. zipfile inside it also
# raises zlib.error (broken deflate data), NotImplementedError (a method, flag or version it
# does not support) and RuntimeError (an encrypted member): found by the fuzz run.
_OPENPYXL_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError,
                    SyntaxError, OSError, OverflowError, IndexError, EOFError, zlib.error,
                    NotImplementedError, RuntimeError)


class Workbook:
    """An open .xlsx: its sheet names, and the rows of one sheet on demand."""

    def __init__(self, data: bytes, name: str) -> None:
        import openpyxl  # only imports need it; keeps start-up light
        from openpyxl.utils.exceptions import InvalidFileException

        self.name = name
        try:
            self._book = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                                data_only=True)
        except (InvalidFileException, *_OPENPYXL_ERRORS) as exc:
            raise _damaged(name, exc) from exc
        self._sheets = {ws.title: ws for ws in self._book.worksheets}  # no chart sheets

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self._sheets)

    def rows(self, sheet: str) -> Iterator[Row]:
        ws = self._sheets[sheet]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # some programs write a wrong size; read what is there
        try:
            yield from enumerate(ws.iter_rows(values_only=True), start=1)
        except _OPENPYXL_ERRORS as exc:
            raise FileRefused(
                _("Trang “{sheet}” của bảng tính “{name}” bị hỏng, không đọc hết được.")
                .format(sheet=sheet, name=self.name), _(RESAVE_XLSX),
                code="import.xlsx_damaged") from exc

    def close(self) -> None:
        self._book.close()


# ---- .xls ------------------------------------------------------------------------------------


class LegacyWorkbook:
    """An Excel 97–2003 .xls through xlrd (sheets loaded one at a time, no formatting)."""

    def __init__(self, data: bytes, name: str) -> None:
        import xlrd
        from xlrd.compdoc import CompDocError

        self.name = name
        self._xlrd = xlrd
        try:
            # xlrd writes its warnings to logfile (stdout by default): keep them away from
            # the CLI's JSON
            self._book = xlrd.open_workbook(file_contents=data, on_demand=True,
                                            formatting_info=False, logfile=io.StringIO())
        except xlrd.XLRDError as exc:
            text = str(exc).lower()
            if "encrypted" in text or _is_encrypted_xlsx(data):
                raise _password(name) from exc
            raise self._damaged(exc) from exc
        except (CompDocError, *_XLRD_ERRORS) as exc:
            if _is_encrypted_xlsx(data):
                raise _password(name) from exc
            raise self._damaged(exc) from exc

    def _damaged(self, exc: BaseException) -> FileRefused:
        refused = FileRefused(
            _("Không đọc được bảng tính Excel 97–2003 “{name}”: tệp hỏng hoặc không đúng "
              "định dạng .xls.").format(name=self.name), _(RESAVE_XLSX),
            code="import.xls_damaged")
        refused.__cause__ = exc
        return refused

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self._book.sheet_names())

    def rows(self, sheet: str) -> Iterator[Row]:
        xlrd = self._xlrd
        from xlrd.compdoc import CompDocError

        try:
            ws = self._book.sheet_by_name(sheet)
            for r in range(ws.nrows):
                yield r + 1, [self._value(c) for c in ws.row(r)]
        except (xlrd.XLRDError, CompDocError, *_XLRD_ERRORS) as exc:
            raise FileRefused(
                _("Trang “{sheet}” của bảng tính “{name}” bị hỏng, không đọc hết được.")
                .format(sheet=sheet, name=self.name), _(RESAVE_XLSX),
                code="import.xls_damaged") from exc
        finally:
            self._book.unload_sheet(sheet)

    def _value(self, cell: Any) -> Any:
        xlrd = self._xlrd
        kind = cell.ctype
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if kind == xlrd.XL_CELL_DATE:
            try:
                value: datetime = xlrd.xldate_as_datetime(cell.value, self._book.datemode)
                return value
            except (xlrd.xldate.XLDateError, ValueError, OverflowError):
                return cell.value
        if kind == xlrd.XL_CELL_BOOLEAN:
            return bool(cell.value)
        if kind == xlrd.XL_CELL_ERROR:
            return xlrd.error_text_from_code.get(cell.value, "#ERR")
        return cell.value

    def close(self) -> None:
        self._book.release_resources()


# xlrd on a damaged compound document fails in many ways; these are the ones it raises.
_XLRD_ERRORS = (struct.error, IndexError, KeyError, ValueError, AssertionError, TypeError,
                OverflowError, UnicodeError, EOFError, ZeroDivisionError)


def _is_encrypted_xlsx(data: bytes) -> bool:
    """A password-protected .xlsx is an OLE file with an "EncryptedPackage" stream."""
    return "EncryptedPackage".encode("utf-16-le") in data[:1024 * 1024]


def _password(name: str) -> FileRefused:
    return FileRefused(
        _("Tệp “{name}” được đặt mật khẩu, phần mềm không đọc được.").format(name=name),
        _("Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) và lưu "
          "lại rồi nhập lại."), code="import.password_protected")


# ---- delimited text --------------------------------------------------------------------------


def _trimmed_width(cells: Sequence[str]) -> int:
    width = len(cells)
    while width and not cells[width - 1].strip():
        width -= 1
    return width


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the most lines into the same width.

    Excel pads every line to the table's width, so the right delimiter gives many equally
    wide rows, while a comma inside a title ("DANH SÁCH CÁN BỘ, CÔNG CHỨC") gives few.
    """
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            widths = [_trimmed_width(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        counts = Counter(w for w in widths if w >= 2)
        if not counts:
            continue
        width, often = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = (often, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def text_sample(data: bytes, decoding: Decoding, size: int = 64 * 1024) -> str:
    return data[:size].decode(decoding.codec, errors="ignore")


def _line_of_bad_byte(data: bytes, codec: str) -> int | None:
    """The line (counted by line feeds) of the first byte `codec` cannot decode: the text
    stream decodes ahead of the rows, so its error does not say which row it was."""
    decoder = codecs.getincrementaldecoder(codec)()
    step = 1024 * 1024
    for offset in range(0, len(data), step):
        try:
            decoder.decode(data[offset:offset + step])
        except UnicodeDecodeError as exc:
            return data.count(b"\n", 0, max(offset + exc.start, 0)) + 1
    return None


def delimited_rows(data: bytes, decoding: Decoding, delimiter: str, name: str
                   ) -> Iterator[Row]:
    """Records of a delimited text file, numbered as Excel numbers its rows. The text is
    decoded as it is read; a byte the encoding cannot decode stops the import at its row."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=decoding.codec, errors="strict",
                              newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=False)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except UnicodeDecodeError as exc:
        row = _line_of_bad_byte(data, decoding.codec) or number + 1
        raise FileRefused(
            _("Tệp “{name}” có chữ không đọc được theo bảng mã đã chọn, ở khoảng dòng {row}. "
              "Chưa nhập gì.").format(name=name, row=row),
            _("Hãy chọn bảng mã khác ở ô “Bảng mã”, hoặc trong Excel chọn Lưu thành → “CSV "
              "UTF-8 (phân cách bằng dấu phẩy)” rồi nhập lại."),
            code="import.encoding_invalid", row=row) from exc
    except csv.Error as exc:
        row = number + 1
        if "field larger than field limit" in str(exc):
            raise FileRefused(
                _("Dòng {row} của tệp “{name}” có một ô dài quá {max} ký tự (có thể thiếu "
                  "dấu ngoặc kép đóng).").format(row=row, name=name,
                                                  max=f"{csv.field_size_limit():,}"
                                                  .replace(",", ".")),
                _("Hãy mở tệp trong Excel, kiểm tra dòng này rồi lưu lại."),
                code="import.field_too_long", row=row) from exc
        raise FileRefused(
            _("Tệp CSV “{name}” bị lỗi định dạng ở dòng {row} ({why}).").format(
                name=name, row=row, why=exc),
            _("Hãy mở tệp trong Excel và lưu lại thành .xlsx."),
            code="import.csv_malformed", row=row) from exc
