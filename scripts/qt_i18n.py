#!/usr/bin/env python3
"""Vietnamese for Qt's own strings: resources/translations/qt/qtbase_vi.ts → qtbase_vi.qm.

    python scripts/qt_i18n.py compile   # lrelease (from the PySide6 wheel) → qtbase_vi.qm
    python scripts/qt_i18n.py check     # exit 1 if the .qm is stale or a message unfinished
    python scripts/qt_i18n.py missing   # walk Qt's dialogs, list strings Qt asked for that
                                        # the catalogue lacks (run after a PySide6 upgrade)

The .ts is written by hand (edit it with Qt Linguist, `pyside6-linguist`, or any editor).
Its contexts and source strings are Qt's own: those Qt 6.12 asks for on the dialogs this app
shows (found with `missing`), plus the matching contexts of Qt's 6.8 German catalogue
(qt/qttranslations) for messages met only on other platforms or in rarer states. The .qm is
committed so the app and the frozen build need no Qt tools; lrelease's output is
byte-for-byte reproducible, which is what `check` relies on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "qt" / "qtbase_vi.ts"
QM = TS.with_suffix(".qm")
# Key names (Ctrl, Shift, Del…) stay as printed on the keyboard, as Windows shows them.
KEPT_ENGLISH_CONTEXTS = frozenset({"QShortcut"})


def lrelease() -> str:
    """pyside6-lrelease next to this Python (the venv), else on PATH, else Qt's lrelease."""
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name, path=str(here)) or shutil.which(name)
        if found:
            return found
    raise SystemExit("lrelease not found: install PySide6 (its wheel ships pyside6-lrelease)")


def compile_catalogue(ts: Path, qm: Path) -> None:
    # -fail-on-invalid: accelerators, surrounding whitespace, ending punctuation, %1 markers
    subprocess.run([lrelease(), "-silent", "-fail-on-unfinished", "-fail-on-invalid", str(ts),
                    "-qm", str(qm)], check=True)


def check(ts: Path, qm: Path) -> list[str]:
    """Problems: a stale or missing .qm (compiled afresh and compared byte for byte)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / qm.name
        try:
            compile_catalogue(ts, fresh)
        except subprocess.CalledProcessError:
            return [f"{ts.name}: lrelease refused it (unfinished or invalid messages)"]
        if not qm.exists():
            return [f"{qm} is missing: run `make i18n`"]
        if fresh.read_bytes() != qm.read_bytes():
            return [f"{qm.name} is older than {ts.name}: run `make i18n`"]
    return []


def missing() -> int:
    """Show Qt's dialogs offscreen with the catalogue installed; print what it lacked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from tests.qt.qt_strings import MissRecorder, walk_qt_dialogs  # the test's own walk

    app = QApplication.instance() or QApplication(sys.argv)
    from desktop.ui.qt_language import install_qt_language

    recorder = MissRecorder()
    app.installTranslator(recorder)  # asked last: only for what the catalogue lacks
    install_qt_language(app, "vi", ROOT / "resources")
    recorder.misses.clear()  # asked before the catalogue was installed
    with tempfile.TemporaryDirectory() as folder:
        walk_qt_dialogs(Path(folder))
    misses = [m for m in recorder.misses if m[0] not in KEPT_ENGLISH_CONTEXTS]
    for context, source, comment in sorted(misses):
        print(f"{context}\t{source!r}\t{comment}")
    return 1 if misses else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("compile", "check", "missing"))
    args = parser.parse_args(argv)
    if args.command == "compile":
        compile_catalogue(TS, QM)
        return 0
    if args.command == "missing":
        return missing()
    problems = check(TS, QM)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
