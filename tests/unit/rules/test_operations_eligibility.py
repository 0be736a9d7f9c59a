"""operations.eligibility over a real store: the panel, the registry filter, the next year."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.catalog import Catalog
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
    Scope,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations import eligibility as el
from desktop.core.operations.registry import add_collective, add_person
from desktop.core.store import Store

TODAY = date(2026, 11, 23)
OK = {"exemplary": True, "solidarity": True, "movement": True}


def _year(y: int, rating: str | None, ticks: bool = True, pending: bool = False) -> YearRecord:
    marks = OK if ticks else {}
    return YearRecord(y, Rating(rating) if rating else None, pending_review=pending, **marks)


def _add(store: Store, catalog: Catalog, name: str, history: History,
         hired: date = date(2015, 3, 1), gender: Gender = Gender.NAM) -> int:
    person, _changes = add_person(store, catalog, Person(None, name, gender=gender,
                                                         group=SubjectGroup.CBCCVC,
                                                         hired_on=hired),
                                  history, "test", TODAY)
    assert person.id is not None
    return person.id


@pytest.fixture
def unit(store: Store, catalog: Catalog) -> dict[str, int]:
    ids = {
        "an": _add(store, catalog, "Nguyễn Văn An", History(years=(_year(2026, "htxs"),))),
        "binh": _add(store, catalog, "Trần Thị Bình",
                     History(years=(_year(2026, "htt", ticks=False),)), gender=Gender.NU),
        "cuong": _add(store, catalog, "Lê Văn Cường",
                      History(years=(_year(2026, "htxs", pending=True),))),
        "dung": _add(store, catalog, "Phạm Thị Dung", History(
            years=(_year(2026, "htxs"),),
            discipline=(Discipline(DisciplineLevel.KHIEN_TRACH, date(2026, 2, 1),
                                   date(2026, 8, 1)),))),
        "em": _add(store, catalog, "Hoàng Văn Em", History(
            years=tuple(_year(y, "htxs") for y in (2024, 2025, 2026)),
            awards=(*(Award(y, "chien_si_thi_dua_co_so") for y in (2024, 2025, 2026)),
                    Award(2026, "lao_dong_tien_tien")),
            initiatives=(Initiative(2025, "Phần mềm quản lý hồ sơ", Scope.TINH,
                                    decision_no="12/QĐ-UBND"),))),
        "giang": _add(store, catalog, "Võ Thị Giang", History(
            years=tuple(_year(y, "htxs" if y % 2 else "htt") for y in range(2020, 2027)),
            awards=(Award(2020, "bang_khen_tinh", AwardKind.CONG_TRANG),
                    *(Award(y, "chien_si_thi_dua_co_so") for y in (2021, 2023, 2025))))),
        "hai": _add(store, catalog, "Đỗ Văn Hải", History(
            years=tuple(_year(y, "htxs" if y % 2 else "htt") for y in range(2020, 2027)),
            awards=(Award(2020, "bang_khen_tinh", AwardKind.DOT_XUAT),
                    *(Award(y, "chien_si_thi_dua_co_so") for y in (2021, 2023, 2025))))),
        "khanh": _add(store, catalog, "Bùi Văn Khánh", History(
            years=(_year(2026, "htt"),)), hired=date(2026, 9, 1)),
    }
    return ids


def _verdicts(store: Store, catalog: Catalog, pid: int) -> dict[str, str]:
    ref = SubjectRef(SubjectKind.PERSON, pid)
    return {v.target: v.verdict for v in el.evaluate_subject(store, catalog, ref, 2026,
                                                             "default")}


def test_panel_verdicts(store: Store, catalog: Catalog, unit: dict[str, int]) -> None:
    an = _verdicts(store, catalog, unit["an"])
    assert an["lao_dong_tien_tien"] == "eligible"
    assert an["chien_si_thi_dua_co_so"] == "eligible"
    assert an["chien_si_thi_dua_tinh"] == "ineligible"
    assert _verdicts(store, catalog, unit["cuong"])["lao_dong_tien_tien"] == "hold"
    assert _verdicts(store, catalog, unit["dung"])["lao_dong_tien_tien"] == "ineligible"
    assert _verdicts(store, catalog, unit["em"])["chien_si_thi_dua_tinh"] == "eligible"
    assert _verdicts(store, catalog, unit["giang"])["bang_khen_thu_tuong"] == "eligible"
    assert _verdicts(store, catalog, unit["hai"])["bang_khen_thu_tuong"] == "ineligible"
    assert _verdicts(store, catalog, unit["khanh"])["lao_dong_tien_tien"] == "ineligible"


def test_unconfirmed_ticks_are_evidence_needed_not_met(store: Store, catalog: Catalog,
                                                      unit: dict[str, int]) -> None:
    ref = SubjectRef(SubjectKind.PERSON, unit["binh"])
    ldtt = next(v for v in el.evaluate_subject(store, catalog, ref, 2026, "default")
                if v.target == "lao_dong_tien_tien")
    assert ldtt.eligible and not ldtt.confirmed
    assert any("Xác nhận" in e for e in ldtt.evidence_needed)
    assert any("ưu tiên" in line for line in ldtt.info)  # a woman: tie-break information
    code = "lao_dong_tien_tien"
    assert unit["binh"] in el.eligible_ids(store, catalog, code, 2026, "default")
    assert unit["binh"] not in el.eligible_ids(store, catalog, code, 2026, "default",
                                               confirmed_only=True)


def test_registry_filter_matches_the_panel(store: Store, catalog: Catalog,
                                           unit: dict[str, int]) -> None:
    table = el.eligibility_table(store, catalog, 2026, "default")
    for code in table:
        bulk = el.eligible_ids(store, catalog, code, 2026, "default")
        assert bulk == table[code]["eligible"]
        panel = sorted(pid for pid in unit.values()
                       if _verdicts(store, catalog, pid)[code] == "eligible")
        assert bulk == panel, code
    assert table["lao_dong_tien_tien"]["hold"] == [unit["cuong"]]
    assert unit["giang"] in table["bang_khen_thu_tuong"]["eligible"]


def test_collective_members_and_share(store: Store, catalog: Catalog,
                                      unit: dict[str, int]) -> None:
    member_ids = []
    for i, held in enumerate([True] * 7 + [False] * 3):
        awards = (Award(2026, "lao_dong_tien_tien"),) if held else ()
        member_ids.append(_add(store, catalog, f"Thành Viên {chr(65 + i)}",
                               History(years=(_year(2026, "htt"),), awards=awards),
                               gender=Gender.NU))
    collective, _ = add_collective(
        store, catalog, Collective(None, "Phòng Văn hóa - Xã hội", CollectiveKind.PHONG_BAN,
                                   member_ids=tuple(member_ids)),
        History(years=(_year(2026, "htt"),)), "test")
    assert collective.id is not None
    ref = SubjectRef(SubjectKind.COLLECTIVE, collective.id)
    verdicts = {v.target: v for v in el.evaluate_subject(store, catalog, ref, 2026, "default")}
    ttldtt = verdicts["tap_the_lao_dong_tien_tien"]
    assert ttldtt.verdict == "eligible"
    assert any("7/10" in r.message for r in ttldtt.reasons)
    assert any("70%" in line for line in ttldtt.info)  # all members are women
    assert el.eligible_ids(store, catalog, "tap_the_lao_dong_tien_tien", 2026, "default") == \
        [collective.id]
    # TTLĐXS needs HTXSNV and a CSTĐCS member; the example province's 50 % share reaches the
    # store path too once three members lose their LĐTT.
    assert verdicts["tap_the_lao_dong_xuat_sac"].verdict == "ineligible"
    assert el.eligible_ids(store, catalog, "tap_the_lao_dong_tien_tien", 2026,
                           "vi_du_cach_doc_cu") == [collective.id]
    assert el.eligible_ids(store, catalog, "giay_khen", 2026, "default",
                           kind="collective") == []  # no movement achievement confirmed
    assert el.eligible_ids(store, catalog, "gia_dinh_van_hoa", 2026, "default") == []


def test_next_steps_name_the_missing_year(store: Store, catalog: Catalog,
                                          unit: dict[str, int]) -> None:
    ref = SubjectRef(SubjectKind.PERSON, unit["em"])
    steps = el.next_steps(store, catalog, ref, 2025, "default")
    tinh = next(s for s in steps if s.code == "chien_si_thi_dua_tinh")
    assert tinh.year == 2026
    assert "cần thêm danh hiệu CSTĐCS năm 2026" not in tinh.missing  # 2026 is recorded
    steps = el.next_steps(store, catalog, ref, 2026, "default")
    assert all(s.code != "chien_si_thi_dua_co_so" for s in steps)  # already held
    tq = next(s for s in steps if s.code == "chien_si_thi_dua_toan_quoc")
    assert tq.verdict == "ineligible" and tq.missing
    an = el.next_steps(store, catalog, SubjectRef(SubjectKind.PERSON, unit["an"]), 2026,
                       "default")
    tinh = next(s for s in an if s.code == "chien_si_thi_dua_tinh")
    assert "cần thêm danh hiệu CSTĐCS năm 2027" in tinh.missing


def test_unknown_subject_gives_no_verdicts(store: Store, catalog: Catalog) -> None:
    assert el.evaluate_subject(store, catalog, SubjectRef(SubjectKind.PERSON, 999), 2026,
                               "default") == []
