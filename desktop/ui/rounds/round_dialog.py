"""A new round (kind, year, name, the movement for a campaign, deadline, receiving body), and
the small dialog that changes a round's deadline."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Round, RoundKind
from desktop.core.operations import home_titles
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date, parse_date
from desktop.ui import feedback
from desktop.ui.buttons import dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.numbers import YearField
from desktop.ui.rounds.nominate_dialog import province_of


def _date_or_problem(text: str, label: str, key: str, problems: list[Problem]
                     ) -> date | None:
    try:
        return parse_date(text, label)
    except UserError as exc:
        problems.append(Problem("round.field_invalid", key, exc.message))
        return None


class RoundDialog(EditorDialog):
    """Create a round; on success `round` holds it."""

    help_page = "dot_xet"

    def __init__(self, ctx: AppContext, year: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round: Round | None = None
        self.changes = Changes()
        self._deadline_edited = False
        self.setWindowTitle(_("Tạo đợt xét khen thưởng"))
        self.resize(620, 0)

        self.kind = QComboBox()
        for kind in RoundKind:
            self.kind.addItem(kind.label, kind.value)
        self.year = YearField(year or ctx.today().year)
        self.name = QLineEdit()
        self.movement = QLineEdit()
        self.movement.setPlaceholderText(_("Ví dụ: Chung tay xây dựng nông thôn mới"))
        self.movement_from = QLineEdit()
        self.movement_from.setPlaceholderText(_("ngày/tháng/năm"))
        self.movement_to = QLineEdit()
        self.movement_to.setPlaceholderText(_("ngày/tháng/năm"))
        period = QHBoxLayout()
        period.addWidget(self.movement_from)
        to_label = QLabel(_("đế&n"))
        to_label.setBuddy(self.movement_to)
        period.addWidget(to_label)
        period.addWidget(self.movement_to)
        self.period = QWidget()
        self.period.setLayout(period)
        period.setContentsMargins(0, 0, 0, 0)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(_("ngày/tháng/năm"))
        self.deadline_hint = QLabel()
        self.deadline_hint.setObjectName("hint")
        self.receiving_body = QLineEdit(ops.default_receiving_body(ctx.store, ctx.catalog))

        form = QFormLayout()
        form.addRow(_("&Loại đợt:"), self.kind)
        form.addRow(_("Nă&m xét:"), self.year)
        form.addRow(_("&Tên đợt:"), self.name)
        self.movement_label = QLabel(_("Tên &phong trào (*):"))
        self.movement_label.setBuddy(self.movement)
        form.addRow(self.movement_label, self.movement)
        self.period_label = QLabel(_("Phát độn&g từ (*):"))
        self.period_label.setBuddy(self.movement_from)
        form.addRow(self.period_label, self.period)
        form.addRow(_("&Hạn nộp:"), self.deadline)
        form.addRow("", self.deadline_hint)
        form.addRow(_("&Cơ quan tiếp nhận:"), self.receiving_body)
        # a round of titles the commune decides itself sends nothing to this body (b15)
        home = home_titles.home_titles(ctx.catalog)
        if home:
            self.receiving_hint = QLabel(_(
                "Chỉ gửi cơ quan này hồ sơ các danh hiệu, hình thức cấp trên quyết định; "
                "{titles}… do {decider} quyết định, không gửi cấp trên.").format(
                    titles=", ".join(home), decider=home_titles.decider(ctx.unit())))
            self.receiving_hint.setObjectName("hint")
            self.receiving_hint.setWordWrap(True)
            # a wrapped label in a form under-reports its height: the dialog would cut it
            self.receiving_hint.setMinimumHeight(self.receiving_hint.heightForWidth(440))
            form.addRow("", self.receiving_hint)

        self.buttons = dialog_buttons(self, _("Tạ&o đợt"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.year.yearChanged.connect(lambda _y: self._refresh_defaults())
        self.movement_to.editingFinished.connect(self._refresh_defaults)
        self.deadline.textEdited.connect(self._mark_deadline_edited)
        self._kind_changed()
        self.kind.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(ctx, "round.new")

    def _mark_deadline_edited(self, _text: str) -> None:
        self._deadline_edited = True

    def selected_kind(self) -> RoundKind:
        return RoundKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        campaign = self.selected_kind() is RoundKind.PHONG_TRAO
        for widget in (self.movement, self.movement_label, self.period, self.period_label):
            widget.setVisible(campaign)
        self._refresh_defaults()

    def _refresh_defaults(self) -> None:
        kind, year = self.selected_kind(), self.year.year()
        if year is None:   # the year field says what is wrong; defaults wait for a valid one
            return
        self.name.setPlaceholderText(_("Để trống: “Xét khen thưởng {kind} năm {y}”").format(
            kind=kind.label.lower(), y=year))
        try:
            movement_to = parse_date(self.movement_to.text(), _("Ngày tổng kết phong trào"))
        except UserError:
            movement_to = None
        default = ops.default_deadline(self.ctx.catalog, province_of(self.ctx), kind, year,
                                       self.ctx.today(), movement_to)
        self.deadline_hint.setText(_("Theo hồ sơ tỉnh: {d}").format(d=format_date(default)))
        if not self._deadline_edited:
            self.deadline.setText(format_date(default))

    def save(self) -> None:
        ctx, kind = self.ctx, self.selected_kind()
        problems: list[Problem] = []
        year_problem = self.year.as_problem("round.year_invalid", "year", _("Năm xét"))
        if year_problem is not None:
            problems.append(year_problem)
        deadline = _date_or_problem(self.deadline.text(), _("Hạn nộp"), "deadline", problems)
        start = end = None
        if kind is RoundKind.PHONG_TRAO:
            start = _date_or_problem(self.movement_from.text(), _("Ngày phát động phong trào"),
                                     "movement_from", problems)
            end = _date_or_problem(self.movement_to.text(), _("Ngày tổng kết phong trào"),
                                   "movement_to", problems)

        def create() -> tuple[Round, Changes]:
            if problems:
                raise ValidationError(problems)
            return ops.create_round(
                ctx.store, ctx.catalog, kind, self.year.value() or 0, self.name.text(), ctx.actor,
                ctx.today(), province=province_of(ctx), deadline=deadline,
                receiving_body=self.receiving_body.text(), movement=self.movement.text(),
                movement_from=start, movement_to=end)

        created = feedback.attempt(self, create, ctx.store)
        if created is not None:
            self.round, self.changes = created
            self.accept()

    def save_changes(self) -> bool:
        self.save()
        return self.round is not None


class DeadlineDialog(EditorDialog):
    """Change a round's deadline (e.g. the receiving body agreed to take files late)."""

    help_page = "dot_xet"

    def __init__(self, ctx: AppContext, rnd: Round, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rnd = rnd
        self.round: Round | None = None
        self.changes = Changes()
        self.setWindowTitle(_("Đổi hạn nộp"))
        self.deadline = QLineEdit(format_date(rnd.deadline))
        self.deadline.setPlaceholderText(_("ngày/tháng/năm"))
        self.deadline.selectAll()
        intro = QLabel(_("Đợt “{name}”. {text}").format(
            name=rnd.name, text=ops.deadline_text(rnd, ctx.today())))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Hạn nộp mới:"), self.deadline)
        self.buttons = dialog_buttons(self, _("&Lưu"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.deadline.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(ctx, f"deadline.{rnd.id or 0}")

    def save(self) -> None:
        ctx, rid = self.ctx, self.rnd.id or 0
        text = self.deadline.text()

        def change() -> tuple[Round, Changes]:
            when = parse_date(text, _("Hạn nộp"))
            if when is None:
                raise UserError(_("Chưa nhập hạn nộp mới."),
                                _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/12/2026."),
                                code="round.deadline_missing")
            return ops.change_deadline(ctx.store, rid, when, ctx.actor, ctx.today())

        changed = feedback.attempt(self, change, ctx.store)
        if changed is not None:
            self.round, self.changes = changed
            self.accept()

    def save_changes(self) -> bool:
        self.save()
        return self.round is not None
