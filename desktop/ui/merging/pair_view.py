"""One pair side by side: the person as this registry has them and as the former unit's
registry had them, every field and the history year by year, with the officer's choices
where they differ (which value to keep, which of two conflicting records is right)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.model import History
from desktop.core.operations import merging
from desktop.core.operations.merging.combine import (
    describe,
    field_label,
    reference_fields,
    show,
)

DIFFERS = QBrush(QColor("#fff3cd"))  # a soft amber: look here
UNCHOSEN = QBrush(QColor("#f8d7da"))  # must be chosen


def _years(history: History) -> set[int]:
    years = {y.year for y in history.years} | {a.year for a in history.awards}
    years |= {i.year for i in history.initiatives} | {t.year for t in history.research}
    years |= {c.year for c in history.claims} | {d.start_date.year for d in history.discipline}
    return years


def year_summary(history: History, year: int, title_name: Callable[[str], str]) -> str:
    """Everything one history says about one year, in a few words per record."""
    parts = [describe("year", y, title_name) for y in history.years if y.year == year]
    parts += [describe("award", a, title_name) for a in history.awards if a.year == year]
    parts += [_("Sáng kiến: {d}").format(d=describe("initiative", i, title_name))
              for i in history.initiatives if i.year == year]
    parts += [_("Đề tài: {d}").format(d=describe("research", t, title_name))
              for t in history.research if t.year == year]
    parts += [_("Kỷ luật: {d}").format(d=describe("discipline", d, title_name))
              for d in history.discipline if d.start_date.year == year]
    parts += [_("Xác nhận: {c}").format(c=c.code) for c in history.claims if c.year == year]
    return "\n".join(parts)


def _item(text: str, brush: QBrush | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if brush is not None:
        item.setBackground(brush)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    # rows follow their text as the columns are laid out (a handful of rows: cheap)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    return table


class PairView(QWidget):
    """The side-by-side view of one pair; emits `changed` when a choice changes."""

    changed = Signal()

    def __init__(self, title_name: Callable[[str], str], existing_label: str,
                 parent: QWidget | None = None, *,
                 work_unit_name: Callable[[int], str] = str) -> None:
        super().__init__(parent)
        self._title_name = title_name
        self._work_unit_name = work_unit_name
        self._existing_label = existing_label
        self._incoming_label = ""
        self.pair: merging.Pair | None = None
        self.field_choices: dict[str, QComboBox] = {}
        self.conflict_choices: dict[str, QComboBox] = {}
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.people = _table([_("Thông tin"), "", "", _("Giữ")])
        self.conflicts_label = QLabel(_("Những bản ghi khác nhau cho cùng một việc — chọn bản "
                                        "đúng (bắt buộc):"))
        self.conflicts = _table([_("Nội dung"), "", "", _("Bản đúng")])
        self.history = _table([_("Năm"), "", ""])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.why)
        layout.addWidget(self.people, 3)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(QLabel(_("Quá trình khen thưởng, từng năm:")))
        layout.addWidget(self.history, 3)

    def set_incoming_label(self, label: str) -> None:
        self._incoming_label = label

    def _headers(self) -> None:
        for table in (self.people, self.conflicts, self.history):
            table.setHorizontalHeaderItem(1, QTableWidgetItem(self._existing_label))
            table.setHorizontalHeaderItem(2, QTableWidgetItem(self._incoming_label))

    def show_pair(self, pair: merging.Pair, decision: merging.PairDecision | None) -> None:
        self.pair = pair
        self._headers()
        self.why.setText(_("Vì sao có thể là một người: {why}.").format(why=pair.explain()))
        self._people(pair, decision)
        self._conflicts(pair, decision)
        self._history(pair)

    def _combo(self, chosen: str | None, *, required: bool) -> QComboBox:
        combo = QComboBox()
        if required:
            combo.addItem(_("(chọn)"), None)
        combo.addItem(_("Bản hiện có"), merging.EXISTING)
        combo.addItem(_("Bản của đơn vị cũ"), merging.INCOMING)
        index = combo.findData(chosen) if chosen else (-1 if required else 0)
        combo.setCurrentIndex(max(index, 0))
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def _people(self, pair: merging.Pair, decision: merging.PairDecision | None) -> None:
        table = self.people
        table.setRowCount(0)
        self.field_choices = {}
        differing = {d.field: d for d in pair.differences}
        references = set(reference_fields())
        for f in fields(pair.existing):
            if f.name == "id":
                continue
            a, b = getattr(pair.existing, f.name), getattr(pair.incoming.person, f.name)
            row = table.rowCount()
            table.insertRow(row)
            brush = DIFFERS if f.name in differing else None
            table.setItem(row, 0, _item(field_label(f.name)))
            if f.name in references:
                # a row of this registry (the work unit): its name; the person keeps it
                table.setItem(row, 1, _item(self._work_unit_name(a) if a is not None else ""))
                table.setItem(row, 2, _item(""))
                if a is not None:
                    table.setItem(row, 3, _item(_("giữ như bản hiện có")))
                continue
            table.setItem(row, 1, _item(show(a), brush))
            table.setItem(row, 2, _item(show(b), brush))
            if f.name in differing:
                combo = self._combo(decision.fields.get(f.name) if decision else None,
                                    required=False)
                self.field_choices[f.name] = combo
                table.setCellWidget(row, 3, combo)
            elif f.name in pair.filled:
                table.setItem(row, 3, _item(_("bổ sung từ đơn vị cũ")))

    def _conflicts(self, pair: merging.Pair, decision: merging.PairDecision | None) -> None:
        table = self.conflicts
        table.setRowCount(0)
        self.conflict_choices = {}
        for conflict in pair.conflicts:
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, _item(conflict.label))
            table.setItem(row, 1, _item(conflict.existing, DIFFERS))
            table.setItem(row, 2, _item(conflict.incoming, DIFFERS))
            combo = self._combo(decision.conflicts.get(conflict.key) if decision else None,
                                required=True)
            self.conflict_choices[conflict.key] = combo
            table.setCellWidget(row, 3, combo)
        visible = bool(pair.conflicts)
        self.conflicts.setVisible(visible)
        self.conflicts_label.setVisible(visible)

    def _history(self, pair: merging.Pair) -> None:
        table = self.history
        table.setRowCount(0)
        a, b = pair.existing_history, pair.incoming.history
        conflict_years = {c.year for c in pair.conflicts}
        for year in sorted(_years(a) | _years(b), reverse=True):
            row = table.rowCount()
            table.insertRow(row)
            brush = UNCHOSEN if year in conflict_years else None
            table.setItem(row, 0, _item(str(year), brush))
            table.setItem(row, 1, _item(year_summary(a, year, self._title_name)))
            table.setItem(row, 2, _item(year_summary(b, year, self._title_name)))

    def choices(self) -> tuple[dict[str, str], dict[str, str]]:
        """(field choices, conflict choices) as the combos stand; unchosen left out."""
        def read(combos: dict[str, QComboBox]) -> dict[str, str]:
            values: dict[str, Any] = {k: c.currentData() for k, c in combos.items()}
            return {k: v for k, v in values.items() if v}
        return read(self.field_choices), read(self.conflict_choices)
