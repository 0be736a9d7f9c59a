"""Every title a person or collective qualifies for this year, and why (or why not).

Reasons come from the rules engine in Vietnamese, each with its legal basis; what is missing
and the evidence the dossier will need are listed under each title. A second list says what is
still needed for the titles above in the coming year.

What-if (issue 12): in an editor, the panel is given `unsaved`, which returns the subject as
the editor holds it (or None when nothing differs from what is stored). The verdicts are
then computed from those values (operations.whatif: nothing read about the subject from the
store, nothing written), a moment after the officer stops typing, and marked "chưa lưu".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.core.model import Collective, History, Person, SubjectRef
from desktop.core.model.rule_version import RuleVersion, origin_short, version_day
from desktop.core.operations import eligibility as el
from desktop.core.operations import whatif
from desktop.core.operations.eligibility import Status, Verdict
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.numbers import YearField

VERDICT_TEXT = {"eligible": N_("Đủ điều kiện"), "ineligible": N_("Chưa đủ điều kiện"),
                "hold": N_("Tạm hoãn xét")}
# Colour is never the only signal: every verdict also has its words and a mark.
VERDICT_COLOUR = {"eligible": "#1b6e20", "ineligible": "#9a1b1b", "hold": "#8a5a00"}
# "‖" (Unicode 1.1), not U+23F8 (the pause sign, 7.0): the usual fonts (DejaVu Sans,
# older Windows ones) lack the latter, drawn as an empty box; every mark of the UI is in
# the widgets' font (tests/qt/test_status_glyphs.py)
HOLD_MARK = "‖"
VERDICT_MARK = {"eligible": "✔", "ineligible": "✘", "hold": HOLD_MARK}
STATUS_MARK = {Status.MET: "✔", Status.NOT_MET: "✘", Status.UNCONFIRMED: "?",
               Status.BLOCKER: HOLD_MARK, Status.INFO: "ℹ"}


def verdict_label(verdict: str) -> str:
    return f"{VERDICT_MARK.get(verdict, '')} {_(VERDICT_TEXT.get(verdict, verdict))}"


Unsaved = tuple[Person | Collective, History] | None
WHATIF_DELAY_MS = 400


def rule_label(rule: RuleVersion | None) -> str:
    """The version a verdict applied, short: "⚖ bản từ 01/10/2026 · gói quy định …"."""
    if rule is None:
        return ""
    return _("⚖ bản từ {since} · {origin}").format(since=version_day(rule.title),
                                                   origin=origin_short(rule.origin))


class EligibilityPanel(QWidget):
    draft_exclude = True    # the review year is a view setting, not part of the subject

    def __init__(self, context: AppContext, ref: SubjectRef | None,
                 parent: QWidget | None = None,
                 unsaved: Callable[[], Unsaved] | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ref = ref
        self.unsaved = unsaved
        self.showing_unsaved = False
        self._whatif_timer = QTimer(self, singleShot=True, interval=WHATIF_DELAY_MS)
        self._whatif_timer.timeout.connect(self.refresh)
        # typed, never clamped: "203" or "1999" is refused in red and the verdicts stay
        self.year = YearField(context.today().year)
        year_label = QLabel(_("Nă&m xét:"))
        year_label.setBuddy(self.year)
        self.refresh_button = QPushButton(_("&Xét lại"))
        self.refresh_button.clicked.connect(self.refresh)
        self.year.yearChanged.connect(lambda _y: self.refresh())
        self.note = QLabel(_("Theo dữ liệu đã lưu."))
        # Which day's rules apply (issue 14): today, or 31/12 of a year already ended
        self.rule_day = QLabel()
        self.rule_day.setObjectName("hint")
        self.rule_day.setWordWrap(True)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Danh hiệu, hình thức"), _("Kết luận, lý do"),
                                   _("Căn cứ")])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 560)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.next_tree = QTreeWidget()
        self.next_tree.setHeaderLabels([_("Danh hiệu cao hơn"), _("Còn cần")])
        self.next_tree.setColumnWidth(0, 260)
        self.next_tree.setWordWrap(True)
        self.next_title = QLabel()

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.refresh_button)
        top.addWidget(self.note, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.next_title)
        lower_layout.addWidget(self.next_tree)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        splitter.setSizes([400, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule_day)
        layout.addWidget(splitter, 1)
        self._loaded = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._loaded:  # computed when the tab is first opened, not before
            self.refresh()

    def province(self) -> str:
        unit = self.context.unit()
        return unit.province if unit else "default"

    def subject_changed(self) -> None:
        """The editor's values changed: recompute a moment after the typing stops (only
        once the tab has been opened; opening it computes)."""
        if self._loaded:
            self._whatif_timer.start()

    def refresh(self) -> None:
        self._loaded = True
        self._whatif_timer.stop()
        year = self.year.year()
        if year is None:    # a year out of range: the field says why; the verdicts stay
            return
        unsaved = self.unsaved() if self.unsaved is not None else None
        self.tree.clear()
        self.next_tree.clear()
        self.showing_unsaved = unsaved is not None
        if unsaved is None and self.ref is None:
            QTreeWidgetItem(self.tree, [_("Hãy nhập thông tin để xét điều kiện."), ""])
            return
        ctx, province = self.context, self.province()
        rules = ctx.catalog.for_review(year, ctx.today())
        next_rules = ctx.catalog.for_review(year + 1, ctx.today())
        self.rule_day.setText(_("Xét theo quy định có hiệu lực ngày {day} (năm xét {year}: "
                                "ngày xét, nhưng không sau 31/12 của năm xét).").format(
            day=rules.as_of.strftime("%d/%m/%Y"), year=year))
        if unsaved is not None:
            subject, history = unsaved
            self.note.setText(_("Theo dữ liệu đang sửa, chưa lưu."))
            self.note.setObjectName("unsaved")
            self.note.setStyleSheet("color: #8a5a00; font-weight: bold;")
            if isinstance(subject, Person):
                result = attempt(self, lambda: whatif.evaluate_person(
                    rules, subject, history, year, province, next_catalog=next_rules),
                    ctx.store)
            else:
                result = attempt(self, lambda: whatif.evaluate_collective(
                    ctx.store, rules, subject, history, year, province,
                    next_catalog=next_rules), ctx.store)
            verdicts = list(result.verdicts) if result else []
            steps = list(result.next_steps) if result else []
        else:
            ref = self.ref
            assert ref is not None
            self.note.setText(_("Theo dữ liệu đã lưu."))
            self.note.setObjectName("hint")
            self.note.setStyleSheet("")
            verdicts = attempt(self, lambda: el.evaluate_subject(
                ctx.store, rules, ref, year, province), ctx.store) or []
            steps = attempt(self, lambda: el.next_steps(
                ctx.store, next_rules, ref, year, province), ctx.store) or []
        for verdict in verdicts:
            self._add_verdict(verdict)
        self.next_title.setText(_("Năm {y}: còn cần gì cho danh hiệu cao hơn").format(y=year + 1))
        for step in steps:
            item = QTreeWidgetItem(self.next_tree, [step.name, verdict_label(step.verdict)])
            for line in step.missing:
                QTreeWidgetItem(item, ["", line])
            for line in step.evidence_needed:
                QTreeWidgetItem(item, ["", _("Minh chứng: {e}").format(e=line)])
            item.setExpanded(True)

    def _add_verdict(self, verdict: Verdict) -> None:
        item = QTreeWidgetItem(self.tree, [verdict.target_name, verdict_label(verdict.verdict),
                                           rule_label(verdict.rule)])
        if verdict.rule is not None:
            item.setToolTip(2, verdict.rule.describe())
        bold = QFont(item.font(0))
        bold.setBold(True)
        item.setFont(0, bold)
        item.setFont(1, bold)
        item.setForeground(1, QBrush(QColor(VERDICT_COLOUR.get(verdict.verdict, "#000"))))
        for reason in verdict.reasons:
            child = QTreeWidgetItem(item, ["", f"{STATUS_MARK.get(reason.status, '')} "
                                              f"{reason.message}", reason.basis])
            child.setToolTip(1, reason.message)
        for line in verdict.missing:
            QTreeWidgetItem(item, ["", _("Còn thiếu: {m}").format(m=line), ""])
        for line in verdict.evidence_needed:
            QTreeWidgetItem(item, ["", _("Hồ sơ cần: {e}").format(e=line), ""])
        for line in verdict.info:
            QTreeWidgetItem(item, ["", f"ℹ {line}", ""])
        item.setExpanded(verdict.eligible or verdict.verdict == "hold")

    def versions_shown(self) -> dict[str, str]:
        """Title name → the rule version shown beside its verdict."""
        shown = {}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                shown[item.text(0)] = item.text(2)
        return shown

    def verdicts_shown(self) -> dict[str, str]:
        """Title name → verdict text, as the officer sees them (for tests and copying)."""
        shown = {}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                shown[item.text(0)] = item.text(1)
        return shown
