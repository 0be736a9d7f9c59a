"""The data a dossier's documents are built from (issue 5): frozen, gathered once by
desktop.core.operations.dossier.gather and handed to the pure builders in
desktop.core.documents.builders, which never read the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
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
# A council member's attendance at the meeting.
PRESENT = "present"
ABSENT_WRITTEN = "absent_written"     # absent, gave a written opinion
ABSENT = "absent"


def _frozen(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class Head:
    """Who heads a work unit and certifies its people's reports: "Hiệu trưởng", "Bùi Văn An",
    of "Trường Tiểu học Thanh Sơn"."""

    title: str
    name: str
    body: str = ""


@dataclass(frozen=True)
class SubjectDetails:
    """The CV part of a report and the columns of the lists, from the registry."""

    kind: str                       # "individual" | "collective"
    name: str                       # a collective: its full official name when known
    ref: str = ""                   # "person:12" / "collective:3": one subject, several titles
    birth_date: date | None = None
    gender: Gender | None = None
    ethnicity: str = ""
    position: str = ""
    department: str = ""            # the work unit's full name, else the department as typed
    phone: str = ""
    collective_kind: str = ""       # label, for a collective
    members: int = 0                # number of members, for a collective
    note: str = ""
    # The head of the person's work unit (or of the collective itself), who certifies the
    # report; None: the unit head certifies (no work unit, or one without a head recorded).
    head: Head | None = None
    # Mẫu 05 lý lịch, all optional.
    hometown: str = ""
    residence: str = ""
    qualification: str = ""
    political_theory: str = ""
    academic_rank: str = ""
    party_post: str = ""
    mass_org_post: str = ""
    # Where the person worked in the units merged into this one (LAW §8.1): "Giáo viên,
    # Trường Tiểu học Tân Lập, xã Tân Lập (cũ)".
    former_postings: tuple[str, ...] = ()

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
    award_verb: str = field(kw_only=True)    # forms/titles `award_verb`: "tặng"


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
class Ground:
    """One ground the nominee meets, as the list prints it (LAW §6.6 "tóm tắt thành tích, căn
    cứ"): a run of titles or ratings, a sáng kiến or đề tài with its recognition, a fact the
    officer confirmed. The builder words it from the document kind's texts."""

    kind: str                       # GROUND_RUN, _INITIATIVE, _RESEARCH or _CLAIM
    name: str = ""                  # the title or rating run; the sáng kiến, đề tài or fact
    years: tuple[int, ...] = ()     # a run: its years, in order
    decision_no: str = ""
    decision_date: date | None = None
    issuer: str = ""                # who recognised the sáng kiến
    scope: str = ""                 # Scope value: co_so | tinh | toan_quoc
    note: str = ""


GROUND_RUN = "run"
GROUND_INITIATIVE = "initiative"
GROUND_RESEARCH = "research"
GROUND_CLAIM = "claim"


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
    award_verb: str                 # forms/titles `award_verb`: "Đề nghị tặng …"
    title_rank: int
    decided_by_unit: bool
    subject: SubjectDetails
    eligibility: EligibilitySnapshot
    justification: str = ""
    achievement: str = ""
    initiative: str = ""
    simplified: bool = False
    rating: Rating | None = None    # the round year's rating
    vote: CouncilResult | None = None
    titles_received: tuple[ReceivedAward, ...] = ()
    forms_received: tuple[ReceivedAward, ...] = ()
    report_kind: str = ""           # forms/documents code of its achievement report, "" = none
    report: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    attachments: tuple[AttachmentInfo, ...] = ()
    authority: str = ""             # who decides the title (forms/titles `authority`)
    # The grounds met, as the list prints them ("CSTĐCS 03 năm liên tục (2024, 2025, 2026)",
    # the sáng kiến with its decision and issuer, the đề tài), from the registry.
    grounds: tuple[Ground, ...] = ()
    # For a nominee proposed although not eligible: the criteria not met, as formal citations
    # ("Điều 22 Luật Thi đua, khen thưởng"), and what the review found.
    unmet: tuple[str, ...] = ()
    # The list's "Tóm tắt thành tích" line as the officer wrote it ("" = the app writes it
    # from the facts: rating, grounds, the year's works, recent higher titles).
    list_summary: str = ""
    year_works: tuple[Ground, ...] = ()           # the year's sáng kiến and đề tài
    recent_awards: tuple[ReceivedAward, ...] = ()  # higher titles and forms, last years
    qualities: tuple[str, ...] = ()   # the year's qualitative criteria confirmed (QUALITIES)

    @property
    def ineligible(self) -> bool:
        return self.eligibility.verdict is not Verdict.ELIGIBLE

    @property
    def proposed(self) -> bool:
        """Goes into the tờ trình: not turned down by the council."""
        return self.vote is None or self.vote.passed


@dataclass(frozen=True)
class MemberAttendance:
    """One council member at the meeting (named in the minutes, LAW §6.7)."""

    name: str
    position: str = ""              # "Phó Chủ tịch UBND xã, Phó Chủ tịch Hội đồng"
    attendance: str = PRESENT       # PRESENT | ABSENT_WRITTEN | ABSENT


@dataclass(frozen=True)
class MeetingDetails:
    """What the minutes add to the meeting record when it is known: start and end time and
    the members by name. Older meetings have none of it; the minutes then give the counts."""

    starts_at: time | None = None
    ends_at: time | None = None
    members: tuple[MemberAttendance, ...] = ()

    def named(self, attendance: str) -> tuple[MemberAttendance, ...]:
        return tuple(m for m in self.members if m.attendance == attendance)


@dataclass(frozen=True)
class ProvinceInfo:
    """The province the dossier goes to, as the documents name it."""

    name: str = ""                  # "tỉnh Phú Thọ" (lower-case level, as in running text)
    receiving_body: str = ""        # "Sở Nội vụ tỉnh Phú Thọ (Phòng Thi đua, khen thưởng)"
    regulation: str = ""            # "Căn cứ Quyết định số … của Ủy ban nhân dân tỉnh …;"


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
    # The date each numbered document carries (the day its number was registered); a
    # document without an entry is dated `today`.
    dates: Mapping[str, date] = field(default_factory=lambda: MappingProxyType({}))
    province: ProvinceInfo = field(default_factory=ProvinceInfo)
    # "Căn cứ …;" lines of the legal sources in force on `today` (forms/legal-basis.toml),
    # by source key; the document kinds list which ones they cite.
    legal_bases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    meeting_details: MeetingDetails = field(default_factory=MeetingDetails)

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

    def date_of(self, document: str) -> date:
        return self.dates.get(document, self.today)


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
