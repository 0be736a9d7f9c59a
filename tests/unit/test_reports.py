"""Achievement reports: the form a nomination uses, prefill from the registry, save/load and
the copy check between reports of one round (LAW.md §6.3–6.5)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model import (
    Award,
    Collective,
    Discipline,
    DisciplineLevel,
    Gender,
    History,
    Initiative,
    Person,
    Rating,
    ResearchTopic,
    Scope,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import NominationStatus, Round, RoundKind
from desktop.core.operations import reports
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from tests.province_layers import FULL_LDTT, full_ldtt_catalog
from tests.unit.eligibility_fakes import always_eligible

ACTOR = "Cán bộ TĐKT"

COPIED = ("Trong năm qua, đồng chí đã chủ động tham mưu cho Ủy ban nhân dân xã triển khai "
          "chuyển đổi số trong giải quyết thủ tục hành chính, rút ngắn thời gian xử lý hồ sơ "
          "từ năm ngày xuống còn hai ngày, được người dân đánh giá cao và không có hồ sơ trễ "
          "hạn nào trong cả năm.")


eligible = always_eligible


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    """The copy check and the prefill are about full reports: the unit's province asks the
    Mẫu 05 of its LĐTT nominees too (the national default asks none, issue 12)."""
    return full_ldtt_catalog(tmp_path)


@dataclass
class Setup:
    store: Store
    catalog: Catalog
    rnd: Round
    hoa: int        # nomination ids
    lan: int
    phong: int


def _round(store: Store, catalog: Catalog, today: date, kind: RoundKind = RoundKind.CONG_TRANG,
           **kw: Any) -> Round:
    return rounds_ops.create_round(store, catalog, kind, 2026, f"Đợt {kind.value} 2026", ACTOR,
                                   today, **kw)[0]


def _nominate(store: Store, catalog: Catalog, today: date, rnd: Round, ref: SubjectRef,
              target: str, **kw: Any) -> int:
    assert rnd.id is not None
    nom, _changes = rounds_ops.add_nomination(store, catalog, rnd.id, ref, target, "", ACTOR,
                                              today, evaluate=eligible, **kw)
    assert nom.id is not None
    return nom.id


@pytest.fixture
def setup(store: Store, catalog: Catalog, today: date) -> Setup:
    decision = date(2025, 12, 15)
    with store.write() as db:
        reg_repo.save_unit(db, Unit(name="Ủy ban nhân dân xã Tân Lập", kind=UnitKind.XA,
                                    province=FULL_LDTT,
                                    superior_body="", doc_code="UBND", place_name="Tân Lập",
                                    head_name="Nguyễn Văn Chủ", head_title="Chủ tịch",
                                    officer_name="", officer_title=""))
        hoa = reg_repo.insert_person(db, Person(
            None, "Hoàng Thị Hoa", birth_date=date(1985, 3, 14), gender=Gender.NU,
            position="Công chức Văn phòng - Thống kê", department="Văn phòng"))
        lan = reg_repo.insert_person(db, Person(
            None, "Lê Thị Lan", birth_date=date(1990, 12, 1), gender=Gender.NU,
            position="Kế toán", department="Tài chính - Kế toán"))
        phong = reg_repo.insert_collective(db, Collective(None, "Phòng Kinh tế",
                                                          member_ids=(hoa, lan)))
        shared_award = Award(2025, "lao_dong_tien_tien", decision_no="123/QĐ-UBND",
                             decision_date=decision, issuer="Chủ tịch UBND xã Tân Lập")
        reg_repo.add_history(db, SubjectRef(SubjectKind.PERSON, hoa), History(
            years=(YearRecord(2025, Rating.HTXS), YearRecord(2026, Rating.HTXS,
                                                            qualities_note="Gương mẫu")),
            awards=(shared_award,),
            initiatives=(Initiative(2026, "Một cửa điện tử cho thủ tục chứng thực",
                                    Scope.CO_SO, decision_no="45/QĐ-HĐSK",
                                    decision_date=date(2026, 10, 2),
                                    recognised_by="Hội đồng sáng kiến xã"),),
            research=(ResearchTopic(2026, "Số hóa sổ hộ tịch", Scope.CO_SO,
                                    accepted_on=date(2026, 9, 1), applied=True),)))
        reg_repo.add_history(db, SubjectRef(SubjectKind.PERSON, lan), History(
            years=(YearRecord(2025, Rating.HTXS), YearRecord(2026, Rating.HTT)),
            awards=(shared_award,),
            discipline=(Discipline(DisciplineLevel.KHIEN_TRACH, date(2024, 3, 1),
                                   date(2025, 3, 1), decision_no="7/QĐ-UBND"),)))
    rnd = _round(store, catalog, date(2026, 11, 23))
    today = date(2026, 11, 23)
    return Setup(
        store, catalog, rnd,
        _nominate(store, catalog, today, rnd, SubjectRef(SubjectKind.PERSON, hoa),
                  "chien_si_thi_dua_co_so"),
        _nominate(store, catalog, today, rnd, SubjectRef(SubjectKind.PERSON, lan),
                  "lao_dong_tien_tien"),
        _nominate(store, catalog, today, rnd, SubjectRef(SubjectKind.COLLECTIVE, phong),
                  "tap_the_lao_dong_tien_tien"))


# ---- which form -------------------------------------------------------------------------------


def test_each_nomination_gets_the_form_of_its_round_and_subject(setup: Setup) -> None:
    s = setup
    assert reports.load_report(s.store, s.catalog, s.hoa).kind.code == "bao_cao_ca_nhan"
    assert [x.section.code for x in reports.load_report(s.store, s.catalog, s.hoa).sections] \
        == ["chuc_trach", "thanh_tich", "giai_phap", "chap_hanh"]
    collective = reports.load_report(s.store, s.catalog, s.phong)
    assert collective.kind.code == "bao_cao_tap_the"
    assert [x.section.code for x in collective.sections] == [
        "dac_diem", "chuc_nang", "thanh_tich", "bien_phap", "chap_hanh"]


def test_simplified_procedure_and_other_round_kinds_change_the_form(
        setup: Setup, today: date) -> None:
    s = setup
    feat = _round(s.store, s.catalog, today, RoundKind.DOT_XUAT)
    ref = SubjectRef(SubjectKind.PERSON, 1)
    nid = _nominate(s.store, s.catalog, today, feat, ref, "giay_khen",
                    achievement="Cứu hai học sinh bị đuối nước tại sông Cầu ngày 12/8/2026")
    assert reports.load_report(s.store, s.catalog, nid).kind.code == "bao_cao_dot_xuat"
    rounds_ops.set_simplified(s.store, s.catalog, nid, True, ACTOR)
    assert reports.load_report(s.store, s.catalog, nid).kind.code == "bao_cao_tom_tat"
    campaign = _round(s.store, s.catalog, today, RoundKind.PHONG_TRAO,
                      movement="Chung sức xây dựng nông thôn mới",
                      movement_from=date(2026, 1, 1), movement_to=date(2026, 10, 31))
    nid = _nominate(s.store, s.catalog, today, campaign, SubjectRef(SubjectKind.PERSON, 2),
                    "giay_khen")
    assert reports.load_report(s.store, s.catalog, nid).kind.code == "bao_cao_phong_trao"
    text = reports.prefill(s.store, s.catalog, nid)["thanh_tich"]
    assert "Chung sức xây dựng nông thôn mới" in text
    assert "từ ngày 01/01/2026 đến ngày 31/10/2026" in text


# ---- prefill ------------------------------------------------------------------------------------


def test_prefill_writes_the_registry_facts_as_sentences(setup: Setup) -> None:
    s = setup
    got = reports.prefill(s.store, s.catalog, s.hoa)
    assert got["chuc_trach"] == ("Chức vụ, đơn vị công tác: Công chức Văn phòng - Thống kê, "
                                 "Văn phòng, Ủy ban nhân dân xã Tân Lập.")
    facts = got["thanh_tich"].splitlines()
    assert facts == ["Năm 2026: xếp loại “Hoàn thành xuất sắc nhiệm vụ”."]   # CSTĐCS: one year
    facts = reports.prefill(s.store, s.catalog, s.hoa, 2025)["thanh_tich"].splitlines()
    assert any(line.startswith("Năm 2025: xếp loại “Hoàn thành xuất sắc nhiệm vụ”; được tặng "
                               "danh hiệu “Lao động tiên tiến” (Quyết định số "
                               "123/QĐ-UBND ngày 15/12/2025 của Chủ tịch UBND xã Tân Lập)")
               for line in facts), facts
    methods = got["giai_phap"]
    assert "Sáng kiến “Một cửa điện tử cho thủ tục chứng thực” (năm 2026), phạm vi ảnh hưởng: " \
           "cơ sở, được công nhận theo Quyết định số 45/QĐ-HĐSK ngày 02/10/2026 của Hội đồng " \
           "sáng kiến xã." in methods
    assert "Đề tài, đề án “Số hóa sổ hộ tịch”" in methods
    assert "nghiệm thu ngày 01/09/2026, đã được áp dụng vào thực tiễn" in methods
    assert "Năm 2026: Gương mẫu." in got["chap_hanh"]
    assert "Trong năm 2026, hồ sơ của đơn vị không ghi nhận hình thức kỷ luật nào." \
        in got["chap_hanh"]
    assert "không ghi nhận hình thức kỷ luật nào" in got["chap_hanh"]
    for text in got.values():
        assert unicodedata.is_normalized("NFC", text)


def test_prefill_covers_the_years_the_title_reads(setup: Setup) -> None:
    s = setup
    # LĐTT reads the review year only; CSTĐCS (its own rule reads the LĐTT year) at least that.
    assert reports.report_years(s.catalog, "lao_dong_tien_tien", "individual", "default") == 1
    assert reports.report_years(s.catalog, "chien_si_thi_dua_tinh", "individual",
                                "default") >= 3
    lan = reports.prefill(s.store, s.catalog, s.lan, 2026)
    assert "Năm 2025" not in lan["thanh_tich"]
    # The discipline that ended in March 2025 is outside 2026: not mentioned.
    assert "Khiển trách" not in lan["chap_hanh"]
    lan_2025 = reports.prefill(s.store, s.catalog, s.lan, 2025)
    assert "Bị kỷ luật “Khiển trách” từ ngày 01/03/2024 (Quyết định số 7/QĐ-UBND)." \
        in lan_2025["chap_hanh"]
    assert "không ghi nhận" not in lan_2025["chap_hanh"]


def test_prefill_of_a_collective_describes_it(setup: Setup) -> None:
    got = reports.prefill(setup.store, setup.catalog, setup.phong)
    assert got["dac_diem"].startswith("Phòng Kinh tế (phòng, ban) có 2 thành viên, trực thuộc "
                                      "Ủy ban nhân dân xã Tân Lập.")


# ---- save and load --------------------------------------------------------------------------


def test_save_and_load_round_trip_nfc_paragraphs_and_audit(setup: Setup) -> None:
    s = setup
    nfd = unicodedata.normalize("NFD", "Đồng chí   phụ trách  một cửa.\r\n\r\n  Tiếp nhận 1.250 "
                                       "hồ sơ, trả đúng hạn 100%.  ")
    saved = reports.save_report(s.store, s.catalog, s.hoa, {"thanh_tich": nfd}, ACTOR)
    expected = "Đồng chí phụ trách một cửa.\nTiếp nhận 1.250 hồ sơ, trả đúng hạn 100%."
    assert saved.texts()["thanh_tich"] == expected
    loaded = reports.load_report(s.store, s.catalog, s.hoa)
    assert loaded.texts() == {"chuc_trach": "", "thanh_tich": expected, "giai_phap": "",
                              "chap_hanh": ""}
    assert unicodedata.is_normalized("NFC", loaded.texts()["thanh_tich"])
    raw = s.store.db.execute("SELECT sections FROM achievement_reports WHERE nomination_id = ?",
                             [s.hoa]).fetchone()[0]
    assert json.loads(raw) == {"thanh_tich": expected}
    entry = reg_repo.audit_entries(s.store.db, 1)[0]
    assert (entry["actor"], entry["action"], entry["entity"], entry["entity_id"]) == (
        ACTOR, "report", "nomination", s.hoa)
    assert "Hoàng Thị Hoa" in entry["summary"]
    assert json.loads(entry["detail"])["sections"] == ["thanh_tich"]

    # A second save of other sections keeps the first; the audit keeps what was replaced.
    reports.save_report(s.store, s.catalog, s.hoa, {"chap_hanh": "Không vi phạm.",
                                                    "thanh_tich": "Mới."}, ACTOR)
    loaded = reports.load_report(s.store, s.catalog, s.hoa).texts()
    assert loaded["thanh_tich"] == "Mới." and loaded["chap_hanh"] == "Không vi phạm."
    detail = json.loads(reg_repo.audit_entries(s.store.db, 1)[0]["detail"])
    assert detail["before"] == {"chap_hanh": "", "thanh_tich": expected}
    # Saving the same text again writes no audit entry.
    count = len(reg_repo.audit_entries(s.store.db, 1000))
    reports.save_report(s.store, s.catalog, s.hoa, {"chap_hanh": "Không vi phạm."}, ACTOR)
    assert len(reg_repo.audit_entries(s.store.db, 1000)) == count


def test_save_refuses_unknown_sections_and_sent_reports(setup: Setup) -> None:
    s = setup
    with pytest.raises(UserError, match="không có mục"):
        reports.save_report(s.store, s.catalog, s.hoa, {"dac_diem": "x"}, ACTOR)
    s.store.db.execute("UPDATE nominations SET status = ? WHERE id = ?",
                       [NominationStatus.EXPORTED.value, s.hoa])
    with pytest.raises(UserError, match="đã gửi"):
        reports.save_report(s.store, s.catalog, s.hoa, {"thanh_tich": "x"}, ACTOR)
    with pytest.raises(UserError):
        reports.load_report(s.store, s.catalog, 9999)


def test_length_states_and_problems(setup: Setup) -> None:
    s = setup
    section = reports.load_report(s.store, s.catalog, s.hoa).sections[1].section
    assert (section.min_chars, section.max_chars) == (400, 6000)
    assert reports.length_state("", section) is reports.LengthState.EMPTY
    assert reports.length_state("ngắn", section) is reports.LengthState.SHORT
    assert reports.length_state("á" * 400, section) is reports.LengthState.OK
    assert reports.length_state("á" * 6001, section) is reports.LengthState.LONG
    # NFD input counts as the letters the officer sees.
    assert reports.count_chars(unicodedata.normalize("NFD", "Đặng")) == 4
    assert "quá ngắn" in reports.length_text("ngắn", section)
    assert "nên từ 400 đến 6.000 ký tự" in reports.length_text("ngắn", section)
    reports.save_report(s.store, s.catalog, s.hoa, {"thanh_tich": "á" * 7000}, ACTOR)
    problems = reports.load_report(s.store, s.catalog, s.hoa).problems()
    assert any("chưa viết" in p for p in problems)
    assert any("quá dài (7000/6000 ký tự)" in p for p in problems)


# ---- the copy check -----------------------------------------------------------------------


def test_copy_warning_names_both_reports_and_their_sections(setup: Setup) -> None:
    s = setup
    assert s.rnd.id is not None
    reports.save_report(s.store, s.catalog, s.hoa, {"thanh_tich": "Tôi tự viết. " + COPIED},
                        ACTOR)
    reports.save_report(s.store, s.catalog, s.lan, {"giai_phap": COPIED.upper()}, ACTOR)
    reports.save_report(s.store, s.catalog, s.phong,
                        {"thanh_tich": "Phòng Kinh tế hoàn thành kế hoạch thu ngân sách " * 8},
                        ACTOR)
    warnings = reports.copy_warnings(s.store, s.catalog, s.rnd.id)
    assert len(warnings) == 1
    w = warnings[0]
    assert {w.nomination_a, w.nomination_b} == {s.hoa, s.lan}
    assert {w.name_a, w.name_b} == {"Hoàng Thị Hoa", "Lê Thị Lan"}
    (p,) = w.passages
    assert p.words == len(COPIED.split())
    assert {p.section_a, p.section_b} == {"thanh_tich", "giai_phap"}
    assert w.other(s.hoa) == (s.lan, "Lê Thị Lan")
    line = w.describe(s.hoa)
    assert line.startswith(f"Trùng với báo cáo của Lê Thị Lan: mục 2 ↔ mục 3, "
                           f"{len(COPIED.split())} từ, bắt đầu “Trong năm qua, đồng chí")
    # The editor checks unsaved text: a draft that no longer copies clears the warning.
    assert reports.copy_warnings(s.store, s.catalog, s.rnd.id,
                                 draft={s.lan: {"giai_phap": "Viết lại bằng lời của mình."}}) == []


def test_one_persons_two_reports_may_tell_the_same_work(setup: Setup, today: date) -> None:
    """Hoa proposed for CSTĐCS and LĐTT in one round writes two reports of her own year: the
    same passage in both is not a copy of someone else's (LAW §6.4 is about other people)."""
    s = setup
    assert s.rnd.id is not None
    hoa_ldtt = _nominate(s.store, s.catalog, today, s.rnd, SubjectRef(SubjectKind.PERSON, 1),
                         "lao_dong_tien_tien")
    reports.save_report(s.store, s.catalog, s.hoa, {"thanh_tich": COPIED}, ACTOR)
    reports.save_report(s.store, s.catalog, hoa_ldtt, {"thanh_tich": COPIED}, ACTOR)
    assert reports.copy_warnings(s.store, s.catalog, s.rnd.id) == []
    reports.save_report(s.store, s.catalog, s.lan, {"thanh_tich": COPIED}, ACTOR)
    pairs = {frozenset((w.nomination_a, w.nomination_b))
             for w in reports.copy_warnings(s.store, s.catalog, s.rnd.id)}
    assert pairs == {frozenset((s.hoa, s.lan)), frozenset((hoa_ldtt, s.lan))}


def test_prefilled_lines_taken_unchanged_are_not_flagged(
        setup: Setup, store: Store, catalog: Catalog, today: date) -> None:
    # A 2025 round: the shared LĐTT decision of 2025 is in both reports' own prefill.
    rnd_2025, _c = rounds_ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2025,
                                           "Đợt 2025", ACTOR, today, deadline=date(2026, 12, 10))
    assert rnd_2025.id is not None
    ids = []
    for pid in (1, 2):
        nid = _nominate(store, catalog, today, rnd_2025, SubjectRef(SubjectKind.PERSON, pid),
                        "giay_khen")
        pre = reports.prefill(store, catalog, nid)
        reports.save_report(store, catalog, nid, {"thanh_tich": pre["thanh_tich"]}, ACTOR)
        ids.append(nid)
    texts = [reports.load_report(store, catalog, n).texts()["thanh_tich"] for n in ids]
    assert texts[0] == texts[1]
    assert reports.copy_warnings(store, catalog, rnd_2025.id, min_words=10) == []
    # ... but the same facts followed by a copied paragraph are reported.
    for nid, text in zip(ids, texts, strict=True):
        reports.save_report(store, catalog, nid, {"thanh_tich": text + "\n" + COPIED}, ACTOR)
    warnings = reports.copy_warnings(store, catalog, rnd_2025.id, min_words=10)
    assert len(warnings) == 1
    assert warnings[0].passages[0].words >= len(COPIED.split())


def test_no_warnings_for_a_round_of_original_reports(setup: Setup) -> None:
    s = setup
    assert s.rnd.id is not None
    reports.save_report(s.store, s.catalog, s.hoa, {"thanh_tich": COPIED}, ACTOR)
    reports.save_report(s.store, s.catalog, s.lan, {
        "thanh_tich": "Đồng chí Lan lập dự toán ngân sách đúng hạn, quyết toán năm 2025 không "
                      "có sai sót, được Phòng Tài chính huyện đánh giá cao về chất lượng báo "
                      "cáo, chủ động rà soát các khoản chi thường xuyên và tiết kiệm được "
                      "mười hai phần trăm so với dự toán được giao."}, ACTOR)
    assert reports.copy_warnings(s.store, s.catalog, s.rnd.id) == []
