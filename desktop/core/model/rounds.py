"""Nomination rounds, the council meeting and the dossier checklist (LAW.md §5).

Frozen values only; the rules that act on them are in desktop.core.operations.rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from fractions import Fraction

from desktop.core.i18n import N_, _
from desktop.core.model import AwardKind, SubjectRef
from desktop.core.model.rule_version import RuleVersion


class RoundKind(StrEnum):
    """The kinds of round the app runs; values are those of AwardKind (DESIGN §3)."""

    CONG_TRANG = AwardKind.CONG_TRANG.value
    DOT_XUAT = AwardKind.DOT_XUAT.value
    PHONG_TRAO = AwardKind.PHONG_TRAO.value
    CONG_HIEN = AwardKind.CONG_HIEN.value

    @property
    def award_kind(self) -> AwardKind:
        return AwardKind(self.value)

    @property
    def label(self) -> str:
        return self.award_kind.label


class NominationStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"   # reviewed by the council
    READY = "ready"         # dossier complete
    EXPORTED = "exported"   # sent to the receiving body
    RETURNED = "returned"   # sent back by the province, with notes
    DECIDED = "decided"     # decision number and date recorded

    @property
    def label(self) -> str:
        return _(_STATUS_LABELS[self])

    def can_go_to(self, other: NominationStatus) -> bool:
        return other in TRANSITIONS[self]


_STATUS_LABELS = {
    NominationStatus.DRAFT: N_("Dự thảo"),
    NominationStatus.REVIEWED: N_("Hội đồng đã xét"),
    NominationStatus.READY: N_("Hồ sơ đủ, sẵn sàng gửi"),
    NominationStatus.EXPORTED: N_("Đã gửi"),
    NominationStatus.RETURNED: N_("Bị trả lại"),
    NominationStatus.DECIDED: N_("Đã có quyết định"),
}

# Forward along the year, one step back to correct, and the loop a returned file takes.
# READY → DECIDED is only for titles the unit decides itself (checked by the operation).
TRANSITIONS: dict[NominationStatus, frozenset[NominationStatus]] = {
    NominationStatus.DRAFT: frozenset({NominationStatus.REVIEWED}),
    NominationStatus.REVIEWED: frozenset({NominationStatus.DRAFT, NominationStatus.READY}),
    NominationStatus.READY: frozenset({NominationStatus.REVIEWED, NominationStatus.EXPORTED,
                                       NominationStatus.DECIDED}),
    NominationStatus.EXPORTED: frozenset({NominationStatus.RETURNED, NominationStatus.DECIDED}),
    NominationStatus.RETURNED: frozenset({NominationStatus.DRAFT, NominationStatus.READY}),
    NominationStatus.DECIDED: frozenset(),
}


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    HOLD = "hold"


class VoteMethod(StrEnum):
    BALLOT = "ballot"   # bỏ phiếu kín
    HANDS = "hands"     # biểu quyết giơ tay


class Attendance(StrEnum):
    """A council member at a meeting (LAW §6.7: present / absent with written opinion)."""

    PRESENT = "present"
    WRITTEN_OPINION = "written_opinion"   # vắng, có ý kiến bằng văn bản
    ABSENT = "absent"

    @property
    def label(self) -> str:
        return _(_ATTENDANCE_LABELS[self])


_ATTENDANCE_LABELS = {
    Attendance.PRESENT: N_("Có mặt"),
    Attendance.WRITTEN_OPINION: N_("Vắng, có ý kiến bằng văn bản"),
    Attendance.ABSENT: N_("Vắng"),
}


class MediaType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"

    @property
    def extension(self) -> str:
        return {MediaType.PDF: ".pdf", MediaType.JPEG: ".jpg", MediaType.PNG: ".png"}[self]


@dataclass(frozen=True)
class Registration:
    """Đăng ký thi đua: who registered for which title at the start of `year`."""

    year: int
    subject: SubjectRef
    target: str
    registered_on: date
    note: str = ""
    id: int | None = None
    subject_name: str = ""


@dataclass(frozen=True)
class Round:
    """Đợt xét khen thưởng."""

    kind: RoundKind
    year: int
    name: str
    deadline: date
    receiving_body: str
    movement: str = ""                 # phong_trao only: the named movement
    movement_from: date | None = None
    movement_to: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    basis: str = ""
    status: str = ""   # as the rules engine gave it: met, not_met, unconfirmed, blocker, info


@dataclass(frozen=True)
class EligibilitySnapshot:
    """The verdict as it was when the nomination was made (stored, shown in the dossier),
    with the versions of the rules it applied (None: made before versions were recorded)."""

    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    rule: RuleVersion | None = None


@dataclass(frozen=True)
class Nomination:
    round_id: int
    subject: SubjectRef
    target: str
    eligibility: EligibilitySnapshot
    status: NominationStatus = NominationStatus.DRAFT
    justification: str = ""          # required when the verdict is `ineligible`
    achievement: str = ""            # what is rewarded (the feat, for dot_xuat)
    initiative: str = ""             # name of the sáng kiến used as grounds, if any
    simplified: bool = False         # thủ tục đơn giản
    province_notes: str = ""         # when returned
    decision_no: str = ""
    decision_date: date | None = None
    registered: bool | None = None   # None: the target needs no registration
    subject_name: str = ""
    id: int | None = None
    # the officer's wording of the list's "Tóm tắt thành tích" line ("" = the app's, from facts)
    list_summary: str = ""


@dataclass(frozen=True)
class CouncilMember:
    """One member of the council at a meeting, for the minutes (LAW §6.7)."""

    name: str
    position: str          # chức vụ in the council or the unit ("Chủ tịch UBND xã – Chủ tịch HĐ")
    attendance: Attendance = Attendance.PRESENT


@dataclass(frozen=True)
class CouncilMeeting:
    """Họp Hội đồng Thi đua - Khen thưởng (LAW §5.4, §6.7).

    With `members` named, the three counts are theirs (checked when saved); a meeting
    recorded before names were kept has counts only.
    """

    round_id: int
    held_on: date
    place: str
    chair: str
    secretary: str
    members_total: int
    present: int
    absent_with_written_opinion: int = 0
    counting_committee: tuple[str, ...] = ()   # ban kiểm phiếu
    starts_at: time | None = None
    ends_at: time | None = None
    members: tuple[CouncilMember, ...] = ()
    id: int | None = None

    @property
    def voices(self) -> int:
        """Members whose opinion counts: present, or absent with a written opinion."""
        return self.present + self.absent_with_written_opinion

    @property
    def absent(self) -> int:
        return self.members_total - self.present


def counts_of(members: tuple[CouncilMember, ...]) -> tuple[int, int, int]:
    """(total, present, absent with a written opinion) of a named list."""
    present = sum(1 for m in members if m.attendance is Attendance.PRESENT)
    written = sum(1 for m in members if m.attendance is Attendance.WRITTEN_OPINION)
    return len(members), present, written


@dataclass(frozen=True)
class CouncilVote:
    meeting_id: int
    nomination_id: int
    method: VoteMethod
    votes_for: int
    ballots_issued: int | None = None   # ballot only
    ballots_valid: int | None = None    # ballot only
    threshold: float = 0.0              # share of the council's total membership
    passed: bool = False
    more_than: bool = False             # passes above the threshold, not at it (show of hands)
    id: int | None = None


@dataclass(frozen=True)
class VoteEntry:
    """One candidate's count as the officer typed it, for `save_meeting`."""

    nomination_id: int
    method: VoteMethod
    votes_for: int
    ballots_issued: int | None = None
    ballots_valid: int | None = None


@dataclass(frozen=True)
class TallyRow:
    """One candidate in the vote-counting minutes (biên bản kiểm phiếu, LAW §6.7)."""

    nomination_id: int
    name: str
    title: str
    method: VoteMethod
    ballots_issued: int | None
    ballots_valid: int | None
    votes_for: int
    members_total: int
    threshold: float
    passed: bool
    more_than: bool = False

    @property
    def share(self) -> Fraction:
        """votes_for as an exact share of the council's total membership (LAW §10)."""
        return Fraction(self.votes_for, self.members_total) if self.members_total else \
            Fraction(0)

    @property
    def share_of_total(self) -> float:
        return float(self.share)


@dataclass(frozen=True)
class Attachment:
    nomination_id: int
    part: str
    sha256: str
    original_name: str
    media_type: MediaType
    size: int
    reduced: bool = False
    id: int | None = None

    @property
    def file_name(self) -> str:
        return self.sha256 + self.media_type.extension


@dataclass(frozen=True)
class ChecklistItem:
    part: str
    name: str
    present: bool
    attachments: tuple[Attachment, ...] = ()
    marked: bool = False     # ticked by hand (a paper original)
    note: str = ""
    made_on: date | None = None   # the app last wrote this part's document for the round
    made_by: str = ""        # the app makes this part (forms/titles made_by_app): its source
    made_from: str = ""      # what the app makes it from ("danh sách của đợt", the meeting)
    waiting: str = ""        # an app-made part not makeable yet: why, and what to do


@dataclass(frozen=True)
class Checklist:
    nomination_id: int
    simplified: bool
    simplified_allowed: bool
    items: tuple[ChecklistItem, ...]

    @property
    def missing(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if not i.present)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class PublicPosting:
    """Công khai: the posted list and its dates."""

    round_id: int
    posted_from: date
    posted_to: date
    place: str = ""
    id: int | None = None

    @property
    def days(self) -> int:
        return (self.posted_to - self.posted_from).days + 1


@dataclass(frozen=True)
class PostingRow:
    """One line of the public list: nothing beyond name, unit and title (LAW §9)."""

    name: str
    unit: str
    title: str


@dataclass(frozen=True)
class Dashboard:
    round_id: int
    days_left: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # title → status → n
    individuals: int = 0
    collectives: int = 0
    workers_farmers: int = 0
    women: int = 0
    ethnic_minorities: int = 0
    not_registered: int = 0

    def share(self, count: int) -> float:
        return count / self.individuals if self.individuals else 0.0


@dataclass(frozen=True)
class InitiativeChoice:
    """A sáng kiến of the subject's history, offered as grounds for a nomination."""

    name: str
    year: int
    scope: str
    usable: bool          # unused, or used for this same title and year (LAW §10a.7)
    note: str = ""        # why it is not usable ("đã dùng cho … năm …")


@dataclass(frozen=True)
class NominationForm:
    """What a nomination of `subject` for `target` in a round needs, computed in core: the
    dialog shows exactly this and the operation enforces exactly this."""

    round_id: int
    subject: SubjectRef
    target: str
    title_name: str
    achievement_required: bool
    achievement_claim: str                      # the confirmation the achievement stands for
    initiative_grounds: bool                    # a dossier part proves a cited sáng kiến
    initiatives: tuple[InitiativeChoice, ...]
    parts: tuple[tuple[str, str], ...]          # (code, name) of the full dossier
    verdict: EligibilitySnapshot | None         # None: the rules have no criteria for it
    needs_registration: bool
    registered: bool

    @property
    def on_hold(self) -> bool:
        return self.verdict is not None and self.verdict.verdict is Verdict.HOLD

    @property
    def needs_justification(self) -> bool:
        return self.verdict is not None and self.verdict.verdict is Verdict.INELIGIBLE

    @property
    def usable_initiatives(self) -> tuple[InitiativeChoice, ...]:
        return tuple(i for i in self.initiatives if i.usable)
