"""A former commune's registry merged into the merged commune's: every pair decided by the
officer, histories counted across the merger, one transaction, an audit entry, a backup and
an undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import Person, SubjectKind, SubjectRef
from desktop.core.model.former import FormerUnit
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import eligibility, registry
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.merging import (
    MergePlan,
    PairDecision,
    certain_decisions,
    check_decisions,
    commit_merge,
    list_former_units,
    load_database,
    merges,
    plan_merge,
    postings_of,
    undo_merge,
)
from desktop.core.operations.profiles import restore_backup
from desktop.core.store import Store, open_store
from tests.unit.eligibility_fakes import always_eligible
from tests.unit.merging.helpers import (
    CSTD_TINH,
    P_NAME,
    TODAY,
    officer_decisions,
    pair_of,
    two_communes,
)

TAN_LAP = FormerUnit(None, "xã Tân Lập", code="PT-TANLAP")


@pytest.fixture
def merging(tmp_path: Path, catalog: Catalog) -> tuple[Store, MergePlan]:
    target, source_dir = two_communes(tmp_path, catalog)
    source = load_database(target, source_dir)
    yield target, plan_merge(target, catalog, source, TAN_LAP, TODAY)
    target.close()


def _id(store: Store, name: str) -> int:
    return next(p.id for p in registry.people_page(store, name, 0, 5)
                if p.full_name == name and p.id is not None)


def _cstd_tinh(store: Store, catalog: Catalog, pid: int) -> str:
    verdicts = eligibility.evaluate_subject(store, catalog, SubjectRef(SubjectKind.PERSON, pid),
                                            2025, "default")
    return next(v.verdict for v in verdicts if v.target == CSTD_TINH)


def test_the_plan_finds_every_kind_of_pair(merging: tuple[Store, MergePlan]) -> None:
    _store, plan = merging
    assert [p.name for p in plan.new_people] == ["Đinh Văn Khiêm"]
    why = {p.incoming.name: p.why for p in plan.pairs}
    assert why == {
        P_NAME: ("same_name_birth", "same_national_id"),
        "Nguyễn Văn Bình": ("same_name_birth",),
        "Trần Thị Lan": ("same_name_birth", "national_id_differs"),
        "Phạm Văn Đức": ("same_national_id",),
        "Hoàng Thị Vân": ("same_name_birth", "same_national_id", "history_conflicts"),
    }
    assert [p.incoming.name for p in plan.certain_pairs] == [P_NAME]
    van = plan.pair(pair_of(plan, "Hoàng Thị Vân"))
    assert van is not None and [c.key for c in van.conflicts] == ["year:2024"]
    hang = plan.pair(pair_of(plan, P_NAME))
    assert hang is not None
    assert [d.field for d in hang.differences] == ["position", "department"]
    assert [c.name for c in plan.collectives] == ["Trạm Y tế xã – xã Tân Lập (cũ)"]
    assert plan.marked == 3  # two decisions of Hằng's, one of Khiêm's


def test_history_counts_across_the_merger(merging: tuple[Store, MergePlan],
                                          catalog: Catalog) -> None:
    """CSTĐCS 2023 in Tân Lập, 2024 and 2025 in Thanh Sơn: CSTĐ tỉnh for 2025 needs three
    consecutive years, and the merged record has them."""
    store, plan = merging
    hang = _id(store, P_NAME)
    assert _cstd_tinh(store, catalog, hang) == "ineligible"
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "cán bộ TĐKT")
    assert hang in result.merged
    assert _cstd_tinh(store, catalog, hang) == "eligible"
    history = registry.get_history(store, SubjectRef(SubjectKind.PERSON, hang))
    assert sorted((a.year, a.code) for a in history.awards if a.code.startswith("chien")) == [
        (2023, "chien_si_thi_dua_co_so"), (2024, "chien_si_thi_dua_co_so"),
        (2025, "chien_si_thi_dua_co_so")]
    old = next(a for a in history.awards if a.year == 2023 and a.code.startswith("chien"))
    assert (old.decision_no, old.issuer) == ("210/QĐ-UBND", "Chủ tịch UBND xã Tân Lập (cũ)")
    new = next(a for a in history.awards if a.year == 2025)
    assert new.issuer == "Chủ tịch UBND xã Thanh Sơn"
    person = registry.get_person(store, hang)
    assert person is not None
    assert (person.position, person.phone) == ("Giáo viên Toán", "0912345678")
    assert [p.line for p in postings_of(store, hang)] == [
        "Giáo viên, Trường THCS Tân Lập, xã Tân Lập (cũ)"]


def test_every_decision_is_written_once(merging: tuple[Store, MergePlan],
                                        catalog: Catalog) -> None:
    store, plan = merging
    before = registry.count_people(store)
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "cán bộ TĐKT")
    # Khiêm is new, the namesake Trần Thị Lan is a second person; four pairs are one each
    assert registry.count_people(store) == before + 2
    assert (len(result.added), len(result.merged), result.kept_both) == (2, 4, 1)
    assert _id(store, "Phạm Văn Đức")  # the officer took the former registry's spelling
    van = registry.get_history(store, SubjectRef(SubjectKind.PERSON,
                                                 _id(store, "Hoàng Thị Vân")))
    assert van.years[0].rating is not None and van.years[0].rating.value == "htxs"
    group = registry.get_collective(store, result.collectives[0])
    assert group is not None and group.name == "Trạm Y tế xã – xã Tân Lập (cũ)"
    assert set(group.member_ids) == {_id(store, "Đinh Văn Khiêm"), _id(store, P_NAME)}
    assert [u.label for u in list_former_units(store)] == ["xã Tân Lập (cũ)"]
    entry = registry.audit_entries(store, 1)[0]
    assert (entry["action"], entry["id"]) == ("merge", result.audit_id)
    assert "xã Tân Lập (cũ)" in entry["summary"]
    assert result.backup.is_file()


def test_nothing_is_merged_without_a_decision(merging: tuple[Store, MergePlan],
                                              catalog: Catalog) -> None:
    store, plan = merging
    before = registry.count_people(store)
    with pytest.raises(ValidationError) as refused:
        commit_merge(store, catalog, plan, certain_decisions(plan), "x")
    assert refused.value.codes.count("merge.pair_undecided") == 4
    assert registry.count_people(store) == before
    assert list_former_units(store) == []


def test_the_officer_must_choose_each_conflicting_record(merging: tuple[Store, MergePlan]
                                                         ) -> None:
    _store, plan = merging
    decisions = officer_decisions(plan)
    decisions[pair_of(plan, "Hoàng Thị Vân")] = PairDecision(True)
    assert [p.code for p in check_decisions(plan, decisions)] == ["merge.conflict_unchosen"]
    decisions[pair_of(plan, "Hoàng Thị Vân")] = PairDecision(True, conflicts={"year:2024": "?"})
    assert "merge.choice_invalid" in [p.code for p in check_decisions(plan, decisions)]


def test_two_people_are_kept_only_when_they_can_be_told_apart(
        merging: tuple[Store, MergePlan]) -> None:
    _store, plan = merging
    decisions = officer_decisions(plan)
    decisions[pair_of(plan, "Nguyễn Văn Bình")] = PairDecision(False)
    assert [p.code for p in check_decisions(plan, decisions)] == [
        "merge.keep_both_indistinguishable"]
    decisions[pair_of(plan, "Nguyễn Văn Bình")] = PairDecision(True)
    decisions["999-1"] = PairDecision(True)
    assert [p.code for p in check_decisions(plan, decisions)] == ["merge.decision_unknown_pair"]


def test_a_registry_changed_after_the_plan_is_not_merged(merging: tuple[Store, MergePlan],
                                                         catalog: Catalog) -> None:
    store, plan = merging
    hang = _id(store, P_NAME)
    person = registry.get_person(store, hang)
    assert person is not None
    registry.update_person(store, catalog, replace(person, phone="0988888888"),
                           registry.get_history(store, SubjectRef(SubjectKind.PERSON, hang)),
                           "x", TODAY)
    with pytest.raises(UserError) as refused:
        commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    assert refused.value.code == "merge.plan_stale"


def test_a_failure_half_way_leaves_the_registry_as_it_was(
        merging: tuple[Store, MergePlan], catalog: Catalog,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, plan = merging
    before = registry.count_people(store)
    hang = _id(store, P_NAME)
    history = registry.get_history(store, SubjectRef(SubjectKind.PERSON, hang))

    def broken(*_args: object) -> int:
        raise OSError("disk unplugged")

    from desktop.core.store import registry as repo
    monkeypatch.setattr(repo, "insert_collective", broken)
    with pytest.raises(OSError):
        commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    assert registry.count_people(store) == before
    assert registry.get_history(store, SubjectRef(SubjectKind.PERSON, hang)) == history
    assert list_former_units(store) == []


def test_undo_takes_the_merge_out(merging: tuple[Store, MergePlan], catalog: Catalog) -> None:
    store, plan = merging
    hang = _id(store, P_NAME)
    people = registry.count_people(store)
    history = registry.get_history(store, SubjectRef(SubjectKind.PERSON, hang))
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    undo_merge(store, result.audit_id, "x")
    assert registry.count_people(store) == people
    assert registry.get_history(store, SubjectRef(SubjectKind.PERSON, hang)) == history
    assert registry.get_person(store, hang) == plan.pair(pair_of(plan, P_NAME)).existing  # type: ignore[union-attr]
    assert list_former_units(store) == []
    assert [m.undone for m in merges(store)] == [True]
    with pytest.raises(UserError) as again:
        undo_merge(store, result.audit_id, "x")
    assert again.value.code == "merge.undo_done"


def test_undo_is_refused_once_the_merged_people_were_edited(
        merging: tuple[Store, MergePlan], catalog: Catalog) -> None:
    store, plan = merging
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    pid = result.added[0]
    person = registry.get_person(store, pid)
    assert person is not None
    registry.update_person(store, catalog, replace(person, phone="0977777777"),
                           registry.get_history(store, SubjectRef(SubjectKind.PERSON, pid)),
                           "x", TODAY)
    with pytest.raises(UserError) as refused:
        undo_merge(store, result.audit_id, "x")
    assert refused.value.code == "merge.undo_blocked"
    assert str(result.backup) in refused.value.hint


def _nominate(store: Store, catalog: Catalog, rnd: int | None, pid: int) -> int:
    if rnd is None:
        made, _c = rounds_ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2025,
                                           "Xét khen thưởng tổng kết năm 2025", "x",
                                           date(2025, 12, 1),
                                           receiving_body="Sở Nội vụ tỉnh Phú Thọ")
        assert made.id is not None
        rnd = made.id
    rounds_ops.add_nomination(store, catalog, rnd, SubjectRef(SubjectKind.PERSON, pid),
                              CSTD_TINH, "", "x", date(2025, 12, 1), evaluate=always_eligible)
    return rnd


def test_a_round_the_merged_person_was_in_before_does_not_stop_the_undo(
        merging: tuple[Store, MergePlan], catalog: Catalog) -> None:
    """Lê Thị Thu Hằng was nominated in Thanh Sơn before the merge: that is not a change
    since, but a nomination after it is."""
    store, plan = merging
    rnd = _nominate(store, catalog, None, _id(store, P_NAME))
    plan = plan_merge(store, catalog, plan.source, TAN_LAP, TODAY)
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    undo_merge(store, result.audit_id, "x")
    plan = plan_merge(store, catalog, plan.source, TAN_LAP, TODAY)
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    _nominate(store, catalog, rnd, result.added[0])
    with pytest.raises(UserError) as refused:
        undo_merge(store, result.audit_id, "x")
    assert refused.value.code == "merge.undo_blocked"


def test_the_backup_is_the_registry_before_the_merge(merging: tuple[Store, MergePlan],
                                                     catalog: Catalog) -> None:
    store, plan = merging
    people = registry.count_people(store)
    result = commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    path = store.path
    store.close()
    restore_backup(path, result.backup)
    again = open_store(path)
    try:
        assert registry.count_people(again) == people
    finally:
        again.close()


def test_a_person_the_editors_would_refuse_is_listed_not_taken(
        tmp_path: Path, catalog: Catalog) -> None:
    target, source_dir = two_communes(tmp_path, catalog)
    try:
        from desktop.core.store.snapshot import open_snapshot  # noqa: F401  (read-only)
        db_path = next(source_dir.rglob("hoso.sqlite"))
        raw = open_store(db_path)
        raw.db.execute("INSERT INTO awards (person_id, year, code) "
                       "SELECT id, 2022, 'huy_hieu_khong_co' FROM people "
                       "WHERE full_name = 'Đinh Văn Khiêm'")
        raw.db.conn.commit()
        raw.close()
        plan = plan_merge(target, catalog, load_database(target, source_dir), TAN_LAP, TODAY)
        assert [(r.name, [p.code for p in r.problems]) for r in plan.rejected] == [
            ("Đinh Văn Khiêm", ["history.award_code_unknown"])]
        decisions = officer_decisions(plan)
        assert [p.code for p in check_decisions(plan, decisions)] == [
            "merge.source_records_invalid"]
        result = commit_merge(target, catalog, plan, decisions, "x", skip_rejected=True)
        assert (len(result.added), result.skipped) == (1, 1)
    finally:
        target.close()


def test_the_former_unit_must_be_named(merging: tuple[Store, MergePlan], catalog: Catalog
                                       ) -> None:
    store, plan = merging
    with pytest.raises(ValidationError) as refused:
        plan_merge(store, catalog, plan.source, FormerUnit(None, " ", code="bad code!"), TODAY)
    assert refused.value.codes == ["former_unit.name_missing", "former_unit.code_invalid"]


def test_a_second_merge_from_the_same_unit_adds_only_the_new(
        merging: tuple[Store, MergePlan], catalog: Catalog) -> None:
    store, plan = merging
    commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    again = plan_merge(store, catalog, plan.source, TAN_LAP, TODAY)
    assert again.new_people == ()
    assert again.former.id is not None  # the unit recorded by the first merge
    unchanged = [p for p in again.pairs if p.certain]
    assert P_NAME in [p.incoming.name for p in unchanged]
    assert isinstance(again.pairs[0].existing, Person)
    # the former unit's collective (renamed "Trạm Y tế xã – xã Tân Lập (cũ)") is not added twice
    assert (again.collectives, again.collectives_already) == ((), len(plan.collectives))


def test_after_an_undo_the_former_units_collectives_are_brought_in_again(
        merging: tuple[Store, MergePlan], catalog: Catalog) -> None:
    store, plan = merging
    first = commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    undo_merge(store, first.audit_id, "x")
    again = plan_merge(store, catalog, plan.source, TAN_LAP, TODAY)
    assert ([c.name for c in again.collectives], again.collectives_already) == (
        [c.name for c in plan.collectives], 0)
