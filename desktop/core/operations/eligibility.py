"""Eligibility for the UI: one subject's panel, the registry filter, the "next year" view.

Facts are read through desktop.core.store.facts (plain rows) and turned into a
rules.Population here; one loader serves one subject and the whole unit, so the panel and the
filter can never disagree. History older than HISTORY_YEARS before the review year is not
read (no rule looks further back than a Bằng khen followed by five years).

The registry filter and the table of every title evaluate people one span at a time
(operations.eligibility_bulk), so their memory stays flat as the unit grows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.catalog import Catalog, TitleInfo
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.operations import eligibility_bulk as bulk
from desktop.core.rules import (
    DisciplineFact,
    Engine,
    MemberFacts,
    Population,
    ProofFact,
    Reason,
    Verdict,
)
from desktop.core.rules.facts import LEVEL_RANK, RATING_RANK
from desktop.core.rules.verdict import Status as Status  # the windows show verdicts with it
from desktop.core.store import Store
from desktop.core.store import facts as q

HISTORY_YEARS = 15


@dataclass(frozen=True)
class NextStep:
    """What is still missing for a title in the coming year ("cần thêm … năm 2027")."""

    code: str
    name: str
    year: int
    verdict: str
    missing: tuple[str, ...]
    evidence_needed: tuple[str, ...]


def _kind(ref: SubjectRef) -> str:
    return "individual" if ref.kind is SubjectKind.PERSON else "collective"


def load_population(store: Store, catalog: Catalog, kind: str, year: int,
                    ids: Sequence[int] | None = None, province: str = "default",
                    *, review_year_only: bool = False,
                    codes: Sequence[str] | None = None) -> Population:
    """Facts for the people (kind "individual") or collectives of the unit, or only `ids`.

    review_year_only: only the review year's ratings, titles and discipline (what a
    collective's member counts read). codes: for everyone, read only what these titles'
    rules need (default: every title of the kind).
    """
    db = store.db
    owner = "person" if kind == "individual" else "collective"
    pop = Population(kind, year)
    first = year - HISTORY_YEARS
    if kind == "individual":
        people = q.person_rows(db, ids)
        if people:
            pids, groups, genders, hired = zip(*people, strict=True)
            pop.ids = set(pids)
            pop.group = dict(zip(pids, groups, strict=True))
            pop.gender = {p: g for p, g in zip(pids, genders, strict=True) if g}
            fromiso = date.fromisoformat
            pop.hired_on = {p: fromiso(h) for p, h in zip(pids, hired, strict=True) if h}
    else:
        for cid, ckind in q.collective_attributes(db, ids):
            pop.ids.add(cid)
            pop.collective_kind[cid] = ckind
    if ids is not None and not pop.ids:
        return pop
    only = sorted(pop.ids) if ids is not None else None
    if only is not None:  # a few subjects: read everything, it is a handful of indexed rows
        _add_years(pop, q.year_rows(db, owner, first, year, only))
        _add_awards(pop, catalog, q.award_rows(db, owner, first, year, only))
    elif review_year_only:
        _add_years(pop, q.year_rows(db, owner, year, year))
        _add_awards(pop, catalog, q.award_rows(db, owner, year, year))
    else:  # everyone: only what the rules read (Engine.needs), in sequential scans
        needs = Engine.for_province(catalog, province).needs(kind, codes)
        _add_years(pop, q.year_rows(db, owner, year - needs.rating_years + 1, year))
        _add_awards(pop, catalog, q.award_rows(db, owner, year, year))
        _add_awards(pop, catalog, q.award_rows(db, owner, first, year - 1,
                                               codes=sorted(needs.history_codes)))
        holders = sorted({oid for (code, _y), who in pop.merit_awards.items()
                          if code in needs.window_awards for oid in who})
        if holders:  # a Bằng khen followed by five years: their whole rating history
            past = q.year_rows(db, owner, first, year - needs.rating_years, holders)
            _add_years(pop, [(r[0], r[1], r[2], 0, None, None, None) for r in past])
    if not review_year_only:
        _add_proofs(pop, q.initiative_rows(db, owner, only), q.research_rows(db, owner, only))
    _add_discipline(pop, q.discipline_rows(db, owner, only))
    for oid, code in q.claim_rows(db, owner, year, only):
        pop.add_claim(oid, code)
    if kind == "collective":
        _add_members(store, catalog, pop, only)
    return pop


def _add_years(pop: Population, rows: Sequence[tuple[Any, ...]]) -> None:
    year = pop.review_year
    ratings = pop.ratings
    qualities = {name: pop.qualities.setdefault((name, year), {})
                 for name in ("exemplary", "solidarity", "movement")}
    for oid, y, rank, pending, exemplary, solidarity, movement in rows:
        if rank is not None:
            by_year = ratings.get(y)
            if by_year is None:
                by_year = ratings[y] = {}
            by_year[oid] = rank
        if y == year:
            if pending:
                pop.pending.add(oid)
            if exemplary is not None:
                qualities["exemplary"][oid] = bool(exemplary)
            if solidarity is not None:
                qualities["solidarity"][oid] = bool(solidarity)
            if movement is not None:
                qualities["movement"][oid] = bool(movement)


def recorded_award(catalog: Catalog, code: str) -> TitleInfo | None:
    """The title or form a recorded award names, in force or since ended (None: a code no
    version knows). An award of a title that has ended still counts as a past award: the
    title held that year, the rank it gave. The panel, the bulk path and the "next year" view
    all read records through this one function; a nomination, in contrast, is only for a title
    in force (Catalog.title, Catalog.titles)."""
    return catalog.known(code)


def _add_awards(pop: Population, catalog: Catalog,
                rows: Sequence[tuple[int, str, int, str]]) -> None:
    for oid, code, year, award_kind in rows:
        info = recorded_award(catalog, code)
        if info is None:
            continue
        if info.is_title:
            pop.add_title(oid, code, year)
        else:
            pop.add_award(oid, code, year, award_kind)


def _add_proofs(pop: Population, initiatives: Sequence[tuple[object, ...]],
                research: Sequence[tuple[object, ...]]) -> None:
    for oid, year, scope, name, decision_no, used_code, used_year in initiatives:
        # A sáng kiến is recorded once recognised, which requires it to have been applied
        # (the registry keeps no separate flag), as the batch format assumes by default.
        pop.add_proof(int(str(oid)), ProofFact("initiative", int(str(year)), str(scope),
                                               str(name), str(decision_no), str(used_code or ""),
                                               int(str(used_year)) if used_year else None,
                                               applied=True))
    for oid, year, scope, name, accepted, applied, used_code, used_year in research:
        pop.add_proof(int(str(oid)), ProofFact("research", int(str(year)), str(scope), str(name),
                                               "", str(used_code or ""),
                                               int(str(used_year)) if used_year else None,
                                               accepted is not None, bool(applied)))


def _add_discipline(pop: Population, rows: Sequence[tuple[Any, ...]]) -> None:
    for oid, level, start, end, decision_no in rows:
        pop.add_discipline(oid, DisciplineFact(level, date.fromisoformat(start),
                                               date.fromisoformat(end) if end else None,
                                               decision_no))


def _add_members(store: Store, catalog: Catalog, pop: Population,
                 only: Sequence[int] | None) -> None:
    """Each collective's members in the review year: completed, titles, women, discipline."""
    year = pop.review_year
    membership = q.membership_rows(store.db, only)
    person_ids = sorted({pid for _cid, pid in membership})
    people = load_population(store, catalog, "individual", year,
                             person_ids if only is not None else None,
                             review_year_only=True) if person_ids else None
    by_collective: dict[int, list[int]] = {}
    for cid, pid in membership:
        by_collective.setdefault(cid, []).append(pid)
    for cid in pop.ids:
        pop.members[cid] = member_facts(catalog, people, by_collective.get(cid, []), year)


def member_facts(catalog: Catalog, people: Population | None, members: Sequence[int],
                 year: int) -> MemberFacts:
    """What a collective's rules read about its `members` in `year`, from their facts
    (`people`, loaded with review_year_only): completed, titles, women, worst discipline."""
    counts: dict[str, int] = {}
    worst: str | None = None
    if people is not None and members:
        codes = [c for c, info in catalog.titles.items() if info.is_title
                 and "individual" in info.subjects]
        ratings = people.ratings.get(year, {})
        counts["completed"] = sum(1 for p in members if ratings.get(p, 0) >= 1)
        counts["women"] = sum(1 for p in members if people.gender.get(p) == "nu")
        for code in codes:
            holders = people.titles.get((code, year))
            if holders:
                counts[code] = sum(1 for p in members if p in holders)
        disciplined = people.disciplined(year)
        for p in members:
            if p in disciplined:
                for d in people.discipline_in(p, year):
                    if worst is None or LEVEL_RANK[d.level] > LEVEL_RANK[worst]:
                        worst = d.level
    return MemberFacts(len(members), counts, worst)


# ---- the three things the UI asks -----------------------------------------------------------


def evaluate_subject(store: Store, catalog: Catalog, ref: SubjectRef, year: int,
                     province: str, *, claims: Collection[str] = ()) -> list[Verdict]:
    """Every title that applies to this person or collective, for `year` (the panel).

    claims: confirmations that hold for this evaluation only, beyond those recorded (a
    sudden-feat nomination's written feat is the "thành tích đột xuất" it claims)."""
    kind = _kind(ref)
    engine = Engine.for_province(catalog, province)
    pop = load_population(store, catalog, kind, year, [ref.id])
    if ref.id not in pop.ids:
        return []
    for claim in claims:
        pop.add_claim(ref.id, claim)
    return [engine.evaluate(pop, ref.id, info.code) for info in engine.applicable(kind)]


def evaluate_subjects(store: Store, catalog: Catalog, refs: Sequence[SubjectRef], year: int,
                      province: str, *, claims: Collection[str] = ()
                      ) -> dict[SubjectRef, list[Verdict]]:
    """`evaluate_subject` for many subjects, reading the facts once per kind: the same
    loader path (facts of exactly these ids), so each answer equals the single one."""
    engine = Engine.for_province(catalog, province)
    answers: dict[SubjectRef, list[Verdict]] = {}
    for kind, subject_kind in (("individual", SubjectKind.PERSON),
                               ("collective", SubjectKind.COLLECTIVE)):
        ids = sorted({r.id for r in refs if r.kind is subject_kind})
        if not ids:
            continue
        pop = load_population(store, catalog, kind, year, ids)
        for oid in ids:
            if oid not in pop.ids:
                continue
            for claim in claims:
                pop.add_claim(oid, claim)
            answers[SubjectRef(subject_kind, oid)] = [
                engine.evaluate(pop, oid, info.code) for info in engine.applicable(kind)]
    return answers


def eligible_ids(store: Store, catalog: Catalog, code: str, year: int, province: str,
                 *, confirmed_only: bool = False, kind: str | None = None,
                 chunk: int | None = None) -> list[int]:
    """People (or collectives) eligible for `code` in `year`: the registry filter.

    kind: "individual" or "collective"; by default people when the title is for individuals,
    else collectives. Eligible includes those whose qualitative ticks are not yet confirmed
    (their panel lists the confirmation as evidence needed); confirmed_only=True leaves them
    out. Those on hold (pending review) are never included. chunk: people per span
    (default eligibility_bulk.BULK_CHUNK).
    """
    info = catalog.title(code)
    if kind is None:
        kind = "individual" if "individual" in info.criteria else "collective"
    if kind not in info.criteria:
        return []
    engine = Engine.for_province(catalog, province)
    which = "confirmed" if confirmed_only else "eligible"
    found: list[int] = []
    for pop in _everyone(store, catalog, kind, year, province, [code], chunk):
        found.extend(sorted(engine.select(pop, code)[which]))
    return found


def could_become_eligible_ids(store: Store, catalog: Catalog, code: str, year: int,
                              province: str, *, kind: str | None = None) -> list[int]:
    """People (or collectives) who could still be eligible for `code` in `year`: those
    the registration of emulation titles is for.

    Registration is a pledge made in January (LAW §1, §4), when the year's own facts (its
    rating, its three qualities, the members' results) do not exist yet, so "eligible in
    `year`" picks nobody. Here what `year` has not yet recorded is taken at its best: no
    rating yet counts as HTXSNV, a quality not given as met, and a collective's members
    without a rating as completing their tasks and able to earn any title. What is already
    known still excludes: a rating or quality already given below the need, discipline,
    being on hold, the wrong subject group or kind, too short a service, past years' titles
    lacking, and holding `code` in `year` already. One read of everyone (the unit's people or
    collectives), as the picker that asks is for one unit.
    """
    info = catalog.title(code)
    if kind is None:
        kind = "individual" if "individual" in info.criteria else "collective"
    if kind not in info.criteria:
        return []
    engine = Engine.for_province(catalog, province)
    pop = load_population(store, catalog, kind, year, province=province, codes=[code])
    _year_at_best(catalog, pop)
    held = pop.titles.get((code, year), set())
    return sorted(engine.select(pop, code)["eligible"] - held)


def _year_at_best(catalog: Catalog, pop: Population) -> None:
    """What the review year has not recorded yet, taken at its best for everyone in `pop`:
    no rating counts as HTXSNV, a quality not given as met, a collective's members as
    completing the year (_members_at_best). What is recorded stays as it is."""
    year = pop.review_year
    best = max(RATING_RANK.values())
    rated = pop.ratings.setdefault(year, {})
    for oid in pop.ids:
        rated.setdefault(oid, best)
        for name in ("exemplary", "solidarity", "movement"):
            pop.qualities.setdefault((name, year), {}).setdefault(oid, True)
    for cid, members in list(pop.members.items()):
        pop.members[cid] = _members_at_best(catalog, members)
    pop.cache.clear()


def year_in_progress(year: int, today: date) -> bool:
    """Whether `year` has not ended yet: its rating, its qualities, its members' results may
    still be missing because they cannot exist yet (a past year's missing fact is a gap)."""
    return year >= today.year


def verdicts_at_best(store: Store, catalog: Catalog, refs: Sequence[SubjectRef], code: str,
                     year: int, province: str) -> dict[SubjectRef, Verdict]:
    """The verdict on `code` in `year` of each of `refs`, with what the year has not recorded
    yet taken at its best (the same facts as could_become_eligible_ids reads)."""
    engine = Engine.for_province(catalog, province)
    found: dict[SubjectRef, Verdict] = {}
    for kind, subject_kind in (("individual", SubjectKind.PERSON),
                               ("collective", SubjectKind.COLLECTIVE)):
        ids = sorted({r.id for r in refs if r.kind is subject_kind})
        if not ids or kind not in catalog.title(code).criteria:
            continue
        pop = load_population(store, catalog, kind, year, ids)
        _year_at_best(catalog, pop)
        for oid in sorted(pop.ids):
            found[SubjectRef(subject_kind, oid)] = engine.evaluate(pop, oid, code)
    return found


def awaiting_year(actual: Verdict, at_best: Verdict) -> tuple[Reason, ...]:
    """The reasons `actual` is not (yet) eligible that only the year's facts still to come
    stand behind, or () when something already known refuses it.

    A subject awaits its year when its verdict as the facts stand is "ineligible" and the
    same rules with the year's missing facts at their best (verdicts_at_best) find it
    eligible: then nothing recorded (a discipline, a past year's rating, a rating or quality
    of the year already given below the need, too short a service…) stands in the way. The
    reasons returned are those not met now whose criterion (same code) fares better at best,
    e.g. "Chưa có xếp loại năm 2026"; one as open at best as now (a hire date not given) is
    not the year's. On hold is never awaiting (a blocker, not a missing fact).
    """
    if actual.verdict != "ineligible" or at_best.verdict != "eligible":
        return ()
    later = {r.code: r.status for r in at_best.reasons}
    open_ = [r for r in actual.reasons if r.status in (Status.NOT_MET, Status.UNCONFIRMED)]
    return tuple(r for r in open_ if later.get(r.code, r.status) != r.status) or tuple(open_)


def _members_at_best(catalog: Catalog, members: MemberFacts) -> MemberFacts:
    """A collective's members as they could still turn out: every one completing the year
    and able to earn any individual title (their discipline and who they are stay known)."""
    counts = dict(members.counts)
    counts["completed"] = members.total
    for code, info in catalog.titles.items():
        if info.is_title and "individual" in info.subjects:
            counts[code] = members.total
    return MemberFacts(members.total, counts, members.worst_discipline)


def _everyone(store: Store, catalog: Catalog, kind: str, year: int, province: str,
              codes: Sequence[str] | None, chunk: int | None) -> Iterator[Population]:
    """Everyone of `kind`: people one span after the other, in ascending ids (so the sorted
    results of the spans concatenate into a sorted whole); collectives in one population."""
    if kind != "individual":
        yield load_population(store, catalog, kind, year, province=province, codes=codes)
        return
    people = bulk.People(store, catalog, year, province, codes)
    yield from people.populations(chunk or bulk.BULK_CHUNK)


def eligibility_table(store: Store, catalog: Catalog, year: int, province: str,
                      kind: str = "individual", *, chunk: int | None = None
                      ) -> dict[str, dict[str, list[int]]]:
    """Every title for everyone of one kind, reading the facts once:
    {code: {"eligible": ids, "confirmed": ids, "hold": ids}}. chunk: people per span
    (default eligibility_bulk.BULK_CHUNK)."""
    engine = Engine.for_province(catalog, province)
    keys = ("eligible", "confirmed", "hold")
    table: dict[str, dict[str, list[int]]] = {
        info.code: {k: [] for k in keys} for info in engine.applicable(kind)}
    for pop in _everyone(store, catalog, kind, year, province, None, chunk):
        for code, lists in table.items():
            sets = engine.select(pop, code)
            for k in keys:
                lists[k].extend(sorted(sets[k]))
    return table


def next_steps(store: Store, catalog: Catalog, ref: SubjectRef, year: int,
               province: str) -> list[NextStep]:
    """For the year after `year`: each title above the highest one held, and what is missing.

    The history as it stands is evaluated for year + 1, so a criterion such as "three
    consecutive CSTĐCS" says which year's title is still to come ("cần thêm danh hiệu CSTĐCS
    năm 2027").
    """
    kind = _kind(ref)
    engine = Engine.for_province(catalog, province)
    pop = load_population(store, catalog, kind, year + 1, [ref.id])
    if ref.id not in pop.ids:
        return []
    return steps_for(engine, pop, ref.id)


def steps_for(engine: Engine, pop: Population, sid: int) -> list[NextStep]:
    """`next_steps` of subject `sid` in `pop`, a population built for the coming year."""
    catalog = engine.catalog
    held = [info.rank for (code, _y), ids in [*pop.titles.items(), *pop.merit_awards.items()]
            if sid in ids and (info := recorded_award(catalog, code)) is not None]
    top = max(held, default=0)
    steps = []
    for info in engine.applicable(pop.kind):
        if info.rank <= top:
            continue
        verdict = engine.evaluate(pop, sid, info.code)
        steps.append(NextStep(info.code, info.name, pop.review_year, verdict.verdict,
                              verdict.missing, verdict.evidence_needed))
    return steps
