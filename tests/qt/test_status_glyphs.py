"""Every symbol the app's texts use (status marks ✔ ✘ ○ ‖ ⚠ …, arrows, dashes) is in the
font the widgets draw with: a mark the font lacks is an empty box (walk: "⏸", on hold, in
the registration picker). Read from the sources, so a mark added later is checked too."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui.eligibility_panel import HOLD_MARK, STATUS_MARK, VERDICT_MARK

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*(REPO / "desktop").rglob("*.py"), *(REPO / "forms").rglob("*.toml")]


def _symbols() -> dict[str, str]:
    """Symbol and punctuation characters beyond Latin ones → a file that uses them."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for ch in path.read_text(encoding="utf-8"):
            if ord(ch) >= 0x2000 and unicodedata.category(ch)[0] in "SP":
                found.setdefault(ch, str(path.relative_to(REPO)))
    return found


def test_every_symbol_the_ui_uses_is_in_the_widgets_font(qapp: QApplication) -> None:
    metrics = QFontMetrics(QLabel().font())
    symbols = _symbols()
    assert {"✔", "✘", "○", HOLD_MARK, "⚠", "→"} <= set(symbols)   # the scan sees them
    missing = {f"U+{ord(ch):04X} {unicodedata.name(ch, '?')} ({where})"
               for ch, where in symbols.items() if not metrics.inFontUcs4(ord(ch))}
    assert missing == set()


def test_the_verdict_and_reason_marks_are_drawable(qapp: QApplication) -> None:
    metrics = QFontMetrics(QLabel().font())
    for mark in {*VERDICT_MARK.values(), *STATUS_MARK.values()}:
        assert metrics.inFontUcs4(ord(mark)), mark
