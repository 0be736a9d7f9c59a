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


def test_the_key_files_fields_have_their_own_alt_letters(qtbot: Any) -> None:
    """The key step of the first-run wizard (and the key dialog): passphrase, its repeat and
    the folder each reachable with Alt (found walking the year)."""
    from desktop.ui.key_dialog import PassphraseFields

    fields = PassphraseFields(None)
    qtbot.addWidget(fields)
    buddies = {label.buddy(): label.text() for label in fields.findChildren(QLabel)
               if label.buddy() is not None}
    assert set(buddies) == {fields.passphrase, fields.confirm, fields.path}
    letters = [text[text.index("&") + 1].casefold() for text in buddies.values()]
    assert len(set(letters)) == 3 and all(letter.isascii() for letter in letters)
