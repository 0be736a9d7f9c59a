"""How the UI reports outcomes: expected problems as a message, bugs with their details."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.operations.profiles import explain_failure

if TYPE_CHECKING:
    from desktop.core.store import Store

T = TypeVar("T")
log = logging.getLogger("hoso.ui")


def show_user_error(parent: QWidget | None, exc: UserError, title: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _("Chưa lưu được"))
    if isinstance(exc, ValidationError):
        box.setText(_("Cần sửa {n} chỗ:").format(n=len(exc.problems)))
        box.setInformativeText("\n".join(f"• {p.message}" for p in exc.problems))
    else:
        box.setText(exc.message)
        if exc.hint:
            box.setInformativeText(exc.hint)
    box.exec()


def show_bug(parent: QWidget | None, exc: BaseException, store: Store | None = None) -> None:
    """An unexpected error. With the store, a database problem met while reading (a damaged
    page, a locked file) is explained as such rather than reported as a bug."""
    if store is not None:
        explained = explain_failure(store, exc)
        if explained is not None:
            log.warning("store problem: %s", exc)
            show_user_error(parent, explained)
            return
    log.exception("unexpected error", exc_info=exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Lỗi không mong đợi"))
    box.setText(_("Phần mềm gặp lỗi. Dữ liệu đã lưu trước đó không bị ảnh hưởng; thao tác vừa "
                  "rồi chưa được lưu."))
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()


def attempt(parent: QWidget | None, action: Callable[[], T], store: Store | None = None
            ) -> T | None:
    """Run an operation; show what went wrong instead of crashing. None means it failed."""
    try:
        return action()
    except UserError as exc:
        show_user_error(parent, exc)
    except Exception as exc:  # a bug: report it, keep the app alive
        show_bug(parent, exc, store)
    return None
