"""operations.dossier and store.documents: gathering a round, numbering, refusing incomplete
input, writing the DOCX and PDF dossier (issue 5)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model import Award as HistAward
from desktop.core.model import Gender, History, Person, SubjectKind, SubjectRef, Unit, UnitKind
from desktop.core.model.rounds import CouncilMeeting, RoundKind, VoteEntry, VoteMethod
from desktop.core.operations import dossier as ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo
from tests.unit.eligibility_fakes import always_eligible

ACTOR = "Cán bộ TĐKT"
TODAY = date(2026, 2, 5)
FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
UNIT = Unit(name="Ủy ban nhân dân xã Thanh Sơn", kind=UnitKind.XA,
            superior_body="Ủy ban nhân dân tỉnh Phú Thọ", doc_code="UBND",
            place_name="Thanh Sơn", head_name="Hà Văn Thắng", head_title="Chủ tịch",
            officer_name="", officer_title="", code="PT-TS01")
SECTIONS = {"chuc_trach": "Phụ trách văn hóa - xã hội.", "thanh_tich": "Giải quyết 157 hồ sơ.",
            "giai_phap": "Sổ theo dõi điện tử.", "chap_hanh": "Không vi phạm kỷ luật."}


eligible = always_eligible


@dataclass
class Round:
    store: Store
    catalog: Catalog
    round_id: int
    nominations: dict[str, int]


def make_round(store: Store, catalog: Catalog, names: tuple[str, ...] = ("Hoàng Thị Hoa",
                                                                         "Đặng Văn Nam"),
               target: str = "chien_si_thi_dua_co_so", unit: Unit = UNIT) -> Round:
    with store.write() as db:
        reg_repo.save_unit(db, unit)
        ids = {}
        for i, name in enumerate(names):
            ids[name] = reg_repo.insert_person(db, Person(
                None, name, birth_date=date(1985 + i, 3, 14), gender=Gender.NU,
                ethnicity="Tày", position="Công chức", department="Văn phòng - Thống kê"))
    rnd, _c = rounds_ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2025,
                                      "Xét khen thưởng tổng kết năm 2025", ACTOR,
                                      date(2025, 12, 1), receiving_body="Sở Nội vụ tỉnh Phú Thọ")
    assert rnd.id is not None
    noms = {}
    for name, pid in ids.items():
        nom, _c = rounds_ops.add_nomination(store, catalog, rnd.id,
                                            SubjectRef(SubjectKind.PERSON, pid), target, "",
                                            ACTOR, date(2025, 12, 1), evaluate=eligible)
        assert nom.id is not None
        noms[name] = nom.id
    return Round(store, catalog, rnd.id, noms)


def nominate_more(r: Round, name: str, target: str) -> Round:
    """One more person in the round, for `target` (e.g. a title decided above the commune)."""
    with r.store.write() as db:
        pid = reg_repo.insert_person(db, Person(
            None, name, birth_date=date(1980, 5, 2), gender=Gender.NU, ethnicity="Mường",
            position="Công chức", department="Văn phòng - Thống kê"))
    nom, _c = rounds_ops.add_nomination(r.store, r.catalog, r.round_id,
                                        SubjectRef(SubjectKind.PERSON, pid), target, "",
                                        ACTOR, date(2025, 12, 1), evaluate=eligible)
    assert nom.id is not None
    r.nominations[name] = nom.id
    return r


def with_reports(r: Round) -> Round:
    with r.store.write() as db:
        for nid in r.nominations.values():
            doc_repo.save_report_sections(db, nid, SECTIONS)
    return r


def with_council(r: Round, votes: dict[str, int],
                 hands: dict[str, int] | None = None) -> Round:
    entries = [VoteEntry(r.nominations[name], VoteMethod.BALLOT, v, 12, 12)
               for name, v in votes.items()]
    entries += [VoteEntry(r.nominations[name], VoteMethod.HANDS, v)
                for name, v in (hands or {}).items()]
    rounds_ops.save_meeting(r.store, r.catalog, CouncilMeeting(
        round_id=r.round_id, held_on=date(2026, 2, 3), place="Hội trường UBND xã",
        chair="Hà Văn Thắng", secretary="Nguyễn Thị Thu Hà", members_total=12, present=11,
        absent_with_written_opinion=1), entries, ACTOR, TODAY)
    return r


# ---- store.documents --------------------------------------------------------------------------


def test_report_sections_round_trip_nfc(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog)
    nid = r.nominations["Hoàng Thị Hoa"]
    nfd = unicodedata.normalize("NFD", "Hoàn thành  107% chỉ tiêu.\n\n  Giải quyết 157 hồ sơ. ")
    with store.write() as db:
        doc_repo.save_report_sections(db, nid, {"thanh_tich": nfd, "giai_phap": "   "})
    got = doc_repo.get_report_sections(store.db, nid)
    assert got == {"thanh_tich": "Hoàn thành 107% chỉ tiêu.\nGiải quyết 157 hồ sơ."}
    assert unicodedata.is_normalized("NFC", got["thanh_tich"])
    assert doc_repo.reports_of_round(store.db, r.round_id) == {nid: got}
    assert doc_repo.get_report_sections(store.db, r.nominations["Đặng Văn Nam"]) == {}


def test_numbers_reused_per_document_and_yearly(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog)
    with store.write() as db:
        first = doc_repo.issue_number(db, r.round_id, "to_trinh", "TTr", 2026, TODAY)
        again = doc_repo.issue_number(db, r.round_id, "to_trinh", "TTr", 2026, TODAY)
        other = doc_repo.issue_number(db, r.round_id, "x", "TTr", 2026, TODAY)
        bb = doc_repo.issue_number(db, r.round_id, "bien_ban_hop", "BB", 2026, TODAY)
        next_year = doc_repo.issue_number(db, r.round_id, "y", "TTr", 2027, date(2027, 1, 2))
    assert (first, again, other, bb, next_year) == (1, 1, 2, 1, 1)


def test_dossier_id_made_once(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog)
    with store.write() as db:
        one = doc_repo.dossier_id(db, r.round_id)
        two = doc_repo.dossier_id(db, r.round_id)
    assert one == two
    assert one.startswith("HS2025-") and len(one) == 13 and one[7:] == one[7:].upper()
    int(one[7:], 16)


# ---- refusals ---------------------------------------------------------------------------------


def test_unit_missing_fields_refused_with_the_whole_list(store: Store, catalog: Catalog) -> None:
    bare = replace(UNIT, head_name="", head_title="", code="", place_name="")
    r = make_round(store, catalog, unit=bare)
    with pytest.raises(ValidationError) as err:
        ops.gather(store, catalog, r.round_id, TODAY)
    assert [p.field for p in err.value.problems] == ["head_name", "head_title", "code",
                                                     "place_name"]
    assert "người đứng đầu" in str(err.value) and "Mã đơn vị" in str(err.value)
    assert store.db.execute("SELECT count(*) FROM document_numbers").fetchone()[0] == 0
    assert len(ops.check_unit_for_documents(None)) == 6
    assert ops.check_unit_for_documents(UNIT) == []
    assert [p.field for p in ops.check_unit_for_documents(replace(UNIT, doc_code=" "))] == [
        "doc_code"]


def test_empty_round_refused(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog, names=())
    with pytest.raises(UserError, match="chưa có ai được đề nghị"):
        ops.build_documents(store, catalog, r.round_id, TODAY)


def test_unwritten_reports_listed_all_at_once(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog)
    with store.write() as db:
        doc_repo.save_report_sections(db, r.nominations["Hoàng Thị Hoa"],
                                      {k: v for k, v in SECTIONS.items() if k != "giai_phap"})
    with pytest.raises(ValidationError) as err:
        ops.gather(store, catalog, r.round_id, TODAY)
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 1 + 4      # Hoa lacks one section, Nam all four
    assert any("Hoàng Thị Hoa" in m and "Giải pháp" in m for m in messages)
    assert store.db.execute("SELECT count(*) FROM document_numbers").fetchone()[0] == 0


# ---- gather and build ---------------------------------------------------------------------------


def test_gather_history_votes_and_numbers(store: Store, catalog: Catalog) -> None:
    r = with_council(with_reports(make_round(store, catalog)),
                     {"Hoàng Thị Hoa": 11, "Đặng Văn Nam": 9})
    hoa = SubjectRef(SubjectKind.PERSON, 1)
    with store.write() as db:
        reg_repo.add_history(db, hoa, History(awards=(
            HistAward(2024, "lao_dong_tien_tien", decision_no="414/QĐ-UBND",
                      decision_date=date(2024, 12, 18), issuer="Chủ tịch UBND xã Thanh Sơn"),
            HistAward(2023, "giay_khen", decision_no="12/QĐ-UBND",
                      decision_date=date(2023, 12, 20), issuer="Chủ tịch UBND xã Thanh Sơn"))))
    data = ops.gather(store, catalog, r.round_id, TODAY)
    by_name = {n.subject.name: n for n in data.nominations}
    hoa_data = by_name["Hoàng Thị Hoa"]
    assert [(a.year, a.decision_no) for a in hoa_data.titles_received] == [(2024, "414/QĐ-UBND")]
    assert [a.name for a in hoa_data.forms_received] == ["Giấy khen"]
    assert hoa_data.vote is not None and hoa_data.vote.passed
    assert by_name["Đặng Văn Nam"].vote is not None and not by_name["Đặng Văn Nam"].vote.passed
    # CSTĐCS only: the chairman decides (LAW §5.2 B), so no tờ trình to the province
    assert dict(data.numbers) == {"to_trinh_noi_bo": 1, "bien_ban_hop": 1,
                                  "bien_ban_kiem_phieu": 2,
                                  "quyet_dinh/chien_si_thi_dua_co_so": 1}
    again = ops.gather(store, catalog, r.round_id, TODAY)
    assert again.numbers == data.numbers and again.dossier_id == data.dossier_id

    docs = ops.documents_of(catalog, data)
    assert [d.kind for d in docs] == ["to_trinh_noi_bo", "danh_sach_noi_bo", "quyet_dinh",
                                      "chung_nhan_cstdcs", "bien_ban_hop",
                                      "bien_ban_kiem_phieu", "bao_cao_ca_nhan"]
    assert docs[0].metadata["number"] == "01/TTr-HĐTĐKT"
    assert {d.dossier_id for d in docs} == {data.dossier_id}
    assert ops.for_province(docs) == [d for d in docs if d.kind.startswith("bien_ban")]


def test_a_round_with_both_kinds_has_two_to_trinh(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog)                                   # CSTĐCS: the chairman
    nominate_more(r, "Lê Thị Thu Hằng", "bang_khen_tinh")             # the province
    nominate_more(r, "Phạm Minh Tuấn", "chien_si_thi_dua_tinh")      # the province
    with_council(with_reports(r), {"Hoàng Thị Hoa": 11, "Đặng Văn Nam": 10,
                                   "Phạm Minh Tuấn": 11}, hands={"Lê Thị Thu Hằng": 10})
    data = ops.gather(store, catalog, r.round_id, TODAY)
    assert [n.subject.name for n in data.decided_here] == ["Hoàng Thị Hoa", "Đặng Văn Nam"]
    assert {n.subject.name for n in data.sent_up} == {"Lê Thị Thu Hằng", "Phạm Minh Tuấn"}
    # the council issues under its own name and keeps its own sequence (Decree 30 Art 15)
    assert (data.numbers["to_trinh_noi_bo"], data.numbers["to_trinh"]) == (1, 1)
    docs = ops.documents_of(catalog, data)
    kinds = [d.kind for d in docs]
    assert kinds[:6] == ["to_trinh_noi_bo", "danh_sach_noi_bo", "quyet_dinh",
                         "chung_nhan_cstdcs", "to_trinh", "danh_sach"]
    assert kinds[6:8] == ["bien_ban_hop", "bien_ban_kiem_phieu"]
    by_kind = {d.kind: d for d in docs}
    internal, upward = by_kind["to_trinh_noi_bo"], by_kind["to_trinh"]
    assert internal.metadata["number"] == "01/TTr-HĐTĐKT"
    assert upward.metadata["number"] == "01/TTr-UBND"
    assert upward.reserve_package_box and not internal.reserve_package_box

    def addressee(doc: Any) -> tuple[str, ...]:
        return next(b.recipients for b in doc.blocks if type(b).__name__ == "Addressee")

    def signer(doc: Any) -> tuple[str, str, str]:
        sig = next(b for b in doc.blocks if type(b).__name__ == "SignatureBlock").signers[0]
        return (sig.authority, sig.title, sig.name)

    assert addressee(internal) == ("Chủ tịch Ủy ban nhân dân xã Thanh Sơn",)
    assert addressee(upward) == ("Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ",
                                 "Sở Nội vụ tỉnh Phú Thọ")
    assert signer(internal) == ("TM. HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG", "Hà Văn Thắng")
    assert signer(upward) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Văn Thắng")
    assert by_kind["danh_sach_noi_bo"].metadata["total"] == "Tổng cộng: 02 cá nhân"
    assert by_kind["danh_sach"].metadata["total"] == "Tổng cộng: 02 cá nhân"
    # the quyết định answers the council's proposal, not the tờ trình to the province
    qd = "\n".join("".join(getattr(c, "text", c) for c in b.content)
                   for b in by_kind["quyet_dinh"].blocks if type(b).__name__ == "Paragraph")
    assert "Tờ trình số 01/TTr-HĐTĐKT" in qd and "02/TTr-UBND" not in qd
    # what goes up: the tờ trình and its list, the biên bản, the province nominees' reports
    up = ops.for_province(docs)
    assert [d.kind for d in up][:4] == ["to_trinh", "danh_sach", "bien_ban_hop",
                                        "bien_ban_kiem_phieu"]
    reports = [d for d in up if d.kind.startswith("bao_cao")]
    home_reports = [d for d in docs if d.kind.startswith("bao_cao") and d not in up]
    assert len(reports) == 2 and len(home_reports) == 2
    assert not {"to_trinh_noi_bo", "danh_sach_noi_bo", "quyet_dinh",
                "chung_nhan_cstdcs"} & {d.kind for d in up}
    stems = [d.name for d in docs]
    assert len(set(stems)) == len(stems) and all(s.isascii() for s in stems)


def test_nfd_input_is_normalised(store: Store, catalog: Catalog) -> None:
    nfd_name = unicodedata.normalize("NFD", "Hoàng Thị Hoa")
    r = with_reports(make_round(store, catalog, names=(nfd_name,)))
    data = ops.gather(store, catalog, r.round_id, TODAY)
    assert data.nominations[0].subject.name == "Hoàng Thị Hoa"
    for doc in ops.documents_of(catalog, data):
        assert doc.title == unicodedata.normalize("NFC", doc.title)


def test_registration_and_posting_lists(store: Store, catalog: Catalog) -> None:
    r = make_round(store, catalog)
    rounds_ops.register(store, catalog, 2025, SubjectRef(SubjectKind.PERSON, 1),
                        "lao_dong_tien_tien", ACTOR, date(2025, 1, 10))
    reg = ops.build_registration_list(store, catalog, 2025, TODAY)
    assert reg.kind == "danh_sach_dang_ky"
    assert reg.metadata["total"] == "Tổng cộng: 01 cá nhân"
    with pytest.raises(UserError, match="2024"):
        ops.build_registration_list(store, catalog, 2024, TODAY)
    posting = ops.build_posting_list(store, catalog, r.round_id, TODAY)
    table = next(b for b in posting.blocks if type(b).__name__ == "Table")
    assert [c.header for c in table.columns] == ["STT", "Họ và tên (tên tập thể)", "Đơn vị",
                                                 "Danh hiệu, hình thức đề nghị"]
    assert all(len(row) == 4 for row in table.rows)
    assert "1985" not in str(table.rows)     # no birth year on a public list


# ---- writing the files --------------------------------------------------------------------------


def test_write_dossier_docx_and_pdf(store: Store, catalog: Catalog, tmp_path: Path) -> None:
    r = with_council(with_reports(make_round(store, catalog)),
                     {"Hoàng Thị Hoa": 11, "Đặng Văn Nam": 10})
    seen: list[tuple[int, int]] = []
    paths = ops.write_dossier(store, catalog, r.round_id, tmp_path / "out", TODAY,
                              progress=lambda done, total, what: seen.append((done, total)),
                              fonts_dir=FONTS)
    dossier_id = doc_repo.get_dossier_id(store.db, r.round_id)
    assert dossier_id and all(p.parent == tmp_path / "out" / dossier_id for p in paths)
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)
    assert [p.name for p in paths[:2]] == ["noi_bo_01_to_trinh.docx", "noi_bo_01_to_trinh.pdf"]
    assert not any(p.name.startswith("01_to_trinh") for p in paths)   # nothing for the province
    assert seen[-1][0] == seen[-1][1] == len(paths) // 2
    assert [p.name for p in (tmp_path / "out").iterdir()] == [dossier_id]   # no temp left

    text = "\n".join(p.text for p in docx.Document(str(paths[0])).paragraphs)
    assert "Về việc đề nghị tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã Thanh Sơn" in text
    assert "Số: 01/TTr-HĐTĐKT" in "\n".join(
        c.text for t in docx.Document(str(paths[0])).tables for row in t.rows for c in row.cells)
    pdf = "\n".join(page.extract_text() for page in PdfReader(str(paths[1])).pages)
    pdf = unicodedata.normalize("NFC", pdf)
    assert "TỜ TRÌNH" in pdf and "Thanh Sơn, ngày 05 tháng 02 năm 2026" in pdf
    assert "02 cá nhân" in " ".join(pdf.split())     # a line may end between "cá" and "nhân"

    # Writing again replaces the folder and keeps the numbers.
    again = ops.write_dossier(store, catalog, r.round_id, tmp_path / "out", TODAY,
                              fonts_dir=FONTS)
    assert [p.name for p in again] == [p.name for p in paths]
    assert store.db.execute("SELECT max(number) FROM document_numbers WHERE doc_type = 'TTr'"
                            ).fetchone()[0] == 1


def test_writing_again_renders_only_what_changed(store: Store, catalog: Catalog,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The profile's render cache: unchanged documents are copied, not rendered again."""
    from desktop.core.documents import render

    r = with_council(with_reports(make_round(store, catalog)),
                     {"Hoàng Thị Hoa": 11, "Đặng Văn Nam": 10})
    first = ops.write_dossier(store, catalog, r.round_id, tmp_path / "a", TODAY,
                              fonts_dir=FONTS)
    pdfs = {p.name: p.read_bytes() for p in first if p.suffix == ".pdf"}
    rendered: list[str] = []
    real = render.render_pdf

    def counting(doc: object, *args: object, **kwargs: object) -> int:
        rendered.append(doc.name)  # type: ignore[attr-defined]
        return real(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_pdf", counting)
    again = ops.write_dossier(store, catalog, r.round_id, tmp_path / "b", TODAY,
                              fonts_dir=FONTS)
    assert rendered == []
    assert {p.name: p.read_bytes() for p in again if p.suffix == ".pdf"} == pdfs
    assert (store.path.parent / "cache" / "documents").is_dir()


def test_demo_out_writes_the_dossier_and_lists_it(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from desktop.cli import main

    code = main(["demo", "--data-dir", str(tmp_path / "data"), "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    documents = [Path(p) for p in line["documents"]]
    assert documents and all(p.exists() for p in documents)
    names = [p.name for p in documents]
    # the demo round has both: the chairman's own titles and CSTĐ cấp tỉnh for the province
    assert names[:4] == ["noi_bo_01_to_trinh.docx", "noi_bo_01_to_trinh.pdf",
                         "noi_bo_02_danh_sach.docx", "noi_bo_02_danh_sach.pdf"]
    assert {"01_to_trinh.docx", "01_to_trinh.pdf", "02_danh_sach.docx",
            "02_danh_sach.pdf"} <= set(names)
    assert names.index("noi_bo_02_danh_sach.pdf") < names.index("01_to_trinh.docx")
    assert any(n.startswith("noi_bo_03_quyet_dinh_") for n in names)
    assert any(n.startswith("05_bao_cao_ca_nhan_") for n in names)
    assert any(n.startswith("03_bien_ban_hop") for n in names)
    assert len(set(names)) == len(names) and all(n.isascii() for n in names)
    folder = documents[0].parent
    assert folder.parent == (tmp_path / "out").resolve() and folder.name.startswith("HS")
    text = "\n".join(p.text for p in docx.Document(str(documents[0])).paragraphs)
    assert "TỜ TRÌNH" in text and "Kính gửi: Chủ tịch Ủy ban nhân dân xã Thanh Sơn" in text
    upward = documents[names.index("01_to_trinh.docx")]
    text = "\n".join(p.text for p in docx.Document(str(upward)).paragraphs)
    assert "Chiến sĩ thi đua cấp tỉnh" in text and "Lao động tiên tiến" not in text
