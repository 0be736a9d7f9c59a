"""`hoso pdf verify FILE.pdf [--roots DIR] [--json]` in a subprocess: exit codes 0/1/2 and
the JSON of each signature (issue 15)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.pki import Token
from tests.unit.signatures.conftest import DemoDossier

REPO = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "pdf", "verify", *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


def _roots(token: Token, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "goc.crt").write_bytes(token.pki.root.pem)
    (folder / "ca-trung-gian.cer").write_bytes(token.pki.intermediate.der)
    return folder


def test_both_signatures_trusted_with_the_test_root(signed_twice: bytes, token: Token,
                                                    tmp_path: Path) -> None:
    pdf = tmp_path / "to_trinh_da_ky.pdf"
    pdf.write_bytes(signed_twice)
    done = _run(str(pdf), "--roots", str(_roots(token, tmp_path / "roots")), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and report["revocation"] == "not_checked"
    assert [(s["field"], s["signer"], s["intact"], s["trusted"], s["revocation"])
            for s in report["signatures"]] == [
        ("ChuKyNguoiKy", "Hà Văn Thắng", True, True, "not_checked"),
        ("ChuKyCoQuan", "Ủy ban nhân dân xã Thanh Sơn", True, True, "not_checked")]
    assert report["signatures"][0]["organisation"].startswith("Ủy ban nhân dân xã Thanh Sơn")
    assert report["signatures"][0]["signing_time_text"].endswith("+07:00")
    # the same file, read by a person
    text = _run(str(pdf), "--roots", str(tmp_path / "roots"))
    assert text.returncode == 0
    assert "Người ký: Hà Văn Thắng" in text.stdout
    assert "chưa kiểm tra thu hồi chứng thư — không có mạng" in text.stdout


def test_untrusted_without_the_root_and_unreadable_or_unsigned_files(
        signed_twice: bytes, demo_dossier: DemoDossier, tmp_path: Path) -> None:
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed_twice)
    untrusted = _run(str(pdf), "--json")
    assert untrusted.returncode == 1
    assert [s["trusted"] for s in json.loads(untrusted.stdout)["signatures"]] == [False, False]
    unsigned = _run(str(demo_dossier.folder / "01_to_trinh.pdf"), "--json")
    assert unsigned.returncode == 2
    assert json.loads(unsigned.stdout)["problems"][0]["code"] == "pdf.no_signature"
    missing = _run(str(tmp_path / "khong-co.pdf"), "--json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["ok"] is False
