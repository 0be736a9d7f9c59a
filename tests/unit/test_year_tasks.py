"""Việc cần làm (issue 12): the year's steps from the province's dates and what the unit has
recorded; what is late, what is next, what is done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.model import History, Person, SubjectKind, SubjectRef, Unit, UnitKind
from desktop.core.model.rounds import NominationStatus, RoundKind
from desktop.core.operations import demo, profiles
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.core.operations.year_tasks import TaskState, next_task, when_text, year_tasks

UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
            "Hà Văn Thắng", "Chủ tịch", "", "", "default")


def states(tasks) -> dict[str, TaskState]:
    return {t.code: t.state for t in tasks}


def test_a_new_unit_in_february_is_late_to_register_and_the_round_comes_later(
        tmp_path: Path, catalog: Catalog) -> None:
    _info, store = profiles.create_profile(tmp_path, UNIT, "t")
    try:
        today = date(2026, 2, 15)
        tasks = year_tasks(store, catalog, 2026, today)
        assert states(tasks) == {"registration": TaskState.LATE, "round": TaskState.LATER}
        first = next_task(tasks)
        assert first is not None and first.code == "registration"
        assert first.due == date(2026, 1, 31)          # the province profile's date
        assert when_text(first, today) == "trễ 15 ngày"
        # registering makes it done; in November the year-end round is next
        pid = reg_ops.add_person(store, catalog, Person(None, "Lò Văn Páo"), History(), "t",
                                 today)[0].id
        assert pid is not None
        ops.register(store, catalog, 2026, SubjectRef(SubjectKind.PERSON, pid),
                     "lao_dong_tien_tien", "t", date(2026, 1, 20))
        tasks = year_tasks(store, catalog, 2026, date(2026, 11, 2))
        assert states(tasks) == {"registration": TaskState.DONE, "round": TaskState.NOW,
                                 "ratings": TaskState.NOW}   # Lò Văn Páo has no rating
        assert next_task(tasks).code == "round"          # type: ignore[union-attr]
        assert when_text(next_task(tasks), date(2026, 11, 2)) == "còn 38 ngày"  # type: ignore[arg-type]
    finally:
        store.close()


def test_a_unit_made_in_december_is_pointed_at_the_round_not_at_januarys_registration(
        tmp_path: Path, catalog: Catalog) -> None:
    """The walk of the year: a unit created on 3/12 was greeted by "trễ 306 ngày" for the
    January registration, as its next task; the year-end round is what is next."""
    _info, store = profiles.create_profile(tmp_path, UNIT, "t")
    try:
        today = date(2026, 12, 3)
        tasks = year_tasks(store, catalog, 2026, today)
        assert states(tasks)["registration"] is TaskState.MISSED
        first = next_task(tasks)
        assert first is not None and first.code == "round"
        registration = next(t for t in tasks if t.code == "registration")
        assert when_text(registration, today) == "đã qua hạn 31/01/2026"
        # within a month of the deadline it is still late, and still next
        assert states(year_tasks(store, catalog, 2026, date(2026, 2, 20)))[
            "registration"] is TaskState.LATE
    finally:
        store.close()


def test_a_round_goes_from_nominating_to_council_to_sending(tmp_path: Path,
                                                             catalog: Catalog) -> None:
    today = date(2026, 11, 23)
    info = demo.build_demo(tmp_path, 5, "t", today, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    try:
        tasks = year_tasks(store, catalog, 2026, today)
        by_code = {t.code: t for t in tasks}
        assert states(tasks) == {"registration": TaskState.DONE, "nominate": TaskState.DONE,
                                 "council": TaskState.DONE, "submit": TaskState.NOW,
                                 "decide": TaskState.NOW, "ratings": TaskState.DONE}
        assert next_task(tasks) is by_code["submit"]
        # 11 nominations, of which the package carries 2: the unit's own titles (LĐTT,
        # CSTĐCS, Giấy khen) are decided at home, never sent (walk b's round of LĐTT alone
        # was told "Còn 73/73 hồ sơ chưa gửi" while the export said there was nothing to send)
        assert len(ops.nominations(store, by_code["submit"].round_id)) == 11
        assert by_code["submit"].detail.startswith("Còn 2/2 hồ sơ chưa gửi Sở Nội vụ")
        assert by_code["submit"].round_id is not None
        late = year_tasks(store, catalog, 2026, date(2026, 12, 11))
        assert states(late)["submit"] is TaskState.LATE
        # a new round of sudden feats: nothing nominated yet, due in the profile's 10 days
        rnd, _c = ops.create_round(store, catalog, RoundKind.DOT_XUAT, 2026, "", "t", today)
        fresh = [t for t in year_tasks(store, catalog, 2026, today) if t.round_id == rnd.id]
        assert [(t.code, t.state, t.due) for t in fresh] == [
            ("nominate", TaskState.NOW, date(2026, 12, 3))]
    finally:
        store.close()


def test_after_the_council_the_units_own_titles_wait_for_the_heads_decision(
        tmp_path: Path, catalog: Catalog) -> None:
    """Walk b: after the council of a round of LĐTT the list said there was nothing left to
    do, although the chairman had yet to sign the decision and its number and date to be
    recorded. The task stays until every nominee that passed has its decision."""
    today = date(2026, 11, 23)
    info = demo.build_demo(tmp_path, 5, "t", today, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    try:
        task = next(t for t in year_tasks(store, catalog, 2026, today) if t.code == "decide")
        assert task.state is TaskState.NOW and task.round_id is not None
        assert task.title.startswith("Chủ tịch ký quyết định khen thưởng ")
        assert "LĐTT" in task.title and "ghi số, ngày quyết định" in task.title
        own = [n for n in ops.nominations(store, task.round_id)
               if catalog.title(n.target).decided_by_unit and n.id is not None
               and (votes := ops.votes(store, n.id)) and votes[-1].passed]
        assert task.detail.startswith(f"Còn {len(own)}/{len(own)} đề nghị đã đạt ở Hội đồng")
        assert "Ghi quyết định…" in task.detail
        for nom in own:   # what the officer does: the steps, then the decision's number
            assert nom.id is not None
            for part in ops.checklist(store, catalog, nom.id).missing:
                ops.mark_part(store, catalog, nom.id, part.part, True, "t")
        ids = [n.id for n in own if n.id is not None]
        ops.set_status_many(store, catalog, ids, NominationStatus.REVIEWED, "t", today)
        ops.set_status_many(store, catalog, ids, NominationStatus.READY, "t", today)
        for nid in ids[1:]:
            ops.set_status(store, catalog, nid, NominationStatus.DECIDED, "t", today,
                           decision_no="15/QĐ-UBND", decision_date=date(2026, 11, 22))
        task = next(t for t in year_tasks(store, catalog, 2026, today) if t.code == "decide")
        assert task.state is TaskState.NOW and task.detail.startswith(f"Còn 1/{len(own)} ")
        ops.set_status(store, catalog, ids[0], NominationStatus.DECIDED, "t", today,
                       decision_no="15/QĐ-UBND", decision_date=date(2026, 11, 22))
        task = next(t for t in year_tasks(store, catalog, 2026, today) if t.code == "decide")
        assert task.state is TaskState.DONE
    finally:
        store.close()


def test_no_decision_task_before_the_council(tmp_path: Path, catalog: Catalog) -> None:
    today = date(2026, 11, 23)
    info = demo.build_demo(tmp_path, 5, "t", today, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    try:
        rnd, _c = ops.create_round(store, catalog, RoundKind.DOT_XUAT, 2026, "", "t", today)
        assert rnd.id is not None
        pid = reg_ops.add_person(store, catalog, Person(None, "Lò Văn Páo"), History(), "t",
                                 today)[0].id
        assert pid is not None
        ops.add_nomination(store, catalog, rnd.id, SubjectRef(SubjectKind.PERSON, pid),
                           "giay_khen", "Cứu người đuối nước", "t", today,
                           achievement="Cứu hai em nhỏ đuối nước ngày 10/11/2026")
        codes = [t.code for t in year_tasks(store, catalog, 2026, today) if t.round_id == rnd.id]
        assert "council" in codes and "decide" not in codes
    finally:
        store.close()
