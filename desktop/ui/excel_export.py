"""“Xuất Excel…” in every window: ask where (a good default name in the last folder used),
write through core.operations.exporting off the UI thread with a progress bar, then say
where the file is and offer to open it or its folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.operations.exporting import ExportResult, suggested_file_name
from desktop.ui.context import AppContext
from desktop.ui.runner import run_with_steps

Progress = Callable[[int, int], None]
Write = Callable[[Path, Progress], ExportResult]

_last_folder: dict[str, Path] = {}   # per profile, for this session


def default_folder(ctx: AppContext) -> Path:
    remembered = _last_folder.get(ctx.profile_id)
    if remembered is not None and remembered.is_dir():
        return remembered
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def choose_file(parent: QWidget | None, title: str, proposed: str, filters: str) -> str:
    """The save dialog (Qt's own, in Vietnamese, where the native one would not be; see
    qt_language): roomy enough to read on 1366×768, .xlsx added when the name lacks it."""
    dialog = QFileDialog(parent, title, proposed, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("xlsx")
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        dialog.resize(min(900, room.width() - 80), min(560, room.height() - 100))
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def ask_xlsx_path(parent: QWidget | None, ctx: AppContext, list_name: str, extra: str = ""
                  ) -> Path | None:
    """The save dialog, with `DanhSach…_<unit>_<date>.xlsx` proposed; None if cancelled."""
    unit = ctx.unit()
    name = suggested_file_name(list_name, unit.name if unit else "", ctx.today(), extra)
    chosen = choose_file(parent, _("Xuất {what} ra Excel").format(what=list_name.lower()),
                         str(default_folder(ctx) / name), _("Bảng tính Excel (*.xlsx)"))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    return path


def export_to_excel(parent: QWidget | None, ctx: AppContext, list_name: str, write: Write,
                    extra: str = "", *, path: Path | None = None) -> ExportResult | None:
    """Ask for the file (unless `path` is given), write it with progress, report the result.
    None if cancelled or refused (the refusal has been shown)."""
    dest = path or ask_xlsx_path(parent, ctx, list_name, extra)
    if dest is None:
        return None
    result: ExportResult | None = run_with_steps(
        parent, _("Đang xuất {what} ra Excel…").format(what=list_name.lower()),
        lambda report: write(dest, report))
    if result is None:
        return None
    _last_folder[ctx.profile_id] = dest.parent
    show_done(parent, result)
    return result


def show_done(parent: QWidget | None, result: ExportResult) -> None:
    """Where the file is, with the way to open it (Excel) or its folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Đã xuất ra Excel"))
    box.setText(_("Đã ghi {n} dòng vào tệp:").format(n=f"{result.rows:,}".replace(",", ".")))
    box.setInformativeText(str(result.path))
    open_file = box.addButton(_("&Mở tệp"), QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton(_("Mở &thư mục"), QMessageBox.ButtonRole.ActionRole)
    close: QPushButton = box.addButton(_("Đóng"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
    elif clicked is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))
