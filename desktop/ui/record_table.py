"""An editable table of history rows (years, awards, initiatives, …) described by columns.

Values are kept raw while editing (text as typed, codes for choices); the editor converts and
validates them on save, so a half-typed date never blocks moving around the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.unconfirmed import UnconfirmedTickDelegate, tick_tooltip

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    kind: str = "text"  # text | int | date | choice | check | tristate | summary
    choices: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (code, label)
    width: int = 120
    tip: str = ""


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor; the cell shows the label and keeps the code."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.choices = list(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for code, label in self.choices:
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
                      ) -> None:
        assert isinstance(editor, QComboBox)
        pos = editor.findData(index.data(CODE_ROLE))
        editor.setCurrentIndex(max(pos, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class RecordTable(QWidget):
    changed = Signal()

    def __init__(self, fields: Sequence[Field], add_label: str, parent: QWidget | None = None,
                 ) -> None:
        super().__init__(parent)
        self.fields = list(fields)
        self.table = QTableWidget(0, len(self.fields), self)
        self.table.setHorizontalHeaderLabels([f.header for f in self.fields])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setTabKeyNavigation(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col, f in enumerate(self.fields):
            self.table.setColumnWidth(col, f.width)
            if f.kind == "choice":
                self.table.setItemDelegateForColumn(col, ChoiceDelegate(f.choices, self.table))
            elif f.kind == "tristate":   # "chưa xác nhận" drawn as the ratings grid draws it
                self.table.setItemDelegateForColumn(col, UnconfirmedTickDelegate(self.table))
            if f.tip:
                item = self.table.horizontalHeaderItem(col)
                if item is not None:
                    item.setToolTip(f.tip)
        header.setSectionResizeMode(len(self.fields) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

        self.add_button = QPushButton(add_label, self)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_("&Xóa dòng"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence("Ctrl+Return"), self.table, lambda: self.add_row())
        QShortcut(QKeySequence("Ctrl+Delete"), self.table, self.remove_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    # ---- rows --------------------------------------------------------------------------------

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for col, f in enumerate(self.fields):
            self.table.setItem(row, col, self._item(f, values.get(f.key)))
        self.table.blockSignals(False)
        if not values:
            self.table.setCurrentCell(row, 0)
            first = self.table.item(row, 0)
            if first is not None:
                self.table.editItem(first)
        self.changed.emit()
        return row

    def _item(self, f: Field, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if f.kind in ("check", "tristate"):
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            if f.kind == "tristate":
                # partial = not yet confirmed by the officer, never read as "met" (drawn by
                # UnconfirmedTickDelegate as an empty box with "? chưa rõ")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserTristate)
                state = {True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked,
                         None: Qt.CheckState.PartiallyChecked}[value]
                item.setToolTip(tick_tooltip())
            else:
                state = Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            item.setCheckState(state)
        elif f.kind == "summary":
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setText("" if value is None else str(value))
        elif f.kind == "choice":
            code = value if value is not None else (f.choices[0][0] if f.choices else "")
            item.setData(CODE_ROLE, code)
            item.setText(dict(f.choices).get(code, str(code)))
        else:
            item.setText("" if value is None else str(value))
        return item

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def rows(self) -> list[dict[str, Any]]:
        """Raw values: text as typed, codes for choices, True/False/None for checks."""
        result = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = {}
            for col, f in enumerate(self.fields):
                item = self.table.item(row, col)
                if item is None:
                    values[f.key] = None
                elif f.kind == "check":
                    values[f.key] = item.checkState() == Qt.CheckState.Checked
                elif f.kind == "tristate":
                    values[f.key] = {Qt.CheckState.Checked: True,
                                     Qt.CheckState.Unchecked: False}.get(item.checkState())
                elif f.kind == "summary":
                    continue
                elif f.kind == "choice":
                    values[f.key] = item.data(CODE_ROLE)
                else:
                    values[f.key] = item.text().strip()
            if any(v not in (None, "") for k, v in values.items()
                   if self._field(k).kind in ("text", "int", "date")):
                result.append(values)
        return result

    def set_column_text(self, key: str, text_for_row: Callable[[dict[str, Any]], str]) -> None:
        """Refresh a read-only summary column from the other cells of each row."""
        col = next(i for i, f in enumerate(self.fields) if f.key == key)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            values = {}
            for c, f in enumerate(self.fields):
                cell = self.table.item(row, c)
                values[f.key] = cell.text() if cell is not None else ""
            item = self.table.item(row, col)
            if item is not None:
                item.setText(text_for_row(values))
        self.table.blockSignals(False)

    # ---- drafts (desktop.ui.drafts finds a widget with draft_state) ----------------------

    def draft_state(self) -> list[dict[str, Any]]:
        return self.rows()

    def restore_draft_state(self, value: Any) -> None:
        """Rows from a draft file (hostile: only known keys, only plain values)."""
        if not isinstance(value, list):
            raise TypeError("rows")
        keys = {f.key for f in self.fields}
        rows = [{k: v for k, v in row.items()
                 if k in keys and (v is None or isinstance(v, str | int | float | bool))}
                for row in value if isinstance(row, dict)]
        self.set_rows(rows)

    def _field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)
