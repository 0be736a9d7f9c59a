"""Registering and nominating many in one action: choose the title, tick people in the
picker (or everyone shown, or every eligible one), see for each what will happen, apply it
all at once. One undo (Ctrl+Z in the list behind) takes the whole batch back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, SubjectKind, SubjectRef
from desktop.core.model.bulk import BulkRow
from desktop.core.model.rounds import Nomination, Registration, Round, RoundKind
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date, parse_date
from desktop.ui import feedback
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.eligibility_panel import VERDICT_COLOUR
from desktop.ui.ratings_grid import ratings_hint
from desktop.ui.rounds.bulk_picker import BulkPicker
from desktop.ui.rounds.nominate_dialog import province_of, titles_for
from desktop.ui.screen import resize_to_fit

TYPING_DELAY_MS = 400


def _title_combo(label: str) -> tuple[QLabel, QComboBox]:
    combo = QComboBox()
    combo.setMinimumWidth(380)
    buddy = QLabel(label)
    buddy.setBuddy(combo)
    return buddy, combo


def _fill(combo: QComboBox, items: Sequence[tuple[str, str]]) -> None:
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for name, code in items:
        combo.addItem(name, code)
    combo.setCurrentIndex(max(combo.findData(keep), 0))
    combo.blockSignals(False)


class _KeepsTicks(QDialog):
    """A bulk dialog asks before Esc, "Hủy" or the close button drops what was ticked or
    typed (a hundred ticks are minutes of work)."""

    picker: BulkPicker
    title: QComboBox

    def unsaved_text(self) -> str:
        return ""

    def ask_drop(self, ticked: int) -> bool:
        """True to close and drop the choice (a method, so tests can answer it)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Chưa lưu"))
        box.setText(_("Đã chọn {n} người/tập thể nhưng chưa lưu. Đóng và bỏ lựa chọn này?")
                    .format(n=ticked) if ticked else
                    _("Lý do đã gõ chưa được lưu. Đóng và bỏ nội dung này?"))
        drop = box.addButton(_("Đóng, &bỏ lựa chọn"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(_("&Quay lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is drop

    def _connect_picker(self) -> None:
        """The wiring both bulk dialogs share: the title and the picker's kind refill what
        the picker shows, its ticks update the dialog; then the list, with the focus in it."""
        self.title.currentIndexChanged.connect(lambda _i: self._set_rules())
        self.picker.kind_changed.connect(self._fill_titles)
        self.picker.changed.connect(self._update)
        self._fill_titles(rules=False)
        self.picker.refresh()
        self._set_rules()
        self.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def target(self) -> str:
        return str(self.title.currentData() or "")

    def _fill_titles(self, rules: bool = True) -> None:
        raise NotImplementedError

    def _set_rules(self) -> None:
        raise NotImplementedError

    def _update(self) -> None:
        raise NotImplementedError

    def reject(self) -> None:
        ticked = len(self.picker.chosen())
        if (ticked or self.unsaved_text().strip()) and not self.ask_drop(ticked):
            return
        super().reject()


class BulkNominateDialog(_KeepsTicks):
    """Nominate many for one title in a round; on success `nominations` and `changes`."""

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        rnd = ops.get_round(ctx.store, round_id)
        if rnd is None:
            raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."), code="round.not_found")
        self.round: Round = rnd
        self.nominations: tuple[Nomination, ...] = ()
        self.changes = Changes()
        self.setWindowTitle(_("Đề nghị nhiều người, tập thể cùng lúc"))
        resize_to_fit(self, 1240, 700)

        header = QLabel(_("<b>{name}</b> – {kind} năm {y}. {deadline}").format(
            name=rnd.name, kind=rnd.kind.label.lower(), y=rnd.year,
            deadline=ops.deadline_text(rnd, ctx.today())))
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setWordWrap(True)
        title_label, self.title = _title_combo(_("&Danh hiệu, hình thức:"))
        self.picker = BulkPicker(ctx, self)
        self.achievement = QPlainTextEdit()
        self.achievement.setTabChangesFocus(True)
        self.achievement.setFixedHeight(48)
        self.achievement_label = QLabel(_("Thành tích được &khen:"))
        self.achievement_label.setBuddy(self.achievement)
        shown = (rnd.kind is not RoundKind.CONG_TRANG
                 or ctx.catalog.rounds.of(rnd.kind.value).achievement_required)
        self.achievement.setVisible(shown)
        self.achievement_label.setVisible(shown)
        self.justification = QPlainTextEdit()
        self.justification.setTabChangesFocus(True)
        self.justification.setFixedHeight(48)
        self.justification.setPlaceholderText(_(
            "Chỉ cần khi chọn người chưa đủ điều kiện: ghi rõ vì sao vẫn đề nghị (lưu và in "
            "trong hồ sơ của từng người đó)"))
        self.justification_label = QLabel(_("Lý d&o đề nghị:"))
        self.justification_label.setBuddy(self.justification)

        top = QHBoxLayout()
        top.addWidget(title_label)
        top.addWidget(self.title)
        top.addStretch(1)
        form = QFormLayout()
        form.addRow(self.achievement_label, self.achievement)
        form.addRow(self.justification_label, self.justification)
        self.buttons = dialog_buttons(self, _("&Lưu đề nghị"), self.submit)
        self.ok_button = self.buttons.button(Standard.Ok)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        # the year-end round's LĐTT needs the year's ratings: say how many are missing
        self.ratings_hint = ratings_hint(ctx, rnd.year, self, self._set_rules) \
            if rnd.kind is RoundKind.CONG_TRANG else None
        if self.ratings_hint is not None:
            layout.addWidget(self.ratings_hint)
        layout.addLayout(top)
        layout.addWidget(self.picker, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self._set_rules)
        self.achievement.textChanged.connect(lambda: self._typing.start())
        self._connect_picker()

    def _fill_titles(self, rules: bool = True) -> None:
        _fill(self.title, [(t.name, t.code) for t in
                           titles_for(self.ctx, self.picker.kind(), self.round.kind)])
        if rules:
            self._set_rules()

    def _set_rules(self) -> None:
        self._typing.stop()
        ctx, rid, target = self.ctx, self.round.id or 0, self.target()
        feat, year, province = self.achievement.toPlainText(), self.round.year, province_of(ctx)
        if not target:
            self.picker.set_rules(None, None)
            return

        def preview(refs: Sequence[SubjectRef]) -> list[BulkRow]:
            return ops.nomination_preview(ctx.store, ctx.catalog, rid, refs, target,
                                          province=province, achievement=feat)

        def eligible(kind: SubjectKind) -> list[SubjectRef]:
            return ops.eligible_subjects(ctx.store, ctx.catalog, target, year, kind, province)

        self.picker.set_rules(preview, eligible)

    def _update(self) -> None:
        chosen = self.picker.chosen()
        unjustified = sum(1 for r in chosen if r.needs_justification)
        self.justification_label.setText(
            _("Lý d&o đề nghị ({n} người chưa đủ điều kiện) (*):").format(n=unjustified)
            if unjustified else _("Lý d&o đề nghị:"))
        self.justification_label.setStyleSheet(
            f"color: {VERDICT_COLOUR['ineligible']}; font-weight: bold" if unjustified else "")
        self.ok_button.setText(_("&Lưu đề nghị ({n})").format(n=len(chosen)))
        self.ok_button.setEnabled(bool(chosen))

    def unsaved_text(self) -> str:
        return self.justification.toPlainText() + self.achievement.toPlainText()

    def submit(self) -> None:
        chosen = self.picker.chosen()
        if not chosen:
            return
        ctx, rid, target = self.ctx, self.round.id or 0, self.target()
        refs = [r.subject for r in chosen]
        why, feat = self.justification.toPlainText(), self.achievement.toPlainText()
        try:
            self.nominations, self.changes = ops.nominate_many(
                ctx.store, ctx.catalog, rid, refs, target, ctx.actor, ctx.today(),
                province=province_of(ctx), justification=why, achievement=feat)
        except UserError as exc:  # refused whole; the ticks and the text are all still there
            feedback.show_user_error(self, exc)
            self._after_refusal(exc)
            return
        except Exception as exc:
            feedback.show_bug(self, exc, ctx.store)
            return
        self.accept()

    def _after_refusal(self, exc: UserError) -> None:
        codes = exc.codes if isinstance(exc, ValidationError) else [exc.code]
        if "nomination.needs_justification" in codes:
            self.justification.setFocus()
        elif "nomination.needs_achievement" in codes:
            self.achievement.setFocus()
        self._set_rules()  # what changed since is shown, and the blocked rows unticked


class BulkRegistrationDialog(_KeepsTicks):
    """Register many for one emulation title of `year`; on success `registrations`."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.registrations: tuple[Registration, ...] = ()
        self.changes = Changes()
        self.setWindowTitle(_("Đăng ký thi đua năm {y}").format(y=year))
        resize_to_fit(self, 1240, 680)
        title_label, self.title = _title_combo(_("&Danh hiệu đăng ký:"))
        self.registered_on = QLineEdit(format_date(ctx.today()))
        self.registered_on.setPlaceholderText(_("ngày/tháng/năm"))
        self.registered_on.setMaximumWidth(120)
        when_label = QLabel(_("Ngày đăn&g ký:"))
        when_label.setBuddy(self.registered_on)
        self.note = QLineEdit()
        note_label = QLabel(_("Ghi &chú:"))
        note_label.setBuddy(self.note)
        self.picker = BulkPicker(ctx, self)
        self.picker.set_verdict_heading(_("Điều kiện năm {y}").format(y=year), _(
            "Chọn mọi người đủ điề&u kiện năm {y}").format(y=year))
        hint = QLabel(_("Chọn từng người (Space), tất cả những người đang hiện, hoặc mọi "
                        "người đủ điều kiện; người đã đăng ký danh hiệu này không chọn lại "
                        "được. Cột “Điều kiện” xét theo dữ liệu năm {y} hiện có (đầu năm "
                        "thường chưa có xếp loại).").format(y=year))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(title_label)
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(when_label)
        top.addWidget(self.registered_on)
        top.addWidget(note_label)
        top.addWidget(self.note, 1)
        self.buttons = dialog_buttons(self, _("Đăng &ký"), self.save)
        self.ok_button = self.buttons.button(Standard.Ok)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)
        self._connect_picker()

    def _fill_titles(self, rules: bool = True) -> None:
        _fill(self.title, [(t.name, t.code) for t in
                           titles_for(self.ctx, self.picker.kind(), titles_only=True)])
        if rules:
            self._set_rules()

    def _set_rules(self) -> None:
        ctx, year, target = self.ctx, self.year, self.target()
        province = province_of(ctx)
        if not target:
            self.picker.set_rules(None, None)
            return

        def preview(refs: Sequence[SubjectRef]) -> list[BulkRow]:
            return ops.registration_preview(ctx.store, ctx.catalog, year, refs, target,
                                            province=province)

        def eligible(kind: SubjectKind) -> list[SubjectRef]:
            return ops.eligible_subjects(ctx.store, ctx.catalog, target, year, kind, province)

        self.picker.set_rules(preview, eligible)

    def _update(self) -> None:
        n = len(self.picker.chosen())
        self.ok_button.setText(_("Đăng &ký ({n})").format(n=n))
        self.ok_button.setEnabled(n > 0)

    def save(self) -> None:
        chosen = self.picker.chosen()
        if not chosen:
            return
        ctx, year, target = self.ctx, self.year, self.target()
        text, note = self.registered_on.text(), self.note.text()

        def register() -> tuple[tuple[Registration, ...], Changes]:
            try:
                when: date | None = parse_date(text, _("Ngày đăng ký"))
            except UserError as exc:
                raise ValidationError([Problem("registration.date_invalid", "registered_on",
                                               exc.message)]) from None
            return ops.register_many(ctx.store, ctx.catalog, year, [r.subject for r in chosen],
                                     target, ctx.actor, ctx.today(), registered_on=when,
                                     note=note)

        saved = feedback.attempt(self, register, ctx.store)
        if saved is None:
            self._set_rules()
            return
        self.registrations, self.changes = saved
        self.accept()
