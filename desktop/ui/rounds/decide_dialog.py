"""“Ghi quyết định…” for many nominations at once: the chairman signs ONE decision for every
LĐTT of the round, so its number, date and deciding body are typed once; the dialog shows how
many nominations it will record and which chosen ones cannot take it, and why."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.operations import rounds as ops
from desktop.core.text import parse_date
from desktop.ui import feedback
from desktop.ui.buttons import dialog_buttons
from desktop.ui.context import AppContext


class BulkDecisionDialog(QDialog):
    """One decision for the chosen nominations (or every one at “Hồ sơ đủ” in the round);
    recorded here in one operation, so a refusal keeps what was typed."""

    def __init__(self, ctx: AppContext, round_id: int, chosen: Sequence[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch: ops.DecisionBatch | None = None
        self.changes = Changes()
        self._chosen = tuple(chosen)
        self._all = ops.awaiting_decision(round_id, store=ctx.store, catalog=ctx.catalog)
        self.setWindowTitle(_("Ghi quyết định cho nhiều đề nghị"))
        self.use_chosen = QRadioButton(_("Các đề nghị đang &chọn ({n})").format(
            n=len(self._chosen)))
        self.use_all = QRadioButton(_("Mọi đề nghị ở bước “Hồ sơ đủ” của đợt có danh hiệu do "
                                      "đơn vị quyết định ({n})").format(n=len(self._all)))
        (self.use_chosen if len(self._chosen) > 1 or not self._all
         else self.use_all).setChecked(True)
        for radio in (self.use_chosen, self.use_all):
            radio.toggled.connect(self._update)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refused = QTableWidget(0, 3, self)
        self.refused.setHorizontalHeaderLabels([_("Không ghi được"), _("Danh hiệu"),
                                                _("Lý do")])
        self.refused.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused.verticalHeader().setVisible(False)
        self.refused.horizontalHeader().setStretchLastSection(True)
        self.refused.setColumnWidth(0, 190)
        self.refused.setColumnWidth(1, 130)
        self.decision_no = QLineEdit()
        self.decision_no.setPlaceholderText(_("Ví dụ: 1234/QĐ-UBND"))
        self.decision_date = QLineEdit()
        self.decision_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.issuer = QLineEdit()
        form = QFormLayout()
        form.addRow(_("&Số quyết định (*):"), self.decision_no)
        form.addRow(_("&Ngày quyết định (*):"), self.decision_date)
        form.addRow(_("&Cơ quan quyết định:"), self.issuer)
        self.buttons = dialog_buttons(self, _("&Ghi quyết định"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Một quyết định khen thưởng cho nhiều người: nhập số, ngày "
                                  "và cơ quan quyết định một lần.")))
        layout.addWidget(self.use_chosen)
        layout.addWidget(self.use_all)
        layout.addWidget(self.summary)
        layout.addWidget(self.refused, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.decision_no.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(720, 520)
        self._update()

    def nomination_ids(self) -> tuple[int, ...]:
        return self._chosen if self.use_chosen.isChecked() else self._all

    def _update(self) -> None:
        ctx = self.ctx
        self.preview = ops.decision_preview(self.nomination_ids(), store=ctx.store,
                                            catalog=ctx.catalog)
        ready, refused = self.preview.ready, self.preview.refused
        self.summary.setText(_("Sẽ ghi quyết định cho {n} đề nghị.").format(n=len(ready))
                             + (" " + _("{m} đề nghị đã chọn không ghi được (xem bảng).")
                                .format(m=len(refused)) if refused else ""))
        self.refused.setVisible(bool(refused))
        self.refused.setRowCount(len(refused))
        for row, why in enumerate(refused):
            title = ctx.catalog.titles.get(why.nomination.target)
            cells = (why.nomination.subject_name,
                     (title.short_name or title.name) if title else why.nomination.target,
                     why.reason)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.refused.setItem(row, col, item)
        authorities = {ctx.catalog.title(n.target).authority for n in ready}
        if not self.issuer.isModified():
            self.issuer.setText(authorities.pop() if len(authorities) == 1 else "")
        self.issuer.setPlaceholderText(_("Theo từng danh hiệu"))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(bool(ready))

    def save(self) -> None:
        ctx = self.ctx
        ids = tuple(n.id or 0 for n in self.preview.ready)
        number, when_text, issuer = (self.decision_no.text(), self.decision_date.text(),
                                     self.issuer.text())

        def record() -> tuple[ops.DecisionBatch, Changes]:
            try:
                when = parse_date(when_text, _("Ngày quyết định"))
            except UserError as exc:
                raise ValidationError([Problem("status.decision_date_invalid",
                                               "decision_date", exc.message)]) from None
            return ops.decide_many(ids, store=ctx.store, catalog=ctx.catalog, actor=ctx.actor,
                                   today=ctx.today(), decision_no=number, decision_date=when,
                                   issuer=issuer)

        done = feedback.attempt(self, record, ctx.store)
        if done is not None:
            self.batch, self.changes = done
            self.accept()
