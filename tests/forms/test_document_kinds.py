"""Every forms/documents/<kind>.toml loads, has the keys the builders need, and the report
sections are the ones the report editor knows (issue 5)."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.catalog.documents import (
    DocumentKindError,
    load_document_kinds,
    load_kind,
    report_kind_for,
)

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "forms" / "documents"
KIND_FILES = sorted(p for p in FOLDER.glob("*.toml") if p.stem != "format")

EXPECTED_KINDS = {
    "to_trinh", "danh_sach", "bien_ban_hop", "bien_ban_kiem_phieu", "bao_cao_ca_nhan",
    "bao_cao_tap_the", "bao_cao_dot_xuat", "bao_cao_phong_trao", "bao_cao_tom_tat",
    "quyet_dinh", "giay_khen_cert", "chung_nhan_cstdcs", "danh_sach_dang_ky",
    "danh_sach_cong_khai", "to_trinh_noi_bo", "danh_sach_noi_bo",
}
SECTIONS = {
    "bao_cao_ca_nhan": ["chuc_trach", "thanh_tich", "giai_phap", "chap_hanh"],
    "bao_cao_tap_the": ["dac_diem", "chuc_nang", "thanh_tich", "bien_phap", "chap_hanh"],
    "bao_cao_dot_xuat": ["hoan_canh", "hanh_dong", "ket_qua"],
    "bao_cao_phong_trao": ["thanh_tich", "giai_phap"],
    "bao_cao_tom_tat": ["tom_tat"],
}
REQUIRED = ("code", "name", "doc_type", "order", "file_stem", "role", "per")


def test_every_expected_kind_has_a_file(catalog: Catalog) -> None:
    assert {p.stem for p in KIND_FILES} == EXPECTED_KINDS
    assert set(catalog.documents) == EXPECTED_KINDS


@pytest.mark.parametrize("path", KIND_FILES, ids=lambda p: p.stem)
def test_required_keys_and_nfc(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert raw == unicodedata.normalize("NFC", raw), f"{path.name} is not NFC"
    data = tomllib.loads(raw)
    for key in REQUIRED:
        assert key in data, f"{path.name}: '{key}' missing"
    kind = load_kind(path)
    assert kind.file_stem.isascii()
    assert kind.texts, f"{path.name}: [texts] is empty"


@pytest.mark.parametrize("code", sorted(SECTIONS))
def test_report_sections(catalog: Catalog, code: str) -> None:
    kind = catalog.documents[code]
    assert kind.role == "report"
    assert [s.code for s in kind.sections] == SECTIONS[code]
    for s in kind.sections:
        assert s.heading and s.prompt.endswith(("?", ".")) and 0 < s.min_chars < s.max_chars


def test_numbered_kinds_use_decree_30_codes(catalog: Catalog) -> None:
    numbered = {k.code: k.doc_type for k in catalog.documents.values() if k.doc_type}
    assert numbered == {"to_trinh": "TTr", "to_trinh_noi_bo": "TTr", "bien_ban_hop": "BB",
                        "bien_ban_kiem_phieu": "BB", "quyet_dinh": "QĐ"}
    # the council's proposal carries its own issuer code: "Số: 01/TTr-HĐTĐKT"
    assert catalog.documents["to_trinh_noi_bo"].text("number_code") == "HĐTĐKT"
    assert not catalog.documents["to_trinh"].text("number_code")


def test_legal_order_and_unique_stems(catalog: Catalog) -> None:
    dossier = sorted((k for k in catalog.documents.values() if k.in_dossier),
                     key=lambda k: k.order)
    # What the unit decides itself first (the council's proposal, its list, the head's
    # quyết định, the certificates), then what goes to the receiving body (LAW §5.2).
    assert [k.code for k in dossier][:9] == [
        "to_trinh_noi_bo", "danh_sach_noi_bo", "quyet_dinh", "giay_khen_cert",
        "chung_nhan_cstdcs", "to_trinh", "danh_sach", "bien_ban_hop", "bien_ban_kiem_phieu"]
    assert {k.code for k in dossier if k.scope == "unit"} == {
        "to_trinh_noi_bo", "danh_sach_noi_bo", "quyet_dinh", "giay_khen_cert",
        "chung_nhan_cstdcs"}
    assert {k.code for k in dossier if k.scope == "province"} == {"to_trinh", "danh_sach"}
    assert len({k.file_stem for k in catalog.documents.values()}) == len(catalog.documents)


def test_certificates_have_every_line_placed(catalog: Catalog) -> None:
    lines = {"quoc_hieu", "tieu_ngu", "officer", "gives", "award", "name", "where",
             "achievement", "decision", "book", "place_date", "signer_title", "signer_name"}
    for code in ("giay_khen_cert", "chung_nhan_cstdcs"):
        kind = catalog.documents[code]
        assert lines <= set(kind.placements), code
        for p in kind.placements.values():
            assert 0 <= p.x_mm <= 297 and 0 <= p.y_mm <= 210


def test_report_kind_choice(catalog: Catalog) -> None:
    kinds = catalog.documents

    def pick(rk: str, subject: str, simplified: bool = False) -> str | None:
        found = report_kind_for(kinds, rk, "giay_khen", subject, simplified)
        return found.code if found else None

    assert pick("cong_trang", "individual") == "bao_cao_ca_nhan"
    assert pick("cong_trang", "collective") == "bao_cao_tap_the"
    assert pick("dot_xuat", "individual") == "bao_cao_dot_xuat"
    assert pick("phong_trao", "collective") == "bao_cao_phong_trao"
    assert pick("dot_xuat", "individual", simplified=True) == "bao_cao_tom_tat"
    assert pick("cong_hien", "individual") == "bao_cao_tom_tat"


def test_bad_files_are_refused_with_their_name(tmp_path: Path) -> None:
    good = (FOLDER / "to_trinh.toml").read_text(encoding="utf-8")
    cases = {
        "order": good.replace("order = 10", "order = 0"),
        "file_stem": good.replace('file_stem = "01_to_trinh"', 'file_stem = "01 tờ trình"'),
        "doc_type": good.replace('doc_type = "TTr"', 'doc_type = "XYZ"'),
        "code": good.replace('code = "to_trinh"', 'code = "khac"'),
        "scope": good.replace('scope = "province"', 'scope = "tinh"'),
    }
    for key, text in cases.items():
        folder = tmp_path / key
        folder.mkdir()
        (folder / "to_trinh.toml").write_text(text, encoding="utf-8")
        with pytest.raises(DocumentKindError, match=r"to_trinh\.toml"):
            load_document_kinds(folder)
    report = (FOLDER / "bao_cao_tom_tat.toml").read_text(encoding="utf-8")
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "bao_cao_tom_tat.toml").write_text(
        report.replace("min_chars = 150", "min_chars = 9999"), encoding="utf-8")
    with pytest.raises(DocumentKindError, match="min_chars"):
        load_document_kinds(folder)


def test_legal_bases_of_the_kinds_are_sources_with_a_can_cu_line(catalog: Catalog) -> None:
    """A kind cites forms/legal-basis.toml keys (or the province's regulation), each with the
    "Căn cứ …;" line it prints, so no basis can silently vanish from a document."""
    cited = 0
    for kind in catalog.documents.values():
        for key in kind.lines("bases"):
            cited += 1
            if key == "province_regulation":
                continue
            source = catalog.legal_sources.get(key)
            assert source is not None, (kind.code, key)
            line = str(source.get("can_cu", ""))
            assert line.startswith("Căn cứ ") and line.endswith(";"), (kind.code, key)
            assert unicodedata.is_normalized("NFC", line)
    assert cited >= 10
    # the province profiles name a regulation the legal sources know
    cites = {str(s["cite"]) for s in catalog.legal_sources.values()}
    for profile in catalog.provinces.values():
        assert not profile.legal_basis or profile.legal_basis in cites, profile.code
