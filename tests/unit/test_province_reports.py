"""Which achievement report a nominee needs is the province's ([reports] in forms/provinces,
issue 12): the catalog reads and checks it, the checklist, the report list, the appraisal and
the dossier follow it, the list's summary column carries the record, and short reports are
drafted in bulk where the province asks them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import (
    REPORT_REQUIREMENT_CODE,
    Catalog,
    CatalogError,
    Layer,
    ReportRequirement,
    load_catalog,
)
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import (
    Award,
    Gender,
    History,
    Initiative,
    Person,
    Rating,
    Scope,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import NominationStatus, RoundKind
from desktop.core.operations import appraisal as appraisal_ops
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations import dossier_lists, summary_drafts
from desktop.core.operations import reports as reports_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as round_repo
from tests.unit.eligibility_fakes import always_eligible

REPO = Path(__file__).resolve().parents[2]
ACTOR = "Cán bộ TĐKT"
TODAY = date(2026, 12, 1)
SUMMARY_PROVINCE = """code = "tinh_thu"
valid_from = 2024-01-01
extends = "default"
name = "Tỉnh Thử"
[reports]
lao_dong_tien_tien = "summary"
"""


def _layer(tmp_path: Path, body: str, name: str = "tinh_thu") -> Layer:
    folder = tmp_path / "pack" / "provinces"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.toml").write_text(body, encoding="utf-8")
    return Layer(tmp_path / "pack", "test:reports")


# ---- the catalog -------------------------------------------------------------------------------


def test_the_default_asks_no_ldtt_report_and_keeps_the_full_report_above_it(
        catalog: Catalog) -> None:
    national = catalog.province("default")
    assert national.report_requirement("lao_dong_tien_tien") is ReportRequirement.NONE
    assert national.report_requirement("tap_the_lao_dong_tien_tien") is ReportRequirement.FULL
    for code in ("chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh", "bang_khen_tinh"):
        assert national.report_requirement(code) is ReportRequirement.FULL
    # a province inherits the national default unless it says otherwise
    assert catalog.province("bac_ninh").report_requirement("lao_dong_tien_tien") \
        is ReportRequirement.NONE


def test_a_province_asks_a_summary_through_its_own_profile(tmp_path: Path) -> None:
    catalog = load_catalog(REPO / "forms", [_layer(tmp_path, SUMMARY_PROVINCE)], as_of=TODAY)
    assert catalog.province("tinh_thu").report_requirement("lao_dong_tien_tien") \
        is ReportRequirement.SUMMARY


@pytest.mark.parametrize(("line", "what"), [
    ('lao_dong_tien_tien = "short"', "must be one of"),
    ('chien_si_thi_dua_co_so = "none"', "the law fixes the report"),
    ('danh_hieu_khong_co = "full"', "unknown title codes"),
    ('lao_dong_tien_tien = 1', "must be one of"),
])
def test_a_bad_report_requirement_is_refused_with_its_code(tmp_path: Path, line: str,
                                                           what: str) -> None:
    body = SUMMARY_PROVINCE.replace('lao_dong_tien_tien = "summary"', line)
    with pytest.raises(CatalogError) as caught:
        load_catalog(REPO / "forms", [_layer(tmp_path, body)], as_of=TODAY)
    assert caught.value.code == REPORT_REQUIREMENT_CODE
    assert what in str(caught.value) and "tinh_thu" in str(caught.value)


# ---- a round ------------------------------------------------------------------------------------


@dataclass
class World:
    store: Store
    catalog: Catalog
    round_id: int
    lan: int      # LĐTT, civil servant, a sáng kiến and a past CSTĐCS
    mo: int       # LĐTT, farmer, no rating
    hoa: int      # CSTĐCS


def _world(store: Store, catalog: Catalog, province: str = "default") -> World:
    with store.write() as db:
        reg_repo.save_unit(db, Unit(
            name="Ủy ban nhân dân xã Tân Lập", kind=UnitKind.XA,
            superior_body="Ủy ban nhân dân tỉnh Phú Thọ", doc_code="UBND",
            place_name="Tân Lập", head_name="Nguyễn Văn Chủ", head_title="Chủ tịch",
            officer_name="", officer_title="", code="PT-TL01", province=province))
        lan = reg_repo.insert_person(db, Person(
            None, "Lê Thị Lan", birth_date=date(1990, 12, 1), gender=Gender.NU,
            position="Kế toán", department="Văn phòng - Thống kê"))
        mo = reg_repo.insert_person(db, Person(
            None, "Nguyễn Thị Mơ", birth_date=date(1975, 4, 2), gender=Gender.NU,
            group=SubjectGroup.CONG_NHAN_NONG_DAN, position="Nông dân",
            department="Thôn Đồng Chằm"))
        hoa = reg_repo.insert_person(db, Person(
            None, "Hoàng Thị Hoa", birth_date=date(1985, 3, 14), gender=Gender.NU,
            position="Công chức Văn phòng - Thống kê", department="Văn phòng - Thống kê"))
        reg_repo.add_history(db, SubjectRef(SubjectKind.PERSON, lan), History(
            years=(YearRecord(2026, Rating.HTT, solidarity=True, movement=True),),
            awards=(Award(2025, "chien_si_thi_dua_co_so", decision_no="88/QĐ-UBND",
                          decision_date=date(2025, 12, 20)),),
            initiatives=(Initiative(2026, "Sổ theo dõi thu chi điện tử", Scope.CO_SO,
                                    decision_no="45/QĐ-HĐSK", decision_date=date(2026, 10, 2),
                                    recognised_by="Hội đồng sáng kiến xã"),)))
        reg_repo.add_history(db, SubjectRef(SubjectKind.PERSON, mo), History(
            years=(YearRecord(2026, exemplary=True, solidarity=True, movement=True),)))
        reg_repo.add_history(db, SubjectRef(SubjectKind.PERSON, hoa), History(
            years=(YearRecord(2026, Rating.HTXS),)))
    rnd, _c = rounds_ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2026,
                                      "Xét khen thưởng năm 2026", ACTOR, TODAY)
    assert rnd.id is not None
    ids = []
    for pid, target in ((lan, "lao_dong_tien_tien"), (mo, "lao_dong_tien_tien"),
                        (hoa, "chien_si_thi_dua_co_so")):
        nom, _c = rounds_ops.add_nomination(store, catalog, rnd.id,
                                            SubjectRef(SubjectKind.PERSON, pid), target, "",
                                            ACTOR, TODAY, evaluate=always_eligible)
        assert nom.id is not None
        ids.append(nom.id)
    return World(store, catalog, rnd.id, *ids)


@pytest.fixture
def summary_catalog(tmp_path: Path) -> Catalog:
    return load_catalog(REPO / "forms", [_layer(tmp_path, SUMMARY_PROVINCE)], as_of=TODAY)


def _parts(w: World, nid: int) -> list[str]:
    return [i.part for i in rounds_ops.checklist(w.store, w.catalog, nid).items]


def _write_hoa(w: World) -> None:
    with w.store.write() as db:
        doc_repo.save_report_sections(db, w.hoa, {
            "chuc_trach": "Phụ trách văn phòng.", "thanh_tich": "Giải quyết 157 hồ sơ.",
            "giai_phap": "Sổ theo dõi điện tử.", "chap_hanh": "Không vi phạm kỷ luật."})


def test_no_report_asked_no_report_part_no_refusal(store: Store, catalog: Catalog) -> None:
    w = _world(store, catalog)
    assert "bao_cao_thanh_tich" not in _parts(w, w.lan)
    assert "bao_cao_thanh_tich" in _parts(w, w.hoa)          # CSTĐCS keeps Mẫu 05
    owed = reports_ops.round_reports(store, catalog, w.round_id)
    assert [r.nomination_id for r in owed] == [w.hoa]
    with pytest.raises(UserError) as caught:
        reports_ops.load_report(store, catalog, w.lan)
    assert caught.value.code == "report.not_needed"
    # only the CSTĐCS report stops the real dossier …
    with pytest.raises(ValidationError) as refused:
        dossier_ops.gather(store, catalog, w.round_id, TODAY)
    assert {p.field.split(":")[1] for p in refused.value.problems} == {str(w.hoa)}
    found = appraisal_ops.appraise_round(store, catalog, w.round_id, TODAY)
    assert {f.nomination_id for f in found.findings if f.code == "appraisal.report_missing"} \
        == {w.hoa}
    # … and once it is written, the LĐTT nominees print without any report
    _write_hoa(w)
    docs = dossier_ops.build_documents(store, catalog, w.round_id, TODAY)
    reports = [d for d in docs if d.kind.startswith("bao_cao")]
    assert [d.kind for d in reports] == ["bao_cao_ca_nhan"]


def test_a_summary_province_asks_the_short_report_everywhere(
        store: Store, summary_catalog: Catalog) -> None:
    w = _world(store, summary_catalog, province="tinh_thu")
    assert "bao_cao_tom_tat" in _parts(w, w.lan) and "bao_cao_thanh_tich" not in _parts(w, w.lan)
    kinds = {r.nomination_id: r.kind.code
             for r in reports_ops.round_reports(store, summary_catalog, w.round_id)}
    assert kinds == {w.lan: "bao_cao_tom_tat", w.mo: "bao_cao_tom_tat",
                     w.hoa: "bao_cao_ca_nhan"}
    _write_hoa(w)
    with pytest.raises(ValidationError) as refused:
        dossier_ops.gather(store, summary_catalog, w.round_id, TODAY)
    assert set(refused.value.codes) == {"dossier.report_missing"}
    assert {p.field.split(":")[1] for p in refused.value.problems} == {str(w.lan), str(w.mo)}


# ---- bulk short reports ------------------------------------------------------------------------


def test_short_reports_are_drafted_from_facts_applied_at_once_and_undone(
        store: Store, summary_catalog: Catalog) -> None:
    w = _world(store, summary_catalog, province="tinh_thu")
    _write_hoa(w)
    plan = summary_drafts.plan_summary_drafts(store, summary_catalog, w.round_id, TODAY)
    texts = {d.nomination_id: d.text for d in plan.drafts}
    assert set(texts) == {w.lan, w.mo} and plan.kept == ()
    lan = texts[w.lan]
    assert lan.startswith("Năm 2026, đồng chí Lê Thị Lan được đánh giá, xếp loại ở mức "
                          "“Hoàn thành tốt nhiệm vụ”.")
    assert "có tinh thần tự lực, tự cường, đoàn kết, tương trợ; tích cực tham gia" in lan
    assert "gương mẫu" not in lan                        # not confirmed for her
    assert ("Đồng chí có sáng kiến “Sổ theo dõi thu chi điện tử”, được công nhận tại Quyết "
            "định số 45/QĐ-HĐSK ngày 02/10/2026 của Hội đồng sáng kiến xã, phạm vi ảnh hưởng "
            "cấp cơ sở.") in lan
    assert "đã được tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025." in lan
    assert "Trong năm 2026, đồng chí không bị xử lý kỷ luật." in lan
    assert lan.endswith("Đơn vị đề nghị tặng danh hiệu “Lao động tiên tiến” năm 2026 cho "
                        "đồng chí Lê Thị Lan.")
    mo = texts[w.mo]                                     # a farmer: no rating, "bà"
    assert mo.startswith("Năm 2026, bà Nguyễn Thị Mơ gương mẫu chấp hành chủ trương, đường "
                         "lối của Đảng, chính sách, pháp luật của Nhà nước; có tinh thần")
    assert "xếp loại" not in mo and "Trong năm 2026, bà không bị xử lý kỷ luật." in mo

    done, changes = summary_drafts.apply_summary_drafts(
        store, summary_catalog, w.round_id, TODAY, [w.lan, w.mo], ACTOR)
    assert set(done) == {w.lan, w.mo} and changes.nominations == {w.lan, w.mo}
    owed = {r.nomination_id: r for r in reports_ops.round_reports(store, summary_catalog,
                                                                  w.round_id)}
    assert owed[w.lan].drafted and owed[w.mo].drafted and not owed[w.hoa].drafted
    assert owed[w.lan].texts()["tom_tat"] == lan
    # the template sentences shared by two drafts are not "copying"
    assert reports_ops.copy_warnings(store, summary_catalog, w.round_id) == []
    # the dossier now prints, with a short report per LĐTT nominee
    docs = dossier_ops.build_documents(store, summary_catalog, w.round_id, TODAY)
    assert sorted(d.kind for d in docs if d.kind.startswith("bao_cao")) == [
        "bao_cao_ca_nhan", "bao_cao_tom_tat", "bao_cao_tom_tat"]
    short = next(d for d in docs if d.kind == "bao_cao_tom_tat")
    assert "Đề nghị tặng danh hiệu “Lao động tiên tiến”" in repr(short.blocks)
    # a second run has nothing left to draft
    again = summary_drafts.plan_summary_drafts(store, summary_catalog, w.round_id, TODAY)
    assert again.drafts == () and set(again.kept) == {"Lê Thị Lan", "Nguyễn Thị Mơ"}
    with pytest.raises(UserError) as stale:
        summary_drafts.apply_summary_drafts(store, summary_catalog, w.round_id, TODAY,
                                            [w.lan], ACTOR)
    assert stale.value.code == "summary_drafts.changed"

    # the officer reads and saves one in the editor: no longer a draft, and the batch
    # can no longer be undone whole
    reports_ops.save_report(store, summary_catalog, w.mo, {"tom_tat": mo}, ACTOR)
    assert not reports_ops.load_report(store, summary_catalog, w.mo).drafted
    with pytest.raises(UserError) as edited:
        summary_drafts.undo_summary_drafts(store, w.round_id, [w.lan, w.mo], ACTOR)
    assert edited.value.code == "summary_drafts.undo_changed"
    assert doc_repo.get_report_sections(store.db, w.lan)     # nothing undone
    summary_drafts.undo_summary_drafts(store, w.round_id, [w.lan], ACTOR)
    assert doc_repo.get_report_sections(store.db, w.lan) == {}


def test_nothing_to_draft_is_refused_with_its_code(store: Store,
                                                   summary_catalog: Catalog) -> None:
    w = _world(store, summary_catalog, province="tinh_thu")
    with pytest.raises(UserError) as caught:
        summary_drafts.apply_summary_drafts(store, summary_catalog, w.round_id, TODAY, [],
                                            ACTOR)
    assert caught.value.code == "summary_drafts.nothing"


# ---- the list's summary column -----------------------------------------------------------------


def _list_rows(store: Store, catalog: Catalog, round_id: int) -> dict[str, str]:
    """Name → the list's "Tóm tắt thành tích, căn cứ" cell, from the built danh sách."""
    docs = dossier_ops.build_documents(store, catalog, round_id, TODAY)
    lists = [d for d in docs if d.kind.startswith("danh_sach")]
    assert lists
    rows: dict[str, str] = {}
    for doc in lists:
        table = next(b for b in doc.blocks if type(b).__name__ == "Table")
        for row in table.rows:                          # type: ignore[attr-defined]
            if len(row) == 8:
                rows[str(row[1])] = str(row[6])
    return rows


def test_the_list_column_speaks_of_the_facts_and_takes_the_officers_words(
        store: Store, catalog: Catalog) -> None:
    w = _world(store, catalog)
    _write_hoa(w)
    rows = _list_rows(store, catalog, w.round_id)
    assert rows["Lê Thị Lan"] == (
        "Hoàn thành tốt nhiệm vụ năm 2026; Sáng kiến “Sổ theo dõi thu chi điện tử”, công nhận "
        "tại Quyết định số 45/QĐ-HĐSK ngày 02/10/2026 của Hội đồng sáng kiến xã, phạm vi ảnh "
        "hưởng cấp cơ sở; Chiến sĩ thi đua cơ sở năm 2025")
    assert rows["Hoàng Thị Hoa"].startswith("Hoàn thành xuất sắc nhiệm vụ năm 2026")
    # a farmer has no rating: the qualities the officer confirmed are her record
    assert rows["Nguyễn Thị Mơ"] == (
        "Năm 2026: gương mẫu chấp hành chủ trương, chính sách, pháp luật, đoàn kết, tương trợ, "
        "tích cực tham gia phong trào thi đua")

    lines = {line.nomination_id: line
             for line in dossier_lists.list_lines(store, catalog, w.round_id, TODAY)}
    assert lines[w.lan].automatic == rows["Lê Thị Lan"] and lines[w.lan].own == ""
    own = "Hoàn thành tốt nhiệm vụ năm 2026; tham mưu số hóa toàn bộ chứng từ kế toán"
    dossier_lists.set_list_summaries(store, w.round_id, {w.lan: own}, ACTOR)
    assert _list_rows(store, catalog, w.round_id)["Lê Thị Lan"] == own
    dossier_lists.set_list_summaries(store, w.round_id, {w.lan: "  "}, ACTOR)   # given back
    assert _list_rows(store, catalog, w.round_id)["Lê Thị Lan"] == rows["Lê Thị Lan"]


def test_list_lines_are_refused_too_long_or_once_sent(store: Store, catalog: Catalog) -> None:
    w = _world(store, catalog)
    with store.write() as db:
        round_repo.set_nomination_status(db, w.mo, NominationStatus.EXPORTED)
    with pytest.raises(ValidationError) as caught:
        dossier_lists.set_list_summaries(store, w.round_id, {
            w.lan: "x" * (dossier_lists.MAX_CHARS + 1), w.mo: "Gương mẫu", 9999: "?"}, ACTOR)
    assert sorted(caught.value.codes) == ["list_summary.locked", "list_summary.too_long",
                                          "list_summary.unknown"]
    assert round_repo.get_nomination(store.db, w.lan).list_summary == ""  # type: ignore[union-attr]


def test_the_list_column_is_in_the_written_docx_and_pdf(store: Store, catalog: Catalog,
                                                        tmp_path: Path) -> None:
    import docx
    from pypdf import PdfReader

    w = _world(store, catalog)
    _write_hoa(w)
    paths = dossier_ops.write_dossier(store, catalog, w.round_id, tmp_path / "out", TODAY,
                                      fonts_dir=REPO / "resources" / "fonts", workers=1)
    lists = [p for p in paths if "danh_sach" in p.name]
    docx_text = "\n".join(cell.text for p in lists if p.suffix == ".docx"
                          for table in docx.Document(str(p)).tables
                          for row in table.rows for cell in row.cells)
    pdf_text = " ".join(" ".join(page.extract_text().split())
                        for p in lists if p.suffix == ".pdf" for page in PdfReader(p).pages)
    for text in (docx_text, pdf_text):
        assert "Hoàn thành tốt nhiệm vụ năm 2026" in text
        assert "45/QĐ-HĐSK" in text and "Chiến sĩ thi đua cơ sở năm 2025" in " ".join(
            text.split())
    # only the CSTĐCS nominee's Mẫu 05: the LĐTT nominees have no report of their own
    assert [p.name for p in paths if "bao_cao" in p.name and p.suffix == ".pdf"] == [
        f"05_bao_cao_ca_nhan_{w.hoa:03d}.pdf"]
