"""The province side's parts that only the windows used so far — the check list of a package,
the unit's sent list, retiring a key, the decisions table's problems — and the stable codes its
refusals carry (issue 10: tests match codes, not wording)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.errors import UserError, ValidationError
from desktop.core.operations import receiving as rc
from desktop.core.package import minisign
from desktop.core.store import Store
from tests.unit.receiving_helpers import (
    ACTOR,
    UNIT_CODE,
    Sent,
    nominate_and_send,
    province_profile,
    send_revision,
    unit_profile,
)

GROUPS = ["signature", "key", "manifests", "sizes", "paths", "schema"]


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


def enrol(province: Store, sent: Sent) -> rc.KnownUnit:
    return rc.enrol_unit(province, minisign.public_key_file_text(sent.public), UNIT_CODE,
                         "UBND xã Thanh Sơn", ACTOR)


def tampered(sent: Sent, tmp_path: Path) -> Path:
    data = bytearray(sent.packages[0].path.read_bytes())
    data[data.find(b"to trinh")] ^= 0x20
    bad = tmp_path / "HSKT_tampered.zip"
    bad.write_bytes(bytes(data))
    return bad


# ---- the check list ------------------------------------------------------------------------------


def test_check_of_a_valid_package_from_an_enrolled_unit(province: Store, sent: Sent) -> None:
    enrol(province, sent)
    check = rc.check_package(province, sent.packages[0].path)
    assert check.ok and check.can_import and not check.own_key
    assert [line.code for line in check.lines] == GROUPS
    assert all(line.ok for line in check.lines)
    key_line = check.lines[1]
    assert "PT-THANHSON" in key_line.text and "khóa đang dùng" in key_line.text
    assert check.signer is not None and check.signer.key_id == sent.public.key_id_hex


def test_check_of_the_units_own_package_before_sending(unit: Store, sent: Sent) -> None:
    """The unit checks its own package with its own key: valid, but nothing to take in."""
    check = rc.check_package(unit, sent.packages[0].path)
    assert check.ok and check.own_key and check.signer is None and not check.can_import
    assert "chính đơn vị này" in check.lines[1].text


def test_check_of_a_tampered_package_says_which_step_failed(province: Store, sent: Sent,
                                                            tmp_path: Path) -> None:
    enrol(province, sent)
    check = rc.check_package(province, tampered(sent, tmp_path))
    assert not check.ok and not check.can_import
    failed = [line.code for line in check.lines if not line.ok]
    assert failed and set(failed) <= set(GROUPS)
    for line in check.lines:   # a refused package vouches for nothing (issue 12)
        if line.ok:
            assert line.text.startswith("Không tin được")


def test_check_of_an_unknown_key_fails_the_key_line(province: Store, sent: Sent) -> None:
    check = rc.check_package(province, sent.packages[0].path)
    by_code = {line.code: line for line in check.lines}
    assert not by_code["key"].ok and not check.can_import and check.signer is None


def test_check_refuses_an_encrypted_package_with_a_code(province: Store, tmp_path: Path
                                                        ) -> None:
    sealed = tmp_path / "HSKT_X_HS2026-000000_r1.zip.age"
    sealed.write_bytes(b"age-encryption.org/v1\n")
    with pytest.raises(UserError) as err:
        rc.check_package(province, sealed)
    assert err.value.code == "receiving.package_encrypted"


# ---- keys ----------------------------------------------------------------------------------------


def test_a_retired_key_is_marked_and_still_verifies(province: Store, catalog, sent: Sent,
                                                    today: date) -> None:
    enrol(province, sent)
    rc.retire_unit_key(province, sent.public.key_id_hex, ACTOR)
    (key,) = rc.known_units(province)
    assert key.retired_at
    assert sent.public.key_id_hex in rc.trusted_unit_keys(province)
    result = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    assert not result.duplicate
    check = rc.check_package(province, sent.packages[0].path)
    assert "đã ngừng dùng" in check.lines[1].text
    with pytest.raises(UserError) as err:
        rc.retire_unit_key(province, "0" * 16, ACTOR)
    assert err.value.code == "enrol.key_unknown"


def test_key_fingerprint_groups_of_four(province: Store, sent: Sent) -> None:
    known = enrol(province, sent)
    assert known.fingerprint.replace(" ", "") == known.key_id
    assert all(len(part) == 4 for part in known.fingerprint.split())


# ---- refusal codes -------------------------------------------------------------------------------


def test_package_refusals_carry_codes(province: Store, unit: Store, catalog, sent: Sent,
                                      today: date, tmp_path: Path) -> None:
    with pytest.raises(rc.PackageRefused) as refused:
        rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    assert refused.value.code == "receiving.unknown_key"
    rc.enrol_unit(province, minisign.public_key_file_text(sent.public), "PT-KHAC", "Khác",
                  ACTOR)
    with pytest.raises(UserError) as other:
        rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    assert other.value.code == "receiving.signer_other_unit"
    with pytest.raises(UserError) as again:
        enrol(province, sent)
    assert again.value.code == "enrol.key_of_other_unit"
    with pytest.raises(rc.PackageRefused) as bad:
        rc.import_package(province, catalog, tampered(sent, tmp_path), ACTOR, today)
    assert bad.value.code == "receiving.package_refused"
    with pytest.raises(UserError) as missing:
        rc.get_received(province, 999)
    assert missing.value.code == "receiving.received_missing"
    with pytest.raises(UserError) as not_received:
        rc.decisions_template(province, "HS2026-NOTHING")
    assert not_received.value.code == "receiving.dossier_not_received"


def test_a_second_package_under_one_revision_is_a_clash(province: Store, unit: Store, catalog,
                                                        sent: Sent, today: date,
                                                        tmp_path: Path) -> None:
    enrol(province, sent)
    rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    with unit.write() as db:
        db.execute("DELETE FROM exported_packages")
    sent.packages.clear()
    other = send_revision(unit, sent, tmp_path / "again", 1, "noi dung khac")
    with pytest.raises(UserError) as err:
        rc.import_package(province, catalog, other.path, ACTOR, today)
    assert err.value.code == "receiving.revision_clash"


def test_unit_side_refusals_carry_codes(province: Store, unit: Store, catalog, sent: Sent,
                                        today: date, tmp_path: Path) -> None:
    secret, public = minisign.generate_keypair()
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    path = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today)
    with pytest.raises(UserError) as no_key:
        rc.import_receipt(unit, path, None, ACTOR)
    assert no_key.value.code == "receiving.no_province_key"
    with pytest.raises(UserError) as bad_key:
        rc.set_province_key(unit, "not a key", ACTOR)
    assert bad_key.value.code == "receiving.public_key_invalid"
    with pytest.raises(UserError) as unit_key:
        rc.set_province_key(province, minisign.public_key_file_text(sent.public), ACTOR)
    assert unit_key.value.code == "enrol.key_of_a_unit"
    with unit.write() as db:
        db.execute("UPDATE exported_packages SET sha256 = ?", ["0" * 64])
    with pytest.raises(UserError) as other:
        rc.import_receipt(unit, path, [public], ACTOR)
    assert other.value.code == "receipt.other_package"
    with unit.write() as db:
        db.execute("DELETE FROM exported_packages")
    with pytest.raises(UserError) as not_sent:
        rc.import_receipt(unit, path, [public], ACTOR)
    assert not_sent.value.code == "receipt.package_not_sent"


# ---- the unit's sent list ------------------------------------------------------------------------


def test_sent_list_shows_the_receipt_once_imported(province: Store, unit: Store, catalog,
                                                   sent: Sent, today: date,
                                                   tmp_path: Path) -> None:
    second = send_revision(unit, sent, tmp_path, 2, "ban sua")
    listed = rc.sent_packages(unit)
    assert [(p.dossier_id, p.revision) for p in listed] == [(sent.dossier_id, 2),
                                                             (sent.dossier_id, 1)]
    assert all(p.received_on is None and p.receiving_body == "" for p in listed)
    assert listed[0].file_name == second.path.name and listed[0].sha256 == second.sha256
    assert listed[0].sent_on.isoformat() == listed[0].created_at[:10]
    secret, public = minisign.generate_keypair()
    enrol(province, sent)
    item = rc.import_package(province, catalog, second.path, ACTOR, today).received
    receipt = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today,
                               receiving_body="Ban Thi đua – Khen thưởng tỉnh")
    rc.import_receipt(unit, receipt, [public], ACTOR)
    first, older = rc.sent_packages(unit)
    assert first.received_on == item.received_on
    assert first.receiving_body == "Ban Thi đua – Khen thưởng tỉnh"
    assert older.received_on is None


# ---- the decisions table -------------------------------------------------------------------------


def test_decisions_table_problems_by_code(province: Store, catalog, sent: Sent, today: date
                                          ) -> None:
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    assert [p.code for p in rc.validate_decisions(item, [], today)] == ["decisions.empty"]
    minh = rc.Decision("person", "Đặng Văn Minh", "chien_si_thi_dua_co_so", True,
                       "215/QĐ-UBND", date(2026, 11, 20), "Chủ tịch UBND xã")
    assert rc.validate_decisions(item, [minh], today) == []
    lines = [
        rc.Decision("person", "Người Lạ", "chien_si_thi_dua_co_so", False),
        minh,
        rc.Decision("person", "dang van minh", "chien_si_thi_dua_co_so", True),  # folded: same
        rc.Decision("person", "Lò Thị Sinh", "chien_si_thi_dua_co_so", True, "1/QĐ",
                    date(2027, 1, 1), "UBND"),
    ]
    problems = rc.validate_decisions(item, lines, today)
    assert [(p.field, p.code) for p in problems] == [
        ("row1", "decisions.not_proposed"),
        ("row3", "decisions.duplicate"),
        ("row3", "decisions.number_missing"),
        ("row3", "decisions.date_missing"),
        ("row3", "decisions.issuer_missing"),
        ("row4", "decisions.date_future"),
    ]


def test_decisions_file_refusals_carry_codes(province: Store, unit: Store, catalog, sent: Sent,
                                             today: date, tmp_path: Path) -> None:
    secret, public = minisign.generate_keypair()
    enrol(province, sent)
    rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today)
    rc.set_province_key(unit, minisign.public_key_file_text(public), ACTOR)
    granted = [rc.Decision("person", "Đặng Văn Minh", "chien_si_thi_dua_co_so", True,
                           "215/QĐ-UBND", date(2026, 11, 20), "Chủ tịch UBND xã")]
    path = rc.issue_decisions(province, secret, sent.dossier_id, granted, tmp_path, ACTOR,
                              today)
    copy = tmp_path / "copy" / path.name
    copy.parent.mkdir()
    shutil.copy(path, copy)
    rc.import_decisions(unit, catalog, path, None, ACTOR, today)
    with pytest.raises(UserError) as again:
        rc.import_decisions(unit, catalog, copy, None, ACTOR, today)
    assert again.value.code == "decisions.import_again"
    different = [rc.Decision("person", "Đặng Văn Minh", "chien_si_thi_dua_co_so", True,
                             "216/QĐ-UBND", date(2026, 11, 21), "Chủ tịch UBND xã")]
    other = rc.issue_decisions(province, secret, sent.dossier_id, different,
                               tmp_path / "copy", ACTOR, date(2026, 11, 24))
    with pytest.raises(ValidationError) as differs:
        rc.import_decisions(unit, catalog, other, None, ACTOR, today)
    assert differs.value.codes == ["decisions.import_number_differs"]


def test_file_names_offered_are_those_written(province: Store, catalog, sent: Sent,
                                              today: date, tmp_path: Path) -> None:
    secret, _public = minisign.generate_keypair()
    enrol(province, sent)
    item = rc.import_package(province, catalog, sent.packages[0].path, ACTOR, today).received
    receipt = rc.issue_receipt(province, secret, item.id, tmp_path, ACTOR, today)
    assert receipt.name == rc.receipt_file_name(item)
    granted = [rc.Decision("person", "Đặng Văn Minh", "chien_si_thi_dua_co_so", True,
                           "215/QĐ-UBND", date(2026, 11, 20), "Chủ tịch UBND xã")]
    decisions = rc.issue_decisions(province, secret, sent.dossier_id, granted, tmp_path, ACTOR,
                                   today)
    assert decisions.name == rc.decisions_file_name(item, today)
    assert "20261123" in decisions.name and UNIT_CODE in decisions.name
