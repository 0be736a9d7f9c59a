"""Documents that tell the truth (issue 11, points 1–6): each finding of the province clerk's
review as a test on the text the builders produce, for any data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from types import MappingProxyType

import pytest

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.documents.blocks import (
    Addressee,
    FieldLine,
    NationalHeader,
    SignatureBlock,
    Table,
)
from desktop.core.model import Rating, UnitKind
from desktop.core.model.dossier import (
    ABSENT,
    ABSENT_WRITTEN,
    GROUND_CLAIM,
    GROUND_INITIATIVE,
    GROUND_RESEARCH,
    GROUND_RUN,
    PRESENT,
    DossierData,
    Ground,
    Head,
    MeetingDetails,
    MemberAttendance,
    ProvinceInfo,
)
from desktop.core.model.rounds import EligibilitySnapshot, Reason, Verdict, VoteMethod
from desktop.core.operations.dossier_subjects import formal_citation, legal_bases

from .test_builders_dossier import (
    TODAY,
    UNIT,
    cell_text,
    joined,
    kinds,
    person,
    sample_data,
    team,
    texts,
    vote,
)


@pytest.fixture
def data(catalog: Catalog) -> DossierData:
    return sample_data(catalog)


NOT_MET = EligibilitySnapshot(Verdict.INELIGIBLE, (
    Reason("proofs", "…", "Luật TĐKT 2022, Điều 22", "not_met"),
    Reason("consecutive_years", "…", "Luật TĐKT 2022, Điều 22", "met")))


def province_only(data: DossierData, catalog: Catalog, *extra: object) -> DossierData:
    """A round sending one eligible CSTĐ tỉnh nominee (and `extra`) to the province."""
    hang = person(7, "Lê Thị Thu Hằng", "chien_si_thi_dua_tinh", catalog,
                  vote=vote(11, VoteMethod.BALLOT, 0.9))
    return replace(data, nominations=(hang, *extra))  # type: ignore[arg-type]


# ---- point 1: what is certified follows who is eligible ----------------------------------------


def test_an_ineligible_nominee_is_named_and_left_out_of_the_certification(
        catalog: Catalog, data: DossierData) -> None:
    tuan = person(8, "Phạm Minh Tuấn", "chien_si_thi_dua_tinh", catalog, eligibility=NOT_MET,
                  justification="Sáng kiến đã áp dụng tại 5 trường tiểu học trong tỉnh.",
                  unmet=("Điều 22 Luật Thi đua, khen thưởng",),
                  vote=vote(11, VoteMethod.BALLOT, 0.9))
    text = joined(b.build_to_trinh(province_only(data, catalog, tuan),
                                   kinds(catalog, "to_trinh")))
    assert ("- Bà Phạm Minh Tuấn (Chiến sĩ thi đua cấp tỉnh): chưa đáp ứng tiêu chuẩn tại Điều "
            "22 Luật Thi đua, khen thưởng; lý do đề nghị: Sáng kiến đã áp dụng tại 5 trường "
            "tiểu học trong tỉnh.") in text
    assert ("Ngoài 01 trường hợp nêu trên, cá nhân còn lại được đề nghị bảo đảm tiêu chuẩn, "
            "điều kiện theo quy định.") in text
    assert "Các cá nhân được đề nghị bảo đảm tiêu chuẩn" not in text


def test_nothing_is_certified_when_nobody_proposed_is_eligible(catalog: Catalog,
                                                               data: DossierData) -> None:
    tuan = person(8, "Phạm Minh Tuấn", "chien_si_thi_dua_tinh", catalog, eligibility=NOT_MET,
                  justification="Lý do.", vote=vote(11, VoteMethod.BALLOT, 0.9))
    text = joined(b.build_to_trinh(replace(data, nominations=(tuan,)),
                                   kinds(catalog, "to_trinh")))
    assert "bảo đảm tiêu chuẩn, điều kiện" not in text
    assert "chưa đủ tiêu chuẩn theo kết quả rà soát; lý do đề nghị: Lý do." in text


def test_all_eligible_are_certified_in_words_that_fit(catalog: Catalog,
                                                      data: DossierData) -> None:
    text = joined(b.build_to_trinh(province_only(data, catalog), kinds(catalog, "to_trinh")))
    assert "Cá nhân được đề nghị bảo đảm tiêu chuẩn, điều kiện theo quy định." in text


# ---- point 2: decider, addressee, legal bases, wording -----------------------------------------


def test_the_province_chairman_decides_and_the_so_noi_vu_appraises(catalog: Catalog,
                                                                   data: DossierData) -> None:
    doc = b.build_to_trinh(province_only(data, catalog), kinds(catalog, "to_trinh"))
    assert [x.recipients for x in doc.blocks if isinstance(x, Addressee)] == [
        ("Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ", "Sở Nội vụ tỉnh Phú Thọ")]
    text = joined(doc)
    assert ("kính trình Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ xem xét, tặng danh hiệu “Chiến "
            "sĩ thi đua cấp tỉnh” cho 01 cá nhân (có danh sách kèm theo).") in text
    assert "Sở Nội vụ tỉnh Phú Thọ xem xét" not in text
    assert "đề nghị Sở Nội vụ tỉnh Phú Thọ thẩm định, trình theo quy định./." in text


def test_a_title_decided_above_the_province_is_proposed_further(catalog: Catalog,
                                                                data: DossierData) -> None:
    bktt = person(11, "Nguyễn Văn Cường", "bang_khen_thu_tuong", catalog)
    text = joined(b.build_to_trinh(province_only(data, catalog, bktt),
                                   kinds(catalog, "to_trinh")))
    assert ("- Bằng khen của Thủ tướng Chính phủ: 01 cá nhân (đề nghị trình Thủ tướng Chính "
            "phủ xem xét, quyết định);") in text
    assert "- Danh hiệu “Chiến sĩ thi đua cấp tỉnh”: 01 cá nhân;" in text


def test_the_addressee_follows_the_province_profile(catalog: Catalog, data: DossierData) -> None:
    bac_ninh = replace(province_only(data, catalog), province=ProvinceInfo(
        "tỉnh Bắc Ninh", "Sở Nội vụ tỉnh Bắc Ninh (Phòng Thi đua, khen thưởng)",
        "Căn cứ Quyết định số 86/2025/QĐ-UBND …;"))
    doc = b.build_to_trinh(bac_ninh, kinds(catalog, "to_trinh"))
    assert [x.recipients for x in doc.blocks if isinstance(x, Addressee)] == [
        ("Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh",
         "Sở Nội vụ tỉnh Bắc Ninh (Phòng Thi đua, khen thưởng)")]
    assert "Căn cứ Quyết định số 86/2025/QĐ-UBND …;" in texts(doc)


def test_competence_and_regulation_bases_are_cited_while_in_force(catalog: Catalog,
                                                                  data: DossierData) -> None:
    ttr = texts(b.build_to_trinh(province_only(data, catalog), kinds(catalog, "to_trinh")))
    assert ttr.index("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;") \
        < ttr.index("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    assert any(t.startswith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")
               for t in ttr)
    groups = b.decided_groups(data, kinds(catalog, "quyet_dinh"))
    qd = texts(b.build_quyet_dinh(data, kinds(catalog, "quyet_dinh"), groups[0],
                                  kinds(catalog, "to_trinh_noi_bo")))
    art59 = next(t for t in qd if t.startswith("Căn cứ Nghị định số 129/2025/NĐ-CP"))
    assert "Điều 59" in art59
    # an agency has no commune chairman's powers: neither the local-government law nor Art 59
    agency = replace(UNIT, kind=UnitKind.CO_QUAN)
    qd_agency = joined(b.build_quyet_dinh(replace(data, legal_bases=MappingProxyType(
        legal_bases(catalog, agency, TODAY))), kinds(catalog, "quyet_dinh"), groups[0],
        kinds(catalog, "to_trinh_noi_bo")))
    assert "129/2025" not in qd_agency and "Tổ chức chính quyền địa phương" not in qd_agency
    # a source out of force on the document's date is not cited (NĐ 152's valid_to)
    later = legal_bases(catalog, UNIT, date(2027, 6, 1))
    assert "nd_152_2025" not in later and "luat_tdkt_2022" in later
    # the province's regulation, when the profile names one in force
    assert formal_citation(catalog, "Luật TĐKT 2022, Điều 22") == \
        "Điều 22 Luật Thi đua, khen thưởng"
    assert formal_citation(catalog, "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7") == \
        "khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP"


def test_wording_follows_what_is_proposed(catalog: Catalog, data: DossierData) -> None:
    kind = kinds(catalog, "to_trinh")
    only_people = joined(b.build_to_trinh(province_only(data, catalog), kind))
    assert "tập thể" not in only_people.replace("Hội đồng Thi đua", "")
    school = team(9, "Trường Tiểu học Thanh Sơn", "tap_the_lao_dong_xuat_sac", catalog)
    both = joined(b.build_to_trinh(province_only(data, catalog, school), kind))
    assert "Các tập thể, cá nhân được đề nghị đã có thành tích" in both
    only_school = joined(b.build_to_trinh(replace(data, nominations=(school,)), kind))
    assert "Tập thể được đề nghị đã có thành tích" in only_school
    assert "cá nhân" not in only_school


# ---- point 3: the minutes -----------------------------------------------------------------------


def test_minutes_are_dated_on_the_meeting_day_with_time_and_members(catalog: Catalog,
                                                                    data: DossierData) -> None:
    members = (MemberAttendance("Hà Văn Thắng", "Chủ tịch UBND xã, Chủ tịch Hội đồng", PRESENT),
               MemberAttendance("Lò Văn Sáng", "Phó Chủ tịch UBND xã", ABSENT_WRITTEN),
               MemberAttendance("Đinh Thị Mai", "Chủ tịch Hội Phụ nữ", ABSENT))
    detailed = replace(data, today=date(2026, 2, 20), meeting_details=MeetingDetails(
        time(14, 0), time(16, 30), members))
    doc = b.build_bien_ban_hop(detailed, kinds(catalog, "bien_ban_hop"))
    head = doc.blocks[0]
    assert isinstance(head, NationalHeader)
    assert head.place_date == "Thanh Sơn, ngày 03 tháng 02 năm 2026"      # not the printing day
    text = joined(doc)
    assert ("Vào hồi 14 giờ 00 phút, ngày 03 tháng 02 năm 2026, tại Hội trường UBND xã, Hội "
            "đồng Thi đua - Khen thưởng xã Thanh Sơn họp") in text
    assert "Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày." in text
    table = next(x for x in doc.blocks if isinstance(x, Table)
                 and x.columns[1].header == "Họ và tên")
    assert [[cell_text(c) for c in r] for r in table.rows] == [
        ["1", "Hà Văn Thắng", "Chủ tịch UBND xã, Chủ tịch Hội đồng", "Có mặt"],
        ["2", "Lò Văn Sáng", "Phó Chủ tịch UBND xã", "Vắng mặt, có ý kiến bằng văn bản"],
        ["3", "Đinh Thị Mai", "Chủ tịch Hội Phụ nữ", "Vắng mặt"]]
    kp = b.build_bien_ban_kiem_phieu(detailed, kinds(catalog, "bien_ban_kiem_phieu"))
    assert kp.blocks[0].place_date == "Thanh Sơn, ngày 03 tháng 02 năm 2026"  # type: ignore


def test_an_older_meeting_prints_counts_and_names_chair_and_secretary(catalog: Catalog,
                                                                      data: DossierData) -> None:
    text = joined(b.build_bien_ban_hop(data, kinds(catalog, "bien_ban_hop")))
    assert "Hôm nay, ngày 03 tháng 02 năm 2026, tại Hội trường UBND xã" in text
    assert "Chủ trì: Hà Văn Thắng, Chủ tịch Hội đồng." in text
    assert "Thư ký: Nguyễn Thị Thu Hà." in text
    assert "Danh sách thành viên Hội đồng" not in text and "kết thúc vào hồi" not in text


def test_ballots_issued_are_explained_by_who_was_present_or_wrote(catalog: Catalog,
                                                                  data: DossierData) -> None:
    eleven = [replace(n, vote=replace(n.vote, ballots_issued=11, ballots_valid=11))
              if n.vote and n.vote.method is VoteMethod.BALLOT else n for n in data.nominations]
    with_written = replace(data, nominations=tuple(eleven))
    for code in ("bien_ban_hop", "bien_ban_kiem_phieu"):
        text = joined(getattr(b, f"build_{code}")(with_written, kinds(catalog, code)))
        assert ("Số phiếu phát ra: 11 (10 thành viên có mặt và 01 thành viên vắng mặt có ý "
                "kiến bằng văn bản); số phiếu thu về hợp lệ: 11.") in text, code


# ---- point 4: reports signed by the right people, Mẫu 05 fields, full names ---------------------


def test_a_report_is_certified_by_its_own_unit_head_then_by_the_submitting_level(
        catalog: Catalog, data: DossierData) -> None:
    teacher = person(7, "Lê Thị Thu Hằng", "chien_si_thi_dua_tinh", catalog)
    teacher = replace(teacher, subject=replace(
        teacher.subject, department="Trường Trung học cơ sở Thanh Sơn",
        head=Head("Hiệu trưởng", "Bùi Văn An", "Trường Trung học cơ sở Thanh Sơn")))
    doc = b.build_report(data, teacher, kinds(catalog, "bao_cao_ca_nhan"))
    blocks = [x for x in doc.blocks if isinstance(x, SignatureBlock)]
    assert len(blocks) == 2
    reporter, head = blocks[0].signers
    assert (reporter.title, reporter.name) == ("NGƯỜI BÁO CÁO THÀNH TÍCH", "Lê Thị Thu Hằng")
    assert (head.caption, head.title, head.name) == (
        "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "HIỆU TRƯỞNG", "Bùi Văn An")
    submit = blocks[1]
    assert submit.centered and not submit.recipients
    (cap,) = submit.signers
    assert (cap.caption, cap.authority, cap.title, cap.name) == (
        "XÁC NHẬN CỦA CẤP TRÌNH KHEN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Văn Thắng")
    # a title the unit decides itself: no submitting level
    own = b.build_report(data, replace(teacher, target="chien_si_thi_dua_co_so",
                                       decided_by_unit=True),
                         kinds(catalog, "bao_cao_ca_nhan"))
    assert len([x for x in own.blocks if isinstance(x, SignatureBlock)]) == 1
    # the principal's own report: not certified by himself, but by the unit head
    principal = replace(teacher, subject=replace(teacher.subject, name="Bùi Văn An"),
                        target="chien_si_thi_dua_co_so", decided_by_unit=True)
    mine = b.build_report(data, principal, kinds(catalog, "bao_cao_ca_nhan"))
    sig = next(x for x in mine.blocks if isinstance(x, SignatureBlock))
    assert (sig.signers[1].title, sig.signers[1].name) == ("CHỦ TỊCH", "Hà Văn Thắng")
    # no work unit head recorded: the unit head certifies
    alone = b.build_report(data, person(4, "Hoàng Đức Minh", "chien_si_thi_dua_co_so",
                                        catalog), kinds(catalog, "bao_cao_ca_nhan"))
    sig = next(x for x in alone.blocks if isinstance(x, SignatureBlock))
    assert (sig.signers[1].title, sig.signers[1].name) == ("CHỦ TỊCH", "Hà Văn Thắng")


def test_a_personal_report_carries_only_quoc_hieu_and_tieu_ngu(catalog: Catalog,
                                                                data: DossierData) -> None:
    doc = b.build_report(data, data.nominations[3], kinds(catalog, "bao_cao_ca_nhan"))
    head = doc.blocks[0]
    assert isinstance(head, NationalHeader)
    assert (head.issuer, head.superior, head.number) == ("", "", "")
    assert head.place_date == "Thanh Sơn, ngày 05 tháng 02 năm 2026"
    # a collective's report names the unit above the collective
    school = replace(team(9, "Trường Tiểu học Thanh Sơn", "tap_the_lao_dong_tien_tien",
                          catalog), report_kind="bao_cao_tap_the", report=MappingProxyType({
                              "dac_diem": "a", "chuc_nang": "b", "thanh_tich": "c",
                              "bien_phap": "d", "chap_hanh": "e"}))
    head = b.build_report(data, school, kinds(catalog, "bao_cao_tap_the")).blocks[0]
    assert isinstance(head, NationalHeader)
    assert (head.superior, head.issuer) == ("ỦY BAN NHÂN DÂN XÃ THANH SƠN",
                                            "TRƯỜNG TIỂU HỌC THANH SƠN")


def test_the_cv_prints_the_mau_05_fields_it_has(catalog: Catalog, data: DossierData) -> None:
    n = data.nominations[3]
    n = replace(n, subject=replace(
        n.subject, hometown="xã Thanh Sơn, tỉnh Phú Thọ", residence="Thôn Tân Lập",
        qualification="Đại học Sư phạm", political_theory="Trung cấp",
        academic_rank="Thạc sĩ", party_post="Bí thư Chi bộ", mass_org_post=""))
    lines = [f"{x.label}: {x.value}" for x in b.build_report(
        data, n, kinds(catalog, "bao_cao_ca_nhan")).blocks if isinstance(x, FieldLine)]
    assert lines == [
        "Họ và tên: Hoàng Đức Minh", "Ngày, tháng, năm sinh: 02/01/1990", "Giới tính: Nữ",
        "Dân tộc: Tày", "Quê quán: xã Thanh Sơn, tỉnh Phú Thọ", "Trú quán: Thôn Tân Lập",
        "Đơn vị công tác: Văn phòng - Thống kê",
        "Chức vụ (Đảng, chính quyền, đoàn thể): Bí thư Chi bộ; Công chức",
        "Trình độ chuyên môn, nghiệp vụ: Đại học Sư phạm", "Lý luận chính trị: Trung cấp",
        "Học hàm, học vị: Thạc sĩ"]


# ---- point 6: the list shows the grounds actually met -------------------------------------------


def test_the_list_shows_the_grounds_met(catalog: Catalog, data: DossierData) -> None:
    hang = person(7, "Lê Thị Thu Hằng", "chien_si_thi_dua_tinh", catalog, grounds=(
        Ground(GROUND_RUN, "Chiến sĩ thi đua cơ sở", years=(2023, 2024, 2025)),
        Ground(GROUND_INITIATIVE, "Ứng dụng trí tuệ nhân tạo trong ôn luyện Toán",
               decision_no="1638/QĐ-UBND", decision_date=date(2025, 9, 7),
               issuer="Chủ tịch UBND tỉnh Phú Thọ", scope="tinh"),
        Ground(GROUND_RESEARCH, "Dạy học STEM ở vùng khó khăn",
               decision_date=date(2025, 5, 20), scope="co_so"),
        Ground(GROUND_CLAIM, "Thành tích xuất sắc trong phong trào thi đua", note="Hội thi")))
    ds = b.build_danh_sach(replace(data, nominations=(hang,)), kinds(catalog, "danh_sach"),
                           kinds(catalog, "to_trinh"))
    table = next(x for x in ds.blocks if isinstance(x, Table))
    grounds = cell_text(next(r for r in table.rows if len(r) == 8)[6])
    assert grounds == (
        "Hoàn thành xuất sắc nhiệm vụ năm 2025; Chiến sĩ thi đua cơ sở 03 năm liên tục "
        "(2023, 2024, 2025); Sáng "
        "kiến “Ứng dụng trí tuệ nhân tạo trong ôn luyện Toán”, công nhận tại Quyết định số "
        "1638/QĐ-UBND ngày 07/09/2025 của Chủ tịch UBND tỉnh Phú Thọ, phạm vi ảnh hưởng cấp "
        "tỉnh; Đề tài “Dạy học STEM ở vùng khó khăn”, nghiệm thu ngày 20/05/2025, phạm vi ảnh "
        "hưởng cấp cơ sở; Thành tích xuất sắc trong phong trào thi đua (Hội thi)")


# ---- certificates --------------------------------------------------------------------------------


def test_certificates_rule_the_motto_and_praise_only_what_the_rating_says(
        catalog: Catalog, data: DossierData) -> None:
    kind = kinds(catalog, "giay_khen_cert")
    plain = replace(data.nominations[4], rating=Rating.HT, achievement="",
                    eligibility=EligibilitySnapshot(Verdict.ELIGIBLE))
    doc = b.build_certificates(replace(data, nominations=(plain,)), kind,
                               kinds(catalog, "quyet_dinh"))
    assert doc is not None
    items = {i.text: i for i in doc.fixed_pages[0].items}
    assert items["Độc lập - Tự do - Hạnh phúc"].underline
    assert "Đã có thành tích trong thực hiện nhiệm vụ năm 2025" in items
    assert not any("xuất sắc" in t for t in items)
    assert not any(data.dossier_id in t for t in items)


def test_a_certificate_for_someone_without_a_rating_praises_his_work_not_a_rating(
        catalog: Catalog, data: DossierData) -> None:
    """A farmer has no rating (Law Art 24.3): his Giấy khen neither says "xuất sắc" nor
    speaks of carrying out "nhiệm vụ" he was never rated on."""
    kind = kinds(catalog, "giay_khen_cert")
    farmer = replace(data.nominations[4], rating=None, achievement="",
                     eligibility=EligibilitySnapshot(Verdict.ELIGIBLE))
    doc = b.build_certificates(replace(data, nominations=(farmer,)), kind,
                               kinds(catalog, "quyet_dinh"))
    assert doc is not None
    texts = [i.text for i in doc.fixed_pages[0].items]
    assert "Đã có thành tích trong lao động, sản xuất năm 2025" in texts
    assert not any("xuất sắc" in t or "nhiệm vụ" in t for t in texts)
