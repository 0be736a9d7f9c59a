"""Every field of the unit form (first-run wizard and Đơn vị → Thông tin đơn vị) is reachable
with its own Alt letter: the walk of the year found the two officer fields without one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel

from desktop.core.catalog import load_catalog
from desktop.ui.unit_form import UnitForm

REPO = Path(__file__).resolve().parents[2]


def test_every_field_label_has_its_own_alt_letter(qtbot: Any) -> None:
    form = UnitForm(load_catalog(REPO / "forms"))
    qtbot.addWidget(form)
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    letters: list[str] = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if not isinstance(label, QLabel) or not label.text().endswith(":"):
            continue
        text = label.text()
        assert "&" in text, text
        letters.append(text[text.index("&") + 1].casefold())
    assert len(letters) == 11
    assert len(set(letters)) == len(letters), letters
