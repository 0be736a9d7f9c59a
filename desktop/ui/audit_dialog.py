"""The audit log, read-only: who changed what, and when."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.core.operations import registry as ops
from desktop.ui.context import AppContext

ACTIONS = {"create": N_("Thêm"), "update": N_("Sửa"), "delete": N_("Xóa"),
           "undo_delete": N_("Hoàn tác xóa"), "import": N_("Nhập từ tệp"),
           "demo": N_("Tạo dữ liệu mẫu"), "merge": N_("Hợp nhất dữ liệu đơn vị cũ"),
           "undo_merge": N_("Hoàn tác hợp nhất"), "ratings": N_("Xếp loại năm"),
           "undo_ratings": N_("Hoàn tác xếp loại")}


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


class AuditDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nhật ký thay đổi"))
        self.resize(900, 520)
        entries = ops.audit_entries(context.store, limit=1000)
        table = QTableWidget(len(entries), 4, self)
        table.setHorizontalHeaderLabels([_("Thời gian"), _("Người thực hiện"), _("Thao tác"),
                                         _("Nội dung")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, e in enumerate(entries):
            values = [_local_time(e["at"]), e["actor"], _(ACTIONS.get(e["action"], e["action"])),
                      e["summary"]]
            for col, value in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(value))
        table.setColumnWidth(0, 130)
        table.setColumnWidth(1, 130)
        table.setColumnWidth(2, 120)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
