"""The unit's work units (Đơn vị ▸ Các đơn vị trực thuộc…): phòng, trường, trạm, thôn, hợp tác
xã, with the full official name the documents print and the head who certifies the
achievement reports of its people."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.core.model import Changes, WorkUnit, WorkUnitKind
from desktop.core.operations import work_units as ops
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.feedback import attempt


class WorkUnitEditor(EditorDialog):
    """Add or edit one work unit (asks before discarding changes, keeps a draft)."""

    help_page = "don_vi"

    def __init__(self, context: AppContext, unit: WorkUnit | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.unit_id = unit.id if unit else None
        self.saved: WorkUnit | None = None
        self.setWindowTitle(_("Thêm đơn vị trực thuộc") if unit is None
                            else _("Sửa đơn vị trực thuộc"))
        self.setMinimumWidth(620)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Ví dụ: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân "
                                       "xã Thanh Sơn"))
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText(_("Ví dụ: Văn phòng HĐND và UBND"))
        self.kind = QComboBox()
        for k in WorkUnitKind:
            self.kind.addItem(k.label, k.value)
        self.head_name = QLineEdit()
        self.head_name.setPlaceholderText(_("Ví dụ: Bùi Văn An"))
        self.head_title = QLineEdit()
        self.head_title.setPlaceholderText(_("Ví dụ: Hiệu trưởng, Trưởng thôn, Chánh Văn phòng"))
        form = QFormLayout()
        form.addRow(_("Tên đầy đủ, chính thức (*):"), self.name)
        form.addRow(_("Tên gọi tắt (trong danh sách):"), self.short_name)
        form.addRow(_("&Loại:"), self.kind)
        form.addRow(_("Họ tên người đứng đầu:"), self.head_name)
        form.addRow(_("Chức vụ người đứng đầu:"), self.head_title)
        hint = QLabel(_("Văn bản in tên đầy đủ, không viết tắt. Người đứng đầu ký xác nhận báo "
                        "cáo thành tích của người thuộc đơn vị (“Thủ trưởng đơn vị xác nhận, đề "
                        "nghị”); để trống thì Chủ tịch (Thủ trưởng) đơn vị ký."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        buttons = dialog_buttons(self, _("&Lưu"), self.save, ok=Standard.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if unit is not None:
            self.name.setText(unit.name)
            self.short_name.setText(unit.short_name)
            self.kind.setCurrentIndex(max(self.kind.findData(unit.kind.value), 0))
            self.head_name.setText(unit.head_name)
            self.head_title.setText(unit.head_title)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(context, f"work_unit.{self.unit_id if self.unit_id else 'new'}")

    def save_changes(self) -> bool:
        self.save()
        return self.saved is not None

    def work_unit(self) -> WorkUnit:
        return WorkUnit(self.unit_id, self.name.text(), short_name=self.short_name.text(),
                        kind=WorkUnitKind(self.kind.currentData()),
                        head_name=self.head_name.text(), head_title=self.head_title.text())

    def save(self) -> None:
        ctx = self.context
        result = attempt(self, lambda: ops.save_work_unit(ctx.store, self.work_unit(),
                                                          ctx.actor), ctx.store)
        if result is not None:
            self.saved = result[0]
            self.accept()


class WorkUnitsDialog(QDialog):
    """The list of work units, with add, edit and delete."""

    COLUMNS = (N_("Tên đầy đủ"), N_("Tên gọi tắt"), N_("Loại"), N_("Người đứng đầu"),
               N_("Số người"))

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.changes = Changes()
        self.units: list[WorkUnit] = []
        self.setWindowTitle(_("Các đơn vị trực thuộc"))
        self.resize(1040, 520)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.setColumnWidth(0, 400)
        self.table.setColumnWidth(1, 190)
        self.table.setColumnWidth(2, 130)
        self.table.setColumnWidth(3, 200)
        self.table.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(_("&Thêm…"))
        add.clicked.connect(self.add)
        edit = QPushButton(_("&Sửa…"))
        edit.clicked.connect(self.edit)
        delete = QPushButton(_("&Xóa"))
        delete.clicked.connect(self.delete)
        row = QHBoxLayout()
        for button in (add, edit, delete):
            row.addWidget(button)
        row.addStretch(1)
        hint = QLabel(_("Mỗi người thuộc một đơn vị (chọn trong thông tin cá nhân). Người đứng "
                        "đầu đơn vị ký xác nhận báo cáo thành tích của người trong đơn vị; tập "
                        "thể gắn với đơn vị được in bằng tên đầy đủ."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        self.units = ops.list_work_units(self.context.store)
        counts = ops.member_counts(self.context.store)
        self.table.setRowCount(len(self.units))
        for r, unit in enumerate(self.units):
            head = ", ".join(p for p in (unit.head_title, unit.head_name) if p)
            values = (unit.name, unit.short_name, unit.kind.label, head,
                      str(counts.get(unit.id or 0, 0)))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            if select is not None and unit.id == select:
                self.table.selectRow(r)

    def current(self) -> WorkUnit | None:
        row = self.table.currentRow()
        return self.units[row] if 0 <= row < len(self.units) else None

    def add(self) -> None:
        editor = WorkUnitEditor(self.context, None, self)
        if editor.exec() and editor.saved is not None:
            self.changes = self.changes | Changes(bulk=True)
            self.refresh(editor.saved.id)

    def edit(self) -> None:
        unit = self.current()
        if unit is None:
            return
        editor = WorkUnitEditor(self.context, unit, self)
        if editor.exec() and editor.saved is not None:
            self.changes = self.changes | Changes(bulk=True)
            self.refresh(editor.saved.id)

    def delete(self) -> None:
        unit = self.current()
        if unit is None or unit.id is None:
            return
        answer = QMessageBox.question(
            self, _("Xóa đơn vị"),
            _("Xóa đơn vị “{name}”? Người và tập thể thuộc đơn vị vẫn được giữ, chỉ bỏ liên "
              "kết với đơn vị.").format(name=unit.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        unit_id = unit.id
        ctx = self.context
        if attempt(self, lambda: ops.delete_work_unit(ctx.store, unit_id, ctx.actor),
                   ctx.store) is not None:
            self.changes = self.changes | Changes(bulk=True)
            self.refresh()
