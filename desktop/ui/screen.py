"""Windows sized for the officers' screens: 1366×768 with a taskbar is common, so no window
may open taller (or wider) than the screen area it gets."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window (title bar, borders) on Windows 10/11.
FRAME = QSize(16, 40)


def fitted(wanted: QSize, available: QRect) -> QSize:
    """`wanted`, shrunk to fit `available` once the window frame is added."""
    return QSize(min(wanted.width(), available.width() - FRAME.width()),
                 min(wanted.height(), available.height() - FRAME.height()))


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or to what its screen's free area allows."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    size = QSize(width, height)
    if screen is not None:
        size = fitted(size, screen.availableGeometry())
    widget.resize(size)
