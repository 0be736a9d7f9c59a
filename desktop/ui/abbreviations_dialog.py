"""The preview of the appraisal's bulk fix "Viết đầy đủ N chỗ viết tắt…" (issue 12): one row
per field changed (person, work unit or collective; field; before → after), applied in one operation
(operations.abbreviations); what forms/abbreviations.toml lists with no safe expansion ("TH",
"CB"…) is named, left for the officer to write out person by person.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.operations import abbreviations as abbreviation_ops
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.screen import resize_to_fit


def whose(plan: tuple[abbreviation_ops.Expansion, ...]) -> str:
    """"2 người, 1 đơn vị trực thuộc, 1 tập thể": whose records the fix changes."""
    counts = {kind: len({e.owner_id for e in plan if e.kind == kind})
              for kind in (abbreviation_ops.PERSON, abbreviation_ops.WORK_UNIT,
                           abbreviation_ops.COLLECTIVE)}
    words = {abbreviation_ops.PERSON: _("{n} người"),
             abbreviation_ops.WORK_UNIT: _("{n} đơn vị trực thuộc"),
             abbreviation_ops.COLLECTIVE: _("{n} tập thể")}
    return ", ".join(words[kind].format(n=n) for kind, n in counts.items() if n)


class AbbreviationsDialog(QDialog):
    """Shows every change before anything is written; `applied` is set once written."""

    def __init__(self, ctx: AppContext, plan: tuple[abbreviation_ops.Expansion, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        self.applied: abbreviation_ops.ExpansionResult | None = None
        self.setWindowTitle(_("Viết đầy đủ chỗ viết tắt"))
        resize_to_fit(self, 1000, 560)
        self.intro = intro = QLabel(_(
            "Sửa {n} chỗ viết tắt ({whose}) như bảng dưới. Có thể hoàn tác cả lần sửa này.")
            .format(n=len(plan), whose=whose(plan)))
        intro.setWordWrap(True)
        only = ctx.catalog.abbreviations.flagged_only
        self.not_expanded = QLabel(_(
            "Không tự viết đầy đủ {words} vì mỗi chữ có nhiều nghĩa: hãy sửa từng người "
            "(nút “Mở hồ sơ người / tập thể”).").format(words=", ".join(only)))
        self.not_expanded.setObjectName("hint")
        self.not_expanded.setWordWrap(True)
        self.table = QTableWidget(len(plan), 4)
        self.table.setHorizontalHeaderLabels([_("Người / đơn vị / tập thể"), _("Thông tin"),
                                              _("Trước"), _("Sau")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, e in enumerate(plan):
            for col, text in enumerate((e.name, e.field_label, e.before, e.after)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.apply_button = QPushButton(_("&Viết đầy đủ {n} chỗ").format(n=len(plan)))
        self.apply_button.setDefault(True)
        self.apply_button.setEnabled(bool(plan))
        self.apply_button.clicked.connect(self.apply)
        cancel = QPushButton(_("Hủy"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.not_expanded)
        layout.addLayout(buttons)

    def apply(self) -> None:
        ctx = self.ctx
        result = attempt(self, lambda: abbreviation_ops.expand_abbreviations(
            ctx.store, self.plan, ctx.actor), ctx.store)
        if result is not None:
            self.applied = result
            self.accept()
