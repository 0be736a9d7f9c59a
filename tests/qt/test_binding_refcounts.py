"""The Qt binding keeps Python's reference counts right. PySide6 6.12.0 under Python 3.11
took one reference from None on every call of a method returning nothing, so the app aborted
("Fatal Python error: none_dealloc") after a few thousand such calls: typing the council's
votes for 150 nominees was enough. pyproject.toml keeps that version out; this test fails on
any binding that does it again. (From Python 3.12 None is immortal and this always passes.)"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidgetItem


def test_methods_returning_nothing_leave_none_alone(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    item = QTableWidgetItem()
    before = sys.getrefcount(None)
    for _i in range(1000):
        item.setText("Nguyễn Thị Hoà")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        label.setText("Đạt")
    assert sys.getrefcount(None) - before > -100   # a leak would be -3000
