"""Đăng ký thi đua: who registered for which emulation title at the start of the year.

Removing a registration can be undone (Ctrl+Z) as long as the window is open: the original
registration date comes back with it, since that date is what proves the registration.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Registration
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date, parse_date
from desktop.ui import feedback
from desktop.ui.buttons import dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.numbers import YearField
from desktop.ui.rounds.nominate_dialog import SubjectPicker, titles_for


class RegistrationDialog(EditorDialog):
    """Register one person or collective for a title of `year`; `registration` on success."""

    help_page = "dot_xet"

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.registration: Registration | None = None
        self.changes = Changes()
        self.setWindowTitle(_("Đăng ký thi đua năm {y}").format(y=year))
        self.resize(640, 520)
        self.picker = SubjectPicker(ctx, self)
        self.title = QComboBox()
        self.registered_on = QLineEdit(format_date(ctx.today()))
        self.registered_on.setPlaceholderText(_("ngày/tháng/năm"))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("&Danh hiệu đăng ký:"), self.title)
        form.addRow(_("Ngày đăn&g ký:"), self.registered_on)
        form.addRow(_("Ghi &chú:"), self.note)
        self.buttons = dialog_buttons(self, _("Đăng &ký"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.picker.person_radio.toggled.connect(lambda _on: self._fill_titles())
        self.picker.picked.connect(self.title.setFocus)
        self._fill_titles()
        self.picker.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(ctx, f"registration.{year}")

    def _fill_titles(self) -> None:
        keep = self.title.currentData()
        self.title.clear()
        for info in titles_for(self.ctx, self.picker.kind(), titles_only=True):
            self.title.addItem(info.name, info.code)
        self.title.setCurrentIndex(max(self.title.findData(keep), 0))

    def save(self) -> None:
        ctx, ref = self.ctx, self.picker.subject()
        target = str(self.title.currentData() or "")
        text, note = self.registered_on.text(), self.note.text()

        def register() -> tuple[Registration, Changes]:
            problems: list[Problem] = []
            if ref is None:
                problems.append(Problem("registration.subject_missing",
                                        "subject", _("Chưa chọn người hoặc tập thể đăng ký.")))
            when: date | None = None
            try:
                when = parse_date(text, _("Ngày đăng ký")) or ctx.today()
            except UserError as exc:
                problems.append(Problem("registration.date_invalid", "registered_on", exc.message))
            if when is not None and when > ctx.today():
                problems.append(Problem("registration.date_future",
                                        "registered_on", _("Ngày đăng ký ở tương lai.")))
            if problems:
                raise ValidationError(problems)
            assert ref is not None and when is not None
            # the registration is dated the day it was made (often in January)
            return ops.register(ctx.store, ctx.catalog, self.year, ref, target, ctx.actor, when,
                                note)

        saved = feedback.attempt(self, register, ctx.store)
        if saved is not None:
            self.registration, self.changes = saved
            self.accept()

    def save_changes(self) -> bool:
        self.save()
        return self.registration is not None


class RegistrationView(QWidget):
    """The registration list of one year, with add, remove and undo."""

    changed = Signal(object)  # Changes: registrations changed, the nominee flags may have too

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._removed: Registration | None = None
        self._rows: list[Registration] = []
        self._year = ctx.today().year   # the year the list shows (a half-typed one is not)
        self.year = YearField(self._year)
        self.year.yearChanged.connect(lambda _y: self.refresh())
        year_label = QLabel(_("&Năm:"))
        year_label.setBuddy(self.year)
        self.summary = QLabel()
        self.summary.setObjectName("hint")

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Cá nhân, tập thể"), _("Danh hiệu đăng ký"),
                                              _("Ngày đăng ký"), _("Ghi chú")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((220, 230, 100)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)

        self.add_button = QPushButton(_("Thêm đăng &ký…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("&Hủy đăng ký"))
        self.remove_button.clicked.connect(self.remove_current)
        self.print_button = QPushButton(_("&In danh sách đăng ký…"))
        self.print_button.clicked.connect(self.print_list)
        self.excel_button = QPushButton(_("Xuất &Excel…"))
        self.excel_button.setToolTip(_("Xuất danh sách đăng ký của năm ra tệp Excel (Ctrl+E)"))
        self.excel_button.clicked.connect(self.export_excel)
        self.undo_button = QPushButton(_("Hoàn tác hủy (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(False)
        self.undo_action = QAction(_("Hoàn tác hủy đăng ký"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo)
        self.undo_action.setEnabled(False)
        self.addAction(self.undo_action)
        delete = QAction(self.table)
        delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_current)
        self.table.addAction(delete)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.excel_button)
        buttons.addWidget(self.print_button)
        hint = QLabel(_("Đầu năm, cá nhân và tập thể đăng ký danh hiệu thi đua; khi xét cuối "
                        "năm, người chưa đăng ký được đánh dấu “chưa đăng ký”."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def set_year(self, year: int) -> None:
        self.year.setValue(year)

    def shown_year(self) -> int:
        """The year of the list on screen (what the buttons act on)."""
        return self._year

    def registrations(self) -> list[Registration]:
        return list(self._rows)

    def print_list(self) -> None:
        """Danh sách đăng ký thi đua of the year, through the print preview."""
        from desktop.core.operations.dossier import build_registration_list
        from desktop.ui.print_preview import preview_documents

        ctx, year = self.ctx, self.shown_year()
        document = feedback.attempt(self, lambda: build_registration_list(
            ctx.store, ctx.catalog, year, ctx.today()), ctx.store)
        if document is not None:
            preview_documents(self, ctx, [document])

    def export_excel(self) -> None:
        from desktop.ui.list_exports import export_registrations

        export_registrations(self, self.ctx, self.shown_year())   # the list on screen

    def refresh(self) -> None:
        self._year = self.year.year() or self._year
        rows = feedback.attempt(self, lambda: ops.registrations(self.ctx.store, self._year),
                                self.ctx.store) or []
        self._rows = rows
        catalog = self.ctx.catalog
        self.table.setRowCount(len(rows))
        for i, reg in enumerate(rows):
            values = (reg.subject_name, catalog.name_of(reg.target),
                      format_date(reg.registered_on), reg.note)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, reg.id)
                self.table.setItem(i, col, item)
        titles = len({r.target for r in rows})
        self.summary.setText(_("{n} lượt đăng ký, {t} danh hiệu").format(n=len(rows), t=titles))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current() is not None)

    def current(self) -> Registration | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _select(self, reg_id: int | None) -> None:
        for i, reg in enumerate(self._rows):
            if reg.id == reg_id:
                self.table.selectRow(i)
                return

    def add(self) -> None:
        dialog = RegistrationDialog(self.ctx, self.shown_year(), self)
        if dialog.exec() and dialog.registration is not None:
            self.refresh()
            self._select(dialog.registration.id)
            self.changed.emit(dialog.changes)

    def remove_current(self) -> None:
        reg = self.current()
        if reg is None or reg.id is None:
            return
        answer = QMessageBox.question(
            self, _("Hủy đăng ký?"),
            _("Hủy đăng ký “{t}” năm {y} của {name}?").format(
                t=self.ctx.catalog.name_of(reg.target), y=reg.year, name=reg.subject_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        rid, row = reg.id, self.table.currentRow()
        done = feedback.attempt(self, lambda: ops.unregister(self.ctx.store, rid,
                                                              self.ctx.actor), self.ctx.store)
        self.refresh()
        if done is None:
            return
        self._removed, changes = done
        self.undo_action.setEnabled(True)
        self.undo_button.setVisible(True)
        if self._rows:
            self.table.selectRow(min(row, len(self._rows) - 1))
        self.changed.emit(changes)

    def undo(self) -> None:
        removed = self._removed
        if removed is None:
            return
        ctx = self.ctx
        done = feedback.attempt(self, lambda: ops.undo_unregister(ctx.store, ctx.catalog,
                                                                   removed, ctx.actor),
                                ctx.store)
        self._removed = None
        self.undo_action.setEnabled(False)
        self.undo_button.setVisible(False)
        if done is not None:
            restored, changes = done
            if self.shown_year() != restored.year:
                self.year.setValue(restored.year)
            self.refresh()
            self._select(restored.id)
            self.changed.emit(changes)
