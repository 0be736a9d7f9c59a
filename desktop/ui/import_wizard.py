"""Import people from an Excel or CSV staff list: choose the file, match the columns, choose
the values for what the file does not say, check every row, then write all of them at once
(or nothing), or, when the officer chooses, the valid rows with a report of what was skipped.

The main window opens it with `w = ImportWizard(ctx, self); if w.exec(): refresh(w.changes)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.operations import importing as imp
from desktop.ui.context import AppContext
from desktop.ui.drafts import ask_abandon
from desktop.ui.help_window import install_help
from desktop.ui.import_preview import (
    ERROR_BACKGROUND,
    ERROR_TEXT,
    PreviewModel,
    PreviewPage,
    ResultPage,
    error_label,
    fill_column_choices,
    show_error,
)
from desktop.ui.numbers import NumberField
from desktop.ui.runner import run_with_progress

__all__ = ["ERROR_BACKGROUND", "ERROR_TEXT", "ImportWizard", "PreviewModel"]

SAMPLE_ROWS = 5
WIZARD_KEYS = ("t", "q")  # Alt+T next, Alt+Q back: the field labels leave these alone
AUTO = ""  # the encoding combo's "detect it" entry


def _captured(work: Any) -> Any:
    """Run `work`, returning an expected UserError instead of raising it, so the wizard can
    show it on the page itself rather than in a separate message box."""
    def run() -> Any:
        try:
            return work()
        except UserError as exc:
            return exc
    return run


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
        self.setSubTitle(_("Bảng tính Excel (.xlsx, .xls) hoặc tệp CSV xuất từ Excel. Chưa có "
                           "gì được ghi vào danh sách cho đến bước cuối."))
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
        self.encoding = QComboBox()
        self.encoding.addItem(_("Tự nhận ra"), AUTO)
        for codec in imp.ENCODINGS:
            self.encoding.addItem(imp.encoding_label(codec), codec)
        self.encoding.setEnabled(False)
        self.encoding.activated.connect(self._encoding_chosen)
        encoding_label = QLabel(_("&Bảng mã (tệp CSV):"))
        encoding_label.setBuddy(self.encoding)
        form = QFormLayout()
        form.addRow(QLabel(_("Tệp:")), row)
        form.addRow(sheet_label, self.sheet)
        form.addRow(encoding_label, self.encoding)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        hint = QLabel(_("Dòng tiêu đề cột được tự nhận ra, kể cả khi phía trên có tên bảng "
                        "(“DANH SÁCH CÁN BỘ…”). Tệp CSV được nhận ra bảng mã: UTF-8 (có hoặc "
                        "không có BOM), Windows-1258 (CSV của Excel trên Windows tiếng Việt), "
                        "UTF-16 (“Văn bản Unicode”); nếu chữ tiếng Việt hiện sai, hãy chọn "
                        "bảng mã khác."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(hint)
        self.setTabOrder(self.browse, self.sheet)
        self.setTabOrder(self.sheet, self.encoding)

    def _browse(self) -> None:
        start = str(self._wizard.path.parent) if self._wizard.path else ""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp danh sách"), start,
            _("Bảng tính (*.xlsx *.xlsm *.xls *.csv *.txt)"))
        if name:
            self.encoding.setCurrentIndex(0)
            self._wizard.load_file(Path(name))

    def _sheet_chosen(self, index: int) -> None:
        name = self.sheet.itemText(index)
        table = self._wizard.table
        if self._wizard.path and table and name != table.sheet:
            self._wizard.load_file(self._wizard.path, sheet=name)

    def _encoding_chosen(self, _index: int) -> None:
        if self._wizard.path:
            self._wizard.load_file(self._wizard.path)

    def chosen_encoding(self) -> str | None:
        return self.encoding.currentData() or None

    def show_table(self, path: Path, table: imp.RawTable | None, error: UserError | None
                   ) -> None:
        self.path_edit.setText(str(path))
        show_error(self.error, error)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if table is not None:
            self.sheet.addItems(list(table.sheet_names))
            if table.sheet:
                self.sheet.setCurrentText(table.sheet)
            self.status.setText(_("Đọc được {n} dòng dữ liệu. {how}.").format(
                n=len(table.rows), how=table.describe()))
        else:
            self.status.clear()
        self.sheet.setEnabled(table is not None and len(table.sheet_names) > 1)
        self.sheet.blockSignals(False)
        is_text = path.suffix.lower() in (".csv", ".txt", ".tsv") and (
            table is None or table.format == "csv")
        self.encoding.setEnabled(is_text)
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
        today = wizard.context.today()
        # typed, never clamped: a year ahead of this one is refused with its reason
        self.year = NumberField(1945, today.year, today.year - 1, width=70)
        self.year.setMaximum(today.year, _("năm nay"))
        self.year.valueChanged.connect(self._changed)
        year_label = QLabel(_with_mnemonic(_("Năm của cột xếp loại:"), used))
        year_label.setBuddy(self.year)
        form.addRow(year_label, self.year)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.setMaximumHeight(170)
        self.sample.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.warning = error_label()
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
        year = fill_column_choices(self.combos, table)
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
        if "rating" in mapping and not self.year.is_valid():
            return _("Năm của cột xếp loại: {p}").format(p=self.year.problem())
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


# ---- page 3: the values for what the file does not say ---------------------------------------


class _DefaultsPage(QWizardPage):
    """Every field some rows have no value for. Where an empty value would state a fact
    (everyone a cán bộ, công chức, viên chức; everyone Kinh), the officer chooses the value
    for the file; nothing is preselected. The fields left empty are listed."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Thông tin tệp không có"))
        self.setSubTitle(_("Các dòng không có những thông tin dưới đây. Hãy chọn giá trị sẽ "
                           "ghi cho họ: giá trị sai làm sai tỷ lệ đối tượng, dân tộc trong hồ "
                           "sơ khen thưởng."))
        self.combos: dict[str, QComboBox] = {}
        self.needs: tuple[imp.DefaultNeed, ...] = ()
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.none_needed = QLabel(_("Tệp có đủ các thông tin cần chọn giá trị."))
        self.empty_fields = QLabel()
        self.empty_fields.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.none_needed)
        layout.addSpacing(12)
        layout.addWidget(self.empty_fields)
        layout.addStretch(1)

    def initializePage(self) -> None:
        table = self._wizard.table
        assert table is not None
        kept = self.values()
        self.needs = imp.needed_defaults(table, self._wizard.mapping_page.mapping(),
                                         imp.ImportOptions(today=self._wizard.context.today()),
                                         {})
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.combos.clear()
        used = set(WIZARD_KEYS)
        confirm = [d for d in self.needs if d.must_confirm]
        for row, need in enumerate(confirm):
            combo = self._combo(need.key, kept.get(need.key))
            label = QLabel(_with_mnemonic(need.label + ":", used))
            label.setBuddy(combo)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            why = QLabel(need.explain())
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(why, row, 1)
            self.grid.addWidget(combo, row, 2)
            self.combos[need.key] = combo
        self.none_needed.setVisible(not confirm)
        empty = [d for d in self.needs if not d.must_confirm]
        self.empty_fields.setText(_("Để trống, bổ sung sau trong hồ sơ từng người: {fields}.")
                                  .format(fields="; ".join(f"{d.label} ({d.explain()})"
                                                           for d in empty))
                                  if empty else "")
        self.completeChanged.emit()

    def _combo(self, key: str, kept: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("— Hãy chọn —"), None)
        for value, label in imp.default_choices(key):
            combo.addItem(label, value)
        if imp.BY_KEY[key].kind is imp.Kind.TEXT:
            combo.setEditable(True)  # any value the officer types ("Sán Dìu")
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = combo.lineEdit()
            if line is not None:
                line.setPlaceholderText(_("— Hãy chọn hoặc gõ —"))
            combo.setCurrentIndex(-1)
            combo.editTextChanged.connect(self._changed)
        combo.currentIndexChanged.connect(self._changed)
        if kept is not None:
            found = combo.findData(kept)
            if found >= 0:
                combo.setCurrentIndex(found)
            elif combo.isEditable():
                combo.setEditText(kept)
        return combo

    def _value(self, combo: QComboBox) -> str | None:
        if combo.isEditable():
            text = combo.currentText().strip()
            found = combo.findText(text)
            if found >= 0:
                data = combo.itemData(found)
                return None if data is None else str(data)
            return text or None
        data = combo.currentData()
        return None if data is None else str(data)

    def values(self) -> dict[str, str]:
        return {k: v for k, c in self.combos.items() if (v := self._value(c)) is not None}

    def _changed(self, *_args: object) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return all(self._value(c) is not None for c in self.combos.values())


# ---- the wizard ------------------------------------------------------------------------------


class ImportWizard(QWizard):
    """After exec() returns Accepted: `changes` and `imported` say what was written."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.table: imp.RawTable | None = None
        self.preview: imp.ImportPreview | None = None
        self.result_: imp.ImportResult | None = None
        self.changes = Changes()
        self.imported = 0
        self.setWindowTitle(_("Nhập danh sách từ Excel/CSV"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # written by then
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Tiếp >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Quay lại"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Nhập vào danh sách"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Xong"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Hủy"))  # Esc
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.defaults_page = _DefaultsPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(lambda: self.path.name if self.path else "")
        for page in (self.file_page, self.mapping_page, self.defaults_page, self.preview_page,
                     self.result_page):
            self.addPage(page)
        self.resize(1000, 680)  # fits a 1366×768 screen with the taskbar
        install_help(self, "nhap_excel")

    # The steps, callable from tests without the file dialog.

    def load_file(self, path: Path, sheet: str | None = None, *, reloading: bool = False
                  ) -> bool:
        path = Path(path)
        encoding = self.file_page.chosen_encoding()
        result = run_with_progress(
            self, _("Đang đọc tệp {name}…").format(name=path.name),
            _captured(lambda: imp.read_table(path, sheet, sheet_may_be_gone=reloading,
                                             encoding=encoding)))
        self.path = path
        if isinstance(result, imp.RawTable):
            self.table = result
            self.file_page.show_table(path, result, None)
            return True
        self.table = None
        self.file_page.show_table(path, None, result if isinstance(result, UserError) else None)
        return False

    def import_options(self) -> imp.ImportOptions:
        return imp.ImportOptions(today=self.context.today(),
                                 rating_year=self.mapping_page.rating_year(),
                                 defaults=self.defaults_page.values(),
                                 fix_name_case=self.preview_page.fix_name_case)

    def make_preview(self) -> None:
        table = self.table
        if table is None:
            self.preview = None
            self.preview_page.show_preview(None, None)
            return
        mapping = self.mapping_page.mapping()
        options = self.import_options()
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
        self.defaults_page.initializePage()  # the counts of empty cells may have changed
        self.make_preview()

    def file_page_error(self) -> UserError:
        return UserError(self.file_page.error.text() or _("Không đọc được tệp."))

    def commit(self) -> bool:
        preview = self.preview
        skip = self.preview_page.skip_bad_rows
        if preview is None or not preview.can_import(skip):
            return False
        ctx = self.context
        name = self.path.name if self.path else preview.source_name
        result = run_with_progress(
            self, _("Đang nhập {n} người…").format(n=preview.valid_count),
            _captured(lambda: imp.commit_import(ctx.store, ctx.catalog, preview, ctx.actor,
                                                name, skip_bad_rows=skip)))
        if isinstance(result, UserError) or result is None:
            if isinstance(result, UserError):
                self.make_preview()  # e.g. someone added one of these people meanwhile
                show_error(self.preview_page.error, result)
            return False
        self.result_ = result
        self.imported, self.changes = result.imported, result.changes
        self.result_page.show_result(result)
        return True

    def ask_abandon(self) -> bool:
        """True to close and drop the file chosen and the columns matched (a method, so
        tests can answer it)."""
        return ask_abandon(self, _("Đã chọn tệp “{name}” nhưng chưa nhập. Đóng và bỏ dở việc "
                                   "nhập danh sách?").format(
                                       name=self.path.name if self.path else ""))

    def reject(self) -> None:
        """Esc, "Hủy" and the close button: once people are written, closing reports them to
        the window; with a file chosen and nothing written yet, it asks first."""
        if self.imported:
            self.accept()
        elif self.path is None or self.ask_abandon():
            super().reject()
