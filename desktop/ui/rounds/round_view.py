"""One round: its deadline and receiving body, its nominations with their verdict, the
registration flag, status, council result and dossier completeness, and the status steps
that TRANSITIONS allows for the selected nomination; the council meeting, the checklist, the
dashboard and the dossier/printing dialog of the round. `changed` carries the `Changes` of
every edit made here, for the window to refresh from.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import N_, _
from desktop.core.model import Changes
from desktop.core.model.rounds import (
    TRANSITIONS,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    NominationStatus,
    Round,
    RoundKind,
)
from desktop.core.operations import home_titles
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date, parse_date, percent
from desktop.ui import feedback
from desktop.ui.buttons import dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.eligibility_panel import VERDICT_COLOUR, verdict_label
from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog
from desktop.ui.rounds.checklist_panel import ChecklistPanel
from desktop.ui.rounds.dashboard import DashboardWidget
from desktop.ui.rounds.decide_dialog import BulkDecisionDialog
from desktop.ui.rounds.meeting_dialog import MeetingDialog
from desktop.ui.rounds.nominate_dialog import NominateDialog, verdict_tooltip
from desktop.ui.rounds.posting_dialog import PostingDialog

RED, AMBER, GREEN = VERDICT_COLOUR["ineligible"], VERDICT_COLOUR["hold"], "#1b6e20"

# What the button for moving *to* a status says (mnemonics distinct within the view).
STATUS_ACTION = {
    NominationStatus.DRAFT: N_("Trả về &dự thảo"),
    NominationStatus.REVIEWED: N_("Hội đồng đã &xét"),
    NominationStatus.READY: N_("Hồ sơ đủ, &sẵn sàng gửi"),
    NominationStatus.EXPORTED: N_("Đánh dấu đã &gửi"),
    NominationStatus.RETURNED: N_("Bị t&rả lại…"),
    NominationStatus.DECIDED: N_("Ghi &quyết định…"),
}

COLUMNS = (N_("Cá nhân, tập thể"), N_("Danh hiệu"), N_("Điều kiện"), N_("Đăng ký"),
           N_("Trạng thái"), N_("Hội đồng"), N_("Hồ sơ"))
COLUMN_WIDTHS = (190, 90, 145, 100, 175, 110, 60)


def deadline_badge(rnd: Round, today: date) -> tuple[str, str]:
    """Short text and colour for the days left: "còn 12 ngày" or, in red, "quá hạn 3 ngày"."""
    n = ops.days_left(rnd, today)
    if n < 0:
        return _("quá hạn {n} ngày").format(n=-n), RED
    if n == 0:
        return _("hôm nay hết hạn"), AMBER
    return _("còn {n} ngày").format(n=n), AMBER if n <= 7 else GREEN


def council_text(votes: list[CouncilVote], meetings: dict[int, CouncilMeeting]
                 ) -> tuple[str, str, bool | None]:
    """(short result, details, passed) of the latest council vote on a nomination."""
    if not votes:
        return "", _("Chưa biểu quyết"), None
    vote = votes[-1]
    meeting = meetings.get(vote.meeting_id)
    total = meeting.members_total if meeting else 0
    result = _("Đạt") if vote.passed else _("Không đạt")
    short = f"{result} {vote.votes_for}/{total}" if total else result
    method = _("bỏ phiếu kín") if vote.method.value == "ballot" else _("biểu quyết giơ tay")
    need = (_("trên {p}") if vote.more_than else _("từ {p}")).format(p=percent(vote.threshold))
    details = _("{res}: {v}/{t} thành viên Hội đồng đồng ý ({m}; cần {need} tổng số)").format(
        res=result, v=vote.votes_for, t=total, m=method, need=need)
    if meeting is not None:
        details += "\n" + _("Họp ngày {d}").format(d=format_date(meeting.held_on))
    return short, details, vote.passed


class StatusDialog(QDialog):
    """What moving to "returned" (the province's notes) or "decided" (decision number and
    date) needs; the move is made here, so a refusal keeps what was typed."""

    def __init__(self, ctx: AppContext, nom: Nomination, status: NominationStatus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nom = nom
        self.status = status
        self.saved: Nomination | None = None
        self.changes = Changes()
        title = ctx.catalog.title(nom.target)
        self.setWindowTitle(_(STATUS_ACTION[status]).replace("&", "").rstrip("…"))
        intro = QLabel(_("{name} – {t}").format(name=nom.subject_name, t=title.name))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.notes = QPlainTextEdit(nom.province_notes)
        self.notes.setTabChangesFocus(True)
        self.decision_no = QLineEdit(nom.decision_no)
        self.decision_no.setPlaceholderText(_("Ví dụ: 1234/QĐ-UBND"))
        self.decision_date = QLineEdit(format_date(nom.decision_date))
        self.decision_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.issuer = QLineEdit(title.authority)
        if status is NominationStatus.RETURNED:
            form.addRow(_("Ý &kiến của cơ quan tiếp nhận (*):"), self.notes)
            self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            form.addRow(_("&Số quyết định (*):"), self.decision_no)
            form.addRow(_("&Ngày quyết định (*):"), self.decision_date)
            form.addRow(_("&Cơ quan quyết định:"), self.issuer)
            self.decision_no.setFocus(Qt.FocusReason.OtherFocusReason)
        buttons = dialog_buttons(self, _("&Lưu"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def save(self) -> None:
        ctx, nid, status = self.ctx, self.nom.id or 0, self.status
        notes, number = self.notes.toPlainText(), self.decision_no.text()
        when_text, issuer = self.decision_date.text(), self.issuer.text()

        def move() -> tuple[Nomination, Changes]:
            when = None
            if status is NominationStatus.DECIDED:
                try:
                    when = parse_date(when_text, _("Ngày quyết định"))
                except UserError as exc:
                    raise ValidationError([Problem("status.decision_date_invalid",
                                                   "decision_date", exc.message)]) from None
            return ops.set_status(ctx.store, ctx.catalog, nid, status, ctx.actor, ctx.today(),
                                  province_notes=notes, decision_no=number, decision_date=when,
                                  issuer=issuer)

        saved = feedback.attempt(self, move, ctx.store)
        if saved is not None:
            self.saved, self.changes = saved
            self.accept()


class RoundView(QWidget):
    """The right side of the rounds window for the selected round."""

    changed = Signal(object)  # the Changes of an edit made in the view or its dialogs

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round: Round | None = None
        self._rows: list[Nomination] = []
        self._checklist_for: int | None = None
        self._last_batch: tuple[int, ...] = ()   # the nominations the last bulk action made
        self._last_decision: ops.DecisionBatch | None = None   # or the last bulk decision

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("deadline-badge")
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # many rows (Shift/Ctrl+click, Ctrl+A) for the steps taken for the whole list at once
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel()
        self.empty.setObjectName("hint")

        self.add_button = QPushButton(_("&Thêm đề nghị…"))
        self.add_button.setToolTip(_("Thêm người hoặc tập thể vào đợt (Insert)"))
        self.add_button.clicked.connect(self.add_nomination)
        self.bulk_button = QPushButton(_("Đề nghị nhiề&u người…"))
        self.bulk_button.setToolTip(_("Chọn nhiều người hoặc tập thể, hoặc mọi người đủ điều "
                                      "kiện một danh hiệu, xem trước rồi đề nghị một lần "
                                      "(Ctrl+Insert)"))
        self.bulk_button.clicked.connect(self.add_many)
        self.undo_button = QPushButton(_("Hoàn tác (Ctrl+Z)"))
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo_batch)
        self.remove_button = QPushButton(_("Gỡ đề &nghị"))
        self.remove_button.setToolTip(_("Gỡ đề nghị đang chọn khỏi đợt (Delete)"))
        self.remove_button.clicked.connect(self.remove_current)
        self.status_buttons: dict[NominationStatus, QPushButton] = {}
        for status in NominationStatus:
            if status not in STATUS_ACTION:
                continue
            button = QPushButton(_(STATUS_ACTION[status]))
            button.setToolTip(_("Chuyển sang “{s}”").format(s=status.label))
            button.clicked.connect(lambda _c=False, s=status: self.change_status(s))
            button.setVisible(False)
            self.status_buttons[status] = button
        self.status_hint = QLabel()
        self.status_hint.setObjectName("hint")

        self.meeting_button = QPushButton(_("Họp &Hội đồng…"))
        self.meeting_button.clicked.connect(self.open_meeting)
        self.dossier_button = QPushButton(_("Hồ sơ, &in ấn…"))
        self.dossier_button.clicked.connect(self.open_dossier)
        self.excel_button = QPushButton(_("Xuất &Excel…"))
        self.excel_button.setToolTip(_("Xuất danh sách đề nghị của đợt ra tệp Excel (Ctrl+E)"))
        self.excel_button.clicked.connect(self.export_excel)
        self.posting_button = QPushButton(_("Công &khai…"))
        self.posting_button.setToolTip(_("Ngày niêm yết và danh sách công khai của đợt"))
        self.posting_button.clicked.connect(self.open_posting)
        self.checklist = ChecklistPanel(ctx, self)
        self.checklist.changed.connect(self._checklist_changed)
        self.dashboard = DashboardWidget(ctx, self)

        insert = QAction(self)
        insert.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        insert.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        insert.triggered.connect(self.add_nomination)
        self.addAction(insert)
        for key, slot in (("Ctrl+Insert", self.add_many), ("Ctrl+Z", self.undo_batch)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.addAction(action)
        delete = QAction(self.table)
        delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_current)
        self.table.addAction(delete)

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.excel_button)   # the round's list; the button row is full at 1366
        head.addWidget(self.badge)
        row1 = QHBoxLayout()
        row1.addWidget(self.add_button)
        row1.addWidget(self.bulk_button)
        row1.addWidget(self.remove_button)
        row1.addWidget(self.undo_button)
        row1.addStretch(1)
        for extra in (self.meeting_button, self.posting_button, self.dossier_button):
            row1.addWidget(extra)
        # the status steps on their own row: on one row with the rest, at 1366 px, the
        # buttons were squeezed until their texts were cut ("ề nghị nhiều ngườ")
        row2 = QHBoxLayout()
        for button in self.status_buttons.values():
            row2.addWidget(button)
        row2.addWidget(self.status_hint)
        row2.addStretch(1)

        nominations = QWidget()
        nom_layout = QVBoxLayout(nominations)
        nom_layout.setContentsMargins(0, 0, 0, 0)
        nom_layout.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.checklist)
        split.setSizes([320, 200])
        nom_layout.addWidget(split, 1)
        nom_layout.addLayout(row1)
        nom_layout.addLayout(row2)
        self.tabs = QTabWidget()
        self.tabs.addTab(nominations, _("Đề nghị"))
        self.tabs.addTab(self.dashboard, _("Tổng hợp"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.details)
        layout.addWidget(self.tabs, 1)
        self.set_round(None)

    # ---- state ------------------------------------------------------------------------------

    def set_round(self, round_id: int | None) -> None:
        self.round = ops.get_round(self.ctx.store, round_id) if round_id is not None else None
        self.refresh()

    def nominations(self) -> list[Nomination]:
        return list(self._rows)

    def current(self) -> Nomination | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def selected(self) -> list[Nomination]:
        """The highlighted rows, in list order (the current one when none is)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        chosen = [self._rows[r] for r in rows if 0 <= r < len(self._rows)]
        current = self.current()
        return chosen or ([current] if current is not None else [])

    def select_nomination(self, nomination_id: int | None) -> None:
        for i, nom in enumerate(self._rows):
            if nom.id == nomination_id:
                self.table.selectRow(i)
                return

    def refresh(self) -> None:
        """Reload the round and its nominations, keeping the selected row."""
        keep = self.current()
        rnd = self.round
        if rnd is not None and rnd.id is not None:
            rnd = self.round = ops.get_round(self.ctx.store, rnd.id)
        enabled = rnd is not None
        self.add_button.setEnabled(enabled)
        self.bulk_button.setEnabled(enabled)
        for extra in (self.meeting_button, self.posting_button, self.dossier_button,
                      self.excel_button):
            extra.setEnabled(enabled)
        if rnd is None or rnd.id is None:
            self.dashboard.set_round(None)
            self.heading.setText(_("<b>Chưa chọn đợt xét</b>"))
            self.badge.setText("")
            self.details.setText(_("Chọn một đợt ở bên trái, hoặc tạo đợt mới (Ctrl+N)."))
            self._fill([], {})
            return
        today = self.ctx.today()
        text, colour = deadline_badge(rnd, today)
        self.heading.setText(_("<b>{name}</b><br>{kind} – năm {y}").format(
            name=_escape(rnd.name), kind=rnd.kind.label, y=rnd.year))
        self.badge.setText(text)
        self.badge.setStyleSheet(f"color: white; background: {colour}; border-radius: 4px;"
                                 " padding: 3px 8px; font-weight: bold")
        decided_by = home_titles.round_decider(self.ctx.store, self.ctx.catalog, rnd.id)
        self.badge.setToolTip(ops.deadline_text(rnd, today, decided_by))
        details = [_("Hạn {d}; {where}.").format(d=format_date(rnd.deadline),
                                                  where=ops.decided_at_home_text(decided_by))
                   if decided_by else
                   _("Hạn nộp {d}, gửi {body}.").format(d=format_date(rnd.deadline),
                                                       body=rnd.receiving_body)]
        if rnd.kind is RoundKind.PHONG_TRAO:
            details.append(_("Phong trào “{m}” ({a} – {b}).").format(
                m=rnd.movement, a=format_date(rnd.movement_from),
                b=format_date(rnd.movement_to)))
        self.details.setText(" ".join(details))
        store = self.ctx.store
        self.dashboard.set_round(rnd.id)
        rows = feedback.attempt(self, lambda: ops.nominations(store, rnd.id or 0), store) or []
        meetings = {m.id: m for m in ops.meetings(store, rnd.id) if m.id is not None}
        self._fill(rows, meetings)
        if keep is not None:
            self.select_nomination(keep.id)

    def _fill(self, rows: list[Nomination], meetings: dict[int, CouncilMeeting]) -> None:
        self._rows = rows
        catalog, store = self.ctx.catalog, self.ctx.store
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        for i, nom in enumerate(rows):
            info = catalog.titles.get(nom.target)
            verdict = nom.eligibility.verdict.value
            council, council_tip, passed = council_text(ops.votes(store, nom.id or 0),
                                                        meetings)
            items = [
                QTableWidgetItem(nom.subject_name),
                QTableWidgetItem(info.short_name if info else nom.target),
                QTableWidgetItem(verdict_label(verdict)),
                QTableWidgetItem(_("chưa đăng ký") if nom.registered is False
                                 else _("đã đăng ký") if nom.registered else ""),
                QTableWidgetItem(nom.status.label),
                QTableWidgetItem(council),
                QTableWidgetItem(self._checklist_text(nom)),
            ]
            items[1].setToolTip(info.name if info else nom.target)
            items[2].setForeground(QBrush(QColor(VERDICT_COLOUR.get(verdict, "#000"))))
            tip = verdict_tooltip(nom.eligibility)
            if nom.justification:
                tip += "\n" + _("Lý do vẫn đề nghị: {j}").format(j=nom.justification)
            items[2].setToolTip(tip)
            if nom.registered is False:
                items[3].setForeground(QBrush(QColor(RED)))
                items[3].setToolTip(_("Không có trong danh sách đăng ký thi đua năm {y}.")
                                    .format(y=self.round.year if self.round else ""))
            status_tip = nom.status.label
            if nom.province_notes:
                status_tip += "\n" + _("Ý kiến của tỉnh: {n}").format(n=nom.province_notes)
            if nom.decision_no:
                status_tip += "\n" + _("Quyết định số {n} ngày {d}").format(
                    n=nom.decision_no, d=format_date(nom.decision_date))
            items[4].setToolTip(status_tip)
            items[5].setToolTip(council_tip)
            if passed is not None:
                items[5].setForeground(QBrush(QColor(GREEN if passed else RED)))
            items[6].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for col, item in enumerate(items):
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)
        self.empty.setVisible(not rows)
        self.empty.setText(_("Đợt này chưa có đề nghị nào. Bấm “Thêm đề nghị…” (Insert) hoặc "
                             "“Đề nghị nhiều người…” (Ctrl+Insert).")
                           if self.round is not None else "")
        self._selection_changed()

    def _checklist_text(self, nom: Nomination) -> str:
        try:
            items = ops.checklist(self.ctx.store, self.ctx.catalog, nom.id or 0)
        except UserError:
            return ""
        present = sum(1 for item in items.items if item.present)
        return f"{present}/{len(items.items)}"

    def _selection_changed(self) -> None:
        nom = self.current()
        self.remove_button.setEnabled(nom is not None)
        allowed = TRANSITIONS[nom.status] if nom is not None else frozenset()
        for status, button in self.status_buttons.items():
            button.setVisible(status in allowed)
        back = nom is not None and nom.status is NominationStatus.READY
        self.status_buttons[NominationStatus.REVIEWED].setText(
            _("Trở lại bước Hội đồng đã &xét") if back
            else _(STATUS_ACTION[NominationStatus.REVIEWED]))
        self.status_hint.setText(_("Đã có quyết định: không còn bước nào.")
                                 if nom is not None and not allowed else "")
        shown = nom.id if nom is not None else None
        if shown != self._checklist_for:
            self._checklist_for = shown  # not again on the refresh its own `changed` causes
            self.checklist.set_nomination(shown)

    def _checklist_changed(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    # ---- intentions -------------------------------------------------------------------------

    def add_nomination(self) -> None:
        if self.round is None or self.round.id is None:
            return
        rid = self.round.id
        dialog = feedback.attempt(self, lambda: NominateDialog(self.ctx, rid, self),
                                  self.ctx.store)
        if dialog is None:
            self.refresh()
            return
        if dialog.exec() and dialog.nomination is not None:
            self.refresh()
            self.select_nomination(dialog.nomination.id)
            self.changed.emit(dialog.changes)

    def add_many(self) -> None:
        if self.round is None or self.round.id is None:
            return
        rid = self.round.id
        dialog = feedback.attempt(self, lambda: BulkNominateDialog(self.ctx, rid, self),
                                  self.ctx.store)
        if dialog is None:
            self.refresh()
            return
        if dialog.exec() and dialog.nominations:
            self._last_batch = tuple(n.id or 0 for n in dialog.nominations)
            self._last_decision = None
            # the count in the tooltip: the button row has no room for a long text at 1366 px
            self._offer_undo(_("Hoàn tác đề nghị {n} người (Ctrl+Z)").format(
                n=len(self._last_batch)))
            self.refresh()
            self.select_nomination(dialog.nominations[0].id)
            self.changed.emit(dialog.changes)

    def _offer_undo(self, tip: str) -> None:
        self.undo_button.setText(_("Hoàn tác (Ctrl+Z)"))
        self.undo_button.setToolTip(tip)
        self.undo_button.setVisible(True)

    def undo_batch(self) -> None:
        """Take back the whole last bulk nomination or bulk decision (refused if worked on
        since)."""
        batch, decision, ctx = self._last_batch, self._last_decision, self.ctx
        changes: Changes | None
        if decision is not None:
            changes = feedback.attempt(self, lambda: ops.undo_decisions(
                decision, store=ctx.store, catalog=ctx.catalog, actor=ctx.actor), ctx.store)
        elif batch:
            changes = feedback.attempt(self, lambda: ops.undo_nominations(ctx.store, batch,
                                                                           ctx.actor),
                                       ctx.store)
        else:
            return
        self._last_batch, self._last_decision = (), None
        self.undo_button.setVisible(False)
        self.refresh()
        if changes is not None:
            self.changed.emit(changes)

    def remove_current(self) -> None:
        nom = self.current()
        if nom is None or nom.id is None:
            return
        answer = QMessageBox.question(
            self, _("Gỡ đề nghị?"),
            _("Gỡ đề nghị “{t}” của {name} khỏi đợt này? Kết quả biểu quyết và tệp đính kèm "
              "của đề nghị cũng được gỡ (nhật ký thay đổi vẫn giữ bản sao).").format(
                t=self.ctx.catalog.name_of(nom.target), name=nom.subject_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        nid, row = nom.id, self.table.currentRow()
        changes = feedback.attempt(self, lambda: ops.remove_nomination(self.ctx.store, nid,
                                                                        self.ctx.actor),
                                   self.ctx.store)
        self.refresh()
        if changes is not None:
            if self._rows:
                self.table.selectRow(min(row, len(self._rows) - 1))
            self.changed.emit(changes)

    def change_status(self, status: NominationStatus) -> None:
        many = self.selected()
        if len(many) > 1 and status in ops.MANY_STEPS:
            self._change_many(many, status)
            return
        if status is NominationStatus.DECIDED and self._decide_at_once(many):
            return
        nom = self.current()
        if nom is None or nom.id is None:
            return
        ctx, nid = self.ctx, nom.id
        moved: tuple[Nomination, Changes] | None
        if status in (NominationStatus.RETURNED, NominationStatus.DECIDED):
            dialog = StatusDialog(ctx, nom, status, self)
            moved = (dialog.saved, dialog.changes) if dialog.exec() and dialog.saved else None
        else:
            moved = feedback.attempt(self, lambda: ops.set_status(
                ctx.store, ctx.catalog, nid, status, ctx.actor, ctx.today()), ctx.store)
        self.refresh()
        if moved is not None:
            self.select_nomination(nid)
            self.changed.emit(moved[1])

    def _decide_at_once(self, chosen: list[Nomination]) -> bool:
        """One decision for many (the chosen rows, or every “Hồ sơ đủ” of the round): when
        several are chosen, or the one chosen is the unit's own title and others wait too.
        False: the single dialog is the one to use."""
        if self.round is None or self.round.id is None or not chosen:
            return False
        ctx, rid = self.ctx, self.round.id
        waiting = ops.awaiting_decision(rid, store=ctx.store, catalog=ctx.catalog)
        if len(chosen) == 1 and not (chosen[0].id in waiting and len(waiting) > 1):
            return False
        ids = [n.id or 0 for n in chosen]
        dialog = feedback.attempt(self, lambda: BulkDecisionDialog(ctx, rid, ids, self),
                                  ctx.store)
        if dialog is not None and dialog.exec() and dialog.batch is not None:
            self._last_batch, self._last_decision = (), dialog.batch
            self._offer_undo(_("Hoàn tác quyết định {no} của {n} đề nghị (Ctrl+Z)").format(
                no=dialog.batch.decision_no, n=len(dialog.batch.items)))
            self.refresh()
            self.select_nomination(dialog.batch.items[0].nomination_id)
            self.changed.emit(dialog.changes)
        return True

    def _change_many(self, noms: list[Nomination], status: NominationStatus) -> None:
        """One step for every highlighted nomination, in one transaction (all or none)."""
        ctx, ids = self.ctx, [n.id or 0 for n in noms]
        moved = feedback.attempt(self, lambda: ops.set_status_many(
            ctx.store, ctx.catalog, ids, status, ctx.actor, ctx.today()), ctx.store)
        self.refresh()
        if moved is not None:
            self.select_nomination(ids[0])
            self.changed.emit(moved[1])

    def open_meeting(self) -> None:
        if self.round is None or self.round.id is None:
            return
        rid = self.round.id
        dialog = feedback.attempt(self, lambda: MeetingDialog(self.ctx, rid, self),
                                  self.ctx.store)
        if dialog is not None:
            dialog.exec()
        self.refresh()
        if dialog is not None:
            self.changed.emit(dialog.changes)
            if dialog.wants_nominations:   # its empty state's next step
                self.add_many()

    def open_posting(self) -> None:
        if self.round is None or self.round.id is None:
            return
        rid = self.round.id
        dialog = feedback.attempt(self, lambda: PostingDialog(self.ctx, rid, self),
                                  self.ctx.store)
        if dialog is not None:
            dialog.exec()

    def export_excel(self) -> None:
        """Ctrl+E: the tab shown — the nominations, or the dashboard's tables."""
        if self.round is None or self.round.id is None:
            return
        from desktop.ui import list_exports

        if self.tabs.currentWidget() is self.dashboard:
            list_exports.export_dashboard(self, self.ctx, self.round)
        else:
            list_exports.export_nominations(self, self.ctx, self.round)

    def open_dossier(self) -> None:
        if self.round is None or self.round.id is None:
            return
        # imported here: the renderers it brings are heavy, and not every visit prints
        from desktop.ui.dossier_dialog import DossierDialog

        rid = self.round.id
        dialog = feedback.attempt(self, lambda: DossierDialog(self.ctx, rid, self),
                                  self.ctx.store)
        if dialog is not None:
            dialog.exec()
        self.refresh()
        # the dossier dialog writes reports and numbers, and may move statuses
        self.changed.emit(Changes(rounds=frozenset({rid}), bulk=True))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
