"""`hoso demo`: a sample commune, so a newcomer sees a working app at once (DESIGN §7).

Xã Thanh Sơn, tỉnh Phú Thọ (after the 2025 mergers): the departments of a two-level commune,
its schools and health station, a cooperative and 6–10 thôn; about 150 people with
Vietnamese names (a few of ethnic minorities) and 3–5 years of history that follow the law
(LAW §10): LĐTT only for htt/htxs, CSTĐCS only for htxs or with a recognised initiative,
HTXS kept at or below 20 % of the unit each year. The review year (the current year) has its
ratings, the confirmed qualities and the LĐTT decision (made in November); CSTĐCS and TTLĐTT are
left for the round to decide, with a deliberate mix: people who qualify for CSTĐCS (by HTXS, by
an initiative, by a research topic), one for CSTĐ tỉnh (whose third CSTĐCS is already decided),
and people who are blocked (pending review, discipline, a failed quality tick, a low rating).

The officer's year then runs through core.operations as in the app (LAW §5): January
registrations, a year-end cống trạng round (CSTĐCS, CSTĐ tỉnh, LĐTT, TTLĐTT, a Giấy khen; one
nominee ineligible with a written justification, one not registered), the council meeting
with its ballots (one CSTĐCS fails on the council's total membership), evidence files (a PDF
recognition decision, a PNG photo of a certificate) so every dossier the council passed is
complete, and the public posting.

Everything is drawn from one `random.Random(seed)`, so the same seed gives the same commune.
Sample data (names, positions, notes) is data, not interface text: it is not translated.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import (
    Award,
    AwardKind,
    Claim,
    Collective,
    CollectiveKind,
    Discipline,
    DisciplineLevel,
    Gender,
    History,
    Initiative,
    Person,
    Rating,
    ResearchTopic,
    Scope,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import (
    CouncilMeeting,
    Nomination,
    NominationStatus,
    Round,
    RoundKind,
    VoteMethod,
)
from desktop.core.operations import demo_units
from desktop.core.operations.eligibility import eligible_ids
from desktop.core.operations.profiles import ProfileInfo, create_profile, list_profiles
from desktop.core.operations.registry import get_history, validate_history, validate_person
from desktop.core.operations.rounds import (
    VoteEntry,
    add_nomination,
    attach_file,
    checklist,
    create_round,
    default_deadline,
    list_rounds,
    mark_part,
    record_posting,
    register,
    save_meeting,
    set_status,
    vote_rule,
    votes,
)
from desktop.core.store import Store
from desktop.core.store import registry as repo

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_tinh"
TTLDTT = "tap_the_lao_dong_tien_tien"
GIAY_KHEN = "giay_khen"
BANG_KHEN_TINH = "bang_khen_tinh"
THON_VAN_HOA = "thon_to_dan_pho_van_hoa"

COMMUNE = "Thanh Sơn"
PROVINCE = "Phú Thọ"
DEMO_UNIT = Unit(
    name=f"Ủy ban nhân dân xã {COMMUNE}",
    kind=UnitKind.XA,
    superior_body=f"ỦY BAN NHÂN DÂN TỈNH {PROVINCE.upper()}",
    doc_code="UBND",
    code="PT-THANHSON",
    place_name=COMMUNE,
    head_name="Hà Văn Thắng",
    head_title="Chủ tịch",
    officer_name="Nguyễn Thị Thu Hà",
    officer_title="Công chức Văn hóa - Xã hội (phụ trách thi đua, khen thưởng)",
)
COMMUNE_ISSUER = f"Chủ tịch UBND xã {COMMUNE}"
DISTRICT_ISSUER = f"Chủ tịch UBND huyện {COMMUNE}"  # CSTĐCS before the 1/7/2025 reform
PROVINCE_ISSUER = f"Chủ tịch UBND tỉnh {PROVINCE}"
INITIATIVE_COUNCIL = f"Hội đồng Sáng kiến xã {COMMUNE}"
HISTORY_YEARS = 5  # the review year and the four before it

# ---- names -----------------------------------------------------------------------------------

SURNAMES = (["Nguyễn"] * 12 + ["Trần"] * 4 + ["Lê"] * 4 + ["Phạm"] * 3 + ["Hoàng"] * 2
            + ["Vũ"] * 2 + ["Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Hà", "Đinh",
                            "Phùng", "Cao", "Trịnh", "Kiều"])
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Mạnh", "Tiến",
               "Trọng", "Xuân", "Ngọc", "Thanh", "Việt"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Thanh", "Thị Minh", "Thị Hồng",
                 "Ngọc", "Thu", "Thanh", "Thùy", "Kim", "Phương", "Hồng", "Mai"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng",
              "Hùng", "Huy", "Khánh", "Kiên", "Lâm", "Long", "Nam", "Nghĩa", "Phong", "Phúc",
              "Quân", "Sơn", "Tài", "Thành", "Toàn", "Trung", "Tuấn", "Tùng", "Vinh", "Việt",
              "Hưởng", "Lực", "Chiến", "Thịnh", "Khoa", "Đông", "Hậu", "Quý"]
GIVEN_FEMALE = ["Anh", "Chi", "Dung", "Duyên", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huyền",
                "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh",
                "Phượng", "Quỳnh", "Tâm", "Thảo", "Thủy", "Trang", "Tuyết", "Uyên", "Vân",
                "Yến", "Lụa", "Huệ", "Ánh", "Diệp", "Gấm", "Xuân"]

# (ethnicity, male names, female names): names as these peoples write them in Vietnamese.
MINORITY_NAMES: list[tuple[str, list[str], list[str]]] = [
    ("Mường", ["Đinh Văn Khiêm", "Bùi Văn Thàng", "Quách Văn Lường", "Hà Công Tứ"],
     ["Đinh Thị Mến", "Bùi Thị Ngoan", "Quách Thị Hường", "Xa Thị Lún"]),
    ("Dao", ["Triệu Văn Tòng", "Bàn Văn Sinh", "Lý Văn Phin"],
     ["Bàn Thị Mây", "Triệu Thị Nhất", "Đặng Thị Kiều"]),
    ("Tày", ["Nông Văn Chức", "Hoàng Văn Páo", "Ma Văn Thuận"],
     ["Nông Thị Ngần", "Ma Thị Lụa", "Lục Thị Thơm"]),
    ("Nùng", ["Vi Văn Sáng", "Lương Văn Khoát"], ["Vi Thị Hoan", "Lương Thị Mỷ"]),
    ("Thái", ["Lò Văn Piêng", "Cầm Văn Khương", "Lường Văn Ún"],
     ["Lò Thị Xuân", "Cầm Thị Dịu", "Lường Thị Ban"]),
    ("H'Mông", ["Giàng A Páo", "Vàng A Dính", "Sùng A Tủa"],
     ["Sùng Thị Mai", "Thào Thị Máy", "Giàng Thị Dợ"]),
]

# The people the demo is about (see _feature); no one else gets these names.
FEATURED_NAMES = ("Đặng Thị Ỷ", "Lê Thị Thu Hằng", "Phạm Minh Tuấn", "Bùi Thị Hạnh",
                  "Hoàng Đức Minh", "Trần Văn Quyết", "Vũ Văn Lợi", "Hà Văn Thắng",
                  "Đinh Văn Cường", "Nguyễn Thị Thu Hà")

PHONE_PREFIXES = ("098", "097", "096", "091", "094", "088", "086", "035", "036", "037", "038",
                  "039", "083", "084", "085", "070", "077", "079", "032", "033")
PROVINCE_ID_CODE = "025"  # first three digits of a CCCD issued in Phú Thọ

# ---- departments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dept:
    name: str
    kind: CollectiveKind
    size: tuple[int, int]
    female_share: float
    positions: tuple[str, ...]  # the first ones are the leaders, one person each
    staff_position: tuple[str, ...]
    group: SubjectGroup = SubjectGroup.CBCCVC


DEPARTMENTS = (
    Dept("Văn phòng HĐND và UBND", CollectiveKind.PHONG_BAN, (13, 16), 0.4,
         ("Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Phó Chủ tịch UBND xã",
          "Phó Chủ tịch HĐND xã", "Chánh Văn phòng", "Phó Chánh Văn phòng"),
         ("Chuyên viên", "Chuyên viên", "Văn thư - Lưu trữ", "Kế toán", "Chuyên viên")),
    Dept("Phòng Kinh tế", CollectiveKind.PHONG_BAN, (8, 11), 0.4,
         ("Trưởng phòng", "Phó Trưởng phòng"),
         ("Chuyên viên nông nghiệp", "Chuyên viên địa chính", "Chuyên viên xây dựng",
          "Chuyên viên tài chính")),
    Dept("Phòng Văn hóa - Xã hội", CollectiveKind.PHONG_BAN, (8, 11), 0.6,
         ("Trưởng phòng", "Phó Trưởng phòng"),
         ("Chuyên viên văn hóa", "Chuyên viên lao động - xã hội", "Chuyên viên giáo dục",
          "Chuyên viên y tế")),
    Dept("Trung tâm Phục vụ hành chính công", CollectiveKind.PHONG_BAN, (6, 8), 0.6,
         ("Giám đốc", "Phó Giám đốc"), ("Chuyên viên một cửa", "Chuyên viên tiếp nhận hồ sơ")),
    Dept("Trạm Y tế xã", CollectiveKind.TRAM_Y_TE, (10, 13), 0.7,
         ("Trạm trưởng", "Phó Trạm trưởng"),
         ("Bác sĩ", "Y sĩ", "Điều dưỡng", "Nữ hộ sinh", "Dược sĩ")),
    Dept(f"Trường Mầm non {COMMUNE}", CollectiveKind.TRUONG, (20, 25), 0.95,
         ("Hiệu trưởng", "Phó Hiệu trưởng"), ("Giáo viên", "Giáo viên", "Giáo viên", "Kế toán")),
    Dept(f"Trường Tiểu học {COMMUNE}", CollectiveKind.TRUONG, (22, 27), 0.8,
         ("Hiệu trưởng", "Phó Hiệu trưởng"), ("Giáo viên", "Giáo viên", "Giáo viên",
                                                  "Tổng phụ trách Đội", "Nhân viên thư viện")),
    Dept(f"Trường THCS {COMMUNE}", CollectiveKind.TRUONG, (22, 27), 0.65,
         ("Hiệu trưởng", "Phó Hiệu trưởng"),
         ("Giáo viên Toán", "Giáo viên Ngữ văn", "Giáo viên Tiếng Anh", "Giáo viên Vật lý",
          "Giáo viên Lịch sử và Địa lý", "Giáo viên Tin học")),
)
COOPERATIVE = f"Hợp tác xã Nông nghiệp {COMMUNE}"
HAMLETS = ["Thôn Đồng Xuân", "Thôn Bản Mường", "Thôn Liên Hợp", "Thôn Đồng Tâm", "Thôn Tân Lập",
           "Thôn Xóm Mới", "Thôn Chiềng", "Thôn Minh Khai", "Thôn Quyết Tiến", "Thôn Suối Cỏ"]
CONTRACT_POSITIONS = ("Bảo vệ", "Lái xe", "Nhân viên phục vụ")
SCHOOL_CONTRACT_POSITIONS = ("Bảo vệ", "Nấu ăn", "Nhân viên phục vụ")
FARMER_POSITIONS = ("Xã viên hợp tác xã", "Nông dân trồng chè", "Nông dân trồng bưởi",
                    "Chăn nuôi", "Tổ trưởng tổ hợp tác")

QUALITY_NOTES = (
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước; đoàn kết, "
    "giúp đỡ đồng nghiệp; tích cực tham gia phong trào “Cả nước chung tay vì người nghèo”.",
    "Chấp hành tốt quy chế làm việc của cơ quan; đoàn kết nội bộ; tham gia tích cực phong trào "
    "thi đua “Chuyển đổi số” của xã.",
    "Có tinh thần trách nhiệm, tác phong chuẩn mực; tham gia phong trào “Xây dựng nông thôn "
    "mới” và ủng hộ đồng bào bị ảnh hưởng bão lũ.",
)
INITIATIVE_NAMES = {
    "Văn phòng HĐND và UBND": "Số hóa hồ sơ lưu trữ của Văn phòng HĐND và UBND xã",
    "Phòng Kinh tế": "Mô hình trồng bưởi Diễn theo tiêu chuẩn VietGAP tại các thôn vùng đồi",
    "Phòng Văn hóa - Xã hội": "Giải pháp rà soát hộ nghèo bằng bảng tính dùng chung",
    "Trung tâm Phục vụ hành chính công": "Quy trình hẹn trả kết quả thủ tục hành chính qua "
                                         "tin nhắn Zalo",
    "Trạm Y tế xã": "Giải pháp quản lý tiêm chủng mở rộng bằng sổ điện tử",
    f"Trường Mầm non {COMMUNE}": "Biện pháp phát triển ngôn ngữ tiếng Việt cho trẻ 4–5 tuổi "
                                 "người dân tộc Mường",
    f"Trường Tiểu học {COMMUNE}": "Một số biện pháp nâng cao kỹ năng đọc hiểu cho học sinh "
                                  "lớp 3",
    f"Trường THCS {COMMUNE}": "Ứng dụng trí tuệ nhân tạo trong ôn luyện Toán cho học sinh "
                              "lớp 9",
}


PROVINCIAL_INITIATIVE = ("Ứng dụng trí tuệ nhân tạo trong ôn luyện Toán cho học sinh lớp 9 các "
                         "trường vùng dân tộc thiểu số")


class DemoExists(UserError):
    """The data dir already holds the sample commune; nothing is overwritten."""


# ---- drawing the people ----------------------------------------------------------------------


@dataclass
class _Draft:
    person: Person
    first_year: int  # the first year of history (3–5 years before and with the review year)
    collective: str  # department, cooperative or thôn name (for memberships)
    years: dict[int, YearRecord] = field(default_factory=dict)
    awards: list[Award] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    research: list[ResearchTopic] = field(default_factory=list)
    discipline: list[Discipline] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    fixed: bool = False  # a featured person whose history is written by hand

    def history(self) -> History:
        return History(tuple(self.years[y] for y in sorted(self.years)), tuple(self.awards),
                       tuple(self.initiatives), tuple(self.research), tuple(self.discipline),
                       tuple(self.claims))


class _Names:
    """Unique full names, gender consistent with the middle name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set(FEATURED_NAMES)  # never drawn at random

    def take(self, name: str) -> str:
        self.used.add(name)
        return name

    def kinh(self, gender: Gender) -> str:
        rng = self.rng
        while True:
            if gender is Gender.NAM:
                name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
            else:
                name = (f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_FEMALE)} "
                        f"{rng.choice(GIVEN_FEMALE)}")
            if name not in self.used:
                return self.take(name)


def _phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(7))


def _national_id(rng: random.Random, birth: date, gender: Gender) -> str:
    century = 0 if birth.year < 2000 else 2
    code = century + (0 if gender is Gender.NAM else 1)
    return (f"{PROVINCE_ID_CODE}{code}{birth.year % 100:02d}"
            + "".join(rng.choice("0123456789") for _ in range(6)))


def _birth(rng: random.Random, review_year: int, low: int, high: int) -> date:
    year = review_year - rng.randint(low, high)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _hired(rng: random.Random, birth: date, review_year: int) -> date:
    earliest = birth.year + 22
    latest = review_year - 2  # at least three years of history
    year = rng.randint(min(earliest, latest), latest) if earliest < latest else latest
    day = date(year, rng.choice((1, 3, 7, 8, 9, 10)), rng.randint(1, 28))
    if year == latest:
        day = min(day, date(year, 6, 1))  # six months in the first year, so it counts
    return day


def _draft(rng: random.Random, names: _Names, review_year: int, department: str,
           position: str, group: SubjectGroup, female_share: float,
           full_name: str | None = None, gender: Gender | None = None,
           ethnicity: str = "Kinh", age: tuple[int, int] = (24, 58)) -> _Draft:
    if gender is None:
        gender = Gender.NU if rng.random() < female_share else Gender.NAM
    name = names.take(full_name) if full_name else names.kinh(gender)
    if gender is Gender.NAM and position.startswith("Nữ "):  # nữ hộ sinh: a woman's post
        position = "Y sĩ"
    birth = _birth(rng, review_year, *age)
    hired = _hired(rng, birth, review_year)
    person = Person(
        id=None, full_name=name, birth_date=birth, gender=gender, ethnicity=ethnicity,
        position=position, department=department, group=group, hired_on=hired,
        phone=_phone(rng) if rng.random() < 0.9 else "",
        national_id="",
    )
    first = max(review_year - HISTORY_YEARS + 1, hired.year)
    return _Draft(person, first, department)


def _people(rng: random.Random, review_year: int) -> list[_Draft]:
    names = _Names(rng)
    drafts: list[_Draft] = []
    minority_pool = [(eth, name, Gender.NAM) for eth, males, _f in MINORITY_NAMES for name in males]
    minority_pool += [(eth, name, Gender.NU) for eth, _m, females in MINORITY_NAMES
                      for name in females]
    rng.shuffle(minority_pool)
    for dept in DEPARTMENTS:
        size = rng.randint(*dept.size)
        for i in range(size):
            position = dept.positions[i] if i < len(dept.positions) else \
                rng.choice(dept.staff_position)
            kwargs: dict[str, Any] = {}
            if minority_pool and rng.random() < 0.12:
                eth, name, gender = minority_pool.pop()
                kwargs = {"full_name": name, "gender": gender, "ethnicity": eth}
            if i < len(dept.positions):
                kwargs["age"] = (38, 56)
            drafts.append(_draft(rng, names, review_year, dept.name, position, dept.group,
                                 dept.female_share, **kwargs))
        for _i in range(rng.randint(0, 2)):  # contract staff: người lao động
            drafts.append(_draft(rng, names, review_year, dept.name,
                                 rng.choice(SCHOOL_CONTRACT_POSITIONS
                                            if dept.kind is CollectiveKind.TRUONG
                                            else CONTRACT_POSITIONS),
                                 SubjectGroup.NGUOI_LAO_DONG,
                                 0.4))
    return drafts


def _hamlet_people(rng: random.Random, review_year: int, names: _Names, hamlets: list[str]
                   ) -> list[_Draft]:
    drafts = []
    minority = [(eth, n, Gender.NAM) for eth, males, _f in MINORITY_NAMES[:2] for n in males]
    for hamlet in hamlets:
        drafts.append(_draft(rng, names, review_year, hamlet, "Trưởng thôn",
                             SubjectGroup.NGUOI_LAO_DONG, 0.25, age=(35, 60)))
        for _i in range(rng.randint(1, 2)):
            kwargs: dict[str, Any] = {}
            unused = [m for m in minority if m[1] not in names.used]
            if "Bản" in hamlet and unused:
                eth, name, gender = unused[0]
                kwargs = {"full_name": name, "gender": gender, "ethnicity": eth}
            drafts.append(_draft(rng, names, review_year, COOPERATIVE if rng.random() < 0.5
                                 else hamlet, rng.choice(FARMER_POSITIONS),
                                 SubjectGroup.CONG_NHAN_NONG_DAN, 0.45, age=(28, 60), **kwargs))
            drafts[-1].collective = hamlet
    return drafts


# ---- history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decisions:
    """One decision per title and year, as a commune numbers them (“125/QĐ-UBND”)."""

    numbers: dict[tuple[str, int], tuple[str, date, str]]

    def award(self, code: str, year: int, kind: AwardKind = AwardKind.CONG_TRANG) -> Award:
        number, when, issuer = self.numbers[(code, year)]
        return Award(year=year, code=code, kind=kind, decision_no=number, decision_date=when,
                     issuer=issuer)


def _decisions(rng: random.Random, review_year: int, today: date) -> _Decisions:
    numbers: dict[tuple[str, int], tuple[str, date, str]] = {}
    for year in range(review_year - HISTORY_YEARS + 1, review_year + 1):
        reformed = year >= 2025  # Decree 129/2025: the commune chairman decides CSTĐCS
        when = min(date(year, 12, rng.randint(15, 28)), today)
        if year == review_year:
            when = min(date(year, 11, 10), today)
        ldtt = rng.randint(300, 420)
        numbers[(LDTT, year)] = (f"{ldtt}/QĐ-UBND", when, COMMUNE_ISSUER)
        numbers[(TTLDTT, year)] = (f"{ldtt + 1}/QĐ-UBND", when, COMMUNE_ISSUER)
        numbers[(THON_VAN_HOA, year)] = (f"{ldtt + 2}/QĐ-UBND", when, COMMUNE_ISSUER)
        cstd_when = when + timedelta(days=3) if year < review_year else when
        numbers[(CSTDCS, year)] = (
            f"{rng.randint(100, 250) if reformed else rng.randint(1800, 2600)}/QĐ-UBND",
            min(cstd_when, today), COMMUNE_ISSUER if reformed else DISTRICT_ISSUER)
        numbers[(GIAY_KHEN, year)] = (f"{ldtt + 5}/QĐ-UBND", min(when, today), COMMUNE_ISSUER)
    return _Decisions(numbers)


def _ticks(rng: random.Random, ok: bool = True, note: str = "") -> dict[str, Any]:
    return {"exemplary": ok, "solidarity": True, "movement": ok,
            "qualities_note": note or rng.choice(QUALITY_NOTES)}


def _random_ratings(rng: random.Random, drafts: list[_Draft], review_year: int) -> None:
    """Ratings year by year: about 13 % HTXS (never above 20 %), 60 % HTT, the rest HT/KHT."""
    for year in range(review_year - HISTORY_YEARS + 1, review_year + 1):
        rated = [d for d in drafts if d.first_year <= year]
        for d in rated:
            if d.fixed:
                continue
            roll = rng.random()
            rating = (Rating.HTXS if roll < 0.13 else Rating.HTT if roll < 0.76
                      else Rating.HT if roll < 0.97 else Rating.KHT)
            d.years[year] = YearRecord(year=year, rating=rating)
        cap = len(rated) // 5
        best = sorted((d for d in rated if d.years[year].rating is Rating.HTXS),
                      key=lambda d: not d.fixed)  # featured people keep their HTXS
        for d in best[cap:]:
            if not d.fixed:
                d.years[year] = replace(d.years[year], rating=Rating.HTT)


def _random_titles(rng: random.Random, drafts: list[_Draft], review_year: int,
                   dec: _Decisions, today: date) -> None:
    """Titles for the past years; the review year gets ratings and ticks, its titles are due."""
    for d in drafts:
        if d.fixed:
            continue
        for year, record in sorted(d.years.items()):
            good = record.rating in (Rating.HTT, Rating.HTXS)
            if year == review_year:
                blocked = rng.random() < 0.04 and good
                ticks = (_ticks(rng, ok=False, note="Chưa gương mẫu: nhiều lần đi muộn, đã bị "
                                                    "nhắc nhở trong cuộc họp cơ quan.")
                         if blocked else _ticks(rng) if rng.random() < 0.9 else {})
                d.years[year] = replace(record, **ticks)
                # LĐTT of the review year is already decided (November) for those whose
                # three qualities are confirmed; CSTĐCS and TTLĐTT are what the round decides
                if good and ticks and not blocked:
                    d.awards.append(dec.award(LDTT, year))
                continue
            if not good:
                continue
            d.years[year] = replace(record, exemplary=True, solidarity=True, movement=True)
            d.awards.append(dec.award(LDTT, year))
            if record.rating is Rating.HTXS and rng.random() < 0.6:
                d.awards.append(dec.award(CSTDCS, year))
            elif rng.random() < 0.04 and d.person.group is SubjectGroup.CBCCVC:
                # HTT plus a recognised initiative also makes a CSTĐCS (LAW §10 #3)
                name = INITIATIVE_NAMES.get(d.person.department)
                if name and not any(i.name == name for x in drafts for i in x.initiatives):
                    d.initiatives.append(_initiative(rng, year, name, Scope.CO_SO, today,
                                                     used_for=(CSTDCS, year)))
                    d.awards.append(dec.award(CSTDCS, year))
    # a Giấy khen for a movement in the year before the review, to a few good workers
    prev = review_year - 1
    workers = [d for d in drafts if not d.fixed and prev in d.years
               and d.years[prev].rating in (Rating.HTT, Rating.HTXS)]
    for d in rng.sample(workers, min(3, len(workers))):
        d.awards.append(replace(dec.award(GIAY_KHEN, prev), kind=AwardKind.PHONG_TRAO))


def _initiative(rng: random.Random, year: int, name: str, scope: Scope, today: date,
                used_for: tuple[str, int] | None = None) -> Initiative:
    when = min(date(year, rng.randint(9, 11), rng.randint(1, 28)), today)
    provincial = scope is not Scope.CO_SO
    return Initiative(
        year=year, name=name, scope=scope,
        decision_no=f"{rng.randint(1500, 2900)}/QĐ-UBND" if provincial
        else f"{rng.randint(60, 99)}/QĐ-HĐSK",
        decision_date=when,
        recognised_by=PROVINCE_ISSUER if provincial else INITIATIVE_COUNCIL,
        used_for_code=used_for[0] if used_for else "",
        used_for_year=used_for[1] if used_for else None)


def _feature(rng: random.Random, drafts: list[_Draft], names: _Names, review_year: int,
             dec: _Decisions, today: date) -> None:
    """The people the demo is about: each one shows a rule of the law at work in the review
    year. They replace ordinary staff of the same department, so head counts stay the same."""
    y = review_year
    years = range(y - HISTORY_YEARS + 1, y + 1)

    def take(department: str, full_name: str, gender: Gender, position: str,
             ethnicity: str = "Kinh") -> _Draft:
        """The holder of `position` in `department`, or else an ordinary staff member."""
        dept = next((x for x in DEPARTMENTS if x.name == department), None)
        leaders = set(dept.positions) if dept else set()
        pool = [d for d in drafts if d.person.department == department and not d.fixed
                and d.person.group is SubjectGroup.CBCCVC]
        chosen = next((d for d in pool if d.person.position == position), None) or \
            next((d for d in pool if d.person.position not in leaders), None)
        if chosen is None:
            raise AssertionError(f"no staff to feature in {department}")
        names.used.discard(chosen.person.full_name)
        hired = chosen.person.hired_on
        start = date(years[0] - 1, 9, 1)
        chosen.person = replace(chosen.person, full_name=names.take(full_name), gender=gender,
                                ethnicity=ethnicity, position=position,
                                hired_on=min(hired, start) if hired else start)
        chosen.first_year = years[0]
        chosen.fixed = True
        return chosen

    def good_years(d: _Draft, ratings: dict[int, Rating], cstd: tuple[int, ...] = ()) -> None:
        for year in years:
            rating = ratings.get(year, Rating.HTT)
            ticks = _ticks(rng)
            d.years[year] = YearRecord(year=year, rating=rating, **ticks)
            if rating in (Rating.HTT, Rating.HTXS):  # LĐTT is decided for the review year too
                d.awards.append(dec.award(LDTT, year))
            if year in cstd:
                d.awards.append(dec.award(CSTDCS, year))

    mam_non, tieu_hoc, thcs = (dept.name for dept in DEPARTMENTS[5:8])

    # The search example; HTXS in the review year: qualifies for CSTĐCS.
    ypsilon = take(mam_non, "Đặng Thị Ỷ", Gender.NU, "Giáo viên")
    good_years(ypsilon, {y - 1: Rating.HTXS, y: Rating.HTXS}, cstd=(y - 1,))

    # CSTĐ tỉnh: CSTĐCS three years running, ending with the review year, and a sáng kiến
    # of provincial scope recognised by the provincial chairman, not yet used.
    star = take(thcs, "Lê Thị Thu Hằng", Gender.NU, "Giáo viên Toán")
    good_years(star, {yr: Rating.HTXS for yr in years if yr >= y - 3}, cstd=(y - 2, y - 1, y))
    star.initiatives.append(_initiative(rng, y, PROVINCIAL_INITIATIVE, Scope.TINH, today))
    star.awards.append(Award(year=y - 2, code=GIAY_KHEN, kind=AwardKind.CONG_TRANG,
                             decision_no=dec.numbers[(GIAY_KHEN, y - 2)][0],
                             decision_date=dec.numbers[(GIAY_KHEN, y - 2)][1],
                             issuer=COMMUNE_ISSUER))

    # Three CSTĐCS running, but only a commune-level initiative: not yet CSTĐ tỉnh.
    near = take(tieu_hoc, "Phạm Minh Tuấn", Gender.NAM, "Phó Hiệu trưởng")
    good_years(near, {yr: Rating.HTXS for yr in years if yr >= y - 2}, cstd=(y - 2, y - 1, y))
    near.initiatives.append(_initiative(rng, y, INITIATIVE_NAMES[tieu_hoc], Scope.CO_SO, today))

    # HTT with an unused commune-level initiative: qualifies for CSTĐCS that way.
    inventor = take("Trung tâm Phục vụ hành chính công", "Bùi Thị Hạnh", Gender.NU,
                    "Chuyên viên một cửa")
    good_years(inventor, {})
    inventor.initiatives.append(_initiative(
        rng, y, INITIATIVE_NAMES["Trung tâm Phục vụ hành chính công"], Scope.CO_SO, today))

    # An accepted research topic (đề tài) instead of an initiative.
    doctor = take("Trạm Y tế xã", "Hoàng Đức Minh", Gender.NAM, "Bác sĩ")
    good_years(doctor, {y - 3: Rating.HTXS}, cstd=(y - 3,))
    doctor.research.append(ResearchTopic(
        year=y, name="Thực trạng suy dinh dưỡng ở trẻ dưới 5 tuổi tại xã Thanh Sơn và giải "
                     "pháp can thiệp", scope=Scope.CO_SO,
        accepted_on=min(date(y, 10, 20), today), applied=True))

    # Under review (đơn tố cáo being checked): the verdict is “hold”, not “ineligible”.
    pending = take("Phòng Kinh tế", "Trần Văn Quyết", Gender.NAM, "Chuyên viên địa chính")
    good_years(pending, {y: Rating.HTXS})
    pending.awards[:] = [a for a in pending.awards if a.year != y]  # on hold: not decided
    pending.years[y] = replace(pending.years[y], pending_review=True,
                               pending_note="Đang xác minh đơn tố cáo về việc cấp giấy chứng "
                                            "nhận quyền sử dụng đất (tiếp nhận 12/9).")

    # Khiển trách in the year before the review; the six-month period runs into the review
    # year, so both years are blocked.
    warned = take("Phòng Kinh tế", "Vũ Văn Lợi", Gender.NAM, "Chuyên viên xây dựng")
    good_years(warned, {y - 1: Rating.HT})
    warned.awards[:] = [a for a in warned.awards if a.year < y - 1]
    warned.discipline.append(Discipline(
        level=DisciplineLevel.KHIEN_TRACH, start_date=date(y - 1, 8, 20),
        end_date=date(y, 2, 20), decision_no=f"{rng.randint(40, 90)}/QĐ-UBND",
        reason="Chậm giải quyết hồ sơ xây dựng nhà ở của người dân, quá hạn nhiều lần."))

    # A Bằng khen of the provincial chairman (merit), held by the commune chairman.
    head = take(DEPARTMENTS[0].name, DEMO_UNIT.head_name, Gender.NAM, "Chủ tịch UBND xã",
                ethnicity="Mường")
    good_years(head, {y - 3: Rating.HTXS, y - 2: Rating.HTXS}, cstd=(y - 3, y - 2))
    head.awards.append(Award(year=y - 2, code=BANG_KHEN_TINH, kind=AwardKind.CONG_TRANG,
                             decision_no=f"{rng.randint(2000, 3200)}/QĐ-UBND",
                             decision_date=date(y - 1, 1, 15), issuer=PROVINCE_ISSUER))

    # A Giấy khen đột xuất: rescue work in Typhoon Yagi (September 2024).
    rescuer_year = 2024 if 2024 in years else y - 1
    rescuer = take("Văn phòng HĐND và UBND", "Đinh Văn Cường", Gender.NAM, "Chuyên viên",
                   ethnicity="Mường")
    good_years(rescuer, {})
    rescuer.awards.append(Award(
        year=rescuer_year, code=GIAY_KHEN, kind=AwardKind.DOT_XUAT,
        decision_no=f"{rng.randint(200, 260)}/QĐ-UBND",
        decision_date=min(date(rescuer_year, 9, 20), today), issuer=COMMUNE_ISSUER))

    # The officer who prepares the dossiers (named in the unit profile).
    officer = take("Phòng Văn hóa - Xã hội", DEMO_UNIT.officer_name, Gender.NU,
                   "Chuyên viên văn hóa")
    good_years(officer, {y - 1: Rating.HTXS})


def _collectives(rng: random.Random, drafts: list[_Draft], ids: dict[int, int],
                 hamlets: list[str], review_year: int, dec: _Decisions
                 ) -> list[tuple[Collective, History]]:
    result = []
    years = range(review_year - HISTORY_YEARS + 1, review_year + 1)
    groups: list[tuple[str, CollectiveKind]] = [(d.name, d.kind) for d in DEPARTMENTS]
    groups.append((COOPERATIVE, CollectiveKind.DOANH_NGHIEP))
    for name, kind in groups:
        members = [ids[i] for i, d in enumerate(drafts)
                   if d.person.department == name]
        if kind is CollectiveKind.DOANH_NGHIEP:
            note = "Hợp tác xã dịch vụ nông nghiệp: chè, bưởi Diễn, lúa."
            history = History()
        else:
            note = ""
            records, awards = [], []
            for year in years:
                in_year = [d for d in drafts if d.person.department == name and year in d.years]
                ldtt = sum(1 for d in in_year if any(a.code == LDTT and a.year == year
                                                     for a in d.awards))
                rating = Rating.HTXS if rng.random() < 0.25 else Rating.HTT
                ticks: dict[str, Any] = {}
                if year == review_year:
                    ticks = {"exemplary": True, "solidarity": True, "movement": True,
                             "qualities_note": "Nội bộ đoàn kết; tham gia đầy đủ các phong trào "
                                               "thi đua do xã phát động."}
                records.append(YearRecord(year=year, rating=rating, **ticks))
                disciplined = any(x.discipline for x in in_year
                                  if any(dd.overlaps_year(year) for dd in x.discipline))
                if (year < review_year and in_year and ldtt / len(in_year) >= 0.7
                        and not disciplined):
                    awards.append(dec.award(TTLDTT, year))
            history = History(years=tuple(records), awards=tuple(awards))
        result.append((Collective(None, name, kind, note, tuple(members)), history))
    for n, hamlet in enumerate(hamlets):
        members = [ids[i] for i, d in enumerate(drafts) if d.collective == hamlet]
        titles = tuple(dec.award(THON_VAN_HOA, year) for year in years
                       if year < review_year and rng.random() < 0.6)
        # Every other thôn has its review-year criteria confirmed by the officer (no random
        # draw here, so the rest of the demo stays as it was for a given seed).
        claims = (Claim(review_year, "dat_tieu_chi_thon_van_hoa",
                        "Biên bản bình xét của thôn và kết quả lấy ý kiến nhân dân"),
                  ) if n % 2 == 0 else ()
        result.append((Collective(None, hamlet, CollectiveKind.THON_TO_DAN_PHO,
                                  f"Thôn thuộc xã {COMMUNE}, tỉnh {PROVINCE}.", tuple(members)),
                       History(awards=titles, claims=claims)))
    return result


def _national_ids(rng: random.Random, drafts: list[_Draft]) -> None:
    for d in rng.sample(drafts, 12):
        p = d.person
        assert p.birth_date is not None and p.gender is not None
        d.person = replace(p, national_id=_national_id(rng, p.birth_date, p.gender))


# ---- the officer's year: registration, the year-end round, the council, the dossier ----------
#
# Everything below goes through core.operations, as the officer would in the app (LAW §5):
# January registrations, a year-end cống trạng round with a mix of nominations, the council
# meeting with its ballots (on the council's TOTAL membership: one CSTĐCS fails with 9 of 12
# although 9 of the 11 ballots said yes), evidence files attached, and the public posting.

MOVEMENT_CLAIM = "thanh_tich_phong_trao"
COUNCIL_MEMBERS = 12
COUNCIL_PRESENT = 10
COUNCIL_WRITTEN = 1  # absent, with a written opinion
POSTING_PLACE = f"Bảng tin trụ sở UBND xã {COMMUNE} và Trang thông tin điện tử xã"
PART_NOTES = {
    "to_trinh": "Tờ trình lập bằng phần mềm, đã trình ký",
    "bao_cao_thanh_tich": "Bản gốc có chữ ký, lưu tại bộ phận thi đua, khen thưởng",
    "bien_ban": "Biên bản họp Hội đồng Thi đua - Khen thưởng xã (lập bằng phần mềm)",
    "xac_nhan_thanh_tich": "Quyết định xếp loại Hoàn thành xuất sắc nhiệm vụ (bản giấy)",
    "xep_loai_tap_the": "Văn bản đánh giá mức độ hoàn thành nhiệm vụ của tập thể (bản giấy)",
}


@dataclass(frozen=True)
class _Timeline:
    january: date      # emulation registrations
    opened: date       # the round is opened and the nominations made
    meeting: date      # the council meets
    posted_from: date
    posted_to: date


def _timeline(review_year: int, today: date) -> _Timeline:
    january = min(date(review_year, 1, 10), today)
    opened = max(january, today - timedelta(days=20))
    meeting = max(opened, today - timedelta(days=10))
    posted_from = min(meeting + timedelta(days=1), today)
    return _Timeline(january, opened, meeting, posted_from,
                     max(posted_from, today - timedelta(days=3)))


@dataclass(frozen=True)
class _Candidate:
    subject: SubjectRef
    target: str
    votes_for: int
    initiative: str = ""
    justification: str = ""
    evidence: dict[str, str] = field(default_factory=dict)  # part → "pdf" | "png" | "skip"


def _movement_claim(drafts: list[_Draft], review_year: int) -> None:
    """The officer confirms one farmer's movement achievement: the Giấy khen of the round."""
    for d in drafts:
        record = d.years.get(review_year)
        if (not d.fixed and d.person.group is SubjectGroup.CONG_NHAN_NONG_DAN
                and record is not None and record.exemplary):
            d.claims.append(Claim(review_year, MOVEMENT_CLAIM,
                                  "Hộ sản xuất, kinh doanh giỏi cấp xã; đi đầu chuyển 2 ha chè "
                                  "sang trồng bưởi Diễn theo tiêu chuẩn VietGAP."))
            return


def _person(ref_id: int) -> SubjectRef:
    return SubjectRef(SubjectKind.PERSON, ref_id)


def _undecided(store: Store, ids: list[int], code: str, year: int) -> list[int]:
    """Of `ids`, the people whose history has no `code` for `year` yet."""
    return [i for i in ids if not any(a.code == code and a.year == year for a in
                                      get_history(store, _person(i)).awards)]


def _register_january(store: Store, catalog: Catalog, people: dict[str, int],
                      cids: dict[str, int], year: int, actor: str, day: date) -> None:
    """Everyone registers for LĐTT; the CSTĐ candidates for their title (Hoàng Đức Minh
    forgot CSTĐCS); every department, school and the health station for TTLĐTT."""
    for pid in people.values():
        register(store, catalog, year, _person(pid), LDTT, actor, day)
    cstdcs = set(eligible_ids(store, catalog, CSTDCS, year, "default")) - {
        people["Hoàng Đức Minh"]}
    for pid in sorted(cstdcs):
        register(store, catalog, year, _person(pid), CSTDCS, actor, day)
    for name in ("Lê Thị Thu Hằng", "Phạm Minh Tuấn"):
        register(store, catalog, year, _person(people[name]), CSTD_TINH, actor, day)
    for dept in DEPARTMENTS:
        register(store, catalog, year, SubjectRef(SubjectKind.COLLECTIVE, cids[dept.name]),
                 TTLDTT, actor, day, note="Đăng ký tại hội nghị cán bộ, công chức đầu năm")


def _candidates(store: Store, catalog: Catalog, drafts: list[_Draft], people: dict[str, int],
                year: int) -> list[_Candidate]:
    featured = {people[n] for n in FEATURED_NAMES if n in people}
    cstdcs = [i for i in eligible_ids(store, catalog, CSTDCS, year, "default",
                                      confirmed_only=True) if i not in featured]
    ldtt = _undecided(store, eligible_ids(store, catalog, LDTT, year, "default"), LDTT, year)
    farmers = {people[d.person.full_name] for d in drafts
               if d.person.group is SubjectGroup.CONG_NHAN_NONG_DAN}
    ldtt_farmer = next(i for i in ldtt if i in farmers)
    ldtt_staff = next(i for i in ldtt if i not in farmers and i not in featured)
    movement = next(people[d.person.full_name] for d in drafts if d.claims)
    groups = eligible_ids(store, catalog, TTLDTT, year, "default", kind="collective")
    hanh = people["Bùi Thị Hạnh"]
    hanh_initiative = next(x.name for d in drafts if d.person.full_name == "Bùi Thị Hạnh"
                           for x in d.initiatives)
    return [
        _Candidate(_person(people["Đặng Thị Ỷ"]), CSTDCS, 11),
        _Candidate(_person(hanh), CSTDCS, 10, initiative=hanh_initiative,
                   evidence={"xac_nhan_thanh_tich": "pdf"}),
        _Candidate(_person(people["Hoàng Đức Minh"]), CSTDCS, 10,
                   evidence={"xac_nhan_thanh_tich": "png"}),
        _Candidate(_person(cstdcs[0]), CSTDCS, 9),  # 9/12 = 75 % < 80 %: fails
        _Candidate(_person(people["Lê Thị Thu Hằng"]), CSTD_TINH, 11,
                   initiative=PROVINCIAL_INITIATIVE, evidence={"xac_nhan_sang_kien_tinh": "pdf"}),
        _Candidate(_person(people["Phạm Minh Tuấn"]), CSTD_TINH, 11,
                   justification="Sáng kiến của đồng chí đã được áp dụng tại 5 trường tiểu học "
                                 "trong tỉnh; hồ sơ đề nghị công nhận phạm vi ảnh hưởng cấp tỉnh "
                                 "đang được Hội đồng Sáng kiến tỉnh xem xét. Đơn vị đề nghị "
                                 "xét khi có quyết định công nhận.",
                   evidence={"xac_nhan_sang_kien_tinh": "skip"}),
        _Candidate(_person(ldtt_staff), LDTT, 11),
        _Candidate(_person(ldtt_farmer), LDTT, 10),
        *(_Candidate(SubjectRef(SubjectKind.COLLECTIVE, g), TTLDTT, 11) for g in groups[:2]),
        _Candidate(_person(movement), GIAY_KHEN, 9),
    ]


def _year_end_round(store: Store, catalog: Catalog, year: int, actor: str, when: _Timeline,
                    today: date) -> Round:
    deadline = default_deadline(catalog, "default", RoundKind.CONG_TRANG, year, when.opened)
    return create_round(store, catalog, RoundKind.CONG_TRANG, year,
                        f"Xét khen thưởng tổng kết năm {year}", actor, when.opened,
                        deadline=deadline if deadline >= today else today + timedelta(days=10)
                        )[0]


def _nominate(store: Store, catalog: Catalog, rnd: Round, candidates: list[_Candidate],
              actor: str, day: date) -> list[Nomination]:
    assert rnd.id is not None
    return [add_nomination(store, catalog, rnd.id, c.subject, c.target, c.justification, actor,
                           day, initiative=c.initiative)[0] for c in candidates]


def _council(store: Store, catalog: Catalog, drafts: list[_Draft], rnd: Round,
             candidates: list[_Candidate],
             noms: list[Nomination], actor: str, when: _Timeline,
             today: date) -> CouncilMeeting:
    assert rnd.id is not None
    nominated = {n.subject_name for n in noms}
    committee = tuple(d.person.full_name for d in drafts
                      if d.person.department == DEPARTMENTS[0].name and not d.fixed
                      and d.person.full_name not in nominated)[:3]  # ban kiểm phiếu
    ballots = COUNCIL_PRESENT + COUNCIL_WRITTEN
    entries = []
    for c, nom in zip(candidates, noms, strict=True):
        assert nom.id is not None
        if vote_rule(catalog, c.target, catalog.province("default")).ballot:
            entries.append(VoteEntry(nom.id, VoteMethod.BALLOT, c.votes_for, ballots, ballots))
        else:
            entries.append(VoteEntry(nom.id, VoteMethod.HANDS, c.votes_for))
    meeting, _votes, _changes = save_meeting(store, catalog, CouncilMeeting(
        round_id=rnd.id, held_on=when.meeting, place="Hội trường UBND xã",
        chair=DEMO_UNIT.head_name, secretary=DEMO_UNIT.officer_name,
        members_total=COUNCIL_MEMBERS, present=COUNCIL_PRESENT,
        absent_with_written_opinion=COUNCIL_WRITTEN, counting_committee=committee),
        entries, actor, today)
    return meeting


def _dossiers(store: Store, catalog: Catalog, drafts: list[_Draft], candidates: list[_Candidate],
              noms: list[Nomination], actor: str, today: date) -> None:
    """Evidence for each nomination the council passed; the complete ones become ready."""
    with tempfile.TemporaryDirectory(prefix="hoso-demo-") as tmp:
        folder = Path(tmp)
        for c, nom in zip(candidates, noms, strict=True):
            assert nom.id is not None
            if not votes(store, nom.id)[-1].passed:
                continue
            set_status(store, catalog, nom.id, NominationStatus.REVIEWED, actor, today)
            for item in checklist(store, catalog, nom.id).items:
                how = c.evidence.get(item.part, "mark")
                if how == "pdf":
                    path = _initiative_pdf(folder, _initiative_of(drafts, nom, c.initiative))
                    attach_file(store, nom.id, item.part, path, actor, catalog=catalog)
                elif how == "png":
                    path = _acceptance_photo(folder, _research_of(drafts, nom))
                    attach_file(store, nom.id, item.part, path, actor, catalog=catalog)
                elif how == "mark":
                    mark_part(store, catalog, nom.id, item.part, True, actor,
                              note=PART_NOTES.get(item.part, "Bản giấy, lưu tại đơn vị"))
            if checklist(store, catalog, nom.id).complete:
                set_status(store, catalog, nom.id, NominationStatus.READY, actor, today)


def _draft_of(drafts: list[_Draft], nom: Nomination) -> _Draft:
    return next(d for d in drafts if d.person.full_name == nom.subject_name)


def _initiative_of(drafts: list[_Draft], nom: Nomination, name: str) -> Initiative:
    return next(i for i in _draft_of(drafts, nom).initiatives if i.name == name)


def _research_of(drafts: list[_Draft], nom: Nomination) -> tuple[str, ResearchTopic]:
    return nom.subject_name, _draft_of(drafts, nom).research[0]


def _font_file() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "fonts" / "LiberationSerif-Regular.ttf"


def _initiative_pdf(folder: Path, initiative: Initiative) -> Path:
    """A one-page recognition decision of the sáng kiến, as the officer would scan it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("HosoDemoSerif", str(_font_file())))
    provincial = initiative.scope is not Scope.CO_SO
    path = folder / ("quyet-dinh-cong-nhan-sang-kien-tinh.pdf" if provincial
                     else "quyet-dinh-cong-nhan-sang-kien.pdf")
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    width, height = A4
    issuer = (f"ỦY BAN NHÂN DÂN TỈNH {PROVINCE.upper()}" if provincial
              else f"ỦY BAN NHÂN DÂN XÃ {COMMUNE.upper()}")
    when = initiative.decision_date or date(initiative.year, 10, 1)
    header = [(12, issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              (12, f"Số: {initiative.decision_no}", "Độc lập - Tự do - Hạnh phúc"),
              (11, "", f"{PROVINCE if provincial else COMMUNE}, ngày {when.day:02d} "
                       f"tháng {when.month:02d} năm {when.year}")]
    body = [(15, "QUYẾT ĐỊNH"),
            (13, "Công nhận sáng kiến" + (" có phạm vi ảnh hưởng cấp tỉnh" if provincial
                                          else "")),
            (12, f"Căn cứ đề nghị của {initiative.recognised_by};"), (13, "QUYẾT ĐỊNH:"),
            (12, "Điều 1. Công nhận sáng kiến:"), (12, f"“{initiative.name}”"),
            (12, f"năm {initiative.year}, phạm vi ảnh hưởng: "
                 f"{'cấp tỉnh' if provincial else 'cấp cơ sở'}."),
            (12, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")]
    y = height - 60
    for size, left, right in header:
        pdf.setFont("HosoDemoSerif", size)
        pdf.drawCentredString(width * 0.27, y, left)
        pdf.drawCentredString(width * 0.68, y, right)
        y -= size + 10
    y -= 30
    for size, text in body:
        pdf.setFont("HosoDemoSerif", size)
        for part in _wrap(text, 80):
            pdf.drawCentredString(width / 2, y, part)
            y -= size + 10
        y -= 6
    pdf.setFont("HosoDemoSerif", 13)
    pdf.drawCentredString(width * 0.7, y - 20, initiative.recognised_by.upper())
    pdf.showPage()
    pdf.save()
    return path


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def _acceptance_photo(folder: Path, about: tuple[str, ResearchTopic]) -> Path:
    """A phone photo of the paper certificate that the research topic was accepted."""
    from PIL import Image, ImageDraw, ImageFont

    name, topic = about
    photo = Image.new("RGB", (1000, 720), (118, 98, 80))  # a wooden desk
    paper = Image.new("RGB", (880, 620), (250, 246, 232))
    draw = ImageDraw.Draw(paper)
    draw.rectangle((16, 16, 864, 604), outline=(170, 40, 40), width=6)
    big = ImageFont.truetype(str(_font_file()), 40)
    small = ImageFont.truetype(str(_font_file()), 24)
    when = topic.accepted_on or date(topic.year, 10, 20)
    text = [(big, "GIẤY CHỨNG NHẬN"), (small, "Hội đồng khoa học xã Thanh Sơn chứng nhận"),
            (small, f"đề tài do {name} chủ nhiệm:"), *((small, part) for part in
                                                      _wrap(f"“{topic.name}”", 58)),
            (small, f"đã được nghiệm thu ngày {when.day:02d}/{when.month:02d}/{when.year}, "
                    "xếp loại Đạt,"),
            (small, "kết quả đã được áp dụng tại Trạm Y tế xã.")]
    y = 70.0
    for font, line in text:
        box = draw.textbbox((0, 0), line, font=font)
        draw.text(((880 - (box[2] - box[0])) / 2, y), line, fill=(30, 30, 30), font=font)
        y += (box[3] - box[1]) + 26
    draw.ellipse((600, 440, 760, 600), outline=(200, 30, 30), width=5)  # the red seal
    photo.paste(paper.rotate(2.5, expand=False, fillcolor=(118, 98, 80)), (60, 50))
    path = folder / "anh-giay-chung-nhan-nghiem-thu-de-tai.png"
    photo.save(path, format="PNG", optimize=True)
    return path


def _officers_year(store: Store, catalog: Catalog, drafts: list[_Draft], people: dict[str, int],
                   cids: dict[str, int], year: int, actor: str, today: date) -> None:
    when = _timeline(year, today)
    _register_january(store, catalog, people, cids, year, actor, when.january)
    candidates = _candidates(store, catalog, drafts, people, year)
    rnd = _year_end_round(store, catalog, year, actor, when, today)
    noms = _nominate(store, catalog, rnd, candidates, actor, when.opened)
    _council(store, catalog, drafts, rnd, candidates, noms, actor, when, today)
    _dossiers(store, catalog, drafts, candidates, noms, actor, today)
    assert rnd.id is not None
    record_posting(store, catalog, rnd.id, when.posted_from, when.posted_to, actor,
                   place=POSTING_PLACE)


# ---- the command -----------------------------------------------------------------------------


def existing_demo(data_dir: Path) -> ProfileInfo | None:
    return next((p for p in list_profiles(data_dir) if p.unit_name == DEMO_UNIT.name), None)


def build_demo(data_dir: Path, seed: int, actor: str, today: date, catalog: Catalog
               ) -> ProfileInfo:
    """Create the sample commune as a new profile in `data_dir`; refuses if one is there."""
    found = existing_demo(data_dir)
    if found is not None:
        raise DemoExists(
            _("Thư mục dữ liệu {path} đã có đơn vị mẫu “{name}”. Không ghi đè dữ liệu đã có.")
            .format(path=data_dir, name=found.unit_name),
            _("Hãy chọn thư mục dữ liệu khác, hoặc xóa hồ sơ mẫu cũ rồi chạy lại."))
    rng = random.Random(seed)
    review_year = today.year
    dec = _decisions(rng, review_year, today)
    drafts = _people(rng, review_year)
    names = _Names(rng)
    names.used.update(d.person.full_name for d in drafts)
    hamlets = sorted(rng.sample(HAMLETS, rng.randint(7, 9)))
    if "Thôn Bản Mường" not in hamlets:
        hamlets[0] = "Thôn Bản Mường"
    drafts += _hamlet_people(rng, review_year, names, hamlets)
    _feature(rng, drafts, names, review_year, dec, today)
    _random_ratings(rng, drafts, review_year)
    _random_titles(rng, drafts, review_year, dec, today)
    _national_ids(rng, drafts)
    _movement_claim(drafts, review_year)
    structure_rng = random.Random(seed + 1)     # not from `rng`: the rest stays as it was
    for d in drafts:
        d.person = demo_units.ly_lich(d.person, hamlets, structure_rng,
                                      d.collective if d.collective in hamlets else "")

    problems = []
    for d in drafts:
        problems += validate_person(d.person, today)
        problems += validate_history(d.history(), catalog, "individual")
    if problems:  # the generator broke a rule the editors enforce: a bug, not user input
        raise ValidationError(problems)

    info, store = create_profile(data_dir, DEMO_UNIT, actor)
    try:
        with store.write() as db:
            ids: dict[int, int] = {}
            for i, d in enumerate(drafts):
                pid = repo.insert_person(db, d.person)
                ids[i] = pid
                repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid), d.history())
            collectives = _collectives(rng, drafts, ids, hamlets, review_year, dec)
            cids: dict[str, int] = {}
            for collective, history in collectives:
                problems = validate_history(history, catalog, "collective")
                if problems:
                    raise ValidationError(problems)
                cid = repo.insert_collective(db, collective)
                cids[collective.name] = cid
                repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid), history)
            demo_units.add_work_units(db, [d.person for d in drafts],
                                      [ids[i] for i in range(len(drafts))], cids, hamlets)
            repo.append_audit(db, actor, "demo", "unit", 1,
                              _("Tạo dữ liệu mẫu: {people} người, {groups} tập thể")
                              .format(people=len(drafts), groups=len(collectives)),
                              {"seed": seed, "review_year": review_year})
        people = {d.person.full_name: ids[i] for i, d in enumerate(drafts)}
        _officers_year(store, catalog, drafts, people, cids, review_year, actor, today)
    except BaseException:
        store.close()
        shutil.rmtree(info.path.parent, ignore_errors=True)
        raise
    store.close()
    return info


def _demo_documents(store: Store, catalog: Catalog, out: Path, actor: str) -> list[Path]:
    """The demo round's full dossier (DOCX and PDF) under `out` (issue 5)."""
    from desktop.core.operations.dossier import write_demo_dossier

    return write_demo_dossier(store, catalog, out, date.today(), actor)


# The demo's signing key is a passphrase-protected file, not the OS keyring: the demo is built
# by scripts and CI where no keyring exists. README gives the passphrase; a real unit's key is
# made in the first-run wizard and kept in the keyring.
DEMO_KEY_PASSPHRASE = "thanh son demo"


def _demo_package(store: Store, catalog: Catalog, out: Path, actor: str) -> tuple[Path, Path]:
    """Sign the demo round's province-bound dossier into `out` (issue 6); returns the package
    and the unit's public key file (minisign format) that verifies it."""
    from desktop.core.operations import keys, packages

    today = date.today()
    key = keys.active_key(store) or keys.create_signing_key_file(
        store, None, DEMO_KEY_PASSPHRASE, actor, today)
    rounds = [r for r in list_rounds(store) if r.kind is RoundKind.CONG_TRANG and r.id]
    if not rounds:
        raise UserError(_("Dữ liệu mẫu không có đợt xét cuối năm."))
    result = packages.export_round(store, catalog, None, rounds[-1].id or 0, out, actor, today,
                                   passphrase=DEMO_KEY_PASSPHRASE)
    unit = repo.get_unit(store.db)
    public = out / f"{unit.code if unit else 'don-vi'}.pub"
    public.write_text(key.public_key_text, encoding="utf-8")
    return result.package, public


@dataclass(frozen=True)
class DemoResult:
    """What `hoso demo` made: the profile, its counts and, with an output folder, the
    dossier documents, the signed package and the unit's public key."""

    info: ProfileInfo
    people: int
    collectives: int
    documents: tuple[Path, ...] = ()
    package: Path | None = None
    public_key: Path | None = None


def make_demo(data_dir: Path, out: Path | None, seed: int, actor: str, today: date,
              catalog: Catalog) -> DemoResult:
    """Build the sample commune and, with `out`, write its dossier and package there."""
    info = build_demo(data_dir, seed, actor, today, catalog)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    from desktop.core.store import open_store

    store = open_store(info.path)
    try:
        people = repo.count_people(store.db)
        collectives = repo.count_collectives(store.db)
        if out is None:
            return DemoResult(info, people, collectives)
        documents = _demo_documents(store, catalog, out, actor)
        package, public_key = _demo_package(store, catalog, out, actor)
    finally:
        store.close()
    return DemoResult(info, people, collectives, tuple(documents), package, public_key)
