"""On a store of random histories, the registry filter (bulk, reads only what the rules need)
and each person's panel (everything, one subject) give the same verdicts."""

from __future__ import annotations

import random
from datetime import date

import pytest

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Award,
    AwardKind,
    Collective,
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
    YearRecord,
)
from desktop.core.operations import eligibility as el
from desktop.core.store import Store
from desktop.core.store import registry as repo

CODES = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh",
         "bang_khen_tinh", "bang_khen_thu_tuong", "giay_khen")


def _tick(rng: random.Random) -> bool | None:
    return rng.choice([None, True, True, True, False])


def _history(rng: random.Random, strong: bool) -> History:
    years, awards, initiatives, research, discipline = [], [], [], [], []
    for y in range(2012, 2027):
        if not strong and rng.random() < 0.3:
            continue
        rating = rng.choice(["htxs", "htxs", "htt"] if strong else ["htxs", "htt", "ht", "kht"])
        years.append(YearRecord(y, Rating(rating), pending_review=rng.random() < 0.03,
                                exemplary=_tick(rng), solidarity=_tick(rng),
                                movement=_tick(rng)))
        if rating in ("htt", "htxs") and rng.random() < 0.8:
            awards.append(Award(y, "lao_dong_tien_tien"))
        if rating == "htxs" and rng.random() < (0.9 if strong else 0.4):
            awards.append(Award(y, "chien_si_thi_dua_co_so"))
        if rng.random() < 0.08:
            awards.append(Award(y, rng.choice(["bang_khen_tinh", "bang_khen_thu_tuong",
                                               "chien_si_thi_dua_tinh"]),
                                rng.choice([AwardKind.CONG_TRANG, AwardKind.DOT_XUAT])))
    for _ in range(rng.randint(0, 3)):
        used = rng.choice([("", None), ("chien_si_thi_dua_co_so", 2026),
                           ("bang_khen_tinh", 2025)])
        initiatives.append(Initiative(rng.randint(2020, 2026), "Sáng kiến",
                                      rng.choice(list(Scope)), used_for_code=used[0],
                                      used_for_year=used[1]))
    if rng.random() < 0.2:
        research.append(ResearchTopic(rng.randint(2020, 2026), "Đề tài", Scope.CO_SO,
                                      accepted_on=rng.choice([None, date(2026, 5, 1)]),
                                      applied=rng.random() < 0.5))
    if rng.random() < 0.1:
        start = date(rng.randint(2018, 2026), 3, 1)
        discipline.append(Discipline(rng.choice(list(DisciplineLevel)[:2]), start,
                                     rng.choice([None, date(start.year, 9, 1)])))
    return History(tuple(years), tuple(awards), tuple(initiatives), tuple(research),
                   tuple(discipline))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_and_panel_agree_on_random_histories(store: Store, catalog: Catalog,
                                                  seed: int) -> None:
    rng = random.Random(seed)
    people = [Person(None, f"Người Thứ {i}", gender=rng.choice(list(Gender)),
                     group=rng.choice(list(SubjectGroup)),
                     hired_on=rng.choice([None, date(2010, 1, 1), date(2026, 8, 1)]))
              for i in range(120)]
    with store.write() as db:
        repo.insert_people(db, people)
        ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id")]
        for pid in ids:
            repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid),
                             _history(rng, rng.random() < 0.4))
        for c in range(6):
            members = tuple(rng.sample(ids, rng.randint(0, 15)))
            cid = repo.insert_collective(db, Collective(None, f"Tổ {c}", member_ids=members))
            repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid),
                             History((YearRecord(2026, Rating.HTT, solidarity=True,
                                                 movement=True),)))
    table = el.eligibility_table(store, catalog, 2026, "default")
    panels = {pid: {v.target: v for v in el.evaluate_subject(
        store, catalog, SubjectRef(SubjectKind.PERSON, pid), 2026, "default")} for pid in ids}
    reached = 0
    for code in CODES:
        panel = sorted(pid for pid in ids if panels[pid][code].verdict == "eligible")
        confirmed = sorted(pid for pid in ids if panels[pid][code].confirmed)
        hold = sorted(pid for pid in ids if panels[pid][code].verdict == "hold")
        assert table[code]["eligible"] == panel, code
        assert table[code]["confirmed"] == confirmed, code
        assert table[code]["hold"] == hold, code
        assert el.eligible_ids(store, catalog, code, 2026, "default") == panel, code
        reached += bool(panel)
    assert reached >= 3  # the data reaches several titles, not only "nobody qualifies"
    # People are evaluated a span of ids at a time: spans of 7 and of 1 (every id a boundary)
    # give the same table as one span of everyone.
    for chunk in (7, 1):
        assert el.eligibility_table(store, catalog, 2026, "default", chunk=chunk) == table
        assert el.eligible_ids(store, catalog, "chien_si_thi_dua_co_so", 2026, "default",
                               chunk=chunk) == table["chien_si_thi_dua_co_so"]["eligible"]
    ctable = el.eligibility_table(store, catalog, 2026, "default", "collective")
    cids = [r[0] for r in store.db.execute("SELECT id FROM collectives")]
    for code, sets in ctable.items():
        panel = sorted(cid for cid in cids if next(
            v for v in el.evaluate_subject(store, catalog,
                                           SubjectRef(SubjectKind.COLLECTIVE, cid), 2026,
                                           "default") if v.target == code).eligible)
        assert sets["eligible"] == panel, code


def test_span_sets_from_the_arrays_equal_those_from_the_facts(store: Store,
                                                              catalog: Catalog) -> None:
    """Each span answers the engine's starting sets (groups, hire cut-off, quality ticks,
    ratings) from the sorted arrays; the same facts, filled into the span as into any
    population, give the same sets through Population's own methods."""
    from desktop.core.operations import eligibility_bulk as bulk
    from desktop.core.rules import Population

    rng = random.Random(7)
    people = [Person(None, f"Người Thứ {i}", group=rng.choice(list(SubjectGroup)),
                     hired_on=rng.choice([None, date(2010, 1, 1), date(2025, 12, 31),
                                          date(2026, 1, 1), date(2026, 8, 2)]))
              for i in range(60)]
    with store.write() as db:
        repo.insert_people(db, people)
        ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id")]
        for pid in ids:
            repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid),
                             _history(rng, rng.random() < 0.4))
    everyone = bulk.People(store, catalog, 2026, "default")
    groups = [g.value for g in SubjectGroup]
    checked = 0
    for pop in everyone.populations(9):
        asks: list[tuple[str, tuple[object, ...]]] = [
            *(("in_groups", (groups[:k],)) for k in range(len(groups) + 1)),
            ("in_groups", (groups[2:],)),
            *(("hired_by", (day,)) for day in (date(2009, 12, 31), date(2010, 1, 1),
                                               date(2026, 1, 1), date(2026, 12, 1))),
            *(("answered", (name, 2026)) for name in ("exemplary", "solidarity", "movement")),
            *(("rated_at_least", (rank, year)) for rank in range(4) for year in (2024, 2025,
                                                                                 2026)),
        ]
        for method, args in asks:
            pop.cache.clear()
            fast = getattr(pop, method)(*args)
            pop.cache.clear()
            plain = getattr(Population, method)(pop, *args)
            assert fast == plain, (method, args)
            checked += bool(plain if isinstance(plain, set) else plain[0] | plain[1])
    assert checked > 20  # the sets compared are not all empty
