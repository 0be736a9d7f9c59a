"""The council meeting of a round (Hội đồng Thi đua – Khen thưởng, LAW §5.4, §6.7): when and
where it met, who (by name, or only counts for a meeting recorded before names were kept), and
for each nominee the ballot count or show of hands, with pass/fail computed live by the one
vote rule on the council's TOTAL membership; then the vote-counting minutes data (tally).

Saving is one operation (`save_meeting`): the header and every count typed are checked
together and written at once, or nothing is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from fractions import Fraction

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
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import (
    CouncilMeeting,
    CouncilVote,
    Nomination,
    NominationStatus,
    VoteEntry,
    VoteMethod,
    counts_of,
)
from desktop.core.operations import rounds as ops
from desktop.core.text import clean, format_date, format_time, parse_date, parse_time, percent
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.numbers import NumberField
from desktop.ui.rounds.council_members import MembersTable

PASS_COLOUR = QColor("#1a7f37")
FAIL_COLOUR = QColor("#b42318")
VOTABLE = (NominationStatus.DRAFT, NominationStatus.REVIEWED, NominationStatus.RETURNED)

# columns of the vote table
C_NAME, C_TITLE, C_METHOD, C_ISSUED, C_VALID, C_FOR, C_NEED, C_SHARE, C_RESULT = range(9)


def _need_text(rule: ops.VoteRule) -> str:
    return (_("> {p}") if rule.more_than else _("≥ {p}")).format(p=percent(rule.share))


def _count_box() -> NumberField:
    """A vote count in a cell: empty until typed; its row says what is wrong with it."""
    box = NumberField(0, 0, required=False, show_message=False, width=88)
    box.setPlaceholderText("–")
    return box


@dataclass
class VoteRow:
    nomination: Nomination
    rule: ops.VoteRule
    issued: NumberField
    valid: NumberField
    votes_for: NumberField
    saved: CouncilVote | None = None

    @property
    def method(self) -> VoteMethod:
        return VoteMethod.BALLOT if self.rule.ballot else VoteMethod.HANDS

    @property
    def editable(self) -> bool:
        return self.nomination.status in VOTABLE

    def entered(self) -> bool:
        return bool(self.votes_for.text().strip())

    def values(self) -> tuple[int, int | None, int | None]:
        votes_for = self.votes_for.value() or 0
        if self.method is VoteMethod.BALLOT:
            return votes_for, self.issued.value(), self.valid.value()
        return votes_for, None, None

    def problem(self) -> str:
        """What is wrong with the figures as typed (a text that is not a number included)."""
        for box in ((self.issued, self.valid, self.votes_for)
                    if self.method is VoteMethod.BALLOT else (self.votes_for,)):
            if box.text().strip() and box.value() is None:
                return box.problem()
        return ""

    def entry(self) -> VoteEntry:
        votes_for, issued, valid = self.values()
        assert self.nomination.id is not None
        return VoteEntry(self.nomination.id, self.method, votes_for, issued, valid)

    def changed(self) -> bool:
        if not self.entered():
            return False
        if self.saved is None:
            return True
        return self.values() != (self.saved.votes_for, self.saved.ballots_issued,
                                 self.saved.ballots_valid)


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
        self.rows: list[VoteRow] = []
        self.changes = Changes()
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
        return {str(row.nomination.id): [row.issued.text(), row.valid.text(),
                                         row.votes_for.text()] for row in self.rows}

    def restore_draft_extra(self, value: object) -> None:
        if not isinstance(value, dict):
            raise TypeError("votes")
        for row in self.rows:
            typed = value.get(str(row.nomination.id))
            if (isinstance(typed, list) and len(typed) == 3
                    and all(isinstance(t, str) for t in typed) and row.editable):
                for box, text in zip((row.issued, row.valid, row.votes_for), typed,
                                     strict=True):
                    box.setText(text)

    def draft_extra_signals(self) -> list[SignalInstance]:
        return [box.edit.textChanged for row in self.rows
                for box in (row.issued, row.valid, row.votes_for)]

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

        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            _("Người / tập thể"), _("Danh hiệu / hình thức"), _("Biểu quyết"),
            _("Phiếu phát ra"), _("Phiếu hợp lệ"), _("Đồng ý"), _("Cần"),
            _("Đồng ý / tổng số thành viên"), _("Kết quả")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(C_NAME, QHeaderView.ResizeMode.Stretch)
        for col in range(C_TITLE, C_RESULT + 1):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (C_ISSUED, C_VALID, C_FOR):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(col, 92)
        # N98 Art 30.7 is the last text read; whether Decree 152/2025 repeats it is
        # UNCONFIRMED (LAW.md §5.4), so the thresholds are data in forms/ and say so.
        rule = QLabel(_("Kết quả luôn tính trên TỔNG SỐ thành viên Hội đồng, kể cả người vắng; "
                        "tỷ lệ lấy theo dữ liệu danh hiệu và quy định của tỉnh (theo Nghị định "
                        "98/2023, Điều 30 khoản 7, chưa đối chiếu lại với Nghị định 152/2025). "
                        "Bỏ phiếu kín với danh hiệu bắt buộc; các trường hợp khác biểu quyết giơ "
                        "tay, đạt khi quá nửa tổng số thành viên. Ô số liệu mờ: đề nghị đã qua "
                        "bước Hội đồng, đưa về “Dự thảo” nếu cần sửa."))
        rule.setObjectName("hint")
        rule.setWordWrap(True)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(header)
        layout.addWidget(rule)
        layout.addWidget(self.table, 1)
        for box in (self.members_total, self.present, self.written):
            box.valueChanged.connect(lambda _v: self._refresh())
        return page

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
        self.rows = []
        catalog = self.ctx.catalog
        noms = ops.nominations(self.ctx.store, self.round_id)
        self.table.setRowCount(len(noms))
        for r, nom in enumerate(noms):
            rule = ops.vote_rule_for(self.ctx.store, catalog, nom.target, self.province)
            row = VoteRow(nom, rule, _count_box(), _count_box(), _count_box())
            if self.meeting is not None and nom.id is not None:
                row.saved = next((v for v in ops.votes(self.ctx.store, nom.id)
                                  if v.meeting_id == self.meeting.id), None)
            self.rows.append(row)
            self._fill_row(r, row)
        self.table.resizeRowsToContents()

    def _fill_row(self, r: int, row: VoteRow) -> None:
        nom = row.nomination
        name = QTableWidgetItem(nom.subject_name)
        name.setToolTip(nom.subject_name)
        if not row.editable:
            name.setToolTip(nom.subject_name + " – " + _(
                "Đề nghị đang ở trạng thái “{s}”: đưa về “Dự thảo” để sửa kết quả biểu "
                "quyết.").format(s=nom.status.label))
        self.table.setItem(r, C_NAME, name)
        self.table.setItem(r, C_TITLE, QTableWidgetItem(self.ctx.catalog.name_of(nom.target)))
        ballot = row.method is VoteMethod.BALLOT
        self.table.setItem(r, C_METHOD, QTableWidgetItem(
            _("Bỏ phiếu kín") if ballot else _("Biểu quyết giơ tay")))
        self.table.setItem(r, C_NEED, QTableWidgetItem(_need_text(row.rule)))
        for col, box in ((C_ISSUED, row.issued), (C_VALID, row.valid), (C_FOR, row.votes_for)):
            header_item = self.table.horizontalHeaderItem(col)
            box.setAccessibleName(f"{header_item.text() if header_item else ''} – "
                                  f"{nom.subject_name}")
            self.table.setCellWidget(r, col, box)
            box.setEnabled(row.editable and (col == C_FOR or ballot))
            box.valueChanged.connect(lambda _v: self._refresh())
        if row.saved is not None:
            for box, value in ((row.issued, row.saved.ballots_issued),
                               (row.valid, row.saved.ballots_valid),
                               (row.votes_for, row.saved.votes_for)):
                if value is not None:
                    box.setValue(value)

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
        for r, row in enumerate(self.rows):
            if row.method is VoteMethod.BALLOT:
                row.issued.setMaximum(voices, _("số có mặt và vắng có ý kiến"))
                issued = row.issued.value()
                row.valid.setMaximum(issued if issued is not None else voices,
                                     _("phiếu phát ra") if issued is not None
                                     else _("số có mặt và vắng có ý kiến"))
                valid = row.valid.value()
                row.votes_for.setMaximum(valid if valid is not None else voices,
                                         _("phiếu hợp lệ") if valid is not None
                                         else _("số có mặt và vắng có ý kiến"))
            else:
                row.votes_for.setMaximum(voices, _("số có mặt và vắng có ý kiến"))
            self._show_result(r, row, total)

    def _row_problem(self, row: VoteRow) -> str:
        typed = row.problem()
        if typed:
            return typed
        votes_for, issued, valid = row.values()
        voices = self.voices()
        if row.method is VoteMethod.BALLOT:
            if issued is None or valid is None:
                return _("chưa nhập số phiếu phát ra / hợp lệ")
            if issued > voices:
                return _("phiếu phát ra vượt số có mặt và vắng có ý kiến ({n})").format(n=voices)
            if valid > issued:
                return _("phiếu hợp lệ nhiều hơn phiếu phát ra")
            if votes_for > valid:
                return _("phiếu đồng ý nhiều hơn phiếu hợp lệ")
        elif votes_for > voices:
            return _("vượt số có mặt và vắng có ý kiến ({n})").format(n=voices)
        return ""

    def _show_result(self, r: int, row: VoteRow, total: int) -> None:
        share_item = QTableWidgetItem()
        result = QTableWidgetItem()
        if row.entered():
            votes_for = row.votes_for.value() or 0
            share_item.setText(f"{votes_for}/{total} = {percent(Fraction(votes_for, total))}"
                               if total else "")
            problem = self._row_problem(row)
            if problem:
                result.setText(_("⚠ Sai số liệu: {p}").format(p=problem))
                result.setForeground(FAIL_COLOUR)
            elif row.rule.passes(votes_for, total):
                result.setText(_("✔ Đạt"))
                result.setForeground(PASS_COLOUR)
            else:
                result.setText(_("✘ Không đạt"))
                result.setForeground(FAIL_COLOUR)
        else:
            result.setText(_("Chưa biểu quyết"))
        share_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(r, C_SHARE, share_item)
        self.table.setItem(r, C_RESULT, result)

    def result_text(self, nomination_id: int) -> str:
        """What the Kết quả column says for a nominee (for tests and screen readers)."""
        for r, row in enumerate(self.rows):
            if row.nomination.id == nomination_id:
                item = self.table.item(r, C_RESULT)
                return item.text() if item else ""
        return ""

    def row_for(self, nomination_id: int) -> VoteRow:
        return next(r for r in self.rows if r.nomination.id == nomination_id)

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
        for row in self.rows:
            if row.entered() and row.problem():
                problems.append(Problem("meeting.count_invalid", "votes", _(
                    "{name}: {p}").format(name=row.nomination.subject_name, p=row.problem())))
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
        if problems or meeting is None:
            self._fail(ValidationError(problems))
            return False
        entries = [r.entry() for r in self.rows if r.changed()]
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
        for row in self.rows:
            if row.nomination.id in by_nomination:
                row.saved = by_nomination[row.nomination.id]
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
        self.problems.setText("\n".join(f"• {m}" for m in messages))
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
