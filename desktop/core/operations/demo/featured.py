"""The people the demo is about ([[featured]] in commune.toml): each shows a rule of the law at
work in the review year. They take the place of ordinary staff of their department, so head
counts stay the same, and get the history the file writes for them."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from desktop.core.model import (
    Award,
    Discipline,
    Rating,
    ResearchTopic,
    SubjectGroup,
    YearRecord,
)
from desktop.core.operations.demo.data import AwardSpec, DemoData, Featured
from desktop.core.operations.demo.history import (
    CSTDCS,
    LDTT,
    Register,
    history_years,
    initiative,
    ticks,
)
from desktop.core.operations.demo.registry import Draft, NamePool


def feature(rng: random.Random, data: DemoData, drafts: list[Draft], names: NamePool,
            review_year: int, register: Register, today: date) -> None:
    """Write each featured person's history over a drawn staff member, in the file's order."""
    for spec in data.featured:
        chosen = _take(data, drafts, names, spec, review_year)
        _years(rng, data, chosen, spec, review_year, register)
        _extras(rng, data, chosen, spec, review_year, register, today)


def _take(data: DemoData, drafts: list[Draft], names: NamePool, spec: Featured,
          review_year: int) -> Draft:
    """The holder of the position in the department, or else an ordinary staff member."""
    chosen = _holder(data, drafts, spec)
    names.used.discard(chosen.person.full_name)
    first = history_years(data, review_year)[0]
    hired = chosen.person.hired_on
    start = date(first - 1, 9, 1)
    chosen.person = replace(chosen.person, full_name=names.take(spec.name), gender=spec.gender,
                            ethnicity=spec.ethnicity, position=spec.position,
                            hired_on=min(hired, start) if hired else start)
    chosen.first_year = first
    chosen.fixed = True
    return chosen


def _staff(drafts: list[Draft], department: str) -> list[Draft]:
    """The department's civil servants not featured yet."""
    return [d for d in drafts if d.person.department == department and not d.fixed
            and d.person.group is SubjectGroup.CBCCVC]


def _holder(data: DemoData, drafts: list[Draft], spec: Featured) -> Draft:
    dept = data.department(spec.department)
    leaders = set(dept.leaders) if dept else set()
    pool = _staff(drafts, spec.department)
    chosen = next((d for d in pool if d.person.position == spec.position), None) or \
        next((d for d in pool if d.person.position not in leaders), None)
    if chosen is None:
        raise AssertionError(f"no staff to feature in {spec.department}")
    return chosen


def _years(rng: random.Random, data: DemoData, d: Draft, spec: Featured, review_year: int,
           register: Register) -> None:
    """Every year of history with its rating and confirmed qualities; LĐTT for each htt/htxs
    year (the review year's too, decided in November), CSTĐCS in the years the file names."""
    for year in history_years(data, review_year):
        offset = year - review_year
        rating = spec.ratings.get(offset, Rating.HTT)
        d.years[year] = YearRecord(year=year, rating=rating, **ticks(rng, data))
        if rating in (Rating.HTT, Rating.HTXS):
            d.awards.append(register.award(LDTT, year))
        if offset in spec.cstdcs:
            d.awards.append(register.award(CSTDCS, year))
    if spec.undecided_from is not None:
        d.awards[:] = [a for a in d.awards if a.year < review_year + spec.undecided_from]


def _extras(rng: random.Random, data: DemoData, d: Draft, spec: Featured, review_year: int,
            register: Register, today: date) -> None:
    """Initiatives, research, a pending review, discipline and other awards, in that order
    (the order in which their numbers are drawn)."""
    history = data.population.history_years
    for i in spec.initiatives:
        d.initiatives.append(initiative(rng, data, i, i.year.resolve(review_year, history),
                                        today))
    for r in spec.research:
        year = r.year.resolve(review_year, history)
        d.research.append(ResearchTopic(
            year=year, name=r.name, scope=r.scope,
            accepted_on=min(r.accepted_on.on(year, review_year), today) if r.accepted_on
            else None, applied=r.applied))
    if spec.pending_review:
        d.years[review_year] = replace(d.years[review_year], pending_review=True,
                                       pending_note=spec.pending_review)
    for x in spec.discipline:
        d.discipline.append(Discipline(
            level=x.level, start_date=x.start.on(review_year, review_year),
            end_date=x.end.on(review_year, review_year) if x.end else None,
            decision_no=x.decision_no.draw(rng), reason=x.reason))
    for a in spec.awards:
        d.awards.append(_award(rng, a, a.year.resolve(review_year, history), review_year,
                               register, today))


def _award(rng: random.Random, spec: AwardSpec, year: int, review_year: int,
           register: Register, today: date) -> Award:
    if spec.decision_no is None:
        return replace(register.award(spec.title, year), kind=spec.kind)
    assert spec.decision_date is not None
    return Award(year=year, code=spec.title, kind=spec.kind,
                 decision_no=spec.decision_no.draw(rng),
                 decision_date=min(spec.decision_date.on(year, review_year), today),
                 issuer=spec.issuer)
