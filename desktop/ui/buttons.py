"""The OK/Cancel row every dialog ends with, labelled in Vietnamese.

Qt labels its standard buttons in English (PySide6 ships no qtbase_vi.qm), so each dialog
would otherwise relabel them itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.core.i18n import _

Standard = QDialogButtonBox.StandardButton


def dialog_buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], object] | None = None,
                   *, ok: Standard = Standard.Ok) -> QDialogButtonBox:
    """`ok` (Ok or Save) labelled `ok_text`, and "Hủy" that rejects the dialog.

    `on_ok` runs on the accept button (a save that validates first); None accepts at once.
    """
    box = QDialogButtonBox(ok | Standard.Cancel)
    box.button(ok).setText(ok_text)
    box.button(Standard.Cancel).setText(_("Hủy"))
    box.accepted.connect(on_ok if on_ok is not None else dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
