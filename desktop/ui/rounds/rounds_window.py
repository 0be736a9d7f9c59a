"""The officer's year in one window: rounds by year on the left with their deadline, the
selected round's nominations on the right, and the emulation registration list of the year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Round
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.help_window import install_help
from desktop.ui.rounds.registration_view import RegistrationView
from desktop.ui.rounds.round_dialog import DeadlineDialog, RoundDialog
from desktop.ui.rounds.round_view import RoundView, deadline_badge
from desktop.ui.screen import resize_to_fit

ALL_YEARS = 0


class RoundsWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rounds: list[Round] = []
        self._shown = False
        unit = ctx.unit()
        self.setWindowTitle(_("Đợt xét khen thưởng – {unit}").format(
            unit=unit.name if unit else ""))

        install_help(self, "dot_xet")
        self.year_filter = QComboBox()
        year_label = QLabel(_("&Lọc năm:"))
        year_label.setBuddy(self.year_filter)
        self.list = QTableWidget(0, 4, self)
        self.list.setHorizontalHeaderLabels([_("Năm"), _("Loại"), _("Tên đợt"), _("Hạn")])
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.verticalHeader().setDefaultSectionSize(24)
        self.list.setWordWrap(False)
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.list.itemSelectionChanged.connect(self._round_selected)

        self.new_button = QPushButton(_("Tạo đợt &mới…"))
        self.new_button.setToolTip(_("Tạo đợt xét khen thưởng (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_round)
        self.deadline_button = QPushButton(_("Đổi hạn nộ&p…"))
        self.deadline_button.clicked.connect(self.change_deadline)
        self.delete_button = QPushButton(_("Xó&a đợt"))
        self.delete_button.clicked.connect(self.delete_round)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(year_label)
        filter_row.addWidget(self.year_filter, 1)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.deadline_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.round_view = RoundView(ctx, self)
        self.registration_view = RegistrationView(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.round_view, _("Đợt xét"))
        self.tabs.addTab(self.registration_view, _("Đăng ký thi đua"))
        self.round_view.changed.connect(self.apply_changes)
        self.registration_view.changed.connect(self.apply_changes)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 860])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

        for key, slot in (("Ctrl+N", self.new_round),
                          ("Ctrl+1", lambda: self.tabs.setCurrentIndex(0)),
                          ("Ctrl+2", lambda: self.tabs.setCurrentIndex(1)),
                          ("Ctrl+L", self.list.setFocus),
                          ("Ctrl+E", self.export_excel),
                          ("Ctrl+P", self.print_dashboard),
                          ("Ctrl+W", self.close)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.addAction(action)
        close = QAction(self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        close.triggered.connect(self.close)
        self.addAction(close)
        self.statusBar().showMessage(_("Ctrl+N: tạo đợt • Insert: thêm đề nghị • Ctrl+1/Ctrl+2: "
                                       "đợt xét / đăng ký thi đua • Esc: đóng"))

        self.year_filter.currentIndexChanged.connect(lambda _i: self._year_changed())
        resize_to_fit(self, 1280, 700)
        self.refresh(select_first=True)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown:  # shown again from the main window: the registry may have changed
            self.refresh()
            self.round_view.refresh()
            self.registration_view.refresh()
        self._shown = True

    # ---- state ------------------------------------------------------------------------------

    def selected_year(self) -> int | None:
        year = self.year_filter.currentData()
        return None if year in (None, ALL_YEARS) else int(year)

    def current_round(self) -> Round | None:
        row = self.list.currentRow()
        return self._rounds[row] if 0 <= row < len(self._rounds) else None

    def rounds_shown(self) -> list[Round]:
        return list(self._rounds)

    def _fill_years(self) -> None:
        keep = self.year_filter.currentData()
        years = sorted({r.year for r in ops.list_rounds(self.ctx.store)}
                       | {self.ctx.today().year}, reverse=True)
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(_("Tất cả các năm"), ALL_YEARS)
        for year in years:
            self.year_filter.addItem(str(year), year)
        index = self.year_filter.findData(keep if keep is not None else ALL_YEARS)
        self.year_filter.setCurrentIndex(max(index, 0))
        self.year_filter.blockSignals(False)

    def refresh(self, select_id: int | None = None, select_first: bool = False) -> None:
        """Reload the list of rounds; keep (or move to) a selection."""
        current = self.current_round()
        keep = select_id if select_id is not None else (current.id if current else None)
        self._fill_years()
        rounds = feedback.attempt(self, lambda: ops.list_rounds(self.ctx.store,
                                                                self.selected_year()),
                                  self.ctx.store) or []
        rounds.sort(key=lambda r: (-r.year, r.deadline, r.id or 0))
        self._rounds = rounds
        today = self.ctx.today()
        self.list.blockSignals(True)
        self.list.setRowCount(len(rounds))
        for i, rnd in enumerate(rounds):
            text, colour = deadline_badge(rnd, today)
            badge = QTableWidgetItem(text)
            badge.setForeground(QBrush(QColor(colour)))
            badge.setToolTip(ops.deadline_text(rnd, today))
            name = QTableWidgetItem(rnd.name)
            name.setToolTip(f"{rnd.name}\n{ops.deadline_text(rnd, today)}")
            for col, item in enumerate((QTableWidgetItem(str(rnd.year)),
                                        QTableWidgetItem(rnd.kind.label), name, badge)):
                self.list.setItem(i, col, item)
        self.list.blockSignals(False)
        row = next((i for i, r in enumerate(rounds) if r.id == keep), -1)
        if row < 0 and (select_first or keep is not None) and rounds:
            row = 0
        if row >= 0:
            self.list.selectRow(row)
        else:
            self.list.clearSelection()
        self._round_selected()
        year = self.selected_year()
        if year is not None:
            self.registration_view.set_year(year)

    def _year_changed(self) -> None:
        self.refresh(select_first=True)

    def _round_selected(self) -> None:
        rnd = self.current_round()
        self.deadline_button.setEnabled(rnd is not None)
        self.delete_button.setEnabled(rnd is not None)
        if rnd is not None:
            self.registration_view.set_year(rnd.year)
        if (self.round_view.round.id if self.round_view.round else None) != (
                rnd.id if rnd else None):
            self.round_view.set_round(rnd.id if rnd else None)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what an edit changed: the list of rounds, the round shown, the
        registration list (the view that made the edit has refreshed itself)."""
        shown = self.round_view.round
        if changes.rounds or changes.bulk:
            self.refresh()
        elif shown is not None and shown.year in changes.registration_years:
            self.round_view.refresh()  # the nominees' registration flags
        if shown is not None and (shown.id in changes.rounds or changes.bulk):
            self.round_view.refresh()
        if self.registration_view.year.value() in changes.registration_years:
            self.registration_view.refresh()

    # ---- intentions -------------------------------------------------------------------------

    def export_excel(self) -> None:
        if self.tabs.currentWidget() is self.registration_view:
            self.registration_view.export_excel()
        else:
            self.round_view.export_excel()

    def print_dashboard(self) -> None:
        dashboard = self.round_view.dashboard
        if dashboard is not None and self.round_view.round is not None:
            self.tabs.setCurrentWidget(self.round_view)
            self.round_view.tabs.setCurrentWidget(dashboard)
            dashboard.print_preview()

    def new_round(self) -> None:
        dialog = RoundDialog(self.ctx, self.selected_year(), self)
        if dialog.exec() and dialog.round is not None:
            self.year_filter.setCurrentIndex(0)
            self.refresh(select_id=dialog.round.id)  # the new round: the list and the view
            self.tabs.setCurrentWidget(self.round_view)

    def change_deadline(self) -> None:
        rnd = self.current_round()
        if rnd is None:
            return
        dialog = DeadlineDialog(self.ctx, rnd, self)
        if dialog.exec():
            self.apply_changes(dialog.changes)

    def delete_round(self) -> None:
        rnd = self.current_round()
        if rnd is None or rnd.id is None:
            return
        answer = QMessageBox.question(
            self, _("Xóa đợt xét?"),
            _("Xóa đợt “{name}” (hạn nộp {d})? Việc xóa được ghi vào nhật ký thay đổi.").format(
                name=rnd.name, d=format_date(rnd.deadline)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        rid, row = rnd.id, self.list.currentRow()
        done = feedback.attempt(self, lambda: ops.delete_round(self.ctx.store, rid,
                                                                self.ctx.actor),
                                self.ctx.store)
        if done is None and ops.get_round(self.ctx.store, rid) is not None:
            return  # refused and explained; the round and its nominations are untouched
        self.refresh()
        if self._rounds:
            self.list.selectRow(min(row, len(self._rounds) - 1))
        self.statusBar().showMessage(_("Đã xóa đợt “{name}”.").format(name=rnd.name), 10000)


def open_rounds_window(ctx: AppContext, parent: QWidget | None = None) -> RoundsWindow | None:
    """Build the window, reporting (not swallowing) any failure; the caller shows it."""
    return feedback.attempt(parent, lambda: RoundsWindow(ctx, parent), ctx.store)
