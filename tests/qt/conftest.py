"""Qt-tier fixtures. Vietnamese is typed one character at a time with QKeyEvent:
qtbot.keyClicks with non-ASCII text aborts the whole process (TECH-NOTES §10)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` as key presses, one character at a time."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QCoreApplication.sendEvent(widget, event)
    QCoreApplication.processEvents()


def commit_text(widget: QWidget, text: str) -> None:
    """What an IME such as Unikey sends: one commit string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)
    QCoreApplication.processEvents()


@pytest.fixture(autouse=True)
def editors_never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor left with unsaved changes asks at teardown (qtbot closes it): a real
    QMessageBox would wait forever offscreen. A test that means to answer patches the
    editor itself; otherwise the changes are discarded and no draft is offered."""
    from desktop.ui import drafts

    monkeypatch.setattr(drafts.EditorDialog, "ask_unsaved", lambda self: drafts.DISCARD)
    monkeypatch.setattr(drafts.EditorDialog, "ask_restore", lambda self, d: drafts.LATER)
    from desktop.ui.rounds import bulk_dialogs

    monkeypatch.setattr(bulk_dialogs._KeepsTicks, "ask_drop", lambda self, n: True)
    from desktop.ui import first_run, import_wizard

    monkeypatch.setattr(import_wizard.ImportWizard, "ask_abandon", lambda self: True)
    monkeypatch.setattr(first_run.FirstRunWizard, "ask_abandon", lambda self: True)
