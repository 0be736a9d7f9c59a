"""The rows of the ratings grid: every person of the unit, last year's rating read-only, this
year's rating and qualities ticks editable. Edits are kept apart from what is stored (so the
grid knows exactly what is unsaved, and a draft holds only that) until the officer saves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop.core.i18n import _
from desktop.core.model import Rating
from desktop.core.operations.ratings import RatingMarks, RatingRow
from desktop.core.text import clean, fold
from desktop.ui.unconfirmed import UNCONFIRMED, tick_tooltip, unconfirmed_text

NAME, BIRTH, UNIT, LAST, RATING, EXEMPLARY, SOLIDARITY, MOVEMENT = range(8)
TICK_COLUMNS = {EXEMPLARY: "exemplary", SOLIDARITY: "solidarity", MOVEMENT: "movement"}
EDITED = QColor("#fff4c2")
ON_HOLD = QColor("#8a5a00")
_Index = QModelIndex | QPersistentModelIndex
# The keys that set a rating where the officer is: the initial of the code, or its place in
# the list (best first).
RATING_KEYS = {"x": Rating.HTXS, "1": Rating.HTXS, "t": Rating.HTT, "2": Rating.HTT,
               "h": Rating.HT, "3": Rating.HT, "k": Rating.KHT, "4": Rating.KHT}
_STATE = {True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked,
          None: Qt.CheckState.PartiallyChecked}
_TICK = {Qt.CheckState.Checked: True, Qt.CheckState.Unchecked: False,
         Qt.CheckState.PartiallyChecked: None}


def rating_text(rating: Rating | None) -> str:
    return rating.short if rating else ""


class RatingsModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.year = 0
        self.rows: list[RatingRow] = []
        self.edits: dict[int, RatingMarks] = {}
        self._shown: list[int] = []
        self._by_id: dict[int, int] = {}
        self._folded: list[str] = []
        self.query = ""
        self.unit = ""
        self.only_missing = False

    # ---- loading and filtering ----

    def load(self, year: int, rows: Sequence[RatingRow]) -> None:
        self.beginResetModel()
        self.year = year
        self.rows = list(rows)
        self.edits = {}
        self._by_id = {r.person_id: i for i, r in enumerate(self.rows)}
        self._folded = [fold(r.full_name) for r in self.rows]
        self._refilter()
        self.endResetModel()

    def set_filter(self, query: str, unit: str, only_missing: bool) -> None:
        self.beginResetModel()
        self.query, self.unit, self.only_missing = clean(query), unit, only_missing
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        terms = fold(self.query).split()
        self._shown = [
            i for i, r in enumerate(self.rows)
            if all(any(w.startswith(t) for w in self._folded[i].split()) for t in terms)
            and (not self.unit or r.work_unit == self.unit)
            and (not self.only_missing or r.marks.rating is None)]

    def units(self) -> list[str]:
        return sorted({r.work_unit for r in self.rows if r.work_unit}, key=fold)

    # ---- marks ----

    def row_at(self, row: int) -> RatingRow:
        return self.rows[self._shown[row]]

    def row_of(self, person_id: int) -> int | None:
        """The shown row of a person, if shown."""
        index = self._by_id.get(person_id)
        return self._shown.index(index) if index is not None and index in self._shown else None

    def marks(self, person_id: int) -> RatingMarks:
        row = self.rows[self._by_id[person_id]]
        return self.edits.get(person_id, row.marks)

    def set_marks(self, person_id: int, marks: RatingMarks) -> None:
        index = self._by_id.get(person_id)
        if index is None:
            return
        if marks == self.rows[index].marks:
            self.edits.pop(person_id, None)
        else:
            self.edits[person_id] = marks
        if index in self._shown:
            at = self._shown.index(index)
            self.dataChanged.emit(self.index(at, 0), self.index(at, MOVEMENT))
        self.edited.emit()

    def set_rating(self, person_ids: Iterable[int], rating: Rating | None) -> None:
        for pid in person_ids:
            self.set_marks(pid, replace(self.marks(pid), rating=rating))

    def tick_all(self, person_ids: Iterable[int], value: bool | None = True) -> None:
        for pid in person_ids:
            marks = self.marks(pid)
            self.set_marks(pid, RatingMarks(marks.rating, value, value, value))

    def shown_ids(self) -> list[int]:
        return [self.rows[i].person_id for i in self._shown]

    def copy_candidates(self, person_ids: Iterable[int]) -> tuple[list[int], int]:
        """Who would get last year's rating (no rating this year, one last year), and how many
        of the others have none last year either."""
        take, without = [], 0
        for pid in person_ids:
            row = self.rows[self._by_id[pid]]
            if self.marks(pid).rating is not None:
                continue
            if row.last_year is None:
                without += 1
            else:
                take.append(pid)
        return take, without

    def copy_last_year(self, person_ids: Iterable[int]) -> None:
        for pid in person_ids:
            self.set_rating([pid], self.rows[self._by_id[pid]].last_year)

    def missing_count(self) -> int:
        return sum(1 for r in self.rows if self.marks(r.person_id).rating is None)

    def entries(self) -> dict[tuple[int, int], RatingMarks]:
        return {(pid, self.year): marks for pid, marks in self.edits.items()}

    # ---- Qt ----

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MOVEMENT + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in TICK_COLUMNS:
            return base | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate
        if index.column() == RATING:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        col = index.column()
        marks = self.marks(row.person_id)
        edited = row.person_id in self.edits and (
            (col == RATING and marks.rating != row.marks.rating)
            or (col in TICK_COLUMNS and getattr(marks, TICK_COLUMNS[col])
            != getattr(row.marks, TICK_COLUMNS[col])))
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return row.full_name
            if col == BIRTH:
                return str(row.birth_date.year) if row.birth_date else ""
            if col == UNIT:
                return " – ".join(p for p in (row.work_unit, row.position) if p)
            if col == LAST:
                return rating_text(row.last_year)
            if col == RATING:
                return rating_text(marks.rating)
            if col in TICK_COLUMNS and getattr(marks, TICK_COLUMNS[col]) is None:
                # drawn as an empty box (the grid's delegate) with these words: Qt's own
                # partly-checked box is a dark square hard to tell from a tick (walk b14)
                return unconfirmed_text()
            return None
        if role == Qt.ItemDataRole.EditRole and col == RATING:
            return marks.rating.value if marks.rating else ""
        if role == Qt.ItemDataRole.CheckStateRole and col in TICK_COLUMNS:
            return _STATE[getattr(marks, TICK_COLUMNS[col])]
        if role == Qt.ItemDataRole.BackgroundRole and edited:
            return EDITED
        if role == Qt.ItemDataRole.FontRole and edited:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == NAME and row.pending_review:
            return ON_HOLD
        if role == Qt.ItemDataRole.ForegroundRole and col in TICK_COLUMNS:
            return UNCONFIRMED
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == NAME and row.pending_review:
                return _("Đang tạm hoãn xét năm {y} (xem hồ sơ người này).").format(y=self.year)
            if col in (LAST, RATING):
                rating = row.last_year if col == LAST else marks.rating
                return rating.label if rating else _("Chưa xếp loại")
            if col in TICK_COLUMNS:
                return tick_tooltip()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (BIRTH, LAST, RATING):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col in TICK_COLUMNS:
            ticks = {TICK_COLUMNS[col]: _TICK[Qt.CheckState(value)]}
            self.set_marks(row.person_id, replace(self.marks(row.person_id), **ticks))  # type: ignore[arg-type]
            return True
        if role == Qt.ItemDataRole.EditRole and col == RATING:
            self.set_rating([row.person_id], Rating(value) if value else None)
            return True
        return False

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return [_("Họ và tên"), _("Năm sinh"), _("Đơn vị, chức vụ"),
                    _("Xếp loại {y}").format(y=self.year - 1),
                    _("Xếp loại {y}").format(y=self.year), _("Gương mẫu"), _("Đoàn kết"),
                    _("Phong trào")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == RATING:
                return _("Gõ X, T, H, K (hoặc 1–4): HTXSNV, HTTNV, HTNV, KHTNV rồi sang người "
                         "tiếp theo; Delete để xóa")
            if section in TICK_COLUMNS:
                return _("Do cán bộ xác nhận sau khi xem xét; phím cách đổi ô: đạt → không đạt "
                         "→ chưa xác nhận")
        return None
