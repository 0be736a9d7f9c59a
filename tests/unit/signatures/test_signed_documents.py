"""Signed PDFs back into the dossier, into the package in place of the unsigned ones, and
checked again on the province side (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.operations import (
    keys,
    packages,
    profiles,
    received_signatures,
    signed_documents,
    trust_roots,
)
from desktop.core.operations import receiving as rc
from desktop.core.package.minisign import parse_public_key, public_key_file_text
from desktop.core.secrets import MemorySecretStore
from desktop.core.store import Store
from tests.pki import Token
from tests.signing import rewrite_and_sign, sign
from tests.unit.receiving_helpers import province_profile
from tests.unit.signatures.conftest import DemoDossier

TODAY = date(2026, 11, 23)


@pytest.fixture
def unit(demo_dossier: DemoDossier, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo commune whose dossier was written (and remembered) for signing."""
    data = tmp_path / "data"
    shutil.copytree(demo_dossier.data_dir, data)
    store = profiles.open_profile(data, demo_dossier.profile)
    yield store
    store.close()


def trust_test_pki(store: Store, catalog: Catalog, token: Token, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "root.crt").write_bytes(token.pki.root.pem)
    (folder / "ca.cer").write_bytes(token.pki.intermediate.der)
    for name in ("root.crt", "ca.cer"):
        trust_roots.add_certificates(store, catalog, folder / name, "tester")


def _file(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def test_a_signed_to_trinh_is_matched_stored_privately_and_listed(
        unit: Store, catalog: Catalog, token: Token, signed_twice: bytes,
        demo_dossier: DemoDossier, tmp_path: Path) -> None:
    trust_test_pki(unit, catalog, token, tmp_path / "certs")
    dropped = _file(tmp_path, "to trinh da ky.pdf", signed_twice)
    (outcome,) = signed_documents.import_signed(unit, catalog, demo_dossier.round_id,
                                                [dropped], "tester")
    assert outcome.accepted and outcome.warnings == ()
    doc = outcome.document
    assert doc is not None and doc.name == "01_to_trinh" and doc.kind == "to_trinh"
    assert [s["signer"] for s in doc.signatures] == ["Hà Văn Thắng",
                                                     "Ủy ban nhân dân xã Thanh Sơn"]
    assert all(s["trusted"] and s["revocation"] == "not_checked" for s in doc.signatures)
    assert doc.path.read_bytes() == signed_twice
    assert doc.path.name == f"{doc.sha256}.pdf"
    if os.name == "posix":
        assert stat.S_IMODE(doc.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(doc.path.parent.stat().st_mode) == 0o700
    assert signed_documents.signed_documents(unit, demo_dossier.round_id)["01_to_trinh"] == doc
    audit = unit.db.execute("SELECT action FROM audit_log WHERE action = 'sign_import'")
    assert len(audit.fetchall()) == 1
    (again,) = signed_documents.import_signed(unit, catalog, demo_dossier.round_id,
                                              [dropped], "tester")
    assert again.duplicate and again.accepted
    assert signed_documents.recheck(unit, catalog, doc).ok


def _other_dossier_pdf(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.drawString(100, 100, "Mã hồ sơ: HS2025-ABCDEF")
    canvas.save()
    return path


def test_each_refusal_names_its_reason_and_changes_nothing(
        unit: Store, catalog: Catalog, token: Token, signed_twice: bytes,
        demo_dossier: DemoDossier, tmp_path: Path) -> None:
    trust_test_pki(unit, catalog, token, tmp_path / "certs")
    original = demo_dossier.pdf("01_to_trinh")
    broken = bytearray(signed_twice)
    broken[200] ^= 0x01
    files = {
        "unsigned.pdf": original,
        "rewritten.pdf": rewrite_and_sign(signed_twice, token),
        "expired.pdf": sign(original, token, "het_han", "ChuKyNguoiKy", font_dir=tmp_path),
        "changed.pdf": bytes(broken),
        "text.pdf": b"not a pdf at all",
    }
    paths = [_file(tmp_path, name, data) for name, data in files.items()]
    paths.append(_other_dossier_pdf(tmp_path / "other.pdf"))
    outcomes = signed_documents.import_signed(unit, catalog, demo_dossier.round_id, paths,
                                              "tester")
    codes = {o.file.name: [p.code for p in o.problems] for o in outcomes}
    assert codes == {
        "unsigned.pdf": ["signed.no_update"],
        "rewritten.pdf": ["signed.content_changed"],
        "expired.pdf": ["signature.cert_expired"],
        "changed.pdf": ["signed.no_original"],
        "text.pdf": ["signed.no_original"],
        "other.pdf": ["signed.other_dossier"],
    }
    assert not any(o.accepted for o in outcomes)
    assert signed_documents.signed_documents(unit, demo_dossier.round_id) == {}
    assert not signed_documents.signed_dir(unit).exists() or not any(
        signed_documents.signed_dir(unit).iterdir())


def test_an_untrusted_signer_is_taken_with_a_warning_and_a_folder_is_read(
        unit: Store, catalog: Catalog, token: Token, demo_dossier: DemoDossier,
        tmp_path: Path) -> None:
    folder = tmp_path / "da ky"
    folder.mkdir()
    _file(folder, "bien_ban.pdf", sign(demo_dossier.pdf("03_bien_ban_hop"), token, "la",
                                      "ChuKyNguoiKy", font_dir=tmp_path))
    (outcome,) = signed_documents.import_signed(unit, catalog, demo_dossier.round_id,
                                                [folder], "tester")
    assert outcome.accepted and outcome.document is not None
    assert outcome.document.name == "03_bien_ban_hop"
    assert any("không nối được" in w for w in outcome.warnings)
    assert any("ChuKyNguoiKy_2" in w for w in outcome.warnings)   # the chair still to sign


def test_nothing_to_take_back_before_the_dossier_is_written(
        unit: Store, catalog: Catalog, demo_dossier: DemoDossier, tmp_path: Path) -> None:
    with unit.write() as db:
        db.execute("DELETE FROM prepared_documents")
    with pytest.raises(UserError) as refused:
        signed_documents.import_signed(unit, catalog, demo_dossier.round_id,
                                       [tmp_path / "x.pdf"], "tester")
    assert refused.value.code == "signed.nothing_prepared"


def test_officer_adds_and_removes_trusted_certificates(
        unit: Store, catalog: Catalog, token: Token, tmp_path: Path) -> None:
    root = _file(tmp_path, "root.pem", token.pki.root.pem)
    result = trust_roots.add_certificates(unit, catalog, root, "tester")
    assert [c.info.common_name for c in result.added] == ["Gốc thử nghiệm Hồ sơ Khen thưởng"]
    assert any("không có trong danh sách gốc quốc gia" in w for w in result.warnings)
    leaf = _file(tmp_path, "leaf.cer", token.pki.certs["nguoi_ky"].der)
    assert trust_roots.add_certificates(unit, catalog, leaf, "tester").added == ()
    listed = trust_roots.certificates(unit, catalog)
    assert [c.source for c in listed][:1] == ["national"]    # the bundled VGCA G2 root
    assert listed[0].listed is not None and listed[0].listed.code == "vgca_root_g2"
    sha = result.added[0].info.sha256
    assert sha in trust_roots.trust_set(unit, catalog).root_fingerprints
    trust_roots.remove_certificate(unit, sha, "tester")
    assert sha not in trust_roots.trust_set(unit, catalog).root_fingerprints
    with pytest.raises(UserError) as refused:
        trust_roots.remove_certificate(unit, listed[0].info.sha256, "tester")
    assert refused.value.code == "signature.cert_not_removable"
    with pytest.raises(UserError) as bad:
        trust_roots.add_certificates(unit, catalog, _file(tmp_path, "x.crt", b"junk"),
                                     "tester")
    assert bad.value.code == "signature.cert_unreadable"
    missing = {c.code for c in trust_roots.missing_national(catalog, unit)}
    assert {"vgca_root_g1", "neac_root"} <= missing


def test_the_package_carries_the_signed_copy_and_the_province_checks_it_again(
        unit: Store, catalog: Catalog, token: Token, signed_twice: bytes,
        demo_dossier: DemoDossier, tmp_path: Path) -> None:
    trust_test_pki(unit, catalog, token, tmp_path / "certs")
    signed_documents.import_signed(unit, catalog, demo_dossier.round_id,
                                   [_file(tmp_path, "s.pdf", signed_twice)], "tester")
    secrets = MemorySecretStore()
    keys.create_signing_key(unit, secrets, "tester", TODAY)
    result = packages.export_round(unit, catalog, secrets, demo_dossier.round_id,
                                   tmp_path / "out", "tester", TODAY)
    assert result.signed == ("01_to_trinh",) and result.notes == ()
    with zipfile.ZipFile(result.package) as zf:
        assert zf.read("data/documents/01_to_trinh.pdf") == signed_twice
        dossier = json.loads(zf.read("data/dossier.json"))
    (entry,) = dossier["signed_documents"]
    assert entry["path"] == "data/documents/01_to_trinh.pdf"
    assert [s["signer"] for s in entry["signatures"]] == ["Hà Văn Thắng",
                                                          "Ủy ban nhân dân xã Thanh Sơn"]
    # the province: enrol the unit's key, receive, check every signed document again
    province = province_profile(tmp_path / "province")
    try:
        (key_id, public), = keys.public_keys(unit).items()
        rc.enrol_unit(province, public_key_file_text(public), "PT-THANHSON",
                      "UBND xã Thanh Sơn", "tester")
        received = rc.import_package(province, catalog, result.package, "tester", TODAY)
        checks = received_signatures.received_document_checks(province, catalog,
                                                              received.received.id)
        by_path = {c.path: c for c in checks}
        to_trinh = by_path["data/documents/01_to_trinh.pdf"]
        assert to_trinh.sent_as_signed and to_trinh.signed
        assert to_trinh.check.exit_code == 1            # the province trusts no test root
        assert {p.code for s in to_trinh.check.signatures for p in s.problems} == {
            "signature.untrusted"}
        trust_test_pki(province, catalog, token, tmp_path / "pcerts")
        again = received_signatures.received_document_checks(province, catalog,
                                                             received.received.id)
        assert {c.path: c for c in again}["data/documents/01_to_trinh.pdf"].check.ok
        assert not by_path["data/documents/02_danh_sach.pdf"].signed
        assert parse_public_key(public_key_file_text(public)).key_id_hex == key_id
    finally:
        province.close()


def test_a_signed_copy_outdated_by_a_later_change_stays_out_of_the_package(
        unit: Store, catalog: Catalog, token: Token, signed_twice: bytes,
        demo_dossier: DemoDossier, tmp_path: Path) -> None:
    from dataclasses import replace

    from desktop.core.operations import registry

    trust_test_pki(unit, catalog, token, tmp_path / "certs")
    signed_documents.import_signed(unit, catalog, demo_dossier.round_id,
                                   [_file(tmp_path, "s.pdf", signed_twice)], "tester")
    head = registry.get_unit(unit)
    assert head is not None
    registry.save_unit(unit, replace(head, head_name="Nguyễn Văn Mới"), "tester")
    secrets = MemorySecretStore()
    keys.create_signing_key(unit, secrets, "tester", TODAY)
    result = packages.export_round(unit, catalog, secrets, demo_dossier.round_id,
                                   tmp_path / "out", "tester", TODAY)
    assert result.signed == ()
    assert len(result.notes) == 1 and "Tờ trình đề nghị khen thưởng" in result.notes[0]
    with zipfile.ZipFile(result.package) as zf:
        assert zf.read("data/documents/01_to_trinh.pdf") != signed_twice
        assert "signed_documents" not in json.loads(zf.read("data/dossier.json"))
