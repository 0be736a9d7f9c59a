"""The council's members at a meeting, as a table an officer can type into or paste a list
from a spreadsheet or a Word table (name, position, attendance per line, tab-separated):
the minutes name them (LAW §6.7), and the counts the votes are measured against come from it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.model.rounds import Attendance, CouncilMember, counts_of
from desktop.core.text import clean, fold

C_NAME, C_POSITION, C_ATTENDANCE = range(3)
BLANK_ROWS = 1  # an empty row at the end to type the next member into


def attendance_from_text(text: str) -> Attendance:
    """What a pasted attendance cell says: "có mặt" (or empty, "x"), "vắng có ý kiến bằng
    văn bản", "vắng"."""
    folded = fold(text)
    if "van ban" in folded or "y kien" in folded:
        return Attendance.WRITTEN_OPINION
    if folded.startswith("vang") or folded == "v":
        return Attendance.ABSENT
    return Attendance.PRESENT


class MembersTable(QWidget):
    """Name, position and attendance of each member; `changed` after every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _PasteTable(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Họ và tên"), _("Chức vụ"), _("Tham dự")])
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(C_NAME, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(C_POSITION, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(C_ATTENDANCE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.pasted.connect(self.paste_rows)
        self.table.itemChanged.connect(lambda _item: self._edited())
        self.remove_button = QPushButton(_("&Xóa dòng"))
        self.remove_button.clicked.connect(self.remove_current)
        hint = QLabel(_("Gõ từng người, hoặc dán danh sách từ Excel/Word (Ctrl+V): họ tên, "
                        "chức vụ, tham dự (có mặt / vắng có ý kiến bằng văn bản / vắng) trên "
                        "mỗi dòng. Để trống bảng nếu chỉ ghi số lượng."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._ensure_blank()
        self._summarise()

    # ---- content ---------------------------------------------------------------------------

    def members(self) -> tuple[CouncilMember, ...]:
        """The rows with a name or a position (blank rows are not members)."""
        found = []
        for row in range(self.table.rowCount()):
            name, position = self._text(row, C_NAME), self._text(row, C_POSITION)
            if name or position:
                found.append(CouncilMember(name, position, self.attendance(row)))
        return tuple(found)

    def draft_state(self) -> list[list[str]]:
        return [[m.name, m.position, m.attendance.value] for m in self.members()]

    def restore_draft_state(self, value: object) -> None:
        """Rows from a draft file (hostile: three strings each, a known attendance)."""
        if not isinstance(value, list):
            raise TypeError("members")
        members = []
        for row in value:
            if (isinstance(row, list) and len(row) == 3
                    and all(isinstance(v, str) for v in row)
                    and row[2] in {a.value for a in Attendance}):
                members.append(CouncilMember(row[0], row[1], Attendance(row[2])))
        self.set_members(tuple(members))

    def set_members(self, members: tuple[CouncilMember, ...]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for member in members:
            self._append(member.name, member.position, member.attendance)
        self.table.blockSignals(False)
        self._ensure_blank()
        self._summarise()
        self.changed.emit()

    def attendance(self, row: int) -> Attendance:
        box = self.table.cellWidget(row, C_ATTENDANCE)
        return Attendance(box.currentData()) if isinstance(box, QComboBox) else \
            Attendance.PRESENT

    def set_attendance(self, row: int, attendance: Attendance) -> None:
        box = self.table.cellWidget(row, C_ATTENDANCE)
        if isinstance(box, QComboBox):
            box.setCurrentIndex(box.findData(attendance.value))

    def paste_rows(self, text: str) -> None:
        """Lines of tab-separated cells, from the current row on (rows added as needed)."""
        start = max(self.table.currentRow(), 0)
        lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        self.table.blockSignals(True)
        for offset, line in enumerate(lines):
            cells = [clean(c) for c in line.split("\t")]
            row = start + offset
            while row >= self.table.rowCount():
                self._append("", "", Attendance.PRESENT)
            self.table.setItem(row, C_NAME, QTableWidgetItem(cells[0]))
            if len(cells) > 1:
                self.table.setItem(row, C_POSITION, QTableWidgetItem(cells[1]))
            self.set_attendance(row, attendance_from_text(cells[2] if len(cells) > 2 else ""))
        self.table.blockSignals(False)
        self._edited()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
            self._edited()

    # ---- rows ------------------------------------------------------------------------------

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return clean(item.text()) if item is not None else ""

    def _append(self, name: str, position: str, attendance: Attendance) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, C_NAME, QTableWidgetItem(name))
        self.table.setItem(row, C_POSITION, QTableWidgetItem(position))
        box = QComboBox()
        for choice in Attendance:
            box.addItem(choice.label, choice.value)
        box.setCurrentIndex(box.findData(attendance.value))
        box.setAccessibleName(_("Tham dự – dòng {n}").format(n=row + 1))
        box.currentIndexChanged.connect(lambda _i: self._edited())
        self.table.setCellWidget(row, C_ATTENDANCE, box)

    def _ensure_blank(self) -> None:
        """Keep exactly BLANK_ROWS empty rows at the end, to type the next member into."""
        self.table.blockSignals(True)
        blank = 0
        for row in range(self.table.rowCount() - 1, -1, -1):
            if self._text(row, C_NAME) or self._text(row, C_POSITION):
                break
            blank += 1
        while blank > BLANK_ROWS:
            self.table.removeRow(self.table.rowCount() - 1)
            blank -= 1
        while blank < BLANK_ROWS:
            self._append("", "", Attendance.PRESENT)
            blank += 1
        self.table.blockSignals(False)

    def _summarise(self) -> None:
        total, present, written = counts_of(self.members())
        self.summary.setText(_("{n} thành viên: {p} có mặt, {w} vắng có ý kiến bằng văn bản, "
                               "{a} vắng.").format(n=total, p=present, w=written,
                                                   a=total - present - written)
                             if total else _("Chưa ghi tên thành viên nào."))

    def _edited(self) -> None:
        self._ensure_blank()
        self._summarise()
        self.changed.emit()


class _PasteTable(QTableWidget):
    """A table whose Ctrl+V hands the clipboard's text to `pasted` (cells and lines)."""

    pasted = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if text.strip():
                self.pasted.emit(text)
                event.accept()
                return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.state() is not QAbstractItemView.State.EditingState:
            for item in self.selectedItems():
                item.setText("")
            event.accept()
            return
        super().keyPressEvent(event)
