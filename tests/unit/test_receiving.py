"""The province side (enrol, import, receipts, decisions) and the way back into the unit's
history (issue 6 item 5)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.errors import UserError, ValidationError
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import eligibility as el
from desktop.core.operations import receiving as rc
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.package import minisign
from desktop.core.package.receipt import SignedFileError
from desktop.core.store import Store
from desktop.core.store import packages as pkg_repo
from tests.unit.receiving_helpers import (
    ACTOR,
    UNIT_CODE,
    Sent,
    nominate_and_send,
    province_profile,
    send_revision,
    unit_profile,
)


@pytest.fixture
def unit(tmp_path: Path):
    store = unit_profile(tmp_path)
    yield store
    store.close()


@pytest.fixture
def province(tmp_path: Path):
    store = province_profile(tmp_path)
    yield store
    store.close()


@pytest.fixture
def sent(unit: Store, catalog, tmp_path: Path, today: date) -> Sent:
    return nominate_and_send(unit, catalog, tmp_path, today)


@pytest.fixture
def province_key():
    return minisign.generate_keypair()


def enrol(province: Store, sent: Sent) -> rc.KnownUnit:
    return rc.enrol_unit(province, minisign.public_key_file_text(sent.public), UNIT_CODE,
                         "UBND xã Thanh Sơn", ACTOR)


def audit_actions(store: Store) -> list[str]:
    return [e["action"] for e in reg_ops.audit_entries(store)]


# ---- enrolment -------------------------------------------------------------------------------


def test_enrol_and_rotate(province: Store, sent: Sent) -> None:
    first = enrol(province, sent)
    assert first.key_id == sent.public.key_id_hex and first.unit_code == UNIT_CODE
    _s, new_public = minisign.generate_keypair()
    rc.enrol_unit(province, minisign.public_key_file_text(new_public), "pt-thanhson",
                  "UBND xã Thanh Sơn (mới)", ACTOR)
    keys = rc.known_units(province)
    assert {k.key_id for k in keys} == {sent.public.key_id_hex, new_public.key_id_hex}
    assert {k.unit_name for k in keys} == {"UBND xã Thanh Sơn (mới)"}
    assert set(rc.trusted_unit_keys(province)) == {k.key_id for k in keys}
    assert "enrol" in audit_actions(province)


def test_enrol_refuses_bad_input(province: Store, sent: Sent) -> None:
    with pytest.raises(ValidationError) as err:
        rc.enrol_unit(province, "not a key", "Thanh Sơn", "", ACTOR)
    assert {p.field for p in err.value.problems} == {"unit_code", "unit_name", "public_key"}
    with pytest.raises(ValidationError):
        rc.enrol_unit(province, minisign.public_key_file_text(sent.public), "PROVINCE", "x",
                      ACTOR)
    enrol(province, sent)
    with pytest.raises(UserError, match="đã được đăng ký cho đơn vị"):
        rc.enrol_unit(province, minisign.public_key_file_text(sent.public), "PT-KHAC", "Khác",
                      ACTOR)


# ---- importing packages ----------------------------------------------------------------------


def test_unknown_key_refused_with_how_to_enrol(province: Store, catalog, sent: Sent,
                                               today: date) -> None:
    with pytest.raises(rc.PackageRefused) as err:
        rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    assert "khóa chưa đăng ký" in err.value.message
    assert "Đăng ký khóa đơn vị" in err.value.hint
    assert "unknown_key" in err.value.report.codes
    assert rc.received(province) == []
    assert not rc.received_dir(province).exists() or not any(rc.received_dir(province).iterdir())


def test_import_records_copies_and_summarises(province: Store, catalog, sent: Sent,
                                              today: date) -> None:
    enrol(province, sent)
    result = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    assert not result.duplicate
    item = result.received
    assert (item.dossier_id, item.revision, item.unit_code) == (sent.dossier_id, 1, UNIT_CODE)
    assert item.stored_path == rc.received_dir(province) / f"{sent.packages[0].sha256}.zip"
    assert rc.sha256_file(item.stored_path) == sent.packages[0].sha256
    assert item.counts == {"chien_si_thi_dua_co_so": 3}
    assert item.summary["nominations"] == 3 and item.summary["documents"] == 1
    assert {n["name"] for n in item.nominees} == set(sent.nominations)
    assert [r.id for r in rc.received(province)] == [item.id]
    assert "receive" in audit_actions(province)


def test_same_package_twice_is_a_duplicate(province: Store, catalog, sent: Sent, today: date,
                                           tmp_path: Path) -> None:
    enrol(province, sent)
    rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    copy = tmp_path / "usb" / "renamed.zip"
    copy.parent.mkdir()
    shutil.copy(sent.packages[0].path, copy)
    again = rc.import_package(province, catalog, copy, ACTOR, today)
    assert again.duplicate
    assert "Đã nhận gói này ngày" in again.message
    assert len(rc.received(province)) == 1


def test_revision_supersedes_the_first(province: Store, unit: Store, catalog, sent: Sent,
                                       today: date, tmp_path: Path) -> None:
    enrol(province, sent)
    rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    second = send_revision(unit, sent, tmp_path, 2, "sua loi chinh ta")
    result = rc.import_package(province, catalog, second.path, ACTOR, today)
    assert result.received.revision == 2
    assert result.received.revision_of == sent.packages[0].sha256
    assert result.received.supersedes == 1
    assert "Thay cho lần gửi 1" in result.message
    listed = {r.revision: r for r in rc.received(province)}
    assert listed[1].superseded and listed[1].superseded_by == 2
    assert not listed[2].superseded
    assert [r.revision for r in rc.received(province)] == [2, 1]


def test_revision_two_alone_is_taken_with_a_warning(province: Store, unit: Store, catalog,
                                                    sent: Sent, today: date,
                                                    tmp_path: Path) -> None:
    enrol(province, sent)
    second = send_revision(unit, sent, tmp_path, 2, "ban sua")
    result = rc.import_package(province, catalog, second.path, ACTOR, today)
    assert any("chưa nhận lần gửi trước" in w for w in result.warnings)


def test_another_package_under_the_same_revision_refused(province: Store, unit: Store, catalog,
                                                         sent: Sent, today: date,
                                                         tmp_path: Path) -> None:
    enrol(province, sent)
    rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    # the unit rebuilt revision 1 with different content (a second machine, say)
    with unit.write() as db:
        db.execute("DELETE FROM exported_packages")
    sent.packages.clear()
    other = send_revision(unit, sent, tmp_path / "again", 1, "noi dung khac")
    with pytest.raises(UserError, match="Đã nhận một gói khác cho hồ sơ"):
        rc.import_package(province, catalog, other.path, ACTOR, today)


def test_signer_of_another_unit_refused(province: Store, catalog, sent: Sent, today: date
                                        ) -> None:
    rc.enrol_unit(province, minisign.public_key_file_text(sent.public), "PT-KHAC",
                  "UBND xã Khác", ACTOR)
    with pytest.raises(UserError, match="được ký bằng khóa của đơn vị PT-KHAC"):
        rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    assert rc.received(province) == []


def test_tampered_package_refused(province: Store, catalog, sent: Sent, today: date,
                                  tmp_path: Path) -> None:
    enrol(province, sent)
    data = bytearray(sent.packages[0].path.read_bytes())
    at = data.find(b"to trinh")
    data[at] ^= 0x20
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    with pytest.raises(rc.PackageRefused) as err:
        rc.import_package(province, catalog, bad, ACTOR, today)
    assert err.value.report.codes
    assert rc.received(province) == []


# ---- receipts --------------------------------------------------------------------------------


def test_receipt_round_trip(province: Store, unit: Store, catalog, sent: Sent, today: date,
                            tmp_path: Path, province_key) -> None:
    secret, public = province_key
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    path = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today)
    assert path.name.endswith(".bien-nhan.json") and sent.dossier_id in path.name
    rc.set_province_key(unit, minisign.public_key_file_text(public), ACTOR, "Sở Nội vụ")
    result = rc.import_receipt(unit, path, None, ACTOR)
    assert (result.dossier_id, result.revision, result.already) == (sent.dossier_id, 1, False)
    assert result.receiving_body == "Sở Nội vụ tỉnh Phú Thọ"
    row = pkg_repo.get_exported_package(unit.db, sent.dossier_id, 1)
    assert row is not None and row.received_at == item.received_on.isoformat()
    assert row.receipt is not None and row.receipt["document"]["package_sha256"] == row.sha256
    assert rc.import_receipt(unit, path, None, ACTOR).already
    assert "receipt" in audit_actions(unit) and "receipt" in audit_actions(province)


def test_receipt_with_wrong_key_refused(province: Store, unit: Store, catalog, sent: Sent,
                                        today: date, tmp_path: Path, province_key) -> None:
    secret, _public = province_key
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    path = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today)
    _other_secret, other_public = minisign.generate_keypair()
    with pytest.raises(SignedFileError) as err:
        rc.import_receipt(unit, path, [other_public], ACTOR)
    assert err.value.code == "unknown_key"
    with pytest.raises(UserError, match="Chưa có khóa công khai của cơ quan tiếp nhận"):
        rc.import_receipt(unit, path, None, ACTOR)
    assert pkg_repo.get_exported_package(unit.db, sent.dossier_id, 1).received_at is None


def test_tampered_receipt_refused(province: Store, unit: Store, catalog, sent: Sent,
                                  today: date, tmp_path: Path, province_key) -> None:
    secret, public = province_key
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    path = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today)
    envelope = json.loads(path.read_text("utf-8"))
    envelope["document"] = envelope["document"].replace(item.received_on.isoformat(),
                                                        "2026-01-01")
    path.write_text(json.dumps(envelope), "utf-8")
    with pytest.raises(SignedFileError) as err:
        rc.import_receipt(unit, path, [public], ACTOR)
    assert err.value.code == "bad_signature"
    assert pkg_repo.get_exported_package(unit.db, sent.dossier_id, 1).received_at is None


def test_receipt_for_a_package_not_sent_refused(province: Store, unit: Store, catalog,
                                                sent: Sent, today: date, tmp_path: Path,
                                                province_key) -> None:
    secret, public = province_key
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    path = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today)
    with unit.write() as db:
        db.execute("UPDATE exported_packages SET sha256 = ?", ["0" * 64])
    with pytest.raises(UserError, match="gói khác với gói đơn vị đã gửi"):
        rc.import_receipt(unit, path, [public], ACTOR)
    with unit.write() as db:
        db.execute("DELETE FROM exported_packages")
    with pytest.raises(UserError, match="chưa gửi gói nào như vậy"):
        rc.import_receipt(unit, path, [public], ACTOR)


def test_province_key_kept_apart_from_units(unit: Store, province_key) -> None:
    _secret, public = province_key
    rc.set_province_key(unit, minisign.public_key_file_text(public), ACTOR, "Sở Nội vụ")
    rc.set_province_key(unit, minisign.public_key_file_text(public), ACTOR, "Sở Nội vụ")
    assert [k.key_id for k in rc.province_keys(unit)] == [public.key_id_hex]
    assert rc.known_units(unit) == [] and rc.trusted_unit_keys(unit) == {}


# ---- decisions -------------------------------------------------------------------------------


def _decisions(sent: Sent, granted: dict[str, bool]) -> list[rc.Decision]:
    return [rc.Decision("person", name, "chien_si_thi_dua_co_so", ok,
                        "215/QĐ-UBND" if ok else "", date(2026, 11, 20) if ok else None,
                        "Chủ tịch UBND xã Thanh Sơn" if ok else "")
            for name, ok in granted.items()]


def _received_and_keyed(province: Store, unit: Store, catalog, sent: Sent, today: date,
                        province_key) -> rc.ReceivedDossier:
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    rc.set_province_key(unit, minisign.public_key_file_text(province_key[1]), ACTOR)
    return item


def test_decisions_flow_into_history_and_eligibility(province: Store, unit: Store, catalog,
                                                     sent: Sent, today: date, tmp_path: Path,
                                                     province_key) -> None:
    _received_and_keyed(province, unit, catalog, sent, today, province_key)
    hoa = sent.people["Nguyễn Thị Hoà"]
    # before: two CSTĐCS (2024, 2025), so not yet CSTĐ tỉnh for 2026
    assert hoa not in el.eligible_ids(unit, catalog, "chien_si_thi_dua_tinh", 2026, "default")
    path = rc.issue_decisions(province, province_key[0], sent.dossier_id, _decisions(
        sent, {"Nguyễn Thị Hoà": True, "Đặng Văn Minh": True, "Lò Thị Sinh": False}),
        tmp_path, ACTOR, today)
    result = rc.import_decisions(unit, catalog, path, None, ACTOR, today)
    assert {n for _i, n, _d in result.decided} == {"Nguyễn Thị Hoà", "Đặng Văn Minh"}
    assert [n for _i, n in result.not_granted] == ["Lò Thị Sinh"]
    nom = rounds_ops.get_nomination(unit, sent.nominations["Nguyễn Thị Hoà"])
    assert nom.status is NominationStatus.DECIDED
    assert (nom.decision_no, nom.decision_date) == ("215/QĐ-UBND", date(2026, 11, 20))
    sinh = rounds_ops.get_nomination(unit, sent.nominations["Lò Thị Sinh"])
    assert sinh.status is NominationStatus.EXPORTED
    history = reg_ops.get_history(unit, SubjectRef(SubjectKind.PERSON, hoa))
    award = [a for a in history.awards if a.year == 2026]
    assert [(a.code, a.decision_no, a.issuer) for a in award] == [
        ("chien_si_thi_dua_co_so", "215/QĐ-UBND", "Chủ tịch UBND xã Thanh Sơn")]
    # after: three consecutive CSTĐCS and a provincial sáng kiến
    assert hoa in el.eligible_ids(unit, catalog, "chien_si_thi_dua_tinh", 2026, "default")
    assert "decisions" in audit_actions(unit)


def test_decisions_file_imported_once(province: Store, unit: Store, catalog, sent: Sent,
                                      today: date, tmp_path: Path, province_key) -> None:
    _received_and_keyed(province, unit, catalog, sent, today, province_key)
    path = rc.issue_decisions(province, province_key[0], sent.dossier_id,
                              _decisions(sent, {"Đặng Văn Minh": True}), tmp_path, ACTOR, today)
    rc.import_decisions(unit, catalog, path, None, ACTOR, today)
    with pytest.raises(UserError, match="đã được nhập ngày"):
        rc.import_decisions(unit, catalog, path, None, ACTOR, today)
    minh = SubjectRef(SubjectKind.PERSON, sent.people["Đặng Văn Minh"])
    assert len([a for a in reg_ops.get_history(unit, minh).awards if a.year == 2026]) == 1


def test_decisions_all_or_nothing(province: Store, unit: Store, catalog, sent: Sent,
                                  today: date, tmp_path: Path, province_key) -> None:
    """One line that cannot be applied (its nomination was returned meanwhile): nothing is
    written, not even the lines that could be."""
    _received_and_keyed(province, unit, catalog, sent, today, province_key)
    with unit.write() as db:
        db.execute("UPDATE nominations SET status = 'returned' WHERE id = ?",
                   [sent.nominations["Lò Thị Sinh"]])
    path = rc.issue_decisions(province, province_key[0], sent.dossier_id, _decisions(
        sent, {"Nguyễn Thị Hoà": True, "Lò Thị Sinh": True}), tmp_path, ACTOR, today)
    with pytest.raises(ValidationError) as err:
        rc.import_decisions(unit, catalog, path, None, ACTOR, today)
    assert "Lò Thị Sinh" in str(err.value)
    hoa = rounds_ops.get_nomination(unit, sent.nominations["Nguyễn Thị Hoà"])
    assert hoa.status is NominationStatus.EXPORTED
    assert pkg_repo.decisions_by_sha(unit.db, rc.sha256_file(path)) is None


def test_decisions_validated_at_the_province(province: Store, unit: Store, catalog, sent: Sent,
                                             today: date, tmp_path: Path,
                                             province_key) -> None:
    _received_and_keyed(province, unit, catalog, sent, today, province_key)
    bad = [rc.Decision("person", "Người Lạ", "chien_si_thi_dua_co_so", True, "1/QĐ",
                       date(2026, 11, 1), "UBND"),
           rc.Decision("person", "Đặng Văn Minh", "chien_si_thi_dua_co_so", True, "",
                       date(2027, 1, 1), "")]
    with pytest.raises(ValidationError) as err:
        rc.issue_decisions(province, province_key[0], sent.dossier_id, bad, tmp_path, ACTOR,
                           today)
    text = str(err.value)
    assert "Người Lạ" in text and "chưa có số quyết định" in text and "tương lai" in text
    assert not list(tmp_path.glob("*.quyet-dinh.json"))
    template = rc.decisions_template(province, sent.dossier_id)
    assert {d.subject_name for d in template} == set(sent.nominations)
    assert all(not d.granted for d in template)


def test_decisions_for_another_unit_refused(province: Store, unit: Store, catalog, sent: Sent,
                                            today: date, tmp_path: Path, province_key) -> None:
    _received_and_keyed(province, unit, catalog, sent, today, province_key)
    path = rc.issue_decisions(province, province_key[0], sent.dossier_id,
                              _decisions(sent, {"Đặng Văn Minh": True}), tmp_path, ACTOR, today)
    unit_now = reg_ops.get_unit(unit)
    from dataclasses import replace
    reg_ops.save_unit(unit, replace(unit_now, code="PT-KHAC"), ACTOR)
    with pytest.raises(UserError, match="dành cho đơn vị PT-THANHSON"):
        rc.import_decisions(unit, catalog, path, None, ACTOR, today)


def test_namesakes_told_apart_by_birth_date(province: Store, unit: Store, catalog, sent: Sent,
                                            today: date, tmp_path: Path,
                                            province_key) -> None:
    """dossier.json without subject ids (what export_round writes): two people with the same
    name and title are told apart by their birth dates."""
    from dataclasses import replace

    from desktop.core.model import History, Person

    first = reg_ops.get_person(unit, sent.people["Nguyễn Thị Hoà"])
    reg_ops.update_person(unit, catalog, replace(first, birth_date=date(1985, 3, 5)),
                          reg_ops.get_history(unit, SubjectRef(SubjectKind.PERSON, first.id)),
                          ACTOR, today)
    twin, _c = reg_ops.add_person(unit, catalog, Person(None, "Nguyễn Thị Hoà",
                                                        birth_date=date(1990, 7, 1)),
                                  History(), ACTOR, today)
    nom, _c = rounds_ops.add_nomination(unit, catalog, sent.round_id,
                                        SubjectRef(SubjectKind.PERSON, twin.id),
                                        "chien_si_thi_dua_co_so", "Thành tích", ACTOR, today)
    from desktop.core.store import rounds as rounds_repo
    with unit.write() as db:
        rounds_repo.set_nomination_status(db, nom.id, NominationStatus.EXPORTED)
    sent.nominations["Nguyễn Thị Hoà (1990)"] = nom.id
    sent.with_ids = False
    second = send_revision(unit, sent, tmp_path, 2, "them nguoi")
    enrol(province, sent)
    rc.import_package(province, catalog, second.path, ACTOR, today)
    rc.set_province_key(unit, minisign.public_key_file_text(province_key[1]), ACTOR)
    lines = [d for d in rc.decisions_template(province, sent.dossier_id)
             if d.subject_birth_date == "1990-07-01"]
    assert len(lines) == 1 and lines[0].subject_id is None
    path = rc.issue_decisions(province, province_key[0], sent.dossier_id, [
        replace(lines[0], granted=True, decision_no="9/QĐ", decision_date=date(2026, 11, 2),
                issuer="UBND xã")], tmp_path, ACTOR, today)
    result = rc.import_decisions(unit, catalog, path, None, ACTOR, today)
    assert [i for i, _n, _d in result.decided] == [nom.id]
    assert rounds_ops.get_nomination(unit, sent.nominations["Nguyễn Thị Hoà"]).status \
        is NominationStatus.EXPORTED


def test_email_parts_are_joined_and_taken_in_whole(province: Store, catalog, sent: Sent,
                                                    today: date, tmp_path: Path) -> None:
    from desktop.core.package import split

    enrol(province, sent)
    parts = split.split_file(sent.packages[0].path, 2048, tmp_path / "mail")
    assert len(parts.parts) >= 3
    result = rc.import_package(province, catalog, parts.parts[1], ACTOR, today)
    assert result.received.sha256 == sent.packages[0].sha256
    assert rc.sha256_file(result.received.stored_path) == sent.packages[0].sha256
    assert result.received.summary["package_file"] == sent.packages[0].path.name


def test_encrypted_package_says_decrypt_first(province: Store, catalog, today: date,
                                              tmp_path: Path) -> None:
    sealed = tmp_path / "HSKT_X_HS2026-000000_r1.zip.age"
    sealed.write_bytes(b"age-encryption.org/v1\n")
    with pytest.raises(UserError, match="đã được mã hóa"):
        rc.import_package(province, catalog, sealed, ACTOR, today)


def test_the_units_own_key_is_refused_as_the_provinces(tmp_path: Path, today: date) -> None:
    """Issue 12: the demo's receipt was signed with the commune's own key; saving that key as
    the receiving office's would make the unit trust answers it signed itself."""
    from desktop.core.operations import keys

    store = unit_profile(tmp_path)
    try:
        own = keys.create_signing_key_file(store, None, "mot mat khau dai", ACTOR, today)
        with pytest.raises(UserError) as refused:
            rc.set_province_key(store, own.public_key_text, ACTOR)
        assert refused.value.code == "province_key.own_key"
        assert rc.province_keys(store) == []
    finally:
        store.close()
