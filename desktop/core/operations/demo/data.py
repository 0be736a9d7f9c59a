"""The demo commune as typed values: what resources/demo/commune.toml says, once checked
(loading.py reads it). Every figure and sentence of the demo is here; the other modules of the
package only turn it into a profile."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from desktop.core.model import (
    AwardKind,
    CollectiveKind,
    DisciplineLevel,
    Gender,
    Rating,
    Scope,
    SubjectGroup,
    Unit,
    WorkUnitKind,
)

Span = tuple[int, int]            # an inclusive range a number is drawn from


@dataclass(frozen=True)
class Day:
    """A day of the calendar written relative to the record or to the review year:
    "10-20" (in the record's own year), "Y-1 08-20" (the year before the review) or
    "2024-09-20" (as written)."""

    month: int
    day: int
    year: int | None = None       # written in full
    offset: int | None = None     # relative to the review year

    def on(self, own_year: int, review_year: int) -> date:
        if self.year is not None:
            return date(self.year, self.month, self.day)
        if self.offset is not None:
            return date(review_year + self.offset, self.month, self.day)
        return date(own_year, self.month, self.day)


@dataclass(frozen=True)
class Year:
    """A year relative to the review year (0, -1, …) or written in full (2024); a year in
    full outside the years of history may name the relative year to use instead."""

    value: int
    if_outside: int | None = None

    def resolve(self, review_year: int, history_years: int) -> int:
        if abs(self.value) < 1000:
            return review_year + self.value
        inside = review_year - history_years < self.value <= review_year
        if not inside and self.if_outside is not None:
            return review_year + self.if_outside
        return self.value


@dataclass(frozen=True)
class Numbering:
    """A decision number as written, or a pattern with {n} drawn from `span`."""

    pattern: str
    span: Span | None = None

    def draw(self, rng: random.Random) -> str:
        if self.span is None:
            return self.pattern
        return self.pattern.format(n=rng.randint(*self.span))


# ---- the registry --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Minority:
    ethnicity: str
    male: tuple[str, ...]
    female: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    surnames: tuple[str, ...]     # a surname appears as often as it is drawn
    middle_male: tuple[str, ...]
    middle_female: tuple[str, ...]
    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    phone_prefixes: tuple[str, ...]
    minorities: tuple[Minority, ...]


@dataclass(frozen=True)
class Population:
    history_years: int
    ages: Span
    leader_ages: Span
    minority_share: float
    phone_share: float
    national_ids: int
    contract_staff: Span
    contract_female_share: float
    hire_months: tuple[int, ...]


@dataclass(frozen=True)
class Department:
    name: str
    kind: CollectiveKind
    size: Span
    female_share: float
    leaders: tuple[str, ...]      # one person each, the first drawn
    staff: tuple[str, ...]        # the others' positions, drawn
    contract_positions: tuple[str, ...]
    initiative: str               # the sáng kiến someone of the department may have made
    group: SubjectGroup = SubjectGroup.CBCCVC
    # The work unit it is (issue 11): its full official name, kind and the head's position.
    official_name: str = ""
    unit_kind: WorkUnitKind = WorkUnitKind.PHONG
    head: str = ""


@dataclass(frozen=True)
class Cooperative:
    name: str
    note: str
    head_title: str = ""          # its director is not among the drawn people: named here
    head_name: str = ""


@dataclass(frozen=True)
class Hamlet:
    name: str
    always: bool = False          # always among the hamlets drawn
    peoples: tuple[str, ...] = () # its farmers bear these peoples' names


@dataclass(frozen=True)
class HamletPeople:
    count: Span
    note: str
    title_share: float
    head_position: str
    head_female_share: float
    head_ages: Span
    farmers: Span
    farmer_positions: tuple[str, ...]
    farmer_female_share: float
    farmer_ages: Span
    cooperative_share: float
    claim_code: str
    claim_evidence: str


# ---- history -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingShares:
    htxs: float
    htt: float
    ht: float
    kht: float
    htxs_cap_percent: int

    def draw(self, roll: float) -> Rating:
        """The rating a roll in [0, 1) falls on."""
        if roll < self.htxs:
            return Rating.HTXS
        if roll < self.htxs + self.htt:
            return Rating.HTT
        if roll < self.htxs + self.htt + self.ht:
            return Rating.HT
        return Rating.KHT


@dataclass(frozen=True)
class TitleDraw:
    blocked_share: float
    blocked_note: str
    confirmed_share: float
    cstdcs_share: float
    initiative_share: float
    giay_khen_workers: int
    quality_notes: tuple[str, ...]
    # a farmer's or worker's year is confirmed by the thôn, not rated (Law Art 24.3)
    farmer_quality_notes: tuple[str, ...]


@dataclass(frozen=True)
class ReportRole:
    """Sample report sentences for one kind of job ([[report_roles]])."""

    match: tuple[str, ...]
    report: Mapping[str, str]


@dataclass(frozen=True)
class DecisionRegister:
    """How the commune numbers and dates its yearly decisions."""

    number: str                   # with {n}
    ldtt_number: Span
    year_end_days: Span           # December
    review_year_after_meeting: int   # the review year's decisions: days after the council
    issuer: str
    after_ldtt: Mapping[str, int]
    cstdcs_reform_year: int
    cstdcs_days_after_ldtt: int
    cstdcs_numbers_before: Span
    cstdcs_numbers_after: Span
    cstdcs_issuer_before: str
    cstdcs_issuer_after: str


@dataclass(frozen=True)
class CollectiveDraw:
    htxs_share: float
    ttldtt_ldtt_share: float
    review_note: str


@dataclass(frozen=True)
class InitiativeRule:
    """How a recognised sáng kiến is dated and numbered when the file does not say."""

    months: Span
    commune_number: Numbering
    commune_by: str               # an issuer's text
    province_number: Numbering
    province_by: str


@dataclass(frozen=True)
class InitiativeSpec:
    name: str
    scope: Scope
    year: Year = Year(0)
    decision_no: Numbering | None = None     # None: drawn as for anyone's initiative
    decision_date: Day | None = None
    recognised_by: str = ""                  # an issuer's text; "" as for anyone's


@dataclass(frozen=True)
class ResearchSpec:
    name: str
    scope: Scope
    year: Year = Year(0)
    accepted_on: Day | None = None
    applied: bool = False
    certified_by: str = ""
    applied_at: str = ""


@dataclass(frozen=True)
class DisciplineSpec:
    level: DisciplineLevel
    start: Day
    end: Day | None
    decision_no: Numbering
    reason: str


@dataclass(frozen=True)
class AwardSpec:
    title: str
    year: Year
    kind: AwardKind = AwardKind.CONG_TRANG
    decision_no: Numbering | None = None     # None: the commune's decision of title and year
    decision_date: Day | None = None
    issuer: str = ""                         # an issuer's text


@dataclass(frozen=True)
class Featured:
    """One of the people the demo is about, written out in full."""

    name: str
    why: str
    gender: Gender
    department: str
    position: str
    ethnicity: str = "Kinh"
    ratings: Mapping[int, Rating] = field(default_factory=dict)   # by year offset; else htt
    cstdcs: tuple[int, ...] = ()             # year offsets with a CSTĐCS decision
    undecided_from: int | None = None        # no decision from this year offset on
    pending_review: str = ""                 # under review in the review year: why
    initiatives: tuple[InitiativeSpec, ...] = ()
    research: tuple[ResearchSpec, ...] = ()
    discipline: tuple[DisciplineSpec, ...] = ()
    awards: tuple[AwardSpec, ...] = ()
    report: Mapping[str, str] = field(default_factory=dict)       # report section → text


# ---- the officer's year --------------------------------------------------------------------------


@dataclass(frozen=True)
class Registrations:
    day: Day
    everyone: str
    eligible: str
    forgot: tuple[str, ...]
    named: tuple[tuple[str, tuple[str, ...]], ...]     # (title, people)
    departments: str
    departments_note: str


@dataclass(frozen=True)
class CouncilSeat:
    """One member of the council, named in the minutes: by `name`, or as the unit head
    (`who = "unit_head"`), the officer (`"officer"`) or the head of a department
    (`head_of`), or the first person drawn in a position (`holds`)."""

    position: str
    attendance: str = "present"       # Attendance value
    name: str = ""
    who: str = ""
    head_of: str = ""
    holds: str = ""


@dataclass(frozen=True)
class Council:
    members: int
    present: int
    absent_with_written_opinion: int
    place: str
    counting_committee: int
    starts_at: time | None = None
    ends_at: time | None = None
    seats: tuple[CouncilSeat, ...] = ()


PICKS = ("first_eligible", "first_undecided", "first_undecided_farmer",
         "eligible_collectives", "movement_claim")
EVIDENCE = ("pdf", "png", "skip")


@dataclass(frozen=True)
class NominationSpec:
    title: str
    votes_for: int
    person: str = ""              # a featured person, or
    pick: str = ""                # one of PICKS
    count: int = 1
    grounds_initiative: bool = False
    justification: str = ""
    evidence: Mapping[str, str] = field(default_factory=dict)     # part → one of EVIDENCE


@dataclass(frozen=True)
class RoundScript:
    name: str                     # with {year}
    opened_days_ago: int
    meeting_days_ago: int
    posted_until_days_ago: int
    deadline_days_if_past: int
    posting_place: str
    registrations: Registrations
    council: Council
    part_notes: Mapping[str, str]
    part_note_other: str
    nominations: tuple[NominationSpec, ...]
    # The register's next number the officer set for a series the app issues in, as the
    # unit's sổ đăng ký văn bản stands late in the year: (type, issuer code) -> number.
    next_numbers: Mapping[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class MovementClaim:
    code: str
    text: str


@dataclass(frozen=True)
class DemoData:
    unit: Unit
    commune: str
    province: str
    province_id_code: str
    issuers: Mapping[str, str]
    names: Names
    population: Population
    ratings: RatingShares
    titles: TitleDraw
    decisions: DecisionRegister
    initiatives: InitiativeRule
    departments: tuple[Department, ...]
    collectives: CollectiveDraw
    cooperative: Cooperative
    hamlet_people: HamletPeople
    hamlets: tuple[Hamlet, ...]
    featured: tuple[Featured, ...]
    movement_claim: MovementClaim
    round: RoundScript
    report: Mapping[str, str]
    report_roles: tuple[ReportRole, ...] = ()

    def report_for(self, where: str) -> Mapping[str, str]:
        """The sample report texts for a nominee whose "position, work unit" (or collective
        name) is `where`: the first role one of whose `match` texts it contains, else the
        file's default [report]."""
        role = next((r for r in self.report_roles if any(m in where for m in r.match)), None)
        return {**self.report, **(role.report if role else {})}

    def department(self, name: str) -> Department | None:
        return next((d for d in self.departments if d.name == name), None)

    @property
    def featured_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.featured)

    def featured_person(self, name: str) -> Featured | None:
        return next((f for f in self.featured if f.name == name), None)

    def titles_used(self) -> set[str]:
        """Every title code the file names (checked against the catalog before building)."""
        codes = {self.round.registrations.everyone, self.round.registrations.eligible,
                 self.round.registrations.departments, *self.decisions.after_ldtt}
        codes |= {title for title, _people in self.round.registrations.named}
        codes |= {n.title for n in self.round.nominations}
        codes |= {a.title for f in self.featured for a in f.awards}
        return codes
