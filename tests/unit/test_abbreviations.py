"""The abbreviation list as data (forms/abbreviations.toml) and the bulk fix that writes them
out in nominees' job titles (operations.abbreviations, issue 12)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog, CatalogError, load_catalog
from desktop.core.catalog.abbreviations import parse_abbreviations
from desktop.core.errors import UserError
from desktop.core.model import Collective, Person, SubjectKind, SubjectRef
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import abbreviations as ops
from desktop.core.operations import appraisal, demo, work_units
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO / "forms")


@pytest.fixture
def store(tmp_path: Path, catalog: Catalog) -> Iterator[Store]:
    info = demo.build_demo(tmp_path / "data", 2026, "tester", TODAY, catalog)
    s = open_store(info.path)
    try:
        yield s
    finally:
        s.close()


def test_the_list_is_data_and_only_safe_words_expand(catalog: Catalog) -> None:
    words = catalog.abbreviations
    assert words.expand("Chủ tịch UBND xã") == "Chủ tịch Ủy ban nhân dân xã"
    assert words.expand("Phó Chủ tịch HĐND, Trường THCS Thanh Sơn") == (
        "Phó Chủ tịch Hội đồng nhân dân, Trường Trung học cơ sở Thanh Sơn")
    assert words.expand("Phòng TN&MT") == "Phòng Tài nguyên và Môi trường"
    # flagged, but meaning depends on context: left as written
    assert "TH" in words.flagged_only and "CB" in words.flagged_only
    assert words.expand("Trường TH Thanh Sơn, CB văn phòng") == "Trường TH Thanh Sơn, CB văn phòng"
    assert words.found_in("Trường TH Thanh Sơn, UBND") == ["TH", "UBND"]
    assert words.found_in("THANH SƠN") == []   # whole words only


def test_a_bad_list_is_refused_with_its_file() -> None:
    with pytest.raises(CatalogError, match=r"x\.toml"):
        parse_abbreviations({"expand": {"UBND": ""}}, "x.toml")
    with pytest.raises(CatalogError, match="both"):
        parse_abbreviations({"expand": {"UBND": "Ủy ban nhân dân"}, "flagged_only": ["UBND"]},
                            "x.toml")


def _nominated_people(store: Store) -> list[Person]:
    rid = rounds_ops.list_rounds(store)[0].id or 0
    out = []
    for n in rounds_ops.nominations(store, rid):
        # a draft is not proposed yet: the appraisal does not read it
        if n.subject.kind is SubjectKind.PERSON and n.status is not NominationStatus.DRAFT:
            person = registry_ops.get_person(store, n.subject.id)
            assert person is not None
            out.append(person)
    return out


def _abbreviate(store: Store, catalog: Catalog, person: Person, **fields: str | None) -> None:
    history = registry_ops.get_history(store, SubjectRef(SubjectKind.PERSON,
                                                                      person.id or 0))
    registry_ops.update_person(store, catalog, replace(person, **fields), history, "tester",
                               TODAY)


def _abbreviated_nominations(store: Store, catalog: Catalog) -> list[int]:
    rid = rounds_ops.list_rounds(store)[0].id or 0
    found = appraisal.appraise_round(store, catalog, rid, TODAY).findings
    return [f.nomination_id for f in found
            if f.code == ops.FINDING and f.nomination_id is not None]


def test_expands_in_one_operation_audited_and_undone(store: Store, catalog: Catalog) -> None:
    first, second, third = _nominated_people(store)[:3]
    _abbreviate(store, catalog, first, position="Chủ tịch UBND xã")
    _abbreviate(store, catalog, second, position="Phó Chủ tịch HĐND xã",
                department="Trường THCS Thanh Sơn", work_unit_id=None)
    _abbreviate(store, catalog, third, position="Hiệu trưởng Trường TH")   # no safe expansion
    plan = ops.plan_expansions(store, catalog, _abbreviated_nominations(store, catalog))
    assert {(e.owner_id, e.field, e.before, e.after) for e in plan} == {
        (first.id, "position", "Chủ tịch UBND xã", "Chủ tịch Ủy ban nhân dân xã"),
        (second.id, "position", "Phó Chủ tịch HĐND xã", "Phó Chủ tịch Hội đồng nhân dân xã"),
        (second.id, "department", "Trường THCS Thanh Sơn", "Trường Trung học cơ sở Thanh Sơn")}
    audit_before = len(registry_ops.audit_entries(store, 1000))

    result = ops.expand_abbreviations(store, plan, "tester")
    assert result.people == 2 and result.changes.people == {first.id, second.id}
    after_first = registry_ops.get_person(store, first.id or 0)
    after_second = registry_ops.get_person(store, second.id or 0)
    assert after_first is not None and after_first.position == "Chủ tịch Ủy ban nhân dân xã"
    assert after_second is not None and after_second.department == (
        "Trường Trung học cơ sở Thanh Sơn")
    entries = registry_ops.audit_entries(store, 1000)
    assert len(entries) == audit_before + 2
    detail = json.loads(entries[0]["detail"])
    assert detail["abbreviations"] is True and detail["fields"]
    # the appraisal no longer flags them; the "TH" one is still there for the officer
    assert _abbreviated_nominations(store, catalog) != []
    assert ops.plan_expansions(store, catalog, _abbreviated_nominations(store, catalog)) == ()

    ops.undo_expansions(store, result, "tester")
    restored = registry_ops.get_person(store, second.id or 0)
    assert restored is not None and restored.position == "Phó Chủ tịch HĐND xã"
    assert restored.department == "Trường THCS Thanh Sơn"


def test_a_field_edited_since_the_preview_refuses_the_whole_batch(store: Store,
                                                                  catalog: Catalog) -> None:
    first, second = _nominated_people(store)[:2]
    _abbreviate(store, catalog, first, position="Chủ tịch UBND xã")
    _abbreviate(store, catalog, second, position="Chủ tịch HĐND xã")
    plan = ops.plan_expansions(store, catalog, _abbreviated_nominations(store, catalog))
    assert len(plan) == 2
    edited = registry_ops.get_person(store, second.id or 0)
    assert edited is not None
    _abbreviate(store, catalog, edited, position="Chủ tịch Hội đồng nhân dân xã")
    with pytest.raises(UserError) as refused:
        ops.expand_abbreviations(store, plan, "tester")
    assert refused.value.code == "abbreviations.changed"
    untouched = registry_ops.get_person(store, first.id or 0)
    assert untouched is not None and untouched.position == "Chủ tịch UBND xã"
    with pytest.raises(UserError) as nothing:
        ops.expand_abbreviations(store, (), "tester")
    assert nothing.value.code == "abbreviations.nothing"


def _nominated(store: Store, kind: SubjectKind) -> list[int]:
    rid = rounds_ops.list_rounds(store)[0].id or 0
    return [n.subject.id for n in rounds_ops.nominations(store, rid)
            if n.subject.kind is kind and n.status is not NominationStatus.DRAFT]


def _rename_unit(store: Store, unit_id: int, name: str) -> None:
    unit = work_units.get_work_unit(store, unit_id)
    assert unit is not None
    work_units.save_work_unit(store, replace(unit, name=name), "tester")


def _collective_named(store: Store, catalog: Catalog, cid: int, name: str) -> Collective:
    """A nominated collective that is no work unit: its own name is printed."""
    group = registry_ops.get_collective(store, cid)
    assert group is not None
    history = registry_ops.get_history(store, SubjectRef(SubjectKind.COLLECTIVE, cid))
    saved, _c = registry_ops.update_collective(store, catalog, replace(
        group, name=name, work_unit_id=None), history, "tester")
    return saved


def test_work_unit_and_collective_names_expand_in_the_same_one_step(
        store: Store, catalog: Catalog) -> None:
    """The documents print a person's work unit's name and a collective's name: the bulk fix
    writes them out too, with the job titles, in one transaction and one undo."""
    person = next(p for p in _nominated_people(store) if p.work_unit_id is not None)
    assert person.work_unit_id is not None
    _abbreviate(store, catalog, person, position="Phó Chủ tịch UBND xã")
    _rename_unit(store, person.work_unit_id, "Ban Chỉ huy Quân sự UBND xã")
    group = _collective_named(store, catalog, _nominated(store, SubjectKind.COLLECTIVE)[0],
                              "Tổ Một cửa UBND xã")
    plan = ops.plan_expansions(store, catalog, _abbreviated_nominations(store, catalog))
    assert [(e.kind, e.owner_id, e.field, e.before, e.after, e.field_label) for e in plan] == [
        (ops.PERSON, person.id, "position", "Phó Chủ tịch UBND xã",
         "Phó Chủ tịch Ủy ban nhân dân xã", "Chức vụ"),
        (ops.WORK_UNIT, person.work_unit_id, "name", "Ban Chỉ huy Quân sự UBND xã",
         "Ban Chỉ huy Quân sự Ủy ban nhân dân xã", "Tên đơn vị trực thuộc"),
        (ops.COLLECTIVE, group.id, "name", "Tổ Một cửa UBND xã",
         "Tổ Một cửa Ủy ban nhân dân xã", "Tên tập thể")]
    audit_before = len(registry_ops.audit_entries(store, 1000))

    result = ops.expand_abbreviations(store, plan, "tester")
    assert result.changes.people == {person.id} and result.changes.collectives == {group.id}
    assert result.changes.bulk   # the unit's name is printed for all its people
    unit = work_units.get_work_unit(store, person.work_unit_id)
    renamed = registry_ops.get_collective(store, group.id or 0)
    assert unit is not None and unit.name == "Ban Chỉ huy Quân sự Ủy ban nhân dân xã"
    assert renamed is not None and renamed.name == "Tổ Một cửa Ủy ban nhân dân xã"
    entries = registry_ops.audit_entries(store, 1000)
    assert len(entries) == audit_before + 3
    assert {(e["entity"], e["entity_id"]) for e in entries[:3]} == {
        ("person", person.id), ("work_unit", person.work_unit_id), ("collective", group.id)}
    assert ops.plan_expansions(store, catalog, _abbreviated_nominations(store, catalog)) == ()

    ops.undo_expansions(store, result, "tester")
    unit = work_units.get_work_unit(store, person.work_unit_id)
    renamed = registry_ops.get_collective(store, group.id or 0)
    assert unit is not None and unit.name == "Ban Chỉ huy Quân sự UBND xã"
    assert renamed is not None and renamed.name == "Tổ Một cửa UBND xã"


def test_a_unit_renamed_since_the_preview_refuses_the_whole_batch(
        store: Store, catalog: Catalog) -> None:
    person = next(p for p in _nominated_people(store) if p.work_unit_id is not None)
    assert person.work_unit_id is not None
    _abbreviate(store, catalog, person, position="Chủ tịch UBND xã")
    _rename_unit(store, person.work_unit_id, "Ban Chỉ huy Quân sự UBND xã")
    plan = ops.plan_expansions(store, catalog, _abbreviated_nominations(store, catalog))
    assert {e.kind for e in plan} == {ops.PERSON, ops.WORK_UNIT}
    _rename_unit(store, person.work_unit_id, "Ban Chỉ huy Quân sự UBND xã Thanh Sơn")
    with pytest.raises(UserError) as refused:
        ops.expand_abbreviations(store, plan, "tester")
    assert refused.value.code == "abbreviations.changed"
    untouched = registry_ops.get_person(store, person.id or 0)
    assert untouched is not None and untouched.position == "Chủ tịch UBND xã"


def test_a_unit_name_another_unit_has_is_left_for_the_officer(
        store: Store, catalog: Catalog) -> None:
    """Work units' names are unique: an expansion that would give two units one name is
    not proposed (the appraisal still names it)."""
    first, second = [p for p in _nominated_people(store) if p.work_unit_id is not None][:2]
    assert first.work_unit_id is not None and second.work_unit_id is not None
    _rename_unit(store, second.work_unit_id, "Ban Chỉ huy Quân sự Ủy ban nhân dân xã")
    _rename_unit(store, first.work_unit_id, "Ban Chỉ huy Quân sự UBND xã")
    nominations = _abbreviated_nominations(store, catalog)
    assert nominations
    assert [e for e in ops.plan_expansions(store, catalog, nominations)
            if e.kind == ops.WORK_UNIT] == []
