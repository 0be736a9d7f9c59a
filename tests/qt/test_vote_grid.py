"""The council's votes as a grid, keyboard only: digits then Enter down the column, Ctrl+D
fills down, K/G choose the method, Ctrl+V pastes from Excel by position or by name, every
problem shown on its row at once (nothing clamped), saved through save_meeting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import SubjectKind
from desktop.core.model.rounds import RoundKind, VoteMethod
from desktop.core.operations import demo, profiles
from desktop.core.operations import rounds as ops
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.rounds.meeting_dialog import MeetingDialog
from desktop.ui.rounds.vote_grid import C_FOR, C_ISSUED, C_METHOD, C_NAME, C_VALID
from tests.qt.test_meeting_dialog import type_cell

TODAY = date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", tmp_path, info.id, lambda: TODAY)
    store.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[UserError]:
    shown: list[UserError] = []
    monkeypatch.setattr(feedback, "show_user_error", lambda _parent, exc, *a: shown.append(exc))
    return shown


@pytest.fixture
def dialog(qtbot, ctx: AppContext) -> MeetingDialog:  # type: ignore[no-untyped-def]
    """A sudden-feat round with four Giấy khen nominees and a new meeting: 9 members, 8
    present."""
    rnd, _c = ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026,
                               "Khen đột xuất phòng chống lũ", "t", TODAY)
    assert rnd.id is not None
    refs = [c.subject for c in ops.candidates(ctx.store, SubjectKind.PERSON)[0]]
    rows = ops.nomination_preview(ctx.store, ctx.catalog, rnd.id, refs, "giay_khen",
                                  achievement="Cứu người trong lũ")
    chosen = [r.subject for r in rows if r.applicable][:4]
    ops.nominate_many(ctx.store, ctx.catalog, rnd.id, chosen, "giay_khen", "t", TODAY,
                      justification="Dũng cảm cứu người", achievement="Cứu người trong lũ")
    opened = MeetingDialog(ctx, rnd.id)
    qtbot.addWidget(opened)
    opened.members_total.setValue(9)
    opened.present.setValue(8)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def test_digits_and_enter_go_down_the_column_and_nothing_is_clamped(qtbot, dialog, errors
                                                                   ) -> None:
    grid = dialog.grid
    assert (grid.currentRow(), grid.currentColumn()) == (0, C_FOR)  # ready to type
    for r, digits in enumerate(("8", "7", "3", "13")):
        type_cell(qtbot, grid, r, C_FOR, digits)
        assert grid.currentRow() == min(r + 1, 3)  # Enter moved down
    ids = [row.nomination.id for row in grid.rows]
    assert [dialog.result_text(i) for i in ids[:3]] == ["✔ Đạt", "✔ Đạt", "✘ Không đạt"]
    assert grid.rows[3].texts[C_FOR] == "13"   # 13 of 9 members: kept as typed, shown wrong
    assert dialog.result_text(ids[3]).startswith("⚠")
    assert "13" in dialog.problems.text()
    assert not dialog.save()
    assert {c for e in errors for c in e.codes} >= {"vote.hands_over_voices"}  # type: ignore[attr-defined]
    type_cell(qtbot, grid, 3, C_FOR, "6")
    assert dialog.save()
    votes = {v.nomination_id: v.votes_for for i in ids for v in ops.votes(dialog.ctx.store, i)}
    assert [votes[i] for i in ids] == [8, 7, 3, 6]
    assert dialog.problems.isHidden()


def test_method_keys_ballot_cells_and_fill_down(qtbot, dialog) -> None:
    grid = dialog.grid
    for r in range(4):
        grid.setCurrentCell(r, C_METHOD)
        qtbot.keyClick(grid, Qt.Key.Key_K)
    assert all(row.method is VoteMethod.BALLOT for row in grid.rows)
    assert grid.item(0, C_METHOD).text() == "Bỏ phiếu kín"
    type_cell(qtbot, grid, 0, C_ISSUED, "8")
    type_cell(qtbot, grid, 0, C_VALID, "7")
    grid.setCurrentCell(0, C_ISSUED)
    qtbot.keyClick(grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    grid.setCurrentCell(0, C_VALID)
    qtbot.keyClick(grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [(r.texts[C_ISSUED], r.texts[C_VALID]) for r in grid.rows] == [("8", "7")] * 4
    type_cell(qtbot, grid, 0, C_FOR, "8")   # more in favour than valid ballots
    assert "hợp lệ" in dialog.result_text(grid.rows[0].nomination.id)
    grid.setCurrentCell(1, C_METHOD)
    qtbot.keyClick(grid, Qt.Key.Key_G)
    assert grid.rows[1].method is VoteMethod.HANDS and not grid.rows[1].cell_open(C_ISSUED)
    assert grid.item(1, C_ISSUED).text() == "–"


def test_paste_from_excel_by_position_and_by_name(qtbot, dialog) -> None:
    grid = dialog.grid
    grid.setFocus()
    grid.setCurrentCell(0, C_FOR)
    QGuiApplication.clipboard().setText("8\r\n7\r\n")   # Excel ends lines with CRLF
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [r.texts.get(C_FOR, "") for r in grid.rows] == ["8", "7", "", ""]
    names = [r.nomination.subject_name for r in grid.rows]
    lines = [f"{names[3]}\tGiấy khen\tbỏ phiếu kín\t8\t8\t6",
             f"{names[2].upper()}\t5", "Người Không Có\t4"]
    QGuiApplication.clipboard().setText("\n".join(lines))
    grid.setCurrentCell(0, C_NAME)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert grid.rows[3].method is VoteMethod.BALLOT
    assert (grid.rows[3].texts[C_ISSUED], grid.rows[3].texts[C_VALID],
            grid.rows[3].texts[C_FOR]) == ("8", "8", "6")
    assert grid.rows[2].texts[C_FOR] == "5"   # matched whatever the case
    assert "Người Không Có" in dialog.status.text()   # what found no row is said


def test_a_cell_that_is_not_a_number_is_refused_with_its_code(qtbot, dialog, errors) -> None:
    grid = dialog.grid
    grid.set_cell(0, C_FOR, "7a")
    assert "không phải số" in dialog.result_text(grid.rows[0].nomination.id)
    assert not dialog.save()
    assert isinstance(errors[0], ValidationError) and errors[0].codes == ["vote.not_a_number"]
    grid.setCurrentCell(0, C_FOR)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert grid.rows[0].texts[C_FOR] == ""
    assert dialog.result_text(grid.rows[0].nomination.id) == "Chưa biểu quyết"
