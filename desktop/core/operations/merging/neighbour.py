"""`hoso demo --variant tan-lap`: a second sample commune, the former xã Tân Lập, to merge
into the sample xã Thanh Sơn (issue 14).

Tân Lập kept its own registry until the merger on 1/7/2025, so its history runs from 2020 to
2024, and its decisions were issued by "Chủ tịch UBND xã Tân Lập". About forty people, its
health station, primary school and two thôn. With `--shared-with` the data dir of the Thanh
Sơn sample (read-only), a few of Thanh Sơn's people also appear in Tân Lập's registry, as the
merger finds them in life:

- two who worked in Tân Lập before they moved to Thanh Sơn: the same CCCD, name and birth
  date, their earlier years and titles in Tân Lập (certain pairs);
- one recorded in Tân Lập without a CCCD (a pair the officer confirms);
- one whose 2024 record in Tân Lập says something else than Thanh Sơn's (a conflict the
  officer chooses);
- a namesake: another person with the same name and birth date, and another CCCD (two
  people, kept both).

Everything is drawn from one `random.Random(seed)`; sample data is not translated.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import (
    Award,
    Collective,
    CollectiveKind,
    Gender,
    History,
    Person,
    Rating,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations.merging.combine import without_references
from desktop.core.operations.merging.sources import IncomingPerson, load_database
from desktop.core.operations.profiles import ProfileInfo, create_profile, list_profiles
from desktop.core.operations.registry import validate_history, validate_person
from desktop.core.store import Store
from desktop.core.store import registry as repo

VARIANT = "tan-lap"
PLACE = "Tân Lập"
UNIT = Unit(name=f"Ủy ban nhân dân xã {PLACE}", kind=UnitKind.XA,
            superior_body="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", doc_code="UBND", code="PT-TANLAP",
            place_name=PLACE, head_name="Triệu Văn Tòng", head_title="Chủ tịch",
            officer_name="Đinh Thị Mến", officer_title="Công chức Văn hóa - Xã hội")
ISSUER = f"Chủ tịch UBND xã {PLACE}"
LAST_YEAR = 2024  # the merger on 1/7/2025 ended this registry
FIRST_YEAR = 2020
LDTT, CSTDCS, TTLDTT = "lao_dong_tien_tien", "chien_si_thi_dua_co_so", \
    "tap_the_lao_dong_tien_tien"

SURNAMES = ("Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đinh", "Bùi", "Hà", "Triệu",
            "Quách", "Vũ", "Đỗ", "Xa", "Lò")
MALE = (("Văn", "Đức", "Minh", "Quang", "Công"),
        ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong",
         "Sơn", "Thành", "Tuấn", "Việt", "Lực", "Thịnh"))
FEMALE = (("Thị", "Thị Thu", "Thị Minh", "Ngọc", "Thanh"),
          ("Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
           "Oanh", "Thảo", "Trang", "Yến", "Lụa", "Mến", "Hường"))
WORK_UNITS = (
    ("Văn phòng HĐND và UBND", CollectiveKind.PHONG_BAN, 8,
     ("Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Văn phòng - Thống kê", "Địa chính - Xây dựng",
      "Tài chính - Kế toán", "Tư pháp - Hộ tịch", "Văn hóa - Xã hội")),
    ("Trạm Y tế xã", CollectiveKind.TRAM_Y_TE, 7, ("Trạm trưởng", "Y sĩ", "Điều dưỡng")),
    (f"Trường Tiểu học {PLACE}", CollectiveKind.TRUONG, 14,
     ("Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên", "Giáo viên", "Kế toán")),
    ("Thôn Đồng Tâm", CollectiveKind.THON_TO_DAN_PHO, 5, ("Trưởng thôn", "Bí thư chi bộ")),
    ("Thôn Gò Chè", CollectiveKind.THON_TO_DAN_PHO, 5, ("Trưởng thôn", "Công an viên")),
)


@dataclass
class _Draft:
    person: Person
    unit: str
    years: list[YearRecord] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)

    def history(self) -> History:
        return History(tuple(sorted(self.years, key=lambda y: y.year)), tuple(self.awards))


def _decision(code: str, year: int) -> tuple[str, date]:
    number = {LDTT: 180, CSTDCS: 210, TTLDTT: 181}[code] + year % 10
    return f"{number}/QĐ-UBND", date(year, 12, 12 if code == CSTDCS else 2)


def _award(code: str, year: int) -> Award:
    number, when = _decision(code, year)
    return Award(year=year, code=code, decision_no=number, decision_date=when, issuer=ISSUER)


def _years(rng: random.Random, draft: _Draft, first: int, last: int,
           ratings: dict[int, Rating] | None = None) -> None:
    """Ratings and the titles they allow (LĐTT for htt/htxs, CSTĐCS for some htxs)."""
    for year in range(first, last + 1):
        rating = (ratings or {}).get(year) or rng.choices(
            (Rating.HTXS, Rating.HTT, Rating.HT), (2, 6, 2))[0]
        draft.years.append(YearRecord(year, rating, exemplary=True, solidarity=True,
                                      movement=True))
        if rating in (Rating.HTXS, Rating.HTT):
            draft.awards.append(_award(LDTT, year))
        if rating is Rating.HTXS and ((ratings and year in ratings) or rng.random() < 0.5):
            draft.awards.append(_award(CSTDCS, year))


def _national_id(rng: random.Random, birth: date, gender: Gender) -> str:
    code = (0 if birth.year < 2000 else 2) + (0 if gender is Gender.NAM else 1)
    return f"025{code}{birth.year % 100:02d}" + "".join(rng.choice("0123456789")
                                                        for _ in range(6))


def _people(rng: random.Random, taken: set[str]) -> list[_Draft]:
    drafts = []
    for unit, _kind, size, positions in WORK_UNITS:
        for n in range(size):
            gender = Gender.NU if rng.random() < 0.55 else Gender.NAM
            middles, givens = FEMALE if gender is Gender.NU else MALE
            while True:
                name = f"{rng.choice(SURNAMES)} {rng.choice(middles)} {rng.choice(givens)}"
                if name not in taken:
                    taken.add(name)
                    break
            birth = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
            group = (SubjectGroup.NGUOI_LAO_DONG if unit.startswith("Thôn")
                     else SubjectGroup.CBCCVC)
            person = Person(None, name, birth_date=birth, gender=gender,
                            ethnicity="Mường" if rng.random() < 0.3 else "Kinh",
                            position=positions[min(n, len(positions) - 1)], department=unit,
                            group=group, hired_on=date(max(birth.year + 22, 2005), 9, 1),
                            national_id=_national_id(rng, birth, gender))
            draft = _Draft(person, unit)
            _years(rng, draft, FIRST_YEAR, LAST_YEAR)
            drafts.append(draft)
    return drafts


def _first_year(item: IncomingPerson) -> int:
    years = [y.year for y in item.history.years]
    return min(years) if years else 9999


def _shared(rng: random.Random, shared_with: Path, target: Store) -> list[_Draft]:
    """People of the Thanh Sơn sample who also appear in Tân Lập's registry (module doc)."""
    source = load_database(target, shared_with)
    # the sample's work units are rows of its own database, not of this one
    pool = sorted((replace(p, person=without_references(p.person)) for p in source.people
                   if p.person.birth_date and p.person.national_id
                   and p.person.group is SubjectGroup.CBCCVC), key=lambda p: p.key)
    rng.shuffle(pool)
    movers = [p for p in pool if FIRST_YEAR + 2 <= _first_year(p) <= LAST_YEAR][:3]
    stayers = [p for p in pool if p not in movers
               and any(y.year == 2024 and y.rating is not None for y in p.history.years)][:2]
    if len(movers) < 3 or len(stayers) < 2:
        raise UserError(_("Dữ liệu ở {path} không đủ người để làm mẫu người trùng.")
                        .format(path=shared_with), code="demo.shared_too_few")
    drafts = []
    for mover in movers[:2]:  # the same CCCD, name and birth date: certain pairs
        draft = _Draft(replace(mover.person, id=None, department=f"Trường Tiểu học {PLACE}",
                               position="Giáo viên", phone="", hired_on=date(2016, 9, 1)),
                       f"Trường Tiểu học {PLACE}")
        first = _first_year(mover)
        _years(rng, draft, FIRST_YEAR, first - 1, {first - 1: Rating.HTXS})
        drafts.append(draft)
    quiet = movers[2]  # recorded in Tân Lập without a CCCD
    draft = _Draft(replace(quiet.person, id=None, national_id="", phone="",
                           department="Văn phòng HĐND và UBND", position="Văn phòng - Thống kê"),
                   "Văn phòng HĐND và UBND")
    _years(rng, draft, FIRST_YEAR, _first_year(quiet) - 1)
    drafts.append(draft)
    told = stayers[0]  # both communes recorded 2024, differently
    theirs = next(y for y in told.history.years if y.year == 2024 and y.rating is not None)
    other = Rating.HT if theirs.rating is not Rating.HT else Rating.HTT
    draft = _Draft(replace(told.person, id=None, phone="", department="Trạm Y tế xã"),
                   "Trạm Y tế xã")
    _years(rng, draft, 2024, 2024, {2024: other})
    drafts.append(draft)
    namesake = stayers[1]  # same name and birth date, another person
    birth = namesake.person.birth_date
    gender = namesake.person.gender or Gender.NU
    assert birth is not None
    draft = _Draft(Person(None, namesake.person.full_name, birth_date=birth, gender=gender,
                          position="Trưởng thôn", department="Thôn Gò Chè",
                          group=SubjectGroup.NGUOI_LAO_DONG, hired_on=date(2015, 1, 1),
                          national_id=_national_id(rng, birth, gender)), "Thôn Gò Chè")
    _years(rng, draft, 2021, LAST_YEAR)
    drafts.append(draft)
    return drafts


def build_neighbour(data_dir: Path, seed: int, actor: str, today: date, catalog: Catalog,
                    shared_with: Path | None = None) -> ProfileInfo:
    """The former xã Tân Lập as a new profile in `data_dir` (refused if one is there)."""
    if any(p.unit_name == UNIT.name for p in list_profiles(data_dir)):
        raise UserError(_("Thư mục dữ liệu {path} đã có đơn vị mẫu “{name}”. Không ghi đè dữ "
                          "liệu đã có.").format(path=data_dir, name=UNIT.name),
                        code="demo.exists")
    rng = random.Random(seed)
    info, store = create_profile(data_dir, UNIT, actor)
    try:
        shared = _shared(rng, shared_with, store) if shared_with is not None else []
        drafts = _people(rng, {d.person.full_name for d in shared}) + shared
        problems = []
        for d in drafts:
            problems += validate_person(d.person, today)
            problems += validate_history(d.history(), catalog, "individual")
        if problems:  # the generator broke a rule the editors enforce: a bug
            raise ValidationError(problems)
        with store.write() as db:
            ids: dict[str, list[int]] = {}
            for d in drafts:
                pid = repo.insert_person(db, d.person)
                repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid), d.history())
                ids.setdefault(d.unit, []).append(pid)
            for unit, kind, _size, _positions in WORK_UNITS:
                years = tuple(YearRecord(y, Rating.HTT) for y in range(2022, LAST_YEAR + 1))
                awards = tuple(_award(TTLDTT, y) for y in range(2022, LAST_YEAR + 1))
                history = History(years, awards)
                if validate_history(history, catalog, "collective"):
                    history = History(years)
                cid = repo.insert_collective(db, Collective(None, unit, kind,
                                                            member_ids=tuple(ids.get(unit, ()))))
                repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid), history)
            repo.append_audit(db, actor, "demo", "unit", 1,
                              _("Tạo dữ liệu mẫu: {people} người, {groups} tập thể")
                              .format(people=len(drafts), groups=len(WORK_UNITS)),
                              {"seed": seed, "variant": VARIANT, "shared": len(shared)})
    except BaseException:
        store.close()
        shutil.rmtree(info.path.parent, ignore_errors=True)
        raise
    store.close()
    return info
