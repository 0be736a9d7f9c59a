"""The wizard's page where the officer decides each pair: one person, or two different
people. Certain pairs start as "one person" (the officer may change that); every other pair
starts undecided, and the wizard does not go on until each is decided and each conflicting
record chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.core.i18n import _
from desktop.core.operations import merging
from desktop.ui.merging.pair_view import PairView

if TYPE_CHECKING:
    from desktop.ui.merging.wizard import MergeWizard

_PAIR_ROLE = Qt.ItemDataRole.UserRole


class PairsPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Xác nhận từng cặp"))
        self.setSubTitle(_("Mỗi cặp có thể là cùng một người. Xem hai bên rồi chọn: gộp thành "
                           "một người, hoặc là hai người khác nhau. Không có gì được gộp khi "
                           "chưa có quyết định của cán bộ."))
        self.decisions: dict[str, merging.PairDecision] = {}
        self.list = QListWidget()
        self.list.setMinimumWidth(250)
        self.list.currentItemChanged.connect(self._show_current)
        self.view = PairView(wizard.title_name, _("Hiện có (đơn vị này)"),
                             work_unit_name=wizard.work_unit_name)
        self.view.changed.connect(self._choices_changed)
        self.merge_button = QPushButton(_("&Gộp thành một người"))
        self.merge_button.clicked.connect(lambda: self.decide(True))
        self.keep_button = QPushButton(_("&Hai người khác nhau"))
        self.keep_button.clicked.connect(lambda: self.decide(False))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.remaining = QLabel()
        self.remaining.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.keep_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(buttons)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Các &cặp:")))
        left_layout.addWidget(self.list, 1)
        left_layout.itemAt(0).widget().setBuddy(self.list)  # type: ignore[union-attr]
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.remaining)

    @property
    def plan(self) -> merging.MergePlan:
        assert self._wizard.plan is not None
        return self._wizard.plan

    def initializePage(self) -> None:
        plan = self.plan
        self.view.set_incoming_label(_("Đơn vị cũ: {label}").format(label=plan.former.label))
        kept = {k: v for k, v in self.decisions.items() if plan.pair(k) is not None}
        self.decisions = merging.certain_decisions(plan) | kept
        self.list.clear()
        for pair in plan.pairs:
            item = QListWidgetItem()
            item.setData(_PAIR_ROLE, pair.id)
            self.list.addItem(item)
            self._label(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._refresh()

    def _pair_of(self, item: QListWidgetItem | None) -> merging.Pair | None:
        return None if item is None else self.plan.pair(str(item.data(_PAIR_ROLE)))

    def _status(self, pair: merging.Pair) -> str:
        decision = self.decisions.get(pair.id)
        if decision is None:
            return _("chưa quyết định")
        if not decision.merge:
            return _("hai người")
        if any(decision.conflicts.get(c.key) is None for c in pair.conflicts):
            return _("gộp — còn chỗ phải chọn")
        return _("gộp thành một")

    def _label(self, item: QListWidgetItem) -> None:
        pair = self._pair_of(item)
        if pair is None:
            return
        status = self._status(pair)
        sure = _(" (chắc chắn)") if pair.certain else ""
        item.setText(f"{pair.incoming.name}{sure}\n   → {status}")

    def _show_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        pair = self._pair_of(item)
        if pair is None:
            return
        self.view.show_pair(pair, self.decisions.get(pair.id))
        self._refresh()

    def _choices_changed(self) -> None:
        pair = self.view.pair
        decision = self.decisions.get(pair.id) if pair else None
        if pair is None or decision is None or not decision.merge:
            return
        fields_, conflicts = self.view.choices()
        self.decisions[pair.id] = merging.PairDecision(True, fields_, conflicts)
        self._relabel()

    def decide(self, merge: bool) -> None:
        pair = self.view.pair
        if pair is None:
            return
        fields_, conflicts = self.view.choices()
        self.decisions[pair.id] = (merging.PairDecision(True, fields_, conflicts) if merge
                                   else merging.PairDecision(False))
        self._relabel()
        row = self.list.currentRow()
        undecided = [i for i in range(self.list.count())
                     if self._status_of_row(i) == _("chưa quyết định")]
        following = [i for i in undecided if i > row] or undecided
        if following:
            self.list.setCurrentRow(following[0])

    def _status_of_row(self, row: int) -> str:
        pair = self._pair_of(self.list.item(row))
        return self._status(pair) if pair else ""

    def _relabel(self) -> None:
        for i in range(self.list.count()):
            self._label(self.list.item(i))
        self._refresh()

    def problems(self) -> list[str]:
        return [p.message for p in merging.check_decisions(
            self.plan, self.decisions, skip_rejected=True)]

    def _refresh(self) -> None:
        pair = self.view.pair
        if pair is not None:
            self.state.setText(_("Cặp này: {status}").format(status=self._status(pair)))
        problems = self.problems()
        if problems:
            self.remaining.setText(_("Còn {n} việc: {first}").format(
                n=len(problems), first=problems[0]))
        else:
            self.remaining.setText(_("Đã quyết định hết các cặp."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()
