"""What-if eligibility: the verdicts for a person or collective as the editor holds them, not
as stored (issue 12: "Chưa có xếp loại 2025" stayed until the officer saved, reopened and
chose the year again).

The subject and its history are values (a `Person` or `Collective` and a `History`), turned
into a one-subject `Population` exactly as `eligibility.load_population` turns stored rows
into one, and evaluated by the same engine; nothing is read about the subject from the store
and nothing is written. A collective's members are other people: their facts are read as
stored (the collective editor changes who the members are, not their records).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.catalog import Catalog
from desktop.core.model import Collective, History, Person
from desktop.core.operations.eligibility import (
    NextStep,
    load_population,
    member_facts,
    steps_for,
)
from desktop.core.rules import DisciplineFact, Engine, Population, ProofFact, Verdict
from desktop.core.store import Store

DRAFT_ID = 0   # the one subject of a what-if population (stored ids start at 1)


@dataclass(frozen=True)
class WhatIf:
    """The verdicts for `year` and what is missing for the titles above in `year + 1`."""

    year: int
    verdicts: tuple[Verdict, ...]
    next_steps: tuple[NextStep, ...]


def person_population(catalog: Catalog, person: Person, history: History, year: int
                      ) -> Population:
    """A population of one: `person` with `history`, reviewed for `year`."""
    pop = Population("individual", year)
    pop.add_subject(DRAFT_ID, person.group.value,
                    person.gender.value if person.gender else None, person.hired_on)
    _add_history(pop, catalog, history)
    return pop


def collective_population(store: Store, catalog: Catalog, collective: Collective,
                          history: History, year: int) -> Population:
    """A population of one: `collective` with `history` and its members as listed."""
    pop = Population("collective", year)
    pop.add_subject(DRAFT_ID, collective_kind=collective.kind.value)
    _add_history(pop, catalog, history)
    members = sorted(set(collective.member_ids))
    people = (load_population(store, catalog, "individual", year, members,
                              review_year_only=True) if members else None)
    pop.members[DRAFT_ID] = member_facts(catalog, people, members, year)
    return pop


def _add_history(pop: Population, catalog: Catalog, history: History) -> None:
    sid = DRAFT_ID
    for y in history.years:
        pop.add_year(sid, y.year, y.rating.value if y.rating else None, y.pending_review,
                     y.exemplary, y.solidarity, y.movement)
    for award in history.awards:
        info = catalog.titles.get(award.code)
        if info is None:
            continue
        if info.is_title:
            pop.add_title(sid, award.code, award.year)
        else:
            pop.add_award(sid, award.code, award.year, award.kind.value)
    for i in history.initiatives:
        # recorded once recognised, which requires it to have been applied (as stored ones)
        pop.add_proof(sid, ProofFact("initiative", i.year, i.scope.value, i.name,
                                     i.decision_no, i.used_for_code, i.used_for_year,
                                     applied=True))
    for t in history.research:
        pop.add_proof(sid, ProofFact("research", t.year, t.scope.value, t.name, "",
                                     t.used_for_code, t.used_for_year,
                                     t.accepted_on is not None, t.applied))
    for d in history.discipline:
        pop.add_discipline(sid, DisciplineFact(d.level.value, d.start_date, d.end_date,
                                               d.decision_no))
    for claim in history.claims:
        if claim.year == pop.review_year:   # a confirmation holds for its own year
            pop.add_claim(sid, claim.code)


def _evaluate(engine: Engine, pop: Population, next_engine: Engine,
              next_pop: Population) -> WhatIf:
    verdicts = tuple(engine.evaluate(pop, DRAFT_ID, info.code)
                     for info in engine.applicable(pop.kind))
    return WhatIf(pop.review_year, verdicts,
                  tuple(steps_for(next_engine, next_pop, DRAFT_ID)))


def evaluate_person(catalog: Catalog, person: Person, history: History, year: int,
                    province: str, *, next_catalog: Catalog | None = None) -> WhatIf:
    """Every title `person` (as typed, with `history` as typed) qualifies for in `year`;
    the next year's steps under `next_catalog` (the rules for year + 1, issue 14), by
    default `catalog`."""
    after = next_catalog or catalog
    return _evaluate(Engine.for_province(catalog, province),
                     person_population(catalog, person, history, year),
                     Engine.for_province(after, province),
                     person_population(after, person, history, year + 1))


def evaluate_collective(store: Store, catalog: Catalog, collective: Collective,
                        history: History, year: int, province: str, *,
                        next_catalog: Catalog | None = None) -> WhatIf:
    """Every title `collective` (as typed: members, kind, history) qualifies for in `year`;
    the next year's steps under `next_catalog`, by default `catalog`."""
    after = next_catalog or catalog
    return _evaluate(Engine.for_province(catalog, province),
                     collective_population(store, catalog, collective, history, year),
                     Engine.for_province(after, province),
                     collective_population(store, after, collective, history, year + 1))


def verdict_codes(verdicts: Sequence[Verdict]) -> dict[str, str]:
    """Title code → verdict ("eligible", "ineligible", "hold"), for comparing two answers."""
    return {v.target: v.verdict for v in verdicts}
