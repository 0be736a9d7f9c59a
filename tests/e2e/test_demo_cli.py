"""`hoso demo` in a separate process: one JSON line on success, exit 2 and nothing
overwritten on a second run into the same data dir (DESIGN §7)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KEYS = {"data_dir", "profile", "database", "people", "collectives", "package", "public_key",
        "documents", "province"}


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
               "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=environ,
                          capture_output=True, text=True, encoding="utf-8", errors="strict",
                          timeout=120, check=False)


def test_demo_prints_one_json_line_then_refuses_to_run_again(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "data" / "out"
    first = run(["demo", "--data-dir", str(data), "--out", str(out)], tmp_path)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert set(result) == KEYS
    assert Path(result["data_dir"]) == data.resolve()
    database = Path(result["database"])
    assert database.is_file() and database.parent.name == result["profile"]
    assert 120 <= result["people"] <= 180 and result["collectives"] >= 14
    package, public_key = Path(result["package"]), Path(result["public_key"])
    assert package.is_file() and package.name.startswith("HSKT_PT-THANHSON_HS")
    assert public_key.read_text(encoding="utf-8").startswith("untrusted comment:")
    # --out: the demo round's dossier is written there, DOCX and PDF, and listed
    documents = [Path(d) for d in result["documents"]]
    assert documents and all(d.is_file() and out.resolve() in d.parents for d in documents)
    assert {d.suffix for d in documents} >= {".docx", ".pdf"}
    assert out.is_dir()

    digest = hashlib.sha256(database.read_bytes()).hexdigest()
    second = run(["demo", "--data-dir", str(data), "--out", str(out)], tmp_path)
    assert second.returncode == 2
    assert second.stdout == ""
    assert "đơn vị mẫu" in second.stderr and "Không ghi đè" in second.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == digest
    assert len(list((data / "profiles").iterdir())) == 1


def test_demo_package_verifies_with_this_app_bagit_and_minisign(tmp_path: Path) -> None:
    """Issue 6, done when: the demo package verifies with this app, bagit and minisign."""
    import shutil
    import zipfile

    import bagit

    done = run(["demo", "--data-dir", str(tmp_path / "d"), "--out", str(tmp_path / "out")],
               tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    verified = run(["package", "verify", result["package"], "--public-key",
                    result["public_key"], "--json"], tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["ok"] is True

    bag_dir = tmp_path / "bag"
    with zipfile.ZipFile(result["package"]) as archive:
        archive.extractall(bag_dir)
    bagit.Bag(str(bag_dir)).validate()
    minisign = shutil.which("minisign")
    assert minisign, "minisign is missing: run scripts/system-deps.sh"
    stock = subprocess.run([minisign, "-Vm", str(bag_dir / "tagmanifest-sha256.txt"), "-p",
                            result["public_key"]], capture_output=True, text=True, check=False)
    assert stock.returncode == 0, stock.stderr
    assert "dossier:HS" in stock.stdout


def test_the_commune_takes_the_provinces_receipt_and_decisions(tmp_path: Path) -> None:
    """Issue 12: the demo's answers are signed by the province's own key (a second data dir),
    refused by the commune until it saves that key, then taken in: the package is received
    and every nominee's decision is in its history."""
    data, out = tmp_path / "data", tmp_path / "out"
    done = run(["demo", "--data-dir", str(data), "--out", str(out)], tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    province = result["province"]
    assert Path(province["data_dir"]) == (out / "tinh").resolve()
    assert Path(province["receipt"]).name.endswith(".bien-nhan.json")
    unit_key = Path(result["public_key"]).read_text(encoding="utf-8")
    assert Path(province["public_key"]).read_text(encoding="utf-8") != unit_key

    def unit(*args: str) -> subprocess.CompletedProcess[str]:
        return run(["package", *args, "--data-dir", str(data), "--json"], tmp_path)

    refused = unit("receipt", "import", province["receipt"])
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert unit("province-key", province["public_key"]).returncode == 0
    got = unit("receipt", "import", province["receipt"])
    assert got.returncode == 0, got.stdout + got.stderr
    assert "Sở Nội vụ tỉnh Phú Thọ" in got.stdout
    applied = unit("decisions", "import", province["decisions"])
    assert applied.returncode == 0, applied.stdout + applied.stderr
    decided = json.loads(applied.stdout)["decided"]
    assert decided and all("2150/QĐ-UBND" in json.dumps(d, ensure_ascii=False)
                           for d in decided)


def test_same_seed_gives_the_same_people(tmp_path: Path) -> None:
    counts = []
    for name in ("a", "b"):
        done = run(["demo", "--data-dir", str(tmp_path / name), "--seed", "5"], tmp_path)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result["documents"] == []  # no --out: nothing written
        assert result["package"] is None and result["public_key"] is None
        counts.append(result["people"])
    assert counts[0] == counts[1]
