"""A read-only table model that loads rows page by page, on demand.

At 100,000 people the view must stay smooth without holding the whole list in Python: the
model knows only the row count, and fetches a page of rows when the view first paints one of
them. A small LRU of pages keeps scrolling back and forth cheap.

Search as you type: with `first_page`, a new query asks only for its first page, which
brings the number of matches when that was free (few matches). Otherwise the model shows
that page, says "more than N", and counts exactly once typing has paused (COUNT_AFTER_MS) or
as soon as the view scrolls to the end of what it has (Qt's fetchMore), whichever is first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from desktop.core.model import FirstPage

Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_PAGES = 40
# The exact count of a broad search waits for a pause in typing this long (a count over a
# broad FTS5 match is tens of milliseconds that no keystroke should wait for).
COUNT_AFTER_MS = 400


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    width: int = 140


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows come from `count(query)` and `page(query, offset, limit, total)`, cheap SQL;
    with `first_page(query, limit)`, a new query waits for no count (module docstring)."""

    # The number of rows became exact (or changed) without a reset: the count label follows.
    countChanged = Signal()

    def __init__(self, columns: Sequence[Column[Row]],
                 count: Callable[[str], int],
                 page: Callable[[str, int, int, int], list[Row]],
                 row_id: Callable[[Row], int],
                 first_page: Callable[[str, int], FirstPage[Row]] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._count = count
        self._page = page
        self._first_page = first_page
        self._row_id = row_id
        self._query = ""
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._more_than: int | None = None  # None: _rows is the exact count
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_AFTER_MS)
        self._count_timer.timeout.connect(self.complete_count)
        self._rows = 0
        self._load("")

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

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more_than is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        # the view reached the end of the first page: every row, so the exact count, now
        if not parent.isValid():
            self.complete_count()

    def complete_count(self) -> None:
        """Replace "more than N" by the exact number of matches (rows added, no reset: the
        view keeps its scroll position and current row)."""
        self._count_timer.stop()
        if self._more_than is None:
            return
        total = self._count(self._query)
        self._more_than = None
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        elif total < self._rows:  # the data changed under the first page: start again
            self.beginResetModel()
            self._rows = total
            self._pages.clear()
            self.endResetModel()
        self.countChanged.emit()

    @property
    def count_exact(self) -> bool:
        return self._more_than is None

    @property
    def more_than(self) -> int:
        """While the count is not exact: how many matches are known to exist, at least."""
        return self._rows if self._more_than is None else self._more_than

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
        """Filter by the search box: a new count (or first page) and an empty page cache."""
        self.beginResetModel()
        self._load(query)
        self.endResetModel()

    def _load(self, query: str) -> None:
        self._query = query
        self._pages.clear()
        self._count_timer.stop()
        self._more_than = None
        if self._first_page is None:
            self._rows = self._count(query)
            return
        first = self._first_page(query, PAGE_SIZE)
        self._pages[0] = first.rows
        if first.total is None:
            self._rows = len(first.rows)
            self._more_than = first.more_than
            self._count_timer.start()
        else:
            self._rows = first.total

    def reload(self) -> None:
        self.set_query(self._query)
