"""Finding English in a Vietnamese app: what a widget shows, Qt's English sources, and a
translator that records what Qt asked for and the project's catalogue did not have.

Used by tests/qt/test_qt_vietnamese.py and by `scripts/qt_i18n.py missing`.
"""

from __future__ import annotations

import ctypes
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEventLoop,
    QPoint,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtPrintSupport import (
    QPageSetupDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

ROOT = Path(__file__).resolve().parents[2]
CELLS_READ = 60  # rows of each list or table read for their texts
TS = ROOT / "resources" / "translations" / "qt" / "qtbase_vi.ts"


class MissRecorder(QTranslator):
    """Installed before the catalogue, so Qt asks it last: only for what the catalogue lacks."""

    def __init__(self) -> None:
        super().__init__()
        self.misses: set[tuple[str, str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if disambiguation is None:
            # PySide6 6.12 drops one reference to None each time C++ calls this override
            # with a null disambiguation; after a few thousand calls Python aborts
            # ("none_dealloc"). Give the reference back.
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
        self.misses.add((context, source, disambiguation or ""))
        return None  # a null string: Qt goes on to its English source ("" would blank it)

    def isEmpty(self) -> bool:
        return False


def normalise(text: str) -> str:
    """What a reader sees: mnemonic ampersands gone ("&&" is a literal one), spaces trimmed,
    a menu item's shortcut (after the tab: key names, kept as printed on keys) left out."""
    text = text.split("\t")[0]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def catalogue_messages(ts: Path = TS) -> list[tuple[str, str, str, str]]:
    """(context, source, comment, translation) of every message of the catalogue."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or "",
                        message.findtext("comment") or "", message.findtext("translation") or ""))
    return out


def english_strings(ts: Path = TS) -> set[str]:
    """Qt's English texts that the catalogue translates (kept names such as "A4" excluded)."""
    return {normalise(source) for _c, source, _d, translation in catalogue_messages(ts)
            if normalise(source) != normalise(translation) and normalise(source)}


# ---- what a widget shows ---------------------------------------------------------------------


def widget_texts(root: QWidget) -> set[str]:
    """Every text `root` and its children can show: titles, labels, buttons, tool tips, tabs,
    combo items, column headers, placeholders, and their actions' and menus' texts."""
    found: set[str] = set()
    for widget in [root, *root.findChildren(QWidget)]:
        found.update((widget.windowTitle(), widget.toolTip(), widget.statusTip(),
                      widget.accessibleName()))
        if isinstance(widget, QAbstractButton):
            found.add(widget.text())
        if isinstance(widget, QLabel):
            found.add(widget.text())
        if isinstance(widget, QGroupBox):
            found.add(widget.title())
        if isinstance(widget, QLineEdit):
            found.add(widget.placeholderText())
        if isinstance(widget, QTabBar):
            found.update(widget.tabText(i) for i in range(widget.count()))
            found.update(widget.tabToolTip(i) for i in range(widget.count()))
        if isinstance(widget, QComboBox):
            found.update(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            found.update(str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                         for c in range(columns))
            root_index = widget.rootIndex()
            rows = 1 if isinstance(model, QAbstractListModel) else model.rowCount(root_index)
            if isinstance(model, QAbstractListModel):
                rows = model.rowCount()
            for row in range(min(rows, CELLS_READ)):  # the cells too (file types, statuses)
                for col in range(columns):
                    index = model.index(row, col, root_index)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            found.add(value)
        for action in widget.actions():
            found.update((action.text(), action.toolTip(), action.statusTip(),
                          action.iconText()))
            if action.menu() is not None:
                found |= widget_texts(action.menu())  # type: ignore[arg-type]
    return {normalise(t) for t in found if t and t.strip()}


def english_shown(texts: Iterable[str], english: set[str]) -> set[str]:
    return {t for t in texts if t in english}


def settle(rounds: int = 3) -> None:
    for _i in range(rounds):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()


def popup_texts(target: QWidget, *, mouse_at: QPoint | None = None) -> set[str]:
    """Right-click `target` (a real QContextMenuEvent) and read the menu that pops up, whether
    the widget shows it with popup() or with a blocking exec()."""
    return {normalise(t) for t in popup_actions(target, mouse_at=mouse_at) if t.strip()}


def popup_actions(target: QWidget, *, mouse_at: QPoint | None = None) -> list[str]:
    """The raw texts (with their &accelerators) of the right-click menu of `target`."""
    got: list[str] = []
    loop = QEventLoop()

    def read() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            got.extend(a.text() for a in menu.actions())
            got.extend(t for t in widget_texts(menu))
            menu.close()
        loop.quit()

    where = mouse_at or QPoint(5, 5)
    QTimer.singleShot(0, read)
    QCoreApplication.sendEvent(target, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, target.mapToGlobal(where)))
    QTimer.singleShot(2000, loop.quit)  # never hang a test run if no menu came
    if not got:
        loop.exec()
    return got


def modal_texts(open_modal: Callable[[], object]) -> set[str]:
    """Run a blocking call (QMessageBox.question…) and read the modal window it shows."""
    got: set[str] = set()

    def read() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, read)
            return
        got.update(widget_texts(box))
        if isinstance(box, QDialog):
            box.reject()
        else:
            box.close()

    QTimer.singleShot(0, read)
    open_modal()
    return got


def shown_texts(dialog: QWidget) -> set[str]:
    """Show a non-blocking window, read it, close it."""
    dialog.show()
    settle()
    texts = widget_texts(dialog)
    dialog.close()
    return texts


# ---- Qt's own dialogs, as the app shows them -------------------------------------------------


def text_field_menus() -> dict[str, set[str]]:
    """The right-click menu of each kind of text field the app uses."""
    menus: dict[str, set[str]] = {}
    for name, widget in (("QLineEdit", QLineEdit("Nguyễn")), ("QSpinBox", QSpinBox()),
                         ("QDateEdit", QDateEdit()), ("QPlainTextEdit", QPlainTextEdit("x")),
                         ("QTextEdit", QTextEdit("x"))):
        widget.show()
        settle()
        target = widget.viewport() if isinstance(widget, (QPlainTextEdit, QTextEdit)) \
            else widget
        menus[name] = popup_texts(target)
        widget.close()
        widget.deleteLater()
    return menus


# What an officer's folder holds: the file dialog's Type column names each kind.
OFFICER_FILES = ("DanhSach.xlsx", "cu.xls", "nhap.csv", "ToTrinh.pdf", "BaoCao.docx", "cu.doc",
                 "HSKT_X_1_r1.zip", "bien-nhan.json", "thu.eml", "ghi-chu.txt", "anh.png",
                 "anh.jpg", "goi.zip.minisig", "khoa.pub", "rong.txt.bak")


def officer_folder(folder: Path) -> Path:
    """A folder like the officer's Documents: a subfolder and the usual kinds of file."""
    (folder / "Hồ sơ năm 2026").mkdir(parents=True, exist_ok=True)
    for name in OFFICER_FILES:
        (folder / name).write_bytes(b"x")
    return folder


def qt_dialogs(folder: Path) -> dict[str, set[str]]:
    """Texts of every Qt-made dialog the app can open, by name; file dialogs open `folder`."""
    found: dict[str, set[str]] = {}
    found["QMessageBox.question"] = modal_texts(lambda: QMessageBox.question(
        None, "Xóa?", "Xóa khỏi danh sách?"))
    box = QMessageBox(QMessageBox.Icon.Warning, "Lỗi", "Lỗi", QMessageBox.StandardButton.Save
                      | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Close
                      | QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Help
                      | QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Retry
                      | QMessageBox.StandardButton.Ignore | QMessageBox.StandardButton.Abort
                      | QMessageBox.StandardButton.Reset
                      | QMessageBox.StandardButton.RestoreDefaults
                      | QMessageBox.StandardButton.YesToAll | QMessageBox.StandardButton.NoToAll
                      | QMessageBox.StandardButton.SaveAll)
    box.setDetailedText("Traceback…")
    found["QMessageBox (all buttons, details)"] = shown_texts(box)
    for mode, accept, title in (
            (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen, "open"),
            (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave, "save"),
            (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen, "folder")):
        dialog = QFileDialog(None, "Chọn tệp", str(folder), "Mọi tệp (*)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(mode)
        dialog.setAcceptMode(accept)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        for _i in range(50):  # the file system model lists the folder on a thread
            settle()
            if dialog.findChildren(QAbstractItemView)[0].model().rowCount(
                    dialog.findChildren(QAbstractItemView)[0].rootIndex()):
                break
        texts = widget_texts(dialog)
        for view in dialog.findChildren(QAbstractItemView):
            if view.isVisible():
                texts |= popup_texts(view.viewport())
        dialog.close()
        found[f"QFileDialog ({title})"] = texts
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    print_dialog = QPrintDialog(printer)
    print_dialog.show()
    settle()
    for button in print_dialog.findChildren(QAbstractButton):
        if button.text().startswith("&Tùy chọn") or button.text().startswith("&Options"):
            button.click()  # the collapsed options: copies, range, duplex
    found["QPrintDialog"] = shown_texts(print_dialog)
    found["QPageSetupDialog"] = shown_texts(QPageSetupDialog(printer))
    found["QPrintPreviewDialog"] = shown_texts(QPrintPreviewDialog(printer))
    wizard = QWizard()
    wizard.setOption(QWizard.WizardOption.HaveHelpButton)
    for _i in range(2):
        wizard.addPage(QWizardPage())
    found["QWizard"] = shown_texts(wizard)
    progress = QProgressDialog()
    found["QProgressDialog"] = shown_texts(progress)
    return found


def walk_qt_dialogs(folder: Path) -> dict[str, set[str]]:
    return {**qt_dialogs(officer_folder(folder)),
            **{f"menu {k}": v for k, v in text_field_menus().items()}}
