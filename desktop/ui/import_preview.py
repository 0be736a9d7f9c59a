"""The last two pages of the import wizard: every row checked (with the choice between
all-or-nothing and skipping the bad rows), and the result with the report of what was
skipped. The report can be copied or saved as a CSV file Excel opens."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.operations import importing as imp
from desktop.ui.feedback import attempt

if TYPE_CHECKING:
    from desktop.ui.import_wizard import ImportWizard

ERROR_BACKGROUND = QColor("#fde2e1")
ERROR_TEXT = QColor("#a40000")
_Index = QModelIndex | QPersistentModelIndex


def fill_column_choices(combos: Mapping[str, QComboBox], table: imp.RawTable) -> int | None:
    """Offer the table's columns in each field's choice, preselecting the column its header
    suggests; returns the rating year the headers name, if any (both import windows)."""
    guess = imp.guess_mapping(table.headers)
    for key, combo in combos.items():
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("— Không nhập —"), -1)
        for i in range(len(table.headers)):
            combo.addItem(table.column_label(i), i)
        combo.setCurrentIndex(guess.get(key, -1) + 1)
        combo.blockSignals(False)
    return imp.guess_rating_year(table.headers, guess)


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #a40000;")
    label.hide()
    return label


def show_error(label: QLabel, exc: UserError | None) -> None:
    if exc is None:
        label.clear()
        label.hide()
        return
    lines = [exc.message]
    if isinstance(exc, ValidationError):
        lines += [p.message for p in exc.problems[:20] if p.message not in exc.message]
    if exc.hint:
        lines.append(exc.hint)
    label.setText("\n".join(lines))
    label.show()


def save_report_as(parent: QWidget, suggested: str, problems: Sequence[imp.RowProblem]
                   ) -> Path | None:
    """Ask where, then write the report as CSV; None when the officer cancelled."""
    name, _filter = QFileDialog.getSaveFileName(parent, _("Lưu báo cáo các dòng lỗi"),
                                                suggested, _("Tệp CSV (*.csv)"))
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".csv") else Path(name + ".csv")
    def save() -> bool:
        imp.save_report(path, problems)
        return True

    return path if attempt(parent, save) else None


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
        shown = set(preview.mapping) if preview else set()
        if preview:  # the values chosen for the whole file are shown as they will be saved
            shown |= {d.key for d in preview.defaults if d.must_confirm}
        self.keys = [f.key for f in imp.FIELDS if f.key in shown and f.key != "family_name"]
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
                    return _("Hợp lệ; lưu ý: {what}").format(
                        what="; ".join(n.message for n in row.notices)) if row.notices \
                        else _("Hợp lệ")
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
        if role == Qt.ItemDataRole.ToolTipRole and (row.problems or row.notices):
            return "\n".join(p.text() for p in (*row.problems, *row.notices))
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
        label = imp.BY_KEY[key].label
        if key == "rating" and self.preview and self.preview.rating_year:
            return f"{label} {self.preview.rating_year}"
        return label


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Kiểm tra trước khi nhập"))
        self.setSubTitle(_("Mọi dòng được kiểm tra; chưa có gì được ghi cho đến khi bấm "
                           "“Nhập vào danh sách”."))
        self.setCommitPage(True)
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
        # Names typed in capitals: changed only when the officer ticks this (shown with the
        # count and an example, and only when the file has such names)
        self.fix_case = QCheckBox()
        self.fix_case.setVisible(False)
        self.fix_case.toggled.connect(self._fix_case_toggled)
        self.all_or_nothing = QRadioButton(_("Chỉ nhập khi &mọi dòng hợp lệ (tất cả hoặc "
                                             "không)"))
        self.skip_bad = QRadioButton(_("&Bỏ qua các dòng lỗi, nhập các dòng hợp lệ (có báo "
                                       "cáo các dòng bỏ qua)"))
        self.all_or_nothing.setChecked(True)
        self.choice = QButtonGroup(self)
        for button in (self.all_or_nothing, self.skip_bad):
            self.choice.addButton(button)
            button.toggled.connect(self._choice_changed)
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        self.errors.setMaximumHeight(110)
        self.errors.setTabChangesFocus(True)
        errors_label = QLabel(_("Danh sách &dòng lỗi và lưu ý:"))
        errors_label.setBuddy(self.errors)
        self.reload = QPushButton(_("Tải lại tệ&p"))
        self.reload.setToolTip(_("Đọc lại tệp sau khi đã sửa và lưu trong Excel."))
        self.reload.clicked.connect(self._wizard.reload)
        self.copy = QPushButton(_("&Chép danh sách lỗi"))
        self.copy.clicked.connect(self.copy_errors)
        self.save = QPushButton(_("Lưu báo cáo &vào tệp…"))
        self.save.clicked.connect(self.save_errors)
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_errors)
        buttons.addStretch(1)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.save)
        buttons.addWidget(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.advice)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.fix_case)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.skip_bad)
        layout.addWidget(errors_label)
        layout.addWidget(self.errors)
        layout.addWidget(self.error)

    @property
    def skip_bad_rows(self) -> bool:
        return self.skip_bad.isChecked()

    def initializePage(self) -> None:
        self._wizard.make_preview()

    def cleanupPage(self) -> None:
        show_error(self.error, None)

    @property
    def fix_name_case(self) -> bool:
        return self.fix_case.isChecked()

    def _fix_case_toggled(self, _checked: bool) -> None:
        self._wizard.make_preview()  # the names as they will be saved, checked again

    def _show_name_case(self, offer: imp.NameCaseOffer | None) -> None:
        self.fix_case.setVisible(offer is not None)
        if offer is not None:  # Alt+H; a "&" in a name is shown as typed, not as a mnemonic
            self.fix_case.setText(_("{n} tên viết HOA toàn bộ (như “{before}”): c&huyển "
                                    "thành “{after}”?").format(
                n=offer.count, before=offer.example.replace("&", "&&"),
                after=offer.example_fixed.replace("&", "&&")))

    def _choice_changed(self, *_args: object) -> None:
        self._advise(self.model.preview)
        self.completeChanged.emit()

    def show_preview(self, preview: imp.ImportPreview | None, error: UserError | None) -> None:
        self.model.set_preview(preview)
        self._show_name_case(preview.name_case if preview else None)
        show_error(self.error, error)
        if preview is None:
            self.summary.setText(_("Chưa kiểm tra được tệp."))
            self.advice.clear()
            self.errors.clear()
        else:
            summary = _("{ok} dòng hợp lệ, {bad} dòng lỗi").format(
                ok=preview.valid_count, bad=preview.error_count)
            if preview.birth_date_missing:
                summary += _("; {n} dòng chưa có ngày sinh (vẫn nhập được)").format(
                    n=preview.birth_date_missing)
            self.summary.setText(summary)
            lines = [p.text() for p in preview.problems]
            lines += [_("Lưu ý: {text}").format(text=n.text()) for n in preview.notices]
            self.errors.setPlainText("\n".join(lines) or _("Không có dòng lỗi."))
            for col in range(self.model.status_column):
                self.view.resizeColumnToContents(col)
            self._advise(preview)
        has_errors = bool(preview and preview.problems)
        self.copy.setEnabled(has_errors)
        self.save.setEnabled(has_errors)
        self.skip_bad.setEnabled(has_errors)
        self.completeChanged.emit()

    def _advise(self, preview: imp.ImportPreview | None) -> None:
        if preview is None:
            return
        if preview.unconfirmed:
            advice = _("Chưa chọn giá trị cho: {names}. Hãy quay lại bước trước.").format(
                names=", ".join(d.label for d in preview.unconfirmed))
        elif preview.ok:
            advice = _("Không có lỗi. Bấm “Nhập vào danh sách” để thêm {n} người.").format(
                n=preview.valid_count)
        elif self.skip_bad_rows and preview.valid_count:
            advice = _("Sẽ nhập {n} người và bỏ qua {bad} dòng lỗi; danh sách các dòng bỏ qua "
                       "được giữ lại để chép hoặc lưu sau khi nhập.").format(
                n=preview.valid_count, bad=preview.error_count)
        else:
            advice = _("Chưa nhập được: hãy sửa các dòng lỗi trong tệp (số dòng là số dòng "
                       "trong Excel), lưu tệp rồi bấm “Tải lại tệp”; hoặc chọn bỏ qua các dòng "
                       "lỗi. Chưa có gì được ghi.")
        if preview.blank_rows:
            advice += " " + _("Bỏ qua {n} dòng không có dữ liệu ở các cột đã chọn.").format(
                n=len(preview.blank_rows))
        self.advice.setText(advice)

    def copy_errors(self) -> None:
        preview = self.model.preview
        if preview and preview.problems:
            title = _("Lỗi khi nhập tệp {name}:").format(name=preview.source_name)
            QGuiApplication.clipboard().setText(imp.report_text(title, preview.problems))

    def save_errors(self) -> None:
        preview = self.model.preview
        if preview and preview.problems:
            save_report_as(self, _report_name(preview.source_name), preview.problems)

    def isComplete(self) -> bool:
        preview = self.model.preview
        return preview is not None and preview.can_import(self.skip_bad_rows)

    def validatePage(self) -> bool:
        return self._wizard.commit()


def _report_name(source: str) -> str:
    return _("bao-cao-nhap-{name}.csv").format(name=Path(source).stem)


class ResultPage(QWizardPage):
    """What was written, and what was skipped (with the report to copy or save)."""

    def __init__(self, source_name: Callable[[], str]) -> None:
        super().__init__()
        self._source_name = source_name
        self.setTitle(_("Đã nhập xong"))
        self.setSubTitle(_("Những người đã nhập có trong danh sách; có thể sửa từng người như "
                           "thường."))
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        # at the top, not floating mid-page when there is no list of skipped rows below
        self.result_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        font = self.result_text.font()
        font.setBold(True)
        self.result_text.setFont(font)
        self.skipped = QPlainTextEdit()
        self.skipped.setReadOnly(True)
        self.skipped.setTabChangesFocus(True)
        self.skipped_label = QLabel(_("Các dòng đã &bỏ qua (chưa nhập):"))
        self.skipped_label.setBuddy(self.skipped)
        self.copy = QPushButton(_("&Chép báo cáo"))
        self.copy.clicked.connect(self.copy_report)
        self.save = QPushButton(_("Lưu báo cáo &vào tệp…"))
        self.save.clicked.connect(self.save_report)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_text)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped, 1)
        layout.addLayout(buttons)
        self.outcome: imp.ImportResult | None = None

    def show_result(self, result: imp.ImportResult) -> None:
        self.outcome = result
        text = _("Đã nhập {n} người vào danh sách.").format(n=result.imported)
        if result.skipped:
            text += " " + _("Đã bỏ qua {n} dòng lỗi; hãy sửa các dòng này trong tệp rồi nhập "
                            "riêng.").format(n=len(result.skipped_rows))
        if result.without_birth_date:
            text += " " + _("{n} người chưa có ngày sinh: hãy bổ sung (mở từng người, F2) "
                            "trước khi lập hồ sơ khen thưởng.").format(
                                n=result.without_birth_date)
        self.result_text.setText(text)
        self.skipped.setPlainText("\n".join(p.text() for p in result.skipped))
        for widget in (self.skipped_label, self.skipped, self.copy, self.save):
            widget.setVisible(bool(result.skipped))

    def copy_report(self) -> None:
        if self.outcome and self.outcome.skipped:
            title = _("Các dòng bỏ qua khi nhập tệp {name}:").format(name=self._source_name())
            QGuiApplication.clipboard().setText(imp.report_text(title, self.outcome.skipped))

    def save_report(self) -> None:
        if self.outcome and self.outcome.skipped:
            save_report_as(self, _report_name(self._source_name()), self.outcome.skipped)
