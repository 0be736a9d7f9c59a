"""Công khai (public posting, issue 4 item 6): record when and where the round's list was
posted, and print that list — name, unit and title only, nothing more (LAW §9).

An editor like the others (issue 12): dates and place typed but not yet recorded are kept as
a draft and asked about on Esc, "Đóng" or the close button."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import PublicPosting
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date, parse_date
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog


class PostingDialog(EditorDialog):
    """The round's public posting: the required days, the postings recorded, a new one."""

    help_page = "dot_xet"

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        rnd = ops.get_round(ctx.store, round_id)
        self.round_name = rnd.name if rnd is not None else ""
        self.setWindowTitle(_("Công khai danh sách đề nghị"))
        self.setMinimumWidth(600)
        self.needed = ops.posting_days_required(ctx.store, ctx.catalog, round_id)
        intro = QLabel(
            _("Danh sách niêm yết chỉ gồm họ tên, đơn vị và danh hiệu đề nghị. Quy định của "
              "tỉnh: niêm yết ít nhất {n} ngày.").format(n=self.needed) if self.needed else
            _("Danh sách niêm yết chỉ gồm họ tên, đơn vị và danh hiệu đề nghị. Quy định của "
              "tỉnh không bắt buộc niêm yết các danh hiệu của đợt này, nhưng nên công khai."))
        intro.setWordWrap(True)
        self.recorded = QListWidget()
        self.recorded.setMaximumHeight(90)

        today = ctx.today()
        self.posted_from = QLineEdit(format_date(today))
        self.posted_to = QLineEdit(format_date(today + timedelta(days=max(self.needed, 1) - 1)))
        for edit in (self.posted_from, self.posted_to):
            edit.setPlaceholderText(_("ngày/tháng/năm"))
        self.place = QLineEdit()
        unit = ctx.unit()
        self.place.setPlaceholderText(
            _("Ví dụ: Bảng tin trụ sở {unit} và trang thông tin điện tử").format(
                unit=unit.name if unit else _("đơn vị")))
        form = QFormLayout()
        form.addRow(_("Niêm yết &từ ngày:"), self.posted_from)
        form.addRow(_("đế&n ngày:"), self.posted_to)
        form.addRow(_("&Nơi niêm yết:"), self.place)

        self.record_button = QPushButton(_("&Ghi ngày niêm yết"))
        self.record_button.clicked.connect(self.record)
        self.print_button = QPushButton(_("&Xem, in danh sách công khai…"))
        self.print_button.clicked.connect(self.print_list)
        self.excel_button = QPushButton(_("Xuất &Excel…"))
        self.excel_button.clicked.connect(self.export_excel)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        close.rejected.connect(self.reject)
        close.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        close.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close.addButton(self.excel_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        if rnd is not None:
            layout.addWidget(QLabel(f"<b>{rnd.name}</b>"))
        layout.addWidget(intro)
        layout.addWidget(QLabel(_("Đã niêm yết:")))
        layout.addWidget(self.recorded)
        layout.addLayout(form)
        layout.addWidget(close)
        self.posted_from.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()
        self.init_drafts(ctx, f"posting.{round_id}")

    def draft_title(self) -> str:
        return _("Công khai – {round}").format(round=self.round_name) if self.round_name \
            else self._title

    def refresh(self) -> None:
        self.recorded.clear()
        shown = ops.postings(self.ctx.store, self.round_id)
        for p in shown:
            self.recorded.addItem(_("Từ {a} đến {b} ({n} ngày){place}").format(
                a=format_date(p.posted_from), b=format_date(p.posted_to), n=p.days,
                place=f" — {p.place}" if p.place else ""))
        if not shown:
            self.recorded.addItem(_("(chưa ghi lần niêm yết nào)"))

    def postings(self) -> list[PublicPosting]:
        return ops.postings(self.ctx.store, self.round_id)

    def record(self) -> bool:
        """Record the posting typed; True when it is recorded (the fields are then clean)."""
        ctx = self.ctx
        start_text, end_text, place = (self.posted_from.text(), self.posted_to.text(),
                                       self.place.text())

        def save() -> tuple[PublicPosting, Changes]:
            start = parse_date(start_text, _("Ngày bắt đầu niêm yết"))
            end = parse_date(end_text, _("Ngày kết thúc niêm yết"))
            if start is None or end is None:
                raise UserError(_("Chưa nhập đủ ngày bắt đầu và ngày kết thúc niêm yết."),
                                _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 14/11/2026."),
                                code="posting.dates_missing")
            return ops.record_posting(ctx.store, ctx.catalog, self.round_id, start, end,
                                      ctx.actor, place=place)

        if feedback.attempt(self, save, ctx.store) is None:
            return False
        self.refresh()
        self.mark_saved()
        return True

    def save_changes(self) -> bool:
        return self.record()

    def print_list(self) -> None:
        from desktop.ui.print_preview import preview_documents

        ctx = self.ctx
        document = feedback.attempt(self, lambda: dossier_ops.build_posting_list(
            ctx.store, ctx.catalog, self.round_id, ctx.today()), ctx.store)
        if document is not None:
            preview_documents(self, ctx, [document])

    def export_excel(self) -> None:
        from desktop.ui.list_exports import export_posting

        export_posting(self, self.ctx, self.round_id)
