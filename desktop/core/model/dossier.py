"""The data a dossier's documents are built from (issue 5): frozen, gathered once by
desktop.core.operations.dossier.gather and handed to the pure builders in
desktop.core.documents.builders, which never read the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from desktop.core.model import Gender, Rating, Unit
from desktop.core.model.rounds import (
    CouncilMeeting,
    EligibilitySnapshot,
    PublicPosting,
    Round,
    Verdict,
    VoteMethod,
)

INDIVIDUAL = "individual"
COLLECTIVE = "collective"


def _frozen(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class SubjectDetails:
    """The CV part of a report and the columns of the lists, from the registry."""

    kind: str                       # "individual" | "collective"
    name: str
    ref: str = ""                   # "person:12" / "collective:3": one subject, several titles
    birth_date: date | None = None
    gender: Gender | None = None
    ethnicity: str = ""
    position: str = ""
    department: str = ""
    phone: str = ""
    collective_kind: str = ""       # label, for a collective
    members: int = 0                # number of members, for a collective
    note: str = ""

    @property
    def is_individual(self) -> bool:
        return self.kind == INDIVIDUAL

    @property
    def where(self) -> str:
        """"Chức vụ, đơn vị": position and department, whichever are known."""
        return ", ".join(p for p in (self.position, self.department) if p)


@dataclass(frozen=True)
class ReceivedAward:
    """A title or form of commendation already received, from the history."""

    year: int
    code: str
    name: str
    category: str                   # danh_hieu | hinh_thuc
    decision_no: str = ""
    decision_date: date | None = None
    issuer: str = ""


@dataclass(frozen=True)
class CouncilResult:
    """The council's vote on one nomination (LAW §6.7)."""

    method: VoteMethod
    votes_for: int
    members_total: int
    threshold: float
    passed: bool
    ballots_issued: int | None = None
    ballots_valid: int | None = None

    @property
    def share_of_total(self) -> float:
        return self.votes_for / self.members_total if self.members_total else 0.0


@dataclass(frozen=True)
class AttachmentInfo:
    part: str
    part_name: str
    original_name: str
    sha256: str
    file_name: str                  # as stored in the attachments folder


@dataclass(frozen=True)
class NominationData:
    id: int
    target: str
    title_name: str
    title_short: str
    category: str                   # danh_hieu | hinh_thuc
    title_rank: int
    decided_by_unit: bool
    subject: SubjectDetails
    eligibility: EligibilitySnapshot
    justification: str = ""
    achievement: str = ""
    initiative: str = ""
    initiative_decision: str = ""   # "Quyết định số … ngày … của …" if the history has it
    simplified: bool = False
    rating: Rating | None = None    # the round year's rating
    vote: CouncilResult | None = None
    titles_received: tuple[ReceivedAward, ...] = ()
    forms_received: tuple[ReceivedAward, ...] = ()
    report_kind: str = ""           # forms/documents code of its achievement report, "" = none
    report: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    attachments: tuple[AttachmentInfo, ...] = ()

    @property
    def ineligible(self) -> bool:
        return self.eligibility.verdict is not Verdict.ELIGIBLE

    @property
    def proposed(self) -> bool:
        """Goes into the tờ trình: not turned down by the council."""
        return self.vote is None or self.vote.passed


@dataclass(frozen=True)
class DossierData:
    unit: Unit
    round: Round
    dossier_id: str
    today: date
    nominations: tuple[NominationData, ...]
    meeting: CouncilMeeting | None = None
    posting: PublicPosting | None = None
    numbers: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    province_name: str = ""

    @property
    def proposed(self) -> tuple[NominationData, ...]:
        return tuple(n for n in self.nominations if n.proposed)

    @property
    def decided_here(self) -> tuple[NominationData, ...]:
        """Proposed for a title the unit head decides himself (LAW §5.2 A–C): the council's
        internal tờ trình, the head's quyết định; they stay with the unit."""
        return tuple(n for n in self.proposed if n.decided_by_unit)

    @property
    def sent_up(self) -> tuple[NominationData, ...]:
        """Proposed for a title decided above the unit (LAW §5.2 D–E): the tờ trình to the
        receiving body and the province package."""
        return tuple(n for n in self.proposed if not n.decided_by_unit)

    def number(self, document: str) -> int | None:
        return self.numbers.get(document)


@dataclass(frozen=True)
class RegistrationLine:
    """One line of the emulation registration list (đăng ký thi đua)."""

    name: str
    where: str
    target: str
    title_name: str
    title_rank: int
    category: str
    registered_on: date
    subject_kind: str = INDIVIDUAL
    ref: str = ""
    note: str = ""
