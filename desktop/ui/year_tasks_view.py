"""Việc cần làm: the year's steps, what is late and what is next (operations.year_tasks).

The first thing an officer sees after the first-run wizard, and under Đợt xét → Việc cần
làm (Ctrl+T). "Mở" (or Enter, or a double click) goes to where the step is done: the
registration list or the round.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.core.operations import year_tasks as yt
from desktop.core.text import format_date
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.help_window import install_help
from desktop.ui.numbers import YearField
from desktop.ui.screen import resize_to_fit

STATE_TEXT = {yt.TaskState.LATE: N_("⚠ Trễ hạn"), yt.TaskState.NOW: N_("▶ Cần làm"),
              yt.TaskState.LATER: N_("· Sắp tới"), yt.TaskState.MISSED: N_("– Đã qua"),
              yt.TaskState.DONE: N_("✔ Đã xong")}
# colour is never the only signal: each state has its words and a mark
STATE_COLOUR = {yt.TaskState.LATE: "#9a1b1b", yt.TaskState.NOW: "#1f4e8c",
                yt.TaskState.LATER: "#555555", yt.TaskState.MISSED: "#555555",
                yt.TaskState.DONE: "#1b6e20"}
TASK_ROLE = Qt.ItemDataRole.UserRole + 1
WRAPPED = (1, 4)    # the step and its note: wrapped onto more lines, never cut
TEXT_MARGIN = 10    # the style's padding inside a cell, both sides


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped step and note need at the column's current width
    (a tree view measures a row on one line, so a long note was cut at 1366 px)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                 ) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() in WRAPPED:
            width = max(self._tree.header().sectionSize(index.column()) - TEXT_MARGIN, 40)
            text = str(index.data() or "")
            needed = option.fontMetrics.boundingRect(
                QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text).height()
            size.setHeight(max(size.height(), needed + 6))
        return size


class YearTasksDialog(QDialog):
    """`open_task(task)` is emitted when the officer asks to go and do a step."""

    open_task = Signal(object)    # yt.Task

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 year: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Việc cần làm"))
        resize_to_fit(self, 1320, 600)   # the note column is read, not guessed: wide enough
        self.year = YearField(year or ctx.today().year)
        year_label = QLabel(_("&Năm:"))
        year_label.setBuddy(self.year)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.headline.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.headline.setFont(font)

        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([_("Tình trạng"), _("Việc"), _("Hạn"), _("Còn / trễ"),
                                   _("Ghi chú")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # the step's name and its note share the width; both wrap onto a second line
        # rather than being cut (a note names what is left: "Còn 22/23 hồ sơ chưa gửi…")
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 400)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        header.sectionResized.connect(lambda *_a: self.tree.doItemsLayout())
        self.tree.itemActivated.connect(lambda _item, _col: self.open_current())

        self.open_button = QPushButton(_("&Mở để làm"))
        self.open_button.clicked.connect(self.open_current)
        close = QPushButton(_("Đó&ng"))
        close.clicked.connect(self.reject)
        hint = QLabel(_("Tính từ đăng ký thi đua, các đợt xét và hạn nộp theo quy định của "
                        "tỉnh. Chọn một việc rồi bấm “Mở để làm” (hoặc Enter)."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.headline, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.year.yearChanged.connect(lambda _y: self.refresh())
        install_help(self, "viec_can_lam")
        self.tasks: list[yt.Task] = []
        self.refresh()

    def refresh(self) -> None:
        year = self.year.year()
        if year is None:    # the field says why
            return
        ctx = self.ctx
        unit = ctx.unit()
        province = unit.province if unit else None
        tasks = feedback.attempt(self, lambda: yt.year_tasks(
            ctx.store, ctx.catalog, year, ctx.today(), province), ctx.store)
        self.tasks = tasks or []
        self.tree.clear()
        today = ctx.today()
        for task in self.tasks:
            item = QTreeWidgetItem(self.tree, [
                _(STATE_TEXT[task.state]), task.title,
                format_date(task.due) if task.due else "", yt.when_text(task, today),
                task.detail])
            item.setData(0, TASK_ROLE, task)
            item.setForeground(0, QBrush(QColor(STATE_COLOUR[task.state])))
            if task.state is yt.TaskState.LATE:
                item.setForeground(3, QBrush(QColor(STATE_COLOUR[task.state])))
            for col in range(5):
                item.setToolTip(col, f"{task.title}\n{task.detail}")
        first = yt.next_task(self.tasks)
        late = sum(t.state is yt.TaskState.LATE for t in self.tasks)
        if first is None:
            self.headline.setText(_("Năm {y}: không còn việc nào phải làm.").format(y=year))
        else:
            when = yt.when_text(first, today)
            text = _("Việc tiếp theo: {t}").format(t=first.title) + (f" ({when})" if when
                                                                      else "")
            if late:
                text = _("{n} việc trễ hạn. ").format(n=late) + text
            self.headline.setText(text)
            next_item = self.tree.topLevelItem(self.tasks.index(first))
            if next_item is not None:
                self.tree.setCurrentItem(next_item)
        self.tree.setFocus()

    def current_task(self) -> yt.Task | None:
        item = self.tree.currentItem()
        task = item.data(0, TASK_ROLE) if item is not None else None
        return task if isinstance(task, yt.Task) else None

    def open_current(self) -> None:
        task = self.current_task()
        if task is not None:
            self.open_task.emit(task)
            self.accept()
