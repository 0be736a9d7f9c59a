"""“Ghi quyết định…” with several nominees selected asks the decision once and records it
for all of them (issue 12: 82 LĐTT were 82 dialogs with the same number); Ctrl+Z takes it
back whole."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import demo, profiles
from desktop.core.operations import rounds as ops
from desktop.core.operations.year_tasks import TaskState, year_tasks
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.rounds.decide_dialog import BulkDecisionDialog
from desktop.ui.rounds.round_view import RoundView
from tests.qt.conftest import type_text
from tests.unit.rounds.test_decide_many import ready_own

TODAY = date(2026, 11, 23)
S = NominationStatus


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = demo.build_demo(tmp_path, 5, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", tmp_path, info.id, lambda: TODAY)
    store.close()


def test_three_selected_are_decided_with_one_dialog_and_undone_with_ctrl_z(
        qtbot, ctx, monkeypatch) -> None:
    rid, own = ready_own(ctx.store, ctx.catalog)
    view = RoundView(ctx)
    qtbot.addWidget(view)
    view.set_round(rid)
    rows = [i for i, n in enumerate(view.nominations()) if n.id in own][:3]
    chosen = [view.nominations()[i].id for i in rows]
    view.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for i in rows:
        view.table.selectionModel().select(view.table.model().index(i, 0), flags)
    view.table.setCurrentCell(rows[0], 0, flags)
    assert len(view.selected()) == 3
    assert view.status_buttons[S.DECIDED].isVisible() or not view.isVisible()
    shown: list[BulkDecisionDialog] = []

    def fill(dialog: BulkDecisionDialog) -> int:
        shown.append(dialog)
        assert dialog.use_chosen.isChecked()
        assert "3 đề nghị" in dialog.summary.text() and dialog.refused.isHidden()
        type_text(dialog.decision_no, "15/QĐ-UBND")
        type_text(dialog.decision_date, "22/11/2026")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(BulkDecisionDialog, "exec", fill)
    view.status_buttons[S.DECIDED].click()
    assert len(shown) == 1
    noms = {n.id: n for n in ops.nominations(ctx.store, rid)}
    for nid in chosen:
        assert (noms[nid].status, noms[nid].decision_no, noms[nid].decision_date) == (
            S.DECIDED, "15/QĐ-UBND", date(2026, 11, 22))
    assert all(noms[nid].status is S.READY for nid in own if nid not in chosen)
    assert view.undo_button.isVisibleTo(view)
    view.undo_button.click()   # what Ctrl+Z triggers (shortcuts need a shown window)
    assert {n.id: n.status for n in ops.nominations(ctx.store, rid)
            if n.id in own} == dict.fromkeys(own, S.READY)


def test_all_ready_in_the_round_with_the_ones_that_cannot_named(qtbot, ctx, tmp_path,
                                                                monkeypatch) -> None:
    shown: list[UserError] = []
    monkeypatch.setattr(feedback, "show_user_error", lambda _parent, exc, *a: shown.append(exc))
    rid, own = ready_own(ctx.store, ctx.catalog)
    everyone = [n.id or 0 for n in ops.nominations(ctx.store, rid)]
    dialog = BulkDecisionDialog(ctx, rid, everyone)
    qtbot.addWidget(dialog)
    dialog.resize(720, 520)
    dialog.show()
    assert dialog.use_chosen.isChecked()
    assert dialog.refused.rowCount() == len(everyone) - len(own)
    dialog.grab().save(str(tmp_path / "decide.png"))
    dialog.use_all.setChecked(True)
    assert set(dialog.nomination_ids()) == set(own) and dialog.refused.isHidden()
    dialog.save()                    # nothing typed: refused, nothing written, dialog stays
    assert dialog.batch is None and isinstance(shown[0], ValidationError)
    assert set(shown[0].codes) == {"status.decision_no_missing", "status.decision_date_missing"}
    type_text(dialog.decision_no, "15/QĐ-UBND")
    type_text(dialog.decision_date, "22/11/2026")
    dialog.save()
    assert dialog.batch is not None and len(dialog.batch.items) == len(own)
    task = next(t for t in year_tasks(ctx.store, ctx.catalog, 2026, TODAY)
                if t.code == "decide")
    assert task.state is TaskState.DONE
