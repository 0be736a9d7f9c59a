"""An empty list says what to do next (issue 12: after the wizard the officer faced an empty
grid with no next step): a message over the list's empty area, gone once rows appear."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

_STYLE = "QLabel { color: #3d3d3d; font-size: 11pt; padding: 24px; background: transparent; }"


class EmptyState(QLabel):
    """Shown over `view` while its model has no rows; `text()` is asked each time, so it can
    differ between "nothing yet" and "nothing matches the search"."""

    def __init__(self, view: QAbstractItemView, text_for: Callable[[], str]) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._text_for = text_for
        self.setObjectName("emptyState")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self.update_state)
        view.viewport().installEventFilter(self)
        self.update_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False

    def update_state(self, *_args: object) -> None:
        empty = self._view.model().rowCount() == 0
        if empty:
            self.setText(self._text_for())
            self.setGeometry(self._view.viewport().rect())
        self.setVisible(empty)
