"""Nominate a person or collective in a round: search the registry as you type, choose the
title, see the eligibility verdict live; an ineligible nominee needs a written justification.

`SubjectPicker` (search + person/collective choice) is shared with the registration dialog.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalog import TitleInfo
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, SubjectKind, SubjectRef
from desktop.core.model.rounds import (
    EligibilitySnapshot,
    Nomination,
    NominationForm,
    Round,
    RoundKind,
)
from desktop.core.operations import home_titles
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date
from desktop.ui import feedback
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.eligibility_panel import VERDICT_COLOUR, verdict_label

SEARCH_DELAY_MS = 120
MAX_MATCHES = 60
SubjectLabel = str  # "individual" | "collective", as TitleInfo.subjects spells them


def subject_label(kind: SubjectKind) -> SubjectLabel:
    return "individual" if kind is SubjectKind.PERSON else "collective"


def province_of(ctx: AppContext) -> str:
    unit = ctx.unit()
    return unit.province if unit else "default"


class SubjectPicker(QWidget):
    """Person or collective, found by name as you type (no diacritics needed)."""

    chosen = Signal(object)  # SubjectRef | None
    picked = Signal()  # Enter on a result: the dialog moves on to its next field

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_radio = QRadioButton(_("Cá &nhân"))
        self.collective_radio = QRadioButton(_("&Tập thể"))
        self.person_radio.setChecked(True)
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.person_radio)
        self._kinds.addButton(self.collective_radio)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Gõ tên để tìm, không dấu cũng được"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(150)
        self.count = QLabel()
        self.count.setObjectName("hint")
        search_label = QLabel(_("Tìm t&ên:"))
        search_label.setBuddy(self.search)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        # Enter searches / picks instead of pressing the dialog's default button.
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self._kinds.buttonToggled.connect(self._kind_toggled)
        self.results.currentItemChanged.connect(lambda _c, _p: self.chosen.emit(self.subject()))

        kinds = QHBoxLayout()
        kinds.addWidget(self.person_radio)
        kinds.addWidget(self.collective_radio)
        kinds.addStretch(1)
        kinds.addWidget(self.count)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(kinds)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        self.setFocusProxy(self.search)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if watched is self.search:
                self._pick_first()
                return True
            if watched is self.results and self.subject() is not None:
                self.picked.emit()
                return True
        return super().eventFilter(watched, event)

    def _kind_toggled(self, _button: object, on: bool) -> None:
        if on:
            self.refresh()

    def kind(self) -> SubjectKind:
        return SubjectKind.PERSON if self.person_radio.isChecked() else SubjectKind.COLLECTIVE

    def subject(self) -> SubjectRef | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def subject_name(self) -> str:
        item = self.results.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole + 1)) if item is not None else ""

    def refresh(self) -> None:
        """Search now (the timer calls this after typing stops)."""
        self._timer.stop()
        store, query = self.ctx.store, self.search.text()
        kind = self.kind()
        previous = self.subject()
        self.results.blockSignals(True)
        self.results.clear()
        total: int | str
        if kind is SubjectKind.PERSON:
            # the list's own first page (no exact count of a broad search per keystroke)
            first = reg_ops.people_first_page(store, query, MAX_MATCHES)
            total = first.total if first.total is not None else _("hơn {n}").format(
                n=f"{first.more_than:,}".replace(",", "."))
            for p in first.rows:
                detail = " – ".join(x for x in (
                    format_date(p.birth_date), p.position, p.department) if x)
                self._add(SubjectRef(kind, p.id or 0), p.full_name, detail)
        else:
            total = reg_ops.count_collectives(store, query)
            for c in reg_ops.collectives_page(store, query, 0, MAX_MATCHES):
                self._add(SubjectRef(kind, c.id or 0), c.name, c.kind.label)
        shown = self.results.count()
        self.count.setText(_("{n} kết quả").format(n=total) if shown == total
                           else _("{shown}/{n} kết quả, gõ thêm để thu hẹp")
                           .format(shown=shown, n=total))
        row = next((i for i in range(shown) if self.results.item(i).data(
            Qt.ItemDataRole.UserRole) == previous), -1)
        self.results.setCurrentRow(row)
        self.results.blockSignals(False)
        if row < 0:
            self.chosen.emit(None)

    def _add(self, ref: SubjectRef, name: str, detail: str) -> None:
        item = QListWidgetItem(f"{name}   ({detail})" if detail else name)
        item.setData(Qt.ItemDataRole.UserRole, ref)
        item.setData(Qt.ItemDataRole.UserRole + 1, name)
        self.results.addItem(item)

    def _pick_first(self) -> None:
        self.refresh()
        if self.results.count():
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            self.results.setFocus()

    # drafts: the chosen subject is the picker's value (the search text is not kept)
    def draft_state(self) -> dict[str, object] | None:
        ref = self.subject()
        if ref is None:
            return None
        return {"kind": ref.kind.value, "id": ref.id, "name": self.subject_name()}

    def restore_draft_state(self, value: object) -> None:
        if not isinstance(value, dict):
            return
        kind, sid, name = value.get("kind"), value.get("id"), value.get("name")
        if (kind in {k.value for k in SubjectKind} and isinstance(sid, int)
                and not isinstance(sid, bool) and isinstance(name, str)):
            self.select(SubjectRef(SubjectKind(str(kind)), sid), name)

    def select(self, ref: SubjectRef, name: str) -> None:
        """Preselect a subject (search by its name)."""
        (self.person_radio if ref.kind is SubjectKind.PERSON else self.collective_radio
         ).setChecked(True)
        self.search.setText(name)
        self.refresh()
        for i in range(self.results.count()):
            if self.results.item(i).data(Qt.ItemDataRole.UserRole) == ref:
                self.results.setCurrentRow(i)
                return


def round_header(ctx: AppContext, rnd: Round, adding: str = "") -> str:
    """"<b>Đợt</b> – công trạng năm 2026. Còn 7 ngày (…)": where the files go, or who decides
    when every title of the round, with `adding`, is decided by the unit itself."""
    decided_by = home_titles.round_decider(ctx.store, ctx.catalog, rnd.id or 0, adding or None)
    return _("<b>{name}</b> – {kind} năm {y}. {deadline}").format(
        name=html.escape(rnd.name), kind=rnd.kind.label.lower(), y=rnd.year,
        deadline=html.escape(ops.deadline_text(rnd, ctx.today(), decided_by)))


def titles_for(ctx: AppContext, kind: SubjectKind, round_kind: RoundKind | None = None,
               titles_only: bool = False) -> list[TitleInfo]:
    """The titles a person (or a collective) can get, in a round of `round_kind` if given."""
    return [t for t in ctx.catalog.ordered(subject_label(kind))
            if (round_kind is None or round_kind.award_kind in t.kinds)
            and (not titles_only or t.is_title)]


def verdict_tooltip(snapshot: EligibilitySnapshot) -> str:
    lines = [verdict_label(snapshot.verdict.value)]
    for r in snapshot.reasons:
        lines.append(f"• {r.message}" + (f" ({r.basis})" if r.basis else ""))
    return "\n".join(lines)


class NominateDialog(EditorDialog):
    """Add one nomination to `round_id`; on success `nomination` and `changes` are set.

    What the chosen title needs (its achievement text, a sáng kiến as grounds, the verdict)
    comes from `ops.nomination_form`, the same computation the operation enforces.
    """

    help_page = "de_nghi"

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        rnd = ops.get_round(ctx.store, round_id)
        if rnd is None:
            raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."), code="round.not_found")
        self.round: Round = rnd
        self.nomination: Nomination | None = None
        self.changes = Changes()
        self.form: NominationForm | None = None
        self._evaluate = ops.CachedEvaluator()
        self.setWindowTitle(_("Thêm đề nghị khen thưởng"))
        self.resize(820, 640)

        self.header = header = QLabel(round_header(ctx, rnd))
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)

        self.picker = SubjectPicker(ctx, self)
        who = QGroupBox(_("Người hoặc tập thể được đề nghị"))
        QVBoxLayout(who).addWidget(self.picker)

        self.title = QComboBox()
        self.title.setMinimumWidth(360)
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reasons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.registration = QLabel()
        self.registration.setObjectName("hint")
        # "one achievement, one reward": shown as soon as the subject and title are chosen,
        # not only as a refusal on save (the award may already be recorded for the year)
        self.conflicts = QLabel()
        self.conflicts.setWordWrap(True)
        self.conflicts.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts.setStyleSheet(f"color: {VERDICT_COLOUR['ineligible']}; font-weight: bold")
        self.conflicts.setVisible(False)
        self.initiative = QComboBox()
        self.initiative_label = QLabel(_("&Sáng kiến làm căn cứ:"))
        self.initiative_label.setBuddy(self.initiative)
        self.achievement = QPlainTextEdit()
        self.achievement.setTabChangesFocus(True)
        self.achievement.setFixedHeight(56)
        self.achievement_label = QLabel(_("Thành tích được &khen:"))
        self.achievement_label.setBuddy(self.achievement)
        self.justification = QPlainTextEdit()
        self.justification.setTabChangesFocus(True)
        self.justification.setFixedHeight(64)
        self.justification.setPlaceholderText(
            _("Chỉ cần khi chưa đủ điều kiện: ghi rõ vì sao vẫn đề nghị (lưu và in trong hồ sơ)"))
        self.justification_label = QLabel(_("Lý d&o đề nghị:"))
        self.justification_label.setBuddy(self.justification)

        form = QFormLayout()
        title_label = QLabel(_("&Danh hiệu, hình thức:"))
        title_label.setBuddy(self.title)
        form.addRow(title_label, self.title)
        form.addRow(_("Điều kiện:"), self.verdict)
        form.addRow("", self.reasons)
        form.addRow("", self.registration)
        form.addRow("", self.conflicts)
        form.addRow(self.initiative_label, self.initiative)
        form.addRow(self.achievement_label, self.achievement)
        form.addRow(self.justification_label, self.justification)
        self._form = form

        self.buttons = dialog_buttons(self, _("&Lưu đề nghị"), self.submit)
        self.ok_button = self.buttons.button(Standard.Ok)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(who, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._achievement_given = False
        self.picker.chosen.connect(lambda _ref: self._subject_changed())
        self.picker.picked.connect(self.title.setFocus)
        self.picker.person_radio.toggled.connect(lambda _on: self._fill_titles())
        self.title.currentIndexChanged.connect(lambda _i: self._update_form())
        self.title.currentIndexChanged.connect(
            lambda _i: self.header.setText(round_header(ctx, rnd, self.target())))
        self.achievement.textChanged.connect(self._achievement_edited)
        self.initiative.activated.connect(lambda _i: self._show_conflicts())
        show_achievement = (rnd.kind is not RoundKind.CONG_TRANG
                            or ctx.catalog.rounds.of(rnd.kind.value).achievement_required)
        self.achievement.setVisible(show_achievement)
        self.achievement_label.setVisible(show_achievement)
        self._fill_titles()
        header.setText(round_header(ctx, rnd, self.target()))
        self.picker.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(ctx, f"nomination.{round_id}")

    # ---- state ------------------------------------------------------------------------------

    def target(self) -> str:
        return str(self.title.currentData() or "")

    def snapshot(self) -> EligibilitySnapshot | None:
        """The verdict shown for the chosen subject and title (None: nothing to show)."""
        return self.form.verdict if self.form is not None else None

    def initiative_choice(self) -> str:
        """The sáng kiến chosen as grounds ("" for none, or when the title uses none)."""
        if self.form is None or not self.form.initiative_grounds:
            return ""
        return str(self.initiative.currentData() or "")

    def _fill_titles(self) -> None:
        keep = self.target()
        self.title.blockSignals(True)
        self.title.clear()
        for info in titles_for(self.ctx, self.picker.kind(), self.round.kind):
            self.title.addItem(info.name, info.code)
        self.title.setCurrentIndex(max(self.title.findData(keep), 0))
        self.title.blockSignals(False)
        self._mark_titles()
        self._update_form()

    def _subject_changed(self) -> None:
        self._mark_titles()
        self._update_form()

    def _mark_titles(self) -> None:
        """Each title in the list shows the chosen subject's verdict mark."""
        ref = self.picker.subject()
        claims = ops.achievement_claims(self.ctx.catalog, self.round.kind,
                                        self.achievement.toPlainText())
        rules = self.ctx.catalog.for_review(self.round.year, self.ctx.today())
        verdicts = feedback.attempt(self, lambda: self._evaluate(
            self.ctx.store, rules, ref, self.round.year, province_of(self.ctx),
            claims=claims), self.ctx.store) if ref is not None else None
        for i in range(self.title.count()):
            code = str(self.title.itemData(i))
            name = self.ctx.catalog.name_of(code)
            snap = ops.snapshot_of(verdicts, code) if verdicts is not None else None
            if ref is not None and self._conflicts(ref, code, ""):
                self.title.setItemText(i, _("⊘ Đã đề nghị hoặc đã có – {t}").format(t=name))
            else:
                self.title.setItemText(i, f"{verdict_label(snap.verdict.value)} – {name}"
                                       if snap else name)

    def _conflicts(self, ref: SubjectRef, target: str, initiative: str) -> list[str]:
        """Why nominating `ref` for `target` would reward the same achievement twice."""
        ctx, rnd = self.ctx, self.round
        found = feedback.attempt(self, lambda: ops.one_reward_problems(
            ctx.store, ctx.catalog, rnd, ref, ctx.catalog.title(target), initiative),
            ctx.store)
        return [p.message for p in found or []]

    def _achievement_edited(self) -> None:
        given = bool(self.achievement.toPlainText().strip())
        if given != self._achievement_given:  # the written feat may be what the title claims
            self._achievement_given = given
            self._mark_titles()
            self._update_form()

    def _compute_form(self) -> NominationForm | None:
        ref, target = self.picker.subject(), self.target()
        if ref is None or not target or self.round.id is None:
            return None
        ctx, rid = self.ctx, self.round.id
        achievement = self.achievement.toPlainText()
        return feedback.attempt(self, lambda: ops.nomination_form(
            ctx.store, ctx.catalog, rid, ref, target, province=province_of(ctx),
            achievement=achievement, evaluate=self._evaluate, today=ctx.today()), ctx.store)

    def _fill_initiatives(self, form: NominationForm | None) -> None:
        keep = self.initiative.currentData()
        self.initiative.clear()
        self.initiative.addItem(_("(không nêu sáng kiến)"), "")
        if form is None or not form.initiative_grounds:
            return
        model = self.initiative.model()
        for choice in form.initiatives:
            label = f"{choice.name} ({choice.year})"
            if choice.note:
                label += " – " + choice.note
            self.initiative.addItem(label, choice.name)
            if not choice.usable:  # shown, so the officer sees why it is not offered
                item = model.item(self.initiative.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
        index = self.initiative.findData(keep) if keep else -1
        if index > 0 and form.initiatives[index - 1].usable:
            self.initiative.setCurrentIndex(index)

    def _update_form(self) -> None:
        form = self.form = self._compute_form()
        snap = form.verdict if form is not None else None
        self._fill_initiatives(form)
        uses = form is not None and form.initiative_grounds and bool(form.initiatives)
        self.initiative.setVisible(uses)
        self.initiative_label.setVisible(uses)
        required = form is not None and form.achievement_required
        self.achievement_label.setText(_("Thành tích đột &xuất (*):") if required
                                       else _("Thành tích được &khen:"))
        ref = self.picker.subject()
        self._show_verdict(ref is not None, snap)
        self._show_registration(form)
        ineligible = form is not None and form.needs_justification
        self.justification_label.setText(_("Lý d&o đề nghị (*):") if ineligible
                                          else _("Lý d&o đề nghị:"))
        self.justification_label.setStyleSheet(
            f"color: {VERDICT_COLOUR['ineligible']}; font-weight: bold" if ineligible else "")
        self._show_conflicts()

    def _show_conflicts(self) -> None:
        """The one-reward conflicts of the subject, title and sáng kiến chosen; saving is
        offered only without any (nor while the subject is on hold)."""
        ref, form = self.picker.subject(), self.form
        hold = form is not None and form.on_hold
        conflicts = self._conflicts(ref, self.target(), self.initiative_choice()) \
            if ref is not None and self.target() else []
        self.conflicts.setText(_("Không đề nghị được (mỗi thành tích chỉ khen một lần):")
                               + "".join(f"\n• {c}" for c in conflicts) if conflicts else "")
        self.conflicts.setVisible(bool(conflicts))
        self.ok_button.setEnabled(ref is not None and bool(self.target()) and not hold
                                  and not conflicts)
        self.ok_button.setToolTip(_("Đang tạm hoãn xét khen thưởng: không đề nghị được cho đến "
                                    "khi có kết luận.") if hold else "\n".join(conflicts))

    def _show_verdict(self, chosen: bool, snap: EligibilitySnapshot | None) -> None:
        if not chosen:
            self.verdict.setText(_("Chọn người hoặc tập thể để xem điều kiện."))
            self.verdict.setStyleSheet("")
            self.reasons.setText("")
        elif snap is None:
            self.verdict.setText(_("Không xét được điều kiện cho danh hiệu này."))
            self.verdict.setStyleSheet("")
            self.reasons.setText("")
        else:
            self.verdict.setText(verdict_label(snap.verdict.value))
            self.verdict.setStyleSheet(
                f"font-weight: bold; color: {VERDICT_COLOUR.get(snap.verdict.value, '#000')}")
            shown = [r for r in snap.reasons if r.status != "met"] or list(snap.reasons)
            lines = [f"• {r.message}" for r in shown[:8]]
            if snap.rule is not None:   # which version of the rules said so (issue 14)
                lines.append(f"⚖ {snap.rule.describe()}")
            self.reasons.setText("\n".join(lines))
            self.reasons.setToolTip(verdict_tooltip(snap))

    def _show_registration(self, form: NominationForm | None) -> None:
        if form is not None and form.needs_registration:
            self.registration.setText(
                _("Đã đăng ký thi đua năm {y}.").format(y=self.round.year) if form.registered
                else _("⚠ Chưa đăng ký thi đua danh hiệu này năm {y}.").format(y=self.round.year))
        else:
            self.registration.setText("")

    # ---- intention --------------------------------------------------------------------------

    def submit(self) -> None:
        ref, target = self.picker.subject(), self.target()
        if ref is None or not target or not self.ok_button.isEnabled():
            return
        ctx, rnd = self.ctx, self.round
        achievement, initiative = self.achievement.toPlainText(), self.initiative_choice()
        justification = self.justification.toPlainText()
        try:
            result = ops.add_nomination(
                ctx.store, ctx.catalog, rnd.id or 0, ref, target, justification, ctx.actor,
                ctx.today(), province=province_of(ctx), achievement=achievement,
                initiative=initiative, evaluate=self._evaluate)
        except UserError as exc:  # refused and explained; everything typed is still there
            feedback.show_user_error(self, exc)
            self._focus_problem(exc)
            return
        except Exception as exc:  # a bug: reported, the form keeps what was typed
            feedback.show_bug(self, exc, ctx.store)
            return
        self.nomination, self.changes = result
        self.accept()

    def save_changes(self) -> bool:
        self.submit()
        return self.nomination is not None

    def _focus_problem(self, exc: UserError) -> None:
        fields = [p.field for p in exc.problems] if isinstance(exc, ValidationError) else []
        for field, widget in (("achievement", self.achievement),
                              ("justification", self.justification),
                              ("initiative", self.initiative)):
            if field in fields and widget.isVisible():
                widget.setFocus()
                return
