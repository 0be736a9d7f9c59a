"""Đơn vị ▸ Sổ số văn bản…: where each numbered series stands this year (the highest number
used, in the history or by the app, and the next), the officer's own next number, and the
register's problems (a higher number dated before a lower one, one number with two dates, a
decision dated before the council met)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.operations import numbering as ops
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.numbers import NumberField, YearField


class RegisterDialog(QDialog):
    COLUMNS = (N_("Loại văn bản"), N_("Số lớn nhất đã có"), N_("Số tiếp theo"),
               N_("Cán bộ đã đặt"))

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        unit = context.unit()
        if unit is None:
            raise UserError(_("Chưa có thông tin đơn vị: hãy điền Thông tin đơn vị trước."))
        self.unit = unit
        self.states: list[tuple[ops.Series, ops.SeriesState]] = []
        self.setWindowTitle(_("Sổ số văn bản"))
        self.resize(860, 560)
        # typed numbers are kept and refused in red, never clamped (issue 12)
        self.year = YearField(context.today().year, minimum=1945)
        self.year.yearChanged.connect(lambda _y: self.refresh())
        top = QHBoxLayout()
        year_label = QLabel(_("&Năm:"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(1, 160)
        self.table.setColumnWidth(2, 140)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.next_number = NumberField(1, ops.MAX_NUMBER)
        set_next = QPushButton(_("Đặt &số tiếp theo"))
        set_next.clicked.connect(self.set_next)
        row = QHBoxLayout()
        next_label = QLabel(_("Số tiếp theo của &loại đang chọn:"))
        next_label.setBuddy(self.next_number)
        row.addWidget(next_label)
        row.addWidget(self.next_number)
        row.addWidget(set_next)
        row.addStretch(1)
        hint = QLabel(_("Số văn bản nối tiếp số lớn nhất đã có trong năm của cùng cơ quan ban "
                        "hành, kể cả các quyết định ghi trong quá trình khen thưởng. Nếu sổ đăng "
                        "ký văn bản của đơn vị đã đi xa hơn, hãy đặt số tiếp theo ở đây."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.problems_label = QLabel()
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(close)
        self.refresh()

    def refresh(self, keep: int = 0) -> None:
        ctx = self.context
        year = self.year.year()
        if year is None:    # the field says why
            return
        self.states = ops.register_states(ctx.store, ctx.catalog, self.unit, year)
        self.table.setRowCount(len(self.states))
        for r, (series, state) in enumerate(self.states):
            values = (series.label, f"{state.highest:02d}" if state.highest else "—",
                      f"{state.next:02d}",
                      f"{state.officer_next:02d}" if state.officer_next else "")
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        if self.states:
            self.table.selectRow(min(keep, len(self.states) - 1))
        found = ops.register_problems(ctx.store, ctx.catalog, self.unit, year)
        self.problems.clear()
        self.problems.addItems([p.message for p in found])
        self.problems_label.setText(
            _("Sổ năm {year}: số và ngày theo đúng thứ tự.").format(year=year) if not found
            else _("Sổ năm {year}: {n} chỗ cần xem lại:").format(year=year, n=len(found)))

    def _on_select(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.states):
            self.next_number.setValue(self.states[row][1].next)

    def set_next(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.states):
            return
        series = self.states[row][0]
        ctx = self.context
        number, year = self.next_number.value(), self.year.year()
        if number is None or not self.next_number.is_valid() or year is None:
            self.next_number.setFocus()     # the field in red says what is wrong
            return
        if attempt(self, lambda: ops.set_next_number(
                ctx.store, ctx.catalog, self.unit, year, series.doc_type,
                series.code, number, ctx.actor, ctx.today()), ctx.store) is not None:
            self.refresh(row)
