"""The sample commune's real structure (issue 11): its work units — the data file's
departments and cooperative with their full official names and heads' positions, and its
thôn — and the Mẫu 05 lý lịch of its people.

Drawn from its own `random.Random`, so the rest of the demo stays as it was for a given seed.
Sample data, not interface text: it is not translated.
"""

from __future__ import annotations

import random
from dataclasses import replace

from sqlite_utils import Database

from desktop.core.model import Person, SubjectGroup, WorkUnit, WorkUnitKind
from desktop.core.operations.demo.data import DemoData
from desktop.core.store import work_units as wu_repo

COMMUNE = "Thanh Sơn"
PROVINCE = "Phú Thọ"

_QUALIFICATION = (
    ("Giáo viên", "Đại học Sư phạm"), ("Hiệu trưởng", "Thạc sĩ Quản lý giáo dục"),
    ("Phó Hiệu trưởng", "Đại học Sư phạm"), ("Bác sĩ", "Bác sĩ đa khoa"),
    ("Y sĩ", "Trung cấp Y"), ("Điều dưỡng", "Cao đẳng Điều dưỡng"),
    ("Nữ hộ sinh", "Cao đẳng Hộ sinh"), ("Dược sĩ", "Đại học Dược"),
    ("Trạm trưởng", "Bác sĩ chuyên khoa I"), ("Kế toán", "Đại học Kế toán"),
    ("Chuyên viên", "Đại học Luật"), ("Chủ tịch", "Thạc sĩ Quản lý công"),
    ("Phó Chủ tịch", "Đại học Hành chính"), ("Chánh Văn phòng", "Đại học Hành chính"),
    ("Trưởng phòng", "Đại học Kinh tế"), ("Giám đốc", "Đại học Quản trị kinh doanh"),
)
_LEADERS = ("Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Trưởng phòng", "Giám đốc",
            "Hiệu trưởng", "Trạm trưởng")


def ly_lich(person: Person, hamlets: list[str], rng: random.Random, lives_in: str = ""
            ) -> Person:
    """Quê quán, trú quán, trình độ and posts that fit the person's position and group;
    `lives_in`: the thôn the person belongs to, if any."""
    home = lives_in or (rng.choice(hamlets) if hamlets else "Thôn Đồng Xuân")
    residence = f"{home}, xã {COMMUNE}, tỉnh {PROVINCE}"
    hometown = (f"xã {COMMUNE}, tỉnh {PROVINCE}" if rng.random() < 0.7
                else rng.choice([f"xã Tân Sơn, tỉnh {PROVINCE}", f"xã Yên Lập, tỉnh {PROVINCE}",
                                 "xã Cẩm Khê, tỉnh Phú Thọ", "phường Việt Trì, tỉnh Phú Thọ"]))
    position = person.position
    if person.group is SubjectGroup.CONG_NHAN_NONG_DAN:
        return replace(person, hometown=hometown, residence=residence)
    if person.group is SubjectGroup.NGUOI_LAO_DONG and position != "Trưởng thôn":
        return replace(person, hometown=hometown, residence=residence,
                       qualification="Tốt nghiệp trung học phổ thông")
    qualification = next((q for prefix, q in _QUALIFICATION if position.startswith(prefix)),
                         "Đại học")
    leader = position.startswith(_LEADERS)
    party = mass = ""
    theory = ""
    if leader:
        theory = "Cao cấp" if position.startswith(("Chủ tịch", "Phó Chủ tịch")) else "Trung cấp"
        party = "Bí thư Chi bộ" if position.startswith(("Hiệu trưởng", "Trạm trưởng",
                                                        "Chánh Văn phòng")) else "Đảng viên"
    elif rng.random() < 0.4:
        party = "Đảng viên"
    if not leader and rng.random() < 0.15:
        mass = rng.choice(["Chủ tịch Công đoàn cơ sở", "Bí thư Chi đoàn",
                           "Chi hội trưởng Chi hội Phụ nữ"])
    academic = "Thạc sĩ" if qualification.startswith("Thạc sĩ") else ""
    return replace(person, hometown=hometown, residence=residence, qualification=qualification,
                   political_theory=theory, academic_rank=academic, party_post=party,
                   mass_org_post=mass)


def work_units(data: DemoData) -> list[tuple[str, str, WorkUnitKind, str, str]]:
    """(department as typed on people, full official name, kind, head's position, head's
    name when the file names them) of the departments and the cooperative."""
    units = [(d.name, d.official_name or d.name, d.unit_kind, d.head, "")
             for d in data.departments]
    co = data.cooperative
    units.append((co.name, co.name, WorkUnitKind.HOP_TAC_XA, co.head_title, co.head_name))
    return units


def add_work_units(db: Database, data: DemoData, people: list[Person], ids: list[int],
                   collective_ids: dict[str, int], hamlets: list[str]) -> dict[str, int]:
    """Insert the work units (departments, schools, the health station, the cooperative and
    each thôn), headed by the person who holds the head's position there (or the one the file
    names), and attach their people and the collective of the same name. Returns
    department → work unit id."""
    by_department: dict[str, int] = {}
    units = work_units(data)
    units += [(hamlet, f"{hamlet}, xã {COMMUNE}", WorkUnitKind.THON, "Trưởng thôn", "")
              for hamlet in hamlets]
    for short, full, kind, head_position, named in units:
        head = named or next((p.full_name for p in people if p.department == short
                              and p.position == head_position), "")
        wid = wu_repo.insert_work_unit(db, WorkUnit(
            None, full, short_name=short if short != full else "", kind=kind,
            head_name=head, head_title=head_position if head else ""))
        by_department[short] = wid
    wu_repo.assign_people(db, [(by_department[p.department], pid) for p, pid in zip(
        people, ids, strict=True) if p.department in by_department])
    wu_repo.assign_collectives(db, [(by_department[name], cid)
                                    for name, cid in collective_ids.items()
                                    if name in by_department])
    return by_department
