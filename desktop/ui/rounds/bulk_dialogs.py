"""Registering and nominating many in one action: choose the title, tick people in the
picker (or everyone shown, or every eligible one), see for each what will happen, apply it
all at once. One undo (Ctrl+Z in the list behind) takes the whole batch back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
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
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.core.operations.drafts import Draft
from desktop.core.operations.rounds.bulk_preview import registration_year_problems
from desktop.core.text import format_date, parse_date
from desktop.ui import feedback
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import ask_restore
from desktop.ui.eligibility_panel import VERDICT_COLOUR
from desktop.ui.numbers import YearField
from desktop.ui.ratings_grid import ratings_hint
from desktop.ui.rounds.bulk_drafts import BulkDrafts, ticked_refs
from desktop.ui.rounds.bulk_picker import BulkPicker, pending_text
from desktop.ui.rounds.nominate_dialog import province_of, round_header, titles_for
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
    typed (a hundred ticks are minutes of work), and keeps the choice as a draft meanwhile
    (bulk_drafts.py), offered back after a crash."""

    ctx: AppContext
    picker: BulkPicker
    title: QComboBox
    drafts: BulkDrafts

    def unsaved_text(self) -> str:
        return ""

    def draft_key(self) -> str:
        raise NotImplementedError

    def draft_texts(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        """The fields typed in, by name (kept in the draft)."""
        return {}

    def draft_extra(self) -> dict[str, object]:
        return {}

    def restore_draft_extra(self, values: dict[str, Any]) -> None:
        pass

    # ---- the draft (bulk_drafts.BulkDrafts calls these) ----

    def draft_title(self) -> str:
        """What the start-up question names: the dialog and how many were ticked."""
        return _("{what} ({n} đã chọn)").format(what=self.windowTitle(),
                                                n=len(self.picker.model.ticked))

    def draft_dirty(self) -> bool:
        return bool(self.picker.model.ticked) or bool(self.unsaved_text().strip())

    def draft_values(self) -> dict[str, Any]:
        texts = {name: (w.text() if isinstance(w, QLineEdit) else w.toPlainText())
                 for name, w in self.draft_texts().items()}
        return {"kind": self.picker.kind().value, "target": self.target(),
                "ticked": [[r.kind.value, r.id] for r in self.picker.model.ticked],
                "texts": texts, **self.draft_extra()}

    def restore_draft_values(self, values: dict[str, Any]) -> None:
        """Kind first (changing it clears the ticks), then what the rules depend on, the
        texts, and last the ticks, each checked (a draft is hostile input)."""
        refs = ticked_refs(values.get("ticked", []))
        if values.get("kind") == SubjectKind.COLLECTIVE.value:
            self.picker.collective_radio.setChecked(True)
        elif values.get("kind") == SubjectKind.PERSON.value:
            self.picker.person_radio.setChecked(True)
        self.restore_draft_extra(values)
        target = values.get("target")
        if isinstance(target, str) and (index := self.title.findData(target)) >= 0:
            self.title.setCurrentIndex(index)
        texts = values.get("texts")
        fields = self.draft_texts()
        if isinstance(texts, dict):
            for name, text in texts.items():
                field = fields.get(name)
                if isinstance(text, str) and field is not None:
                    if isinstance(field, QLineEdit):
                        field.setText(text)
                    else:
                        field.setPlainText(text)
        self._set_rules()     # the texts typed may change the verdicts (the achievement)
        self.picker.restore_ticked(refs)

    def restore_draft(self, draft: Draft) -> None:
        """Reopened at start-up with a draft a crashed app left (drafts.offer_orphan_drafts)."""
        self.drafts.restore(draft)

    def ask_restore(self, draft: Draft) -> str:
        """RESTORE, LATER or DROP (a method, so tests can answer it)."""
        return ask_restore(self, draft)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.drafts.offered:
            self.drafts.offered = True
            QTimer.singleShot(0, self.drafts.offer)

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
        the picker shows, its ticks update the dialog; then the list, with the focus in it.
        Every change is kept as a draft a moment later."""
        self.drafts = BulkDrafts(self, self, self.ctx, self.draft_key())
        self.title.currentIndexChanged.connect(lambda _i: self._set_rules())
        self.picker.kind_changed.connect(self._fill_titles)
        self.picker.changed.connect(self._update)
        self._fill_titles(rules=False)
        self.picker.refresh()
        self._set_rules()
        self.picker.changed.connect(self.drafts.changed)
        self.title.currentIndexChanged.connect(lambda _i: self.drafts.changed())
        for field in self.draft_texts().values():
            field.textChanged.connect(self.drafts.changed)
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
        if ticked or self.unsaved_text().strip():
            self.drafts.write()      # whatever is answered, nothing is lost meanwhile
            if not self.ask_drop(ticked):
                return
            self.drafts.discard()
        else:
            self.drafts.drop_own()
        super().reject()

    def accept(self) -> None:     # saved: the choice is in the data now
        self.drafts.discard()
        super().accept()


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

        self.header = header = QLabel(round_header(ctx, rnd))
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
        # the header says who decides when every title, with the one chosen, stays here
        self.title.currentIndexChanged.connect(
            lambda _i: header.setText(round_header(ctx, rnd, self.target())))
        header.setText(round_header(ctx, rnd, self.target()))

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

    def draft_key(self) -> str:
        return f"bulk_nominate.{self.round.id or 0}"

    def draft_title(self) -> str:
        return _("Đề nghị nhiều người – {round} ({n} đã chọn)").format(
            round=self.round.name, n=len(self.picker.model.ticked))

    def draft_texts(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {"achievement": self.achievement, "justification": self.justification}

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


def registration_work_year(ctx: AppContext, year: int) -> int:
    """The year whose registrations still have work: `year` while someone in the unit has
    registered for nothing in it, else the next year when registering for it is already
    allowed (in December this year's list is done, next year's is the work), else `year`."""
    people = reg_ops.count_people(ctx.store)
    for candidate in (year, year + 1):
        if registration_year_problems(candidate, ctx.today()):
            continue
        registered = {r.subject for r in ops.registrations(ctx.store, candidate)
                      if r.subject.kind is SubjectKind.PERSON}
        if len(registered) < people:
            return candidate
    return year


class BulkRegistrationDialog(_KeepsTicks):
    """Register many for one emulation title of a year; on success `registrations` (of
    `year`). It opens on `year`, or on the next year when everyone has registered for `year`
    already (registration_work_year); the year can be changed in the dialog."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        asked = year
        year = feedback.attempt(self, lambda: registration_work_year(ctx, asked),
                                ctx.store) or asked
        self.year = year
        self.registrations: tuple[Registration, ...] = ()
        self.changes = Changes()
        resize_to_fit(self, 1240, 680)
        self.year_field = YearField(year)
        year_label = QLabel(_("Nă&m:"))
        year_label.setBuddy(self.year_field)
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
        self.picker.verdict_must_agree = False   # a pledge: see _show_year
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.moved = QLabel(_("Mọi người đã đăng ký thi đua năm {done}: danh sách mở sẵn năm "
                              "{y}.").format(done=asked, y=year) if year != asked else "")
        self.moved.setVisible(year != asked)
        self._show_year()
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_field)
        top.addSpacing(12)
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
        layout.addWidget(self.moved)
        layout.addWidget(self.hint)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)
        self.year_field.yearChanged.connect(self._year_changed)
        self._connect_picker()
        self.year_field.yearChanged.connect(lambda _y: self.drafts.changed())

    def draft_key(self) -> str:
        return "bulk_register"     # one at a time, whatever its year (kept in the draft)

    def draft_texts(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {"registered_on": self.registered_on, "note": self.note}

    def draft_extra(self) -> dict[str, object]:
        return {"year": self.year}

    def restore_draft_extra(self, values: dict[str, Any]) -> None:
        year = values.get("year")
        if type(year) is int and year != self.year:
            self.year_field.setValue(year)     # refused visibly if out of range

    def _show_year(self) -> None:
        year = self.year
        self.setWindowTitle(_("Đăng ký thi đua năm {y}").format(y=year))
        # Registration is a pledge at the start of the year, not a verdict: the button picks
        # who could still earn the title (eligibility.could_become_eligible_ids), not who
        # has earned it, which in January is nobody (walk b11)
        self.picker.set_verdict_heading(_("Điều kiện năm {y}").format(y=year), _(
            "Chọn mọi người còn có thể đạt danh hiệ&u năm {y}").format(y=year))
        self.picker.eligible_button.setToolTip(_(
            "Trong cả đơn vị: mọi người chưa bị loại bởi điều đã biết (kỷ luật, tạm hoãn xét, "
            "đối tượng, thời gian công tác, xếp loại hay tiêu chí đã ghi là không đạt, đã có "
            "danh hiệu này năm {y}); xếp loại năm {y} chưa có thì coi như chưa biết.")
            .format(y=year))
        self.hint.setText(_("Chọn từng người (Space), tất cả những người đang hiện, hoặc mọi "
                            "người còn có thể đạt danh hiệu năm {y}; người đã đăng ký danh hiệu "
                            "này không chọn lại được. Cột “Điều kiện” xét theo dữ liệu năm {y} "
                            "hiện có; “{pending}” là người chỉ còn chờ kết quả của năm (xếp "
                            "loại, xác nhận…), vẫn đăng ký bình thường.").format(
                                y=year, pending=pending_text()))

    def _year_changed(self, year: int) -> None:
        """Another year: who is registered and the verdicts are that year's (ticks stay
        where they still apply)."""
        if year == self.year:
            return
        self.year = year
        self.moved.setVisible(False)
        self._show_year()
        self._set_rules()

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
                                            province=province, today=ctx.today())

        def eligible(kind: SubjectKind) -> list[SubjectRef]:
            return ops.registrable_subjects(ctx.store, ctx.catalog, target, year, kind,
                                            province)

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
