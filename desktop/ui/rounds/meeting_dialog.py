"""The council meeting of a round (Hội đồng Thi đua – Khen thưởng, LAW §5.4, §6.7): when and
where it met, who (by name, or only counts for a meeting recorded before names were kept), and
the votes as a grid (vote_grid.py: typed from the keyboard, filled down, pasted from Excel),
with pass/fail and every problem computed live by the check the save runs, always on the
council's TOTAL membership; then the vote-counting minutes data (tally).

Saving is one operation (`save_meeting`): the header and every count typed are checked
together and written at once, or nothing is.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import CouncilMeeting, VoteMethod, counts_of
from desktop.core.operations import rounds as ops
from desktop.core.text import clean, format_date, format_time, parse_date, parse_time, percent
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.numbers import NumberField
from desktop.ui.rounds.council_members import MembersTable
from desktop.ui.rounds.vote_grid import COUNTS, GridRow, VoteGrid

SHOW_PROBLEMS = 6   # lines of the live problem list; every one is on its row as well
PASS_COLOUR = QColor("#1a7f37")
FAIL_COLOUR = QColor("#b42318")


class MeetingDialog(EditorDialog):
    """Record (or correct) the council meeting of a round and its votes; `changes` holds
    what every save changed."""

    saved = Signal()

    help_page = "hop_hoi_dong"

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        rnd = ops.get_round(ctx.store, round_id)
        if rnd is None:
            raise UserError(_("Không tìm thấy đợt xét này."), code="round.not_found")
        self.round = rnd
        existing = ops.meetings(ctx.store, round_id)
        self.meeting: CouncilMeeting | None = existing[-1] if existing else None
        unit = ctx.unit()
        self.province = unit.province if unit else "default"
        self.changes = Changes()
        self.wants_nominations = False   # closed by "Mở Đề nghị…" (no nominee to vote on)
        self.live_problems: list[Problem] = []
        self.setWindowTitle(_("Họp Hội đồng Thi đua – Khen thưởng"))
        self.resize(1180, 680)

        title = QLabel(_("Đợt “{name}” – biên bản họp Hội đồng và kết quả biểu quyết").format(
            name=rnd.name))
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        title.setFont(font)

        self.members = MembersTable(self)
        self.members.changed.connect(self._refresh)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_meeting_tab(), _("&Cuộc họp và biểu quyết"))
        self.tabs.addTab(self.members, _("&Danh sách thành viên"))
        self.tally_table = QTableWidget(0, 9)
        self.tally_hint = QLabel()
        self.tally_hint.setObjectName("hint")
        self.tally_hint.setWordWrap(True)
        tally = QWidget()
        tally_layout = QVBoxLayout(tally)
        tally_layout.addWidget(self.tally_hint)
        tally_layout.addWidget(self.tally_table)
        self.tabs.addTab(tally, _("&Kết quả kiểm phiếu"))

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318;")
        self.problems.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("hint")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(_("&Lưu biên bản"),
                                                  QDialogButtonBox.ButtonRole.ApplyRole)
        close = self.buttons.addButton(_("Đó&ng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        close.setAutoDefault(False)
        self.save_button.setDefault(True)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_shortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self._load()
        self._refresh()
        self._fill_tally()
        self.held_on.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(ctx, f"meeting.{round_id}")

    # ---- drafts: the vote counts are cell widgets in a list the field walk does not see ----

    def draft_extra(self) -> dict[str, list[str]]:
        """Each candidate's method and counts as typed (nomination id → [method, issued,
        valid, for])."""
        return {str(row.nomination.id): [row.method.value, *(row.texts.get(col, "")
                                                            for col in COUNTS)]
                for row in self.grid.rows}

    def restore_draft_extra(self, value: object) -> None:
        if not isinstance(value, dict):
            raise TypeError("votes")
        for r, row in enumerate(self.grid.rows):
            typed = value.get(str(row.nomination.id))
            if not (isinstance(typed, list) and len(typed) == 4
                    and all(isinstance(t, str) for t in typed) and row.editable):
                continue
            method = next((m for m in VoteMethod if m.value == typed[0]), None)
            if method is not None:
                self.grid.set_method(r, method)
            for col, text in zip(COUNTS, typed[1:], strict=True):
                self.grid.set_cell(r, col, text[:8])

    def draft_extra_signals(self) -> list[SignalInstance]:
        return [self.grid.edited]

    def save_changes(self) -> bool:
        return self.save()

    def _save_shortcut(self) -> None:
        self.save()

    # ---- building --------------------------------------------------------------------------

    def _build_meeting_tab(self) -> QWidget:
        self.held_on = QLineEdit()
        self.held_on.setPlaceholderText(_("ngày/tháng/năm"))
        self.starts_at = QLineEdit()
        self.starts_at.setPlaceholderText(_("giờ:phút, ví dụ 08:00"))
        self.ends_at = QLineEdit()
        self.ends_at.setPlaceholderText(_("giờ:phút, ví dụ 10:30"))
        self.place = QLineEdit()
        self.chair = QLineEdit()
        self.secretary = QLineEdit()
        self.members_total = NumberField(1, 999, 9)
        self.present = NumberField(0, 9, 0)
        self.written = NumberField(0, 9, 0)
        self.committee = QLineEdit()
        self.committee.setPlaceholderText(_("Họ tên, cách nhau bởi dấu phẩy"))
        self.voices_hint = QLabel()
        self.voices_hint.setObjectName("hint")
        self.voices_hint.setWordWrap(True)

        times = QHBoxLayout()
        times.addWidget(self.starts_at)
        times.addWidget(QLabel(_("đến")))
        times.addWidget(self.ends_at)
        left = QFormLayout()
        left.addRow(_("Ngày &họp (*):"), self.held_on)
        times_label = QLabel(_("&Giờ họp:"))
        times_label.setBuddy(self.starts_at)
        left.addRow(times_label, times)
        left.addRow(_("Địa đ&iểm:"), self.place)
        left.addRow(_("Chủ &trì (*):"), self.chair)
        left.addRow(_("Thư &ký (*):"), self.secretary)
        right = QFormLayout()
        right.addRow(_("Tổng số thành viên &Hội đồng:"), self.members_total)
        right.addRow(_("Có &mặt:"), self.present)
        right.addRow(_("&Vắng, có ý kiến bằng văn bản:"), self.written)
        right.addRow(_("&Ban kiểm phiếu:"), self.committee)
        right.addRow("", self.voices_hint)
        header = QGroupBox(_("Cuộc họp"))
        columns = QHBoxLayout(header)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)

        self.grid = VoteGrid(self.ctx.catalog, self)
        self.grid.edited.connect(self._check_votes)
        self.grid.not_pasted.connect(lambda lines: self.status.setText(
            _("Không dán được: {lines}").format(lines="; ".join(lines))))
        rule = QLabel(_("Kết quả luôn tính trên TỔNG SỐ thành viên Hội đồng, kể cả người vắng, "
                        "theo tỷ lệ cần của từng danh hiệu. Gõ số rồi Enter để xuống dòng; "
                        "Ctrl+D điền giá trị ô trên xuống cả cột (phiếu phát ra, hợp lệ); "
                        "Ctrl+V dán từ Excel (từ cột họ tên: khớp theo tên). Ô mờ: đề nghị đã "
                        "qua bước Hội đồng, đưa về “Dự thảo” nếu cần sửa."))
        rule.setObjectName("hint")
        rule.setWordWrap(True)

        self.votes = QStackedWidget()
        self.votes.addWidget(self.grid)
        self.votes.addWidget(self._build_no_nominees())

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(header)
        layout.addWidget(rule)
        layout.addWidget(self.votes, 1)
        for box in (self.members_total, self.present, self.written):
            box.valueChanged.connect(lambda _v: self._refresh())
        return page

    def _build_no_nominees(self) -> QWidget:
        """What the vote area says when the round has no nominee yet: the next step, and a
        button that goes there (the council votes on a list of nominations)."""
        self.no_nominees = QLabel(_(
            "Chưa có ai được đề nghị trong đợt này: mở Đề nghị để lập danh sách đề nghị "
            "(“Thêm đề nghị…”, hoặc “Đề nghị nhiều người…” để chọn cả danh sách), rồi quay "
            "lại đây ghi kết quả biểu quyết của Hội đồng."))
        self.no_nominees.setObjectName("emptyState")
        self.no_nominees.setWordWrap(True)
        self.no_nominees.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_nominees.setStyleSheet("QLabel { color: #3d3d3d; font-size: 11pt; }")
        self.nominate_button = QPushButton(_("Mở Đề nghị nhiề&u người…"))
        self.nominate_button.setToolTip(_("Đóng biên bản họp và mở cửa sổ chọn người đề nghị "
                                          "của đợt này"))
        self.nominate_button.setAutoDefault(False)
        self.nominate_button.clicked.connect(self.open_nominations)
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.addStretch(1)
        box.addWidget(self.no_nominees)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.nominate_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(2)
        return panel

    def open_nominations(self) -> None:
        """Close (asking first if something was typed) so the round opens its nominations."""
        self.wants_nominations = True
        self.reject()
        if self.isVisible():     # "Quay lại": the officer stays here
            self.wants_nominations = False

    def _load_header(self, m: CouncilMeeting | None) -> None:
        if m is None:
            unit = self.ctx.unit()
            self.held_on.setText(format_date(self.ctx.today()))
            if unit is not None:
                self.chair.setText(unit.head_name)
                self.secretary.setText(unit.officer_name)
            return
        self.held_on.setText(format_date(m.held_on))
        self.starts_at.setText(format_time(m.starts_at))
        self.ends_at.setText(format_time(m.ends_at))
        self.place.setText(m.place)
        self.chair.setText(m.chair)
        self.secretary.setText(m.secretary)
        self.members_total.setValue(m.members_total)
        self.present.setValue(m.present)
        self.written.setValue(m.absent_with_written_opinion)
        self.committee.setText(", ".join(m.counting_committee))
        self.members.set_members(m.members)

    def _load(self) -> None:
        self._load_header(self.meeting)
        store, catalog = self.ctx.store, self.ctx.catalog
        rows = []
        for nom in ops.nominations(store, self.round_id):
            rule = ops.vote_rule_for(store, catalog, nom.target, self.province)
            saved = None
            if self.meeting is not None and nom.id is not None:
                saved = next((v for v in ops.votes(store, nom.id)
                              if v.meeting_id == self.meeting.id), None)
            rows.append(GridRow(nom, rule, saved))
        self.grid.load(rows)
        self.votes.setCurrentIndex(0 if rows else 1)
        self.save_button.setEnabled(bool(rows) or self.meeting is not None)
        self.grid.start_typing()

    # ---- live checks -----------------------------------------------------------------------

    def voices(self) -> int:
        return (self.present.value() or 0) + (self.written.value() or 0)

    def _sync_counts(self) -> None:
        """With members named, the three counts are theirs (and read only)."""
        named = self.members.members()
        for box in (self.members_total, self.present, self.written):
            box.setReadOnly(bool(named))
        if not named:
            return
        total, present, written = counts_of(named)
        for box, value in ((self.members_total, total), (self.present, present),
                           (self.written, written)):
            if box.value() != value:
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)

    def _refresh(self) -> None:
        self._sync_counts()
        total = self.members_total.value() or 0
        # Limits are shown, never enforced by changing what was typed (issue 12).
        self.present.setMaximum(max(total - (self.written.value() or 0), 0),
                                _("tổng số thành viên trừ số vắng có ý kiến"))
        self.written.setMaximum(max(total - (self.present.value() or 0), 0),
                                _("tổng số thành viên trừ số có mặt"))
        voices = self.voices()
        over = voices > total
        named = len(self.members.members())
        self.voices_hint.setText(
            _("Có mặt cộng vắng có ý kiến ({v}) vượt tổng số thành viên ({t}).").format(
                v=voices, t=total) if over else
            (_("Theo danh sách {n} thành viên (thẻ “Danh sách thành viên”); số ý kiến được "
               "tính: {v}/{t}.").format(n=named, v=voices, t=total) if named else
             _("Số ý kiến được tính: {v}/{t} thành viên. Ghi tên từng thành viên ở thẻ "
               "“Danh sách thành viên”.").format(v=voices, t=total)))
        self.voices_hint.setStyleSheet("color: #b42318;" if over else "")
        self._check_votes()

    def _meeting_for_checks(self) -> tuple[CouncilMeeting, list[Problem]]:
        """The meeting as typed; with an unreadable date, today's, so the votes can still be
        checked (the date's own problem is listed with them)."""
        meeting, problems = self.meeting_from_form()
        if meeting is not None:
            return meeting, problems
        return CouncilMeeting(
            round_id=self.round_id, held_on=self.ctx.today(), place="",
            chair=self.chair.text(), secretary=self.secretary.text(),
            members_total=self.members_total.value() or 0, present=self.present.value() or 0,
            absent_with_written_opinion=self.written.value() or 0,
            members=self.members.members(),
            id=self.meeting.id if self.meeting else None), problems

    def _check_votes(self) -> None:
        """Every problem of the figures as typed, each on its row and all in the list below,
        by the check the save runs (nothing is written)."""
        meeting, problems = self._meeting_for_checks()
        ctx = self.ctx
        try:
            problems += ops.check_meeting(ctx.store, ctx.catalog, meeting,
                                          self.grid.entries(), ctx.today(),
                                          province=self.province)
        except UserError as exc:
            problems.append(Problem(exc.code, "", exc.message))
        by_row: dict[int, list[str]] = {}
        for problem in problems:
            if problem.field.startswith("votes["):
                nid = int(problem.field[6:].split("]", 1)[0])
                name = next((r.nomination.subject_name for r in self.grid.rows
                             if r.nomination.id == nid), "")
                by_row.setdefault(nid, []).append(problem.message.removeprefix(f"{name}: "))
        self.grid.show_results(self.members_total.value() or 0, by_row)
        self.live_problems = self.grid.parse_problems() + problems
        self._show_problems([p.message for p in self.live_problems])

    def result_text(self, nomination_id: int) -> str:
        """What the Kết quả column says for a nominee (for tests and screen readers)."""
        for r, row in enumerate(self.grid.rows):
            if row.nomination.id == nomination_id:
                item = self.grid.item(r, 8)
                return item.text() if item else ""
        return ""

    def row_for(self, nomination_id: int) -> GridRow:
        return next(r for r in self.grid.rows if r.nomination.id == nomination_id)

    # ---- saving ----------------------------------------------------------------------------

    def _time(self, edit: QLineEdit, label: str, key: str, problems: list[Problem]
              ) -> time | None:
        try:
            return parse_time(edit.text(), label)
        except UserError as exc:
            problems.append(Problem("meeting.time_invalid", key, exc.message))
            return None

    def meeting_from_form(self) -> tuple[CouncilMeeting | None, list[Problem]]:
        """The meeting as typed, and what is wrong with what the core cannot read."""
        problems: list[Problem] = []
        try:
            held_on: date | None = parse_date(self.held_on.text(), _("Ngày họp"))
        except UserError as exc:
            problems.append(Problem("meeting.date_invalid", "held_on", exc.message))
            held_on = None
        starts_at = self._time(self.starts_at, _("Giờ bắt đầu"), "starts_at", problems)
        ends_at = self._time(self.ends_at, _("Giờ kết thúc"), "ends_at", problems)
        for box, key, label in ((self.members_total, "members_total",
                                 _("Tổng số thành viên Hội đồng")),
                                (self.present, "present", _("Có mặt")),
                                (self.written, "absent_with_written_opinion",
                                 _("Vắng, có ý kiến bằng văn bản"))):
            problem = box.as_problem("meeting.count_invalid", key, label)
            if problem is not None:
                problems.append(problem)
        if held_on is None:
            if not problems or all(p.field != "held_on" for p in problems):
                problems.append(Problem("meeting.date_missing",
                                        "held_on", _("Chưa nhập ngày họp.")))
            return None, problems
        committee = tuple(n for n in (clean(x) for x in self.committee.text().split(",")) if n)
        meeting = CouncilMeeting(
            round_id=self.round_id, held_on=held_on, place=clean(self.place.text()),
            chair=clean(self.chair.text()), secretary=clean(self.secretary.text()),
            members_total=self.members_total.value() or 0, present=self.present.value() or 0,
            absent_with_written_opinion=self.written.value() or 0, counting_committee=committee,
            starts_at=starts_at, ends_at=ends_at, members=self.members.members(),
            id=self.meeting.id if self.meeting else None)
        return meeting, problems

    def save(self) -> bool:
        """Save the meeting and every count typed in one operation; on a refusal show every
        problem and keep the form as typed."""
        self._show_problems([])
        meeting, problems = self.meeting_from_form()
        problems = self.grid.parse_problems() + problems
        if problems or meeting is None:
            self._fail(ValidationError(problems))
            return False
        entries = self.grid.entries()
        ctx = self.ctx
        try:
            saved, votes, changes = ops.save_meeting(ctx.store, ctx.catalog, meeting, entries,
                                                     ctx.actor, ctx.today(),
                                                     province=self.province)
        except UserError as exc:
            self._fail(exc)
            return False
        except Exception as exc:  # a bug: reported, the form keeps what was typed
            feedback.show_bug(self, exc, ctx.store)
            return False
        self.meeting = saved
        self.changes = self.changes | changes
        by_nomination = {v.nomination_id: v for v in votes}
        for row in self.grid.rows:
            if row.nomination.id in by_nomination:
                row.saved = by_nomination[row.nomination.id]
        self._check_votes()
        self.status.setText(_("Đã lưu biên bản họp ngày {d}.").format(
            d=format_date(saved.held_on)))
        self._fill_tally()
        self.mark_saved()
        self.saved.emit()
        return True

    def _fail(self, exc: UserError) -> None:
        if isinstance(exc, ValidationError):
            self._show_problems([p.message for p in exc.problems])
        else:
            self._show_problems([exc.message])
        feedback.show_user_error(self, exc)

    def _show_problems(self, messages: list[str]) -> None:
        shown = [f"• {m}" for m in messages[:SHOW_PROBLEMS]]
        if len(messages) > SHOW_PROBLEMS:
            shown.append(_("… và {n} chỗ khác (xem cột “Kết quả”).").format(
                n=len(messages) - SHOW_PROBLEMS))
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(messages))

    # ---- the vote-counting minutes data ----------------------------------------------------

    def _fill_tally(self) -> None:
        table = self.tally_table
        table.setHorizontalHeaderLabels([
            _("TT"), _("Họ tên / tập thể"), _("Danh hiệu / hình thức"), _("Phát ra"),
            _("Hợp lệ"), _("Đồng ý"), _("Tỷ lệ trên tổng số thành viên"), _("Tỷ lệ cần"),
            _("Kết quả")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        rows = (ops.tally(self.ctx.store, self.ctx.catalog, self.meeting.id)
                if self.meeting is not None and self.meeting.id is not None else [])
        self.tally = rows
        table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            ballot = t.method is VoteMethod.BALLOT
            cells = [str(r + 1), t.name, t.title,
                     str(t.ballots_issued) if ballot else "–",
                     str(t.ballots_valid) if ballot else "–", str(t.votes_for),
                     f"{t.votes_for}/{t.members_total} = {percent(t.share)}",
                     (_("> {p}") if t.more_than else _("≥ {p}")).format(
                         p=percent(t.threshold)),
                     _("✔ Đạt") if t.passed else _("✘ Không đạt")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 8:
                    item.setForeground(PASS_COLOUR if t.passed else FAIL_COLOUR)
                table.setItem(r, c, item)
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        m = self.meeting
        if m is None:
            self.tally_hint.setText(_("Chưa lưu biên bản họp: lưu ở thẻ “Cuộc họp và biểu "
                                      "quyết” để có số liệu kiểm phiếu."))
        else:
            when = format_date(m.held_on) + (
                f", {format_time(m.starts_at)}–{format_time(m.ends_at)}"
                if m.starts_at and m.ends_at else "")
            self.tally_hint.setText(_(
                "Họp ngày {d} tại {p}. Tổng số thành viên {t}; có mặt {a}; vắng có ý kiến bằng "
                "văn bản {w}. Ban kiểm phiếu: {c}. Đạt {ok}/{n} trường hợp.").format(
                    d=when, p=m.place or "–", t=m.members_total, a=m.present,
                    w=m.absent_with_written_opinion,
                    c=", ".join(m.counting_committee) or "–",
                    ok=sum(1 for t in rows if t.passed), n=len(rows)))
