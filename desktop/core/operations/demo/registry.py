"""The commune's registry, drawn: the staff of each department, the hamlets with their heads
and farmers, with Vietnamese names (a few of ethnic minorities), birth and hiring dates,
phones and a few CCCD numbers. Everything comes from one `random.Random`, in a fixed order,
so the same seed gives the same people."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from desktop.core.model import (
    Award,
    Claim,
    Discipline,
    Gender,
    History,
    Initiative,
    Person,
    ResearchTopic,
    SubjectGroup,
    YearRecord,
)
from desktop.core.operations.demo.data import DemoData, Department

_DIGITS = "0123456789"
_FIRST_JOB_AGE = 22
_MALE_FOR_FEMALE_POST = "Y sĩ"   # a man is never drawn as “Nữ hộ sinh”


@dataclass
class Draft:
    """A person being made up, with the history the demo gives them."""

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


class NamePool:
    """Unique full names, gender consistent with the middle name; the featured people's names
    are never drawn at random."""

    def __init__(self, rng: random.Random, data: DemoData) -> None:
        self.rng = rng
        self.names = data.names
        self.used: set[str] = set(data.featured_names)

    def take(self, name: str) -> str:
        self.used.add(name)
        return name

    def kinh(self, gender: Gender) -> str:
        rng, names = self.rng, self.names
        while True:
            if gender is Gender.NAM:
                name = (f"{rng.choice(names.surnames)} {rng.choice(names.middle_male)} "
                        f"{rng.choice(names.given_male)}")
            else:
                name = (f"{rng.choice(names.surnames)} {rng.choice(names.middle_female)} "
                        f"{rng.choice(names.given_female)}")
            if name not in self.used:
                return self.take(name)


def _phone(rng: random.Random, data: DemoData) -> str:
    return rng.choice(data.names.phone_prefixes) + "".join(rng.choice(_DIGITS) for _ in range(7))


def _national_id(rng: random.Random, data: DemoData, birth: date, gender: Gender) -> str:
    century = 0 if birth.year < 2000 else 2
    code = century + (0 if gender is Gender.NAM else 1)
    return (f"{data.province_id_code}{code}{birth.year % 100:02d}"
            + "".join(rng.choice(_DIGITS) for _ in range(6)))


def _birth(rng: random.Random, review_year: int, low: int, high: int) -> date:
    year = review_year - rng.randint(low, high)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _hired(rng: random.Random, data: DemoData, birth: date, review_year: int) -> date:
    earliest = birth.year + _FIRST_JOB_AGE
    latest = review_year - 2  # at least three years of history
    year = rng.randint(min(earliest, latest), latest) if earliest < latest else latest
    day = date(year, rng.choice(data.population.hire_months), rng.randint(1, 28))
    if year == latest:
        day = min(day, date(year, 6, 1))  # six months in the first year, so it counts
    return day


def draft(rng: random.Random, data: DemoData, names: NamePool, review_year: int,
          department: str, position: str, group: SubjectGroup, female_share: float,
          full_name: str | None = None, gender: Gender | None = None,
          ethnicity: str = "Kinh", age: tuple[int, int] | None = None) -> Draft:
    """One person of `department` holding `position`; what is not given is drawn."""
    if gender is None:
        gender = Gender.NU if rng.random() < female_share else Gender.NAM
    name = names.take(full_name) if full_name else names.kinh(gender)
    if gender is Gender.NAM and position.startswith("Nữ "):  # nữ hộ sinh: a woman's post
        position = _MALE_FOR_FEMALE_POST
    birth = _birth(rng, review_year, *(age or data.population.ages))
    hired = _hired(rng, data, birth, review_year)
    person = Person(
        id=None, full_name=name, birth_date=birth, gender=gender, ethnicity=ethnicity,
        position=position, department=department, group=group, hired_on=hired,
        phone=_phone(rng, data) if rng.random() < data.population.phone_share else "",
        national_id="",
    )
    first = max(review_year - data.population.history_years + 1, hired.year)
    return Draft(person, first, department)


def _minority_pool(rng: random.Random, data: DemoData) -> list[tuple[str, str, Gender]]:
    pool = [(m.ethnicity, name, Gender.NAM) for m in data.names.minorities for name in m.male]
    pool += [(m.ethnicity, name, Gender.NU) for m in data.names.minorities for name in m.female]
    rng.shuffle(pool)
    return pool


def _department_staff(rng: random.Random, data: DemoData, names: NamePool, review_year: int,
                      dept: Department, minority_pool: list[tuple[str, str, Gender]]
                      ) -> list[Draft]:
    drafts = []
    for i in range(rng.randint(*dept.size)):
        leader = i < len(dept.leaders)
        position = dept.leaders[i] if leader else rng.choice(dept.staff)
        kwargs: dict[str, Any] = {}
        if minority_pool and rng.random() < data.population.minority_share:
            eth, name, gender = minority_pool.pop()
            kwargs = {"full_name": name, "gender": gender, "ethnicity": eth}
        if leader:
            kwargs["age"] = data.population.leader_ages
        drafts.append(draft(rng, data, names, review_year, dept.name, position, dept.group,
                            dept.female_share, **kwargs))
    for _i in range(rng.randint(*data.population.contract_staff)):  # người lao động
        drafts.append(draft(rng, data, names, review_year, dept.name,
                            rng.choice(dept.contract_positions), SubjectGroup.NGUOI_LAO_DONG,
                            data.population.contract_female_share))
    return drafts


def department_people(rng: random.Random, data: DemoData, review_year: int) -> list[Draft]:
    """The staff of every department: leaders first, then staff, then contract workers."""
    names = NamePool(rng, data)
    minority_pool = _minority_pool(rng, data)
    drafts: list[Draft] = []
    for dept in data.departments:
        drafts += _department_staff(rng, data, names, review_year, dept, minority_pool)
    return drafts


def draw_hamlets(rng: random.Random, data: DemoData) -> list[str]:
    """The commune's thôn, sorted; the one marked `always` is among them."""
    hamlets = sorted(rng.sample([h.name for h in data.hamlets],
                                rng.randint(*data.hamlet_people.count)))
    always = next((h.name for h in data.hamlets if h.always), None)
    if always is not None and always not in hamlets:
        hamlets[0] = always
    return hamlets


def _minority_men(data: DemoData, hamlet: str) -> list[tuple[str, str, Gender]]:
    """The men's names of the peoples the file says live in this thôn, in its order."""
    peoples = next((h.peoples for h in data.hamlets if h.name == hamlet), ())
    return [(m.ethnicity, n, Gender.NAM) for eth in peoples
            for m in data.names.minorities if m.ethnicity == eth for n in m.male]


def _farmer(rng: random.Random, data: DemoData, names: NamePool, review_year: int,
            hamlet: str, minority: list[tuple[str, str, Gender]]) -> Draft:
    spec = data.hamlet_people
    kwargs: dict[str, Any] = {}
    unused = [m for m in minority if m[1] not in names.used]
    if unused:
        eth, name, gender = unused[0]
        kwargs = {"full_name": name, "gender": gender, "ethnicity": eth}
    farmer = draft(rng, data, names, review_year,
                   data.cooperative.name if rng.random() < spec.cooperative_share else hamlet,
                   rng.choice(spec.farmer_positions), SubjectGroup.CONG_NHAN_NONG_DAN,
                   spec.farmer_female_share, age=spec.farmer_ages, **kwargs)
    farmer.collective = hamlet
    return farmer


def hamlet_people(rng: random.Random, data: DemoData, review_year: int, names: NamePool,
                  hamlets: list[str]) -> list[Draft]:
    """Each thôn's head, and one or two farmers (members of the cooperative half the time)."""
    spec = data.hamlet_people
    drafts = []
    for hamlet in hamlets:
        drafts.append(draft(rng, data, names, review_year, hamlet, spec.head_position,
                            SubjectGroup.NGUOI_LAO_DONG, spec.head_female_share,
                            age=spec.head_ages))
        minority = _minority_men(data, hamlet)
        drafts += [_farmer(rng, data, names, review_year, hamlet, minority)
                   for _i in range(rng.randint(*spec.farmers))]
    return drafts


def give_national_ids(rng: random.Random, data: DemoData, drafts: list[Draft]) -> None:
    """A CCCD on file for a few people (the rest are left for the officer to fill in), each
    a different number: the person editor refuses a CCCD another person holds."""
    given: set[str] = set()
    for d in rng.sample(drafts, data.population.national_ids):
        p = d.person
        assert p.birth_date is not None and p.gender is not None
        number = _national_id(rng, data, p.birth_date, p.gender)
        while number in given:  # drawn again only then, so a seed's commune stays the same
            number = _national_id(rng, data, p.birth_date, p.gender)
        given.add(number)
        d.person = replace(p, national_id=number)

