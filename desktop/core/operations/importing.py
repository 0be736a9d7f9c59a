"""Import people from an officer's staff list in Excel (.xlsx) or CSV.

Three steps, each one a function the wizard calls:

1. `read_table(path)` reads the file into a `RawTable` (header row found below any title
   block, every data row with the row number the officer sees in Excel). Anything that is not
   a readable .xlsx or UTF-8 .csv is refused with a message saying what to do.
2. `guess_mapping(headers)` proposes which column holds which field, from the Vietnamese
   header text (folded, so "Họ và tên", "HO VA TEN" and NFD text all match).
3. `preview(...)` converts and checks every row and lists every problem with its row number,
   column and reason; `commit_import(...)` writes all rows in one transaction, or nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import N_, _
from desktop.core.model import (
    Changes,
    Gender,
    History,
    Person,
    Rating,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations.registry import validate_history, validate_person
from desktop.core.store import Store
from desktop.core.store import registry as repo
from desktop.core.text import clean, fold, format_date, parse_date

MAX_ROWS = 50_000
MAX_FILE_BYTES = 200 * 1024 * 1024
HEADER_SCAN_ROWS = 30

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also every password-protected .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_EXCEL_SUFFIXES = (".xlsx", ".xlsm")

# ---- the fields an import can fill ---------------------------------------------------------


@dataclass(frozen=True)
class ImportField:
    key: str
    label_id: str  # msgid; `label` translates it

    @property
    def label(self) -> str:
        return _(self.label_id)


FIELDS: tuple[ImportField, ...] = (
    ImportField("full_name", N_("Họ và tên")),
    ImportField("family_name", N_("Họ và tên đệm (khi tên tách riêng cột)")),
    ImportField("birth_date", N_("Ngày sinh")),
    ImportField("gender", N_("Giới tính")),
    ImportField("ethnicity", N_("Dân tộc")),
    ImportField("position", N_("Chức vụ")),
    ImportField("department", N_("Phòng, ban, bộ phận")),
    ImportField("group", N_("Đối tượng")),
    ImportField("hired_on", N_("Ngày vào làm")),
    ImportField("phone", N_("Điện thoại")),
    ImportField("national_id", N_("Số CCCD/CMND")),
    ImportField("rating", N_("Xếp loại")),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
_FIELD_LABEL = {f.key: f for f in FIELDS}

# Folded header texts. A header equal to a synonym is a sure match; a header containing one as
# whole words ("Ngày sinh (ngày/tháng/năm)") is a weaker one. "tên" alone is exact-only, since
# so many headers contain it ("Tên đơn vị").
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": ("ho va ten", "ho ten", "ho va ten can bo", "ten", "ho va ten khai sinh"),
    "family_name": ("ho va ten dem", "ho dem", "ho va dem", "ho"),
    "birth_date": ("ngay sinh", "nam sinh", "ngay thang nam sinh", "sinh ngay"),
    "gender": ("gioi tinh", "gioi", "phai"),
    "ethnicity": ("dan toc",),
    "position": ("chuc vu", "chuc danh", "chuc vu chuc danh"),
    "department": ("phong ban", "don vi", "bo phan", "phong", "don vi cong tac", "to"),
    "group": ("doi tuong", "loai doi tuong"),
    "hired_on": ("ngay vao lam", "ngay tuyen dung", "ngay vao co quan", "ngay bat dau cong tac",
                 "ngay vao nganh"),
    "phone": ("dien thoai", "sdt", "so dien thoai", "dt", "di dong"),
    "national_id": ("cccd", "so dinh danh", "cmnd", "so cccd", "can cuoc", "so cmnd",
                    "so dinh danh ca nhan", "cccd cmnd", "so cccd cmnd"),
    "rating": ("xep loai", "ket qua xep loai", "danh gia xep loai", "xep loai chat luong"),
}
_EXACT_ONLY = {"ten", "ho", "phong", "to", "dt", "gioi"}
_PUNCT = re.compile(r"[^0-9a-z]+")
_YEAR_IN_HEADER = re.compile(r"\b(19[4-9]\d|20\d\d|2100)\b")


def _header_key(text: object) -> str:
    return " ".join(_PUNCT.split(fold(clean(str(text) if text is not None else "")))).strip()


# ---- reading the file ------------------------------------------------------------------------


@dataclass(frozen=True)
class RawRow:
    number: int  # 1-based row number in the sheet, as Excel shows it
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class RawTable:
    source_name: str
    sha256: str
    sheet_names: tuple[str, ...]  # empty for CSV
    sheet: str  # the sheet read ('' for CSV)
    header_row: int  # 1-based; 0 when no header row was found
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    delimiter: str = ""  # CSV only

    def column_label(self, index: int) -> str:
        """“C (Ngày sinh)”: the column letter the officer sees, and its header."""
        letter = column_letter(index)
        header = self.headers[index] if index < len(self.headers) else ""
        return f"{letter} ({header})" if header else letter


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_table(path: Path, sheet: str | None = None, *, sheet_may_be_gone: bool = False
               ) -> RawTable:
    """Read an .xlsx (first non-empty sheet, or `sheet`) or a UTF-8 .csv.

    `sheet_may_be_gone`: when reloading a corrected file whose sheet was renamed, read the
    first non-empty sheet instead of refusing.

    Raises UserError, in Vietnamese, for anything else: an old .xls, a password-protected
    workbook, a CSV in another encoding (Windows-1258, ANSI), an empty file, more than
    MAX_ROWS data rows.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(
            _("Tệp “{name}” là định dạng Excel 97–2003 (.xls), phần mềm chưa đọc được.")
            .format(name=name),
            _("Hãy mở tệp trong Excel, chọn Lưu thành (Save As) → “Sổ làm việc Excel (*.xlsx)” "
              "rồi nhập lại tệp .xlsx."))
    if suffix not in (*_EXCEL_SUFFIXES, ".csv"):
        raise UserError(
            _("Không nhập được tệp “{name}”: chỉ nhận bảng tính Excel (.xlsx) hoặc tệp CSV.")
            .format(name=name),
            _("Hãy lưu danh sách thành .xlsx hoặc “CSV UTF-8” rồi chọn lại."))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(_("Tệp “{name}” quá lớn ({mb} MB) để nhập một lần.")
                            .format(name=name, mb=size // (1024 * 1024)),
                            _("Hãy chia danh sách thành nhiều tệp nhỏ hơn."))
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(_("Không tìm thấy tệp “{name}”.").format(name=name),
                        _("Tệp có thể đã bị chuyển hoặc đổi tên; hãy chọn lại.")) from exc
    except OSError as exc:
        raise UserError(_("Không mở được tệp “{name}”.").format(name=name),
                        _("Nếu tệp đang mở trong Excel, hãy đóng lại rồi thử lại; hoặc kiểm tra "
                          "quyền đọc tệp.")) from exc
    if not data.strip():
        raise UserError(_("Tệp “{name}” trống, không có dòng nào để nhập.").format(name=name))
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(_OLE_MAGIC):
        raise UserError(
            _("Tệp “{name}” được đặt mật khẩu hoặc là định dạng Excel cũ (.xls), "
              "phần mềm không đọc được.").format(name=name),
            _("Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) và "
              "lưu thành .xlsx rồi nhập lại."))
    if data.startswith(_ZIP_MAGIC):
        sheet_names, chosen, grid = _read_xlsx(data, name, sheet, sheet_may_be_gone)
        delimiter = ""
    elif suffix in _EXCEL_SUFFIXES:
        raise UserError(_("Tệp “{name}” không phải bảng tính Excel hợp lệ (tệp hỏng hoặc sai "
                          "đuôi).").format(name=name),
                        _("Hãy mở tệp trong Excel và lưu lại thành .xlsx."))
    else:
        text = _decode_csv(data, name)
        delimiter = _sniff_delimiter(text)
        sheet_names, chosen = (), ""
        try:
            grid = _limited(enumerate(csv.reader(io.StringIO(text, newline=""),
                                                 delimiter=delimiter), start=1), name)
        except csv.Error as exc:
            raise UserError(_("Tệp CSV “{name}” bị lỗi định dạng ({why}).")
                            .format(name=name, why=exc),
                            _("Hãy mở tệp trong Excel và lưu lại thành .xlsx.")) from exc
    return _table(name, digest, sheet_names, chosen, grid, delimiter)


def _limited(rows: Iterable[tuple[int, Sequence[Any]]], name: str
             ) -> list[tuple[int, tuple[Any, ...]]]:
    """Non-empty rows with their numbers; refuses more than MAX_ROWS (plus a title block)."""
    kept: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in rows:
        trimmed = _trim(cells)
        if not trimmed:
            continue
        kept.append((number, trimmed))
        if len(kept) > MAX_ROWS + HEADER_SCAN_ROWS:
            raise UserError(
                _("Tệp “{name}” có hơn {n} dòng, quá nhiều để nhập một lần.")
                .format(name=name, n=f"{MAX_ROWS:,}".replace(",", ".")),
                _("Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt."))
    return kept


def _trim(cells: Sequence[Any]) -> tuple[Any, ...]:
    values = [None if isinstance(c, str) and not c.strip() else c for c in cells]
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def _read_xlsx(data: bytes, name: str, sheet: str | None, sheet_may_be_gone: bool
               ) -> tuple[tuple[str, ...], str, list[tuple[int, tuple[Any, ...]]]]:
    import openpyxl  # only imports need it; keeps start-up light
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            AttributeError, SyntaxError, OSError) as exc:  # openpyxl's ways of failing on
        # a damaged or unusual file; SyntaxError is xml.etree's ParseError
        raise UserError(_("Không đọc được bảng tính “{name}”: tệp hỏng hoặc không đúng định "
                          "dạng .xlsx.").format(name=name),
                        _("Hãy mở tệp trong Excel và lưu lại thành .xlsx.")) from exc
    try:
        sheets = {ws.title: ws for ws in book.worksheets}  # chart sheets have no cells
        names = tuple(sheets)
        if sheet is not None and sheet not in names and sheet_may_be_gone:
            sheet = None
        if sheet is not None and sheet not in names:
            raise UserError(_("Bảng tính “{name}” không có trang “{sheet}”.")
                            .format(name=name, sheet=sheet))
        for candidate in ([sheet] if sheet is not None else list(names)):
            ws = sheets[candidate]
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # some programs write a wrong size; read what is there
            try:
                grid = _limited(enumerate(ws.iter_rows(values_only=True), start=1), name)
            except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OverflowError,
                    SyntaxError) as exc:  # SyntaxError: xml.etree's ParseError
                raise UserError(
                    _("Trang “{sheet}” của bảng tính “{name}” bị hỏng, không đọc hết được.")
                    .format(sheet=candidate, name=name),
                    _("Hãy mở tệp trong Excel và lưu lại thành .xlsx.")) from exc
            if grid:
                return names, candidate, grid
        if sheet is not None:
            raise UserError(_("Trang “{sheet}” của bảng tính “{name}” không có dữ liệu.")
                            .format(sheet=sheet, name=name),
                            _("Hãy chọn trang khác."))
        raise UserError(_("Bảng tính “{name}” không có dữ liệu ở trang nào.").format(name=name))
    finally:
        book.close()


def _decode_csv(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UserError(
                _("Tệp “{name}” được lưu ở mã UTF-16 (“Unicode Text”), phần mềm chỉ đọc CSV "
                  "mã UTF-8.").format(name=name),
                _("Trong Excel chọn Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)” rồi "
                  "nhập lại."))
        raise UserError(_("Tệp “{name}” không phải tệp văn bản CSV.").format(name=name),
                        _("Hãy chọn tệp .xlsx hoặc .csv xuất từ Excel."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            _("Tệp “{name}” không phải mã UTF-8 (có thể là Windows-1258 hoặc ANSI), nên chữ "
              "tiếng Việt sẽ bị sai. Chưa nhập gì.").format(name=name),
            _("Trong Excel chọn Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)”, hoặc lưu "
              "thành .xlsx, rồi nhập lại.")) from exc


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the most lines into the same width.

    Excel pads every line to the table's width, so the right delimiter gives many equally
    wide rows, while a comma inside a title ("DANH SÁCH CÁN BỘ, CÔNG CHỨC") gives few.
    """
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        widths = [len(_trim(r)) for r in csv.reader(lines, delimiter=delimiter)]
        counts = Counter(w for w in widths if w >= 2)
        if not counts:
            continue
        width, often = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = (often, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _table(name: str, digest: str, sheet_names: tuple[str, ...], sheet: str,
           grid: list[tuple[int, tuple[Any, ...]]], delimiter: str) -> RawTable:
    if not grid:
        raise UserError(_("Tệp “{name}” không có dòng nào để nhập.").format(name=name))
    header_at = _find_header(grid)
    if header_at is None:
        raise UserError(
            _("Không tìm thấy dòng tiêu đề cột trong tệp “{name}”.").format(name=name),
            _("Dòng tiêu đề cần có ít nhất hai cột, ví dụ “Họ và tên”, “Ngày sinh”."))
    header_number, header_cells = grid[header_at]
    headers = tuple(clean(_as_text(c)) for c in header_cells)
    body = grid[header_at + 1:]
    if body and _is_numbering_row(body[0][1]):
        body = body[1:]  # the "(1) (2) (3)" line under the headers of official tables
    if len(body) > MAX_ROWS:
        raise UserError(
            _("Tệp “{name}” có {n} dòng dữ liệu, quá {max} dòng nhập được một lần.")
            .format(name=name, n=len(body), max=MAX_ROWS),
            _("Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt."))
    if not body:
        raise UserError(_("Tệp “{name}” chỉ có dòng tiêu đề, chưa có người nào.")
                        .format(name=name))
    width = max(len(headers), *(len(c) for _, c in body))
    headers = headers + ("",) * (width - len(headers))
    return RawTable(name, digest, sheet_names, sheet, header_number, headers,
                    tuple(RawRow(n, c) for n, c in body), delimiter)


def _filled(cells: Sequence[Any]) -> int:
    return sum(1 for c in cells if c is not None and clean(_as_text(c)))


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
        if sum(1 for c in cells if _match_header(_header_key(c)) is not None) >= 2:
            return i
    return first_wide


def _is_numbering_row(cells: Sequence[Any]) -> bool:
    texts = [clean(_as_text(c)) for c in cells if c is not None and clean(_as_text(c))]
    return len(texts) >= 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts)


# ---- guessing the mapping --------------------------------------------------------------------


def _match_header(key: str) -> tuple[str, int, int] | None:
    """(field, strength, synonym length) for one folded header, or None."""
    if not key:
        return None
    best: tuple[str, int, int] | None = None
    padded = f" {key} "
    for target, synonyms in _SYNONYMS.items():
        for syn in synonyms:
            if key == syn:
                score = (target, 2, len(syn))
            elif syn not in _EXACT_ONLY and f" {syn} " in padded:
                score = (target, 1, len(syn))
            else:
                continue
            if best is None or score[1:] > best[1:]:
                best = score
    return best


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field key → column index, from the header texts. Each column feeds at most one field."""
    candidates = []
    for index, header in enumerate(headers):
        match = _match_header(_header_key(header))
        if match is not None:
            target, strength, length = match
            candidates.append((strength, length, -index, target, index))
    mapping: dict[str, int] = {}
    for _s, _l, _i, target, index in sorted(candidates, reverse=True):
        if target not in mapping and index not in mapping.values():
            mapping[target] = index
    if "family_name" in mapping and "full_name" not in mapping:
        mapping["full_name"] = mapping.pop("family_name")
    return mapping


def guess_rating_year(headers: Sequence[str], mapping: Mapping[str, int]) -> int | None:
    """The year written in the rating column's header ("Xếp loại năm 2025"), if any."""
    index = mapping.get("rating")
    if index is None or index >= len(headers):
        return None
    m = _YEAR_IN_HEADER.search(clean(headers[index]))
    return int(m.group(1)) if m else None


# ---- converting and checking rows ------------------------------------------------------------


@dataclass(frozen=True)
class ImportOptions:
    today: date
    rating_year: int | None = None  # the year the "xếp loại" column is for


@dataclass(frozen=True)
class RowProblem:
    row: int  # sheet row number
    column: str  # "C (Ngày sinh)", or "" for the whole row
    message: str
    field: str = ""  # the import field (FIELDS key) the problem is about, if any

    def text(self) -> str:
        if self.column:
            return _("Dòng {row}, cột {col}: {msg}").format(row=self.row, col=self.column,
                                                           msg=self.message)
        return _("Dòng {row}: {msg}").format(row=self.row, msg=self.message)


@dataclass(frozen=True)
class PreviewRow:
    row: int
    values: dict[str, str]  # field key → the value as it will be saved (display form)
    person: Person
    year_record: YearRecord | None
    problems: tuple[RowProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportPreview:
    source_name: str
    sha256: str
    sheet: str
    rating_year: int | None
    rows: tuple[PreviewRow, ...]
    skipped_rows: tuple[int, ...] = ()  # rows with nothing in any chosen column
    mapping: dict[str, int] = field(default_factory=dict)

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def valid_count(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if not r.ok)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    def problems_text(self) -> str:
        return "\n".join(p.text() for p in self.problems)


def _as_text(value: Any) -> str:
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
    """A cell as the officer reads it (dates dd/mm/yyyy, 1985.0 as 1985)."""
    return clean(_as_text(value))


_TIME_TAIL = re.compile(r"^(\S+)\s+0{1,2}:00(:00)?$")


def _to_date(value: Any, label: str) -> tuple[date | None, str | None]:
    """A date cell, or text dd/mm/yyyy. Returns (date, None) or (None, reason).

    A bare year (an Excel number such as 1985, or the text "1985") is refused rather than
    stored as 01/01/1985: that invented day and month would be printed in dossiers as if it
    were known. The officer is asked to write the full date.
    """
    if value is None or (isinstance(value, str) and not clean(value)):
        return None, None
    if isinstance(value, datetime | date):
        return parse_date(value, label), None
    text = clean(_as_text(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        if re.fullmatch(r"\d{4}", text):
            return None, _year_only(text)
        return None, _("“{v}” là một con số, không phải ngày; hãy định dạng ô là ngày hoặc ghi "
                       "ngày/tháng/năm.").format(v=text)
    if re.fullmatch(r"\d{4}", text):
        return None, _year_only(text)
    m = _TIME_TAIL.match(text)
    if m:  # "1990-03-05 00:00:00", how some programs write a date cell into CSV
        text = m.group(1)
    try:
        return parse_date(text, label), None
    except UserError as exc:
        return None, exc.message


def _year_only(text: str) -> str:
    return _("chỉ có năm {y}; cần ghi đủ ngày/tháng/năm (ví dụ 05/03/{y}) để không ghi sai "
             "ngày vào hồ sơ, hoặc bỏ ghép cột này ở bước “Ghép cột” để nhập mà chưa có ngày."
             ).format(y=text)


_GENDERS = {"nam": Gender.NAM, "male": Gender.NAM, "trai": Gender.NAM,
            "nu": Gender.NU, "female": Gender.NU, "gai": Gender.NU}

_RATINGS: dict[str, Rating] = {}
for _rating, _words in {
    Rating.HTXS: ("htxs", "htxsnv", "hoan thanh xuat sac nhiem vu", "hoan thanh xuat sac",
                  "xuat sac"),
    Rating.HTT: ("htt", "httnv", "hoan thanh tot nhiem vu", "hoan thanh tot", "tot"),
    Rating.HT: ("ht", "htnv", "hoan thanh nhiem vu", "hoan thanh"),
    Rating.KHT: ("kht", "khtnv", "khong hoan thanh nhiem vu", "khong hoan thanh"),
}.items():
    for _w in _words:
        _RATINGS[_w] = _rating

_GROUPS: dict[str, SubjectGroup] = {}
for _group, _words in {
    SubjectGroup.CBCCVC: ("cbccvc", "can bo cong chuc vien chuc", "can bo", "cong chuc",
                          "vien chuc", "can bo cong chuc", "cong chuc vien chuc"),
    SubjectGroup.NGUOI_LAO_DONG: ("nguoi lao dong", "nld", "lao dong", "hop dong",
                                  "lao dong hop dong"),
    SubjectGroup.CONG_NHAN_NONG_DAN: ("cong nhan nong dan nguoi lao dong truc tiep",
                                      "cong nhan", "nong dan", "lao dong truc tiep",
                                      "cong nhan nong dan"),
    SubjectGroup.VU_TRANG: ("luc luong vu trang", "llvt", "vu trang", "quan doi", "cong an",
                            "dan quan"),
}.items():
    for _w in _words:
        _GROUPS[_w] = _group
for _g in SubjectGroup:
    _GROUPS[_g.value.replace("_", " ")] = _g


def _digits_from_number(value: Any, lengths: dict[int, int]) -> str:
    """An Excel number cell has lost its leading zeros; put them back when the length tells.

    `lengths`: length seen → length it must have. A CCCD starts with a province code 001–096,
    so it may lose one or two zeros (10 or 11 → 12); a CMND 8 → 9; a phone 9 → 10.
    """
    text = _as_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and text.isdigit():
        want = lengths.get(len(text))
        if want:
            text = text.zfill(want)
    return clean(text)


class SamePeople:
    """Who is already saved, by (folded name, birth date): the rule of
    `store.registry.find_same_person`, read in one pass.

    Asking find_same_person once per row would scan the people table once per row (it has no
    index on the folded name): 50,000 rows against 50,000 people took minutes. One read of
    (id, name_folded, birth_date) takes a fraction of a second.
    """

    def __init__(self, store: Store) -> None:
        self._ids: dict[tuple[str, str | None], list[int]] = {}
        for pid, folded, birth in store.db.execute(
                "SELECT id, name_folded, birth_date FROM people ORDER BY id"):
            self._ids.setdefault((folded, birth), []).append(pid)

    def of(self, person: Person) -> list[int]:
        birth = person.birth_date.isoformat() if person.birth_date else None
        return list(self._ids.get((fold(clean(person.full_name)), birth), ()))


def preview(store: Store, catalog: Catalog, table: RawTable, mapping: Mapping[str, int],
            options: ImportOptions) -> ImportPreview:
    """Convert and check every row; nothing is written. Every problem is listed."""
    mapping = {k: v for k, v in mapping.items() if v is not None and v >= 0}
    unknown = set(mapping) - set(FIELD_KEYS)
    if unknown:
        raise ValueError(f"unknown import fields {sorted(unknown)}")
    if "full_name" not in mapping:
        raise UserError(_("Chưa chọn cột “Họ và tên”."),
                        _("Hãy chọn cột chứa họ và tên ở bước ghép cột."))
    used = Counter(mapping.values())
    twice = [i for i, n in used.items() if n > 1]
    if twice:
        raise UserError(_("Cột {col} được chọn cho hai trường.").format(
            col=table.column_label(twice[0])), _("Mỗi cột chỉ ghép với một trường."))
    year = options.rating_year
    if "rating" in mapping:
        if year is None:
            raise UserError(_("Chưa chọn năm cho cột xếp loại."),
                            _("Hãy chọn năm mà cột “Xếp loại” ghi kết quả."))
        if not 1945 <= year <= options.today.year:
            raise UserError(_("Năm xếp loại {y} không hợp lệ.").format(y=year))

    in_store = SamePeople(store)
    seen: dict[tuple[str, date | None], int] = {}
    rows: list[PreviewRow] = []
    skipped: list[int] = []
    for raw in table.rows:
        cells = {k: (raw.cells[i] if i < len(raw.cells) else None) for k, i in mapping.items()}
        texts = {k: clean(_as_text(c)) for k, c in cells.items()}
        if not any(texts.values()):
            skipped.append(raw.number)
            continue
        row = _convert(raw.number, cells, texts, mapping, table, options, catalog)
        problems = list(row.problems)
        person = row.person
        key = (fold(clean(person.full_name)), person.birth_date)
        has_date_problem = any(p.field == "birth_date" for p in problems)
        if key[0] and not has_date_problem:
            first = seen.get(key)
            if first is not None:
                problems.append(RowProblem(raw.number, _col(table, mapping, "full_name"),
                                           _("trùng người ở dòng {r} (cùng họ tên và ngày "
                                             "sinh).").format(r=first), "full_name"))
            else:
                seen[key] = raw.number
                same = in_store.of(person)
                if same:
                    problems.append(RowProblem(
                        raw.number, _col(table, mapping, "full_name"),
                        _("đã có người cùng họ tên và ngày sinh trong danh sách (mã {id})."
                          ).format(id=same[0]), "full_name"))
        rows.append(replace(row, problems=tuple(problems)))
    if not rows:
        raise UserError(_("Các cột đã chọn không có dữ liệu ở dòng nào."),
                        _("Hãy kiểm tra lại bước ghép cột."))
    return ImportPreview(table.source_name, table.sha256, table.sheet,
                         year if "rating" in mapping else None, tuple(rows), tuple(skipped),
                         dict(mapping))


def _col(table: RawTable, mapping: Mapping[str, int], key: str) -> str:
    index = mapping.get(key)
    return table.column_label(index) if index is not None else ""


def _convert(number: int, cells: Mapping[str, Any], texts: Mapping[str, str],
             mapping: Mapping[str, int], table: RawTable, options: ImportOptions,
             catalog: Catalog) -> PreviewRow:
    problems: list[RowProblem] = []
    values: dict[str, str] = {}

    def problem(key: str, message: str) -> None:
        problems.append(RowProblem(number, _col(table, mapping, key), message, key))

    def text(key: str) -> str:
        return texts.get(key, "")

    name = text("full_name")
    if "family_name" in mapping:
        name = clean(f"{text('family_name')} {name}")
    values["full_name"] = name

    dates: dict[str, date | None] = {}
    for key in ("birth_date", "hired_on"):
        value, why = _to_date(cells.get(key), _FIELD_LABEL[key].label)
        dates[key] = value
        values[key] = format_date(value) if value else text(key)
        if why:
            problem(key, why)

    gender = None
    if text("gender"):
        gender = _GENDERS.get(_header_key(text("gender")))
        if gender is None:
            problem("gender", _("giới tính “{v}” không rõ; hãy ghi Nam hoặc Nữ.")
                    .format(v=text("gender")))
    values["gender"] = gender.label if gender else text("gender")

    group = SubjectGroup.CBCCVC  # the model's default, as in the person editor
    values["group"] = group.label
    if text("group"):
        found = _GROUPS.get(_header_key(text("group")))
        values["group"] = found.label if found else text("group")
        if found is None:
            problem("group", _("đối tượng “{v}” không rõ; hãy ghi “Cán bộ, công chức, viên "
                               "chức”, “Người lao động”, “Công nhân, nông dân” hoặc “Lực "
                               "lượng vũ trang”.").format(v=text("group")))
        else:
            group = found

    phone = _digits_from_number(cells.get("phone"), {9: 10})
    national_id = _digits_from_number(cells.get("national_id"), {10: 12, 11: 12, 8: 9})
    # An empty "Dân tộc" or "Đối tượng" cell gets the model's default (Kinh; cán bộ, công
    # chức, viên chức), as a new person does in the editor; the preview shows what is saved.
    ethnicity = text("ethnicity") or Person(None, "").ethnicity
    values.update(phone=phone, national_id=national_id, ethnicity=ethnicity,
                  position=text("position"), department=text("department"))
    person = Person(None, name, birth_date=dates["birth_date"], gender=gender,
                    ethnicity=ethnicity,
                    position=text("position"), department=text("department"), group=group,
                    hired_on=dates["hired_on"], phone=phone, national_id=national_id)

    record = None
    if text("rating") and options.rating_year is not None:
        rating = _RATINGS.get(_header_key(text("rating")))
        if rating is None:
            problem("rating", _("xếp loại “{v}” không rõ; hãy ghi HTXSNV, HTTNV, HTNV, KHTNV "
                                "hoặc ghi đủ chữ (ví dụ “Hoàn thành tốt nhiệm vụ”).")
                    .format(v=text("rating")))
        else:
            record = YearRecord(year=options.rating_year, rating=rating)
            values["rating"] = rating.label
    values.setdefault("rating", text("rating"))

    checks: list[Problem] = validate_person(person, options.today)
    if record is not None:
        checks += validate_history(History(years=(record,)), catalog, "individual")
    for p in checks:
        key = p.field if p.field in mapping else ("rating" if p.field == "years" else "")
        if key == "full_name" and not name:
            problems.append(RowProblem(number, _col(table, mapping, "full_name"),
                                       _("thiếu họ và tên."), "full_name"))
            continue
        message = p.message[:1].lower() + p.message[1:]
        problems.append(RowProblem(number, _col(table, mapping, key) if key else "", message,
                                   key))
    return PreviewRow(number, values, person, record, tuple(problems))


# ---- writing ---------------------------------------------------------------------------------


def commit_import(store: Store, catalog: Catalog, preview: ImportPreview, actor: str,
                  source_name: str) -> tuple[int, Changes]:
    """Write every row of a clean preview in one transaction, or nothing at all."""
    if not preview.rows:
        raise UserError(_("Không có dòng nào để nhập."))
    if not preview.ok:
        raise ValidationError(
            [Problem("import.row_invalid", str(p.row), p.text()) for p in preview.problems],
            _("Tệp còn {n} dòng lỗi nên chưa nhập gì. Hãy sửa tệp rồi tải lại.")
            .format(n=preview.error_count))
    ids: list[int] = []
    with store.write() as db:
        # Checked again inside the transaction: someone may have added a person since the
        # preview was made.
        clashes = []
        in_store = SamePeople(store)
        for row in preview.rows:
            same = in_store.of(row.person)
            if same:
                clashes.append(Problem("import.duplicate",
                                       str(row.row), _("Dòng {r}: {name} đã có trong danh sách "
                                                       "(mã {id}).").format(
                    r=row.row, name=row.person.full_name, id=same[0])))
        if clashes:
            raise ValidationError(clashes)
        for row in preview.rows:
            pid = repo.insert_person(db, row.person)
            if row.year_record is not None:
                repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid),
                                 History(years=(row.year_record,)))
            ids.append(pid)
        repo.append_audit(
            db, actor, "import", "people", None,
            _("Nhập {n} người từ tệp {name}").format(n=len(ids), name=source_name),
            {"file": source_name, "sha256": preview.sha256, "rows": len(ids),
             "sheet": preview.sheet, "rating_year": preview.rating_year,
             "mapping": preview.mapping})
    return len(ids), Changes(people=frozenset(ids), bulk=True)
