"""`hoso merge`: the plan (--dry-run), only certain pairs without --confirm, the officer's
decisions from a file made from the --dry-run --json template, exit codes 0/1/2, --json
always one JSON object, and --undo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.core.catalog import Catalog
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from tests.unit.merging.helpers import P_NAME, add, commune, two_communes

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def dirs(tmp_path: Path, catalog: Catalog) -> tuple[Path, Path]:
    target, source = two_communes(tmp_path, catalog)
    target.close()
    return tmp_path / "thanh-son", source


def hoso(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["merge", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def count(data_dir: Path) -> int:
    (info,) = profiles.list_profiles(data_dir)
    store = profiles.open_profile(data_dir, info.id)
    try:
        return ops.count_people(store)
    finally:
        store.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_dry_run_prints_the_plan_and_a_template(capsys: pytest.CaptureFixture[str],
                                                dirs: tuple[Path, Path]) -> None:
    target, source = dirs
    before, source_files = count(target), _snapshot(source)
    code, plan = hoso(capsys, "--data-dir", str(target), "--from", str(source), "--dry-run")
    assert code == 1  # the real run would be refused: four pairs wait for the officer
    assert plan["format"] == "hoso-merge-decisions/1" and plan["dry_run"] is True
    assert plan["former_unit"]["label"] == "xã Tân Lập (cũ)"
    assert [p["full_name"] for p in plan["people_to_add"]] == ["Đinh Văn Khiêm"]
    certain = [p for p in plan["pairs"] if p["certain"]]
    assert [(p["incoming"]["full_name"], p["decision"]) for p in certain] == [(P_NAME, "merge")]
    assert {p["code"] for p in plan["problems"]} == {"merge.pair_undecided"}
    van = next(p for p in plan["pairs"] if p["incoming"]["full_name"] == "Hoàng Thị Vân")
    assert van["choices"] == {"year:2024": None} and van["decision"] is None
    assert van["incoming"]["national_id"].endswith("444") and "025183" not in json.dumps(van)
    assert count(target) == before and _snapshot(source) == source_files


def test_only_certain_pairs_without_decisions(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path, catalog: Catalog) -> None:
    _info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    add(source, catalog, P_NAME, national_id="025186000111")
    add(source, catalog, "Bàn Thị Mây", national_id="025190000777")
    source.close()
    _info, target = commune(tmp_path / "a", "Thanh Sơn", "PT-THANHSON")
    add(target, catalog, P_NAME, national_id="025186000111")
    target.close()
    code, report = hoso(capsys, "--data-dir", str(tmp_path / "a"), "--from", str(tmp_path / "b"))
    assert code == 0 and report["ok"] is True
    result = report["result"]
    assert (result["added"], result["merged"]) == (1, 1)
    assert Path(result["backup"]).is_file() and result["backup"] in result["restore"]
    assert count(tmp_path / "a") == 2


def test_refused_while_pairs_are_undecided(capsys: pytest.CaptureFixture[str],
                                           dirs: tuple[Path, Path]) -> None:
    target, source = dirs
    before = count(target)
    main(["merge", "--data-dir", str(target), "--from", str(source)])
    captured = capsys.readouterr()
    assert "[2-2] Nguyễn Văn Bình" in captured.out and "cần quyết định" in captured.out
    assert "--confirm" in captured.err
    assert count(target) == before


def test_the_officers_decisions_from_the_template(capsys: pytest.CaptureFixture[str],
                                                  dirs: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    target, source = dirs
    _code, plan = hoso(capsys, "--data-dir", str(target), "--from", str(source), "--dry-run")
    for pair in plan["pairs"]:
        name = pair["incoming"]["full_name"]
        pair["decision"] = "keep_both" if name == "Trần Thị Lan" else "merge"
        if name == "Hoàng Thị Vân":
            pair["choices"]["year:2024"] = "incoming"
        if name == "Phạm Văn Đức":
            pair["fields"]["full_name"] = "incoming"
    plan["former_unit"]["code"] = "08123"
    confirm = tmp_path / "pairs.json"
    confirm.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    code, report = hoso(capsys, "--data-dir", str(target), "--from", str(source),
                        "--confirm", str(confirm))
    assert code == 0, report["problems"]
    assert report["result"]["merged"] == 4 and report["result"]["kept_both"] == 1
    assert report["former_unit"]["code"] == "08123"
    # the same file again: every pair is certain or decided, and nothing new comes in
    code, again = hoso(capsys, "--data-dir", str(target), "--from", str(source), "--dry-run")
    assert again["people_to_add"] == []


def test_a_decisions_file_for_other_people_is_refused(capsys: pytest.CaptureFixture[str],
                                                      dirs: tuple[Path, Path],
                                                      tmp_path: Path) -> None:
    target, source = dirs
    _code, plan = hoso(capsys, "--data-dir", str(target), "--from", str(source), "--dry-run")
    for pair in plan["pairs"]:
        pair["decision"] = "merge"
        pair["choices"] = {k: "existing" for k in pair["choices"]}
    plan["pairs"][1]["existing"]["full_name"] = "Người Khác"
    (tmp_path / "pairs.json").write_text(json.dumps(plan), "utf-8")
    code, report = hoso(capsys, "--data-dir", str(target), "--from", str(source),
                        "--confirm", str(tmp_path / "pairs.json"))
    assert code == 1
    assert "merge.confirm_stale" in {p["code"] for p in report["problems"]}


@pytest.mark.parametrize(("content", "code"), [
    ("not json", "merge.confirm_invalid"),
    ('{"format": "other", "pairs": []}', "merge.confirm_invalid"),
    ('{"format": "hoso-merge-decisions/1", "pairs": [{"pair": "1-1", "decision": "maybe"}]}',
     "merge.confirm_invalid"),
])
def test_a_malformed_decisions_file_is_bad_usage(capsys: pytest.CaptureFixture[str],
                                                 dirs: tuple[Path, Path], tmp_path: Path,
                                                 content: str, code: str) -> None:
    target, source = dirs
    (tmp_path / "pairs.json").write_text(content, "utf-8")
    exit_code, report = hoso(capsys, "--data-dir", str(target), "--from", str(source),
                             "--confirm", str(tmp_path / "pairs.json"))
    assert (exit_code, report["ok"], report["error"]["code"]) == (2, False, code)


def test_unreadable_sources_are_bad_usage(capsys: pytest.CaptureFixture[str],
                                          dirs: tuple[Path, Path], tmp_path: Path) -> None:
    target, _source = dirs
    for source, code in ((tmp_path / "nowhere", "merge.source_missing"),
                         (target, "merge.same_database")):
        exit_code, report = hoso(capsys, "--data-dir", str(target), "--from", str(source))
        assert (exit_code, report["error"]["code"]) == (2, code)
    exit_code, report = hoso(capsys, "--data-dir", str(target))
    assert (exit_code, report["error"]["code"]) == (2, "usage")


def test_undo_the_last_merge(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             catalog: Catalog) -> None:
    _info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    add(source, catalog, "Bàn Thị Mây", national_id="025190000777")
    source.close()
    _info, target = commune(tmp_path / "a", "Thanh Sơn", "PT-THANHSON")
    target.close()
    assert hoso(capsys, "--data-dir", str(tmp_path / "a"), "--from", str(tmp_path / "b"))[0] == 0
    assert count(tmp_path / "a") == 1
    code, report = hoso(capsys, "--data-dir", str(tmp_path / "a"), "--undo", "last")
    assert code == 0 and report["ok"] is True
    assert count(tmp_path / "a") == 0
    code, report = hoso(capsys, "--data-dir", str(tmp_path / "a"), "--undo", "last")
    assert (code, report["error"]["code"]) == (1, "merge.undo_unknown")


def test_a_real_process_prints_only_json(dirs: tuple[Path, Path]) -> None:
    target, source = dirs
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "desktop", "merge", "--data-dir", str(target),
                           "--from", str(source), "--dry-run", "--json"],
                          capture_output=True, cwd=REPO, env=env, check=False)
    assert done.returncode == 1
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["pairs"][0]["incoming"]["full_name"] == P_NAME
