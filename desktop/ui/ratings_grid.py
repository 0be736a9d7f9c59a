"""“Xếp loại năm …”: the year's rating of everyone in the unit on one screen (issue 12: a
unit imported with last year's ratings could nominate nobody at year end, and the only way
was to open a hundred people one by one).

One row per person: last year's rating beside this year's. Typing X, T, H, K (or 1–4) sets
the rating of the row and moves to the next person; Space on a tick cycles đạt → không đạt →
chưa xác nhận. Rows can be set together (select, then "Đặt cho các dòng đã chọn"), and last
year's ratings can be copied as a start, only on request and after saying how many. "Lưu"
writes everything in one transaction (operations.ratings.save_ratings); "Hoàn tác lần lưu"
takes the last save back whole. Unsaved edits are asked about before closing and kept as a
draft while the officer types (drafts.EditorDialog).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.model import Changes, Rating
from desktop.core.operations import ratings as ops
from desktop.core.operations.ratings import RatingMarks
from desktop.ui.context import AppContext
from desktop.ui.drafts import CANCEL, DISCARD, SAVE, EditorDialog
from desktop.ui.empty_state import EmptyState
from desktop.ui.feedback import attempt
from desktop.ui.numbers import YearField
from desktop.ui.ratings_model import (
    BIRTH,
    LAST,
    NAME,
    RATING,
    RATING_KEYS,
    TICK_COLUMNS,
    UNIT,
    RatingsModel,
)
from desktop.ui.screen import resize_to_fit
from desktop.ui.unconfirmed import UnconfirmedTickDelegate, tick_legend

SEARCH_DELAY_MS = 120
_Index = QModelIndex | QPersistentModelIndex


class _RatingDelegate(QStyledItemDelegate):
    """A double-click on a rating opens a list of the four (and "chưa xếp loại")."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
                     ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(_("(chưa xếp loại)"), "")
        for r in Rating:
            combo.addItem(f"{r.short} – {r.label}", r.value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RatingsView(QTableView):
    """The grid; what the officer typed and has not saved is its draft state."""

    changed = Signal()

    def __init__(self, model: RatingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ratings = model
        # the grid shows another year before a draft of that year is put back
        self.show_year: Callable[[int], None] | None = None
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.setItemDelegateForColumn(RATING, _RatingDelegate(self))
        self.tick_delegate = UnconfirmedTickDelegate(self)
        for col in TICK_COLUMNS:
            self.setItemDelegateForColumn(col, self.tick_delegate)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for col, width in ((NAME, 220), (BIRTH, 75), (UNIT, 300), (LAST, 105), (RATING, 105)):
            self.setColumnWidth(col, width)
        for col in TICK_COLUMNS:
            self.setColumnWidth(col, 90)
        self.horizontalHeader().setStretchLastSection(True)
        model.edited.connect(self.changed.emit)

    def chosen_ids(self) -> list[int]:
        """The selected rows' people, or the current row's when none is selected."""
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [self.ratings.row_at(r).person_id for r in rows]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        text = event.text().lower()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index.isValid() and plain and text in RATING_KEYS:
            self.ratings.set_rating([self.ratings.row_at(index.row()).person_id],
                                    RATING_KEYS[text])
            self._move_down(index)
            event.accept()
            return
        if index.isValid() and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.ratings.set_rating(self.chosen_ids(), None)
            event.accept()
            return
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self._move_down(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def _move_down(self, index: QModelIndex) -> None:
        below = self.model().index(min(index.row() + 1, self.model().rowCount() - 1),
                                   index.column())
        self.setCurrentIndex(below)

    # ---- drafts (desktop.ui.drafts finds a widget with draft_state) ----

    def draft_state(self) -> dict[str, Any]:
        if not self.ratings.edits:
            return {}
        return {"year": self.ratings.year,
                "edits": {str(pid): m.to_json() for pid, m in self.ratings.edits.items()}}

    def restore_draft_state(self, value: Any) -> None:
        """Edits from a draft file (hostile: only people still in the list, known values)."""
        if not isinstance(value, dict):
            raise TypeError("ratings draft")
        edits, year = value.get("edits", {}), value.get("year")
        if not isinstance(edits, dict):
            raise TypeError("ratings draft edits")
        if isinstance(year, int) and year != self.ratings.year and self.show_year is not None:
            self.show_year(year)
        if year != self.ratings.year:
            raise ValueError("ratings draft of another year")
        known = {r.person_id for r in self.ratings.rows}
        for key, marks in edits.items():
            if isinstance(key, str) and key.isdigit() and int(key) in known:
                self.ratings.set_marks(int(key), RatingMarks.from_json(marks))


class RatingsGrid(EditorDialog):
    """After exec(): `changes` says what was saved (or undone)."""

    help_page = "xep_loai"

    def __init__(self, ctx: AppContext, year: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changes = Changes()
        self.last_save: int | None = None
        self.setWindowTitle(_("Xếp loại năm"))
        this_year = ctx.today().year
        self.model = RatingsModel(self)
        self.view = RatingsView(self.model, self)
        self.view.show_year = self.show_year

        self.year = YearField(min(year or this_year, this_year), 2000, this_year)
        self.year.setMaximum(this_year, _("chưa đến năm này"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Họ tên, gõ không dấu cũng được (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.unit_filter = QComboBox()
        self.unit_filter.setMinimumWidth(220)
        self.only_missing = QCheckBox(_("Chỉ người &chưa có xếp loại"))
        for widget in (self.year, self.search, self.unit_filter, self.only_missing):
            widget.setProperty("draft", False)   # what is shown, not what is typed
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.view.setFocus)
        self.unit_filter.activated.connect(lambda _i: self.apply_filter())
        self.only_missing.toggled.connect(lambda _on: self.apply_filter())
        self.year.yearChanged.connect(self.change_year)

        year_label = QLabel(_("&Năm xếp loại:"))
        year_label.setBuddy(self.year.edit)
        find_label = QLabel(_("&Tìm:"))
        find_label.setBuddy(self.search)
        unit_label = QLabel(_("Đơn &vị:"))
        unit_label.setBuddy(self.unit_filter)
        top = QHBoxLayout()
        for w in (year_label, self.year, find_label, self.search, unit_label, self.unit_filter,
                  self.only_missing):
            top.addWidget(w)
        top.addStretch(1)

        self.bulk_rating = QComboBox()
        self.bulk_rating.setProperty("draft", False)
        for r in Rating:
            self.bulk_rating.addItem(f"{r.short} – {r.label}", r.value)
        self.bulk_rating.addItem(_("(xóa xếp loại)"), "")
        self.bulk_rating.setCurrentIndex(1)
        set_button = QPushButton(_("Đặt ch&o các dòng đã chọn"))
        set_button.clicked.connect(self.set_chosen)
        tick_button = QPushButton(_("Đạt cả &3 tiêu chí (dòng đã chọn)"))
        tick_button.clicked.connect(self.tick_chosen)
        copy_button = QPushButton(_("Lấy xếp loại năm trước làm &mặc định…"))
        copy_button.clicked.connect(self.copy_last_year)
        bulk_label = QLabel(_("&Xếp loại:"))
        bulk_label.setBuddy(self.bulk_rating)
        bulk = QHBoxLayout()
        for part in (bulk_label, self.bulk_rating, set_button, tick_button, copy_button):
            bulk.addWidget(part)
        bulk.addStretch(1)

        self.hint = QLabel(_("Gõ X, T, H, K (hoặc 1–4) để ghi HTXSNV, HTTNV, HTNV, KHTNV và "
                             "sang người tiếp theo; phím cách đổi ô tiêu chí; Delete xóa xếp "
                             "loại; Shift/Ctrl + chuột hoặc Ctrl+A để chọn nhiều dòng."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #3d3d3d;")
        self.legend = QLabel(_("Ba tiêu chí Gương mẫu, Đoàn kết, Phong trào: {legend} (phím "
                               "cách đổi lần lượt).").format(legend=tick_legend()))
        self.legend.setStyleSheet("color: #3d3d3d;")
        self.count = QLabel()
        import_button = QPushButton(_("Nhập từ tệp &Excel/CSV…"))
        import_button.clicked.connect(self.import_file)
        self.undo_button = QPushButton(_("Hoàn tác lần lưu vừa &rồi"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last_save)
        self.save_button = QPushButton(_("&Lưu (Ctrl+S)"))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_changes)
        close_button = QPushButton(_("Đón&g"))
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(import_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bulk)
        layout.addWidget(self.hint)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_changes)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)   # Enter in the search or the grid presses nothing
        self.empty = EmptyState(self.view, self._empty_text)
        self.model.edited.connect(self._update_count)
        self.reload()
        resize_to_fit(self, 1300, 720)
        self.init_drafts(ctx, "ratings.grid")
        self.view.setFocus()

    # ---- what is shown ----

    def shown_year(self) -> int:
        return self.model.year

    def reload(self) -> None:
        """Read the year again (after a save, an undo, an import), keeping the officer's
        place: the same person, the same column."""
        current = self.view.currentIndex()
        keep_id = self.model.row_at(current.row()).person_id if current.isValid() else None
        keep_col = current.column() if current.isValid() else RATING
        year = self.year.year() or self.ctx.today().year
        self.model.load(year, ops.rating_rows(store=self.ctx.store, year=year))
        keep = self.unit_filter.currentData() or ""
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(_("Tất cả"), "")
        for unit in self.model.units():
            self.unit_filter.addItem(unit, unit)
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findData(keep), 0))
        self.unit_filter.blockSignals(False)
        self.setWindowTitle(_("Xếp loại năm {y}").format(y=year))
        if hasattr(self, "_draft_key"):
            self._title = self.windowTitle()
        self.apply_filter()
        row = self.model.row_of(keep_id) if keep_id is not None else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, keep_col))

    def apply_filter(self) -> None:
        self.model.set_filter(self.search.text(), self.unit_filter.currentData() or "",
                              self.only_missing.isChecked())
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, RATING))
        self._update_count()

    def _update_count(self) -> None:
        m = self.model
        parts = [_("{n} người").format(n=len(m.rows))]
        if m.rowCount() != len(m.rows):
            parts.append(_("đang hiện {n}").format(n=m.rowCount()))
        parts.append(_("{n} chưa có xếp loại năm {y}").format(n=m.missing_count(), y=m.year))
        if m.edits:
            parts.append(_("{n} người có thay đổi chưa lưu").format(n=len(m.edits)))
        self.count.setText(" · ".join(parts))
        self.save_button.setEnabled(bool(m.edits))
        self.undo_button.setEnabled(self.last_save is not None and not m.edits)

    def _empty_text(self) -> str:
        if not self.model.rows:
            return _("Chưa có ai trong danh sách. Hãy nhập danh sách cán bộ trước (Tệp → Nhập "
                     "từ Excel/CSV…, Ctrl+I).")
        return _("Không có ai khớp với điều kiện lọc. Xóa ô tìm hoặc chọn “Tất cả”.")

    def change_year(self, year: int) -> None:
        if year == self.model.year:
            return
        if self.model.edits:
            choice = self.ask_unsaved()
            if choice == CANCEL or (choice == SAVE and not self.save_changes()):
                self.year.blockSignals(True)
                self.year.setValue(self.model.year)
                self.year.blockSignals(False)
                return
            if choice == DISCARD:
                self.model.edits.clear()
        self.reload()
        self.mark_saved()

    def show_year(self, year: int) -> None:
        """Show `year` (a draft of that year is being put back): edits of another are gone."""
        self.year.blockSignals(True)
        self.year.setValue(year)
        self.year.blockSignals(False)
        if self.year.year() == year:
            self.reload()

    def draft_title(self) -> str:
        return _("Xếp loại năm {y}").format(y=self.model.year)

    # ---- bulk ----

    def set_chosen(self) -> None:
        value = self.bulk_rating.currentData()
        self.model.set_rating(self.view.chosen_ids(), Rating(value) if value else None)

    def tick_chosen(self) -> None:
        self.model.tick_all(self.view.chosen_ids(), True)

    def ask_copy(self, count: int, without: int) -> bool:
        """Confirm copying last year's ratings (a method, so tests can answer it)."""
        y = self.model.year
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Lấy xếp loại năm trước"))
        box.setText(_("Điền xếp loại năm {last} làm xếp loại năm {y} cho {n} người đang hiện "
                      "chưa có xếp loại năm {y}?").format(last=y - 1, y=y, n=count))
        box.setInformativeText(_(
            "Người đã có xếp loại năm {y} giữ nguyên; {m} người không có xếp loại năm {last} "
            "để trống. Đây chỉ là điểm bắt đầu: hãy xem lại từng người theo kết quả đánh giá "
            "năm {y} rồi mới bấm Lưu.").format(y=y, last=y - 1, m=without))
        fill = box.addButton(_("Điền {n} người").format(n=count),
                             QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(_("&Quay lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is fill

    def copy_last_year(self) -> None:
        take, without = self.model.copy_candidates(self.model.shown_ids())
        if not take:
            QMessageBox.information(self, _("Lấy xếp loại năm trước"), _(
                "Không có ai đang hiện vừa chưa có xếp loại năm {y} vừa có xếp loại năm {last}."
            ).format(y=self.model.year, last=self.model.year - 1))
            return
        if self.ask_copy(len(take), without):
            self.model.copy_last_year(take)

    # ---- saving ----

    def save_changes(self) -> bool:
        entries = self.model.entries()
        if not entries:
            return True
        ctx = self.ctx
        result = attempt(self, lambda: ops.save_ratings(store=ctx.store, entries=entries,
                                                        actor=ctx.actor, today=ctx.today()),
                         ctx.store)
        if result is None:
            return False
        saved, changes = result
        self.changes = self.changes | changes | Changes(bulk=True)
        if saved.audit_id is not None:
            self.last_save = saved.audit_id
        self.reload()
        self.mark_saved()
        return True

    def undo_last_save(self) -> None:
        if self.last_save is None:
            return
        ctx = self.ctx
        audit_id = self.last_save
        changes = attempt(self, lambda: ops.undo_ratings(store=ctx.store, audit_id=audit_id,
                                                         actor=ctx.actor), ctx.store)
        if changes is None:
            return
        self.last_save = None
        self.changes = self.changes | changes | Changes(bulk=True)
        self.reload()
        self.mark_saved()

    def import_file(self) -> None:
        if self.model.edits:
            choice = self.ask_unsaved()
            if choice == CANCEL or (choice == SAVE and not self.save_changes()):
                return
            if choice == DISCARD:
                self.model.edits.clear()
        from desktop.ui.ratings_import import RatingsImportDialog

        dialog = RatingsImportDialog(self.ctx, self.model.year, self)
        dialog.exec()
        if dialog.audit_id is not None:
            self.last_save = dialog.audit_id
        self.changes = self.changes | dialog.changes
        self.reload()
        self.mark_saved()


def ratings_hint(ctx: AppContext, year: int, parent: QWidget,
                 after: Callable[[], None]) -> QWidget | None:
    """"N người chưa có xếp loại năm Y" with a button to the grid, for a window that lists
    verdicts (the bulk nominee picker): without the year's ratings nobody is eligible for
    LĐTT, and the officer should see why and where to fix it. None when nobody is missing."""
    missing, total = ops.missing_ratings(store=ctx.store, year=year)
    if not missing:
        return None
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    text = QLabel(_("{n}/{t} người chưa có xếp loại năm {y}: họ chưa đủ điều kiện Lao động "
                    "tiên tiến.").format(n=missing, t=total, y=year))
    text.setStyleSheet("color: #8a5a00; font-weight: bold;")
    button = QPushButton(_("Nhập &xếp loại năm {y}…").format(y=year))

    def open_grid() -> None:
        grid = RatingsGrid(ctx, year, parent)
        grid.exec()
        left, _total = ops.missing_ratings(store=ctx.store, year=year)
        text.setText(_("{n}/{t} người chưa có xếp loại năm {y}: họ chưa đủ điều kiện Lao động "
                       "tiên tiến.").format(n=left, t=total, y=year) if left else
                     _("Đã có xếp loại năm {y} của mọi người.").format(y=year))
        after()

    button.clicked.connect(open_grid)
    row.addWidget(text)
    row.addWidget(button)
    row.addStretch(1)
    return box

