"""Two small communes to merge: profiles made as the app makes them, people added through
the registry operations, so every record passed the editors' checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Award,
    Collective,
    CollectiveKind,
    History,
    Initiative,
    Person,
    Rating,
    Scope,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import registry
from desktop.core.operations.merging import (
    INCOMING,
    MergePlan,
    PairDecision,
    certain_decisions,
)
from desktop.core.operations.profiles import ProfileInfo, create_profile
from desktop.core.store import Store

TODAY = date(2026, 11, 23)
CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"
CSTD_TINH = "chien_si_thi_dua_tinh"


def unit(place: str, code: str) -> Unit:
    return Unit(name=f"Ủy ban nhân dân xã {place}", kind=UnitKind.XA,
                superior_body="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", doc_code="UBND", code=code,
                place_name=place, head_name="Hà Văn Thắng", head_title="Chủ tịch",
                officer_name="", officer_title="")


def commune(data_dir: Path, place: str, code: str) -> tuple[ProfileInfo, Store]:
    return create_profile(data_dir, unit(place, code), "test")


def issuer(place: str) -> str:
    return f"Chủ tịch UBND xã {place}"


def cstdcs(year: int, place: str, number: int) -> Award:
    return Award(year=year, code=CSTDCS, decision_no=f"{number}/QĐ-UBND",
                 decision_date=date(year, 12, 10), issuer=issuer(place))


def ldtt(year: int, place: str, number: int) -> Award:
    return Award(year=year, code=LDTT, decision_no=f"{number}/QĐ-UBND",
                 decision_date=date(year, 11, 20), issuer=issuer(place))


def good_year(year: int, rating: Rating = Rating.HTXS) -> YearRecord:
    return YearRecord(year=year, rating=rating, exemplary=True, solidarity=True, movement=True)


def add(store: Store, catalog: Catalog, name: str, birth: date | None = date(1985, 4, 12),
        national_id: str = "", history: History | None = None, **fields: object) -> Person:
    person = Person(None, name, birth_date=birth, national_id=national_id,
                    **fields)  # type: ignore[arg-type]
    saved, _changes = registry.add_person(store, catalog, person, history or History(), "test",
                                          TODAY)
    return saved


def provincial_initiative(year: int) -> Initiative:
    return Initiative(year=year, name="Số hóa hồ sơ một cửa liên thông", scope=Scope.TINH,
                      decision_no="2150/QĐ-UBND", decision_date=date(year, 10, 5),
                      recognised_by="Chủ tịch UBND tỉnh Phú Thọ")



# ---- the two communes of the merge tests -----------------------------------------------------

P_NAME, P_BIRTH, P_ID = "Lê Thị Thu Hằng", date(1986, 5, 20), "025186000111"


def two_communes(tmp_path: Path, catalog: Catalog) -> tuple[Store, Path]:
    """The merged commune (Thanh Sơn's registry, open) and the former xã Tân Lập's data dir
    (closed). Lê Thị Thu Hằng was CSTĐCS in Tân Lập in 2023, then in Thanh Sơn in 2024 and
    2025; the others show each kind of pair."""
    _info, source = commune(tmp_path / "tan-lap", "Tân Lập", "PT-TANLAP")
    try:
        add(source, catalog, P_NAME, P_BIRTH, P_ID, History(
            years=(good_year(2023),), awards=(cstdcs(2023, "Tân Lập", 210),
                                            ldtt(2023, "Tân Lập", 180))),
            position="Giáo viên", department="Trường THCS Tân Lập")
        add(source, catalog, "Nguyễn Văn Bình", date(1979, 1, 5),  # no CCCD anywhere
            history=History(years=(good_year(2023, Rating.HTT),)))
        add(source, catalog, "Trần Thị Lan", date(1992, 7, 7), "025192000222")  # a namesake
        add(source, catalog, "Phạm Văn Đức", date(1990, 2, 2), "025190000333")  # name typo
        add(source, catalog, "Hoàng Thị Vân", date(1983, 9, 9), "025183000444",
            History(years=(good_year(2024, Rating.HTXS),)))  # told differently
        add(source, catalog, "Đinh Văn Khiêm", date(1975, 3, 3), "025175000555",
            History(years=(good_year(2024, Rating.HTT),),
                    awards=(ldtt(2024, "Tân Lập", 95),)),
            position="Trạm trưởng", department="Trạm Y tế xã")  # only in Tân Lập
        people = {p.full_name: p.id for p in registry.people_page(source, "", 0, 100)}
        registry.add_collective(source, catalog, Collective(
            None, "Trạm Y tế xã", CollectiveKind.TRAM_Y_TE,
            member_ids=(people["Đinh Văn Khiêm"], people[P_NAME])), History(), "test")
    finally:
        source.close()
    _info, target = commune(tmp_path / "thanh-son", "Thanh Sơn", "PT-THANHSON")
    add(target, catalog, P_NAME, P_BIRTH, P_ID, History(
        years=(good_year(2024), good_year(2025)),
        awards=(cstdcs(2024, "Thanh Sơn", 301), cstdcs(2025, "Thanh Sơn", 356)),
        initiatives=(provincial_initiative(2025),)),
        position="Giáo viên Toán", department="Trường THCS Thanh Sơn", phone="0912345678")
    add(target, catalog, "Nguyễn Văn Bình", date(1979, 1, 5))
    add(target, catalog, "Trần Thị Lan", date(1992, 7, 7), "025192000999")
    add(target, catalog, "Phạm Văn Được", date(1990, 2, 2), "025190000333")
    add(target, catalog, "Hoàng Thị Vân", date(1983, 9, 9), "025183000444",
        History(years=(good_year(2024, Rating.HTT),)))
    registry.add_collective(target, catalog, Collective(None, "Trạm Y tế xã",
                                                        CollectiveKind.TRAM_Y_TE),
                            History(), "test")
    return target, tmp_path / "tan-lap"


def pair_of(plan: MergePlan, name: str) -> str:
    return next(p.id for p in plan.pairs if p.incoming.name == name)


def officer_decisions(plan: MergePlan) -> dict[str, PairDecision]:
    """What the officer decides for the two communes: each pair looked at, each conflict
    chosen."""
    decisions = certain_decisions(plan)
    decisions[pair_of(plan, "Nguyễn Văn Bình")] = PairDecision(True)
    decisions[pair_of(plan, "Trần Thị Lan")] = PairDecision(False)  # two people
    decisions[pair_of(plan, "Phạm Văn Đức")] = PairDecision(True,
                                                          fields={"full_name": INCOMING})
    decisions[pair_of(plan, "Hoàng Thị Vân")] = PairDecision(
        True, conflicts={"year:2024": INCOMING})
    return decisions
