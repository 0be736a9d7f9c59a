"""The council meeting dialog: pass/fail live on the TOTAL membership, counts capped at the
members present, the core's refusals shown with nothing typed lost (LAW §5.4, §6.7)."""

from __future__ import annotations

from collections.abc import Iterator
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
from tests.qt.conftest import type_text

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


def year_end(ctx: AppContext) -> int:
    (rnd,) = ops.list_rounds(ctx.store, 2026)
    assert rnd.id is not None
    return rnd.id


def nominee(ctx: AppContext, round_id: int, name: str) -> int:
    found = [n.id for n in ops.nominations(ctx.store, round_id) if n.subject_name == name]
    assert found and found[0] is not None
    return found[0]


def test_new_meeting_passes_on_total_membership_not_on_those_present(qtbot, ctx, errors
                                                                     ) -> None:
    rnd = ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026, "", "t", TODAY)
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
    assert not row.issued.isEnabled()  # Giấy khen: show of hands
    row.votes_for.setValue(50)
    assert row.votes_for.value() == 6  # never above those present
    row.votes_for.setValue(4)
    assert "Không đạt" in dialog.result_text(nom.id)  # 4/9 although 4 of the 6 present
    row.votes_for.setValue(5)
    assert "✔ Đạt" in dialog.result_text(nom.id)  # 5/9 > half
    assert dialog.save() and errors == []
    (saved,) = ops.meetings(ctx.store, rnd.id)
    assert (saved.members_total, saved.present, saved.place) == (
        9, 6, "Phòng họp tầng 2, trụ sở Ủy ban")
    assert saved.counting_committee == ("Lê Văn Ảnh", "Đỗ Thị Ước")
    (vote,) = ops.votes(ctx.store, nom.id)
    assert vote.votes_for == 5 and vote.passed and vote.method.value == "hands"
    assert [t.passed for t in dialog.tally] == [True]


def profiles_people(ctx: AppContext):  # type: ignore[no-untyped-def]
    from desktop.core.operations import registry

    return registry.people_page(ctx.store, "", 0, 1000)


def test_existing_meeting_is_edited_and_ballot_recounted(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    huy = nominee(ctx, rid, "Lê Mạnh Huy")
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    assert dialog.present.value() == 10 and len(dialog.tally) == 11
    row = dialog.row_for(huy)
    assert row.votes_for.value() == 9 and "Không đạt" in dialog.result_text(huy)
    assert not dialog.row_for(nominee(ctx, rid, "Đặng Thị Ỷ")).votes_for.isEnabled()  # ready
    row.votes_for.setValue(10)
    assert "✔ Đạt" in dialog.result_text(huy)  # 10/12 = 83 %
    assert dialog.save() and errors == []
    assert len(ops.meetings(ctx.store, rid)) == 1  # the same meeting, not a second one
    assert ops.votes(ctx.store, huy)[-1].passed
    assert sum(t.passed for t in dialog.tally) == 11


def test_votes_above_those_present_are_refused_and_kept(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    huy = nominee(ctx, rid, "Lê Mạnh Huy")
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.present.setValue(7)  # 7 + 1 written opinion = 8 < the 11 ballots recorded
    row = dialog.row_for(huy)
    assert row.issued.value() == 11  # not silently cut down
    assert "Sai số liệu" in dialog.result_text(huy)
    assert not dialog.save()
    assert errors and "hãy sửa số phiếu trước" in dialog.problems.text()
    assert not dialog.problems.isHidden()
    assert dialog.present.value() == 7 and row.issued.value() == 11  # nothing typed lost
    assert ops.meetings(ctx.store, rid)[0].present == 10  # nothing saved


def test_total_change_that_flips_a_ready_dossier_is_refused(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.members_total.setValue(13)  # Bùi Thị Hạnh: 10/13 < 80 %, her dossier is ready
    hanh = nominee(ctx, rid, "Bùi Thị Hạnh")
    assert "Không đạt" in dialog.result_text(hanh)
    assert not dialog.save()
    assert "Dự thảo" in dialog.problems.text() and len(errors) == 1
    assert dialog.members_total.value() == 13
    assert ops.meetings(ctx.store, rid)[0].members_total == 12


def test_bad_date_is_reported_not_saved(qtbot, ctx, errors) -> None:
    rid = year_end(ctx)
    dialog = MeetingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.held_on.clear()
    type_text(dialog.held_on, "31/02/2026")
    assert not dialog.save()
    assert errors and "Ngày họp" in dialog.problems.text()
    assert dialog.held_on.text() == "31/02/2026"
