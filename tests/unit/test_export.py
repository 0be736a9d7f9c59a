"""Export of a round as a signed package, and its transport (drive, e-mail, age)."""

from __future__ import annotations

import email
import email.policy
import io
import json
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import delivery, demo, keys, packages, profiles, rounds
from desktop.core.package import encrypt, split
from desktop.core.package.verify import verify_package
from desktop.core.secrets import MemorySecretStore
from desktop.core.store import Store
from tests.unit.eligibility_fakes import always_eligible

TODAY = date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[2]


def _fake_documents(store: Store, catalog: Catalog, round_id: int, folder: Path,
                    today: date) -> packages.DossierFiles:
    """Stands in for the document builders: a tờ trình PDF, a DOCX, and the reprint."""
    folder.mkdir(parents=True)
    pdf = folder / "01_to_trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% to trinh, box empty\n%%EOF\n")
    docx = folder / "01_to_trinh.docx"
    docx.write_bytes(b"PK\x03\x04 docx")

    def reprint(digest: str, qr: str, dest: Path) -> Path:
        dest.write_bytes(f"%PDF-1.4\n% {digest} {qr}\n%%EOF\n".encode())
        return dest
    return packages.DossierFiles(pdfs=[(pdf, "to_trinh")], sources=[docx], reprint=reprint)


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    info = demo.build_demo(data, 11, "tester", TODAY, catalog)
    store = profiles.open_profile(data, info.id)
    try:   # the sample reports, so the appraisal before export finds the dossier complete
        demo.write_demo_reports(store, catalog, TODAY, "tester")
    finally:
        store.close()
    return data


@pytest.fixture
def unit(demo_profile: Path, tmp_path: Path) -> tuple[Store, MemorySecretStore, int]:
    data = tmp_path / "data"
    shutil.copytree(demo_profile, data)
    info = profiles.list_profiles(data)[0]
    store = profiles.open_profile(data, info.id)
    secrets = MemorySecretStore()
    keys.create_signing_key(store, secrets, "tester", TODAY)
    round_id = rounds.list_rounds(store)[0].id
    assert round_id is not None
    yield store, secrets, round_id
    store.close()


def _export(unit: tuple[Store, MemorySecretStore, int], catalog: Catalog,
            dest: Path) -> packages.ExportResult:
    store, secrets, round_id = unit
    return packages.export_round(store, catalog, secrets, round_id, dest, "tester", TODAY,
                                 write_documents=_fake_documents)


def test_export_of_the_demo_round_verifies_and_chains_revisions(unit: Any, catalog: Catalog,
                                                              tmp_path: Path) -> None:
    store, _secrets, round_id = unit
    ready = [n for n in rounds.nominations(store, round_id)
             if n.status is NominationStatus.READY]
    assert ready
    first = _export(unit, catalog, tmp_path / "out")
    assert first.revision == 1 and first.revision_of is None and first.verified
    assert first.package.name == f"HSKT_PT-THANHSON_{first.dossier_id}_r1.zip"
    report = verify_package(first.package, keys.public_keys(store))
    assert report.ok, report.reasons
    dossier = report.dossier
    assert dossier is not None and dossier["unit"]["code"] == "PT-THANHSON"
    # Only what the province decides (LAW §5.2): the commune chairman's own titles (LĐTT,
    # CSTĐCS, TTLĐTT, Giấy khen) stay at home.
    sent = packages.sent_nominations(store, round_id, catalog)
    ready_up = [n for n in ready if not catalog.title(n.target).decided_by_unit]
    ready_home = [n for n in ready if catalog.title(n.target).decided_by_unit]
    assert ready_up and ready_home
    assert {n.target for n in sent} == {"chien_si_thi_dua_tinh"}
    assert sorted((n["subject"]["id"], n["target"]) for n in dossier["nominations"]) == \
        sorted((n.subject.id, n.target) for n in sent)
    assert all(isinstance(n["subject"]["id"], int) for n in dossier["nominations"])
    assert {n["subject"]["name"] for n in dossier["nominations"]} == \
        {n.subject_name for n in sent} >= {n.subject_name for n in ready_up}
    assert not {n.target for n in ready_home} & {n["target"] for n in dossier["nominations"]}
    everyone = rounds.nominations(store, round_id)
    sent_ids = {n.id for n in sent}
    turned_down = [n for n in everyone if rounds.votes(store, n.id)
                   and not rounds.votes(store, n.id)[-1].passed]
    assert turned_down and not sent_ids & {n.id for n in turned_down}
    voted = [n for n in dossier["nominations"] if n["council"]]
    assert voted and all(n["council"]["passed"] for n in voted)
    statuses = {n["subject"]["name"]: n["status"] for n in dossier["nominations"]}
    assert {statuses[n.subject_name] for n in ready_up} == {"ready"}   # as it was when signed
    assert dossier["attachments"] and all(a["path"].startswith("data/attachments/")
                                          for a in dossier["attachments"])
    # READY → EXPORTED, recorded, audited; the chairman's own titles were not sent
    assert all(rounds.get_nomination(store, n.id).status is NominationStatus.EXPORTED
               for n in ready_up)
    assert all(rounds.get_nomination(store, n.id).status is NominationStatus.READY
               for n in ready_home)
    # the printed tờ trình carries the digest of the package it is not part of
    assert first.printed_to_trinh is not None
    printed = first.printed_to_trinh.read_text()
    assert first.digest_short in printed and first.sha256 in printed
    with zipfile.ZipFile(first.package) as zf:
        assert all(first.sha256 not in zf.read(n).decode("latin-1") for n in zf.namelist())

    second = _export(unit, catalog, tmp_path / "out")
    assert second.revision == 2 and second.revision_of == first.sha256
    report2 = verify_package(second.package, keys.public_keys(store))
    assert report2.ok and report2.dossier is not None
    assert report2.dossier["revision_of"] == first.sha256
    assert report2.bag_info["Revision-Of"] == [first.sha256]
    rows = packages.history(store, round_id)
    assert [(r.revision, r.sha256) for r in rows] == [(1, first.sha256), (2, second.sha256)]
    audit = store.db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'"
                             ).fetchone()[0]
    assert audit == 2


def test_a_package_signed_before_a_rotation_still_verifies(unit: Any, catalog: Catalog,
                                                         tmp_path: Path) -> None:
    store, secrets, _round = unit
    old = _export(unit, catalog, tmp_path / "out")
    keys.rotate_key(store, secrets, "tester", TODAY)
    assert verify_package(old.package, keys.public_keys(store)).ok
    new = _export(unit, catalog, tmp_path / "out")
    assert new.key_id != old.key_id


def test_export_needs_a_unit_code_and_a_key(unit: Any, catalog: Catalog, tmp_path: Path
                                           ) -> None:
    store, secrets, round_id = unit
    store.db.execute("UPDATE signing_keys SET retired_at = '2026-01-01'")
    with pytest.raises(keys.NoSigningKey):
        packages.export_round(store, catalog, secrets, round_id, tmp_path, "t", TODAY,
                              write_documents=_fake_documents)
    store.db.execute("UPDATE unit SET code = ''")
    with pytest.raises(UserError, match="mã đơn vị"):
        packages.export_round(store, catalog, secrets, round_id, tmp_path, "t", TODAY,
                              write_documents=_fake_documents)
    assert not list(tmp_path.glob("*.zip"))


def test_a_round_of_only_the_units_own_titles_is_not_exported(unit: Any, catalog: Catalog,
                                                             tmp_path: Path) -> None:
    """LĐTT, CSTĐCS, TTLĐTT and Giấy khen are decided by the commune chairman (LAW §5.2): such
    a round has no dossier for the province, and export says so."""
    from desktop.core.model import SubjectKind, SubjectRef
    from desktop.core.model.rounds import RoundKind
    from desktop.core.operations import home_titles
    from desktop.core.operations import registry as reg_ops

    store, secrets, round_id = unit
    person = next(n.subject for n in rounds.nominations(store, round_id)
                  if n.target == "lao_dong_tien_tien")
    rnd, _c = rounds.create_round(store, catalog, RoundKind.DOT_XUAT, 2026, "Khen đột xuất",
                                  "tester", TODAY, receiving_body="Sở Nội vụ tỉnh Phú Thọ")
    assert rnd.id is not None and reg_ops.get_unit(store) is not None
    # an empty round says nothing yet, unless the dialog is about to add a unit title
    chairman = "Chủ tịch Ủy ban nhân dân xã Thanh Sơn"
    assert home_titles.round_decider(store, catalog, rnd.id) is None
    assert home_titles.round_decider(store, catalog, rnd.id, "giay_khen") == chairman
    assert home_titles.round_decider(store, catalog, rnd.id, "bang_khen_tinh") is None
    nom, _c = rounds.add_nomination(store, catalog, rnd.id,
                                    SubjectRef(SubjectKind.PERSON, person.id), "giay_khen",
                                    "Cứu người đuối nước", "tester", TODAY,
                                    achievement="Cứu người đuối nước", evaluate=always_eligible)
    assert nom.id is not None
    store.db.execute("UPDATE nominations SET status = 'ready' WHERE id = ?", [nom.id])
    assert packages.sent_nominations(store, rnd.id, catalog) == []
    with pytest.raises(UserError) as err:
        packages.export_round(store, catalog, secrets, rnd.id, tmp_path, "tester", TODAY,
                              write_documents=_fake_documents)
    assert str(err.value).startswith(
        "Đợt này chỉ có danh hiệu do Chủ tịch Ủy ban nhân dân xã Thanh Sơn quyết định; "
        "không có hồ sơ gửi cấp trên.")
    assert err.value.code == "export.unit_titles_only"
    assert not list(tmp_path.glob("*.zip"))
    assert rounds.get_nomination(store, nom.id).status is NominationStatus.READY
    # the headers say who decides instead of "gửi Sở Nội vụ"; a mixed round keeps its body
    assert home_titles.round_decider(store, catalog, rnd.id) == chairman
    header = rounds.deadline_text(rnd, TODAY, chairman)
    assert header.endswith(f"do {chairman} quyết định, không gửi cấp trên).")
    assert "Sở Nội vụ" not in header
    assert home_titles.round_decider(store, catalog, round_id) is None
    mixed = rounds.get_round(store, round_id)
    assert mixed is not None and mixed.receiving_body in rounds.deadline_text(mixed, TODAY)


def test_copy_to_drive_reads_back_and_verifies(unit: Any, catalog: Catalog, tmp_path: Path
                                             ) -> None:
    store, _s, _r = unit
    result = _export(unit, catalog, tmp_path / "out")
    drive = tmp_path / "usb"
    drive.mkdir()
    copied = delivery.copy_to_drive(result.package, drive, keys.public_keys(store))
    assert copied.verified and copied.sha256 == result.sha256
    assert copied.path.read_bytes() == result.package.read_bytes()
    assert [p.name for p in drive.iterdir()] == [result.package.name]


def test_a_corrupted_copy_is_caught_and_removed(unit: Any, catalog: Catalog, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store, _s, _r = unit
    result = _export(unit, catalog, tmp_path / "out")
    drive = tmp_path / "usb"
    drive.mkdir()

    def flaky(source: BinaryIO, target: BinaryIO) -> None:
        data = bytearray(source.read())
        data[len(data) // 2] ^= 0x01          # one bit flipped in the middle, same size
        target.write(bytes(data))
    monkeypatch.setattr(delivery, "_copy_stream", flaky)
    with pytest.raises(UserError, match="bị hỏng khi đọc lại"):
        delivery.copy_to_drive(result.package, drive, keys.public_keys(store))
    assert list(drive.iterdir()) == []


def test_a_full_drive_is_refused_before_writing(unit: Any, catalog: Catalog, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store, _s, _r = unit
    result = _export(unit, catalog, tmp_path / "out")
    drive = tmp_path / "usb"
    drive.mkdir()
    monkeypatch.setattr(delivery.shutil, "disk_usage",
                        lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(UserError, match="không đủ chỗ"):
        delivery.copy_to_drive(result.package, drive, keys.public_keys(store))
    assert list(drive.iterdir()) == []


def _attachments(path: Path) -> list[tuple[str, bytes]]:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    return [(part.get_filename(), part.get_payload(decode=True))
            for part in msg.iter_attachments()]


def test_email_draft_of_a_small_package(unit: Any, catalog: Catalog, tmp_path: Path) -> None:
    result = _export(unit, catalog, tmp_path / "out")
    drafts = delivery.make_email_drafts(result.package, tmp_path / "mail",
                                        dossier_id=result.dossier_id, revision=1,
                                        unit_name="UBND xã Thanh Sơn", email_max=20_000_000,
                                        to="tdkt@example.vn")
    assert len(drafts.drafts) == 1 and drafts.parts == (result.package,)
    msg = email.message_from_bytes(drafts.drafts[0].read_bytes(), policy=email.policy.default)
    assert result.dossier_id in msg["Subject"] and msg["To"] == "tdkt@example.vn"
    body = msg.get_body(("plain",)).get_content()
    assert result.sha256 in body and result.digest_short in body
    assert _attachments(drafts.drafts[0]) == [(result.package.name,
                                               result.package.read_bytes())]


def test_a_large_package_is_split_one_draft_per_part(unit: Any, catalog: Catalog,
                                                     tmp_path: Path) -> None:
    store, _s, _r = unit
    result = _export(unit, catalog, tmp_path / "out")
    size = result.package.stat().st_size
    email_max = delivery.EMAIL_OVERHEAD + (size // 3 + 3) * 4 // 3   # three parts
    assert delivery.part_limit(email_max) * 3 >= size
    drafts = delivery.make_email_drafts(result.package, tmp_path / "mail",
                                        dossier_id=result.dossier_id, revision=1,
                                        unit_name="UBND", email_max=email_max)
    assert len(drafts.parts) == 3 and len(drafts.drafts) == len(drafts.parts)
    for draft, part in zip(drafts.drafts, drafts.parts, strict=True):
        attached = _attachments(draft)
        assert attached[0] == (part.name, part.read_bytes())
        assert len(draft.read_bytes()) <= email_max
        msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        assert f"/{len(drafts.parts)}" in msg["Subject"]
    # what the province saves from the mails reassembles and verifies
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for draft in drafts.drafts:
        for name, data in _attachments(draft):
            (inbox / name).write_bytes(data)
    joined = split.join_parts(inbox / drafts.parts[0].name, tmp_path / "joined")
    assert joined.read_bytes() == result.package.read_bytes()
    assert verify_package(joined, keys.public_keys(store)).ok


def test_encrypted_package_opens_with_pyrage_and_age(unit: Any, catalog: Catalog,
                                                    tmp_path: Path) -> None:
    result = _export(unit, catalog, tmp_path / "out")
    identity, recipient = encrypt.generate_identity()
    drafts = delivery.make_email_drafts(result.package, tmp_path / "mail",
                                        dossier_id=result.dossier_id, revision=1,
                                        unit_name="UBND", email_max=20_000_000,
                                        age_recipient=recipient)
    assert drafts.encrypted and drafts.parts[0].name.endswith(".zip.age")
    name, data = _attachments(drafts.drafts[0])[0]
    sealed = tmp_path / name
    sealed.write_bytes(data)
    assert data != result.package.read_bytes()
    opened = encrypt.decrypt_file(sealed, [identity], tmp_path / "opened.zip")
    assert opened.read_bytes() == result.package.read_bytes()
    age = shutil.which("age")
    if age is None:
        pytest.skip("the age command is not installed (scripts/system-deps.sh installs it)")
    key_file = tmp_path / "province.key"
    key_file.write_text(identity + "\n")
    out = subprocess.run([age, "-d", "-i", str(key_file), str(sealed)], capture_output=True,
                         check=True)
    assert out.stdout == result.package.read_bytes()
    assert zipfile.ZipFile(io.BytesIO(out.stdout)).testzip() is None


def test_bad_age_recipient_is_refused(unit: Any, catalog: Catalog, tmp_path: Path) -> None:
    result = _export(unit, catalog, tmp_path / "out")
    with pytest.raises(UserError, match="age1"):
        delivery.make_email_drafts(result.package, tmp_path / "mail",
                                   dossier_id=result.dossier_id, revision=1, unit_name="U",
                                   email_max=20_000_000, age_recipient="ssh-rsa AAAA")


def test_email_limit_comes_from_the_profile(catalog: Catalog) -> None:
    assert delivery.email_max_bytes(catalog, "default") == 20_000_000
    assert delivery.part_limit(20_000_000) < 15_000_000
    json.dumps(delivery.province_age_recipient(catalog, "default"))


def test_export_with_the_real_dossier_documents(unit: Any, catalog: Catalog,
                                                tmp_path: Path) -> None:
    """The package carries the rendered PDFs and DOCX sources; the printed tờ trình is the
    one with the package digest, rendered after the package exists."""
    import pypdfium2

    store, secrets, round_id = unit
    demo.write_demo_dossier(store, catalog, tmp_path / "draft", TODAY, "tester")
    result = packages.export_round(store, catalog, secrets, round_id, tmp_path / "out",
                                   "tester", TODAY, fonts_dir=REPO / "resources" / "fonts")
    report = verify_package(result.package, keys.public_keys(store))
    assert report.ok, report.reasons
    assert report.dossier is not None
    kinds = [d["kind"] for d in report.dossier["documents"]]
    # only what goes to the province: never the council's internal proposal, the chairman's
    # quyết định or the certificates
    assert set(kinds) == {"to_trinh", "danh_sach", "bien_ban_hop", "bien_ban_kiem_phieu",
                          "bao_cao_ca_nhan"}
    assert kinds.count("bao_cao_ca_nhan") == len(report.dossier["nominations"]) == 2
    assert report.dossier["sources"]
    assert len(report.dossier["sources"]) == len(kinds)
    assert all(d["path"].endswith(".pdf") for d in report.dossier["documents"])
    assert not any("noi_bo" in d["path"] for d in report.dossier["documents"])
    assert result.printed_to_trinh is not None
    text = pypdfium2.PdfDocument(str(result.printed_to_trinh))[0].get_textpage() \
        .get_text_range()
    assert result.digest_short in text
    with zipfile.ZipFile(result.package) as zf:
        inside = next(n for n in zf.namelist() if n.startswith("data/documents/")
                      and "to_trinh" in n)
        packed = tmp_path / "packed.pdf"
        packed.write_bytes(zf.read(inside))
    packed_text = pypdfium2.PdfDocument(str(packed))[0].get_textpage().get_text_range()
    assert result.digest_short not in packed_text


def test_standard_tools_agree_on_the_exported_package(unit: Any, catalog: Catalog,
                                                      tmp_path: Path) -> None:
    """The unit's package validates with the bagit library and its signature with the stock
    minisign command, given the public key from the unit's enrolment."""
    import bagit

    store, _secrets, _round = unit
    result = _export(unit, catalog, tmp_path / "out")
    bag_dir = tmp_path / "bag"
    with zipfile.ZipFile(result.package) as zf:
        zf.extractall(bag_dir)
    bagit.Bag(str(bag_dir)).validate()
    minisign = shutil.which("minisign")
    if minisign is None:
        pytest.skip("the minisign command is not installed (scripts/system-deps.sh)")
    key = keys.active_key(store)
    assert key is not None
    pub = tmp_path / "unit.pub"
    pub.write_text(key.public_key_text)
    out = subprocess.run([minisign, "-V", "-p", str(pub), "-m",
                          str(bag_dir / "tagmanifest-sha256.txt")], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr
    assert f"dossier:{result.dossier_id}" in out.stdout and "revision:1" in out.stdout
