"""Add or edit a collective (phòng/ban, thôn, trường, …), its members and its history."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, Collective, CollectiveKind, Person, SubjectKind, SubjectRef
from desktop.core.operations import registry as ops
from desktop.core.operations import work_units as wu_ops
from desktop.core.text import format_date
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.eligibility_panel import EligibilityPanel, Unsaved
from desktop.ui.feedback import attempt
from desktop.ui.person_editor import HistoryTabs

SEARCH_LIMIT = 50


def person_label(p: Person) -> str:
    parts = [p.full_name]
    if p.birth_date:
        parts.append(format_date(p.birth_date))
    if p.department:
        parts.append(p.department)
    return " – ".join(parts)


class MemberPicker(QWidget):
    """Members on the right; search people (any number of them) on the left to add."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.search = QLineEdit()
        self.search.setProperty("draft", False)   # a search, not part of the collective
        self.search.setPlaceholderText(_("Tìm người để thêm (gõ không dấu cũng được)"))
        self.results = QListWidget()
        self.members = QListWidget()
        self.members.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        add = QPushButton(_("Thêm vào tập thể →"))
        remove = QPushButton(_("← Bỏ khỏi tập thể"))
        add.clicked.connect(self.add_selected)
        remove.clicked.connect(self.remove_selected)
        self.results.itemActivated.connect(lambda _item: self.add_selected())
        self.members.itemActivated.connect(lambda _item: self.remove_selected())
        self.count_label = QLabel()

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh_results)
        self.search.textChanged.connect(lambda _t: self._timer.start())

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.results)
        left.addWidget(add)
        right = QVBoxLayout()
        right.addWidget(self.count_label)
        right.addWidget(self.members)
        right.addWidget(remove)
        row = QHBoxLayout(self)
        row.addLayout(left)
        row.addLayout(right)
        self.refresh_results()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()     # the editor closed: no search after it (its store may close)
        super().hideEvent(event)

    def refresh_results(self) -> None:
        self.results.clear()
        for p in ops.people_page(self.context.store, self.search.text(), 0, SEARCH_LIMIT):
            item = QListWidgetItem(person_label(p))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.results.addItem(item)

    def member_ids(self) -> tuple[int, ...]:
        return tuple(self.members.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.members.count()))

    def draft_state(self) -> list[int]:
        return list(self.member_ids())

    def restore_draft_state(self, value: object) -> None:
        if not isinstance(value, list):
            raise TypeError("members")
        self.set_members(tuple(v for v in value if isinstance(v, int) and not isinstance(v, bool)))

    def set_members(self, ids: tuple[int, ...]) -> None:
        self.members.clear()
        for pid in ids:
            p = ops.get_person(self.context.store, pid)
            if p is not None:
                self._add_member(p.id or 0, person_label(p))
        self._update_count()

    def _add_member(self, pid: int, label: str) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, pid)
        self.members.addItem(item)

    def add_selected(self) -> None:
        present = set(self.member_ids())
        for item in self.results.selectedItems() or ([self.results.currentItem()]
                                                     if self.results.currentItem() else []):
            pid = item.data(Qt.ItemDataRole.UserRole)
            if pid not in present:
                self._add_member(pid, item.text())
                present.add(pid)
        self._update_count()

    def remove_selected(self) -> None:
        for item in self.members.selectedItems():
            self.members.takeItem(self.members.row(item))
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(_("Thành viên: {n}").format(n=self.members.count()))
        self.changed.emit()


class CollectiveEditor(EditorDialog):
    help_page = "tap_the"

    def __init__(self, context: AppContext, collective_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.collective_id = collective_id
        self.changes = Changes()
        self.saved = False
        self.setWindowTitle(_("Thêm tập thể") if collective_id is None else _("Sửa tập thể"))
        self.resize(1100, 680)

        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Ví dụ: Thôn Đồng Xuân; Phòng Kinh tế"))
        self.kind = QComboBox()
        for k in CollectiveKind:
            self.kind.addItem(k.label, k.value)
        self.note = QLineEdit()
        # The work unit this collective is: documents print its full official name, its head
        # signs the collective's report.
        self.work_unit = QComboBox()
        self.work_unit.addItem(_("(không gắn với đơn vị trực thuộc nào)"), None)
        for unit in wu_ops.list_work_units(context.store):
            self.work_unit.addItem(unit.name, unit.id)
        form_box = QGroupBox(_("Thông tin tập thể"))
        form = QFormLayout(form_box)
        form.addRow(_("&Tên tập thể (*):"), self.name)
        form.addRow(_("&Loại:"), self.kind)
        form.addRow(_("Là đơn vị trực thuộc:"), self.work_unit)
        form.addRow(_("&Ghi chú:"), self.note)

        self.members = MemberPicker(context)
        members_box = QGroupBox(_("Thành viên"))
        QVBoxLayout(members_box).addWidget(self.members)
        self.tabs = HistoryTabs(context, "collective", self)
        self.eligibility = EligibilityPanel(
            context, SubjectRef(SubjectKind.COLLECTIVE, collective_id) if collective_id else None,
            self, unsaved=self.unsaved_subject)
        self.tabs.addTab(self.eligibility, _("Xét điều kiện"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(members_box)
        splitter.addWidget(self.tabs)

        buttons = dialog_buttons(self, _("&Lưu"), self.save, ok=Standard.Save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(form_box)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        if collective_id is not None:
            self._load(collective_id)
        self.name.setFocus()
        self.init_drafts(context,
                         f"collective.{collective_id if collective_id is not None else 'new'}")

    def draft_title(self) -> str:
        name = self.name.text().strip()
        return f"{self._title} – {name}" if name else self._title

    def values_changed(self) -> None:
        self.eligibility.subject_changed()

    def collective_from_form(self) -> Collective:
        return Collective(id=self.collective_id, name=self.name.text(),
                          kind=CollectiveKind(self.kind.currentData()),
                          note=self.note.text(), member_ids=self.members.member_ids(),
                          work_unit_id=self.work_unit.currentData())

    def unsaved_subject(self) -> Unsaved:
        """The collective as typed, for what-if eligibility (None: as stored)."""
        if not self.is_dirty():
            return None
        return self.collective_from_form(), self.tabs.history()[0]

    def save_changes(self) -> bool:
        self.save()
        return self.saved

    def _load(self, collective_id: int) -> None:
        collective = ops.get_collective(self.context.store, collective_id)
        if collective is None:
            raise UserError(_("Tập thể này không còn trong danh sách."))
        self.name.setText(collective.name)
        self.kind.setCurrentIndex(max(self.kind.findData(collective.kind.value), 0))
        self.note.setText(collective.note)
        self.work_unit.setCurrentIndex(max(self.work_unit.findData(collective.work_unit_id), 0))
        self.members.set_members(collective.member_ids)
        self.tabs.load(ops.get_history(self.context.store,
                                       SubjectRef(SubjectKind.COLLECTIVE, collective_id)))

    def save(self) -> None:
        collective = self.collective_from_form()
        history, problems = self.tabs.history()
        ctx = self.context

        def write() -> tuple[Collective, Changes]:
            if problems:
                raise ValidationError(problems + ops.validate_collective(collective))
            if self.collective_id is None:
                return ops.add_collective(ctx.store, ctx.catalog, collective, history, ctx.actor,
                                          today=ctx.today())
            return ops.update_collective(ctx.store, ctx.catalog, collective, history, ctx.actor,
                                         today=ctx.today())

        result = attempt(self, write, ctx.store)
        if result is not None:
            self.changes = result[1]
            self.saved = True
            self.accept()
