"""Registration is a pledge made in January, not a verdict (walk b11): "every eligible" found
nobody then, as nobody has the year's rating yet. The registration picker ticks everyone
who could still earn the title: what the year has not recorded yet is taken at its best,
what is already known still excludes."""

from __future__ import annotations

from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Award,
    Collective,
    CollectiveKind,
    Discipline,
    DisciplineLevel,
    History,
    Person,
    Rating,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations import registry as reg
from desktop.core.operations import rounds as ops
from desktop.core.store import Store

LDTT, CSTDCS = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
YEAR = 2026


def add(store: Store, catalog: Catalog, today: date, name: str, *years: YearRecord,
        hired: date = date(2010, 1, 1), **history: tuple[object, ...]) -> int:
    last = YearRecord(YEAR - 1, Rating.HTT, exemplary=True, solidarity=True, movement=True)
    person, _c = reg.add_person(store, catalog, Person(None, name, date(1985, 1, 1),
                                                       hired_on=hired),
                                History(years=(last, *years), **history),  # type: ignore[arg-type]
                                "t", today)
    assert person.id is not None
    return person.id


def test_who_could_still_earn_the_title_is_picked_and_who_cannot_is_not(
        store: Store, catalog: Catalog, today: date) -> None:
    fresh = add(store, catalog, today, "Nguyễn Văn An")                      # nothing yet
    ticks_open = add(store, catalog, today, "Trần Thị Bích",
                     YearRecord(YEAR, Rating.HTT))                            # rated, unticked
    rated_low = add(store, catalog, today, "Lê Văn Cường", YearRecord(YEAR, Rating.HT))
    not_solid = add(store, catalog, today, "Phạm Thị Dung",
                    YearRecord(YEAR, None, solidarity=False))
    on_hold = add(store, catalog, today, "Hoàng Văn Em",
                  YearRecord(YEAR, None, pending_review=True, pending_note="chờ kết luận"))
    disciplined = add(store, catalog, today, "Đỗ Thị Hoa", discipline=(
        Discipline(DisciplineLevel.KHIEN_TRACH, date(YEAR, 3, 1), date(YEAR, 9, 1)),))
    awarded = add(store, catalog, today, "Vũ Văn Giang", awards=(Award(YEAR, LDTT),))
    late = add(store, catalog, today, "Bùi Thị Hằng", hired=date(YEAR, 10, 1))
    # "eligible in 2026" is what the year-end review asks: in January it is nobody fresh
    assert fresh not in set(r.id for r in ops.eligible_subjects(
        store, catalog, LDTT, YEAR, SubjectKind.PERSON))
    picked = ops.registrable_subjects(store, catalog, LDTT, YEAR, SubjectKind.PERSON)
    assert picked == [SubjectRef(SubjectKind.PERSON, i) for i in sorted((fresh, ticks_open))]
    assert {rated_low, not_solid, on_hold, disciplined, awarded, late}.isdisjoint(
        r.id for r in picked)
    # a higher title: the best rating still to come would meet HTXSNV, so the fresh can pledge
    higher = {r.id for r in ops.registrable_subjects(store, catalog, CSTDCS, YEAR,
                                                     SubjectKind.PERSON)}
    assert fresh in higher and rated_low not in higher


def test_a_collective_whose_members_have_no_results_yet_can_pledge(
        store: Store, catalog: Catalog, today: date) -> None:
    """TTLĐTT reads the members' year (their share of LĐTT): in January there is none, which
    is "still to come"; a member's discipline in the year is known and still counts."""
    members = [add(store, catalog, today, f"Thành Viên {chr(65 + i)}") for i in range(4)]
    fresh, _c = reg.add_collective(store, catalog, Collective(
        None, "Phòng Văn hóa - Xã hội", CollectiveKind.PHONG_BAN, member_ids=tuple(members)),
        History(), "t")
    punished = add(store, catalog, today, "Đỗ Văn Khánh", discipline=(
        Discipline(DisciplineLevel.CANH_CAO, date(YEAR, 2, 1), date(YEAR, 12, 31)),))
    troubled, _c = reg.add_collective(store, catalog, Collective(
        None, "Phòng Kinh tế", CollectiveKind.PHONG_BAN, member_ids=(punished,)),
        History(), "t")
    assert fresh.id is not None and troubled.id is not None
    code = "tap_the_lao_dong_tien_tien"
    assert ops.eligible_subjects(store, catalog, code, YEAR, SubjectKind.COLLECTIVE) == []
    picked = ops.registrable_subjects(store, catalog, code, YEAR, SubjectKind.COLLECTIVE)
    assert SubjectRef(SubjectKind.COLLECTIVE, fresh.id) in picked
    assert SubjectRef(SubjectKind.COLLECTIVE, troubled.id) not in picked
