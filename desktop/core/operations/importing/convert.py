"""One row of the file into a Person (and a year's rating), with every problem of the row.

Each cell first passes the character rules of characters.py (with the policy of its field's
kind), then its kind's parser. A problem names the row, the column and a stable code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Gender, Rating, SubjectGroup
from desktop.core.operations.importing import characters
from desktop.core.operations.importing.fields import (
    BY_KEY,
    GENDERS,
    GROUPS,
    RATINGS,
    ImportField,
    Kind,
    word_key,
)
from desktop.core.operations.importing.reading import as_text
from desktop.core.text import clean, format_date, parse_date


@dataclass(frozen=True)
class RowProblem:
    row: int  # sheet row number
    column: str  # "C (Ngày sinh)", or "" for the whole row
    message: str
    field: str = ""  # the import field (FIELDS key) the problem is about, if any
    code: str = "import.row_invalid"

    def text(self) -> str:
        if self.column:
            return _("Dòng {row}, cột {col}: {msg}").format(row=self.row, col=self.column,
                                                           msg=self.message)
        return _("Dòng {row}: {msg}").format(row=self.row, msg=self.message)

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "field": self.field or None,
                "code": self.code, "message": self.message}


@dataclass
class Cell:
    """One field of one row, as converted: the value for the Person, and its display."""

    value: Any = None
    display: str = ""
    missing: bool = True  # no usable value in the file (unmapped, empty or refused)


class RowConverter:
    """Converts the cells of one row; collects problems (errors) and notices."""

    def __init__(self, number: int, column_of: Mapping[str, str]) -> None:
        self.number = number
        self._column_of = column_of
        self.problems: list[RowProblem] = []
        self.notices: list[RowProblem] = []

    def column_of(self, key: str) -> str:
        return self._column_of.get(key, "")

    def problem(self, key: str, code: str, message: str) -> None:
        self.problems.append(RowProblem(self.number, self._column_of.get(key, ""), message,
                                        key, code))

    def convert(self, f: ImportField, raw: Any) -> Cell:
        text = as_text(raw) if not isinstance(raw, str) else raw
        checked = characters.check(text, f.kind.policy)
        for finding in checked.findings:
            target = self.problems if finding.refused else self.notices
            target.append(RowProblem(self.number, self._column_of.get(f.key, ""),
                                     finding.message, f.key, finding.code))
        if checked.refused:
            return Cell(None, clean(checked.text), True)
        text = clean(checked.text)
        if not text and not isinstance(raw, datetime | date):
            return Cell()
        if isinstance(raw, str):
            raw = checked.text
        parse = _PARSERS[f.kind]
        return parse(self, f, raw, text)


def _text(conv: RowConverter, f: ImportField, _raw: Any, text: str) -> Cell:
    if len(text) > f.max_length:
        conv.problem(f.key, "import.text_too_long",
                     _("dài {n} ký tự, quá {max} ký tự.").format(n=len(text), max=f.max_length))
        return Cell(None, text, True)
    if f.kind in (Kind.NAME, Kind.NAME_PART) and "?" in text:
        # Excel wrote "?" for each letter its code page has no room for: the name was lost
        # when the file was saved, and it is no longer in the file
        conv.problem(f.key, "import.name_lost_letters",
                     _("“{v}” có dấu “?” thay cho chữ: tệp đã mất chữ tiếng Việt khi lưu "
                       "(CSV không phải UTF-8). Hãy lưu lại từ bảng gốc thành CSV UTF-8 "
                       "hoặc .xlsx.").format(v=text))
        return Cell(None, text, True)
    return Cell(text, text, False)


_TIME_TAIL = re.compile(r"^(\S+)\s+0{1,2}:00(:00)?$")


def _date(conv: RowConverter, f: ImportField, raw: Any, text: str) -> Cell:
    """A date cell, or text dd/mm/yyyy.

    A bare year (an Excel number such as 1985, or the text "1985") is refused rather than
    stored as 01/01/1985: that invented day and month would be printed in dossiers as if it
    were known. The officer is asked to write the full date.
    """
    label = f.label
    if isinstance(raw, datetime | date):
        try:
            value = parse_date(raw, label)
        except (ValueError, OverflowError):
            value = None
        if value is not None:
            return Cell(value, format_date(value), False)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if re.fullmatch(r"\d{4}", text):
            conv.problem(f.key, "import.date_year_only", _year_only(text))
        else:
            conv.problem(f.key, "import.date_is_number",
                         _("“{v}” là một con số, không phải ngày; hãy định dạng ô là ngày hoặc "
                           "ghi ngày/tháng/năm.").format(v=text))
        return Cell(None, text, True)
    if re.fullmatch(r"\d{4}", text):
        conv.problem(f.key, "import.date_year_only", _year_only(text))
        return Cell(None, text, True)
    m = _TIME_TAIL.match(text)
    candidate = m.group(1) if m else text  # "1990-03-05 00:00:00" from some programs' CSV
    try:
        value = parse_date(candidate, label)
    except UserError as exc:
        conv.problem(f.key, "import.date_invalid", exc.message)
        return Cell(None, text, True)
    if value is None:
        return Cell()
    return Cell(value, format_date(value), False)


def _year_only(text: str) -> str:
    return _("chỉ có năm {y}; cần ghi đủ ngày/tháng/năm (ví dụ 05/03/{y}) để không ghi sai "
             "ngày vào hồ sơ, hoặc bỏ ghép cột này ở bước “Ghép cột” để nhập mà chưa có ngày."
             ).format(y=text)


def _gender(conv: RowConverter, f: ImportField, _raw: Any, text: str) -> Cell:
    gender: Gender | None = GENDERS.get(word_key(text))
    if gender is None:
        conv.problem(f.key, "import.gender_unknown",
                     _("giới tính “{v}” không rõ; hãy ghi Nam hoặc Nữ.").format(v=text))
        return Cell(None, text, True)
    return Cell(gender, gender.label, False)


def parse_group(text: str) -> SubjectGroup | None:
    return GROUPS.get(word_key(text))


def _group(conv: RowConverter, f: ImportField, _raw: Any, text: str) -> Cell:
    group = parse_group(text)
    if group is None:
        conv.problem(f.key, "import.group_unknown",
                     _("đối tượng “{v}” không rõ; hãy ghi “Cán bộ, công chức, viên chức”, "
                       "“Người lao động”, “Công nhân, nông dân” hoặc “Lực lượng vũ trang”.")
                     .format(v=text))
        return Cell(None, text, True)
    return Cell(group, group.label, False)


def _rating(conv: RowConverter, f: ImportField, _raw: Any, text: str) -> Cell:
    rating: Rating | None = RATINGS.get(word_key(text))
    if rating is None:
        conv.problem(f.key, "import.rating_unknown",
                     _("xếp loại “{v}” không rõ; hãy ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc ghi "
                       "đủ chữ (ví dụ “Hoàn thành tốt nhiệm vụ”).").format(v=text))
        return Cell(None, text, True)
    return Cell(rating, rating.label, False)


def _digits(conv: RowConverter, f: ImportField, raw: Any, text: str) -> Cell:
    """An Excel number cell has lost its leading zeros; put them back when the length
    tells (fields.py says which lengths)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool) and text.isdigit():
        want = dict(f.zero_fill).get(len(text))
        if want:
            text = text.zfill(want)
    if len(text) > f.max_length:
        conv.problem(f.key, "import.text_too_long",
                     _("dài {n} ký tự, quá {max} ký tự.").format(n=len(text), max=f.max_length))
        return Cell(None, text, True)
    return Cell(text, text, False)


_PARSERS = {Kind.NAME: _text, Kind.NAME_PART: _text, Kind.TEXT: _text, Kind.DATE: _date,
            Kind.GENDER: _gender, Kind.GROUP: _group, Kind.RATING: _rating,
            Kind.DIGITS: _digits}


def parse_default(key: str, value: str) -> tuple[Any, str] | None:
    """A value the officer chose for a whole file (`--default group=…`, the wizard's
    combo): (value for the Person, its display), or None when it is not a value of the
    field. Parsed by the same rules as a cell."""
    f = BY_KEY[key]
    checked = characters.check(value, characters.CharPolicy.STRICT)
    if checked.findings:
        return None
    text = clean(checked.text)
    if f.kind is Kind.GROUP:
        group = parse_group(text)
        return None if group is None else (group, group.label)
    if f.kind is Kind.TEXT:
        return None if len(text) > f.max_length else (text, text or _("(để trống)"))
    conv = RowConverter(0, {})
    cell = conv.convert(f, text)
    if conv.problems or cell.missing:
        return None
    return cell.value, cell.display
