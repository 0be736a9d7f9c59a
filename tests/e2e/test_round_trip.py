"""The whole way there and back, with the `hoso` command in separate processes: a commune
exports its round as a signed package (operations.packages.export_round); the province office
enrols the commune's key, imports the package, signs a receipt and a decisions file; the
commune imports both, and the decisions are in its people's history.

The titles are ones the province decides (CSTĐ cấp tỉnh, Bằng khen của Chủ tịch UBND tỉnh):
a round of only the commune chairman's own titles has nothing to send (LAW §5.2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from desktop.core.model import (
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
)
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import keys, packages, profiles
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.secrets import MemorySecretStore
from desktop.core.store import packages as pkg_repo
from tests.unit.receiving_helpers import ACTOR, UNIT_CODE, nominate

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "mật khẩu của Sở 2026"


def hoso(tmp_path: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
               "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8",
               "HOSO_KEY_PASSPHRASE": PASSPHRASE,
               # no OS keyring in a test process: the office's key is in its key file
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir),
                           "package", *args], cwd=REPO, env=environ, capture_output=True,
                          text=True, encoding="utf-8", timeout=180, check=False)


def write_documents(store, catalog, round_id: int, folder: Path, today: date
                    ) -> packages.DossierFiles:
    """The documents issue's writer stands outside this test: one small PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "to_trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% to trinh\n%%EOF\n")
    return packages.DossierFiles(pdfs=[(pdf, "to_trinh")])


UP = {"Nguyễn Thị Hoà": "chien_si_thi_dua_tinh", "Đặng Văn Minh": "bang_khen_tinh",
      "Lò Thị Sinh": "bang_khen_tinh"}


def make_profile(data_dir: Path, name: str, code: str, kind: UnitKind):
    return profiles.create_profile(data_dir, Unit(
        name=name, kind=kind, superior_body="UBND tỉnh Phú Thọ", doc_code="UBND",
        place_name="Phú Thọ", head_name="Hà Văn Bình", head_title="Chủ tịch",
        officer_name="Lê Thị Thu", officer_title="Công chức", code=code), ACTOR)


def test_package_receipt_and_decisions_round_trip(tmp_path: Path, catalog, today: date) -> None:
    unit_dir, office_dir = tmp_path / "xa", tmp_path / "so"
    _info, unit = make_profile(unit_dir, "UBND xã Thanh Sơn", UNIT_CODE, UnitKind.XA)
    _oinfo, office = make_profile(office_dir, "Sở Nội vụ tỉnh Phú Thọ", "PT-SNV",
                                  UnitKind.CO_QUAN)
    try:
        round_id, dossier_id, nominations, people = nominate(
            unit, catalog, today, NominationStatus.READY, targets=UP)
        unit_key = keys.create_signing_key(unit, MemorySecretStore(), ACTOR, today)
        secrets = MemorySecretStore()
        keys.rotate_key(unit, secrets, ACTOR, today)   # a rotated key signs the package
        # The round has no achievement reports written (the documents are stand-ins): the
        # appraisal would have it sent back, so it goes with a written reason, which the
        # province side must accept in dossier.json.
        exported = packages.export_round(
            unit, catalog, secrets, round_id, tmp_path / "usb", ACTOR, today,
            write_documents=write_documents,
            override_reason="Báo cáo thành tích bản giấy đã gửi trước theo đường bưu điện.")
        unit_pub_text = keys.active_key(unit).public_key_text
        assert keys.active_key(unit).key_id != unit_key.key_id
        office_key = keys.create_signing_key_file(office, None, PASSPHRASE, ACTOR, today)
        office_pub = tmp_path / "so-noi-vu.pub"
        office_pub.write_text(office_key.public_key_text, "utf-8")
    finally:
        unit.close()
        office.close()
    unit_pub = tmp_path / "thanh-son.pub"
    unit_pub.write_text(unit_pub_text, "utf-8")
    package = exported.package
    answers = tmp_path / "answers"
    answers.mkdir()

    # the province office
    refused = hoso(tmp_path, office_dir, "import", str(package), "--json")
    assert refused.returncode == 1, refused.stderr
    assert "khóa chưa đăng ký" in refused.stderr
    assert json.loads(refused.stdout)["ok"] is False
    done = hoso(tmp_path, office_dir, "enrol", str(unit_pub), "--unit-code", UNIT_CODE,
                "--unit-name", "UBND xã Thanh Sơn")
    assert done.returncode == 0, done.stderr
    imported = hoso(tmp_path, office_dir, "import", str(package), "--json")
    assert imported.returncode == 0, imported.stderr
    result = json.loads(imported.stdout)
    assert (result["dossier_id"], result["revision"], result["duplicate"]) == (
        dossier_id, 1, False)
    assert Path(result["stored_path"]).is_file()
    again = hoso(tmp_path, office_dir, "import", str(package))
    assert again.returncode == 0 and "Đã nhận gói này ngày" in again.stdout
    receipt = hoso(tmp_path, office_dir, "receipt", "issue", dossier_id,
                   "--out", str(answers))
    assert receipt.returncode == 0, receipt.stderr
    receipt_file = Path(receipt.stdout.strip())
    template = hoso(tmp_path, office_dir, "decisions", "template", dossier_id)
    assert template.returncode == 0, template.stderr
    lines = json.loads(template.stdout)
    assert {x["subject"]["name"] for x in lines} == set(nominations)
    assert {x["subject"]["id"] for x in lines} == set(people.values())   # ids travel
    for line in lines:
        if line["subject"]["name"] != "Lò Thị Sinh":
            line.update(granted=True, decision_no="215/QĐ-UBND", decision_date="2026-11-20",
                        issuer="Chủ tịch UBND tỉnh Phú Thọ")
        else:
            line["granted"] = False
    filled = tmp_path / "quyet-dinh.json"
    filled.write_text(json.dumps(lines, ensure_ascii=False), "utf-8")
    decisions = hoso(tmp_path, office_dir, "decisions", "issue", dossier_id,
                     "--from", str(filled), "--out", str(answers))
    assert decisions.returncode == 0, decisions.stderr
    decisions_file = Path(decisions.stdout.strip())

    # the commune
    no_key = hoso(tmp_path, unit_dir, "receipt", "import", str(receipt_file))
    assert no_key.returncode == 1 and "khóa công khai của cơ quan tiếp nhận" in no_key.stderr
    assert hoso(tmp_path, unit_dir, "province-key", str(office_pub)).returncode == 0
    got = hoso(tmp_path, unit_dir, "receipt", "import", str(receipt_file))
    assert got.returncode == 0, got.stderr
    assert "Sở Nội vụ tỉnh Phú Thọ" in got.stdout
    applied = hoso(tmp_path, unit_dir, "decisions", "import", str(decisions_file))
    assert applied.returncode == 0, applied.stderr
    twice = hoso(tmp_path, unit_dir, "decisions", "import", str(decisions_file))
    assert twice.returncode == 1 and "đã được nhập" in twice.stderr

    unit = profiles.open_profile(unit_dir, _info.id)
    try:
        row = pkg_repo.get_exported_package(unit.db, dossier_id, 1)
        assert row is not None and row.received_at is not None and row.receipt is not None
        states = {name: rounds_ops.get_nomination(unit, nid).status
                  for name, nid in nominations.items()}
        assert states == {"Nguyễn Thị Hoà": NominationStatus.DECIDED,
                          "Đặng Văn Minh": NominationStatus.DECIDED,
                          "Lò Thị Sinh": NominationStatus.EXPORTED}
        hoa = people["Nguyễn Thị Hoà"]
        history = reg_ops.get_history(unit, SubjectRef(SubjectKind.PERSON, hoa))
        assert [(a.code, a.decision_no, a.decision_date) for a in history.awards
                if a.year == 2026] == [("chien_si_thi_dua_tinh", "215/QĐ-UBND",
                                        date(2026, 11, 20))]
        minh = reg_ops.get_history(unit, SubjectRef(SubjectKind.PERSON, people["Đặng Văn Minh"]))
        assert [(a.code, a.issuer) for a in minh.awards if a.year == 2026] == [
            ("bang_khen_tinh", "Chủ tịch UBND tỉnh Phú Thọ")]
    finally:
        unit.close()
