"""Composition root: paths → store → forms → secrets → window.

The only place that knows every concrete piece; everything below receives what it needs.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

from desktop.core.errors import StoreTooNew, StoreUnreadable, UserError
from desktop.core.files import PrivateRotatingFileHandler, private_dir
from desktop.core.i18n import _
from desktop.core.operations import profiles
from desktop.paths import forms_dir, resources_dir


def run_gui(data_dir: Path, language: str, actor: str) -> int:
    window = build_window(data_dir, language, actor)
    if window is None:
        return 0
    from PySide6.QtWidgets import QApplication

    return int(QApplication.instance().exec())  # type: ignore[union-attr]


def build_window(data_dir: Path, language: str, actor: str):  # type: ignore[no-untyped-def]
    """Start Qt, open (or create) the profile and show the main window; None if cancelled.

    Separate from run_gui so the start-up benchmark can time it to the first paint.
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.qt_language import install_qt_language
    from desktop.ui.style import apply_style

    _log_to_file(data_dir)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Hồ sơ Khen thưởng")
    app.setOrganizationName("hoso")
    # Qt's own buttons, menus and dialogs in Vietnamese (the project's catalogue)
    install_qt_language(app, language, resources_dir())
    apply_style(app, resources_dir())  # type: ignore[arg-type]

    try:
        profiles.check_data_dir(data_dir)
    except UserError as exc:
        QMessageBox.critical(None, _("Hồ sơ Khen thưởng"), str(exc))
        return None

    profile_id = _choose_profile(data_dir)
    store = None
    first_run = profile_id is None
    if profile_id is None:
        from desktop.ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(data_dir, actor, _catalog_loader(data_dir)())
        if not wizard.exec() or wizard.created is None:
            return None
        profile_id, store = wizard.created
    while store is None:
        try:
            store = profiles.open_profile(data_dir, profile_id)
        except StoreUnreadable as exc:
            if not exc.backups or not _offer_restore(exc):
                QMessageBox.critical(None, _("Hồ sơ Khen thưởng"), exc.message)
                return None
            profiles.restore_backup(exc.path, exc.backups[0])
        except (StoreTooNew, UserError) as exc:
            QMessageBox.critical(None, _("Hồ sơ Khen thưởng"), str(exc))
            return None

    # forms/ is parsed right after the first paint (see MainWindow), not before it, and even
    # its module is imported then (~40 ms with the model it pulls in); with the law packs
    # installed in the data dir (issue 14)
    context = AppContext(store=store, catalog=_catalog_loader(data_dir), actor=actor,
                         data_dir=data_dir, profile_id=profile_id, today=date.today)
    window = MainWindow(context)
    if os.environ.get("HOSO_EXIT_AFTER_FIRST_PAINT"):
        _exit_after_first_paint(window)
    screen = QApplication.primaryScreen()
    if screen is not None and screen.availableGeometry().width() < 1500:
        window.showMaximized()  # an old 1366×768 screen: use all of it
    else:
        window.show()
    # after the first paint: drafts a crash left are offered back; after the first-run
    # wizard the officer lands on "Việc cần làm", what the year asks next
    window.after_first_paint(window.show_year_tasks if first_run else window.offer_drafts)
    return window


def _exit_after_first_paint(window):  # type: ignore[no-untyped-def]
    """For bench/bench_startup.py --frozen: quit once the people list is painted (the frozen
    app has no other way in), telling the seconds since the process started on stderr."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                print(f"first-paint={time.process_time():.3f}s-cpu", file=sys.stderr,
                      flush=True)
                os._exit(0)  # as the bench's peer: start-up ends at the first paint
            return False

    window.first_paint = FirstPaint(window)
    window.people_view.viewport().installEventFilter(window.first_paint)


def _catalog_loader(data_dir: Path):  # type: ignore[no-untyped-def]
    """forms/ with the law packs installed in the data dir (issue 14); a pack set aside (not
    for this version, or contradicting its forms) is logged and shown on the law-pack
    screen, never a reason not to start."""
    def load():  # type: ignore[no-untyped-def]
        from desktop.core.operations.lawpacks import effective_catalog

        catalog, notices = effective_catalog(forms_dir(), data_dir)
        for notice in notices:
            logging.getLogger("hoso").warning("law pack set aside: %s", notice.message)
        return catalog

    return load


def _log_to_file(data_dir: Path) -> None:
    """A log the officer can send to support; uncaught errors are shown, not swallowed."""
    try:
        # The log names people and files: folder 0700, every log file 0600 (POSIX).
        folder = private_dir(data_dir / "logs")
        handler = PrivateRotatingFileHandler(folder / "hoso.log", maxBytes=1_000_000,
                                             backupCount=3, encoding="utf-8")
    except OSError:
        return  # a read-only data dir is reported by check_data_dir with a proper message
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("hoso")
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    def excepthook(kind, value, tb):  # type: ignore[no-untyped-def]
        root.error("uncaught", exc_info=(kind, value, tb))
        from desktop.ui.feedback import show_bug

        show_bug(None, value)

    sys.excepthook = excepthook


def _choose_profile(data_dir: Path) -> str | None:
    known = profiles.list_profiles(data_dir)
    if not known:
        return None
    last = profiles.read_settings(data_dir).get("last_profile")
    ids = [p.id for p in known]
    return last if last in ids else ids[0]


def _offer_restore(exc: StoreUnreadable) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        None, _("Tệp dữ liệu bị hỏng"),
        exc.message + "\n\n" + _("Mở bản sao lưu mới nhất ({name})? Tệp hỏng được giữ lại bên "
                                 "cạnh, không bị xóa.").format(name=exc.backups[0].name))
    return answer == QMessageBox.StandardButton.Yes
