"""`hoso export LIST --data-dir DIR --out FILE.xlsx [--year Y] [--round ID] [--json]` in a
separate process: exit codes, the JSON contract, and the file as Excel would open it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.core.catalog import Catalog
from desktop.core.operations import demo, profiles
from desktop.core.operations import rounds as rounds_ops

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    demo.build_demo(data, 11, "tester", TODAY, catalog)
    return data


def hoso(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "xdg"),
               "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], cwd=REPO,
                          env=environ, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)


def test_people_json_and_file(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "DanhSach.xlsx"
    done = hoso("export", "people", "--data-dir", data_dir, "--out", out, "--json",
                home=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["path"] == str(out.resolve())
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert report["rows"] == len(rows) == 150
    assert [c.value for c in ws[4]][:3] == ["STT", "Họ và tên", "Ngày sinh"]
    assert ws.freeze_panes == "A5"


def test_nominations_of_the_only_round_of_a_year(data_dir: Path, tmp_path: Path,
                                                 catalog: Catalog) -> None:
    out = tmp_path / "DeNghi.xlsx"
    done = hoso("export", "nominations", "--data-dir", data_dir, "--out", out, "--year",
                "2026", "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    store = profiles.open_profile(data_dir, profiles.list_profiles(data_dir)[0].id)
    try:
        (rnd,) = rounds_ops.list_rounds(store, 2026)
        expected = len(rounds_ops.nominations(store, rnd.id or 0))
    finally:
        store.close()
    assert report["rows"] == expected == 11
    assert report["sheets"] == [{"name": "Đề nghị", "rows": 11}]


def test_collectives_text_output(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "TapThe.xlsx"
    done = hoso("export", "collectives", "--data-dir", data_dir, "--out", out, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Đã ghi 18 dòng" in done.stdout
    assert openpyxl.load_workbook(out).sheetnames == ["Tập thể", "Thành viên"]


@pytest.mark.parametrize("args, code", [
    (["people", "--out", "x.xls"], "export.not_xlsx"),
    (["nominations", "--out", "x.xlsx", "--year", "2024"], "export.no_round"),
    (["nominations", "--out", "x.xlsx", "--round", "999"], "export.round_missing"),
    (["people", "--out", "x.xlsx", "--round", "1"], "usage"),
    (["decisions", "--out", "x.xlsx", "--year", "3000"], "usage"),
    (["everyone", "--out", "x.xlsx"], "usage"),
], ids=["not-xlsx", "no-round", "unknown-round", "round-for-people", "year-range", "list"])
def test_bad_usage_is_exit_2_with_a_json_error(data_dir: Path, tmp_path: Path, args: list[str],
                                               code: str) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    done = hoso("export", *args, "--data-dir", data_dir, "--json", home=tmp_path)
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is False and report["error"]["code"] == code
    assert not list(tmp_path.glob("x.*"))


def test_an_empty_data_dir_is_unreadable(tmp_path: Path) -> None:
    done = hoso("export", "people", "--data-dir", tmp_path / "none", "--out",
                tmp_path / "x.xlsx", "--json", home=tmp_path)
    assert done.returncode == 2
    assert json.loads(done.stdout)["ok"] is False
