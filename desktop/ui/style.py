"""Look and feel: readable on old 1366×768 screens, Vietnamese-capable fonts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

STYLE = """
QLabel#hint { color: #555; }
QTableView { gridline-color: #d0d0d0; }
QTableView::item:selected { background: #1f5fa8; color: white; }
QTabBar::tab { padding: 6px 14px; }
QToolBar { spacing: 6px; padding: 3px; }
"""


def apply_style(app: QApplication, resources: Path) -> None:
    # The bundled Liberation Serif 2 covers every Vietnamese letter; used for previews of
    # documents. The UI keeps the system font (Segoe UI on Windows covers Vietnamese).
    fonts = resources / "fonts"
    if fonts.is_dir():
        for ttf in sorted(fonts.glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(ttf))
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    from desktop.ui import headers

    headers.install(app)   # no column title is ever cut
