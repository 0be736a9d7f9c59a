"""Two records of one person into one: field by field, generic over the dataclasses, with
every real disagreement left to the officer."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import pytest

from desktop.core.model import (
    Award,
    AwardKind,
    Collective,
    CollectiveKind,
    Discipline,
    DisciplineLevel,
    Gender,
    History,
    Initiative,
    Person,
    Rating,
    YearRecord,
)
from desktop.core.model.former import (
    former_name_from_unit,
    mark_if_former,
    marked_former,
    names_unit,
)
from desktop.core.operations.merging.combine import (
    EXISTING,
    INCOMING,
    combine_histories,
    combine_people,
    compare_people,
    history_conflicts,
    mark_history,
    person_fields,
    reference_fields,
    without_references,
)

TITLES = {"chien_si_thi_dua_co_so", "lao_dong_tien_tien"}


def is_title(code: str) -> bool:
    return code in TITLES


def name(code: str) -> str:
    return {"chien_si_thi_dua_co_so": "CSTĐCS", "lao_dong_tien_tien": "LĐTT"}.get(code, code)


def test_every_field_of_person_but_its_id_is_merged() -> None:
    refs = reference_fields()
    assert set(person_fields()) == {f.name for f in fields(Person)} - {"id", *refs}
    assert set(refs) <= {"work_unit_id"}  # rows of the other database: never carried over


@dataclass(frozen=True)
class PersonWithMore(Person):
    """What a later Person looks like (the documents branch adds lý lịch and a work unit)."""

    hometown: str = ""
    work_unit_id: int | None = None


def test_a_field_added_to_person_merges_without_a_change_here() -> None:
    assert "hometown" in person_fields(PersonWithMore)
    assert reference_fields(PersonWithMore) == ("work_unit_id",)
    existing = PersonWithMore(3, "Lê Văn Tám", work_unit_id=7)
    incoming = PersonWithMore(None, "Lê Văn Tám", hometown="Tân Lập, Phú Thọ", work_unit_id=99)
    differences, filled = compare_people(existing, incoming)
    assert differences == () and filled == ("hometown",)
    merged = combine_people(existing, incoming, {})
    assert merged.hometown == "Tân Lập, Phú Thọ"
    assert merged.work_unit_id == 7  # its own database's row, never the other's
    assert without_references(incoming).work_unit_id is None


@dataclass(frozen=True)
class CollectiveWithUnit(Collective):
    work_unit_id: int | None = None


def test_a_collective_from_another_database_loses_its_references() -> None:
    theirs = CollectiveWithUnit(12, "Trạm Y tế xã", CollectiveKind.TRAM_Y_TE, member_ids=(4, 5),
                                work_unit_id=3)
    ours = without_references(theirs)
    assert (ours.id, ours.work_unit_id, ours.member_ids) == (None, None, (4, 5))


def test_empty_fields_fill_and_differences_keep_the_existing_unless_chosen() -> None:
    existing = Person(5, "Nguyễn Thị Hòa", birth_date=date(1990, 1, 2), phone="0912345678",
                      position="Chuyên viên")
    incoming = Person(None, "NGUYỄN THỊ HÒA", birth_date=date(1990, 1, 2), gender=Gender.NU,
                      phone="0987654321", position="Chuyên viên")
    differences, filled = compare_people(existing, incoming)
    assert [d.field for d in differences] == ["phone"]  # the name differs only in case
    assert filled == ("gender",)
    kept = combine_people(existing, incoming, {})
    assert (kept.id, kept.full_name, kept.phone, kept.gender) == (
        5, "Nguyễn Thị Hòa", "0912345678", Gender.NU)
    assert combine_people(existing, incoming, {"phone": INCOMING}).phone == "0987654321"


def test_histories_unite_across_the_merger() -> None:
    existing = History(years=(YearRecord(2024, Rating.HTXS), YearRecord(2025, Rating.HTXS)),
                       awards=(Award(2024, "chien_si_thi_dua_co_so", decision_no="12/QĐ-UBND"),
                               Award(2025, "chien_si_thi_dua_co_so", decision_no="40/QĐ-UBND")))
    incoming = History(years=(YearRecord(2023, Rating.HTXS),),
                       awards=(Award(2023, "chien_si_thi_dua_co_so", decision_no="88/QĐ-UBND",
                                     issuer="Chủ tịch UBND xã Tân Lập (cũ)"),))
    assert history_conflicts(existing, incoming, is_title, name) == ()
    merged = combine_histories(existing, incoming, is_title, {})
    assert [y.year for y in merged.years] == [2023, 2024, 2025]
    assert sorted(a.year for a in merged.awards) == [2023, 2024, 2025]


def test_the_same_year_told_differently_is_a_conflict_the_officer_chooses() -> None:
    existing = History(years=(YearRecord(2024, Rating.HTT, exemplary=True),))
    incoming = History(years=(YearRecord(2024, Rating.HTXS, solidarity=True),))
    conflicts = history_conflicts(existing, incoming, is_title, name)
    assert [c.key for c in conflicts] == ["year:2024"]
    assert "HTTNV" in conflicts[0].existing and "HTXSNV" in conflicts[0].incoming
    with pytest.raises(ValueError):
        combine_histories(existing, incoming, is_title, {})
    chosen = combine_histories(existing, incoming, is_title, {"year:2024": INCOMING})
    # the chosen record, its unknowns filled from the other
    assert chosen.years == (YearRecord(2024, Rating.HTXS, exemplary=True, solidarity=True),)
    assert combine_histories(existing, incoming, is_title,
                             {"year:2024": EXISTING}).years[0].rating is Rating.HTT


def test_one_title_a_year_but_forms_of_commendation_may_be_several() -> None:
    existing = History(awards=(
        Award(2024, "chien_si_thi_dua_co_so", decision_no="12/QĐ-UBND"),
        Award(2024, "giay_khen", AwardKind.DOT_XUAT, decision_no="5/QĐ-UBND")))
    incoming = History(awards=(
        Award(2024, "chien_si_thi_dua_co_so", decision_no="99/QĐ-UBND"),
        Award(2024, "giay_khen", AwardKind.DOT_XUAT, decision_no="77/QĐ-UBND"),
        Award(2024, "giay_khen", AwardKind.DOT_XUAT, decision_no="5/qđ-ubnd",
              issuer="Chủ tịch UBND xã Tân Lập (cũ)")))
    conflicts = history_conflicts(existing, incoming, is_title, name)
    assert [c.key for c in conflicts] == ["title:chien_si_thi_dua_co_so:2024"]
    merged = combine_histories(existing, incoming, is_title,
                               {"title:chien_si_thi_dua_co_so:2024": EXISTING})
    assert sorted(a.decision_no for a in merged.awards) == ["12/QĐ-UBND", "5/QĐ-UBND",
                                                            "77/QĐ-UBND"]
    same = next(a for a in merged.awards if a.decision_no == "5/QĐ-UBND")
    assert same.issuer == "Chủ tịch UBND xã Tân Lập (cũ)"  # filled from the other record


def test_a_title_without_its_decision_number_is_the_same_title() -> None:
    existing = History(awards=(Award(2023, "lao_dong_tien_tien"),))
    incoming = History(awards=(Award(2023, "lao_dong_tien_tien", decision_no="30/QĐ-UBND",
                                     decision_date=date(2023, 11, 30)),))
    assert history_conflicts(existing, incoming, is_title, name) == ()
    merged = combine_histories(existing, incoming, is_title, {})
    assert merged.awards == (Award(2023, "lao_dong_tien_tien", decision_no="30/QĐ-UBND",
                                   decision_date=date(2023, 11, 30)),)


def test_notes_of_both_records_are_kept() -> None:
    existing = History(years=(YearRecord(2024, Rating.HTT, qualities_note="Chi bộ xác nhận"),))
    incoming = History(years=(YearRecord(2024, Rating.HTT, qualities_note="Theo biên bản 3/BB"),))
    merged = combine_histories(existing, incoming, is_title, {})
    assert merged.years[0].qualities_note == "Chi bộ xác nhận; Theo biên bản 3/BB"


def test_initiatives_and_discipline_are_matched_by_what_they_are() -> None:
    used = Initiative(2024, "Một cửa điện tử", used_for_code="chien_si_thi_dua_co_so",
                      used_for_year=2024)
    existing = History(initiatives=(Initiative(2024, "Một cửa điện tử"),),
                       discipline=(Discipline(DisciplineLevel.KHIEN_TRACH, date(2023, 3, 1)),))
    incoming = History(initiatives=(used,),
                       discipline=(Discipline(DisciplineLevel.KHIEN_TRACH, date(2023, 3, 1),
                                              date(2023, 9, 1)),))
    assert history_conflicts(existing, incoming, is_title, name) == ()
    merged = combine_histories(existing, incoming, is_title, {})
    # used once for a title stays used: the same sáng kiến cannot ground a second award
    assert merged.initiatives[0].used_for_code == "chien_si_thi_dua_co_so"
    assert merged.discipline[0].end_date == date(2023, 9, 1)


def test_the_former_units_decisions_are_marked_and_others_kept() -> None:
    history = History(
        awards=(Award(2023, "lao_dong_tien_tien", issuer="Chủ tịch UBND xã Tân Lập"),
                Award(2023, "bang_khen_tinh", issuer="Chủ tịch UBND tỉnh Phú Thọ"),
                Award(2022, "chien_si_thi_dua_co_so", issuer="Chủ tịch UBND huyện Tân Lập"),
                Award(2021, "lao_dong_tien_tien", issuer="Chủ tịch UBND xã Tân Lập (cũ)")),
        initiatives=(Initiative(2023, "Sổ tay", recognised_by="Hội đồng Sáng kiến xã Tân Lập"),))
    marked, count = mark_history(history, "xã Tân Lập")
    assert [a.issuer for a in marked.awards] == [
        "Chủ tịch UBND xã Tân Lập (cũ)", "Chủ tịch UBND tỉnh Phú Thọ",
        "Chủ tịch UBND huyện Tân Lập", "Chủ tịch UBND xã Tân Lập (cũ)"]
    assert marked.initiatives[0].recognised_by == "Hội đồng Sáng kiến xã Tân Lập (cũ)"
    assert count == 2


def test_former_unit_names() -> None:
    assert former_name_from_unit("Ủy ban nhân dân xã Tân Lập") == "xã Tân Lập"
    assert former_name_from_unit("UBND Phường 5") == "phường 5"
    assert former_name_from_unit("Trường THCS Tân Lập") == "Trường THCS Tân Lập"
    assert marked_former("xã Tân Lập") == "xã Tân Lập (cũ)"
    assert marked_former("xã Tân Lập (cũ)") == "xã Tân Lập (cũ)"
    assert names_unit("CHỦ TỊCH UBND XÃ TÂN LẬP", "xã Tân Lập")
    assert not names_unit("Chủ tịch UBND xã Tân Lập Hai", "xã Tân Lập Hai Ba")
    assert not names_unit("UBND xã Tân Lập Đông", "xã Tân Lập Tây")
    assert mark_if_former("", "xã Tân Lập") == ""


def test_a_neighbour_with_a_longer_name_is_not_the_former_unit() -> None:
    assert not names_unit("UBND xã Tân Lập Đông", "xã Tân Lập")
    assert names_unit("Hội đồng Sáng kiến xã Tân Lập (cũ)", "xã Tân Lập")
