"""“Nhập xếp loại năm từ tệp”: the year's ratings from an Excel/CSV list onto the people
already in the list (issue 12). One window: choose the file, check which column is which
(guessed from the headers, as in the people import), see every row with what will happen to
it (nhận ra theo CCCD / họ tên và ngày sinh, không tìm thấy, trùng tên, xếp loại không rõ),
then write. All rows or none, unless "bỏ qua các dòng lỗi" is ticked; the report of the rows
not written can be saved for Excel. One undo takes the whole import back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.model import Changes
from desktop.core.operations import importing as imp
from desktop.core.operations import ratings as ops
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.import_preview import (
    ERROR_BACKGROUND,
    error_label,
    fill_column_choices,
    save_report_as,
    show_error,
)
from desktop.ui.numbers import YearField
from desktop.ui.screen import resize_to_fit

_Index = QModelIndex | QPersistentModelIndex
_COLUMN_FIELDS = (("full_name", N_("Họ &và tên:")),
                  ("birth_date", N_("Ngày &sinh (hoặc năm sinh):")),
                  ("national_id", N_("Số CCCD/C&MND:")), ("rating", N_("&Xếp loại:")))


class RatingRowsModel(QAbstractTableModel):
    """Every row of the file with its outcome; bad rows first-glance red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[ops.RatingImportRow] = []
        self.rows: list[ops.RatingImportRow] = []
        self.only_bad = False

    def set_rows(self, rows: list[ops.RatingImportRow], only_bad: bool | None = None) -> None:
        self.beginResetModel()
        self.all_rows = rows
        if only_bad is not None:
            self.only_bad = only_bad
        self.rows = [r for r in rows if not r.ok] if self.only_bad else list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [str(r.row), r.name, r.birth, r.national_id,
                    str(r.year) if r.year else "", r.rating.short if r.rating else "",
                    r.before.short if r.before else "",
                    (_("Ghi: ") if r.code == ops.MATCHED else _("Giữ nguyên: ")
                     if r.code == ops.UNCHANGED else _("Lỗi: ")) + r.message][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and not r.ok:
            return ERROR_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.message} [{r.code}]"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [_("Dòng"), _("Họ và tên"), _("Ngày sinh"), _("Số CCCD"), _("Năm"),
                _("Xếp loại"), _("Đang có"), _("Kết quả")][section]


class RatingsImportDialog(QDialog):
    """After exec(): `changes` and `audit_id` (the import's undo entry) when written."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changes = Changes()
        self.audit_id: int | None = None
        self.path: Path | None = None
        self.table: imp.RawTable | None = None
        self.preview: ops.RatingsImportPreview | None = None
        self.setWindowTitle(_("Nhập xếp loại năm từ tệp Excel/CSV"))

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_("Chưa chọn tệp"))
        browse = QPushButton(_("&Chọn tệp…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(_("Tệp:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for i, (key, label) in enumerate(_COLUMN_FIELDS):
            combo = QComboBox()
            combo.setMinimumWidth(200)
            combo.activated.connect(lambda _i: self.refresh())
            self.combos[key] = combo
            buddy = QLabel(_(label))
            buddy.setBuddy(combo)
            grid.addWidget(buddy, i // 3, (i % 3) * 2)
            grid.addWidget(combo, i // 3, (i % 3) * 2 + 1)
        self.year_column = QComboBox()
        self.year_column.activated.connect(lambda _i: self.refresh())
        year_column_label = QLabel(_("Cộ&t năm (nếu có):"))
        year_column_label.setBuddy(self.year_column)
        grid.addWidget(year_column_label, 1, 2)
        grid.addWidget(self.year_column, 1, 3)
        self.year = YearField(year, 2000, ctx.today().year)
        self.year.yearChanged.connect(lambda _y: self.refresh())
        year_label = QLabel(_("&Năm xếp loại:"))
        year_label.setBuddy(self.year.edit)
        grid.addWidget(year_label, 1, 4)
        grid.addWidget(self.year, 1, 5)

        self.summary = QLabel(_("Tệp cần có cột họ tên, ngày sinh (hoặc năm sinh) và/hoặc số "
                                "CCCD, và cột xếp loại (HTXSNV, HTTNV, HTNV, KHTNV hoặc ghi đủ "
                                "chữ). Người được nhận ra theo số CCCD, nếu không có thì theo "
                                "họ tên và ngày sinh."))
        self.summary.setWordWrap(True)
        self.error = error_label()
        self.model = RatingRowsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        for col, width in enumerate((55, 200, 90, 110, 55, 80, 80)):
            self.view.setColumnWidth(col, width)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.only_bad = QCheckBox(_("Chỉ hiện dòng lỗ&i"))
        self.only_bad.toggled.connect(
            lambda on: self.model.set_rows(self.model.all_rows, only_bad=on))
        self.skip = QCheckBox(_("&Bỏ qua các dòng lỗi, ghi các dòng nhận ra được"))
        self.skip.toggled.connect(lambda _on: self._update_buttons())
        self.report_button = QPushButton(_("Lưu báo cáo các dòng &lỗi…"))
        self.report_button.clicked.connect(self.save_report)
        self.apply_button = QPushButton(_("&Ghi xếp loại"))
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = QPushButton(_("&Hoàn tác lần nhập này"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_bad)
        buttons.addWidget(self.skip)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)   # Enter in the year field writes nothing
        self._update_buttons()
        resize_to_fit(self, 1200, 700)

    # ---- the file ----

    def browse(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp xếp loại"), start, _("Bảng tính (*.xlsx *.xlsm *.xls *.csv *.txt)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        self.path = path
        self.path_edit.setText(str(path))
        try:
            self.table = imp.read_table(path)
        except UserError as exc:
            self.table = None
            self.preview = None
            self.model.set_rows([])
            show_error(self.error, exc)
            self._update_buttons()
            return
        table = self.table
        header_year = fill_column_choices(self.combos, table)
        guess = ops.guess_ratings_mapping(table.headers)
        self.year_column.clear()
        self.year_column.addItem(_("— Không có —"), -1)
        for i in range(len(table.headers)):
            self.year_column.addItem(table.column_label(i), i)
        self.year_column.setCurrentIndex(guess.get(ops.YEAR, -1) + 1)
        if header_year is not None and header_year <= self.ctx.today().year:
            self.year.setValue(header_year)
        self.refresh()

    def mapping(self) -> dict[str, int]:
        chosen = {key: int(c.currentData()) for key, c in self.combos.items()
                  if c.currentData() is not None and int(c.currentData()) >= 0}
        if self.year_column.currentData() is not None and int(self.year_column.currentData()) >= 0:
            chosen[ops.YEAR] = int(self.year_column.currentData())
        return chosen

    def refresh(self) -> None:
        if self.table is None:
            return
        try:
            self.preview = ops.preview_ratings(store=self.ctx.store, table=self.table,
                                               mapping=self.mapping(), year=self.year.year(),
                                               today=self.ctx.today())
        except UserError as exc:
            self.preview = None
            self.model.set_rows([])
            show_error(self.error, exc)
            self._update_buttons()
            return
        show_error(self.error, None)
        pv = self.preview
        self.model.set_rows(list(pv.rows))
        self.summary.setText(self.describe(pv))
        self._update_buttons()

    @staticmethod
    def describe(pv: ops.RatingsImportPreview) -> str:
        counts = pv.counts()
        parts = [_("{n} dòng").format(n=len(pv.rows)),
                 _("{n} sẽ ghi").format(n=counts.get(ops.MATCHED, 0))]
        if counts.get(ops.UNCHANGED):
            parts.append(_("{n} đã có sẵn").format(n=counts[ops.UNCHANGED]))
        labels = {"ratings.not_found": _("{n} không tìm thấy"),
                  "ratings.ambiguous": _("{n} trùng họ tên, chưa rõ là ai"),
                  ops.NAME_MISMATCH: _("{n} số CCCD của người khác tên"),
                  "ratings.rating_invalid": _("{n} xếp loại không rõ"),
                  "ratings.duplicate_in_file": _("{n} lặp lại trong tệp")}
        for code, label in labels.items():
            if counts.get(code):
                parts.append(label.format(n=counts[code]))
        others = len(pv.bad) - sum(counts.get(c, 0) for c in labels)
        if others:
            parts.append(_("{n} lỗi khác").format(n=others))
        return " · ".join(parts) + "."

    def _update_buttons(self) -> None:
        pv = self.preview
        can = pv is not None and bool(pv.good) and (not pv.bad or self.skip.isChecked())
        self.apply_button.setEnabled(can and pv is not None and bool(pv.count(ops.MATCHED)))
        self.report_button.setEnabled(pv is not None and bool(pv.bad))

    # ---- writing ----

    def apply(self) -> None:
        pv = self.preview
        if pv is None:
            return
        ctx = self.ctx
        result = attempt(self, lambda: ops.apply_ratings_import(
            store=ctx.store, preview=pv, actor=ctx.actor, today=ctx.today(),
            skip_bad_rows=self.skip.isChecked()), ctx.store)
        if result is None:
            return
        done, changes = result
        self.changes = self.changes | changes | Changes(bulk=True)
        self.audit_id = done.audit_id
        self.undo_button.setEnabled(done.audit_id is not None)
        QMessageBox.information(self, _("Đã ghi xếp loại"), _(
            "Đã ghi xếp loại cho {n} người; {u} người đã có sẵn xếp loại này; bỏ qua {s} dòng."
        ).format(n=done.updated, u=done.unchanged, s=len(done.skipped)))
        self.refresh()

    def undo(self) -> None:
        if self.audit_id is None:
            return
        ctx = self.ctx
        audit_id = self.audit_id
        changes = attempt(self, lambda: ops.undo_ratings(store=ctx.store, audit_id=audit_id,
                                                         actor=ctx.actor), ctx.store)
        if changes is None:
            return
        self.audit_id = None
        self.undo_button.setEnabled(False)
        self.changes = self.changes | changes | Changes(bulk=True)
        self.refresh()

    def save_report(self) -> None:
        if self.preview is None:
            return
        stem = self.path.stem if self.path else "xep_loai"
        save_report_as(self, f"{stem} - dong loi.csv", [r.problem() for r in self.preview.bad])
