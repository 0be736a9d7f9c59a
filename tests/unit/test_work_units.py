"""The unit's real structure (issue 11): work units with full names and heads, people and
collectives belonging to one, and the Mẫu 05 lý lịch fields of a person."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import (
    Collective,
    History,
    Person,
    SubjectKind,
    SubjectRef,
    WorkUnit,
    WorkUnitKind,
)
from desktop.core.operations import registry as reg
from desktop.core.operations import work_units as ops
from desktop.core.operations.dossier_subjects import subject_details
from desktop.core.store import Store

ACTOR = "Cán bộ TĐKT"
SCHOOL = WorkUnit(None, "Trường Trung học cơ sở Thanh Sơn", short_name="Trường THCS Thanh Sơn",
                  kind=WorkUnitKind.TRUONG, head_name="Bùi Văn An", head_title="Hiệu trưởng")


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(exc.value.codes)


def test_a_work_unit_takes_in_the_people_typed_under_its_name(store: Store, catalog: Catalog,
                                                               today: date) -> None:
    teacher, _c = reg.add_person(store, catalog, Person(None, "Lê Thị Thu Hằng",
                                                        department="Trường THCS Thanh Sơn"),
                                 History(), ACTOR, today)
    other, _c = reg.add_person(store, catalog, Person(None, "Hà Thị Mai",
                                                      department="Phòng Kinh tế"),
                               History(), ACTOR, today)
    saved, changes = ops.save_work_unit(store, SCHOOL, ACTOR)
    assert changes.bulk and saved.id is not None
    assert saved.name == "Trường Trung học cơ sở Thanh Sơn" and saved.label == \
        "Trường THCS Thanh Sơn"
    assert reg.get_person(store, teacher.id or 0).work_unit_id == saved.id   # type: ignore
    assert reg.get_person(store, other.id or 0).work_unit_id is None         # type: ignore
    assert ops.member_counts(store) == {saved.id: 1}
    assert store.db.execute("SELECT count(*) FROM audit_log WHERE entity = 'work_unit'"
                            ).fetchone()[0] == 1


def test_work_unit_refusals_have_codes(store: Store) -> None:
    with pytest.raises(ValidationError) as err:
        ops.save_work_unit(store, WorkUnit(None, "  ", head_name="Bùi Văn An"), ACTOR)
    assert codes(err) == {"work_unit.name_missing", "work_unit.head_title_missing"}
    with pytest.raises(ValidationError) as err:
        ops.save_work_unit(store, WorkUnit(None, "Thôn Bản Mường", head_title="Trưởng thôn"),
                           ACTOR)
    assert codes(err) == {"work_unit.head_name_missing"}
    ops.save_work_unit(store, SCHOOL, ACTOR)
    with pytest.raises(ValidationError) as err:            # the same name, typed otherwise
        ops.save_work_unit(store, replace(SCHOOL, name=unicodedata.normalize(
            "NFD", "trường trung học cơ sở  Thanh Sơn")), ACTOR)
    assert codes(err) == {"work_unit.duplicate"}
    # the Vietnamese wording of one rule
    assert err.value.problems[0].message == \
        "Đã có đơn vị tên “trường trung học cơ sở Thanh Sơn”."


def test_editing_and_deleting_a_work_unit(store: Store, catalog: Catalog, today: date) -> None:
    saved, _c = ops.save_work_unit(store, SCHOOL, ACTOR)
    person, _c = reg.add_person(store, catalog, Person(None, "Lê Thị Thu Hằng",
                                                       work_unit_id=saved.id),
                                History(), ACTOR, today)
    team, _c = reg.add_collective(store, catalog, Collective(None, "Trường THCS",
                                                             work_unit_id=saved.id),
                                  History(), ACTOR)
    edited, _c = ops.save_work_unit(store, replace(saved, head_name="Đinh Thị Mai"), ACTOR)
    assert edited.head_name == "Đinh Thị Mai"
    ops.delete_work_unit(store, saved.id or 0, ACTOR)
    assert ops.list_work_units(store) == []
    assert reg.get_person(store, person.id or 0).work_unit_id is None      # type: ignore
    assert reg.get_collective(store, team.id or 0).work_unit_id is None    # type: ignore
    with pytest.raises(UserError):
        ops.delete_work_unit(store, saved.id or 0, ACTOR)


def test_a_person_keeps_the_mau_05_fields_and_a_known_work_unit(store: Store, catalog: Catalog,
                                                                today: date) -> None:
    unit, _c = ops.save_work_unit(store, SCHOOL, ACTOR)
    nfd = unicodedata.normalize("NFD", "xã Thanh Sơn, tỉnh Phú Thọ")
    person = Person(None, "Lê Thị Thu Hằng", work_unit_id=unit.id, hometown=nfd,
                    residence="Thôn Tân Lập, xã Thanh Sơn", qualification="Đại học Sư phạm",
                    political_theory="Trung cấp", academic_rank="Thạc sĩ",
                    party_post="Bí thư Chi bộ", mass_org_post="Chủ tịch Công đoàn")
    saved, _c = reg.add_person(store, catalog, person, History(), ACTOR, today)
    assert saved.hometown == "xã Thanh Sơn, tỉnh Phú Thọ"           # NFC on the way in
    assert (saved.residence, saved.qualification, saved.political_theory,
            saved.academic_rank, saved.party_post, saved.mass_org_post) == (
        "Thôn Tân Lập, xã Thanh Sơn", "Đại học Sư phạm", "Trung cấp", "Thạc sĩ",
        "Bí thư Chi bộ", "Chủ tịch Công đoàn")
    with pytest.raises(ValidationError) as err:
        reg.update_person(store, catalog, replace(saved, work_unit_id=9999,
                                                  hometown="x" * 301),
                          History(), ACTOR, today)
    assert codes(err) == {"person.work_unit_unknown", "person.field_too_long"}


def test_undoing_a_delete_after_the_work_unit_went_keeps_the_person(
        store: Store, catalog: Catalog, today: date) -> None:
    unit, _c = ops.save_work_unit(store, SCHOOL, ACTOR)
    person, _c = reg.add_person(store, catalog, Person(None, "Lê Thị Thu Hằng",
                                                       work_unit_id=unit.id,
                                                       hometown="xã Thanh Sơn"),
                                History(), ACTOR, today)
    audit_id, _c = reg.delete_person(store, person.id or 0, ACTOR, confirm=True)
    ops.delete_work_unit(store, unit.id or 0, ACTOR)
    reg.undo_delete(store, audit_id, ACTOR)
    back = reg.people_page(store, "", 0, 10)[0]
    assert back.full_name == "Lê Thị Thu Hằng" and back.work_unit_id is None
    assert back.hometown == "xã Thanh Sơn"


def test_documents_name_the_work_unit_in_full_and_its_head_certifies(
        store: Store, catalog: Catalog, today: date) -> None:
    office, _c = ops.save_work_unit(store, WorkUnit(
        None, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Thanh Sơn",
        short_name="Văn phòng HĐND và UBND", kind=WorkUnitKind.PHONG,
        head_name="Cầm Thị Dịu", head_title="Chánh Văn phòng"), ACTOR)
    clerk, _c = reg.add_person(store, catalog, Person(
        None, "Hà Thị Mai", position="Chuyên viên", department="Văn phòng HĐND và UBND",
        work_unit_id=office.id), History(), ACTOR, today)
    team, _c = reg.add_collective(store, catalog, Collective(
        None, "Văn phòng HĐND và UBND", work_unit_id=office.id), History(), ACTOR)
    person = subject_details(store, SubjectRef(SubjectKind.PERSON, clerk.id or 0))
    assert person.department == "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Thanh Sơn"
    assert person.head is not None and (person.head.title, person.head.name) == (
        "Chánh Văn phòng", "Cầm Thị Dịu")
    collective = subject_details(store, SubjectRef(SubjectKind.COLLECTIVE, team.id or 0))
    assert collective.name == "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Thanh Sơn"
    # without a head recorded, nobody is invented: the unit head will certify
    ops.save_work_unit(store, replace(office, head_name="", head_title=""), ACTOR)
    assert subject_details(store, SubjectRef(SubjectKind.PERSON, clerk.id or 0)).head is None
