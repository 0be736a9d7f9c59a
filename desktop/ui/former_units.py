"""The unit's former units (the communes it was merged from, LAW §8.1), as a small table in
"Thông tin đơn vị": name as documents print it, code, date of the merger, and how many
people's work history names each one (those cannot be removed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model.former import REFORM_DATE, FormerUnit
from desktop.core.text import format_date, parse_date

NAME, CODE, MERGED_ON, PEOPLE = range(4)
_ID_ROLE = Qt.ItemDataRole.UserRole


class FormerUnitsEditor(QGroupBox):
    """Kept in the unit dialog's drafts (draft_state): rows typed are not lost."""

    draft_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Đơn vị cũ (các xã, phường đã hợp nhất vào đơn vị này)"), parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([
            _("Tên đơn vị cũ (như văn bản ghi)"), _("Mã"), _("Ngày hợp nhất"),
            _("Số người đã công tác")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (CODE, MERGED_ON, PEOPLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(_("Thêm đơn vị &cũ"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_("&Bỏ dòng đã chọn"))
        self.remove_button.clicked.connect(self.remove_selected)
        hint = QLabel(_("Tài liệu ghi đơn vị cũ là “xã Tân Lập (cũ)”. Ngày hợp nhất ghi "
                        "ngày/tháng/năm. Đơn vị cũ có người đã công tác thì không bỏ được."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self.table.itemChanged.connect(lambda _item: self.draft_changed.emit())

    def set_units(self, units: list[FormerUnit], people: dict[int, int]) -> None:
        self.table.setRowCount(0)
        for unit in units:
            self.add_row(unit, people.get(unit.id or 0, 0))

    def draft_state(self) -> list[dict[str, Any]]:
        rows = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            rows.append({"id": item.data(_ID_ROLE) if item else None,
                         "name": self._text(row, NAME), "code": self._text(row, CODE),
                         "merged_on": self._text(row, MERGED_ON),
                         "people": self._text(row, PEOPLE)})
        return rows

    def restore_draft_state(self, value: Any) -> None:
        if not isinstance(value, list):
            return
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for entry in value:
                if not isinstance(entry, dict):
                    continue
                uid = entry.get("id")
                people = str(entry.get("people", "0"))
                row = self.add_row(FormerUnit(uid if isinstance(uid, int) else None,
                                              str(entry.get("name", "")), REFORM_DATE,
                                              code=str(entry.get("code", ""))),
                                   int(people) if people.isdigit() else 0, edit=False)
                self.table.setItem(row, MERGED_ON,
                                   QTableWidgetItem(str(entry.get("merged_on", ""))))
        finally:
            self.table.blockSignals(False)
        self.draft_changed.emit()

    def add_row(self, unit: FormerUnit | None = None, people: int = 0, edit: bool = True
                ) -> int:
        unit = unit or FormerUnit(None, "", REFORM_DATE)
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(unit.name)
        name.setData(_ID_ROLE, unit.id)
        self.table.setItem(row, NAME, name)
        self.table.setItem(row, CODE, QTableWidgetItem(unit.code))
        self.table.setItem(row, MERGED_ON, QTableWidgetItem(format_date(unit.merged_on)))
        count = QTableWidgetItem(str(people))
        count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
        count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, PEOPLE, count)
        self.draft_changed.emit()
        if edit and not unit.name:
            self.table.setCurrentCell(row, NAME)
            self.table.editItem(name)
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.draft_changed.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""

    def units(self) -> list[FormerUnit]:
        """The rows as former units; ValidationError naming each date that is not one."""
        units, problems = [], []
        for row in range(self.table.rowCount()):
            name, code = self._text(row, NAME), self._text(row, CODE)
            if not name.strip() and not code.strip():
                continue  # an empty row added and left
            try:
                merged_on = parse_date(self._text(row, MERGED_ON), _("Ngày hợp nhất")) \
                    or REFORM_DATE
            except UserError as exc:
                problems.append(Problem("former_unit.merged_on_invalid", "merged_on",
                                        _("Đơn vị cũ dòng {n}: {why}").format(n=row + 1,
                                                                            why=exc.message)))
                merged_on = date(1, 1, 1)
            item = self.table.item(row, NAME)
            uid = item.data(_ID_ROLE) if item else None
            units.append(FormerUnit(int(uid) if uid is not None else None, name, merged_on,
                                    code=code))
        if problems:
            raise ValidationError(problems)
        return units
