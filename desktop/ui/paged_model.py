"""A read-only table model that loads rows page by page, on demand.

At 100,000 people the view must stay smooth without holding the whole list in Python: the
model knows only the row count, and fetches a page of rows when the view first paints one of
them. A small LRU of pages keeps scrolling back and forth cheap.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_PAGES = 40


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    width: int = 140


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows come from `count(query)` and `page(query, offset, limit, total)`, cheap SQL."""

    def __init__(self, columns: Sequence[Column[Row]],
                 count: Callable[[str], int],
                 page: Callable[[str, int, int, int], list[Row]],
                 row_id: Callable[[Row], int]) -> None:
        super().__init__()
        self._columns = list(columns)
        self._count = count
        self._page = page
        self._row_id = row_id
        self._query = ""
        self._rows = count("")
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()

    # ---- what the view asks ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._row_id(row)
        return None

    # ---- paging -----------------------------------------------------------------------------

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < self._rows:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._page(self._query, number * PAGE_SIZE, PAGE_SIZE, self._rows)
            self._pages[number] = rows
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def id_at(self, row: int) -> int | None:
        item = self.row_at(row)
        return None if item is None else self._row_id(item)

    def cached_pages(self) -> int:
        return len(self._pages)

    @property
    def query(self) -> str:
        return self._query

    @property
    def columns(self) -> list[Column[Row]]:
        return self._columns

    def set_query(self, query: str) -> None:
        """Filter by the search box: a new count and an empty page cache."""
        self.beginResetModel()
        self._query = query
        self._rows = self._count(query)
        self._pages.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self._query)
