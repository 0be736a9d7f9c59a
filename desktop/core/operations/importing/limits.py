"""What an imported file may be, checked before and while it is read.

An officer's staff list is small (a commune has tens of people, a large agency a few
thousand); everything above these bounds is refused with its own code before it can cost
minutes or gigabytes. An .xlsx is a ZIP of XML parts: its central directory is read first
and the declared sizes checked, and Python's zipfile never inflates an entry past its
declared size (a lying entry ends in a CRC error), so the declared sizes bound the work.
Rows are streamed (openpyxl read-only, csv.reader over a text stream) and counted as they
come, so a file over a limit is refused at the first row over it, not after reading it all.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from desktop.core.errors import UserError
from desktop.core.i18n import _

MiB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    # the file as it is on disk (an .xlsx with staff photos is still far below this)
    max_file_bytes: int = 64 * MiB
    # an .xlsx: its parts, their total once inflated, and how far one part may inflate
    max_zip_entries: int = 2_000
    max_unpacked_bytes: int = 256 * MiB
    max_ratio: int = 200  # inflated / compressed, for parts over ratio_floor_bytes
    ratio_floor_bytes: int = 1 * MiB  # small parts (a styles.xml of zeros) may compress more
    # the table
    max_rows: int = 50_000  # data rows (non-empty) the officer can import at once
    max_scanned_rows: int = 200_000  # rows read, empty ones included (formatted blank rows)
    max_columns: int = 256  # columns with content (the .xls format's own maximum)
    max_field_chars: int = 32_767  # Excel's own limit for one cell
    max_total_chars: int = 40_000_000  # all cell text kept, which bounds memory


DEFAULT_LIMITS = ImportLimits()
HEADER_SCAN_ROWS = 30  # a title block above the header row is at most this tall


class FileRefused(UserError):
    """The file cannot be read as a staff list: unreadable, of a format we do not read, or
    over a limit. `row` (sheet row number) and `column` (letter) say where, when known."""

    def __init__(self, message: str, hint: str = "", *, code: str, row: int | None = None,
                 column: str = "") -> None:
        super().__init__(message, hint, code=code)
        self.row = row
        self.column = column


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as Excel names it."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def split_hint() -> str:
    return _("Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.")


def check_file_size(size: int, name: str, limits: ImportLimits) -> None:
    if size > limits.max_file_bytes:
        raise FileRefused(
            _("Tệp “{name}” quá lớn ({mb} MB); mỗi lần chỉ nhập được tệp đến {max} MB.")
            .format(name=name, mb=size // MiB, max=limits.max_file_bytes // MiB),
            split_hint(), code="import.file_too_large")


def check_xlsx_container(data: bytes, name: str, limits: ImportLimits) -> None:
    """Refuse an .xlsx whose parts would inflate past the limits, from its central
    directory alone (nothing is inflated here)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError) as exc:   # NotImplementedError: a ZIP version zipfile refuses
        raise FileRefused(
            _("Không đọc được bảng tính “{name}”: tệp hỏng hoặc không đúng định dạng .xlsx.")
            .format(name=name), _("Hãy mở tệp trong Excel và lưu lại thành .xlsx."),
            code="import.xlsx_damaged") from exc
    if len(entries) > limits.max_zip_entries:
        raise FileRefused(
            _("Bảng tính “{name}” có {n} phần bên trong, nhiều bất thường; phần mềm không đọc "
              "tệp này.").format(name=name, n=len(entries)),
            _("Hãy mở tệp trong Excel, chép bảng danh sách sang một sổ làm việc mới rồi lưu "
              "thành .xlsx."), code="import.xlsx_too_many_parts")
    total = 0
    for entry in entries:
        total += entry.file_size
        if (entry.file_size > limits.ratio_floor_bytes
                and entry.file_size > limits.max_ratio * max(entry.compress_size, 1)):
            raise FileRefused(
                _("Bảng tính “{name}” có phần “{part}” nén bất thường ({mb} MB khi giải nén, "
                  "gấp {ratio} lần); phần mềm không đọc tệp này để tránh treo máy.").format(
                    name=name, part=entry.filename[:80], mb=entry.file_size // MiB,
                    ratio=entry.file_size // max(entry.compress_size, 1)),
                _("Nếu đây đúng là danh sách của đơn vị, hãy mở trong Excel, chép bảng sang "
                  "sổ làm việc mới và lưu lại."), code="import.xlsx_ratio")
        if total > limits.max_unpacked_bytes:
            raise FileRefused(
                _("Bảng tính “{name}” khi giải nén lớn hơn {max} MB; phần mềm không đọc tệp "
                  "này để tránh treo máy.").format(name=name,
                                                   max=limits.max_unpacked_bytes // MiB),
                split_hint(), code="import.xlsx_unpacked_too_large")


class RowCounter:
    """Counts rows and characters as they stream in and refuses the first one over a limit."""

    def __init__(self, name: str, limits: ImportLimits) -> None:
        self.name = name
        self.limits = limits
        self.scanned = 0
        self.kept = 0
        self.chars = 0

    def scanned_row(self, number: int) -> None:
        self.scanned += 1
        if self.scanned > self.limits.max_scanned_rows:
            raise FileRefused(
                _("Tệp “{name}” có hơn {n} dòng (kể cả dòng trống đã định dạng); phần mềm "
                  "dừng đọc ở dòng {row}.").format(name=self.name,
                                                  n=_count(self.limits.max_scanned_rows),
                                                  row=number),
                _("Nếu bên dưới bảng có nhiều dòng trống đã tô màu hoặc kẻ khung, hãy xóa "
                  "chúng trong Excel; nếu danh sách thật sự dài như vậy, hãy chia thành "
                  "nhiều tệp."), code="import.too_many_scanned_rows", row=number)

    def kept_row(self, number: int, cells: tuple[object, ...]) -> None:
        limits = self.limits
        if len(cells) > limits.max_columns:
            column = column_letter(len(cells) - 1)
            raise FileRefused(
                _("Dòng {row} của tệp “{name}” có dữ liệu ở cột {col}, quá {n} cột.").format(
                    row=number, name=self.name, col=column, n=limits.max_columns),
                _("Hãy xóa các cột không dùng ở bên phải bảng rồi lưu lại."),
                code="import.too_many_columns", row=number, column=column)
        self.kept += 1
        if self.kept > limits.max_rows + HEADER_SCAN_ROWS:
            raise FileRefused(
                _("Tệp “{name}” có hơn {n} dòng, quá nhiều để nhập một lần.").format(
                    name=self.name, n=_count(limits.max_rows)),
                split_hint(), code="import.too_many_rows", row=number)

    def text(self, number: int, index: int, length: int) -> None:
        limits = self.limits
        if length > limits.max_field_chars:
            column = column_letter(index)
            raise FileRefused(
                _("Ô {col}{row} của tệp “{name}” dài {n} ký tự, quá {max} ký tự một ô.")
                .format(col=column, row=number, name=self.name, n=_count(length),
                        max=_count(limits.max_field_chars)),
                _("Một ô danh sách không thể dài như vậy; hãy kiểm tra lại ô này trong "
                  "Excel."), code="import.field_too_long", row=number, column=column)
        self.chars += length
        if self.chars > limits.max_total_chars:
            raise FileRefused(
                _("Tệp “{name}” chứa quá nhiều chữ (hơn {n} ký tự) để nhập một lần.").format(
                    name=self.name, n=_count(limits.max_total_chars)),
                split_hint(), code="import.too_much_text", row=number)


def _count(n: int) -> str:
    """50.000: Vietnamese groups thousands with a dot."""
    return f"{n:,}".replace(",", ".")
