"""operations.dossier_subjects: the grounds met, read from the registry by the title's own
criteria; the province's name and receiving body; the meeting's details when recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Award,
    Claim,
    History,
    Initiative,
    Rating,
    ResearchTopic,
    Scope,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.dossier import (
    ABSENT,
    ABSENT_WRITTEN,
    GROUND_CLAIM,
    GROUND_INITIATIVE,
    GROUND_RESEARCH,
    GROUND_RUN,
    PRESENT,
)
from desktop.core.model.rounds import Attendance, CouncilMeeting, CouncilMember
from desktop.core.operations import dossier_subjects as s

CSTDCS = "chien_si_thi_dua_co_so"
UNIT = Unit(name="Ủy ban nhân dân xã Thanh Sơn", kind=UnitKind.XA,
            superior_body="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", doc_code="UBND",
            place_name="Thanh Sơn", head_name="Hà Văn Thắng", head_title="Chủ tịch",
            officer_name="", officer_title="")


def test_cstd_tinh_grounds_are_the_run_and_the_provincial_initiative(catalog: Catalog
                                                                     ) -> None:
    history = History(
        years=tuple(YearRecord(y, Rating.HTXS) for y in (2022, 2023, 2024, 2025, 2026)),
        awards=tuple(Award(y, CSTDCS) for y in (2022, 2024, 2025, 2026)),   # 2023 breaks it
        initiatives=(
            Initiative(2026, "Ứng dụng trí tuệ nhân tạo", Scope.TINH, "1638/QĐ-UBND",
                       date(2026, 9, 7), "Chủ tịch UBND tỉnh Phú Thọ"),
            Initiative(2026, "Sổ theo dõi điện tử", Scope.CO_SO, "12/QĐ-UBND"),   # too narrow
            Initiative(2025, "Dùng rồi", Scope.TINH, used_for_code=CSTDCS,
                       used_for_year=2025)),
        research=(ResearchTopic(2025, "Dạy học STEM", Scope.TINH, date(2025, 6, 1),
                                applied=True),))
    title = catalog.title("chien_si_thi_dua_tinh")
    grounds = s.grounds_of(catalog, catalog.province("default"), title, "individual", history,
                           2026)
    assert [(g.kind, g.name) for g in grounds] == [
        (GROUND_RUN, "Chiến sĩ thi đua cơ sở"), (GROUND_INITIATIVE, "Ứng dụng trí tuệ nhân tạo"),
        (GROUND_RESEARCH, "Dạy học STEM")]
    assert grounds[0].years == (2024, 2025, 2026)
    assert (grounds[1].decision_no, grounds[1].decision_date, grounds[1].issuer,
            grounds[1].scope) == ("1638/QĐ-UBND", date(2026, 9, 7),
                                  "Chủ tịch UBND tỉnh Phú Thọ", "tinh")
    # the sáng kiến named on the nomination is shown even when it does not count
    named = s.grounds_of(catalog, catalog.province("default"), title, "individual", history,
                         2026, "Sổ theo dõi điện tử")
    assert named[-1].name == "Sổ theo dõi điện tử" and named[-1].decision_no == "12/QĐ-UBND"
    # a run shorter than the count is no ground
    short = History(awards=(Award(2025, CSTDCS), Award(2026, CSTDCS)))
    assert s.grounds_of(catalog, catalog.province("default"), title, "individual", short,
                        2026) == ()


def test_bang_khen_tinh_grounds_and_confirmed_facts(catalog: Catalog) -> None:
    history = History(
        years=(YearRecord(2025, Rating.HTXS), YearRecord(2026, Rating.HTXS)),
        claims=(Claim(2026, "thanh_tich_phong_trao_tinh", "Giải Nhất hội thi cấp tỉnh"),))
    title = catalog.title("bang_khen_tinh")
    grounds = s.grounds_of(catalog, catalog.province("default"), title, "individual", history,
                           2026)
    assert (GROUND_RUN, "HTXSNV", (2025, 2026)) in [(g.kind, g.name, g.years) for g in grounds]
    claim = next(g for g in grounds if g.kind == GROUND_CLAIM)
    assert claim.note == "Giải Nhất hội thi cấp tỉnh"


def test_the_province_is_named_from_the_profile_or_the_superior_body(catalog: Catalog) -> None:
    assert s.province_name(catalog, UNIT) == "tỉnh Phú Thọ"
    city = Unit(**{**UNIT.__dict__, "superior_body": "Ủy ban nhân dân thành phố Hà Nội"})
    assert s.province_name(catalog, city) == "thành phố Hà Nội"
    bac_ninh = Unit(**{**UNIT.__dict__, "province": "bac_ninh"})
    assert s.province_name(catalog, bac_ninh) == "tỉnh Bắc Ninh"
    agency = Unit(**{**UNIT.__dict__, "superior_body": "Bộ Nội vụ", "kind": UnitKind.CO_QUAN})
    assert s.province_name(catalog, agency) == ""
    assert s.receiving_body("Sở Nội vụ (Phòng Thi đua, khen thưởng)", "tỉnh Phú Thọ") == \
        "Sở Nội vụ tỉnh Phú Thọ (Phòng Thi đua, khen thưởng)"
    assert s.receiving_body("Sở Nội vụ tỉnh Phú Thọ", "tỉnh Phú Thọ") == "Sở Nội vụ tỉnh Phú Thọ"


def test_meeting_details_come_from_the_meeting_record() -> None:
    old = CouncilMeeting(1, date(2026, 11, 23), "Hội trường", "Hà Văn Thắng", "Nguyễn Thị Hà",
                         12, 10, 1)
    assert s.meeting_details(old).members == () and s.meeting_details(None).starts_at is None
    new = replace(old, starts_at=time(14, 0), ends_at=time(16, 30), members=(
        CouncilMember("Hà Văn Thắng", "Chủ tịch UBND xã", Attendance.PRESENT),
        CouncilMember("Lò Văn Sáng", "Phó Chủ tịch", Attendance.WRITTEN_OPINION),
        CouncilMember("Đinh Thị Mai", "", Attendance.ABSENT)))
    details = s.meeting_details(new)
    assert (details.starts_at, details.ends_at) == (time(14, 0), time(16, 30))
    assert [(m.name, m.attendance) for m in details.members] == [
        ("Hà Văn Thắng", PRESENT), ("Lò Văn Sáng", ABSENT_WRITTEN), ("Đinh Thị Mai", ABSENT)]
