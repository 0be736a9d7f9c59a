"""Child process of bench_startup.py: the peer. A bare PySide6 QMainWindow + QTableView over a
100,000-row QAbstractTableModel of Python tuples; ends the process at the table viewport's
first paint (os._exit, as _startup_driver.py does). The same idea as tech probe 16, kept
here so bench/ depends on nothing outside it.

    QT_QPA_PLATFORM=offscreen python bench/_startup_peer.py [ROWS]
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Đặng", "Bùi"]
GIVEN = ["Văn An", "Thị Hằng", "Đức Hưởng", "Ngọc Ấn", "Quốc Việt", "Thị Ỷ"]
HEADERS = ["STT", "Họ và tên", "Năm sinh", "Danh hiệu", "Năm"]


class Model(QAbstractTableModel):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.rows = [(i + 1, f"{SURNAMES[i % 8]} {GIVEN[i % 6]}", 1960 + i % 40,
                      "Chiến sĩ thi đua cơ sở" if i % 3 else "Lao động tiên tiến", 2015 + i % 10)
                     for i in range(n)]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 5

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv)
    model = Model(rows)
    window = QMainWindow()
    window.setWindowTitle("Hồ sơ Khen thưởng")
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1000, 700)
    painted = []

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
                print(f"in-process-total={painted[0] - T0:.3f}s rows={model.rowCount()}",
                      file=sys.stderr, flush=True)
                os._exit(0)  # as the driver: start-up ends at the first paint
            return False

    painter = FirstPaint()
    view.viewport().installEventFilter(painter)
    window.show()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    if not painted:
        return 4
    print(f"in-process-total={painted[0] - T0:.3f}s rows={model.rowCount()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
