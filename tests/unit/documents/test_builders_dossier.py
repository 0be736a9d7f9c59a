"""The dossier builders on hand-made DossierData: the texts an officer reads (issue 5)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.documents.blocks import (
    Addressee,
    Cell,
    Document,
    FieldLine,
    Heading,
    NationalHeader,
    Paragraph,
    Run,
    SignatureBlock,
    Table,
    Title,
)
from desktop.core.errors import UserError
from desktop.core.model import Gender, Rating, Unit, UnitKind
from desktop.core.model.dossier import (
    COLLECTIVE,
    INDIVIDUAL,
    CouncilResult,
    DossierData,
    NominationData,
    ProvinceInfo,
    ReceivedAward,
    SubjectDetails,
)
from desktop.core.model.rounds import (
    CouncilMeeting,
    EligibilitySnapshot,
    PublicPosting,
    Round,
    RoundKind,
    Verdict,
    VoteMethod,
)
from desktop.core.operations.dossier_subjects import legal_bases

UNIT = Unit(name="Ủy ban nhân dân xã Thanh Sơn", kind=UnitKind.XA,
            superior_body="Ủy ban nhân dân tỉnh Phú Thọ", doc_code="UBND",
            place_name="Thanh Sơn", head_name="Hà Văn Thắng", head_title="Chủ tịch",
            officer_name="", officer_title="", code="PT-TS01")
ROUND = Round(RoundKind.CONG_TRANG, 2025, "Xét khen thưởng tổng kết năm 2025", date(2026, 2, 10),
              "Sở Nội vụ tỉnh Phú Thọ", id=1)
TODAY = date(2026, 2, 5)
MEETING = CouncilMeeting(round_id=1, held_on=date(2026, 2, 3), place="Hội trường UBND xã",
                         chair="Hà Văn Thắng", secretary="Nguyễn Thị Thu Hà", members_total=12,
                         present=10, absent_with_written_opinion=1,
                         counting_committee=("Lò Văn Sáng", "Đinh Thị Mai"), id=1)
OK = EligibilitySnapshot(Verdict.ELIGIBLE)
SECTIONS_05 = {"chuc_trach": "Phụ trách văn hóa - xã hội.",
               "thanh_tich": "Giải quyết 157 hồ sơ đúng hạn.\nHoàn thành 107% chỉ tiêu.",
               "giai_phap": "Sổ theo dõi điện tử.", "chap_hanh": "Không vi phạm kỷ luật."}


def vote(votes: int, method: VoteMethod = VoteMethod.HANDS, threshold: float = 0.5,
         total: int = 12) -> CouncilResult:
    passed = votes / total >= threshold if method is VoteMethod.BALLOT else votes / total > 0.5
    return CouncilResult(method, votes, total, threshold, passed,
                         10 if method is VoteMethod.BALLOT else None,
                         10 if method is VoteMethod.BALLOT else None)


def person(nid: int, name: str, target: str, catalog: Catalog, **kw: Any) -> NominationData:
    info = catalog.titles[target]
    subject = SubjectDetails(INDIVIDUAL, name, ref=kw.pop("ref", f"person:{nid}"),
                             birth_date=date(1990, 1, 2), gender=Gender.NU, ethnicity="Tày",
                             position="Công chức", department="Văn phòng - Thống kê")
    base: dict[str, Any] = dict(
        id=nid, target=target, title_name=info.name, title_short=info.short_name,
        category=info.category, award_verb=info.award_verb, title_rank=info.rank,
        decided_by_unit=info.decided_by_unit,
        authority=info.authority, subject=subject, eligibility=OK, rating=Rating.HTXS,
        report_kind="bao_cao_ca_nhan",
        report=MappingProxyType(dict(SECTIONS_05)), vote=vote(11))
    base.update(kw)
    return NominationData(**base)


def team(nid: int, name: str, target: str, catalog: Catalog, **kw: Any) -> NominationData:
    n = person(nid, name, target, catalog, report_kind="", **kw)
    return replace(n, subject=SubjectDetails(COLLECTIVE, name, ref=f"collective:{nid}",
                                             members=16))


@pytest.fixture
def data(catalog: Catalog) -> DossierData:
    return sample_data(catalog)


def sample_data(catalog: Catalog) -> DossierData:
    """Ten nominations of a commune round, every kind of case (the `data` fixture)."""
    noms = (
        person(1, "Đinh Văn Khiêm", "lao_dong_tien_tien", catalog),
        person(2, "Bùi Văn Thàng", "lao_dong_tien_tien", catalog),
        person(3, "Trần Hữu An", "chien_si_thi_dua_co_so", catalog,
               vote=vote(9, VoteMethod.BALLOT, 0.8)),
        person(4, "Hoàng Đức Minh", "chien_si_thi_dua_co_so", catalog,
               vote=vote(10, VoteMethod.BALLOT, 0.8)),
        person(5, "Đinh Văn Khiêm", "giay_khen", catalog, ref="person:1",
               eligibility=EligibilitySnapshot(Verdict.INELIGIBLE),
               justification="Cứu 2 em học sinh đuối nước ngày 12/7/2025."),
        team(6, "Văn phòng HĐND và UBND", "tap_the_lao_dong_tien_tien", catalog),
        # decided above the commune (LAW §5.2 D): the tờ trình to the Sở Nội vụ
        person(7, "Lê Thị Thu Hằng", "chien_si_thi_dua_tinh", catalog,
               vote=vote(11, VoteMethod.BALLOT, 0.8)),
        person(8, "Phạm Minh Tuấn", "bang_khen_tinh", catalog,
               eligibility=EligibilitySnapshot(Verdict.INELIGIBLE),
               justification="Sáng kiến áp dụng tại 5 trường trong tỉnh."),
        team(9, "Trường Tiểu học Thanh Sơn", "tap_the_lao_dong_xuat_sac", catalog),
        person(10, "Nguyễn Văn Bảy", "bang_khen_tinh", catalog, vote=vote(5)),   # turned down
    )
    return DossierData(unit=UNIT, round=ROUND, dossier_id="HS2025-3FA9C1", today=TODAY,
                       nominations=noms, meeting=MEETING,
                       province=ProvinceInfo("tỉnh Phú Thọ", "Sở Nội vụ tỉnh Phú Thọ"),
                       legal_bases=MappingProxyType(legal_bases(catalog, UNIT, TODAY)),
                       posting=PublicPosting(1, date(2026, 1, 20), date(2026, 1, 30),
                                             "Nhà văn hóa xã"),
                       numbers=MappingProxyType({"to_trinh": 5, "to_trinh_noi_bo": 6,
                                                 "bien_ban_hop": 3,
                                                 "bien_ban_kiem_phieu": 4,
                                                 "quyet_dinh/lao_dong_tien_tien": 7,
                                                 "quyet_dinh/chien_si_thi_dua_co_so": 8,
                                                 "quyet_dinh/giay_khen": 9,
                                                 "quyet_dinh/tap_the_lao_dong_tien_tien": 10}))


def inline_text(content: tuple[Any, ...]) -> str:
    return "".join(c.text if isinstance(c, Run) else str(c) for c in content)


def cell_text(c: Cell | str) -> str:
    return c if isinstance(c, str) else inline_text(c.content)


def texts(doc: Document) -> list[str]:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, NationalHeader):
            out += [block.superior, block.issuer, block.number, block.place_date]
        elif isinstance(block, Title):
            out += [block.doc_type, block.subject, block.subtitle]
        elif isinstance(block, Addressee):
            out += list(block.recipients)
        elif isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Paragraph):
            out.append(inline_text(block.content))
        elif isinstance(block, FieldLine):
            out.append(f"{block.label}: {block.value}")
        elif isinstance(block, Table):
            out += [c.header for c in block.columns]
            out += [cell_text(c) for row in block.rows for c in row]
            out += [cell_text(c) for c in block.footer or ()]
        elif isinstance(block, SignatureBlock):
            out += list(block.recipients)
            for s in block.signers:
                out += [s.caption, s.authority, s.title, s.name]
    for page in doc.fixed_pages:
        out += [item.text for item in page.items]
    return [t for t in out if t]


def joined(doc: Document) -> str:
    return "\n".join(texts(doc))


def kinds(catalog: Catalog, code: str) -> Any:
    return catalog.documents[code]


# ---- tờ trình ----------------------------------------------------------------------------------


def test_to_trinh_number_place_date_and_addressee(catalog: Catalog, data: DossierData) -> None:
    doc = b.build_to_trinh(data, kinds(catalog, "to_trinh"))
    head = doc.blocks[0]
    assert isinstance(head, NationalHeader)
    assert head.number == "Số: 05/TTr-UBND"
    assert head.place_date == "Thanh Sơn, ngày 05 tháng 02 năm 2026"
    assert head.issuer == "ỦY BAN NHÂN DÂN XÃ THANH SƠN"
    assert head.superior == "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"
    assert doc.reserve_package_box
    assert doc.dossier_id == "HS2025-3FA9C1"
    text = joined(doc)
    # the province chairman decides (LAW §4.6a), the Sở Nội vụ appraises; both name the province
    assert [x.recipients for x in doc.blocks if isinstance(x, Addressee)] == [
        ("Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ", "Sở Nội vụ tỉnh Phú Thọ")]
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in texts(doc)
    assert ("Căn cứ Biên bản số 03/BB-HĐTĐKT ngày 03/02/2026 họp Hội đồng Thi đua - Khen thưởng "
            "xã Thanh Sơn;") in texts(doc)
    assert "từ ngày 20/01/2026 đến ngày 30/01/2026 tại Nhà văn hóa xã" in text
    assert ("Ủy ban nhân dân xã Thanh Sơn kính trình Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ xem "
            "xét, khen thưởng cho 02 cá nhân, 01 tập thể") in text
    assert "Sở Nội vụ tỉnh Phú Thọ xem xét, quyết định" not in text   # it does not decide
    assert text.endswith("kính trình Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ xem xét, quyết "
                         "định; đề nghị Sở Nội vụ tỉnh Phú Thọ thẩm định, trình theo quy "
                         "định./.\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
                         "Hà Văn Thắng")
    sig = doc.blocks[-1]
    assert isinstance(sig, SignatureBlock)
    assert sig.signers[0].authority == "TM. ỦY BAN NHÂN DÂN"
    assert (sig.signers[0].title, sig.signers[0].name) == ("CHỦ TỊCH", "Hà Văn Thắng")
    assert sig.recipients == ("- Như trên;", "- Lưu: VT.")


def test_province_to_trinh_lists_only_titles_decided_above(catalog: Catalog,
                                                           data: DossierData) -> None:
    doc = b.build_to_trinh(data, kinds(catalog, "to_trinh"))
    titles = {t for t in texts(doc) if t.startswith("- ") and t.endswith(";") and ": " in t}
    assert titles == {"- Danh hiệu “Chiến sĩ thi đua cấp tỉnh”: 01 cá nhân;",
                      "- Danh hiệu “Tập thể lao động xuất sắc”: 01 tập thể;",
                      "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 01 cá nhân;"}
    text = joined(doc)
    for unit_title in ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen"):
        assert unit_title not in text, unit_title
    assert "Nguyễn Văn Bảy" not in text                          # the council turned him down


def test_internal_to_trinh_goes_from_the_council_to_the_chairman(catalog: Catalog,
                                                                 data: DossierData) -> None:
    doc = b.build_to_trinh(data, kinds(catalog, "to_trinh_noi_bo"))
    head = doc.blocks[0]
    assert isinstance(head, NationalHeader)
    assert head.superior == "ỦY BAN NHÂN DÂN XÃ THANH SƠN"
    assert head.issuer == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert head.number == "Số: 06/TTr-HĐTĐKT"
    assert not doc.reserve_package_box          # never travels in the package
    assert [x.recipients for x in doc.blocks if isinstance(x, Addressee)] == [
        ("Chủ tịch Ủy ban nhân dân xã Thanh Sơn",)]
    text = joined(doc)
    assert ("Hội đồng Thi đua - Khen thưởng kính trình Chủ tịch Ủy ban nhân dân xã Thanh Sơn "
            "xem xét, quyết định khen thưởng cho 03 cá nhân, 01 tập thể") in text
    assert "Sở Nội vụ" not in text
    sig = doc.blocks[-1]
    assert isinstance(sig, SignatureBlock)
    assert [(s.authority, s.title, s.name) for s in sig.signers] == [
        ("TM. HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG", "Hà Văn Thắng")]
    # another chair recorded in the meeting signs; no meeting: the unit head
    other = replace(data, meeting=replace(MEETING, chair="Lò Văn Sáng"))
    sig2 = b.build_to_trinh(other, kinds(catalog, "to_trinh_noi_bo")).blocks[-1]
    assert isinstance(sig2, SignatureBlock) and sig2.signers[0].name == "Lò Văn Sáng"
    alone = replace(data, meeting=None, unit=replace(UNIT, head_name="Đào Văn Cường"))
    sig3 = b.build_to_trinh(alone, kinds(catalog, "to_trinh_noi_bo")).blocks[-1]
    assert isinstance(sig3, SignatureBlock) and sig3.signers[0].name == "Đào Văn Cường"


def test_internal_to_trinh_of_an_agency_and_of_a_deputy(catalog: Catalog,
                                                        data: DossierData) -> None:
    school = replace(UNIT, name="Trường Trung học cơ sở Thanh Sơn", kind=UnitKind.CO_QUAN,
                     head_title="Hiệu trưởng", doc_code="THCS")
    doc = b.build_to_trinh(replace(data, unit=school), kinds(catalog, "to_trinh_noi_bo"))
    assert [x.recipients for x in doc.blocks if isinstance(x, Addressee)] == [
        ("Hiệu trưởng Trường Trung học cơ sở Thanh Sơn",)]
    head = doc.blocks[0]
    assert isinstance(head, NationalHeader)
    assert head.superior == "TRƯỜNG TRUNG HỌC CƠ SỞ THANH SƠN"
    deputy = replace(data, unit=replace(UNIT, head_title="Phó Chủ tịch", head_name="Lê Văn B"))
    doc = b.build_to_trinh(deputy, kinds(catalog, "to_trinh_noi_bo"))
    assert [x.recipients for x in doc.blocks if isinstance(x, Addressee)] == [
        ("Chủ tịch Ủy ban nhân dân xã Thanh Sơn",)]     # to the decider, not the deputy


def test_to_trinh_counts_leave_out_what_the_council_refused(catalog: Catalog,
                                                            data: DossierData) -> None:
    text = joined(b.build_to_trinh(data, kinds(catalog, "to_trinh_noi_bo")))
    # Trần Hữu An got 9/12 = 75 % < 80 %: not proposed. Đinh Văn Khiêm has two titles: one person.
    assert "khen thưởng cho 03 cá nhân, 01 tập thể (có danh sách kèm theo)" in text
    assert "- Danh hiệu “Lao động tiên tiến”: 02 cá nhân;" in text
    assert "- Danh hiệu “Chiến sĩ thi đua cơ sở”: 01 cá nhân;" in text
    assert "- Giấy khen: 01 cá nhân;" in text
    assert "Trần Hữu An" not in text
    assert "Chiến sĩ thi đua cấp tỉnh" not in text and "Bằng khen" not in text


def test_ineligible_justification_is_in_to_trinh_and_danh_sach(catalog: Catalog,
                                                               data: DossierData) -> None:
    why = "Cứu 2 em học sinh đuối nước ngày 12/7/2025"
    assert (f"- Bà Đinh Văn Khiêm (Giấy khen): chưa đủ tiêu chuẩn theo kết quả rà soát; lý do "
            f"đề nghị: {why}.") in joined(b.build_to_trinh(data, kinds(catalog,
                                                                       "to_trinh_noi_bo")))
    ds = b.build_danh_sach(data, kinds(catalog, "danh_sach_noi_bo"),
                           kinds(catalog, "to_trinh_noi_bo"))
    assert any(why in t and "Chưa đủ tiêu chuẩn" in t for t in texts(ds))
    up = joined(b.build_to_trinh(data, kinds(catalog, "to_trinh")))
    assert why not in up and "Sáng kiến áp dụng tại 5 trường trong tỉnh." in up


def test_deputy_signs_kt(catalog: Catalog, data: DossierData) -> None:
    deputy = replace(data, unit=replace(UNIT, head_title="Phó Chủ tịch", head_name="Lê Văn B"))
    sig = b.build_to_trinh(deputy, kinds(catalog, "to_trinh")).blocks[-1]
    assert isinstance(sig, SignatureBlock)
    assert (sig.signers[0].authority, sig.signers[0].title) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_to_trinh_without_nominees_is_not_built(catalog: Catalog, data: DossierData) -> None:
    only_unit = replace(data, nominations=data.nominations[:6])
    assert only_unit.sent_up == () and len(only_unit.decided_here) == 5
    with pytest.raises(ValueError, match="no nominee"):
        b.build_to_trinh(only_unit, kinds(catalog, "to_trinh"))


# ---- danh sách ---------------------------------------------------------------------------------


def _counts_in(text: str) -> tuple[int, int]:
    ind = re.search(r"(\d+) cá nhân", text)
    col = re.search(r"(\d+) tập thể", text)
    return (int(ind.group(1)) if ind else 0, int(col.group(1)) if col else 0)


def test_danh_sach_totals_equal_the_to_trinh(catalog: Catalog, data: DossierData) -> None:
    ttr = b.build_to_trinh(data, kinds(catalog, "to_trinh_noi_bo"))
    ds = b.build_danh_sach(data, kinds(catalog, "danh_sach_noi_bo"),
                           kinds(catalog, "to_trinh_noi_bo"))
    request = next(t for t in texts(ttr) if "kính trình" in t and "cụ thể" in t)
    total = ds.metadata["total"]
    assert _counts_in(request) == _counts_in(total) == (3, 1)
    assert "(05 lượt đề nghị" in total     # Đinh Văn Khiêm is proposed for two titles
    table = next(x for x in ds.blocks if isinstance(x, Table))
    assert [c.header for c in table.columns] == [
        "STT", "Họ và tên (tên tập thể)", "Năm sinh", "Giới tính", "Chức vụ, đơn vị công tác",
        "Danh hiệu, hình thức đề nghị", "Tóm tắt thành tích, căn cứ", "Ghi chú"]
    people_rows = [r for r in table.rows if len(r) == 8]
    assert len(people_rows) == len(data.decided_here) == 5
    groups = [cell_text(r[0]) for r in table.rows if len(r) == 1]
    assert groups == ["I. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” (02 cá nhân)",
                      "II. DANH HIỆU “TẬP THỂ LAO ĐỘNG TIÊN TIẾN” (01 tập thể)",
                      "III. DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” (01 cá nhân)",
                      "IV. GIẤY KHEN (01 cá nhân)"]
    # per-title lines of the tờ trình add up to the groups of the list
    per_title = [t for t in texts(ttr) if t.startswith("- ") and t.endswith(";")
                 and ("cá nhân" in t or "tập thể" in t)]
    assert sum(_counts_in(t)[0] for t in per_title) == sum(_counts_in(g)[0] for g in groups)
    assert ("(Kèm theo Tờ trình số 06/TTr-HĐTĐKT ngày 05/02/2026 của Hội đồng Thi đua - "
            "Khen thưởng)") in texts(ds)
    head = ds.blocks[0]
    assert isinstance(head, NationalHeader) and head.issuer == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    sig = next(x for x in ds.blocks if isinstance(x, SignatureBlock))
    assert (sig.signers[0].authority, sig.signers[0].title) == ("TM. HỘI ĐỒNG",
                                                                "CHỦ TỊCH HỘI ĐỒNG")
    first = [cell_text(c) for c in people_rows[0]]
    assert first == ["1", "Đinh Văn Khiêm", "1990", "Nữ", "Công chức, Văn phòng - Thống kê",
                     "Lao động tiên tiến", "Hoàn thành xuất sắc nhiệm vụ năm 2025", ""]


def test_province_danh_sach_totals_equal_its_to_trinh(catalog: Catalog, data: DossierData
                                                      ) -> None:
    ttr = b.build_to_trinh(data, kinds(catalog, "to_trinh"))
    ds = b.build_danh_sach(data, kinds(catalog, "danh_sach"), kinds(catalog, "to_trinh"))
    request = next(t for t in texts(ttr) if "kính trình" in t and "cụ thể" in t)
    assert _counts_in(request) == _counts_in(ds.metadata["total"]) == (2, 1)
    table = next(x for x in ds.blocks if isinstance(x, Table))
    names = [cell_text(r[1]) for r in table.rows if len(r) == 8]
    assert sorted(names) == ["Lê Thị Thu Hằng", "Phạm Minh Tuấn", "Trường Tiểu học Thanh Sơn"]
    per_title = [t for t in texts(ttr) if t.startswith("- ") and t.endswith(";") and ": " in t]
    groups = [cell_text(r[0]) for r in table.rows if len(r) == 1]
    assert len(per_title) == len(groups) == 3
    assert sum(sum(_counts_in(t)) for t in per_title) == sum(sum(_counts_in(g)) for g in groups)
    assert ("(Kèm theo Tờ trình số 05/TTr-UBND ngày 05/02/2026 của Ủy ban nhân dân xã Thanh Sơn)"
            in texts(ds))
    sig = next(x for x in ds.blocks if isinstance(x, SignatureBlock))
    assert sig.signers[0].authority == "TM. ỦY BAN NHÂN DÂN"


def test_very_long_names_stay_text(catalog: Catalog, data: DossierData) -> None:
    long_name = "Nguyễn " + "Thị Ngọc " * 40 + "Ánh"
    noms = (replace(data.nominations[0], subject=replace(data.nominations[0].subject,
                                                         name=long_name)),)
    ds = b.build_danh_sach(replace(data, nominations=noms), kinds(catalog, "danh_sach_noi_bo"),
                           kinds(catalog, "to_trinh_noi_bo"))
    assert long_name in texts(ds)


# ---- biên bản ----------------------------------------------------------------------------------


def test_bien_ban_hop_attendance_and_share_of_total(catalog: Catalog, data: DossierData) -> None:
    doc = b.build_bien_ban_hop(data, kinds(catalog, "bien_ban_hop"))
    text = joined(doc)
    assert "Số: 03/BB-HĐTĐKT" in text
    assert "Hôm nay, ngày 03 tháng 02 năm 2026, tại Hội trường UBND xã" in text
    assert ("Tổng số thành viên Hội đồng: 12; có mặt: 10; vắng mặt: 02, trong đó 01 thành viên "
            "vắng mặt có ý kiến bằng văn bản.") in text
    table = next(x for x in doc.blocks if isinstance(x, Table))
    rows = {cell_text(r[1]) + "|" + cell_text(r[2]): [cell_text(c) for c in r]
            for r in table.rows}
    an = rows["Trần Hữu An|Chiến sĩ thi đua cơ sở"]
    assert an[3:] == ["Bỏ phiếu kín", "9/12", "75%", "Không đạt"]
    minh = rows["Hoàng Đức Minh|Chiến sĩ thi đua cơ sở"]
    assert minh[3:] == ["Bỏ phiếu kín", "10/12", "83,3%", "Đạt"]   # of 12, not of 10 present
    assert ("Không đủ tỷ lệ đồng ý, không đề nghị: Trần Hữu An (Chiến sĩ thi đua cơ sở), "
            "Nguyễn Văn Bảy (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh).") in text
    sig = doc.blocks[-1]
    assert isinstance(sig, SignatureBlock)
    assert [(s.title, s.name) for s in sig.signers] == [("THƯ KÝ", "Nguyễn Thị Thu Hà"),
                                                        ("CHỦ TỊCH HỘI ĐỒNG", "Hà Văn Thắng")]


def test_bien_ban_kiem_phieu_only_ballots(catalog: Catalog, data: DossierData) -> None:
    doc = b.build_bien_ban_kiem_phieu(data, kinds(catalog, "bien_ban_kiem_phieu"))
    text = joined(doc)
    assert "Số: 04/BB-HĐTĐKT" in text
    assert "1. Lò Văn Sáng" in text and "2. Đinh Thị Mai" in text
    # 10 ballots for 10 members present: the figures say so
    assert "Số phiếu phát ra: 10 (cho 10 thành viên có mặt); số phiếu thu về hợp lệ: 10." in text
    table = next(x for x in doc.blocks if isinstance(x, Table))
    assert [cell_text(r[1]) for r in table.rows] == ["Trần Hữu An", "Hoàng Đức Minh",
                                                     "Lê Thị Thu Hằng"]
    assert ("ngưỡng đạt: Chiến sĩ thi đua cơ sở 80%; Chiến sĩ thi đua cấp tỉnh 80%" in text)


@pytest.mark.parametrize(("share", "text"), [(0.75, "75%"), (10 / 12, "83,3%"), (1.0, "100%"),
                                             (11 / 12, "91,7%")])
def test_percent(share: float, text: str) -> None:
    assert b.percent(share) == text


# ---- reports -----------------------------------------------------------------------------------


def test_report_cv_sections_and_award_tables(catalog: Catalog, data: DossierData) -> None:
    n = replace(data.nominations[3], titles_received=(
        ReceivedAward(2024, "lao_dong_tien_tien", "Lao động tiên tiến", "danh_hieu", "414/QĐ-UBND",
                      date(2024, 12, 18), "Chủ tịch UBND xã Thanh Sơn", award_verb="tặng"),),
        forms_received=())
    doc = b.build_report(data, n, kinds(catalog, "bao_cao_ca_nhan"))
    text = texts(doc)
    assert "Họ và tên: Hoàng Đức Minh" in text
    assert "Ngày, tháng, năm sinh: 02/01/1990" in text
    assert "Dân tộc: Tày" in text
    assert "Giải quyết 157 hồ sơ đúng hạn." in text and "Hoàn thành 107% chỉ tiêu." in text
    assert "2. Thành tích đạt được" in text
    assert "Đề nghị tặng danh hiệu “Chiến sĩ thi đua cơ sở”" in text
    tables = [x for x in doc.blocks if isinstance(x, Table)]
    assert [c.header for c in tables[0].columns] == [
        "Năm", "Danh hiệu thi đua", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"]
    assert [cell_text(c) for c in tables[0].rows[0]] == [
        "2024", "Lao động tiên tiến",
        "Quyết định số 414/QĐ-UBND ngày 18/12/2024; Chủ tịch UBND xã Thanh Sơn"]
    assert "Chưa có." in text           # no form of commendation yet
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text and "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text


def test_report_with_an_unwritten_section_is_refused(catalog: Catalog, data: DossierData
                                                     ) -> None:
    n = replace(data.nominations[3], report=MappingProxyType(
        {k: v for k, v in SECTIONS_05.items() if k != "giai_phap"}))
    kind = kinds(catalog, "bao_cao_ca_nhan")
    with pytest.raises(UserError, match="Hoàng Đức Minh") as err:
        b.build_report(data, n, kind)
    assert "Giải pháp, sáng kiến" in str(err.value)
    assert [s.code for s in b.missing_sections(n, kind)] == ["giai_phap"]


def test_collective_report_has_background_part(catalog: Catalog, data: DossierData) -> None:
    n = replace(data.nominations[5], report_kind="bao_cao_tap_the", report=MappingProxyType({
        "dac_diem": "16 người.", "chuc_nang": "Tham mưu.", "thanh_tich": "Đạt 100%.",
        "bien_phap": "Giao ban tuần.", "chap_hanh": "Tốt."}))
    text = texts(b.build_report(data, n, kinds(catalog, "bao_cao_tap_the")))
    assert text.index("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH") < text.index("16 người.") \
        < text.index("II. THÀNH TÍCH ĐẠT ĐƯỢC") < text.index("Đạt 100%.")
    assert "Tên tập thể: Văn phòng HĐND và UBND" in text


# ---- quyết định and certificates ---------------------------------------------------------------


def test_quyet_dinh_chairman_signs_articles(catalog: Catalog, data: DossierData) -> None:
    kind = kinds(catalog, "quyet_dinh")
    groups = b.decided_groups(data, kind)
    assert [g[0].target for g in groups] == ["lao_dong_tien_tien", "tap_the_lao_dong_tien_tien",
                                             "chien_si_thi_dua_co_so", "giay_khen"]
    assert [n.subject.name for n in groups[2]] == ["Hoàng Đức Minh"]   # An failed the ballot
    doc = b.build_quyet_dinh(data, kind, groups[2], kinds(catalog, "to_trinh_noi_bo"))
    text = joined(doc)
    assert "Số: 08/QĐ-UBND" in text
    assert ("Xét đề nghị của Hội đồng Thi đua - Khen thưởng tại Tờ trình số 06/TTr-HĐTĐKT ngày "
            "05/02/2026 và Biên bản họp Hội đồng ngày 03/02/2026.") in text
    assert "Về việc tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN" in text
    assert "Điều 1. Tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025 cho 01 cá nhân" in text
    assert "Điều 3." in text
    sig = next(x for x in doc.blocks if isinstance(x, SignatureBlock))
    assert (sig.signers[0].authority, sig.signers[0].title) == ("", "CHỦ TỊCH")


def test_certificates_one_page_each_with_book_number(catalog: Catalog, data: DossierData
                                                     ) -> None:
    doc = b.build_certificates(data, kinds(catalog, "giay_khen_cert"), kinds(catalog,
                                                                             "quyet_dinh"),
                               offset_mm=(1.5, -2.0))
    assert doc is not None and len(doc.fixed_pages) == 1 and doc.offset_mm == (1.5, -2.0)
    text = texts(doc)
    assert "GIẤY KHEN" in text and "Đinh Văn Khiêm" in text
    assert "Quyết định số: 09/QĐ-UBND, ngày 05/02/2026" in text
    assert "Số sổ vàng: 01" in text
    red = [i for i in doc.fixed_pages[0].items if i.color]
    assert {i.text for i in red} == {"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH SƠN", "GIẤY KHEN"}
    cstdcs = b.build_certificates(data, kinds(catalog, "chung_nhan_cstdcs"),
                                  kinds(catalog, "quyet_dinh"))
    assert cstdcs is not None
    assert "TẶNG DANH HIỆU" in texts(cstdcs) and "CHIẾN SĨ THI ĐUA CƠ SỞ" in texts(cstdcs)


# ---- other report kinds, other round kinds, the lists ------------------------------------------


def test_sudden_feat_round_and_report(catalog: Catalog, data: DossierData) -> None:
    sudden = replace(data, round=replace(ROUND, kind=RoundKind.DOT_XUAT, name="Khen đột xuất"))
    n = replace(data.nominations[4], report_kind="bao_cao_dot_xuat", report=MappingProxyType({
        "hoan_canh": "Lũ quét ngày 12/7/2025 tại suối Nậm Mu.",
        "hanh_dong": "Bơi ra cứu 2 em học sinh.", "ket_qua": "Hai em an toàn."}))
    doc = b.build_report(sudden, n, kinds(catalog, "bao_cao_dot_xuat"))
    text = texts(doc)
    assert "BÁO CÁO THÀNH TÍCH ĐỘT XUẤT" in text and "Đề nghị tặng Giấy khen" in text
    assert text.index("1. Hoàn cảnh xảy ra sự việc") < text.index(
        "Lũ quét ngày 12/7/2025 tại suối Nậm Mu.") < text.index("3. Kết quả và tác dụng")
    ttr = b.build_to_trinh(sudden, kinds(catalog, "to_trinh"))
    assert "Về việc đề nghị khen thưởng đột xuất" in texts(ttr)


def test_movement_round_names_the_movement(catalog: Catalog, data: DossierData) -> None:
    rnd = replace(ROUND, kind=RoundKind.PHONG_TRAO, movement="Xây dựng nông thôn mới",
                  movement_from=date(2025, 3, 1), movement_to=date(2025, 10, 31))
    moving = replace(data, round=rnd)
    ttr = texts(b.build_to_trinh(moving, kinds(catalog, "to_trinh")))
    assert "Về việc đề nghị khen thưởng trong phong trào thi đua “Xây dựng nông thôn mới”" in ttr
    assert ("Căn cứ phong trào thi đua “Xây dựng nông thôn mới” (01/03/2025 – 31/10/2025);"
            in ttr)
    n = replace(data.nominations[4], report_kind="bao_cao_phong_trao", report=MappingProxyType(
        {"thanh_tich": "Hiến 200 m² đất làm đường.", "giai_phap": "Vận động 12 hộ."}))
    report = texts(b.build_report(moving, n, kinds(catalog, "bao_cao_phong_trao")))
    assert "Thời gian thực hiện phong trào: 01/03/2025 – 31/10/2025" in report
    assert ("Trong phong trào thi đua “Xây dựng nông thôn mới”, đề nghị tặng Giấy khen"
            in report)


def test_summary_report_has_one_section_no_award_tables(catalog: Catalog, data: DossierData
                                                        ) -> None:
    n = replace(data.nominations[4], simplified=True, report_kind="bao_cao_tom_tat",
                report=MappingProxyType({"tom_tat": "Cứu 2 em học sinh ngày 12/7/2025."}))
    doc = b.build_report(data, n, kinds(catalog, "bao_cao_tom_tat"))
    text = texts(doc)
    assert "BÁO CÁO TÓM TẮT THÀNH TÍCH" in text and "Cứu 2 em học sinh ngày 12/7/2025." in text
    assert not any(isinstance(x, Table) for x in doc.blocks)
    ds = b.build_danh_sach(replace(data, nominations=(n,)), kinds(catalog, "danh_sach_noi_bo"),
                           kinds(catalog, "to_trinh_noi_bo"))
    assert any("Thủ tục đơn giản" in t for t in texts(ds))


def test_registration_list(catalog: Catalog) -> None:
    from desktop.core.model.dossier import RegistrationLine

    lines = [RegistrationLine("Lê Thị Lan", "Kế toán", "lao_dong_tien_tien", "Lao động tiên tiến",
                              10, "danh_hieu", date(2025, 1, 10), ref="person:1"),
             RegistrationLine("Lê Thị Lan", "Kế toán", "chien_si_thi_dua_co_so",
                              "Chiến sĩ thi đua cơ sở", 20, "danh_hieu", date(2025, 1, 10),
                              ref="person:1"),
             RegistrationLine("Phòng Kinh tế", "", "tap_the_lao_dong_tien_tien",
                              "Tập thể lao động tiên tiến", 10, "danh_hieu", date(2025, 1, 12),
                              subject_kind=COLLECTIVE, ref="collective:1")]
    doc = b.build_registration_list(UNIT, 2025, lines, kinds(catalog, "danh_sach_dang_ky"),
                                    TODAY)
    text = texts(doc)
    assert "DANH SÁCH ĐĂNG KÝ THI ĐUA" in text and "Năm 2025" in text
    assert doc.metadata["total"] == "Tổng cộng: 01 cá nhân, 01 tập thể"
    assert "10/01/2025" in text


def test_posting_list_has_only_name_unit_title(catalog: Catalog) -> None:
    from desktop.core.model.rounds import PostingRow

    doc = b.build_posting_list(UNIT, "Xét khen thưởng 2025",
                               [PostingRow("Lê Thị Lan", "Kế toán", "Lao động tiên tiến")],
                               PublicPosting(1, date(2026, 1, 20), date(2026, 1, 30),
                                             "Nhà văn hóa"),
                               kinds(catalog, "danh_sach_cong_khai"), TODAY, "HS2025-3FA9C1")
    table = next(x for x in doc.blocks if isinstance(x, Table))
    assert [[cell_text(c) for c in r] for r in table.rows] == [
        ["1", "Lê Thị Lan", "Kế toán", "Lao động tiên tiến"]]
    assert ("Thời gian niêm yết: từ ngày 20/01/2026 đến ngày 30/01/2026 tại Nhà văn hóa."
            in texts(doc))
