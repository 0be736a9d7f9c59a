"""Frozen dataclasses and enums shared by every layer (DESIGN §3 codes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from desktop.core.i18n import N_, _


class Rating(StrEnum):
    """Xếp loại, ordered kht < ht < htt < htxs (LAW §10a.4)."""

    HTXS = "htxs"
    HTT = "htt"
    HT = "ht"
    KHT = "kht"

    @property
    def rank(self) -> int:
        return _RATING_RANK[self]

    @property
    def label(self) -> str:
        return _(_RATING_LABELS[self])

    @property
    def short(self) -> str:
        return _RATING_SHORT[self]


_RATING_RANK = {Rating.KHT: 0, Rating.HT: 1, Rating.HTT: 2, Rating.HTXS: 3}
_RATING_LABELS = {
    Rating.HTXS: N_("Hoàn thành xuất sắc nhiệm vụ"),
    Rating.HTT: N_("Hoàn thành tốt nhiệm vụ"),
    Rating.HT: N_("Hoàn thành nhiệm vụ"),
    Rating.KHT: N_("Không hoàn thành nhiệm vụ"),
}
_RATING_SHORT = {Rating.HTXS: "HTXSNV", Rating.HTT: "HTTNV", Rating.HT: "HTNV", Rating.KHT: "KHTNV"}


class DisciplineLevel(StrEnum):
    """Hình thức kỷ luật, lightest first."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    HA_BAC_LUONG = "ha_bac_luong"
    GIANG_CHUC = "giang_chuc"
    CACH_CHUC = "cach_chuc"
    BUOC_THOI_VIEC = "buoc_thoi_viec"

    @property
    def rank(self) -> int:
        return list(DisciplineLevel).index(self)

    @property
    def label(self) -> str:
        return _(_DISCIPLINE_LABELS[self])


_DISCIPLINE_LABELS = {
    DisciplineLevel.KHIEN_TRACH: N_("Khiển trách"),
    DisciplineLevel.CANH_CAO: N_("Cảnh cáo"),
    DisciplineLevel.HA_BAC_LUONG: N_("Hạ bậc lương"),
    DisciplineLevel.GIANG_CHUC: N_("Giáng chức"),
    DisciplineLevel.CACH_CHUC: N_("Cách chức"),
    DisciplineLevel.BUOC_THOI_VIEC: N_("Buộc thôi việc"),
}


class SubjectGroup(StrEnum):
    CBCCVC = "cbccvc"
    NGUOI_LAO_DONG = "nguoi_lao_dong"
    CONG_NHAN_NONG_DAN = "cong_nhan_nong_dan"
    VU_TRANG = "vu_trang"

    @property
    def label(self) -> str:
        return _(_GROUP_LABELS[self])


_GROUP_LABELS = {
    SubjectGroup.CBCCVC: N_("Cán bộ, công chức, viên chức"),
    SubjectGroup.NGUOI_LAO_DONG: N_("Người lao động"),
    SubjectGroup.CONG_NHAN_NONG_DAN: N_("Công nhân, nông dân, người lao động trực tiếp"),
    SubjectGroup.VU_TRANG: N_("Lực lượng vũ trang"),
}


class AwardKind(StrEnum):
    """Loại hình khen thưởng (Law Art 8)."""

    CONG_TRANG = "cong_trang"
    DOT_XUAT = "dot_xuat"
    PHONG_TRAO = "phong_trao"
    CONG_HIEN = "cong_hien"
    DOI_NGOAI = "doi_ngoai"

    @property
    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    AwardKind.CONG_TRANG: N_("Công trạng"),
    AwardKind.DOT_XUAT: N_("Đột xuất"),
    AwardKind.PHONG_TRAO: N_("Phong trào thi đua"),
    AwardKind.CONG_HIEN: N_("Quá trình cống hiến"),
    AwardKind.DOI_NGOAI: N_("Đối ngoại"),
}


class Scope(StrEnum):
    """Phạm vi ảnh hưởng of a sáng kiến or research topic."""

    CO_SO = "co_so"
    TINH = "tinh"
    TOAN_QUOC = "toan_quoc"

    @property
    def rank(self) -> int:
        return list(Scope).index(self)

    @property
    def label(self) -> str:
        return _(_SCOPE_LABELS[self])


_SCOPE_LABELS = {
    Scope.CO_SO: N_("Cơ sở"),
    Scope.TINH: N_("Tỉnh, bộ, ngành"),
    Scope.TOAN_QUOC: N_("Toàn quốc"),
}


class Gender(StrEnum):
    NAM = "nam"
    NU = "nu"

    @property
    def label(self) -> str:
        return _("Nam") if self is Gender.NAM else _("Nữ")


class CollectiveKind(StrEnum):
    PHONG_BAN = "phong_ban"
    THON_TO_DAN_PHO = "thon_to_dan_pho"
    TRUONG = "truong"
    TRAM_Y_TE = "tram_y_te"
    DOAN_THE = "doan_the"
    DOANH_NGHIEP = "doanh_nghiep"
    KHAC = "khac"

    @property
    def label(self) -> str:
        return _(_COLLECTIVE_KIND_LABELS[self])


_COLLECTIVE_KIND_LABELS = {
    CollectiveKind.PHONG_BAN: N_("Phòng, ban"),
    CollectiveKind.THON_TO_DAN_PHO: N_("Thôn, tổ dân phố"),
    CollectiveKind.TRUONG: N_("Trường học"),
    CollectiveKind.TRAM_Y_TE: N_("Trạm y tế"),
    CollectiveKind.DOAN_THE: N_("Đoàn thể"),
    CollectiveKind.DOANH_NGHIEP: N_("Doanh nghiệp, hợp tác xã"),
    CollectiveKind.KHAC: N_("Khác"),
}


class WorkUnitKind(StrEnum):
    """What a work unit inside the unit is (phòng, trường, trạm, thôn, hợp tác xã)."""

    PHONG = "phong"
    TRUONG = "truong"
    TRAM = "tram"
    THON = "thon"
    HOP_TAC_XA = "hop_tac_xa"
    KHAC = "khac"

    @property
    def label(self) -> str:
        return _(_WORK_UNIT_KIND_LABELS[self])


_WORK_UNIT_KIND_LABELS = {
    WorkUnitKind.PHONG: N_("Phòng, ban, văn phòng"),
    WorkUnitKind.TRUONG: N_("Trường học"),
    WorkUnitKind.TRAM: N_("Trạm, trung tâm"),
    WorkUnitKind.THON: N_("Thôn, tổ dân phố"),
    WorkUnitKind.HOP_TAC_XA: N_("Hợp tác xã, doanh nghiệp"),
    WorkUnitKind.KHAC: N_("Khác"),
}


class UnitKind(StrEnum):
    XA = "xa"
    CO_QUAN = "co_quan"

    @property
    def label(self) -> str:
        return _("Xã, phường, đặc khu") if self is UnitKind.XA else _("Cơ quan, đơn vị")


class SubjectKind(StrEnum):
    PERSON = "person"
    COLLECTIVE = "collective"


@dataclass(frozen=True)
class SubjectRef:
    """Who a history row belongs to: a person or a collective."""

    kind: SubjectKind
    id: int


@dataclass(frozen=True)
class Unit:
    """The unit profile: who prepares the dossiers and how its documents are numbered."""

    name: str
    kind: UnitKind
    superior_body: str
    doc_code: str
    place_name: str
    head_name: str
    head_title: str
    officer_name: str
    officer_title: str
    province: str = "default"
    # Mã đơn vị: ASCII, names the exported package (DESIGN §6); given by the province.
    code: str = ""


@dataclass(frozen=True)
class Person:
    id: int | None
    full_name: str
    birth_date: date | None = None
    gender: Gender | None = None
    ethnicity: str = "Kinh"
    position: str = ""
    department: str = ""
    group: SubjectGroup = SubjectGroup.CBCCVC
    hired_on: date | None = None
    phone: str = ""
    national_id: str = ""
    # The work unit the person belongs to (phòng, trường, thôn…): its head certifies the
    # person's achievement report. None: the unit itself (its head certifies).
    work_unit_id: int | None = None
    # Mẫu 05 lý lịch (LAW §6.3), all optional.
    hometown: str = ""            # quê quán
    residence: str = ""           # trú quán
    qualification: str = ""       # trình độ chuyên môn, nghiệp vụ
    political_theory: str = ""    # trình độ lý luận chính trị
    academic_rank: str = ""       # học hàm, học vị
    party_post: str = ""          # chức vụ Đảng
    mass_org_post: str = ""       # chức vụ đoàn thể


@dataclass(frozen=True)
class WorkUnit:
    """A work unit inside the unit: a phòng, a school, the health station, a thôn, a
    cooperative. `name` is its full official name as documents print it ("Văn phòng Hội đồng
    nhân dân và Ủy ban nhân dân xã Thanh Sơn"); `short_name` what the officer calls it in
    lists. Its head certifies the achievement reports of its people."""

    id: int | None
    name: str
    short_name: str = ""
    kind: WorkUnitKind = WorkUnitKind.KHAC
    head_name: str = ""
    head_title: str = ""

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Collective:
    id: int | None
    name: str
    kind: CollectiveKind = CollectiveKind.PHONG_BAN
    note: str = ""
    member_ids: tuple[int, ...] = ()
    # The work unit this collective is (a school, a thôn): documents print its full name and
    # its head signs the collective's report.
    work_unit_id: int | None = None


@dataclass(frozen=True)
class YearRecord:
    """One year of a person's or collective's record.

    The three qualitative criteria (exemplary conduct, solidarity, taking part in
    movements) are ticks the officer sets with a note; None means "not yet confirmed",
    which is never read as met.
    """

    year: int
    rating: Rating | None = None
    pending_review: bool = False
    pending_note: str = ""
    exemplary: bool | None = None
    solidarity: bool | None = None
    movement: bool | None = None
    qualities_note: str = ""


@dataclass(frozen=True)
class Award:
    """A title (danh hiệu) or a form of commendation (hình thức) received."""

    year: int
    code: str
    kind: AwardKind = AwardKind.CONG_TRANG
    decision_no: str = ""
    decision_date: date | None = None
    issuer: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Initiative:
    """A sáng kiến: used for at most one award (LAW §2.8)."""

    year: int
    name: str
    scope: Scope = Scope.CO_SO
    decision_no: str = ""
    decision_date: date | None = None
    recognised_by: str = ""
    used_for_code: str = ""
    used_for_year: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class ResearchTopic:
    """Đề tài khoa học, đề án: counts once accepted (nghiệm thu)."""

    year: int
    name: str
    scope: Scope = Scope.CO_SO
    accepted_on: date | None = None
    applied: bool = False
    used_for_code: str = ""
    used_for_year: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Discipline:
    level: DisciplineLevel
    start_date: date
    end_date: date | None = None
    decision_no: str = ""
    reason: str = ""
    id: int | None = None

    def overlaps_year(self, year: int) -> bool:
        end = self.end_date or date(9999, 12, 31)
        return self.start_date <= date(year, 12, 31) and end >= date(year, 1, 1)


@dataclass(frozen=True)
class Claim:
    """A fact only the officer can vouch for, confirmed for one year with a note.

    E.g. "dẫn đầu cụm, khối thi đua", "vượt chỉ tiêu", a movement achievement. The codes
    and their wording come from the criteria in forms/titles; a missing claim is never met.
    """

    year: int
    code: str
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class History:
    """Everything recorded about one person or collective, year by year."""

    years: tuple[YearRecord, ...] = ()
    awards: tuple[Award, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    research: tuple[ResearchTopic, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    claims: tuple[Claim, ...] = ()

    def is_empty(self) -> bool:
        return not (self.years or self.awards or self.initiatives or self.research
                    or self.discipline or self.claims)

    def row_count(self) -> int:
        return (len(self.years) + len(self.awards) + len(self.initiatives)
                + len(self.research) + len(self.discipline) + len(self.claims))


_Row = TypeVar("_Row")


@dataclass(frozen=True)
class FirstPage(Generic[_Row]):
    """The first rows of a searched list, asked on every keystroke.

    `total` is the exact number of matches when it came for free (few matches, or no search),
    else None: then there are more than `more_than`, and the exact count is asked later
    (counting a broad match on every keystroke cost more than the rows themselves).
    """

    rows: list[_Row]
    total: int | None
    more_than: int = 0


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so views can refresh only what they show.

    Ids of the rows written; `registration_years` names the years whose registration list
    changed (a registration removed has no row left to name).
    """

    people: frozenset[int] = field(default_factory=frozenset)
    collectives: frozenset[int] = field(default_factory=frozenset)
    unit: bool = False
    bulk: bool = False  # many rows: reload the lists
    rounds: frozenset[int] = field(default_factory=frozenset)
    nominations: frozenset[int] = field(default_factory=frozenset)
    meetings: frozenset[int] = field(default_factory=frozenset)
    registration_years: frozenset[int] = field(default_factory=frozenset)
    postings: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.people | other.people, self.collectives | other.collectives,
                       self.unit or other.unit, self.bulk or other.bulk,
                       self.rounds | other.rounds, self.nominations | other.nominations,
                       self.meetings | other.meetings,
                       self.registration_years | other.registration_years,
                       self.postings | other.postings)
