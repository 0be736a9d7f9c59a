"""The people list's row-number header keeps its size hint until the rows, font or style
change (Qt would ask the model 800 times per hint), and gives Qt's own hint."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.ui.main_window import _RowNumbers


class _Rows(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.asked = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        self.asked += 1
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def grow(self, rows: int) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


def test_row_numbers_hint_is_qts_and_follows_the_row_count(qtbot) -> None:  # type: ignore[no-untyped-def]
    ours, plain = _Rows(9), _Rows(9)
    view, other = QTableView(), QTableView()
    qtbot.addWidget(view)
    qtbot.addWidget(other)
    view.setVerticalHeader(_RowNumbers(view))
    view.setModel(ours)
    other.setModel(plain)
    header, qt_header = view.verticalHeader(), other.verticalHeader()
    assert isinstance(header, _RowNumbers) and type(qt_header) is QHeaderView
    assert header.sizeHint() == qt_header.sizeHint()
    asked = ours.asked
    for _ in range(5):
        header.sizeHint()
    assert ours.asked == asked  # kept, not measured again
    ours.grow(123_456)
    plain.grow(123_456)
    assert header.sizeHint() == qt_header.sizeHint()
