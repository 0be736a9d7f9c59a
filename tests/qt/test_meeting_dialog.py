"""The council meeting dialog: pass/fail live on the TOTAL membership, counts capped at the
members present, the core's refusals shown with nothing typed lost (LAW §5.4, §6.7)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import demo, profiles
from desktop.core.operations import rounds as ops
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.rounds.meeting_dialog import MeetingDialog
from desktop.ui.rounds.vote_grid import C_FOR, C_ISSUED, C_METHOD, C_SHARE, VoteGrid
from tests.qt.conftest import type_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    # The demo names its council's members and times; these tests type the counts and the
    # times by hand, as for a meeting recorded before names were kept.
    (rnd,) = ops.list_rounds(store, 2026)
    (meeting,) = ops.meetings(store, rnd.id or 0)
    ops.save_meeting(store, catalog, replace(meeting, members=(), starts_at=None, ends_at=None),
                     [], "t", TODAY)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", tmp_path, info.id, lambda: TODAY)
    store.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[UserError]:
    shown: list[UserError] = []
    monkeypatch.setattr(feedback, "show_user_error", lambda _parent, exc, *a: shown.append(exc))
    return shown


def type_cell(qtbot, grid: VoteGrid, row: int, col: int, digits: str) -> None:  # type: ignore[no-untyped-def]
    """Select a cell and type a count as the officer does: the digits (the first one opens
    the cell's editor), then Enter, which moves down to the next candidate."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    window = grid.window()
    if not window.isVisible():
        window.show()
        qtbot.waitExposed(window)
    grid.setFocus()
    grid.setCurrentCell(row, col)
    qtbot.keyClicks(grid, digits[0])
    (editor,) = [e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible()]
    qtbot.keyClicks(editor, digits[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits in a queued call
    assert grid.state() is not grid.State.EditingState


def year_end(ctx: AppContext) -> int:
    (rnd,) = ops.list_rounds(ctx.store, 2026)
    assert rnd.id is not None
    return rnd.id


def failed_cstdcs(ctx: AppContext, round_id: int) -> int:
    """The demo's CSTĐCS nominee the council failed (9 of 12 votes): drawn from the registry,
    so found by the result, not by a name a change of the demo's draws would move."""
    found = [n.id for n in ops.nominations(ctx.store, round_id)
             if n.target == "chien_si_thi_dua_co_so" and n.id is not None
             and not ops.votes(ctx.store, n.id)[-1].passed]
    assert len(found) == 1 and found[0] is not None
    return found[0]


def nominee(ctx: AppContext, round_id: int, name: str) -> int:
    found = [n.id for n in ops.nominations(ctx.store, round_id) if n.subject_name == name]
    assert found and found[0] is not None
    return found[0]


def test_new_meeting_passes_on_total_membership_not_on_those_present(qtbot, ctx, errors
                                                                     ) -> None:
    rnd, _c = ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026, "", "t",
                               TODAY)
    assert rnd.id is not None
    people = {p.full_name: p.id for p in profiles_people(ctx)}
    nom, _c = ops.add_nomination(ctx.store, ctx.catalog, rnd.id,
                                 SubjectRef(SubjectKind.PERSON, people["Đinh Văn Cường"]),
                                 "giay_khen", "Cứu 3 người bị lũ cuốn trôi tại suối Cỏ",
                                 "t", TODAY, achievement="Cứu người trong lũ")
    assert nom.id is not None
    dialog = MeetingDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    assert dialog.chair.text() == "Hà Văn Thắng"  # defaults from the unit
    dialog.place.clear()
    type_text(dialog.place, "Phòng họp tầng 2, trụ sở Ủy ban")
    dialog.committee.clear()
    type_text(dialog.committee, "Lê Văn Ảnh, Đỗ Thị Ước")
    dialog.members_total.setValue(9)
    dialog.present.setValue(6)
    row = dialog.row_for(nom.id)
    r = dialog.grid.rows.index(row)
    assert not row.cell_open(C_ISSUED)  # Giấy khen: show of hands, no ballots to count
    assert dialog.grid.item(r, C_METHOD).text() == "Giơ tay"
    type_cell(qtbot, dialog.grid, r, C_FOR, "50")
    assert row.texts[C_FOR] == "50"  # kept as typed, never cut down to those present
    assert dialog.result_text(nom.id).startswith("⚠")
    assert "lớn hơn số thành viên có mặt" in dialog.problems.text()
    type_cell(qtbot, dialog.grid, r, C_FOR, "4")
    assert "Không đạt" in dialog.result_text(nom.id)  # 4/9 although 4 of the 6 present
    type_cell(qtbot, dialog.grid, r, C_FOR, "5")
    assert "✔ Đạt" in dialog.result_text(nom.id)  # 5/9 > half
    assert dialog.save() and errors == []
    (saved,) = ops.meetings(ctx.store, rnd.id)
    assert (saved.members_total, saved.present, saved.place) == (
        9, 6, "Phòng họp tầng 2, trụ sở Ủy ban")
    assert saved.counting_committee == ("Lê Văn Ảnh", "Đỗ Thị Ước")
    (vote,) = ops.votes(ctx.store, nom.id)
    assert vote.votes_for == 5 and vote.passed and vote.method.value == "hands"
    assert [t.passed for t in dialog.tally] == [True]
    assert dialog.changes.meetings == {saved.id} and dialog.changes.nominations == {nom.id}


def profiles_people(ctx: AppContext):  # type: ignore[no-untyped-def]
    from desktop.core.operations import registry

    return registry.people_page(ctx.store, "", 0, 1000)


def test_existing_meeting_is_edited_and_ballot_recounted(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    huy = failed_cstdcs(ctx, rid)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    assert dialog.present.value() == 10 and len(dialog.tally) == 11
    row = dialog.row_for(huy)
    assert row.texts[C_FOR] == "9" and "Không đạt" in dialog.result_text(huy)
    assert not dialog.row_for(nominee(ctx, rid, "Đặng Thị Ỷ")).cell_open(C_FOR)  # ready
    r = dialog.grid.rows.index(row)
    type_cell(qtbot, dialog.grid, r, C_FOR, "10")
    assert "✔ Đạt" in dialog.result_text(huy)
    share = dialog.grid.item(r, C_SHARE).text()
    assert share == "10/12 = 83,3%"   # the one percent formatter, as the minutes print it
    assert dialog.save() and errors == []
    assert len(ops.meetings(ctx.store, rid)) == 1  # the same meeting, not a second one
    assert ops.votes(ctx.store, huy)[-1].passed
    assert sum(t.passed for t in dialog.tally) == 11


def test_votes_above_those_present_are_refused_and_kept(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    huy = failed_cstdcs(ctx, rid)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.present.setValue(7)  # 7 + 1 written opinion = 8 < the 11 ballots recorded
    row = dialog.row_for(huy)
    assert row.texts[C_ISSUED] == "11"  # not silently cut down
    assert dialog.result_text(huy).startswith("⚠")  # on its row, before any save
    assert not dialog.save()
    assert errors and "meeting.votes_over_voices" in errors[0].codes  # type: ignore[attr-defined]
    assert "hãy sửa số phiếu trước" in dialog.problems.text()
    assert not dialog.problems.isHidden()
    assert dialog.present.value() == 7 and row.texts[C_ISSUED] == "11"  # nothing typed lost
    assert ops.meetings(ctx.store, rid)[0].present == 10  # nothing saved


def test_total_change_that_flips_a_ready_dossier_is_refused(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.members_total.setValue(13)  # Bùi Thị Hạnh: 10/13 < 80 %, her dossier is ready
    hanh = nominee(ctx, rid, "Bùi Thị Hạnh")
    # on her row before any save: the new total would change a result past the council
    assert dialog.result_text(hanh).startswith("⚠") and "Dự thảo" in dialog.result_text(hanh)
    assert not dialog.save()
    assert len(errors) == 1  # several ready dossiers would flip: every one is named
    assert set(errors[0].codes) == {"meeting.result_flips"}  # type: ignore[attr-defined]
    assert "Dự thảo" in dialog.problems.text()
    assert dialog.members_total.value() == 13
    assert ops.meetings(ctx.store, rid)[0].members_total == 12


def test_bad_date_is_reported_not_saved(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.held_on.clear()
    type_text(dialog.held_on, "31/02/2026")
    assert not dialog.save()
    assert errors and errors[0].code == "meeting.date_invalid"
    assert "Ngày họp" in dialog.problems.text()
    assert dialog.held_on.text() == "31/02/2026"


PASTED = [("Hà Văn Thắng", "Chủ tịch UBND xã – Chủ tịch Hội đồng", "có mặt"),
          ("Nguyễn Thị Thu Hà", "Công chức Văn phòng – Thư ký", "có mặt"),
          ("Lê Văn Ảnh", "Phó Chủ tịch UBND xã", "Có mặt"),
          ("Đỗ Thị Ước", "Chủ tịch Ủy ban MTTQ xã", "x"),
          ("Trần Quốc Toản", "Bí thư Đoàn xã", ""),
          ("Phạm Thị Nga", "Chủ tịch Hội Phụ nữ", "có mặt"),
          ("Bùi Văn Lực", "Chủ tịch Hội Nông dân", "có mặt"),
          ("Hoàng Thị Yến", "Chủ tịch Hội Cựu chiến binh", "có mặt"),
          ("Vi Văn Khánh", "Trưởng Công an xã", "có mặt"),
          ("Lương Thị Mơ", "Công chức Tư pháp", "vắng có ý kiến bằng văn bản"),
          ("Ngô Văn Bảy", "Chỉ huy trưởng Quân sự", "vắng")]


def test_members_are_pasted_and_typed_and_the_counts_follow(qtbot, ctx, errors) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    from desktop.core.model.rounds import Attendance

    rid = year_end(ctx)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # a meeting recorded before names were kept: its counts, no names
    assert dialog.members.members() == ()
    assert (dialog.members_total.value(), dialog.present.value(), dialog.written.value()) == (
        12, 10, 1)
    dialog.tabs.setCurrentWidget(dialog.members)
    table = dialog.members.table
    QGuiApplication.clipboard().setText("\n".join("\t".join(r) for r in PASTED) + "\n")
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.members.members()) == 11 and table.rowCount() == 12  # + a blank row
    assert dialog.members.attendance(9) is Attendance.WRITTEN_OPINION
    assert dialog.members.attendance(10) is Attendance.ABSENT
    # the twelfth member typed by hand, Vietnamese one character at a time

    def type_cell(row: int, col: int, text: str) -> None:
        table.setCurrentCell(row, col)
        qtbot.keyClick(table, Qt.Key.Key_F2)   # the cell's editor opens
        (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
        type_text(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()   # the delegate commits the editor in a queued call
        assert table.state() is not QAbstractItemView.State.EditingState

    type_cell(11, 0, "Lò Văn Sáng")
    type_cell(11, 1, "Trưởng thôn Nà Lừa")
    named = dialog.members.members()
    assert named[-1].name == "Lò Văn Sáng" and named[-1].position == "Trưởng thôn Nà Lừa"
    assert (dialog.members_total.value(), dialog.present.value(), dialog.written.value()) == (
        12, 10, 1) and dialog.members_total.isReadOnly()
    dialog.starts_at.clear()
    type_text(dialog.starts_at, "8h00")
    type_text(dialog.ends_at, "10:30")
    assert dialog.save() and errors == []
    (saved,) = ops.meetings(ctx.store, rid)
    assert [m.name for m in saved.members] == [r[0] for r in PASTED] + ["Lò Văn Sáng"]
    assert saved.starts_at is not None and saved.starts_at.strftime("%H:%M") == "08:00"
    assert dialog.changes.meetings == {saved.id}
    reopened = MeetingDialog(ctx, rid)
    qtbot.addWidget(reopened)
    assert reopened.members.members() == saved.members
    assert (reopened.starts_at.text(), reopened.ends_at.text()) == ("08:00", "10:30")


def test_a_bad_time_is_reported_with_its_code_and_nothing_is_saved(qtbot, ctx, errors
                                                                   ) -> None:
    rid = year_end(ctx)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    type_text(dialog.starts_at, "25 giờ")
    type_text(dialog.ends_at, "07:00")
    dialog.place.clear()
    type_text(dialog.place, "Nhà văn hóa thôn Bản Mế")
    assert not dialog.save()
    assert errors and errors[0].code == "meeting.time_invalid"
    assert ops.meetings(ctx.store, rid)[0].place != "Nhà văn hóa thôn Bản Mế"


def test_a_round_with_no_nominee_says_what_to_do_and_goes_there(qtbot, ctx, monkeypatch):
    """The council votes on the round's nominations: with none, the vote area says so and
    opens the nominations (it was an empty grid with no hint, found walking the year)."""
    from desktop.ui.rounds import round_view as rv

    rnd, _c = ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026,
                               "Khen đột xuất phòng chống lũ", "t", TODAY)
    assert rnd.id is not None
    dialog = MeetingDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 740)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.votes.currentIndex() == 1 and dialog.no_nominees.isVisible()
    assert dialog.no_nominees.text().startswith(
        "Chưa có ai được đề nghị trong đợt này: mở Đề nghị")
    assert not dialog.grid.isVisible() and not dialog.save_button.isEnabled()
    dialog.nominate_button.click()
    assert dialog.wants_nominations and not dialog.isVisible()

    opened: list[str] = []
    monkeypatch.setattr(rv.MeetingDialog, "exec",
                        lambda self: self.nominate_button.click() or 0)
    monkeypatch.setattr(rv.BulkNominateDialog, "exec",
                        lambda self: opened.append(self.round.name) or 0)
    view = rv.RoundView(ctx)
    qtbot.addWidget(view)
    view.set_round(rnd.id)
    view.open_meeting()
    assert opened == ["Khen đột xuất phòng chống lũ"]


def test_a_round_with_nominees_shows_the_vote_grid(qtbot, ctx):
    dialog = MeetingDialog(ctx, year_end(ctx))
    qtbot.addWidget(dialog)
    assert dialog.votes.currentIndex() == 0 and dialog.grid.rowCount() > 0
    assert dialog.save_button.isEnabled()
