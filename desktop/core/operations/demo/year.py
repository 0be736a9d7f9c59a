"""The officer's year, run through core.operations as the officer would in the app (LAW §5):
January registrations, a year-end cống trạng round with the file's mix of nominations, the
council meeting with its ballots (on the council's total membership), evidence attached so
every dossier the council passed is complete, and the public posting."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Initiative,
    ResearchTopic,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
)
from desktop.core.model.rounds import (
    Attendance,
    CouncilMeeting,
    CouncilMember,
    Nomination,
    NominationStatus,
    Round,
    RoundKind,
    VoteMethod,
)
from desktop.core.operations.demo.data import DemoData, NominationSpec, ResearchSpec
from desktop.core.operations.demo.evidence import acceptance_photo, initiative_pdf
from desktop.core.operations.demo.reader import DemoDataError
from desktop.core.operations.demo.registry import Draft
from desktop.core.operations.eligibility import eligible_ids
from desktop.core.operations.numbering import set_next_number
from desktop.core.operations.registry import get_history, get_unit
from desktop.core.operations.rounds import (
    VoteEntry,
    add_nomination,
    attach_file,
    checklist,
    create_round,
    default_deadline,
    mark_part,
    record_posting,
    register,
    save_meeting,
    set_status,
    vote_rule,
    votes,
)
from desktop.core.store import Store

PROVINCE = "default"


@dataclass(frozen=True)
class _Timeline:
    january: date      # emulation registrations
    opened: date       # the round is opened and the nominations made
    meeting: date      # the council meets
    posted_from: date
    posted_to: date


def _timeline(data: DemoData, review_year: int, today: date) -> _Timeline:
    script = data.round
    january = min(script.registrations.day.on(review_year, review_year), today)
    opened = max(january, today - timedelta(days=script.opened_days_ago))
    meeting = max(opened, today - timedelta(days=script.meeting_days_ago))
    posted_from = min(meeting + timedelta(days=1), today)
    return _Timeline(january, opened, meeting, posted_from,
                     max(posted_from, today - timedelta(days=script.posted_until_days_ago)))


@dataclass(frozen=True)
class _Candidate:
    spec: NominationSpec
    subject: SubjectRef
    initiative: str = ""


@dataclass
class _Year:
    """What the officer's year works with: the profile, the registry as drawn, the ids."""

    store: Store
    catalog: Catalog
    data: DemoData
    drafts: list[Draft]
    people: dict[str, int]        # full name → person id
    cids: dict[str, int]          # collective name → id
    year: int
    actor: str
    today: date
    featured: set[int] = field(default_factory=set)

    def person(self, name: str) -> SubjectRef:
        return _person(self.people[name])


def _person(ref_id: int) -> SubjectRef:
    return SubjectRef(SubjectKind.PERSON, ref_id)


def _register_january(y: _Year, day: date) -> None:
    """Everyone registers for LĐTT, the eligible for CSTĐCS (but those who forgot), the named
    people for their titles, and every department for TTLĐTT."""
    regs = y.data.round.registrations
    store, catalog = y.store, y.catalog
    for pid in y.people.values():
        register(store, catalog, y.year, _person(pid), regs.everyone, y.actor, day)
    eligible = set(eligible_ids(store, catalog, regs.eligible, y.year, PROVINCE)) - {
        y.people[name] for name in regs.forgot}
    for pid in sorted(eligible):
        register(store, catalog, y.year, _person(pid), regs.eligible, y.actor, day)
    for title, names in regs.named:
        for name in names:
            register(store, catalog, y.year, y.person(name), title, y.actor, day)
    for dept in y.data.departments:
        register(store, catalog, y.year, SubjectRef(SubjectKind.COLLECTIVE, y.cids[dept.name]),
                 regs.departments, y.actor, day, note=regs.departments_note)


# ---- who is nominated: a featured person, or one picked from the registry ------------------------


def _undecided(y: _Year, ids: list[int], code: str) -> list[int]:
    """Of `ids`, the people whose history has no `code` for the year yet."""
    return [i for i in ids if not any(a.code == code and a.year == y.year for a in
                                      get_history(y.store, _person(i)).awards)]


def _farmers(y: _Year) -> set[int]:
    return {y.people[d.person.full_name] for d in y.drafts
            if d.person.group is SubjectGroup.CONG_NHAN_NONG_DAN}


def _heads(y: _Year) -> set[int]:
    """The heads of the work units: a pick skips them, since no one certifies his own report
    and the demo's picks are ordinary staff (the appraisal returns a self-certified one)."""
    heads = {(d.name, d.head) for d in y.data.departments if d.head}
    return {y.people[d.person.full_name] for d in y.drafts
            if (d.person.department, d.person.position) in heads}


def _first_eligible(y: _Year, spec: NominationSpec) -> list[SubjectRef]:
    skip = y.featured | _heads(y)
    ids = [i for i in eligible_ids(y.store, y.catalog, spec.title, y.year, PROVINCE,
                                   confirmed_only=True) if i not in skip]
    return [_person(ids[0])]


def _first_undecided(y: _Year, spec: NominationSpec) -> list[SubjectRef]:
    ids = _undecided(y, eligible_ids(y.store, y.catalog, spec.title, y.year, PROVINCE),
                     spec.title)
    skip = _farmers(y) | y.featured | _heads(y)
    return [_person(next(i for i in ids if i not in skip))]


def _first_undecided_farmer(y: _Year, spec: NominationSpec) -> list[SubjectRef]:
    ids = _undecided(y, eligible_ids(y.store, y.catalog, spec.title, y.year, PROVINCE),
                     spec.title)
    farmers = _farmers(y)
    return [_person(next(i for i in ids if i in farmers))]


def _eligible_collectives(y: _Year, spec: NominationSpec) -> list[SubjectRef]:
    groups = eligible_ids(y.store, y.catalog, spec.title, y.year, PROVINCE, kind="collective")
    return [SubjectRef(SubjectKind.COLLECTIVE, g) for g in groups[:spec.count]]


def _movement_claim(y: _Year, spec: NominationSpec) -> list[SubjectRef]:
    return [_person(next(y.people[d.person.full_name] for d in y.drafts if d.claims))]


_PICKERS: dict[str, Callable[[_Year, NominationSpec], list[SubjectRef]]] = {
    "first_eligible": _first_eligible,
    "first_undecided": _first_undecided,
    "first_undecided_farmer": _first_undecided_farmer,
    "eligible_collectives": _eligible_collectives,
    "movement_claim": _movement_claim,
}


def _draft_named(drafts: list[Draft], name: str) -> Draft:
    return next(d for d in drafts if d.person.full_name == name)


def _candidates(y: _Year) -> list[_Candidate]:
    result = []
    for spec in y.data.round.nominations:
        if spec.person:
            initiative = (_draft_named(y.drafts, spec.person).initiatives[0].name
                          if spec.grounds_initiative else "")
            result.append(_Candidate(spec, y.person(spec.person), initiative))
        else:
            result += [_Candidate(spec, s) for s in _PICKERS[spec.pick](y, spec)]
    return result


# ---- the round, the council, the dossiers --------------------------------------------------------


def _year_end_round(y: _Year, when: _Timeline) -> Round:
    script = y.data.round
    deadline = default_deadline(y.catalog, PROVINCE, RoundKind.CONG_TRANG, y.year, when.opened)
    if deadline < y.today:
        deadline = y.today + timedelta(days=script.deadline_days_if_past)
    return create_round(y.store, y.catalog, RoundKind.CONG_TRANG, y.year,
                        script.name.format(year=y.year), y.actor, when.opened,
                        deadline=deadline)[0]


def _nominate(y: _Year, rnd: Round, candidates: list[_Candidate], day: date
              ) -> list[Nomination]:
    assert rnd.id is not None
    return [add_nomination(y.store, y.catalog, rnd.id, c.subject, c.spec.title,
                           c.spec.justification, y.actor, day, initiative=c.initiative)[0]
            for c in candidates]


def _counting_committee(y: _Year, noms: list[Nomination]) -> tuple[str, ...]:
    """Ordinary staff of the first department who are not nominated (ban kiểm phiếu)."""
    nominated = {n.subject_name for n in noms}
    return tuple(d.person.full_name for d in y.drafts
                 if d.person.department == y.data.departments[0].name and not d.fixed
                 and d.person.full_name not in nominated)[:y.data.round.council.counting_committee]


def _vote(y: _Year, c: _Candidate, nom: Nomination, ballots: int) -> VoteEntry:
    """By ballot where the title requires it (every ballot issued valid), else by hands."""
    assert nom.id is not None
    if vote_rule(y.catalog, c.spec.title, y.catalog.province(PROVINCE)).ballot:
        return VoteEntry(nom.id, VoteMethod.BALLOT, c.spec.votes_for, ballots, ballots)
    return VoteEntry(nom.id, VoteMethod.HANDS, c.spec.votes_for)


def _council(y: _Year, rnd: Round, candidates: list[_Candidate], noms: list[Nomination],
             when: _Timeline) -> CouncilMeeting:
    """The council meets, chaired by the unit's head with its officer as secretary, and
    votes on every nomination: the meeting and its votes saved in one call."""
    assert rnd.id is not None
    council, unit = y.data.round.council, y.data.unit
    ballots = council.present + council.absent_with_written_opinion
    entries = [_vote(y, c, nom, ballots) for c, nom in zip(candidates, noms, strict=True)]
    meeting, _votes, _changes = save_meeting(y.store, y.catalog, CouncilMeeting(
        round_id=rnd.id, held_on=when.meeting, place=council.place,
        chair=unit.head_name, secretary=unit.officer_name,
        members_total=council.members, present=council.present,
        absent_with_written_opinion=council.absent_with_written_opinion,
        counting_committee=_counting_committee(y, noms), starts_at=council.starts_at,
        ends_at=council.ends_at, members=_members(y)), entries, y.actor, y.today)
    return meeting


def _members(y: _Year) -> tuple[CouncilMember, ...]:
    """The council by name for the minutes: the seats of the file, the heads of departments
    being whoever the registry drew there."""
    unit = y.data.unit
    out = []
    for seat in y.data.round.council.seats:
        name = seat.name
        if seat.who:
            name = unit.head_name if seat.who == "unit_head" else unit.officer_name
        elif seat.head_of or seat.holds:
            department = y.data.department(seat.head_of) if seat.head_of else None
            if seat.head_of and department is None:
                raise DemoDataError(f"round.council.seats: no department “{seat.head_of}”")
            position = department.head if department is not None else seat.holds
            found = [d.person.full_name for d in y.drafts if d.person.position == position
                     and (not seat.head_of or d.person.department == seat.head_of)]
            if not found:
                raise DemoDataError(f"round.council.seats: nobody drawn as “{position}”")
            name = found[0]
        out.append(CouncilMember(name, seat.position, Attendance(seat.attendance)))
    return tuple(out)


def _initiative_of(y: _Year, nom: Nomination, name: str) -> Initiative:
    return next(i for i in _draft_named(y.drafts, nom.subject_name).initiatives
                if i.name == name)


def _research_of(y: _Year, nom: Nomination) -> tuple[ResearchTopic, ResearchSpec]:
    """The nominee's research topic and what the file says of it (who certified it)."""
    topic = _draft_named(y.drafts, nom.subject_name).research[0]
    featured = y.data.featured_person(nom.subject_name)
    assert featured is not None   # the loader allows "png" evidence only for them
    return topic, next(r for r in featured.research if r.name == topic.name)


def _evidence(y: _Year, folder: Path, c: _Candidate, nom: Nomination, part: str) -> None:
    """One dossier part: a scan the file asks for, left missing, or marked as kept on paper."""
    assert nom.id is not None
    how = c.spec.evidence.get(part, "mark")
    if how == "pdf":
        path = initiative_pdf(folder, y.data, _initiative_of(y, nom, c.initiative))
        attach_file(y.store, nom.id, part, path, y.actor, catalog=y.catalog)
    elif how == "png":
        topic, spec = _research_of(y, nom)
        path = acceptance_photo(folder, nom.subject_name, topic, spec)
        attach_file(y.store, nom.id, part, path, y.actor, catalog=y.catalog)
    elif how == "mark":
        notes = y.data.round.part_notes
        mark_part(y.store, y.catalog, nom.id, part, True, y.actor,
                  note=notes.get(part, y.data.round.part_note_other))


def _dossiers(y: _Year, candidates: list[_Candidate], noms: list[Nomination]) -> None:
    """Evidence for each nomination the council passed; the complete ones become ready."""
    store, catalog = y.store, y.catalog
    with tempfile.TemporaryDirectory(prefix="hoso-demo-") as tmp:
        for c, nom in zip(candidates, noms, strict=True):
            assert nom.id is not None
            if not votes(store, nom.id)[-1].passed:
                continue
            set_status(store, catalog, nom.id, NominationStatus.REVIEWED, y.actor, y.today)
            for item in checklist(store, catalog, nom.id).items:
                if not (item.made_by and item.present):   # the app's own: nothing to tick
                    _evidence(y, Path(tmp), c, nom, item.part)
            if checklist(store, catalog, nom.id).complete:
                set_status(store, catalog, nom.id, NominationStatus.READY, y.actor, y.today)


def officers_year(store: Store, catalog: Catalog, data: DemoData, drafts: list[Draft],
                  people: dict[str, int], cids: dict[str, int], year: int, actor: str,
                  today: date) -> None:
    """The review year from January to the public posting."""
    y = _Year(store, catalog, data, drafts, people, cids, year, actor, today,
              {people[n] for n in data.featured_names if n in people})
    when = _timeline(data, year, today)
    _register_january(y, when.january)
    candidates = _candidates(y)
    rnd = _year_end_round(y, when)
    unit = get_unit(store)
    assert unit is not None
    for (doc_type, code), number in data.round.next_numbers.items():
        set_next_number(store, catalog, unit, year, doc_type, code, number, actor, when.opened)
    noms = _nominate(y, rnd, candidates, when.opened)
    _council(y, rnd, candidates, noms, when)
    _dossiers(y, candidates, noms)
    assert rnd.id is not None
    record_posting(store, catalog, rnd.id, when.posted_from, when.posted_to, actor,
                   place=data.round.posting_place)
