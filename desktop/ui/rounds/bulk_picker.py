"""A picker for many: the unit's people (or collectives) found by name and department, each
with what registering or nominating them would do (the verdict and its reason, any conflict,
the registration), ticked one by one, all shown at once, or every eligible one.

Rows that cannot be applied (already nominated, the award already recorded, on hold…) say why
and cannot be ticked, so a conflict is seen before choosing, never after saving. Ticks are
kept while the officer searches and filters; Space ticks the selected rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.bulk import BulkRow, Candidate
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.eligibility_panel import VERDICT_COLOUR, verdict_label
from desktop.ui.rounds.nominate_dialog import verdict_tooltip

SEARCH_DELAY_MS = 150
IN_BACKGROUND_ABOVE = 200   # previews of more rows than this are computed with a progress
_Index = QModelIndex | QPersistentModelIndex
Preview = Callable[[Sequence[SubjectRef]], list[BulkRow]]
Eligible = Callable[[SubjectKind], list[SubjectRef]]

C_CHECK, C_NAME, C_DEPARTMENT, C_VERDICT, C_BLOCKS, C_REGISTERED = range(6)
COLUMNS = (N_("Chọn"), N_("Họ và tên / tập thể"), N_("Phòng ban, đơn vị"), N_("Điều kiện"),
           N_("Không thực hiện được vì"), N_("Đăng ký thi đua"))
WIDTHS = (44, 200, 170, 230, 330, 110)
BLOCKED, AMBER = QColor("#9a1b1b"), QColor("#8a5a00")
GREY = QColor("#777777")
# waiting for the year's results is neither a refusal (red) nor a pass (green)
PENDING = QColor("#5a5f66")
PENDING_MARK = "○"


def pending_text() -> str:
    """What a row waiting only for the year's own results says."""
    return _("Chờ kết quả cuối năm")


def verdict_text(row: BulkRow) -> str:
    """"✔ Đủ điều kiện", "○ Chờ kết quả cuối năm" (only the year's results are missing),
    or the verdict with its first unmet reason."""
    if row.verdict is None:
        return ""
    if row.pending:
        return f"{PENDING_MARK} {pending_text()}"
    text = verdict_label(row.verdict.verdict.value)
    unmet = [r.message for r in row.verdict.reasons if r.status not in ("met", "info")]
    return f"{text}: {unmet[0]}" if unmet and not row.eligible else text


def pending_tooltip(row: BulkRow) -> str:
    """The year's results a waiting row still needs, one a line."""
    lines = [f"{PENDING_MARK} {pending_text()}",
             _("Chưa có đủ kết quả của năm đang diễn ra; điều đã biết không loại người này. "
               "Đăng ký thi đua (cam kết đầu năm) vẫn làm bình thường."),
             _("Còn chờ:")]
    lines += [f"• {r.message}" for r in row.awaiting]
    return "\n".join(lines)


class CandidateModel(QAbstractTableModel):
    """The listed candidates, their preview rows and which are ticked."""

    ticked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listed: list[Candidate] = []
        self.preview: dict[SubjectRef, BulkRow] = {}
        self.ticked: dict[SubjectRef, None] = {}   # ordered set: the order ticked
        self.verdict_heading = _(COLUMNS[C_VERDICT])

    # ---- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.listed)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.verdict_heading if section == C_VERDICT else _(COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == C_CHECK and self.can_tick(self.listed[index.row()].subject):
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cand = self.listed[index.row()]
        row = self.preview.get(cand.subject)
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == C_CHECK:
            return (Qt.CheckState.Checked if cand.subject in self.ticked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(cand, row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(cand, row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, col)
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != C_CHECK:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        self.set_ticked([self.listed[index.row()].subject], checked)
        return True

    # ---- content -----------------------------------------------------------------------------

    def _text(self, cand: Candidate, row: BulkRow | None, col: int) -> str:
        if col == C_NAME:
            return cand.name
        if col == C_DEPARTMENT:
            return cand.department or (cand.detail if cand.subject.kind is
                                       SubjectKind.COLLECTIVE else "")
        if row is None:
            return ""
        if col == C_VERDICT:
            return verdict_text(row)
        if col == C_BLOCKS:
            return "; ".join(p.message for p in row.blocks)
        if col == C_REGISTERED:
            return {None: "", True: _("đã đăng ký"), False: _("chưa đăng ký")}[row.registered]
        return ""

    def _tip(self, cand: Candidate, row: BulkRow | None, col: int) -> str:
        if col == C_NAME:
            return f"{cand.name}\n{cand.detail}" if cand.detail else cand.name
        if row is None:
            return ""
        if col == C_VERDICT and row.pending:
            return pending_tooltip(row)
        if col == C_VERDICT and row.verdict is not None:
            return verdict_tooltip(row.verdict)
        if col in (C_BLOCKS, C_CHECK) and row.blocks:
            return "\n".join(f"• {p.message}" for p in row.blocks)
        if col == C_BLOCKS and row.initiative:
            return _("Sáng kiến làm căn cứ: {n}").format(n=row.initiative)
        return self._text(cand, row, col)

    def _colour(self, row: BulkRow | None, col: int) -> QBrush | None:
        if row is None:
            return None
        if row.blocks:
            return QBrush(BLOCKED if col == C_BLOCKS else GREY)
        if col == C_VERDICT and row.pending:
            return QBrush(PENDING)
        if col == C_VERDICT and row.verdict is not None:
            return QBrush(QColor(VERDICT_COLOUR.get(row.verdict.verdict.value, "#000")))
        if col == C_REGISTERED and row.registered is False:
            return QBrush(AMBER)
        return None

    def can_tick(self, ref: SubjectRef) -> bool:
        row = self.preview.get(ref)
        return row is not None and row.applicable

    def set_listed(self, listed: list[Candidate]) -> None:
        self.beginResetModel()
        self.listed = listed
        self.endResetModel()

    def set_preview(self, rows: Sequence[BulkRow]) -> None:
        """New preview rows; a ticked subject that can no longer be applied is unticked."""
        for row in rows:
            self.preview[row.subject] = row
            if not row.applicable:
                self.ticked.pop(row.subject, None)
        self._changed()

    def clear_preview(self) -> None:
        self.preview.clear()
        self._changed()

    def set_ticked(self, refs: Sequence[SubjectRef], checked: bool) -> None:
        for ref in refs:
            if checked and self.can_tick(ref):
                self.ticked[ref] = None
            elif not checked:
                self.ticked.pop(ref, None)
        self._changed()

    def _changed(self) -> None:
        if self.listed:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.listed) - 1, len(COLUMNS) - 1))
        self.ticked_changed.emit()


class BulkPicker(QWidget):
    """Search, department filter, the candidate table and the tick buttons.

    `preview(refs)` says what applying would do for each subject (set by the dialog for its
    title); `eligible(kind)` who the rules find eligible in the whole unit.
    """

    changed = Signal()        # the ticked set changed
    kind_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._preview: Preview | None = None
        self._eligible: Eligible | None = None
        # "every eligible" ticks only whom the preview's verdict also finds eligible; the
        # registration picker's list is of who could still earn the title (a pledge), so
        # there it ticks every one of them that can be applied
        self.verdict_must_agree = True
        self.model = CandidateModel(self)
        self.model.ticked_changed.connect(self._ticks_changed)
        self.total = 0
        self._found: list[Candidate] = []   # what the search and department match
        self._known: dict[SubjectRef, Candidate] = {}   # every candidate listed so far

        self.person_radio = QRadioButton(_("Cá &nhân"))
        self.collective_radio = QRadioButton(_("&Tập thể"))
        self.person_radio.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.person_radio)
        kinds.addButton(self.collective_radio)
        kinds.buttonToggled.connect(self._kind_toggled)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Gõ tên để tìm, không dấu cũng được"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("Tìm t&ên:"))
        search_label.setBuddy(self.search)
        self.department = QComboBox()
        self.department.setMinimumWidth(200)
        department_label = QLabel(_("&Phòng ban:"))
        department_label.setBuddy(self.department)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.department.currentIndexChanged.connect(lambda _i: self.refresh())

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        head = self.view.horizontalHeader()
        head.setStretchLastSection(False)
        for col, width in enumerate(WIDTHS):
            self.view.setColumnWidth(col, width)
        # the verdict's reason is what the officer reads: it shares the spare width with
        # the conflicts instead of being cut at its starting width
        for col in (C_VERDICT, C_BLOCKS):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)

        self.all_button = QPushButton(_("Chọn tất cả đang &hiển thị"))
        self.all_button.clicked.connect(self.tick_shown)
        self.eligible_button = QPushButton(_("Chọn mọi người đủ điề&u kiện"))
        self.eligible_button.setToolTip(_("Trong cả đơn vị, không chỉ những người đang hiện"))
        self.eligible_button.clicked.connect(self.tick_eligible)
        self.none_button = QPushButton(_("&Bỏ chọn tất cả"))
        self.none_button.clicked.connect(self.untick_all)
        # what cannot be done is hidden by default (a year-end list where most already have
        # the award is otherwise a page of grey rows); the summary still counts them
        self.hide_blocked = QCheckBox(_("Ẩn trường hợp không thực hiện được"))
        self.hide_blocked.setChecked(True)
        self.hide_blocked.toggled.connect(lambda _on: self._show_found())
        self.only_ticked = QCheckBox(_("Chỉ h&iện dòng đã chọn"))
        self.only_ticked.setToolTip(_("Xem lại những người, tập thể đã chọn (cả những người "
                                      "ngoài kết quả tìm hiện tại) trước khi lưu"))
        self.only_ticked.toggled.connect(lambda _on: self._show_found())
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.summary = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.person_radio)
        top.addWidget(self.collective_radio)
        top.addSpacing(12)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(department_label)
        top.addWidget(self.department)
        buttons = QHBoxLayout()
        for button in (self.all_button, self.eligible_button, self.none_button):
            buttons.addWidget(button)
        buttons.addWidget(self.hide_blocked)
        buttons.addWidget(self.only_ticked)
        buttons.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        self.setFocusProxy(self.search)
        self._fill_departments()

    # ---- what the dialog sets ----------------------------------------------------------------

    def set_rules(self, preview: Preview | None, eligible: Eligible | None) -> None:
        """A new title (or round, or year): previews are recomputed, ticks kept where they
        still apply."""
        self._preview, self._eligible = preview, eligible
        self.model.clear_preview()
        self.eligible_button.setEnabled(eligible is not None)
        self._compute([c.subject for c in self._found] + list(self.model.ticked))
        self._show_found()

    def set_verdict_heading(self, heading: str, eligible_button: str) -> None:
        """What the verdict column and the "every eligible" button say (a year, for
        registrations made before the year's results exist)."""
        self.model.verdict_heading = heading
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, C_VERDICT, C_VERDICT)
        self.eligible_button.setText(eligible_button)

    def kind(self) -> SubjectKind:
        return SubjectKind.PERSON if self.person_radio.isChecked() else SubjectKind.COLLECTIVE

    def chosen(self) -> list[BulkRow]:
        """The ticked rows, in the order ticked."""
        return [self.model.preview[ref] for ref in self.model.ticked
                if ref in self.model.preview]

    # ---- listing -----------------------------------------------------------------------------

    def _fill_departments(self) -> None:
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(_("Tất cả"), "")
        if self.kind() is SubjectKind.PERSON:
            for name in reg_ops.departments(self.ctx.store):
                self.department.addItem(name, name)
        self.department.setEnabled(self.kind() is SubjectKind.PERSON)
        self.department.blockSignals(False)

    def _kind_toggled(self, _button: object, on: bool) -> None:
        if not on:
            return
        self.model.ticked.clear()
        self._fill_departments()
        self.kind_changed.emit()   # the dialog sets the rules of a title for this kind
        self.refresh()

    def refresh(self) -> None:
        """List the candidates matching the search and department now."""
        self._timer.stop()
        ctx, kind = self.ctx, self.kind()
        query, department = self.search.text(), str(self.department.currentData() or "")
        found = feedback.attempt(self, lambda: ops.candidates(
            ctx.store, kind, query, department), ctx.store)
        self._found, self.total = found if found is not None else ([], 0)
        self._known.update((c.subject, c) for c in self._found)
        self._compute([c.subject for c in self._found])
        self._show_found()

    def _show_found(self) -> None:
        preview = self.model.preview
        hide = self.hide_blocked.isChecked()
        shown = self.ticked_candidates() if self.only_ticked.isChecked() else self._found
        self.model.set_listed([c for c in shown if not (
            hide and (row := preview.get(c.subject)) is not None and row.blocks)])
        self._ticks_changed()

    def ticked_candidates(self) -> list[Candidate]:
        """The ticked subjects as rows, in the order ticked, wherever the search is (one
        ticked by "every eligible" may never have been listed: its preview names it)."""
        found = []
        for ref in self.model.ticked:
            cand = self._known.get(ref)
            row = self.model.preview.get(ref)
            if cand is None and row is not None:
                cand = Candidate(ref, row.name, "", row.department)
            if cand is not None:
                found.append(cand)
        return found

    def _compute(self, refs: Sequence[SubjectRef]) -> None:
        missing = [r for r in dict.fromkeys(refs) if r not in self.model.preview]
        if self._preview is None or not missing:
            return
        preview = self._preview
        if len(missing) > IN_BACKGROUND_ABOVE:
            from desktop.ui.runner import run_with_progress

            rows = run_with_progress(self, _("Đang xét điều kiện từng người…"),
                                     lambda: preview(missing))
        else:
            rows = feedback.attempt(self, lambda: preview(missing), self.ctx.store)
        if rows is not None:
            self.model.set_preview(rows)

    # ---- ticking -----------------------------------------------------------------------------

    def tick_shown(self) -> None:
        self.model.set_ticked([c.subject for c in self.model.listed], True)

    def restore_ticked(self, refs: Sequence[SubjectRef]) -> None:
        """Tick `refs` again (a draft): those of this kind that can still be applied."""
        refs = [r for r in refs if r.kind is self.kind()]
        self._compute(refs)
        self.model.set_ticked(refs, True)

    def untick_all(self) -> None:
        self.model.set_ticked(list(self.model.ticked), False)

    def tick_eligible(self) -> None:
        """Every subject of this kind the rules find eligible, in the whole unit, that can be
        applied (those with a conflict stay unticked, their reason shown)."""
        if self._eligible is None:
            return
        eligible = self._eligible
        kind = self.kind()
        refs = feedback.attempt(self, lambda: eligible(kind), self.ctx.store)
        if refs is None:
            return
        self._compute(refs)
        rows = [(r, self.model.preview.get(r)) for r in refs]
        self.model.set_ticked([r for r, row in rows if row is not None and (
            row.preselected if self.verdict_must_agree else row.applicable)], True)

    def toggle_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        refs = [self.model.listed[r].subject for r in rows]
        tickable = [r for r in refs if self.model.can_tick(r)]
        self.model.set_ticked(tickable, any(r not in self.model.ticked for r in tickable))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space):
            self.toggle_selected()
            return True
        return super().eventFilter(watched, event)

    def _ticks_changed(self) -> None:
        shown = len(self.model.listed)
        ticked = len(self.model.ticked)
        hidden = ticked - sum(1 for c in self.model.listed if c.subject in self.model.ticked)
        blocked = sum(1 for c in self._found
                      if (r := self.model.preview.get(c.subject)) is not None and r.blocks)
        reviewing = self.only_ticked.isChecked()
        if reviewing:   # the list is the choice, wherever the search is
            self.count.setText(_("Hiện {shown} dòng đã chọn").format(shown=shown))
        else:
            self.count.setText(_("Hiện {shown}/{total}").format(shown=shown, total=self.total)
                               + (_(" – gõ thêm hoặc chọn phòng ban để thu hẹp")
                                  if len(self._found) < self.total else ""))
        text = _("Đã chọn {n}").format(n=ticked)
        if hidden and not reviewing:
            text += _(" ({h} không nằm trong danh sách đang hiện)").format(h=hidden)
        blocked = 0 if reviewing else blocked
        if blocked and self.hide_blocked.isChecked():
            text += _("; {b} trường hợp không thực hiện được đang ẩn (bỏ chọn “Ẩn trường hợp "
                      "không thực hiện được” để xem lý do)").format(b=blocked)
        elif blocked:
            text += _("; {b} trường hợp không thực hiện được (xem lý do ở cột “Không thực "
                      "hiện được vì”)").format(b=blocked)
        self.summary.setText(text + ".")
        self.changed.emit()
