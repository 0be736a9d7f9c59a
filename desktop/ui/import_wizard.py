"""Import people from an Excel or CSV staff list: choose the file, match the columns, check
every row, then write all of them at once (or nothing).

The main window opens it with `w = ImportWizard(ctx, self); if w.exec(): refresh(w.changes)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.operations import importing as imp
from desktop.ui.context import AppContext
from desktop.ui.runner import run_with_progress

SAMPLE_ROWS = 5
WIZARD_KEYS = ("t", "q")  # Alt+T next, Alt+Q back: the field labels leave these alone
ERROR_BACKGROUND = QColor("#fde2e1")
ERROR_TEXT = QColor("#a40000")
_Index = QModelIndex | QPersistentModelIndex


def _captured(work: Any) -> Any:
    """Run `work`, returning an expected UserError instead of raising it, so the wizard can
    show it on the page itself rather than in a separate message box."""
    def run() -> Any:
        try:
            return work()
        except UserError as exc:
            return exc
    return run


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #a40000;")
    label.hide()
    return label


def _show_error(label: QLabel, exc: UserError | None) -> None:
    if exc is None:
        label.clear()
        label.hide()
        return
    lines = [exc.message]
    if isinstance(exc, ValidationError):
        lines += [p.message for p in exc.problems[:20] if p.message not in exc.message]
    if exc.hint:
        lines.append(exc.hint)
    text = "\n".join(lines)
    label.setText(text)
    label.show()


def _with_mnemonic(text: str, used: set[str]) -> str:
    """Put '&' before the first ASCII letter not yet used on the page (Alt+letter)."""
    for i, ch in enumerate(text):
        key = ch.lower()
        if key.isascii() and key.isalpha() and key not in used:
            used.add(key)
            return text[:i] + "&" + text[i:]
    return text


# ---- page 1: the file ------------------------------------------------------------------------


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Chọn tệp danh sách"))
        self.setSubTitle(_("Bảng tính Excel (.xlsx) hoặc tệp CSV xuất từ Excel. Chưa có gì được "
                           "ghi vào danh sách cho đến bước cuối."))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_("Chưa chọn tệp"))
        self.browse = QPushButton(_("&Chọn tệp…"))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.sheet.activated.connect(self._sheet_chosen)
        sheet_label = QLabel(_("T&rang tính:"))
        sheet_label.setBuddy(self.sheet)
        form = QFormLayout()
        file_label = QLabel(_("Tệp:"))
        form.addRow(file_label, row)
        form.addRow(sheet_label, self.sheet)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = _error_label()
        hint = QLabel(_("Dòng tiêu đề cột được tự nhận ra, kể cả khi phía trên có tên bảng "
                        "(“DANH SÁCH CÁN BỘ…”). Tệp CSV cần lưu ở mã UTF-8."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(hint)
        self.setTabOrder(self.browse, self.sheet)

    def _browse(self) -> None:
        start = str(self._wizard.path.parent) if self._wizard.path else ""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp danh sách"), start, _("Bảng tính (*.xlsx *.csv)"))
        if name:
            self._wizard.load_file(Path(name))

    def _sheet_chosen(self, index: int) -> None:
        name = self.sheet.itemText(index)
        table = self._wizard.table
        if self._wizard.path and table and name != table.sheet:
            self._wizard.load_file(self._wizard.path, sheet=name)

    def show_table(self, path: Path, table: imp.RawTable | None, error: UserError | None
                   ) -> None:
        self.path_edit.setText(str(path))
        _show_error(self.error, error)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if table is not None:
            self.sheet.addItems(list(table.sheet_names))
            if table.sheet:
                self.sheet.setCurrentText(table.sheet)
            self.status.setText(
                _("Đọc được {n} dòng dữ liệu{where}; dòng tiêu đề cột là dòng {h}.").format(
                    n=len(table.rows), h=table.header_row,
                    where=_(" từ trang “{s}”").format(s=table.sheet) if table.sheet else ""))
        else:
            self.status.clear()
        self.sheet.setEnabled(table is not None and len(table.sheet_names) > 1)
        self.sheet.blockSignals(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.table is not None


# ---- page 2: the columns ---------------------------------------------------------------------


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._shown_for: tuple[str, tuple[str, ...]] | None = None  # (sheet, headers)
        self.setTitle(_("Ghép cột"))
        self.setSubTitle(_("Chọn cột trong tệp ứng với từng thông tin. Cột đã được đoán sẵn theo "
                           "tiêu đề; chỉ “Họ và tên” là bắt buộc."))
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        used = set(WIZARD_KEYS)
        for f in imp.FIELDS:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._changed)
            label = QLabel(_with_mnemonic(f.label + ":", used))
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[f.key] = combo
        self.year = QSpinBox()
        today = wizard.context.today()
        self.year.setRange(1945, today.year)
        self.year.setValue(today.year - 1)
        self.year.valueChanged.connect(self._changed)
        year_label = QLabel(_with_mnemonic(_("Năm của cột xếp loại:"), used))
        year_label.setBuddy(self.year)
        form.addRow(year_label, self.year)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.setMaximumHeight(170)
        self.sample.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.warning = _error_label()
        sample_title = QLabel(_("Mấy dòng đầu của tệp:"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(sample_title)
        layout.addWidget(self.sample)

    def initializePage(self) -> None:
        table = self._wizard.table
        assert table is not None
        self.show_table(table)

    def show_table(self, table: imp.RawTable) -> None:
        """Show the sample; guess the columns again only if the headers changed, so the
        officer's own choices survive going back and reloading a corrected file."""
        key = (table.sheet, table.headers)
        if key != self._shown_for:
            self._shown_for = key
            self._guess(table)
        rows = table.rows[:SAMPLE_ROWS]
        self.sample.clear()
        self.sample.setColumnCount(len(table.headers))
        self.sample.setRowCount(len(rows))
        self.sample.setHorizontalHeaderLabels([table.column_label(i)
                                               for i in range(len(table.headers))])
        self.sample.setVerticalHeaderLabels([str(r.number) for r in rows])
        for r, raw in enumerate(rows):
            for c, value in enumerate(raw.cells):
                self.sample.setItem(r, c, QTableWidgetItem(imp.display_value(value)))
        self.sample.resizeColumnsToContents()
        self._changed()

    def _guess(self, table: imp.RawTable) -> None:
        guess = imp.guess_mapping(table.headers)
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("— Không nhập —"), -1)
            for i in range(len(table.headers)):
                combo.addItem(table.column_label(i), i)
            combo.setCurrentIndex(guess.get(key, -1) + 1)
            combo.blockSignals(False)
        year = imp.guess_rating_year(table.headers, guess)
        if year is not None and self.year.minimum() <= year <= self.year.maximum():
            self.year.setValue(year)

    def mapping(self) -> dict[str, int]:
        return {k: int(c.currentData()) for k, c in self.combos.items()
                if c.currentData() is not None and int(c.currentData()) >= 0}

    def rating_year(self) -> int | None:
        return self.year.value() if "rating" in self.mapping() else None

    def _problem(self) -> str:
        mapping = self.mapping()
        if "full_name" not in mapping:
            return _("Hãy chọn cột “Họ và tên”.")
        columns = list(mapping.values())
        for col in columns:
            if columns.count(col) > 1:
                table = self._wizard.table
                label = table.column_label(col) if table else str(col)
                return _("Cột {col} đang được chọn cho hai thông tin; mỗi cột chỉ chọn một lần."
                         ).format(col=label)
        return ""

    def _changed(self, *_args: object) -> None:
        self.year.setEnabled("rating" in self.mapping())
        problem = self._problem()
        self.warning.setText(problem)
        self.warning.setVisible(bool(problem))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.table is not None and not self._problem()


# ---- page 3: the check -----------------------------------------------------------------------


class PreviewModel(QAbstractTableModel):
    """Every row of the preview (or only the bad ones), with its status; cheap at 50,000."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: imp.ImportPreview | None = None
        self.keys: list[str] = []
        self.only_errors = False
        self._rows: list[imp.PreviewRow] = []

    def set_preview(self, preview: imp.ImportPreview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        mapping = preview.mapping if preview else {}
        self.keys = [f.key for f in imp.FIELDS if f.key in mapping and f.key != "family_name"]
        self._refilter()
        self.endResetModel()

    def set_only_errors(self, only: bool) -> None:
        self.beginResetModel()
        self.only_errors = only
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        rows = list(self.preview.rows) if self.preview else []
        self._rows = [r for r in rows if not r.ok] if self.only_errors else rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self.keys)

    @property
    def status_column(self) -> int:
        """Last, so the values stay readable and the reasons get the rest of the width."""
        return 1 + len(self.keys)

    def row_at(self, index: int) -> imp.PreviewRow:
        return self._rows[index]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(row.row)
            if col == self.status_column:
                if row.ok:
                    return _("Hợp lệ")
                return _("Lỗi: {why}").format(why="; ".join(p.message for p in row.problems))
            value = row.values.get(self.keys[col - 1], "")
            if not value and self._cell_has_problem(row, col):
                return _("(trống)")
            return value
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return ERROR_BACKGROUND
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) and \
                self._cell_has_problem(row, col):
            if role == Qt.ItemDataRole.ForegroundRole:
                return ERROR_TEXT
            font = QFont()
            font.setBold(True)
            font.setUnderline(True)  # not only colour tells which cell is wrong
            return font
        if role == Qt.ItemDataRole.ToolTipRole and not row.ok:
            return "\n".join(p.text() for p in row.problems)
        return None

    def _cell_has_problem(self, row: imp.PreviewRow, col: int) -> bool:
        if row.ok or col == 0 or col >= self.status_column:
            return False
        key = self.keys[col - 1]
        return any(p.field == key for p in row.problems)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return _("Dòng")
        if section == self.status_column:
            return _("Trạng thái")
        key = self.keys[section - 1]
        label = next(f.label for f in imp.FIELDS if f.key == key)
        if key == "rating" and self.preview and self.preview.rating_year:
            return f"{label} {self.preview.rating_year}"
        return label


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Kiểm tra trước khi nhập"))
        self.setSubTitle(_("Mọi dòng được kiểm tra; chỉ khi không còn dòng lỗi mới nhập được, và "
                           "khi đó nhập tất cả cùng một lúc."))
        self.summary = QLabel()
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.model = PreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(200)  # not all 50,000 rows
        self.only_errors = QCheckBox(_("Chỉ hiện các dòng &lỗi"))
        self.only_errors.toggled.connect(self.model.set_only_errors)
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        self.errors.setMaximumHeight(140)
        self.errors.setTabChangesFocus(True)
        errors_label = QLabel(_("Danh sách &dòng lỗi:"))
        errors_label.setBuddy(self.errors)
        self.reload = QPushButton(_("Tải lại tệ&p"))
        self.reload.setToolTip(_("Đọc lại tệp sau khi đã sửa và lưu trong Excel."))
        self.reload.clicked.connect(self._reload)
        self.copy = QPushButton(_("&Chép danh sách lỗi"))
        self.copy.clicked.connect(self.copy_errors)
        self.error = _error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_errors)
        buttons.addStretch(1)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.advice)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(errors_label)
        layout.addWidget(self.errors)
        layout.addWidget(self.error)
        self.setTabOrder(self.view, self.only_errors)
        self.setTabOrder(self.only_errors, self.copy)
        self.setTabOrder(self.copy, self.reload)
        self.setTabOrder(self.reload, self.errors)

    def initializePage(self) -> None:
        self._wizard.make_preview()

    def cleanupPage(self) -> None:
        _show_error(self.error, None)

    def show_preview(self, preview: imp.ImportPreview | None, error: UserError | None) -> None:
        self.model.set_preview(preview)
        _show_error(self.error, error)
        if preview is None:
            self.summary.setText(_("Chưa kiểm tra được tệp."))
            self.advice.clear()
            self.errors.clear()
        else:
            self.summary.setText(_("{ok} dòng hợp lệ, {bad} dòng lỗi").format(
                ok=preview.valid_count, bad=preview.error_count))
            if preview.ok:
                advice = _("Không có lỗi. Bấm “Nhập vào danh sách” để thêm {n} người.").format(
                    n=preview.valid_count)
            else:
                advice = _("Chưa nhập được: hãy sửa các dòng lỗi trong tệp (số dòng là số dòng "
                           "trong Excel), lưu tệp rồi bấm “Tải lại tệp”. Chưa có gì được ghi.")
            if preview.blank_rows:
                advice += " " + _("Bỏ qua {n} dòng không có dữ liệu ở các cột đã chọn.").format(
                    n=len(preview.blank_rows))
            self.advice.setText(advice)
            self.errors.setPlainText(preview.problems_text() or _("Không có dòng lỗi."))
            for col in range(self.model.status_column):
                self.view.resizeColumnToContents(col)
        self.copy.setEnabled(bool(preview and preview.problems))
        self.completeChanged.emit()

    def copy_errors(self) -> None:
        preview = self.model.preview
        if preview and preview.problems:
            header = _("Lỗi khi nhập tệp {name}:").format(name=preview.source_name)
            QGuiApplication.clipboard().setText(header + "\n" + preview.problems_text())

    def _reload(self) -> None:
        self._wizard.reload()

    def isComplete(self) -> bool:
        preview = self.model.preview
        return preview is not None and preview.ok

    def validatePage(self) -> bool:
        return self._wizard.commit()


# ---- the wizard ------------------------------------------------------------------------------


class ImportWizard(QWizard):
    """After exec() returns Accepted: `changes` and `imported` say what was written."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.table: imp.RawTable | None = None
        self.preview: imp.ImportPreview | None = None
        self.changes = Changes()
        self.imported = 0
        self.setWindowTitle(_("Nhập danh sách từ Excel/CSV"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Tiếp >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Nhập vào danh sách"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Hủy"))  # Esc
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.resize(900, 640)

    # The steps, callable from tests without the file dialog.

    def load_file(self, path: Path, sheet: str | None = None, *, reloading: bool = False
                  ) -> bool:
        path = Path(path)
        result = run_with_progress(
            self, _("Đang đọc tệp {name}…").format(name=path.name),
            _captured(lambda: imp.read_table(path, sheet, sheet_may_be_gone=reloading)))
        self.path = path
        if isinstance(result, imp.RawTable):
            self.table = result
            self.file_page.show_table(path, result, None)
            return True
        self.table = None
        self.file_page.show_table(path, None, result if isinstance(result, UserError) else None)
        return False

    def make_preview(self) -> None:
        table = self.table
        if table is None:
            self.preview = None
            self.preview_page.show_preview(None, None)
            return
        mapping = self.mapping_page.mapping()
        options = imp.ImportOptions(today=self.context.today(),
                                    rating_year=self.mapping_page.rating_year())
        ctx = self.context
        result = run_with_progress(
            self, _("Đang kiểm tra {n} dòng…").format(n=len(table.rows)),
            _captured(lambda: imp.preview(ctx.store, ctx.catalog, table, mapping, options)))
        self.preview = result if isinstance(result, imp.ImportPreview) else None
        self.preview_page.show_preview(self.preview,
                                       result if isinstance(result, UserError) else None)

    def reload(self) -> None:
        """Read the file again (the officer fixed it in Excel) and check it again."""
        if self.path is None:
            return
        old = self.table
        sheet = old.sheet if old and old.sheet else None
        if not self.load_file(self.path, sheet, reloading=True):
            self.preview = None
            self.preview_page.show_preview(None, self.file_page_error())
            return
        assert self.table is not None
        self.mapping_page.show_table(self.table)  # guesses again only if the columns moved
        self.make_preview()

    def file_page_error(self) -> UserError:
        return UserError(self.file_page.error.text() or _("Không đọc được tệp."))

    def commit(self) -> bool:
        preview = self.preview
        if preview is None or not preview.ok:
            return False
        ctx = self.context
        name = self.path.name if self.path else preview.source_name
        result = run_with_progress(
            self, _("Đang nhập {n} người…").format(n=len(preview.rows)),
            _captured(lambda: imp.commit_import(ctx.store, ctx.catalog, preview, ctx.actor,
                                                name)))
        if isinstance(result, UserError) or result is None:
            if isinstance(result, UserError):
                self.make_preview()  # e.g. someone added one of these people meanwhile
                _show_error(self.preview_page.error, result)
            return False
        self.imported, self.changes = result.imported, result.changes
        return True
