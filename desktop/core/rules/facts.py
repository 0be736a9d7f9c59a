"""The facts the engine reads, in a columnar form that serves one subject and 100,000 alike.

A `Population` holds subjects of one kind (individual, collective or household) for one review
year: per-year ratings and titles as sets keyed by (code, year), sparse dicts for initiatives
and discipline. One subject is a population of one; the registry filter loads everyone in a
few queries and evaluates a title as set operations. Nothing here knows about the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.model import DisciplineLevel, Rating, Scope

RATING_RANK = {r.value: r.rank for r in Rating}
SCOPE_RANK = {s.value: s.rank for s in Scope}
LEVEL_RANK = {d.value: d.rank for d in DisciplineLevel}
MERIT_KIND = "cong_trang"


@dataclass(frozen=True)
class DisciplineFact:
    level: str
    start: date
    end: date | None = None
    decision_no: str = ""

    def overlaps_year(self, year: int) -> bool:
        end = self.end or date(9999, 12, 31)
        return self.start <= date(year, 12, 31) and end >= date(year, 1, 1)


@dataclass(frozen=True)
class ProofFact:
    """A sáng kiến or a research topic (đề tài): what can ground a CSTĐ criterion, once."""

    source: str  # initiative | research
    year: int
    scope: str
    name: str = ""
    decision_no: str = ""
    used_for_code: str = ""
    used_for_year: int | None = None
    accepted: bool = True  # research: nghiệm thu; initiatives are recognised by definition
    applied: bool = False

    def usable_for(self, code: str, year: int) -> bool:
        """LAW §10a.7: unused, or used for this same title in this same year."""
        if not self.used_for_code:
            return True
        return self.used_for_code == code and self.used_for_year in (None, year)


@dataclass(frozen=True)
class MemberFacts:
    """A collective's members in the review year."""

    total: int
    counts: Mapping[str, int] = field(default_factory=dict)  # completed, <title code>, women
    worst_discipline: str | None = None

    def count(self, of: str) -> int:
        return int(self.counts.get(of, 0))


@dataclass(frozen=True)
class YearFacts:
    year: int
    rating: str | None = None
    titles: frozenset[str] = frozenset()
    awards: tuple[tuple[str, str], ...] = ()  # forms of commendation: (code, kind)
    exemplary: bool | None = None
    solidarity: bool | None = None
    movement: bool | None = None
    pending: bool = False


@dataclass(frozen=True)
class SubjectFacts:
    """Everything about one subject, as a batch case or a test describes it."""

    id: int
    kind: str  # individual | collective | household
    years: Mapping[int, YearFacts] = field(default_factory=dict)
    group: str | None = None
    gender: str | None = None
    hired_on: date | None = None
    collective_kind: str | None = None
    proofs: tuple[ProofFact, ...] = ()
    discipline: tuple[DisciplineFact, ...] = ()
    pending_review: bool = False
    members: MemberFacts | None = None
    claims: frozenset[str] = frozenset()


class Population:
    """Subjects of one kind, for one review year. Build it with the add_* methods."""

    def __init__(self, kind: str, review_year: int) -> None:
        self.kind = kind
        self.review_year = review_year
        self.ids: set[int] = set()
        self.group: dict[int, str] = {}
        self.gender: dict[int, str] = {}
        self.hired_on: dict[int, date] = {}
        self.collective_kind: dict[int, str] = {}
        self.ratings: dict[int, dict[int, int]] = {}  # year -> id -> rank
        self.titles: dict[tuple[str, int], set[int]] = {}  # (code, year) -> ids
        self.merit_awards: dict[tuple[str, int], set[int]] = {}  # cong_trang forms
        self.other_awards: dict[tuple[str, int], set[int]] = {}  # dot_xuat, phong_trao, ...
        self.qualities: dict[tuple[str, int], dict[int, bool]] = {}
        self.pending: set[int] = set()
        self.discipline: dict[int, list[DisciplineFact]] = {}
        self.proofs: dict[int, list[ProofFact]] = {}
        self.members: dict[int, MemberFacts] = {}
        self.claims: dict[str, set[int]] = {}
        self.cache: dict[Any, Any] = {}  # per-population memo for the engine's set operations

    # ---- building ---------------------------------------------------------------------------

    def add_subject(self, sid: int, group: str | None = None, gender: str | None = None,
                    hired_on: date | None = None, collective_kind: str | None = None) -> None:
        self.cache.clear()  # facts changed: what was derived from them is stale
        self.ids.add(sid)
        if group:
            self.group[sid] = group
        if gender:
            self.gender[sid] = gender
        if hired_on:
            self.hired_on[sid] = hired_on
        if collective_kind:
            self.collective_kind[sid] = collective_kind

    def add_year(self, sid: int, year: int, rating: str | None, pending: bool = False,
                 exemplary: bool | None = None, solidarity: bool | None = None,
                 movement: bool | None = None) -> None:
        self.cache.clear()  # facts changed: what was derived from them is stale
        if rating:
            self.ratings.setdefault(year, {})[sid] = RATING_RANK[rating]
        if pending and year == self.review_year:
            self.pending.add(sid)
        for name, value in (("exemplary", exemplary), ("solidarity", solidarity),
                            ("movement", movement)):
            if value is not None:
                self.qualities.setdefault((name, year), {})[sid] = bool(value)

    def add_title(self, sid: int, code: str, year: int) -> None:
        self.cache.clear()  # facts changed: what was derived from them is stale
        self.titles.setdefault((code, year), set()).add(sid)

    def add_award(self, sid: int, code: str, year: int, kind: str) -> None:
        """A form of commendation; only kind cong_trang grounds a merit criterion (§10a.6)."""
        self.cache.clear()  # facts changed: what was derived from them is stale
        target = self.merit_awards if kind == MERIT_KIND else self.other_awards
        target.setdefault((code, year), set()).add(sid)

    def add_discipline(self, sid: int, fact: DisciplineFact) -> None:
        self.cache.clear()  # facts changed: what was derived from them is stale
        self.discipline.setdefault(sid, []).append(fact)

    def add_proof(self, sid: int, fact: ProofFact) -> None:
        self.cache.clear()  # facts changed: what was derived from them is stale
        self.proofs.setdefault(sid, []).append(fact)

    def add_claim(self, sid: int, claim: str) -> None:
        self.cache.clear()  # facts changed: what was derived from them is stale
        self.claims.setdefault(claim, set()).add(sid)

    @classmethod
    def from_subjects(cls, kind: str, review_year: int, subjects: Iterable[SubjectFacts]
                      ) -> Population:
        pop = cls(kind, review_year)
        for s in subjects:
            pop.add_subject(s.id, s.group, s.gender, s.hired_on, s.collective_kind)
            if s.pending_review:
                pop.pending.add(s.id)
            for y in s.years.values():
                pop.add_year(s.id, y.year, y.rating, y.pending, y.exemplary, y.solidarity,
                             y.movement)
                for code in y.titles:
                    pop.add_title(s.id, code, y.year)
                for code, award_kind in y.awards:
                    pop.add_award(s.id, code, y.year, award_kind)
            for d in s.discipline:
                pop.add_discipline(s.id, d)
            for p in s.proofs:
                pop.add_proof(s.id, p)
            if s.members is not None:
                pop.members[s.id] = s.members
            for c in s.claims:
                pop.add_claim(s.id, c)
        return pop

    # ---- reading ----------------------------------------------------------------------------

    def rating(self, sid: int, year: int) -> int | None:
        return self.ratings.get(year, {}).get(sid)

    def has_title(self, sid: int, code: str, year: int) -> bool:
        return sid in self.titles.get((code, year), ())

    def title_years(self, sid: int, code: str) -> list[int]:
        return sorted(y for (c, y), ids in self.titles.items() if c == code and sid in ids)

    def merit_award_years(self, sid: int, code: str) -> list[int]:
        return sorted(y for (c, y), ids in self.merit_awards.items() if c == code and sid in ids)

    def other_award_years(self, sid: int, code: str) -> list[int]:
        return sorted(y for (c, y), ids in self.other_awards.items() if c == code and sid in ids)

    def quality(self, sid: int, name: str, year: int) -> bool | None:
        return self.qualities.get((name, year), {}).get(sid)

    def discipline_in(self, sid: int, year: int) -> list[DisciplineFact]:
        return [d for d in self.discipline.get(sid, ()) if d.overlaps_year(year)]

    # ---- sets for the engine's selections, memoised (operations.eligibility_bulk answers
    # them from its sorted arrays instead; a test keeps both answers equal) --------------

    def in_groups(self, groups: Iterable[str]) -> set[int]:
        """Ids whose subject group is one of `groups`."""
        wanted = tuple(groups)
        key = ("group", wanted)
        if key not in self.cache:
            self.cache[key] = {sid for sid, g in self.group.items() if g in wanted}
        result: set[int] = self.cache[key]
        return result

    def hired_by(self, latest: date) -> set[int]:
        """Ids hired on `latest` or before."""
        key = ("hired_by", latest)
        if key not in self.cache:
            self.cache[key] = {sid for sid, h in self.hired_on.items() if h <= latest}
        result: set[int] = self.cache[key]
        return result

    def answered(self, name: str, year: int) -> tuple[set[int], set[int]]:
        """(ids confirmed, ids refused) for a quality tick of `year`; the others are open."""
        key = ("quality", name, year)
        if key not in self.cache:
            answers = self.qualities.get((name, year), {})
            yes = {sid for sid, v in answers.items() if v}
            self.cache[key] = (yes, answers.keys() - yes)  # the answers are True or False
        result: tuple[set[int], set[int]] = self.cache[key]
        return result

    def rated_at_least(self, rank: int, year: int) -> set[int]:
        """Ids rated `rank` or better in `year`."""
        key = ("rated", rank, year)
        if key not in self.cache:
            self.cache[key] = {sid for sid, r in self.ratings.get(year, {}).items() if r >= rank}
        result: set[int] = self.cache[key]
        return result

    def open_ids(self) -> set[int]:
        """Everyone neither on hold (pending review) nor disciplined in the review year."""
        key = ("open", self.review_year)
        if key not in self.cache:
            self.cache[key] = self.ids - self.pending - self.disciplined(self.review_year)
        result: set[int] = self.cache[key]
        return result

    def disciplined(self, year: int) -> set[int]:
        """Ids with a discipline period overlapping `year` (LAW §10a.5)."""
        key = ("disciplined", year)
        if key not in self.cache:
            self.cache[key] = {sid for sid, ds in self.discipline.items()
                               if any(d.overlaps_year(year) for d in ds)}
        result: set[int] = self.cache[key]
        return result
