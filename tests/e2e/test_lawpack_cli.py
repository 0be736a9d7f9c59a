"""`hoso lawpack …` end to end in separate processes, as the README's session runs it: a
publisher makes a key and a pack that changes CSTĐCS from 1/10/2026; a commune verifies,
installs, sees its verdicts change only from that day, refuses tampered, older and
untrusted packs with their reasons, and rolls back; a province publishes its profile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from desktop.core.package.minisign import parse_public_key
from tests.lawpack_tools import CSTDCS, CSTDCS_PACK, case, copy_tree, province_profile

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "mật khẩu thử nghiệm gói quy định"


def hoso(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
               "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8",
               "HOSO_KEY_PASSPHRASE": PASSPHRASE}
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], cwd=REPO,
                          env=environ, capture_output=True, text=True, encoding="utf-8",
                          timeout=180, check=False, stdin=subprocess.DEVNULL)


def ok(proc: subprocess.CompletedProcess[str]) -> Any:
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return json.loads(proc.stdout)


def refused(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, proc.stderr + proc.stdout
    answer = json.loads(proc.stdout)
    assert answer["ok"] is False and answer["error"]["message"]
    return str(answer["error"]["code"])


def eligibility(tmp_path: Path, data: Path, as_of: str) -> dict[str, str]:
    batch = tmp_path / f"cases-{as_of}.json"
    batch.write_text(json.dumps({
        "format": "hoso-eligibility/1", "review_year": 2026, "province": "default",
        "as_of": as_of, "cases": [case("htt", True, "htt+sk"), case("htxs", True, "htxs+sk")]},
        ensure_ascii=False), "utf-8")
    results = ok(hoso(tmp_path, "--data-dir", data, "eligibility", batch))["results"]
    return {r["id"]: (r["verdict"], r["rule_version"]["title"]) for r in results}


def test_a_law_pack_from_key_to_rollback(tmp_path: Path) -> None:
    keys, data = tmp_path / "keys", tmp_path / "data"
    made = ok(hoso(tmp_path, "lawpack", "keygen", "--out", keys, "--name",
                   "Nhà phát hành thử", "--json"))
    secret, public = Path(made["secret_key"]), Path(made["public_key"])
    assert Path(made["enrolment_sheet"]).read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert secret.stat().st_mode & 0o777 == 0o600
    sealed = json.loads(secret.read_text("utf-8"))   # passphrase-sealed, never in the clear
    assert sealed["format"] == "hoso-signing-key/1" and "ciphertext" in sealed
    assert parse_public_key(public.read_text("utf-8")).key_id_hex == made["key_id"]

    pack = tmp_path / "cstdcs-2026.zip"
    built = ok(hoso(tmp_path, "lawpack", "build", "--forms", CSTDCS_PACK, "--version", "1",
                    "--effective", "2026-10-01", "--key", secret, "--out", pack, "--json"))
    assert any(c["text"].startswith("CSTĐCS: từ 01/10/2026 cần HTXSNV và sáng kiến")
               for c in built["changes"])

    checked = ok(hoso(tmp_path, "lawpack", "verify", pack, "--public-key", public, "--json"))
    assert (checked["publisher"]["code"], checked["version"]) == ("hoso", 1)
    assert checked["key"]["id"] == made["key_id"]
    text = hoso(tmp_path, "lawpack", "verify", pack, "--public-key", public)
    assert text.returncode == 0 and "CSTĐCS: từ 01/10/2026" in text.stdout
    # without the key: an untrusted publisher
    assert refused(hoso(tmp_path, "lawpack", "verify", pack, "--json")) == \
        "lawpack.untrusted_key"
    # a tampered copy, and a file that is not there
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith("@2026-10-01.toml"):
                body = body.replace(b'min = "htxs"', b'min = "htt" ')
            dst.writestr(info, body)
    assert refused(hoso(tmp_path, "lawpack", "verify", tampered, "--public-key", public,
                        "--json")) == "lawpack.tampered"
    missing = hoso(tmp_path, "lawpack", "verify", tmp_path / "nope.zip", "--json")
    assert missing.returncode == 2 and json.loads(missing.stdout)["error"]["code"] == \
        "lawpack.unreadable"

    before = {d: eligibility(tmp_path, data, d) for d in ("2026-09-30", "2026-10-01")}
    assert before["2026-10-01"]["htt+sk"] == ("eligible", f"{CSTDCS}@2024-01-01")

    assert refused(hoso(tmp_path, "lawpack", "install", tampered, "--data-dir", data,
                        "--public-key", public, "--json")) == "lawpack.tampered"
    installed = ok(hoso(tmp_path, "lawpack", "install", pack, "--data-dir", data,
                        "--public-key", public, "--json"))
    assert installed["installed"] and installed["previous_version"] is None
    after = {d: eligibility(tmp_path, data, d) for d in ("2026-09-30", "2026-10-01")}
    assert after["2026-09-30"] == before["2026-09-30"]
    assert after["2026-10-01"] == {"htt+sk": ("ineligible", f"{CSTDCS}@2026-10-01"),
                                   "htxs+sk": ("eligible", f"{CSTDCS}@2026-10-01")}
    assert refused(hoso(tmp_path, "lawpack", "install", pack, "--data-dir", data,
                        "--public-key", public, "--json")) == "lawpack.already_installed"

    source = copy_tree(CSTDCS_PACK, tmp_path / "v2")
    (source / "legal-basis.toml").write_text(
        (source / "legal-basis.toml").read_text("utf-8").replace("gói thử nghiệm",
                                                                 "gói thử nghiệm số 2"), "utf-8")
    pack2 = tmp_path / "v2.zip"
    ok(hoso(tmp_path, "lawpack", "build", "--forms", source, "--version", "2", "--replaces",
            "1", "--effective", "2026-10-01", "--key", secret, "--out", pack2, "--json"))
    assert ok(hoso(tmp_path, "lawpack", "install", pack2, "--data-dir", data, "--public-key",
                   public, "--json"))["previous_version"] == 1
    assert refused(hoso(tmp_path, "lawpack", "install", pack, "--data-dir", data,
                        "--public-key", public, "--json")) == "lawpack.older"
    listed = ok(hoso(tmp_path, "lawpack", "list", "--data-dir", data, "--json"))["packs"]
    assert [(p["version"], p["in_use"]) for p in listed] == [(2, True), (1, False)]

    back = ok(hoso(tmp_path, "lawpack", "rollback", "--data-dir", data, "--json"))
    assert (back["from_version"], back["to_version"]) == (2, 1)
    back = ok(hoso(tmp_path, "lawpack", "rollback", "--data-dir", data, "--json"))
    assert (back["from_version"], back["to_version"]) == (1, None)
    assert any("CSTĐCS: từ 01/10/2026" in c["text"] for c in back["changes"])
    assert ok(hoso(tmp_path, "lawpack", "list", "--data-dir", data, "--json"))["packs"] == []
    assert eligibility(tmp_path, data, "2026-10-01") == before["2026-10-01"]
    nothing = hoso(tmp_path, "lawpack", "rollback", "--data-dir", data, "--json")
    assert nothing.returncode == 1
    assert json.loads(nothing.stdout)["error"]["code"] == "lawpack.nothing_to_roll_back"


def test_a_province_publishes_its_profile_to_its_communes(tmp_path: Path) -> None:
    keys, data = tmp_path / "keys", tmp_path / "data"
    made = ok(hoso(tmp_path, "lawpack", "keygen", "--out", keys, "--publisher", "bac_ninh",
                   "--name", "Sở Nội vụ tỉnh Bắc Ninh", "--json"))
    pack = tmp_path / "bac_ninh.zip"
    ok(hoso(tmp_path, "lawpack", "build", "--forms", province_profile(tmp_path / "bn"),
            "--publisher", "bac_ninh",   # its name comes from the .pub keygen wrote
            "--version", "1", "--effective", "2025-12-15", "--key", made["secret_key"],
            "--out", pack, "--json"))
    assert refused(hoso(tmp_path, "lawpack", "install", pack, "--data-dir", data,
                        "--json")) == "lawpack.untrusted_key"
    enrolled = ok(hoso(tmp_path, "lawpack", "trust", made["public_key"], "--province",
                       "bac_ninh", "--name", "Sở Nội vụ tỉnh Bắc Ninh", "--data-dir", data,
                       "--json"))
    assert enrolled["fingerprint"] == made["fingerprint"]
    report = ok(hoso(tmp_path, "lawpack", "install", pack, "--data-dir", data, "--json"))
    assert [c["text"] for c in report["changes"]] == [
        "Tỉnh Bắc Ninh: từ 15/12/2025 hạn nộp hồ sơ khen công trạng: 10/12 → 05/12."]
    assert report["publisher"] == {"code": "bac_ninh", "name": "Sở Nội vụ tỉnh Bắc Ninh"}
    sources = [k["source"] for k in ok(hoso(tmp_path, "lawpack", "keys", "--data-dir", data,
                                             "--json"))["keys"]]
    assert sources == ["bundled", "enrolled"]
