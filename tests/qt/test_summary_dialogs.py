"""The dossier window where the province asks short reports (issue 12): "Soạn báo cáo tóm tắt
cho N người" drafts them after a preview, the drafts are marked until the officer saves them,
the batch is undone whole; the list's summary lines are edited row by row, typed in
Vietnamese one character at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from desktop.core.catalog import Catalog, load_catalog
from desktop.core.operations import reports as reports_ops
from desktop.core.store import Store, open_store
from desktop.core.store import rounds as round_repo
from desktop.ui import summary_dialogs
from desktop.ui.context import AppContext
from desktop.ui.dossier_dialog import DossierDialog
from desktop.ui.report_editor import ReportEditor
from tests.qt.conftest import type_text
from tests.unit.test_province_reports import (
    REPO,
    SUMMARY_PROVINCE,
    TODAY,
    World,
    _layer,
    _world,
    _write_hoa,
)


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    shown: list[BaseException] = []
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": shown.append(exc))
    monkeypatch.setattr("desktop.ui.feedback.show_bug",
                        lambda parent, exc, store=None: pytest.fail(repr(exc)))
    return shown


def _context(tmp_path: Path, catalog: Catalog, province: str) -> Iterator[tuple[AppContext,
                                                                                  World]]:
    store: Store = open_store(tmp_path / "hoso.sqlite", create=True)
    try:
        world = _world(store, catalog, province=province)
        _write_hoa(world)
        yield (AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                          profile_id="p", today=lambda: TODAY), world)
    finally:
        store.close()


@pytest.fixture
def summary_ctx(tmp_path: Path) -> Iterator[tuple[AppContext, World]]:
    catalog = load_catalog(REPO / "forms", [_layer(tmp_path, SUMMARY_PROVINCE)], as_of=TODAY)
    yield from _context(tmp_path, catalog, "tinh_thu")


@pytest.fixture
def national_ctx(tmp_path: Path) -> Iterator[tuple[AppContext, World]]:
    yield from _context(tmp_path, load_catalog(REPO / "forms", as_of=TODAY), "default")


def test_short_reports_are_drafted_from_the_dossier_window_and_undone(
        qtbot, monkeypatch: pytest.MonkeyPatch, summary_ctx: tuple[AppContext, World]) -> None:
    ctx, w = summary_ctx
    dialog = DossierDialog(ctx, w.round_id)
    qtbot.addWidget(dialog)
    assert not dialog.draft_button.isHidden()
    assert "2 người" in dialog.draft_button.text()
    seen: list[int] = []

    def answer(preview: summary_dialogs.SummaryDraftsDialog) -> int:
        seen.append(preview.table.rowCount())
        assert "Lê Thị Lan" in preview.table.item(0, 0).text() + preview.table.item(1, 0).text()
        preview.apply_button.click()
        return int(preview.result())

    monkeypatch.setattr(summary_dialogs.SummaryDraftsDialog, "exec", answer)
    dialog.draft_summaries()
    assert seen == [2]
    states = {dialog.report_table.item(r, 0).text(): dialog.report_table.item(r, 2).text()
              for r in range(dialog.report_table.rowCount())}
    assert states["Lê Thị Lan"].startswith("Bản nháp phần mềm soạn")
    assert dialog.draft_button.isHidden() and not dialog.undo_drafts_button.isHidden()
    editor = ReportEditor(ctx, w.lan, dialog)
    qtbot.addWidget(editor)
    assert not editor.drafted_note.isHidden()
    assert editor.texts()["tom_tat"].startswith("Năm 2026, đồng chí Lê Thị Lan")
    editor.close()
    dialog.undo_drafts()
    assert all(r.empty for r in reports_ops.round_reports(ctx.store, ctx.catalog, w.round_id)
               if r.kind.code == "bao_cao_tom_tat")
    assert "2 người" in dialog.draft_button.text() and dialog.undo_drafts_button.isHidden()


def test_without_reports_the_window_points_to_the_list_column(
        qtbot, national_ctx: tuple[AppContext, World]) -> None:
    ctx, w = national_ctx
    dialog = DossierDialog(ctx, w.round_id)
    qtbot.addWidget(dialog)
    assert dialog.draft_button.isHidden()
    assert dialog.report_table.rowCount() == 1          # only the CSTĐCS report


def test_a_list_line_is_typed_in_vietnamese_and_saved(
        qtbot, national_ctx: tuple[AppContext, World]) -> None:
    ctx, w = national_ctx
    dialog = summary_dialogs.ListSummaryDialog(ctx, w.round_id)
    qtbot.addWidget(dialog)
    row = next(i for i, line in enumerate(dialog.lines) if line.nomination_id == w.lan)
    assert dialog.table.item(row, 3).text() == "Phần mềm"
    dialog.table.setCurrentCell(row, 2)
    dialog.table.editItem(dialog.table.item(row, 2))
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    type_text(editor, "Số hóa 100% chứng từ kế toán năm 2026")
    QTest.keyClick(editor, Qt.Key.Key_Return)     # Enter commits the cell, as an officer does
    qtbot.waitUntil(lambda: dialog.table.item(row, 3).text() == "Tự ghi")
    dialog.save_button.click()
    nom = round_repo.get_nomination(ctx.store.db, w.lan)
    assert nom is not None and nom.list_summary == "Số hóa 100% chứng từ kế toán năm 2026"
