"""Registry operations: validation, duplicates, history of every kind, delete with
confirmation and audit snapshot, undo, collectives, Changes."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import ConfirmationRequired, UserError, ValidationError
from desktop.core.model import (
    Award,
    AwardKind,
    Changes,
    Collective,
    CollectiveKind,
    Discipline,
    DisciplineLevel,
    Gender,
    History,
    Initiative,
    Person,
    Rating,
    ResearchTopic,
    Scope,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import registry as ops
from desktop.core.store import Store

ACTOR = "Nguyễn Thị Thu"
HISTORY_TABLES = ("year_records", "awards", "initiatives", "research_topics", "discipline")


def unit(**changes: Any) -> Unit:
    base = Unit(name="UBND xã Tân Phú", kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name="Nguyễn Thị Thu",
                officer_title="Công chức Văn phòng - Thống kê")
    return replace(base, **changes)


def person(name: str = "Đặng Thị Ỷ", **changes: Any) -> Person:
    base = Person(None, name, birth_date=date(1985, 4, 12), gender=Gender.NU,
                  position="Công chức Tư pháp - Hộ tịch", department="Văn phòng",
                  group=SubjectGroup.CBCCVC, hired_on=date(2008, 9, 1), phone="0912 345 678",
                  national_id="001185012345")
    return replace(base, **changes)


def full_history(title: str = "chien_si_thi_dua_co_so") -> History:
    return History(
        years=(YearRecord(2024, Rating.HTXS, exemplary=True, solidarity=True, movement=True,
                          qualities_note="Gương mẫu"),
               YearRecord(2025, Rating.HTT, pending_review=True, pending_note="Đang xác minh")),
        awards=(Award(2024, title, AwardKind.CONG_TRANG, "12/QĐ-UBND", date(2025, 1, 10),
                      "Chủ tịch UBND xã"),
                Award(2025, "giay_khen", AwardKind.DOT_XUAT, "3/QĐ-UBND", date(2025, 8, 2),
                      "Chủ tịch UBND xã")),
        initiatives=(Initiative(2024, "Số hóa hồ sơ hộ tịch", Scope.CO_SO, "7/QĐ-HĐSK",
                                date(2024, 11, 5), "Hội đồng sáng kiến xã", title, 2024),),
        research=(ResearchTopic(2023, "Đề án cải cách thủ tục", Scope.TINH, date(2023, 12, 1),
                                applied=True),),
        discipline=(Discipline(DisciplineLevel.KHIEN_TRACH, date(2020, 1, 1), date(2020, 12, 31),
                               "5/QĐ-UBND", "Chậm trễ"),),
    )


def without_ids(history: History) -> History:
    return History(history.years,
                   tuple(replace(a, id=None) for a in history.awards),
                   tuple(replace(i, id=None) for i in history.initiatives),
                   tuple(replace(t, id=None) for t in history.research),
                   tuple(replace(d, id=None) for d in history.discipline))


def count(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def audit(store: Store) -> list[dict[str, Any]]:
    return ops.audit_entries(store)


def problem_fields(exc: ValidationError) -> list[str]:
    return [p.field for p in exc.problems]


# ---- unit ------------------------------------------------------------------------------------


def test_save_unit_lists_every_missing_field(store: Store) -> None:
    with pytest.raises(ValidationError) as info:
        ops.save_unit(store, unit(head_name=" ", head_title="", doc_code="", name=""), ACTOR)
    assert set(problem_fields(info.value)) == {"head_name", "head_title", "doc_code", "name"}
    assert all(p.message.startswith("Chưa nhập") for p in info.value.problems)
    assert ops.get_unit(store) is None
    assert audit(store) == []


def test_save_unit_rejects_a_doc_code_with_spaces(store: Store) -> None:
    with pytest.raises(ValidationError) as info:
        ops.save_unit(store, unit(doc_code="UB ND"), ACTOR)
    assert problem_fields(info.value) == ["doc_code"]


@pytest.mark.parametrize("code", ["PT THANHSON", "Đ-01", "X", "A" * 25, "-AB"])
def test_save_unit_rejects_a_unit_code_unsafe_for_file_names(store: Store, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        ops.save_unit(store, unit(code=code), ACTOR)
    assert [p.field for p in err.value.problems] == ["code"]


def test_save_unit_keeps_the_unit_code_upper_case(store: Store) -> None:
    saved, _ = ops.save_unit(store, unit(code="pt-thanhson"), ACTOR)
    assert saved.code == "PT-THANHSON"


def test_save_unit_creates_then_updates_with_audit(store: Store) -> None:
    saved, changes = ops.save_unit(store, unit(doc_code=" ubnd ", name=unicodedata.normalize(
        "NFD", "UBND xã Tân Phú")), ACTOR)
    assert changes == Changes(unit=True)
    assert saved.doc_code == "UBND"
    assert saved.name == "UBND xã Tân Phú"
    ops.save_unit(store, unit(head_name="Lê Thị Hoa"), ACTOR)
    entries = audit(store)
    assert [e["action"] for e in entries] == ["update", "create"]
    detail = json.loads(entries[0]["detail"])
    assert detail["before"]["head_name"] == "Trần Văn Bình"
    assert detail["after"]["head_name"] == "Lê Thị Hoa"
    assert entries[0]["actor"] == ACTOR


# ---- person validation ----------------------------------------------------------------------


def test_add_person_with_full_history_round_trips(
        store: Store, catalog: Catalog, today: date) -> None:
    history = full_history()
    saved, changes = ops.add_person(store, catalog, person(), history, ACTOR, today)
    assert saved.id is not None
    assert changes == Changes(people=frozenset({saved.id}))
    assert replace(saved, id=None) == person()
    stored = ops.get_history(store, SubjectRef(SubjectKind.PERSON, saved.id))
    assert without_ids(stored) == history
    assert all(a.id is not None for a in stored.awards)
    entry = audit(store)[0]
    assert (entry["action"], entry["entity"], entry["entity_id"]) == ("create", "person",
                                                                       saved.id)
    assert "Đặng Thị Ỷ" in entry["summary"]


def test_empty_name_and_every_other_problem_listed_together(
        store: Store, catalog: Catalog, today: date) -> None:
    bad = person(name="   ", birth_date=date(2027, 1, 1), hired_on=date(2027, 2, 1),
                 phone="gọi tôi", national_id="12345")
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, bad, History(), ACTOR, today)
    assert set(problem_fields(info.value)) == {"full_name", "birth_date", "hired_on", "phone",
                                               "national_id"}
    assert count(store, "people") == 0
    assert "Chưa nhập họ và tên" in info.value.message


@pytest.mark.parametrize(("changes", "field"), [
    ({"full_name": "Nguyễn Văn 2"}, "full_name"),
    ({"full_name": "A" * 151}, "full_name"),
    ({"birth_date": date(2026, 11, 24), "hired_on": None}, "birth_date"),
    ({"birth_date": date(1899, 12, 31), "hired_on": None}, "birth_date"),
    ({"hired_on": date(2026, 12, 1)}, "hired_on"),
    ({"birth_date": date(1990, 5, 1), "hired_on": date(2004, 5, 1)}, "hired_on"),
    # 14 years and a day old: the year difference alone (15) would let this through
    ({"birth_date": date(2000, 12, 31), "hired_on": date(2015, 1, 1)}, "hired_on"),
    ({"birth_date": date(1990, 5, 1), "hired_on": date(1989, 5, 1)}, "hired_on"),
    ({"phone": "abc"}, "phone"),
    ({"phone": "------"}, "phone"),
    ({"phone": "(  ) ."}, "phone"),
    ({"phone": "0912"}, "phone"),
    ({"national_id": "12345"}, "national_id"),
    ({"national_id": "0011850123456"}, "national_id"),
    ({"national_id": "00118501234a"}, "national_id"),
])
def test_person_validation(store: Store, catalog: Catalog, today: date,
                           changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person(**changes), History(), ACTOR, today)
    assert problem_fields(info.value) == [field]
    assert count(store, "people") == 0


@pytest.mark.parametrize("changes", [
    {"birth_date": date(2000, 1, 1), "hired_on": date(2015, 1, 1)},  # exactly 15
    {"birth_date": None},
    {"hired_on": None},
    {"phone": "+84 912.345.678"},
    {"phone": "(0251) 3822 123"},
    {"phone": ""},
    {"national_id": "123456789"},
    {"national_id": ""},
    {"birth_date": date(2026, 11, 23), "hired_on": None},  # born today: allowed
])
def test_person_validation_accepts(store: Store, catalog: Catalog, today: date,
                                   changes: dict[str, Any]) -> None:
    ops.add_person(store, catalog, person(**changes), History(), ACTOR, today)
    assert count(store, "people") == 1


# ---- duplicates ------------------------------------------------------------------------------


@pytest.mark.parametrize("second", [
    "Đặng Thị Ỷ",
    unicodedata.normalize("NFD", "Đặng Thị Ỷ"),
    "ĐẶNG THỊ Ỷ",
    "  Đặng  Thị Ỷ ",
    # Same person typed without marks: the check uses the folded name, so this is refused
    # too. Two different people whose names differ only by marks and share a birth date are
    # rare enough that asking the officer to look is the right default.
    "Dang Thi Y",
    # pasted from a spreadsheet or a web page, with invisible characters
    "\ufeffĐặng\u200b Thị Ỷ\u00ad",
])
def test_duplicate_person_refused(store: Store, catalog: Catalog, today: date,
                                  second: str) -> None:
    first, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person(second, national_id=""), History(), ACTOR,
                       today)
    assert problem_fields(info.value) == ["full_name"]
    assert f"mã {first.id}" in info.value.message
    assert count(store, "people") == 1


def test_people_page_in_vietnamese_given_name_order(
        store: Store, catalog: Catalog, today: date) -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Đỗ Đức Anh", "Phạm Thị Đào",
             "Y Wang Niê", "Hoàng Văn Dũng"]
    for name in names:
        ops.add_person(store, catalog, person(name, national_id=""), History(), ACTOR, today)
    listed = [p.full_name for p in ops.people_page(store, "", 0, 100)]
    assert listed == ["Lê Văn An", "Đỗ Đức Anh", "Nguyễn Thị Ánh", "Trần Văn Bình",
                      "Hoàng Văn Dũng", "Phạm Thị Đào", "Y Wang Niê"]
    assert [p.full_name for p in ops.people_page(store, "", 2, 2)] == listed[2:4]
    assert [p.full_name for p in ops.people_page(store, "van", 0, 100)] == [
        "Lê Văn An", "Trần Văn Bình", "Hoàng Văn Dũng"]


def test_same_name_different_birth_date_is_not_a_duplicate(
        store: Store, catalog: Catalog, today: date) -> None:
    ops.add_person(store, catalog, person(), History(), ACTOR, today)
    # no CCCD on the second: only the name and birth date tell them apart here
    ops.add_person(store, catalog, person(birth_date=date(1986, 4, 12), national_id=""),
                   History(), ACTOR, today)
    assert count(store, "people") == 2


def test_same_name_without_birth_dates_is_a_duplicate(
        store: Store, catalog: Catalog, today: date) -> None:
    """Documented choice: with no birth date to tell them apart, the officer must add one."""
    ops.add_person(store, catalog, person(birth_date=None, hired_on=None), History(), ACTOR,
                   today)
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person(birth_date=None, hired_on=None), History(), ACTOR,
                       today)
    assert info.value.codes == ["person.duplicate"]  # not also "CCCD taken": the same person


def test_namesakes_born_the_same_day_with_different_cccds_are_two_people(
        store: Store, catalog: Catalog, today: date) -> None:
    """Two merged communes may each have a Trần Thị Lan born on 7/7/1992: different CCCDs
    tell them apart. Without a CCCD on either, the duplicate rule still holds."""
    ops.add_person(store, catalog, person(national_id="025192000222"), History(), ACTOR, today)
    ops.add_person(store, catalog, person(national_id="025192000999"), History(), ACTOR, today)
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person(national_id=""), History(), ACTOR, today)
    assert info.value.codes == ["person.duplicate"]
    assert count(store, "people") == 2


def test_update_may_keep_own_name_but_not_take_anothers(
        store: Store, catalog: Catalog, today: date) -> None:
    a, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    # no CCCD: with two different ones, namesakes born the same day would be two people
    b, _ = ops.add_person(store, catalog, person("Lê Văn Tám", national_id=""), History(),
                          ACTOR, today)
    ops.update_person(store, catalog, replace(a, position="Phó Chủ tịch"), History(), ACTOR,
                      today)
    with pytest.raises(ValidationError) as info:
        ops.update_person(store, catalog, replace(b, full_name="Đặng Thị Ỷ"), History(), ACTOR,
                          today)
    assert info.value.codes == ["person.duplicate"]
    assert ops.get_person(store, b.id or 0) == b


def test_a_cccd_held_by_another_person_is_refused(store: Store, catalog: Catalog,
                                                  today: date) -> None:
    """Issue 12: the editor saved a second person with someone else's CCCD (the import
    refused it: import.national_id_taken). One of the two numbers is a typing error."""
    a, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person("Lê Văn Tám", national_id=" 001185012345 "),
                       History(), ACTOR, today)
    assert info.value.codes == ["person.national_id_taken"]
    assert problem_fields(info.value) == ["national_id"]
    assert f"Đặng Thị Ỷ (mã {a.id})" in info.value.problems[0].message
    assert count(store, "people") == 1

    b, _ = ops.add_person(store, catalog, person("Lê Văn Tám", national_id="001186054321"),
                          History(), ACTOR, today)
    ops.update_person(store, catalog, replace(b, position="Văn thư"), History(), ACTOR,
                      today)  # keeping one's own number is not taking another's
    with pytest.raises(ValidationError) as info:
        ops.update_person(store, catalog, replace(b, national_id=a.national_id), History(),
                          ACTOR, today)
    assert info.value.codes == ["person.national_id_taken"]
    assert ops.get_person(store, b.id or 0) == replace(b, position="Văn thư")

    # once its holder is deleted, the number is free for the person who really holds it
    ops.delete_person(store, a.id or 0, ACTOR)
    ops.update_person(store, catalog, replace(b, national_id=a.national_id), History(), ACTOR,
                      today)


# ---- history validation ----------------------------------------------------------------------


@pytest.mark.parametrize(("history", "field"), [
    (History(awards=(Award(2024, "huan_chuong_khong_co"),)), "awards"),
    (History(awards=(Award(2024, ""),)), "awards"),
    (History(awards=(Award(2024, "tap_the_lao_dong_xuat_sac"),)), "awards"),  # collective
    (History(awards=(Award(2024, "giay_khen", decision_date=date(2023, 12, 1)),)), "awards"),
    (History(years=(YearRecord(2024), YearRecord(2024))), "years"),
    (History(years=(YearRecord(1900),)), "years"),
    (History(awards=(Award(1900, "giay_khen"),)), "awards"),
    (History(awards=(Award(2101, "giay_khen"),)), "awards"),
    (History(initiatives=(Initiative(1800, "Sáng kiến"),)), "initiatives"),
    (History(initiatives=(Initiative(2024, " "),)), "initiatives"),
    (History(initiatives=(Initiative(2024, "SK", used_for_code="khong_co"),)), "initiatives"),
    (History(initiatives=(Initiative(2024, "SK", used_for_code="giay_khen",
                                     used_for_year=3000),)), "initiatives"),
    (History(research=(ResearchTopic(2024, ""),)), "research"),
    (History(research=(ResearchTopic(9999, "Đề tài"),)), "research"),
    (History(research=(ResearchTopic(2024, "Đề tài", used_for_code="khong_co"),)), "research"),
    (History(discipline=(Discipline(DisciplineLevel.CANH_CAO, date(2024, 6, 1),
                                    date(2024, 1, 1)),)), "discipline"),
])
def test_history_validation(store: Store, catalog: Catalog, today: date, history: History,
                            field: str) -> None:
    """Every bad history row is a ValidationError naming it, never a database error."""
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person(), history, ACTOR, today)
    assert field in problem_fields(info.value)
    assert count(store, "people") == 0


def test_unknown_award_code_refused_with_its_code(
        store: Store, catalog: Catalog, today: date) -> None:
    with pytest.raises(ValidationError) as info:
        ops.add_person(store, catalog, person(), History(awards=(Award(2024, "bang_khen_xyz"),)),
                       ACTOR, today)
    assert "bang_khen_xyz" in info.value.message
    assert "không có trong danh mục" in info.value.message


# ---- update ----------------------------------------------------------------------------------


def test_update_person_replaces_history_and_masks_national_id_in_audit(
        store: Store, catalog: Catalog, today: date) -> None:
    saved, _ = ops.add_person(store, catalog, person(), full_history(), ACTOR, today)
    assert saved.id is not None
    new_history = History(years=(YearRecord(2025, Rating.HT),))
    updated, changes = ops.update_person(
        store, catalog, replace(saved, national_id="079185099999", position="Chủ tịch"),
        new_history, ACTOR, today)
    assert changes == Changes(people=frozenset({saved.id}))
    assert updated.national_id == "079185099999"
    ref = SubjectRef(SubjectKind.PERSON, saved.id)
    assert ops.get_history(store, ref) == new_history
    for table in HISTORY_TABLES[1:]:
        assert count(store, table) == 0
    entry = audit(store)[0]
    assert entry["action"] == "update"
    raw = entry["detail"]
    assert "001185012345" not in raw and "079185099999" not in raw
    detail = json.loads(raw)
    assert detail["fields"]["national_id"] == {"before": "•••••••••345",
                                               "after": "•••••••••999"}
    assert detail["fields"]["position"]["after"] == "Chủ tịch"
    assert detail["history"] == {"before_rows": 7, "after_rows": 1}


def test_update_of_a_person_deleted_elsewhere(store: Store, catalog: Catalog,
                                              today: date) -> None:
    saved, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    ops.delete_person(store, saved.id or 0, ACTOR)
    with pytest.raises(UserError, match="đã bị xóa"):
        ops.update_person(store, catalog, saved, History(), ACTOR, today)


# ---- delete and undo -------------------------------------------------------------------------


def test_delete_without_history_needs_no_confirmation(
        store: Store, catalog: Catalog, today: date) -> None:
    saved, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    audit_id, changes = ops.delete_person(store, saved.id or 0, ACTOR)
    assert changes.people == frozenset({saved.id}) and changes.bulk
    assert count(store, "people") == 0
    assert audit(store)[0]["id"] == audit_id


def test_delete_with_history_asks_first_and_deletes_nothing(
        store: Store, catalog: Catalog, today: date) -> None:
    saved, _ = ops.add_person(store, catalog, person(), full_history(), ACTOR, today)
    before = [count(store, t) for t in ("people", *HISTORY_TABLES, "audit_log")]
    with pytest.raises(ConfirmationRequired) as info:
        ops.delete_person(store, saved.id or 0, ACTOR)
    assert "7 dòng" in info.value.message and "Đặng Thị Ỷ" in info.value.message
    assert [count(store, t) for t in ("people", *HISTORY_TABLES, "audit_log")] == before


def test_delete_of_a_member_without_history_asks_first(
        store: Store, catalog: Catalog, today: date) -> None:
    saved, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    ops.add_collective(store, catalog, Collective(None, "Văn phòng", member_ids=(saved.id or 0,)),
                       History(), ACTOR)
    with pytest.raises(ConfirmationRequired, match="1 tập thể"):
        ops.delete_person(store, saved.id or 0, ACTOR)


def test_delete_with_confirm_then_undo_restores_everything(
        store: Store, catalog: Catalog, today: date) -> None:
    saved, _ = ops.add_person(store, catalog, person(), full_history(), ACTOR, today)
    pid = saved.id or 0
    group, _ = ops.add_collective(store, catalog, Collective(None, "Văn phòng",
                                                             member_ids=(pid,)), History(), ACTOR)
    audit_id, _ = ops.delete_person(store, pid, ACTOR, confirm=True)
    assert count(store, "people") == 0
    for table in HISTORY_TABLES:
        assert count(store, table) == 0
    assert count(store, "collective_members") == 0
    assert ops.count_people(store, "dang") == 0
    entry = audit(store)[0]
    assert (entry["action"], entry["entity_id"]) == ("delete", pid)
    snapshot = json.loads(entry["detail"])["snapshot"]
    assert snapshot["person"]["full_name"] == "Đặng Thị Ỷ"
    assert len(snapshot["history"]["awards"]) == 2
    assert snapshot["collectives"] == [group.id]

    changes = ops.undo_delete(store, audit_id, ACTOR, national_id="001185012345")
    assert changes.people == frozenset({pid})
    assert ops.get_person(store, pid) == saved
    assert without_ids(ops.get_history(store, SubjectRef(SubjectKind.PERSON, pid))) == \
        full_history()
    assert ops.get_collective(store, group.id or 0) == group
    assert ops.count_people(store, "dang thi y") == 1
    assert audit(store)[0]["action"] == "undo_delete"
    with pytest.raises(UserError, match="rồi"):
        ops.undo_delete(store, audit_id, ACTOR)


def test_undo_after_the_id_was_reused(store: Store, catalog: Catalog, today: date) -> None:
    """SQLite reuses the highest rowid: a person added after the delete takes the old id.
    Undo must still bring the deleted person back (under a new id), not claim it was done."""
    saved, _ = ops.add_person(store, catalog, person(), full_history(), ACTOR, today)
    audit_id, _ = ops.delete_person(store, saved.id or 0, ACTOR, confirm=True)
    newcomer, _ = ops.add_person(store, catalog, person("Lê Văn Tám", national_id=""),
                                 History(), ACTOR, today)
    assert newcomer.id == saved.id  # the situation this test is about
    changes = ops.undo_delete(store, audit_id, ACTOR, national_id="001185012345")
    (restored_id,) = changes.people
    assert restored_id != newcomer.id
    restored = ops.get_person(store, restored_id)
    assert restored == replace(saved, id=restored_id)
    assert without_ids(ops.get_history(store, SubjectRef(SubjectKind.PERSON, restored_id))) == \
        full_history()
    assert ops.get_person(store, newcomer.id or 0) == newcomer
    assert ops.get_history(store, SubjectRef(SubjectKind.PERSON, newcomer.id or 0)).is_empty()
    with pytest.raises(UserError, match="rồi"):
        ops.undo_delete(store, audit_id, ACTOR)


def test_undo_refuses_to_bring_back_a_cccd_someone_else_took_since(
        store: Store, catalog: Catalog, today: date) -> None:
    """Delete A, give A's CCCD to B, undo: A would be a second holder of the number. Refused
    with the editor's code, naming B, nothing written; once B's number is corrected, the same
    undo goes through."""
    a, _ = ops.add_person(store, catalog, person(), full_history(), ACTOR, today)
    b, _ = ops.add_person(store, catalog, person("Lê Văn Tám", national_id=""), History(),
                          ACTOR, today)
    audit_id, _ = ops.delete_person(store, a.id or 0, ACTOR, confirm=True)
    b, _ = ops.update_person(store, catalog, replace(b, national_id=a.national_id), History(),
                             ACTOR, today)
    before = list(store.conn.iterdump())
    with pytest.raises(UserError) as info:
        ops.undo_delete(store, audit_id, ACTOR, national_id=a.national_id)
    assert info.value.code == "person.national_id_taken"
    assert f"nay đã là của Lê Văn Tám (mã {b.id})" in info.value.message
    assert list(store.conn.iterdump()) == before  # nothing restored, nothing logged

    ops.update_person(store, catalog, replace(b, national_id="001186054321"), History(),
                      ACTOR, today)
    (restored_id,) = ops.undo_delete(store, audit_id, ACTOR, national_id=a.national_id).people
    assert ops.get_person(store, restored_id) == replace(a, id=restored_id)


def test_undo_of_something_that_is_not_a_delete(store: Store, catalog: Catalog,
                                                today: date) -> None:
    ops.add_person(store, catalog, person(), History(), ACTOR, today)
    with pytest.raises(UserError, match="Không có thao tác xóa"):
        ops.undo_delete(store, audit(store)[0]["id"], ACTOR)
    with pytest.raises(UserError, match="Không có thao tác xóa"):
        ops.undo_delete(store, 999, ACTOR)


# ---- collectives -----------------------------------------------------------------------------


def test_collective_add_update_delete_undo(store: Store, catalog: Catalog,
                                           today: date) -> None:
    a, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    b, _ = ops.add_person(store, catalog, person("Lê Văn Tám", national_id="001186054321"),
                          History(), ACTOR, today)
    members = (a.id or 0, b.id or 0)
    history = full_history("tap_the_lao_dong_xuat_sac")
    group, changes = ops.add_collective(
        store, catalog, Collective(None, unicodedata.normalize("NFD", "Thôn Đồng Xuân"),
                                   CollectiveKind.THON_TO_DAN_PHO, "", members), history, ACTOR)
    assert group.name == "Thôn Đồng Xuân"
    assert changes == Changes(collectives=frozenset({group.id}))
    assert ops.member_counts(store, [group.id or 0]) == {group.id: 2}
    assert ops.count_collectives(store, "dong xuan") == 1
    cref = SubjectRef(SubjectKind.COLLECTIVE, group.id or 0)
    assert without_ids(ops.get_history(store, cref)) == history

    updated, _ = ops.update_collective(store, catalog, replace(group, member_ids=members[:1]),
                                       history, ACTOR)
    assert updated.member_ids == members[:1]

    with pytest.raises(ConfirmationRequired):
        ops.delete_collective(store, group.id or 0, ACTOR)
    audit_id, changes = ops.delete_collective(store, group.id or 0, ACTOR, confirm=True)
    assert changes.collectives == frozenset({group.id}) and changes.bulk
    assert count(store, "collectives") == 0 and count(store, "people") == 2
    for table in HISTORY_TABLES:
        assert count(store, table) == 0
    ops.undo_delete(store, audit_id, ACTOR)
    assert ops.get_collective(store, group.id or 0) == updated
    assert without_ids(ops.get_history(store, cref)) == history


def test_collective_validation(store: Store, catalog: Catalog) -> None:
    with pytest.raises(ValidationError) as info:
        ops.add_collective(store, catalog, Collective(None, " ", member_ids=(42,)),
                           History(awards=(Award(2024, "chien_si_thi_dua_co_so"),)), ACTOR)
    assert set(problem_fields(info.value)) == {"name", "members", "awards"}
    assert "42" in info.value.message
    assert count(store, "collectives") == 0


def test_undo_collective_drops_members_deleted_since(
        store: Store, catalog: Catalog, today: date) -> None:
    a, _ = ops.add_person(store, catalog, person(), History(), ACTOR, today)
    b, _ = ops.add_person(store, catalog, person("Lê Văn Tám", national_id="001186054321"),
                          History(), ACTOR, today)
    group, _ = ops.add_collective(store, catalog,
                                  Collective(None, "Tổ Một", member_ids=(a.id or 0, b.id or 0)),
                                  History(), ACTOR)
    audit_id, _ = ops.delete_collective(store, group.id or 0, ACTOR)
    ops.delete_person(store, b.id or 0, ACTOR)
    ops.undo_delete(store, audit_id, ACTOR)
    assert ops.get_collective(store, group.id or 0) == replace(group, member_ids=(a.id,))


def test_a_history_row_for_a_year_not_yet_come_is_refused(store: Store, catalog: Catalog,
                                                           today: date) -> None:
    """Issue 12: 2062 typed for 2026 was accepted silently and counted in later reviews."""
    future = today.year + 1
    history = History(years=(YearRecord(future, Rating.HTXS),),
                      awards=(Award(future, "lao_dong_tien_tien"),))
    with pytest.raises(ValidationError) as refused:
        ops.add_person(store, catalog, person(), history, ACTOR, today)
    assert refused.value.codes == ["history.year_future", "history.year_future"]
    assert refused.value.problems[0].message == (
        f"Theo năm: năm {future} chưa đến (năm nay là {today.year}); kiểm tra lại năm đã nhập.")
    assert ops.count_people(store) == 0
    with pytest.raises(ValidationError) as refused:
        ops.add_collective(store, catalog,
                           Collective(None, "Thôn Đồng Xuân", CollectiveKind.THON_TO_DAN_PHO),
                           History(years=(YearRecord(future, Rating.HTT),)), ACTOR, today=today)
    assert refused.value.codes == ["history.year_future"]
    this_year = History(years=(YearRecord(today.year, Rating.HTXS),))
    saved, _changes = ops.add_person(store, catalog, person(), this_year, ACTOR, today)
    assert saved.id is not None
