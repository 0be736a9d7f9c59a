"""The registration picker in January showed every row as refused, "Chưa có xếp loại năm
2026": a pledge is made before the year's facts exist. The classification (core): a subject
whose only unmet reasons are facts of the year still in progress awaits them; what is already
known (a rating given below the need, discipline, on hold) stays a refusal, and so does a
missing fact of a year that has ended."""

from __future__ import annotations

from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Discipline,
    DisciplineLevel,
    History,
    Person,
    Rating,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.model.bulk import BulkRow
from desktop.core.operations import eligibility
from desktop.core.operations import registry as reg
from desktop.core.operations import rounds as ops
from desktop.core.store import Store

LDTT, CSTDCS = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
JANUARY = date(2026, 1, 8)


def add(store: Store, catalog: Catalog, name: str, *years: YearRecord,
        **history: tuple[object, ...]) -> SubjectRef:
    last = YearRecord(2025, Rating.HTT, exemplary=True, solidarity=True, movement=True)
    person, _c = reg.add_person(store, catalog, Person(None, name, date(1985, 1, 1),
                                                       hired_on=date(2010, 1, 1)),
                                History(years=(last, *years), **history),  # type: ignore[arg-type]
                                "t", JANUARY)
    assert person.id is not None
    return SubjectRef(SubjectKind.PERSON, person.id)


def by_name(rows: list[BulkRow]) -> dict[str, BulkRow]:
    return {r.name: r for r in rows}


def test_only_the_years_missing_facts_make_a_row_wait_known_refusals_stay(
        store: Store, catalog: Catalog) -> None:
    fresh = add(store, catalog, "Nguyễn Văn An")
    rated_low = add(store, catalog, "Lê Văn Cường", YearRecord(2026, Rating.HT))
    punished = add(store, catalog, "Đỗ Thị Hoa", discipline=(
        Discipline(DisciplineLevel.KHIEN_TRACH, date(2026, 1, 2), date(2026, 12, 31)),))
    on_hold = add(store, catalog, "Hoàng Văn Em",
                  YearRecord(2026, None, pending_review=True, pending_note="thanh tra"))
    refs = [fresh, rated_low, punished, on_hold]
    rows = by_name(ops.registration_preview(store, catalog, 2026, refs, LDTT, today=JANUARY))
    waiting = rows["Nguyễn Văn An"]
    assert waiting.pending and waiting.verdict is not None
    assert waiting.verdict.verdict.value == "ineligible"     # the verdict itself is unchanged
    assert [r.code for r in waiting.awaiting] == ["rating_at_least", "qualities"]
    assert "2026" in waiting.awaiting[0].message
    assert not any(rows[n].pending for n in ("Lê Văn Cường", "Đỗ Thị Hoa", "Hoàng Văn Em"))
    # a higher title: its own HTXSNV and the LĐTT of the year it needs are both awaited
    higher = by_name(ops.registration_preview(store, catalog, 2026, refs, CSTDCS,
                                              today=JANUARY))
    assert higher["Nguyễn Văn An"].pending and not higher["Lê Văn Cường"].pending
    assert {"meets_title", "lao_dong_tien_tien/rating_at_least", "rating_at_least"} <= {
        r.code for r in higher["Nguyễn Văn An"].awaiting}
    # the picker's rows and its "every one who could still earn it" agree
    picked = ops.registrable_subjects(store, catalog, LDTT, 2026, SubjectKind.PERSON)
    assert [r.subject for r in rows.values() if r.pending] == picked


def test_a_year_that_has_ended_awaits_nothing(store: Store, catalog: Catalog) -> None:
    """In January 2026, 2025's missing rating is a gap to fill, not a fact still to come."""
    unrated = add(store, catalog, "Trần Thị Bích")
    rows = ops.registration_preview(store, catalog, 2027, [unrated], LDTT, today=JANUARY)
    assert rows[0].pending       # next year: nothing of it exists yet
    rows = ops.registration_preview(store, catalog, 2026, [unrated], LDTT,
                                    today=date(2027, 1, 5))
    assert not rows[0].pending and not rows[0].eligible
    rows = ops.registration_preview(store, catalog, 2026, [unrated], LDTT)   # no day given
    assert not rows[0].pending


def test_awaiting_year_compares_the_verdict_now_with_the_year_at_its_best(
        store: Store, catalog: Catalog) -> None:
    fresh = add(store, catalog, "Phạm Thị Dung")
    now = eligibility.evaluate_subject(store, catalog, fresh, 2026, "default")
    actual = next(v for v in now if v.target == LDTT)
    best = eligibility.verdicts_at_best(store, catalog, [fresh], LDTT, 2026, "default")[fresh]
    assert (actual.verdict, best.verdict) == ("ineligible", "eligible")
    assert [r.code for r in eligibility.awaiting_year(actual, best)] == [
        "rating_at_least", "qualities"]
    assert eligibility.awaiting_year(best, best) == ()         # eligible: nothing awaited
    assert eligibility.awaiting_year(actual, actual) == ()     # refused at best too
    assert eligibility.year_in_progress(2026, JANUARY)
    assert not eligibility.year_in_progress(2025, JANUARY)


def test_a_collective_awaits_its_members_results_of_the_year(
        store: Store, catalog: Catalog) -> None:
    """TTLĐTT reads the members' LĐTT of the year: in January there is none yet."""
    from desktop.core.model import Collective, CollectiveKind

    members = [add(store, catalog, f"Thành Viên {chr(65 + i)}").id for i in range(3)]
    group, _c = reg.add_collective(store, catalog, Collective(
        None, "Phòng Văn hóa - Xã hội", CollectiveKind.PHONG_BAN, member_ids=tuple(members)),
        History(), "t")
    assert group.id is not None
    ref = SubjectRef(SubjectKind.COLLECTIVE, group.id)
    row = ops.registration_preview(store, catalog, 2026, [ref], "tap_the_lao_dong_tien_tien",
                                   today=JANUARY)[0]
    assert [r.code for r in row.awaiting] == ["rating_at_least", "member_share", "qualities"]
    # a member disciplined this year is known: the collective is refused, not waiting
    reg.add_person(store, catalog, Person(None, "Đỗ Văn Khánh", date(1985, 1, 1),
                                          hired_on=date(2010, 1, 1)),
                   History(discipline=(Discipline(DisciplineLevel.CANH_CAO, date(2026, 1, 2),
                                                  date(2026, 12, 31)),)), "t", JANUARY)
    punished = ops.candidates(store, SubjectKind.PERSON, "Khánh")[0][0].subject.id
    troubled, _c = reg.add_collective(store, catalog, Collective(
        None, "Phòng Kinh tế", CollectiveKind.PHONG_BAN, member_ids=(punished,)), History(),
        "t")
    assert troubled.id is not None
    row = ops.registration_preview(store, catalog, 2026,
                                   [SubjectRef(SubjectKind.COLLECTIVE, troubled.id)],
                                   "tap_the_lao_dong_tien_tien", today=JANUARY)[0]
    assert not row.pending and not row.eligible
