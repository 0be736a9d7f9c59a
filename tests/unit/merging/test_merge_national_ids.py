"""A CCCD is one citizen's in the merged registry too (person.national_id_taken, as in the
editor and the people import): a former unit's person whose number another person holds
here is a conflict, never written as a second holder; the same person is merged."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import History, Person
from desktop.core.model.former import FormerUnit
from desktop.core.operations import registry
from desktop.core.operations.merging import (
    INCOMING,
    MergePlan,
    PairDecision,
    check_decisions,
    commit_merge,
    list_former_units,
    load_database,
    plan_merge,
    undo_merge,
)
from desktop.core.store import Store
from tests.unit.merging.helpers import P_ID, P_NAME, TODAY, officer_decisions, pair_of, two_communes

TAN_LAP = FormerUnit(None, "xã Tân Lập", code="PT-TANLAP")
DUC_ID = "025190000333"   # Phạm Văn Đức there, Phạm Văn Được here: same number and birth date


def plan_of(store: Store, source_dir: Path, catalog: Catalog) -> MergePlan:
    return plan_merge(store, catalog, load_database(store, source_dir), TAN_LAP, TODAY)


@pytest.fixture
def communes(tmp_path: Path, catalog: Catalog) -> tuple[Store, Path]:
    target, source_dir = two_communes(tmp_path, catalog)
    yield target, source_dir
    target.close()


def holders_of(store: Store, number: str) -> list[str]:
    return [p.full_name for p in registry.people_page(store, "", 0, 100)
            if p.national_id == number]


def dump(store: Store) -> list[str]:
    return list(store.conn.iterdump())


def test_two_people_with_one_cccd_is_a_conflict_not_a_second_holder(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    store, source_dir = communes
    plan = plan_of(store, source_dir, catalog)
    duc = plan.pair(pair_of(plan, "Phạm Văn Đức"))
    assert duc is not None and duc.why == ("same_national_id",)
    decisions = officer_decisions(plan)
    decisions[duc.id] = PairDecision(False)   # "two people": one number for both
    problems = check_decisions(plan, decisions)
    assert [(p.code, p.field) for p in problems] == [("person.national_id_taken", duc.id)]
    assert f"đã là của Phạm Văn Được (mã {duc.existing_id})" in problems[0].message
    before = dump(store)
    with pytest.raises(ValidationError) as refused:
        commit_merge(store, catalog, plan, decisions, "x")
    assert refused.value.codes == ["person.national_id_taken"]
    assert dump(store) == before and list_former_units(store) == []
    # merged as one person (the officer's answer to the conflict), one holder
    commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    assert holders_of(store, DUC_ID) == ["Phạm Văn Đức"]


def test_the_same_person_with_the_same_cccd_is_merged_not_a_conflict(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    store, source_dir = communes
    plan = plan_of(store, source_dir, catalog)
    same = plan.pair(pair_of(plan, P_NAME))
    assert same is not None and same.certain
    assert same.why == ("same_name_birth", "same_national_id")
    assert check_decisions(plan, officer_decisions(plan)) == []
    commit_merge(store, catalog, plan, officer_decisions(plan), "x")
    assert holders_of(store, P_ID) == [P_NAME]


def test_a_cccd_saved_here_after_the_plan_is_refused_at_write(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    """Đinh Văn Khiêm is only in Tân Lập: new, in no pair. His number saved here for someone
    else between the plan and the write is caught in the write transaction."""
    store, source_dir = communes
    plan = plan_of(store, source_dir, catalog)
    assert "Đinh Văn Khiêm" in [p.name for p in plan.new_people]
    decisions = officer_decisions(plan)
    assert check_decisions(plan, decisions) == []
    mo, _changes = registry.add_person(store, catalog, Person(None, "Vũ Thị Mơ",
                                                              national_id="025175000555"),
                                       History(), "test", TODAY)
    before = dump(store)
    with pytest.raises(ValidationError) as refused:
        commit_merge(store, catalog, plan, decisions, "x")
    assert refused.value.codes == ["person.national_id_taken"]
    assert f"Đinh Văn Khiêm (đơn vị cũ): số CCCD/CMND đã là của Vũ Thị Mơ (mã {mo.id})" \
        in refused.value.problems[0].message
    assert dump(store) == before
    assert holders_of(store, "025175000555") == ["Vũ Thị Mơ"]


def test_two_former_records_with_one_cccd_are_refused(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    """An old registry (an earlier version, or edited by hand) may hold one number twice."""
    store, source_dir = communes
    database = next(source_dir.rglob("hoso.sqlite"))
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE people SET national_id = '025175000555' "
                     "WHERE full_name = 'Nguyễn Văn Bình'")
    conn.close()
    plan = plan_of(store, source_dir, catalog)
    problems = check_decisions(plan, officer_decisions(plan))
    assert [p.code for p in problems] == ["person.national_id_taken"]
    assert "Nguyễn Văn Bình và Đinh Văn Khiêm (đơn vị cũ) có cùng số CCCD/CMND" \
        in problems[0].message


def test_undo_does_not_give_back_a_number_someone_took_since(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    """Trần Thị Lan merged with the former unit's number; her old one, freed, is given to
    Vũ Thị Mơ; undoing the merge would make two holders of it: refused, nothing changed."""
    store, source_dir = communes
    plan = plan_of(store, source_dir, catalog)
    decisions = officer_decisions(plan)
    decisions[pair_of(plan, "Trần Thị Lan")] = PairDecision(True,
                                                          fields={"national_id": INCOMING})
    result = commit_merge(store, catalog, plan, decisions, "x")
    assert holders_of(store, "025192000222") == ["Trần Thị Lan"]
    mo, _changes = registry.add_person(store, catalog, Person(None, "Vũ Thị Mơ",
                                                              national_id="025192000999"),
                                       History(), "test", TODAY)
    before = dump(store)
    with pytest.raises(UserError) as refused:
        undo_merge(store, result.audit_id, "x")
    assert refused.value.code == "person.national_id_taken"
    assert f"nay đã là của Vũ Thị Mơ (mã {mo.id})" in refused.value.message
    assert dump(store) == before
    registry.update_person(store, catalog, replace(mo, national_id="025192000777"), History(),
                           "test", TODAY)
    undo_merge(store, result.audit_id, "x")
    assert holders_of(store, "025192000999") == ["Trần Thị Lan"]
