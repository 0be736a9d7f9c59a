"""How a qualitative tick the officer has not confirmed yet is drawn, wherever it appears
(the ratings grid, the year table of the person and collective editors).

Qt draws a partly-checked box as a dark square that reads as ticked (walks b14, b20): the
state "chưa xác nhận" is drawn instead as an empty box with "? chưa rõ" beside it, in amber,
and the legend says so. Only the drawing changes: the value, the space key and the click
still go through the three check states of the model or item.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.i18n import _

UNCONFIRMED = QColor("#8a5a00")
_Index = QModelIndex | QPersistentModelIndex


def unconfirmed_text() -> str:
    """What a quality not yet confirmed by the officer shows (the legend uses it too)."""
    return _("? chưa rõ")


def tick_legend() -> str:
    """"☑ đạt · ☐ không đạt · ☐ ? chưa rõ = chưa xác nhận": the three states as drawn."""
    return _("☑ đạt · ☐ không đạt · ☐ {unsure} = chưa xác nhận").format(
        unsure=unconfirmed_text())


def tick_tooltip() -> str:
    return _("Ô có dấu: đạt; ô trống: không đạt; ô trống có “{unsure}”: chưa xác nhận").format(
        unsure=unconfirmed_text())


class UnconfirmedTickDelegate(QStyledItemDelegate):
    """Draws a partly-checked cell as an empty box beside "? chưa rõ" (see the module)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        if option.checkState != Qt.CheckState.PartiallyChecked:  # type: ignore[attr-defined]
            return
        option.checkState = Qt.CheckState.Unchecked  # type: ignore[attr-defined]
        if not option.text:  # type: ignore[attr-defined]
            option.text = unconfirmed_text()  # type: ignore[attr-defined]
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay  # type: ignore[attr-defined]
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            option.palette.setColor(group, QPalette.ColorRole.Text,  # type: ignore[attr-defined]
                                    UNCONFIRMED)
