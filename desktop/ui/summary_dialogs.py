"""Two dialogs of the dossier window for titles without a full report per nominee (issue 12):

- `SummaryDraftsDialog`: "Soạn báo cáo tóm tắt cho N người" — the preview of the short
  reports the app drafts from the registry (one row per nominee, the draft in full), applied
  in one go (operations.summary_drafts); those already written are named and kept.
- `ListSummaryDialog`: the list's "Tóm tắt thành tích, căn cứ" line of every nominee, as the
  app writes it, editable row by row (operations.dossier_lists); a line put back to the app's
  wording is the app's again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QShowEvent
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
from desktop.core.model import Changes
from desktop.core.operations import dossier_lists, summary_drafts
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.feedback import attempt
from desktop.ui.screen import resize_to_fit


def _table(columns: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = item.flags()
    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable
                  else flags & ~Qt.ItemFlag.ItemIsEditable)
    return item


class SummaryDraftsDialog(QDialog):
    """The drafts the bulk action writes, shown in full before anything is written."""

    def __init__(self, ctx: AppContext, plan: summary_drafts.DraftPlan,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        self.written: tuple[int, ...] = ()
        self.changes = Changes()
        n = len(plan.drafts)
        self.setWindowTitle(_("Soạn báo cáo tóm tắt thành tích"))
        resize_to_fit(self, 1100, 680)
        intro = QLabel(_(
            "Phần mềm soạn sẵn phần “Tóm tắt thành tích” cho {n} người từ dữ liệu đã có (xếp "
            "loại, sáng kiến, danh hiệu, kỷ luật). Mỗi bản là bản nháp: hãy đọc lại và sửa "
            "trong “Viết / sửa báo cáo” trước khi in.").format(n=n))
        intro.setWordWrap(True)
        self.kept = QLabel(_("Giữ nguyên báo cáo đã viết của: {names}.").format(
            names=", ".join(plan.kept)) if plan.kept else "")
        self.kept.setObjectName("hint")
        self.kept.setWordWrap(True)
        self.kept.setVisible(bool(plan.kept))
        self.table = _table([_("Họ và tên"), _("Đề nghị"), _("Bản nháp báo cáo tóm tắt")], 2)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setRowCount(n)
        for row, draft in enumerate(plan.drafts):
            for col, text in enumerate((draft.name, draft.title_name, draft.text)):
                self.table.setItem(row, col, _cell(text))
        self.apply_button = QPushButton(_("&Soạn {n} báo cáo").format(n=n))
        self.apply_button.setDefault(True)
        self.apply_button.setEnabled(n > 0)
        cancel = QPushButton(_("Hủy"))
        self.apply_button.clicked.connect(self.apply)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.kept)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()   # the wrapped column has its real width now

    def apply(self) -> None:
        ctx = self.ctx
        ids = [d.nomination_id for d in self.plan.drafts]
        done = attempt(self, lambda: summary_drafts.apply_summary_drafts(
            ctx.store, ctx.catalog, self.plan.round_id, ctx.today(), ids, ctx.actor),
            ctx.store)
        if done is not None:
            self.written, self.changes = done
            self.accept()


class ListSummaryDialog(EditorDialog):
    """The list's summary line of every nominee: the app's, or the officer's own."""

    help_page = "bao_cao"

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.changes = Changes()
        self.lines = dossier_lists.list_lines(ctx.store, ctx.catalog, round_id, ctx.today())
        self.setWindowTitle(_("Tóm tắt thành tích trong danh sách"))
        resize_to_fit(self, 1150, 680)
        intro = QLabel(_(
            "Cột “Tóm tắt thành tích, căn cứ” của danh sách đề nghị. Phần mềm ghi từ dữ liệu "
            "(xếp loại, sáng kiến, danh hiệu các năm gần đây); bấm đúp vào ô để tự ghi lại. "
            "Khi tỉnh không yêu cầu báo cáo thành tích riêng cho một danh hiệu (như Lao động "
            "tiên tiến), dòng này là thành tích của người được đề nghị."))
        intro.setWordWrap(True)
        self.table = _table([_("Họ và tên"), _("Đề nghị"), _("Tóm tắt thành tích, căn cứ"),
                             _("Nguồn")], 2)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setRowCount(len(self.lines))
        self.table.blockSignals(True)
        for row, line in enumerate(self.lines):
            self.table.setItem(row, 0, _cell(line.name))
            self.table.setItem(row, 1, _cell(line.title_name))
            text = _cell(line.printed, editable=not line.locked)
            text.setToolTip(_("Phần mềm ghi: {text}").format(text=line.automatic))
            self.table.setItem(row, 2, text)
            self.table.setItem(row, 3, _cell(""))
        self.table.blockSignals(False)
        self._update_sources()
        self.table.itemChanged.connect(self._update_sources)
        self.reset_button = QPushButton(_("&Dùng lại câu của phần mềm"))
        self.reset_button.setToolTip(_("Bỏ câu tự ghi ở dòng đang chọn, dùng lại câu phần "
                                       "mềm ghi từ dữ liệu."))
        self.reset_button.clicked.connect(self.reset_selected)
        self.save_button = QPushButton(_("&Lưu"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_and_close)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.init_drafts(ctx, f"list_summary.{round_id}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()   # the wrapped column has its real width now

    def texts(self) -> dict[int, str]:
        """Nomination id → the officer's own line ("" where the table shows the app's)."""
        out = {}
        for row, line in enumerate(self.lines):
            item = self.table.item(row, 2)
            text = " ".join((item.text() if item is not None else "").split())
            out[line.nomination_id] = "" if text in ("", line.automatic) else text
        return out

    def _update_sources(self, *_args: object) -> None:
        self.table.blockSignals(True)
        for row, (line, own) in enumerate(zip(self.lines, self.texts().values(), strict=True)):
            source = self.table.item(row, 3)
            if source is not None:
                source.setText(_("Đã gửi") if line.locked else
                               _("Tự ghi") if own else _("Phần mềm"))
        self.table.blockSignals(False)

    def reset_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines) and not self.lines[row].locked:
            item = self.table.item(row, 2)
            if item is not None:
                item.setText(self.lines[row].automatic)

    # ---- EditorDialog ----

    def draft_extra(self) -> dict[str, str]:
        return {str(k): v for k, v in self.texts().items()}

    def restore_draft_extra(self, value: object) -> None:
        if not isinstance(value, dict):
            raise TypeError("texts")
        for row, line in enumerate(self.lines):
            text = value.get(str(line.nomination_id))
            item = self.table.item(row, 2)
            if isinstance(text, str) and item is not None and not line.locked:
                item.setText(text or line.automatic)

    def draft_extra_signals(self) -> list[SignalInstance]:
        return [self.table.itemChanged]

    def save_changes(self) -> bool:
        ctx = self.ctx
        wanted = self.texts()
        changed = {line.nomination_id: wanted[line.nomination_id] for line in self.lines
                   if wanted[line.nomination_id] != line.own}
        if not changed:
            return True
        result = attempt(self, lambda: dossier_lists.set_list_summaries(
            ctx.store, self.round_id, changed, ctx.actor), ctx.store)
        if result is None:
            return False
        self.changes = self.changes | result
        self.lines = tuple(type(line)(line.nomination_id, line.name, line.title_name,
                                      line.automatic, wanted[line.nomination_id], line.locked)
                           for line in self.lines)
        self.mark_saved()
        return True

    def save_and_close(self) -> None:
        if self.save_changes():
            self.accept()
