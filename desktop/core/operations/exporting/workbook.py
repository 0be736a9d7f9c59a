"""Writing a list to .xlsx the way officers expect to open it in Excel.

Above the table: the unit's name, the list's title and the export date (and what the list
was filtered on). Then a bold, wrapped header row that stays frozen while scrolling and is
repeated on every printed page; columns wide enough for their content; dates as real Excel
dates (dd/mm/yyyy), numbers as numbers; landscape A4 fitted to the page width.

openpyxl's write-only mode streams rows to the file, so 100,000 people never sit in memory
as cells. The file is written beside its target and renamed over it only when complete.
Text is never taken as a formula (a name starting with "=" stays a name: data comes from
outside and is hostile until checked).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.core.errors import UserError
from desktop.core.files import atomic_path
from desktop.core.i18n import _
from desktop.core.text import clean, format_date

Kind = Literal["text", "int", "date", "percent"]
Progress = Callable[[int, int], None]

DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0%"
HEADER_ROW = 4            # rows 1–3: unit, title, export date and filter
FIT_SAMPLE = 300          # rows read ahead to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 50
CELL_LIMIT = 32_767       # Excel's longest cell text
PROGRESS_EVERY = 500
APP_NAME = "Hồ sơ Khen thưởng"
PAPER_A4 = 9              # SpreadsheetML paperSize code
LINE_HEIGHT = 15          # points per line of 11-point text

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_THIN = Side(style="thin", color="8A8A8A")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"
    width: int = 0        # characters; 0 fits the content (FIT_SAMPLE rows)


@dataclass
class Sheet:
    """One table: `rows` may be a generator (streamed); `total` is for progress only."""

    name: str
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    note: str = ""
    total: int = 0
    numbered: bool = True                       # a first "STT" column, 1, 2, 3…
    footer: Sequence[Sequence[Any]] = field(default_factory=tuple)  # bold rows (totals)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int                          # data rows of the first (main) sheet
    sheets: tuple[tuple[str, int], ...]  # every sheet and its data rows


def check_destination(dest: Path) -> Path:
    if dest.suffix.lower() != ".xlsx":
        raise UserError(_("Tệp xuất phải có đuôi .xlsx: {name}").format(name=dest.name),
                        _("Hãy đặt tên tệp kết thúc bằng .xlsx (Excel)."),
                        code="export.not_xlsx")
    return dest


def suggested_file_name(list_name: str, unit_name: str, today: date, extra: str = "") -> str:
    """`DanhSachCaNhan_UBNDXaThanhSon_2026-11-23.xlsx`: ASCII, so it survives e-mail and USB
    sticks formatted on any system."""
    def camel(text: str) -> str:
        plain = "".join(ch for ch in unicodedata.normalize("NFD", clean(text))
                        if unicodedata.category(ch) != "Mn").replace("đ", "d").replace("Đ", "D")
        words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in plain).split()
        return "".join(w[:1].upper() + w[1:] for w in words)

    parts = [camel(list_name), camel(unit_name)[:40], camel(extra)[:30],
             today.isoformat()]
    return "_".join(p for p in parts if p) + ".xlsx"


def write_workbook(dest: Path, sheets: Sequence[Sheet], *, unit_name: str, today: date,
                   progress: Progress | None = None) -> ExportResult:
    """Write `sheets` to `dest` (.xlsx) atomically; UserError if the file cannot be written."""
    check_destination(dest)
    book = Workbook(write_only=True)
    book.properties.creator = APP_NAME
    book.properties.title = sheets[0].title if sheets else ""
    total = sum(s.total for s in sheets)
    counted: list[tuple[str, int]] = []
    done = 0
    for sheet in sheets:
        ws = book.create_sheet(_sheet_name(sheet.name, [n for n, _r in counted]))
        written = 0
        for written in _write_sheet(ws, sheet, unit_name, today):
            if progress is not None and written % PROGRESS_EVERY == 0:
                progress(done + written, max(total, done + written))
        done += written
        counted.append((ws.title, written))
    try:
        # names, birth dates, ratings: personal data, readable by the officer only (POSIX)
        with atomic_path(dest, mode=0o600) as tmp:
            book.save(tmp)
    except OSError as exc:
        raise UserError(_("Không ghi được tệp {name}: {why}").format(
            name=dest.name, why=exc.strerror or exc),
            _("Nếu tệp đang mở trong Excel, hãy đóng nó rồi xuất lại; hoặc chọn thư mục "
              "khác."), code="export.write_failed") from exc
    if progress is not None:
        progress(done, max(total, done))
    return ExportResult(dest, counted[0][1] if counted else 0, tuple(counted))


def _sheet_name(wanted: str, taken: list[str]) -> str:
    """Excel's rules: ≤ 31 characters, none of []:*?/\\ and unique in the workbook."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in clean(wanted))[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return name


def _write_sheet(ws: WriteOnlyWorksheet, sheet: Sheet, unit_name: str, today: date
                 ) -> Iterator[int]:
    """Write one sheet; yields the number of data rows written so far (for progress)."""
    number = [Column(_("STT"), "int", 5)] if sheet.numbered else []
    columns = number + list(sheet.columns)
    rows = iter(sheet.rows)
    ahead = list(itertools.islice(rows, FIT_SAMPLE))
    for index, column in enumerate(columns):
        sample = [r[index - len(number)] for r in ahead] if index >= len(number) else []
        ws.column_dimensions[get_column_letter(index + 1)].width = _width(column, sample)
    last_col = get_column_letter(len(columns))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    note = _("Ngày xuất: {d}").format(d=format_date(today))
    if sheet.note:
        note = f"{note} – {sheet.note}"
    # Excel does not grow a row for wrapped text written by a program: size the header.
    widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(len(columns))]
    lines = max((_wrapped_lines(c.header, w) for c, w in zip(columns, widths, strict=True)),
                default=1)
    ws.row_dimensions[2].height = 20
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * lines + 4
    ws.append([_cell(ws, clean(unit_name), font=_BOLD)])
    ws.append([_cell(ws, sheet.title, font=_TITLE)])
    ws.append([_cell(ws, note)])
    ws.append([_cell(ws, c.header, font=_BOLD, fill=_HEADER_FILL, border=_HEADER_BORDER,
                     alignment=_HEADER_ALIGN) for c in columns])
    written = 0
    for row in itertools.chain(ahead, rows):
        written += 1
        values = [written, *row] if sheet.numbered else list(row)
        ws.append([_value_cell(ws, v, c.kind) for v, c in zip(values, columns, strict=True)])
        yield written
    for row in sheet.footer:
        values = ["", *row] if sheet.numbered else list(row)
        ws.append([_value_cell(ws, v, c.kind, bold=True)
                   for v, c in zip(values, columns, strict=True)])
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{HEADER_ROW + max(written, 1)}"
    yield written


def _width(column: Column, sample: Sequence[Any]) -> float:
    if column.width:
        return column.width
    # the header on at most two lines, its longest word whole, the longest value on one
    longest_word = max((len(w) for w in column.header.split()), default=0)
    half_header = (len(column.header) + 1) // 2
    longest_value = max((len(_shown(v, column.kind)) for v in sample), default=0)
    return float(min(max(longest_word + 2, half_header + 2, longest_value + 2, MIN_WIDTH),
                     MAX_WIDTH))


def _wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes when Excel wraps it at word boundaries in a column of `width`."""
    room = max(int(width) - 1, 1)
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _shown(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if kind == "date":
        return "00/00/0000"
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:.0%}"
    return str(value)


def _cell(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"   # never a formula, whatever the text starts with
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _value_cell(ws: WriteOnlyWorksheet, value: Any, kind: Kind, bold: bool = False) -> Any:
    """A plain value where Excel's defaults do (cheap: openpyxl turns a styled cell passed
    to append() into an exception and a repr), a styled cell for dates, percentages, bold
    rows and text that Excel would otherwise take for a formula."""
    style: dict[str, Any] = {"font": _BOLD} if bold else {}
    if value is None or value == "":
        return _cell(ws, None, **style) if bold else None
    if kind == "date" and isinstance(value, date | datetime):
        return _cell(ws, value, number_format=DATE_FORMAT, **style)
    if kind == "percent" and isinstance(value, int | float):
        return _cell(ws, value, number_format=PERCENT_FORMAT, **style)
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return _cell(ws, value, **style) if bold else value
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():  # control characters are refused by the XML; tabs, breaks go
        text = clean(ILLEGAL_CHARACTERS_RE.sub("", text))
    text = text[:CELL_LIMIT]
    if bold or text.startswith("="):
        return _cell(ws, text, **style)   # _cell marks text as text, never a formula
    return text
