"""Everyone's eligibility with flat memory: the people of the unit, one span at a time.

Every rule reads one subject's own facts only, so evaluating people span by span gives the
verdicts of one population of everyone. The facts are read once, one sequential scan per
table, as sorted arrays of ids by value (store.facts.*_by_value: about 8 bytes a fact, no
Python object per row); each span's Population is built from slices of those arrays, evaluated
and dropped. At 300,000 people the arrays take some 30 MB, where one Population of everyone
took ~460 MB.

Where the time goes (bench/README.md, issue 16): the SQLite scans, so the year records are read
on a second connection while this one reads people and awards; a span answers the sets the
selections start from (groups, hire cut-off, ticks, recent ratings) from the arrays directly;
the engine evaluates each title's rule once per span (Context.rule_sets).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, compress
from typing import Any

from sqlite_utils import Database

from desktop.core.catalog import Catalog
from desktop.core.model import Rating
from desktop.core.rules import Engine, Population
from desktop.core.rules.facts import RATING_RANK
from desktop.core.store import Store
from desktop.core.store import facts as q

# People per span: enough that the per-span work is spread, few enough that one span's
# Population stays small (~2 KB a person while it lives; 300,000 people: 30 spans). Measured
# at 300k (bench/README.md): 2,500 to 20,000 cost the same CPU; peak RSS 99 MB at 2,500,
# 111 MB at 10,000, 128 MB at 20,000, 191 MB at 50,000.
BULK_CHUNK = 10_000


def _cut(ids: array[int], first: int, last: int) -> array[int]:
    """The ids of a sorted array within first..last."""
    return ids[bisect_left(ids, first):bisect_right(ids, last)]


class _ByOwner:
    """Rows of a small table (initiatives, discipline …) sorted by owner id, cut by span."""

    def __init__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.rows = sorted(rows, key=lambda r: int(r[0]))
        self.keys = [int(r[0]) for r in self.rows]

    def within(self, first: int, last: int) -> list[tuple[Any, ...]]:
        return self.rows[bisect_left(self.keys, first):bisect_right(self.keys, last)]


class _Span(Population):
    """The people of one span. Its facts are filled as any population's (every reader
    works); the sets the engine's selections start from come straight from the sorted
    arrays of `People`, with no pass over those facts in Python."""

    def __init__(self, people: People, first: int, last: int) -> None:
        super().__init__("individual", people.year)
        self.source, self.first, self.last = people, first, last

    def _ids(self, ids: array[int]) -> array[int]:
        return _cut(ids, self.first, self.last)

    def in_groups(self, groups: Iterable[str]) -> set[int]:
        wanted = tuple(groups)
        key = ("group", wanted)
        if key not in self.cache:
            by_group = self.source.groups
            self.cache[key] = set().union(*(self._ids(by_group[g]) for g in wanted
                                            if g in by_group))
        result: set[int] = self.cache[key]
        return result

    def hired_by(self, latest: date) -> set[int]:
        key = ("hired_by", latest)
        if key not in self.cache:
            ids, days = self.source.hired_ids, self.source.hired_days
            lo, hi = bisect_left(ids, self.first), bisect_right(ids, self.last)
            self.cache[key] = set(compress(ids[lo:hi],
                                           map(latest.toordinal().__ge__, days[lo:hi])))
        result: set[int] = self.cache[key]
        return result

    def answered(self, name: str, year: int) -> tuple[set[int], set[int]]:
        ticks = self.source.ticks
        if year != self.review_year or (name, True) not in ticks:
            return super().answered(name, year)
        key = ("quality", name, year)
        if key not in self.cache:
            self.cache[key] = (set(self._ids(ticks[(name, True)])),
                               set(self._ids(ticks[(name, False)])))
        result: tuple[set[int], set[int]] = self.cache[key]
        return result

    def rated_at_least(self, rank: int, year: int) -> set[int]:
        ratings = self.source.ratings
        if (year, Rating.HTXS.value) not in ratings:  # older than the arrays: the dicts
            return super().rated_at_least(rank, year)
        key = ("rated", rank, year)
        if key not in self.cache:
            self.cache[key] = set().union(*(self._ids(ratings[(year, r.value)])
                                            for r in Rating if r.rank >= rank))
        result: set[int] = self.cache[key]
        return result


class People:
    """The facts of every person that the rules of `codes` read for `year`, compactly."""

    def __init__(self, store: Store, catalog: Catalog, year: int, province: str,
                 codes: Sequence[str] | None = None) -> None:
        from desktop.core.operations.eligibility import HISTORY_YEARS

        db = store.db
        self.store, self.catalog, self.year = store, catalog, year
        self.needs = Engine.for_province(catalog, province).needs("individual", codes)
        first = self.first = year - HISTORY_YEARS
        history = sorted(self.needs.history_codes)
        # Every code of the review year that names a title or form on some day, in force or
        # since ended (eligibility.recorded_award, as the panel reads it): the (code, year)
        # index finds them without a scan.
        recorded = catalog.all_title_codes()

        def year_records(db: Database) -> Any:  # the longest scan: on the second connection
            return q.years_by_value(db, "person", year - self.needs.rating_years + 1, year)

        def the_rest(db: Database) -> Any:
            return (q.people_by_value(db),
                    [*q.awards_by_value(db, "person", year, year, recorded),
                     *q.awards_by_value(db, "person", first, year - 1, history)],
                    q.initiative_rows(db, "person"), q.research_rows(db, "person"),
                    q.discipline_rows(db, "person"), q.claim_rows(db, "person", year))

        (self.ratings, self.ticks), rest = q.scan_concurrently(db, year_records, the_rest)
        people, self.awards, initiatives, research, discipline, claims = rest
        self.groups, self.hired_ids, self.hired_days = people
        self.ids = array("q", sorted(chain.from_iterable(self.groups.values())))
        self.initiatives = _ByOwner(initiatives)
        self.research = _ByOwner(research)
        self.discipline = _ByOwner(discipline)
        self.claims = _ByOwner(claims)

    def spans(self, size: int = BULK_CHUNK) -> list[tuple[int, int]]:
        """(first id, last id) of consecutive spans of `size` people, in ascending order."""
        n = len(self.ids)
        return [(self.ids[k], self.ids[min(k + size, n) - 1]) for k in range(0, n, size)]

    def populations(self, size: int = BULK_CHUNK) -> Iterator[Population]:
        for first, last in self.spans(size):
            yield self.population(first, last)

    def population(self, first: int, last: int) -> Population:
        """The people with ids in first..last, with the same facts as
        eligibility.load_population reads for everyone."""
        from desktop.core.operations.eligibility import (
            _add_discipline,
            _add_proofs,
            _add_years,
            recorded_award,
        )

        year = self.year
        pop = _Span(self, first, last)
        pop.ids = set(_cut(self.ids, first, last))
        for group, ids in self.groups.items():
            pop.group.update(dict.fromkeys(_cut(ids, first, last), group))
        # pop.gender stays empty: only explanations read it (the priority line for women),
        # never a rule's select, and these populations are only selected from
        lo, hi = bisect_left(self.hired_ids, first), bisect_right(self.hired_ids, last)
        pop.hired_on = dict(zip(self.hired_ids[lo:hi],
                                map(date.fromordinal, self.hired_days[lo:hi]), strict=True))
        for (y, rating), ids in self.ratings.items():
            part = _cut(ids, first, last)
            if part:
                pop.ratings.setdefault(y, {}).update(dict.fromkeys(part, RATING_RANK[rating]))
        qualities = {name: pop.qualities.setdefault((name, year), {}) for name in q.TICKS}
        for (tick, value), ids in self.ticks.items():
            part = _cut(ids, first, last)
            if tick == "pending":
                pop.pending.update(part)
            else:
                qualities[tick].update(dict.fromkeys(part, value))
        for code, y, merit_ids, other_ids in self.awards:
            info = recorded_award(self.catalog, code)
            if info is None:
                continue
            merit, other = _cut(merit_ids, first, last), _cut(other_ids, first, last)
            if info.is_title:  # a title is a title whatever kind the record names
                if merit or other:
                    pop.titles.setdefault((code, y), set()).update(merit, other)
                continue
            if merit:
                pop.merit_awards.setdefault((code, y), set()).update(merit)
            if other:
                pop.other_awards.setdefault((code, y), set()).update(other)
        needs = self.needs
        holders = sorted({oid for (code, _y), who in pop.merit_awards.items()
                          if code in needs.window_awards for oid in who})
        if holders:  # a Bằng khen followed by five years: their whole rating history
            past = q.year_rows(self.store.db, "person", self.first,
                               year - needs.rating_years, holders)
            _add_years(pop, [(r[0], r[1], r[2], 0, None, None, None) for r in past])
        _add_proofs(pop, self.initiatives.within(first, last),
                    self.research.within(first, last))
        _add_discipline(pop, self.discipline.within(first, last))
        for oid, claim in self.claims.within(first, last):
            pop.add_claim(oid, claim)
        return pop

