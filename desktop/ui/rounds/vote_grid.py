"""The council's votes as a grid, typed as fast as the paper tally is read: one row per
candidate (method, ballots issued, valid, votes for), keyboard only.

- a digit starts typing in a cell; Enter moves down the same column (the next candidate);
- Ctrl+D fills the selection (or the rest of the column) with the value above, as in Excel:
  one ballot paper lists every candidate, so "phát ra" and "hợp lệ" are typed once;
- Ctrl+V pastes from Excel: from a count column by position, or, from the name column, lines
  of "name, numbers…" matched to the candidates by name (diacritics and case ignored);
- in the method column, K (kín) or G (giơ tay), or Space, where the title allows both;
- Delete clears the selected cells.

Nothing is ever clamped: a figure is kept as typed and its row says what is wrong (every
problem of every row at once, computed by the same check the save runs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem
from desktop.core.i18n import N_, _
from desktop.core.model.rounds import (
    CouncilVote,
    Nomination,
    NominationStatus,
    VoteEntry,
    VoteMethod,
)
from desktop.core.operations import rounds as ops
from desktop.core.text import clean, fold, percent

C_NAME, C_TITLE, C_METHOD, C_ISSUED, C_VALID, C_FOR, C_NEED, C_SHARE, C_RESULT = range(9)
COUNTS = (C_ISSUED, C_VALID, C_FOR)
HEADERS = (N_("Người / tập thể"), N_("Danh hiệu / hình thức"), N_("Biểu quyết"),
           N_("Phiếu phát ra"), N_("Phiếu hợp lệ"), N_("Đồng ý"), N_("Cần"),
           N_("Đồng ý / tổng số thành viên"), N_("Kết quả"))
VOTABLE = (NominationStatus.DRAFT, NominationStatus.REVIEWED, NominationStatus.RETURNED)
MAX_COUNT = 9999   # no council is larger; a longer number is a typing slip
PASS_COLOUR, FAIL_COLOUR, OFF_COLOUR = QColor("#1a7f37"), QColor("#b42318"), QColor("#888888")


def method_label(method: VoteMethod) -> str:
    return _("Bỏ phiếu kín") if method is VoteMethod.BALLOT else _("Giơ tay")


def method_from_text(text: str) -> VoteMethod | None:
    """What a typed or pasted method cell says ("kín", "bỏ phiếu", "giơ tay", "k", "g")."""
    folded = fold(text)
    if folded in ("k", "kin") or "phieu" in folded or "kin" in folded.split():
        return VoteMethod.BALLOT
    if folded in ("g", "tay") or "gio tay" in folded or "bieu quyet" in folded:
        return VoteMethod.HANDS
    return None


@dataclass
class GridRow:
    """One candidate: the vote as stored and the cells as typed."""

    nomination: Nomination
    rule: ops.VoteRule
    saved: CouncilVote | None = None
    method: VoteMethod = VoteMethod.HANDS
    texts: dict[int, str] = field(default_factory=dict)

    @property
    def editable(self) -> bool:
        return self.nomination.status in VOTABLE

    @property
    def ballot(self) -> bool:
        return self.method is VoteMethod.BALLOT

    def cell_open(self, col: int) -> bool:
        """Whether the officer can type in this cell."""
        if not self.editable:
            return False
        if col == C_METHOD:
            return not self.rule.ballot   # a title that needs a secret ballot has no choice
        return col == C_FOR or (col in COUNTS and self.ballot)

    def entered(self) -> bool:
        return bool(self.texts.get(C_FOR, ""))

    def number(self, col: int) -> int | None:
        text = self.texts.get(col, "")
        return int(text) if text.isdigit() and len(text) <= 4 else None

    def parse_problem(self) -> str:
        """What cannot be read as a count, in the cells the method uses."""
        for col in (COUNTS if self.ballot else (C_FOR,)):
            text = self.texts.get(col, "")
            if text and (not text.isdigit() or int(text) > MAX_COUNT):
                return _("“{t}” ở cột “{c}” không phải số phiếu").format(t=text,
                                                                         c=_(HEADERS[col]))
        return ""

    def entry(self) -> VoteEntry | None:
        """The vote as typed, or None (nothing typed, or not readable)."""
        if not self.entered() or self.parse_problem():
            return None
        assert self.nomination.id is not None
        votes_for = self.number(C_FOR)
        assert votes_for is not None
        if self.ballot:
            return VoteEntry(self.nomination.id, self.method, votes_for,
                             self.number(C_ISSUED), self.number(C_VALID))
        return VoteEntry(self.nomination.id, self.method, votes_for)

    def changed(self) -> bool:
        entry = self.entry()
        if entry is None:
            return False
        saved = self.saved
        return saved is None or (entry.method, entry.votes_for, entry.ballots_issued,
                                 entry.ballots_valid) != (saved.method, saved.votes_for,
                                                          saved.ballots_issued,
                                                          saved.ballots_valid)


class VoteGrid(QTableWidget):
    """The grid; `edited` after every change of a cell or a method."""

    edited = Signal()
    not_pasted = Signal(list)   # list[str]: lines of a paste that found no place

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.catalog = catalog
        self.rows: list[GridRow] = []
        self._filling = False
        self.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        head = self.horizontalHeader()
        head.setSectionResizeMode(C_NAME, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(C_RESULT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((C_TITLE, 150), (C_METHOD, 100), (C_ISSUED, 90), (C_VALID, 90),
                           (C_FOR, 70), (C_NEED, 60), (C_SHARE, 120)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(col, width)
        for col in range(len(HEADERS)):
            item = self.horizontalHeaderItem(col)
            if item is not None:
                item.setToolTip(item.text())
        self.itemChanged.connect(self._item_changed)

    # ---- content -----------------------------------------------------------------------------

    def load(self, rows: list[GridRow]) -> None:
        self.rows = rows
        self._filling = True
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if row.saved is not None:
                row.method = row.saved.method
                for col, value in ((C_ISSUED, row.saved.ballots_issued),
                                   (C_VALID, row.saved.ballots_valid),
                                   (C_FOR, row.saved.votes_for)):
                    row.texts[col] = "" if value is None else str(value)
            else:
                row.method = VoteMethod.BALLOT if row.rule.ballot else VoteMethod.HANDS
            self._fill_row(r)
        self._filling = False

    def _fill_row(self, r: int) -> None:
        row = self.rows[r]
        nom = row.nomination
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = QTableWidgetItem(nom.subject_name)
        name.setFlags(fixed)
        name.setToolTip(nom.subject_name if row.editable else nom.subject_name + " – " + _(
            "Đề nghị đang ở trạng thái “{s}”: đưa về “Dự thảo” để sửa kết quả biểu "
            "quyết.").format(s=nom.status.label))
        title = QTableWidgetItem(self.catalog.name_of(nom.target))
        title.setFlags(fixed)
        title.setToolTip(title.text())
        need = QTableWidgetItem((_("> {p}") if row.rule.more_than else _("≥ {p}")).format(
            p=percent(row.rule.share)))
        need.setFlags(fixed)
        for col, item in ((C_NAME, name), (C_TITLE, title), (C_NEED, need)):
            self.setItem(r, col, item)
        self._fill_cells(r)

    def _fill_cells(self, r: int) -> None:
        """The method and count cells of a row, open or greyed as the method allows."""
        row = self.rows[r]
        was, self._filling = self._filling, True
        method = QTableWidgetItem(method_label(row.method))
        method.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        method.setToolTip(_("K: bỏ phiếu kín, G: giơ tay (hoặc phím cách)") if
                          row.cell_open(C_METHOD) else _("Danh hiệu này phải bỏ phiếu kín.")
                          if row.rule.ballot else "")
        if not row.cell_open(C_METHOD):
            method.setForeground(QBrush(OFF_COLOUR))
        self.setItem(r, C_METHOD, method)
        for col in COUNTS:
            open_ = row.cell_open(col)
            item = QTableWidgetItem(row.texts.get(col, "") if open_ or col == C_FOR or
                                    row.ballot else "–")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if open_:
                flags |= Qt.ItemFlag.ItemIsEditable
            else:
                item.setForeground(QBrush(OFF_COLOUR))
            item.setFlags(flags)
            self.setItem(r, col, item)
        self._filling = was

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in COUNTS:
            return
        row = self.rows[item.row()]
        text = clean(item.text()).replace(" ", "")
        row.texts[item.column()] = text
        if text != item.text():
            self._filling = True
            item.setText(text)
            self._filling = False
        self.edited.emit()

    def set_method(self, r: int, method: VoteMethod) -> None:
        row = self.rows[r]
        if not row.cell_open(C_METHOD) or row.method is method:
            return
        row.method = method
        self._fill_cells(r)
        self.edited.emit()

    def set_cell(self, r: int, col: int, text: str) -> bool:
        """Type `text` into a cell as the officer would (False: the cell is closed)."""
        if not 0 <= r < len(self.rows) or not self.rows[r].cell_open(col):
            return False
        if col == C_METHOD:
            method = method_from_text(text)
            if method is not None:
                self.set_method(r, method)
            return method is not None
        item = self.item(r, col)
        if item is not None:
            item.setText(text)
        return True

    # ---- results -----------------------------------------------------------------------------

    def show_results(self, total: int, problems: dict[int, list[str]]) -> None:
        """Each row's share and result: a problem (⚠), ✔ Đạt or ✘ Không đạt."""
        was, self._filling = self._filling, True
        for r, row in enumerate(self.rows):
            share, result = QTableWidgetItem(), QTableWidgetItem()
            for item in (share, result):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            found = problems.get(row.nomination.id or 0, [])
            parse = row.parse_problem()
            if parse:
                found = [parse, *found]
            votes_for = row.number(C_FOR)
            if row.entered() and votes_for is not None and total > 0:
                share.setText(f"{votes_for}/{total} = {percent(Fraction(votes_for, total))}")
            if found:
                result.setText("⚠ " + "; ".join(found))
                result.setToolTip("\n".join(found))
                result.setForeground(FAIL_COLOUR)
            elif not row.entered():
                result.setText(_("Chưa biểu quyết"))
            elif votes_for is not None and row.rule.passes(votes_for, total):
                result.setText(_("✔ Đạt"))
                result.setForeground(PASS_COLOUR)
            else:
                result.setText(_("✘ Không đạt"))
                result.setForeground(FAIL_COLOUR)
            share.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(r, C_SHARE, share)
            self.setItem(r, C_RESULT, result)
        self._filling = was

    def parse_problems(self) -> list[Problem]:
        return [Problem("vote.not_a_number", f"votes[{row.nomination.id}]",
                        f"{row.nomination.subject_name}: {text}")
                for row in self.rows if (text := row.parse_problem())]

    def entries(self) -> list[VoteEntry]:
        """The votes typed or changed since loaded, readable ones only."""
        return [e for row in self.rows if row.changed() and (e := row.entry()) is not None]

    # ---- keyboard and clipboard --------------------------------------------------------------

    def start_typing(self) -> None:
        """Put the cursor on the first open "Đồng ý" cell."""
        for r, row in enumerate(self.rows):
            if row.cell_open(C_FOR):
                self.setCurrentCell(r, C_FOR)
                return

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint is QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter
            self._move_down()

    def _move_down(self) -> None:
        r, col = self.currentRow(), self.currentColumn()
        for nxt in range(r + 1, len(self.rows)):
            if self.rows[nxt].cell_open(col) or col not in COUNTS:
                self.setCurrentCell(nxt, col)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() is QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, r, col = event.key(), self.currentRow(), self.currentColumn()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._move_down()
        elif event.matches(QKeySequence.StandardKey.Paste):
            missed = self.paste(QGuiApplication.clipboard().text())
            if missed:
                self.not_pasted.emit(missed)
        elif key == Qt.Key.Key_D and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.fill_down()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            for item in self.selectedItems():
                self.set_cell(item.row(), item.column(), "")
        elif col == C_METHOD and 0 <= r < len(self.rows) and key in (
                Qt.Key.Key_K, Qt.Key.Key_G, Qt.Key.Key_Space):
            row = self.rows[r]
            method = {Qt.Key.Key_K: VoteMethod.BALLOT, Qt.Key.Key_G: VoteMethod.HANDS}.get(
                Qt.Key(key), VoteMethod.HANDS if row.ballot else VoteMethod.BALLOT)
            self.set_method(r, method)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def fill_down(self) -> None:
        """Copy the top cell of the selection into the rest of it (one cell selected: into
        every open cell below it in its column)."""
        ranges = self.selectedRanges()
        r, col = self.currentRow(), self.currentColumn()
        if col not in COUNTS or not 0 <= r < len(self.rows):
            return
        if ranges and ranges[0].rowCount() > 1:
            top, bottom = ranges[0].topRow(), ranges[0].bottomRow()
            cols = range(ranges[0].leftColumn(), ranges[0].rightColumn() + 1)
        else:
            top, bottom, cols = r, len(self.rows) - 1, range(col, col + 1)
        for c in cols:
            value = self.rows[top].texts.get(c, "")
            for below in range(top + 1, bottom + 1):
                self.set_cell(below, c, value)

    def paste(self, text: str) -> list[str]:
        """Lines of tab-separated cells from Excel or Word; returns what could not be placed
        (shown by the dialog)."""
        lines = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n")
                 if line.strip()]
        r, col = max(self.currentRow(), 0), self.currentColumn()
        if col in (C_NAME, C_TITLE) or col < 0:
            return self._paste_by_name(lines)
        missed = []
        for offset, cells in enumerate(lines):
            row = r + offset
            if row >= len(self.rows):
                missed.append(_("dòng {n}: không còn ứng viên để dán vào").format(n=offset + 1))
                continue
            for k, cell in enumerate(cells):
                target = col + k
                if target in (C_METHOD, *COUNTS):
                    self.set_cell(row, target, clean(cell))
        return missed

    def _paste_by_name(self, lines: list[list[str]]) -> list[str]:
        index: dict[str, list[int]] = {}
        for r, row in enumerate(self.rows):
            index.setdefault(fold(row.nomination.subject_name), []).append(r)
        missed = []
        for n, cells in enumerate(lines, start=1):
            name = clean(cells[0])
            found = index.get(fold(name), [])
            if len(found) != 1:
                missed.append(_("dòng {n}: “{name}” không có trong danh sách") .format(
                    n=n, name=name) if not found else _(
                    "dòng {n}: “{name}” có nhiều đề nghị, hãy dán vào đúng dòng").format(
                    n=n, name=name))
                continue
            r = found[0]
            rest = [clean(c) for c in cells[1:] if clean(c)]
            method = next((m for c in rest if (m := method_from_text(c)) is not None), None)
            numbers = [c for c in rest if c.replace(" ", "").isdigit()]
            if method is not None:
                self.set_cell(r, C_METHOD, method_label(method))
            cols = COUNTS if len(numbers) == 3 else (C_FOR,) if len(numbers) == 1 else ()
            if not cols:
                missed.append(_("dòng {n}: cần 1 số (đồng ý) hoặc 3 số (phát ra, hợp lệ, "
                                "đồng ý)").format(n=n))
            for c, value in zip(cols, numbers, strict=False):
                self.set_cell(r, c, value)
        return missed

