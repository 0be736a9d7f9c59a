"""The pytest-qt walk of bench_bulk_nominate.py (run by it, never by the test suite): every
key press and click goes through `Officer`, which counts it, as an officer would make it."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from desktop.core.catalog import load_catalog
from desktop.core.model import SubjectKind
from desktop.core.operations import profiles
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.core.text import fold
from desktop.paths import forms_dir
from desktop.ui.context import AppContext
from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog
from desktop.ui.rounds.meeting_dialog import MeetingDialog
from desktop.ui.rounds.nominate_dialog import NominateDialog
from desktop.ui.rounds.rounds_window import RoundsWindow
from desktop.ui.rounds.vote_grid import C_FOR

TODAY = date(2026, 11, 23)


class Officer:
    """Key presses and clicks, counted."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.keys = 0
        self.clicks = 0

    def key(self, widget: QWidget, key: Qt.Key,
            modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.keys += 1
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget: QWidget, text: str) -> None:
        for ch in text:   # unaccented ASCII, as most officers search
            self.keys += 1
            self.qtbot.keyClicks(widget, ch)


def _context(data: Path, profile: str) -> AppContext:
    store = profiles.open_profile(data, profile)
    return AppContext(store, load_catalog(forms_dir()), "Cán bộ TĐKT", data, profile,
                      lambda: TODAY)


def _open_round(qtbot: Any, ctx: AppContext, round_id: int) -> RoundsWindow:
    window = RoundsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.round_view.table.setFocus()
    qtbot.waitUntil(window.round_view.table.hasFocus)
    assert window.round_view.round is not None and window.round_view.round.id == round_id
    return window


def _bulk(qtbot: Any, data: Path, profile: str, round_id: int) -> dict[str, Any]:
    ctx = _context(data, profile)
    window = _open_round(qtbot, ctx, round_id)
    officer = Officer(qtbot)
    view = window.round_view
    view.table.setFocus()
    started = time.perf_counter()
    shown: list[BulkNominateDialog] = []

    def drive(dialog: BulkNominateDialog) -> int:
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()   # a modal dialog is active when it opens; offscreen needs help
        qtbot.waitUntil(dialog.isActiveWindow)
        officer.key(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # every eligible
        qtbot.waitUntil(lambda: bool(dialog.picker.chosen()), timeout=60_000)
        officer.key(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)   # save
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
        return int(dialog.result())

    BulkNominateDialog.exec = drive  # type: ignore[method-assign,assignment]
    officer.key(view.table, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(view.nominations()) > 0, timeout=60_000)
    seconds = time.perf_counter() - started
    count = len(ops.nominations(ctx.store, round_id))
    council = _council(qtbot, ctx, round_id)
    window.close()
    return {"nominations": count, "keys": officer.keys, "clicks": officer.clicks,
            "seconds": round(seconds, 3), "council": council}


def _council(qtbot: Any, ctx: AppContext, round_id: int) -> dict[str, Any]:
    """The council's votes for every nominee typed in the grid as read from the paper tally
    (show of hands: the count in favour, then Enter), then saved with Ctrl+S."""
    dialog = MeetingDialog(ctx, round_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    officer = Officer(qtbot)
    for box, count in ((dialog.members_total, "11"), (dialog.present, "10")):
        box.setFocus()
        officer.key(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        officer.type(box, count)
    grid = dialog.grid
    grid.setFocus()
    grid.setCurrentCell(0, C_FOR)
    started = time.perf_counter()
    for row in range(grid.rowCount()):
        for ch in "10" if row % 17 else "5":   # the first digit opens the cell's editor
            editing = grid.state() is QAbstractItemView.State.EditingState
            officer.type(QApplication.focusWidget() or grid if editing else grid, ch)
        officer.key(QApplication.focusWidget() or grid, Qt.Key.Key_Return)
        QApplication.processEvents()   # the delegate commits the editor in a queued call
    if row_problems := dialog.problems.text():
        print("council problems:", row_problems[:200])
    officer.key(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    typed = time.perf_counter() - started
    saved = sum(1 for n in ops.nominations(ctx.store, round_id) if ops.votes(ctx.store, n.id or 0))
    dialog.close()
    return {"rows": grid.rowCount(), "votes_saved": saved, "keys": officer.keys,
            "seconds": round(typed, 3)}


def _search_text(ctx: AppContext, name: str) -> str:
    """The shortest unaccented prefix of the name that the picker's search finds alone
    (the search matches anywhere in the name, as the officer's typing does)."""
    words = " ".join(fold(name).split())
    for n in range(1, len(words) + 1):
        if reg_ops.count_people(ctx.store, words[:n]) == 1:
            return words[:n]
    return words


def _one_by_one(qtbot: Any, data: Path, profile: str, round_id: int, how_many: int,
                target: int) -> dict[str, Any]:
    copy = data.parent / "one-by-one"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(data, copy)
    ctx = _context(copy, profile)
    window = _open_round(qtbot, ctx, round_id)
    view = window.round_view
    officer = Officer(qtbot)
    people = [c.name for c in ops.candidates(ctx.store, SubjectKind.PERSON)[0]]
    todo = people[:how_many]
    current: dict[str, str] = {}

    def drive(dialog: NominateDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        picker = dialog.picker
        officer.type(picker.search, _search_text(ctx, current["name"]))
        picker.refresh()   # what the typing timer does after 120 ms
        officer.key(picker.search, Qt.Key.Key_Return)        # pick the only match
        officer.key(picker.results, Qt.Key.Key_Return)       # on to the title (LĐTT first)
        assert picker.subject_name() == current["name"], (picker.subject_name(), current)
        officer.key(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert dialog.result(), f"not saved: {current['name']}"
        return int(dialog.result())

    NominateDialog.exec = drive  # type: ignore[method-assign,assignment]
    view.table.setFocus()
    started = time.perf_counter()
    for name in todo:
        current["name"] = name
        window.activateWindow()   # offscreen does not give focus back when a dialog closes
        view.table.setFocus()
        qtbot.waitUntil(view.table.hasFocus)
        officer.key(view.table, Qt.Key.Key_Insert)
        QApplication.processEvents()
    seconds = time.perf_counter() - started
    made = len(ops.nominations(ctx.store, round_id))
    window.close()
    scale = target / max(made, 1)
    return {"nominations": target, "measured": made,
            "keys": round(officer.keys * scale), "clicks": round(officer.clicks * scale),
            "seconds": round(seconds * scale, 3)}


def test_walk(qtbot: Any) -> None:
    data = Path(os.environ["HOSO_BENCH_DATA"])
    profile = os.environ["HOSO_BENCH_PROFILE"]
    round_id = int(os.environ["HOSO_BENCH_ROUND"])
    target = int(os.environ["HOSO_BENCH_NOMINEES"])
    one = _one_by_one(qtbot, data, profile, round_id, int(os.environ["HOSO_BENCH_ONE_BY_ONE"]),
                      target)
    bulk = _bulk(qtbot, data, profile, round_id)
    Path(os.environ["HOSO_BENCH_RESULTS"]).write_text(
        json.dumps({"BULK": bulk, "ONE_BY_ONE": one}, ensure_ascii=False), encoding="utf-8")
