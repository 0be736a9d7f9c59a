"""`hoso package verify|inspect` in a subprocess: exit codes 0/1/2 and the --json contract."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.package import bag, encrypt, minisign

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "package", *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cli")
    secret, public = minisign.generate_keypair()
    pdf = folder / "Tờ trình.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 4000)
    info = bag.build_package(
        dossier={"unit": {"code": "XTL01", "name": "UBND xã Tân Lập", "province": "default"},
                 "round": {"kind": "cong_trang", "year": 2026, "name": "Năm 2026"},
                 "nominations": []},
        documents=[(pdf, "to_trinh")], sources=[], attachments=[], unit_code="XTL01",
        unit_name="UBND xã Tân Lập", dossier_id="HS-1", revision=1, revision_of=None,
        secret_key=secret, dest_dir=folder, app_version="0.1.0", legal_basis="Luật TĐKT 2022",
        template_set="default", now=datetime(2026, 11, 23, 8, 0))
    pub = folder / "unit.pub"
    pub.write_text(minisign.public_key_file_text(public), encoding="utf-8")
    return info.path, pub


def test_valid_package_exits_0(made: tuple[Path, Path]) -> None:
    package, pub = made
    proc = _run("verify", str(package), "--public-key", str(pub))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "GÓI HỢP LỆ" in proc.stdout and "HS-1" in proc.stdout


def test_json_output(made: tuple[Path, Path]) -> None:
    package, pub = made
    proc = _run("verify", str(package), "--public-key", str(pub), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ok"] is True and data["reasons"] == []
    assert data["dossier_id"] == "HS-1" and data["revision"] == 1
    assert data["key_id"] == minisign.parse_public_key(pub.read_text("utf-8")).key_id_hex
    assert data["bag_info"]["Source-Organization"] == ["UBND xã Tân Lập"]
    assert len(data["sha256"]) == 64


def test_tampered_package_exits_1_with_the_reason(made: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    package, pub = made
    bad = tmp_path / package.name
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".pdf"):
                data = data[:-1] + b"y"
            dst.writestr(info, data)   # same headers: only the content changes
    proc = _run("verify", str(bad), "--public-key", str(pub))
    assert proc.returncode == 1
    assert "GÓI BỊ TỪ CHỐI" in proc.stdout and "manifest_mismatch" in proc.stdout
    data = json.loads(_run("verify", str(bad), "--public-key", str(pub), "--json").stdout)
    assert data["ok"] is False
    assert "manifest_mismatch" in {r["code"] for r in data["reasons"]}


def test_without_a_key_the_signature_is_not_trusted(made: tuple[Path, Path]) -> None:
    proc = _run("verify", str(made[0]))
    assert proc.returncode == 1
    assert "key_not_given" in proc.stdout


def test_other_key_exits_1(made: tuple[Path, Path], tmp_path: Path) -> None:
    _, other = minisign.generate_keypair()
    pub = tmp_path / "other.pub"
    pub.write_text(minisign.public_key_file_text(other), encoding="utf-8")
    proc = _run("verify", str(made[0]), "--public-key", str(pub))
    assert proc.returncode == 1 and "unknown_key" in proc.stdout


def test_unreadable_inputs_exit_2(made: tuple[Path, Path], tmp_path: Path) -> None:
    assert _run("verify", str(tmp_path / "khong-co.zip")).returncode == 2
    bad_key = tmp_path / "bad.pub"
    bad_key.write_text("không phải khóa", encoding="utf-8")
    proc = _run("verify", str(made[0]), "--public-key", str(bad_key))
    assert proc.returncode == 2 and "Lỗi" in proc.stderr
    assert _run("verify").returncode == 2            # bad usage
    assert _run("frobnicate", "x").returncode == 2


def test_encrypted_package_with_identity(made: tuple[Path, Path], tmp_path: Path) -> None:
    package, pub = made
    identity, recipient = encrypt.generate_identity()
    sealed = encrypt.encrypt_file(package, [recipient], tmp_path / (package.name + ".age"))
    key = tmp_path / "province.txt"
    key.write_text(identity + "\n", encoding="utf-8")
    proc = _run("verify", str(sealed), "--public-key", str(pub), "--identity", str(key))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _run("verify", str(sealed), "--public-key", str(pub)).returncode == 2


def test_inspect_prints_bag_info_files_signer_and_summary(made: tuple[Path, Path]) -> None:
    package, pub = made
    proc = _run("inspect", str(package))
    assert proc.returncode == 0, proc.stderr
    key_id = minisign.parse_public_key(pub.read_text("utf-8")).key_id_hex
    for text in ("External-Identifier: HS-1", "data/documents/to-trinh.pdf", key_id,
                 "UBND xã Tân Lập", "Payload-Oxum"):
        assert text in proc.stdout
    data = json.loads(_run("inspect", str(package), "--json").stdout)
    assert data["summary"]["documents"] == 1 and data["problems"] == []
