"""Column headers are never cut: every table's horizontal header, wherever it is built, gets
its sections widened to fit their titles when shown (a stretched or content-sized section is
left to Qt), an ellipsis if the officer narrows one, and the full title as its tooltip.

Installed once on the application (style.apply_style), so a table added later is covered
without remembering to.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QToolTip

# a dynamic property: the header is already looked after
FITTED = "hoso_headers_fitted"
_WATCHED = (QEvent.Type.Show, QEvent.Type.ToolTip)


def fit_header(header: QHeaderView) -> None:
    """Widen each interactive or fixed section to its title's width."""
    if header.orientation() is not Qt.Orientation.Horizontal or header.model() is None:
        return
    for col in range(header.count()):
        if header.isSectionHidden(col) or header.sectionResizeMode(col) in (
                QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents):
            continue
        need = header.sectionSizeHint(col)
        if header.sectionSize(col) < need:
            header.resizeSection(col, need)


def _title(header: QHeaderView, x: int) -> str:
    col = header.logicalIndexAt(x)
    model = header.model()
    if col < 0 or model is None:
        return ""
    text = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return str(text).replace("&", "") if text else ""


class HeaderFit(QObject):
    """The application-wide event filter."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED:   # every event of the app passes here: leave at once
            return False
        if kind == QEvent.Type.Show and isinstance(watched, QHeaderView):
            self._adopt(watched)
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            header = watched.parent()
            if isinstance(header, QHeaderView) and \
                    header.orientation() is Qt.Orientation.Horizontal:
                model = header.model()
                col = header.logicalIndexAt(event.pos().x())
                own = model.headerData(col, Qt.Orientation.Horizontal,
                                       Qt.ItemDataRole.ToolTipRole) if model and col >= 0 \
                    else None
                if not own:
                    title = _title(header, event.pos().x())
                    if title:
                        QToolTip.showText(event.globalPos(), title, header)
                        return True
        return False

    def _adopt(self, header: QHeaderView) -> None:
        if header.orientation() is not Qt.Orientation.Horizontal:
            return
        fit_header(header)
        if header.property(FITTED):
            return
        header.setProperty(FITTED, True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.sectionCountChanged.connect(lambda _old, _new, h=header: fit_header(h))


_installed: list[HeaderFit] = []


def install(app: QApplication) -> None:
    """Look after every horizontal header of the application (idempotent)."""
    if not _installed:
        _installed.append(HeaderFit(app))
        app.installEventFilter(_installed[0])
