"""The window opens without the command-line interface only when nothing else is asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.gui_main import gui_arguments


def test_only_data_dir_and_language_open_the_window_directly() -> None:
    assert gui_arguments([]) == (None, "vi")
    assert gui_arguments(["--data-dir", "D:/Hồ sơ", "--lang", "en"]) == (Path("D:/Hồ sơ"), "en")
    assert gui_arguments(["--data-dir=x"]) == (Path("x"), "vi")
    for argv in (["demo"], ["--help"], ["--version"], ["--lang", "fr"], ["--data"],
                 ["eligibility", "x.json"], ["--data-dir"]):
        assert gui_arguments(argv) is None, argv


def test_a_command_still_reaches_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("hoso ")


def test_the_window_modules_load_no_rules_before_the_first_paint() -> None:
    """Start-up defers forms/ (the catalog), the rules and the CLI until the people list is
    painted (issue 16); also the packages' repository (only a killed export needs it at
    start) and the help window (F1). An import that pulls them in again slows every start.
    A fresh process, so what other tests imported does not count."""
    probe = ("import sys, desktop.app, desktop.ui.main_window; print('\\n'.join(m for m in "
             "sys.modules if m.startswith(('desktop.core.catalog', 'desktop.core.rules', "
             "'desktop.core.operations.numbering', 'desktop.core.operations.lawpacks', "
             "'desktop.cli.', 'desktop.core.store.packages', 'desktop.ui.help_window'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


# Painted, then the modules that must not have been imported by then, and exit.
_PAINT_PROBE = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from desktop.app import build_window
from desktop.core.i18n import set_language
from desktop.paths import translations_dir
set_language("vi", translations_dir())
window = build_window(Path(sys.argv[1]), "vi", "probe")
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("\\n".join(m for m in sys.modules if m.split(".")[0] in
                             ("sqlite_utils", "dateutil", "click", "pluggy")), flush=True)
            os._exit(0)
        return False
painted = Painted()
window.people_view.viewport().installEventFilter(painted)
from PySide6.QtWidgets import QApplication
QApplication.instance().exec()
os._exit(4)
"""


def test_a_current_profile_paints_its_list_without_sqlite_utils(tmp_path: Path) -> None:
    """sqlite-utils and what it imports (click, dateutil, pluggy) wait until after the
    first paint when the profile's schema is current (issue 16): the list reads through the
    standard library's connection."""
    from desktop.core.model import Person, Unit, UnitKind
    from desktop.core.operations import profiles
    from desktop.core.store.registry import insert_person

    unit = Unit(name="UBND xã Tân Phú", kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name="Cán bộ", officer_title="Công chức")
    _info, store = profiles.create_profile(tmp_path, unit, "Cán bộ")
    with store.write() as db:
        insert_person(db, Person(None, "Đặng Thị Ỷ"))
    store.close()
    done = subprocess.run([sys.executable, "-c", _PAINT_PROBE, str(tmp_path)],
                          capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
