"""`hoso import people`: exit codes (0 imported or would be, 1 refused with row reports,
2 bad usage or unreadable) and `--json` always one JSON object on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.cli import main
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops

REPO = Path(__file__).resolve().parents[2]
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Xếp loại năm 2025"]
GOOD = [[1, "Nguyễn Văn An", "03/05/1980", "Nam", "Chủ tịch", "HTXSNV"],
        [2, "Trần Thị Bích", "07/11/1985", "Nữ", "Kế toán", "HTT"]]
BAD = [*GOOD, [3, "Phạm Minh Đức", "31/02/1990", "Nam", "", ""]]
CONFIRM = ["--default", "group=cong_nhan_nong_dan", "--default", "ethnicity=Tày"]
ROW_KEYS = {"row", "column", "field", "code", "message"}


def write_xlsx(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    book = openpyxl.Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    unit = Unit(name="UBND xã Tân Phú", kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name="Cán bộ", officer_title="Công chức")
    _info, store = profiles.create_profile(data, unit, "test")
    store.close()
    return data


def people(data_dir: Path) -> list[Any]:
    (info,) = profiles.list_profiles(data_dir)
    store = profiles.open_profile(data_dir, info.id)
    try:
        return list(ops.people_page(store, "", 0, 100))
    finally:
        store.close()


def hoso(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["import", "people", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)  # whatever happened, stdout is one JSON object


def test_an_unconfirmed_default_refuses_and_names_the_flag(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir))
    assert code == 1 and report["ok"] is False and report["imported"] == 0
    assert report["error"]["code"] == "import.default_unconfirmed"
    unconfirmed = [p for p in report["problems"] if p["code"] == "import.default_unconfirmed"]
    assert [p["field"] for p in unconfirmed] == ["ethnicity", "group"]
    assert "--default group=" in unconfirmed[1]["message"]
    group = report["defaults"]["group"]
    assert (group["reason"], group["rows"], group["confirmed"]) == ("unmapped", 2, False)
    assert "cong_nhan_nong_dan" in group["choices"]
    assert report["defaults"]["department"]["must_confirm"] is False
    assert report["mapping"]["full_name"] == {"column": "B", "header": "Họ và tên"}
    assert report["file"]["format"] == "xlsx" and report["rating_year"] == 2025
    assert people(data_dir) == []


def test_confirmed_import_writes_and_reports(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, data_dir: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--dry-run", *CONFIRM)
    assert (code, report["ok"], report["dry_run"]) == (0, True, True)
    assert (report["imported"], report["importable"]) == (0, 2)
    assert people(data_dir) == []
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), *CONFIRM)
    assert (code, report["imported"], report["problems"], report["skipped"]) == (0, 2, [], [])
    assert report["defaults"]["group"]["value_label"] == \
        "Công nhân, nông dân, người lao động trực tiếp"
    saved = people(data_dir)
    assert {(p.group.value, p.ethnicity) for p in saved} == {("cong_nhan_nong_dan", "Tày")}
    # the same file again: every row is now a duplicate of a saved person
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), *CONFIRM)
    assert code == 1 and {p["code"] for p in report["problems"]} == {
        "import.duplicate_in_store"}


def test_bad_rows_refuse_unless_skipped_with_a_report(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path, data_dir: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", BAD)
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), *CONFIRM)
    assert code == 1 and report["imported"] == 0 and report["skipped"] == []
    (problem,) = report["problems"]
    assert set(problem) == ROW_KEYS
    assert (problem["row"], problem["column"], problem["code"]) == (
        4, "C (Ngày sinh)", "import.date_invalid")
    assert people(data_dir) == []

    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--skip-bad-rows",
                        *CONFIRM)
    assert (code, report["ok"], report["imported"], report["problems"]) == (0, True, 2, [])
    assert [(s["row"], s["code"]) for s in report["skipped"]] == [(4, "import.date_invalid")]
    assert len(people(data_dir)) == 2


def test_map_overrides_and_rating_year(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       data_dir: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [["An Văn Bình", "Nông dân", "Kinh", "HT"]],
                      ["Tên cán bộ", "Nhóm", "DT", "Kết quả"])
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir))
    assert code == 1 and report["problems"][0]["code"] == "import.name_unmapped"
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--map", "A=full_name",
                        "--map", "Nhóm=group", "--map", "c=ethnicity", "--map", "D=rating")
    assert code == 1 and report["error"]["code"] == "import.rating_year_missing"
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--map", "A=full_name",
                        "--map", "Nhóm=group", "--map", "c=ethnicity", "--map", "D=rating",
                        "--rating-year", "2024")
    assert code == 0 and report["imported"] == 1 and report["rating_year"] == 2024
    assert report["mapping"]["group"] == {"column": "B", "header": "Nhóm"}
    (person,) = people(data_dir)
    assert person.group.value == "cong_nhan_nong_dan"


@pytest.mark.parametrize("extra, code", [
    (["--map", "B=nickname"], "import.map_unknown_field"),
    (["--map", "Q=full_name"], "import.map_no_column"),
    (["--default", "group=học sinh"], "import.default_invalid"),
    (["--default", "position=x"], "import.default_unknown_field"),
    (["--default", "nothing"], "import.default_invalid"),
])
def test_bad_usage_exits_2_with_a_json_error(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, data_dir: Path,
                                             extra: list[str], code: str) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    exit_code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), *extra)
    assert exit_code == 2 and report["ok"] is False and report["error"]["code"] == code


def test_unreadable_or_hostile_files_exit_2(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, data_dir: Path) -> None:
    missing = tmp_path / "không có.xlsx"
    exit_code, report = hoso(capsys, str(missing), "--data-dir", str(data_dir))
    assert exit_code == 2 and report["error"]["code"] == "import.file_missing"
    wide = tmp_path / "long.csv"
    wide.write_text("Họ và tên,Ghi chú\nAn," + "x" * 200_000 + "\n", encoding="utf-8")
    exit_code, report = hoso(capsys, str(wide), "--data-dir", str(data_dir))
    assert exit_code == 2 and report["error"]["code"] == "import.field_too_long"
    assert report["error"]["row"] == 2 and report["problems"][0]["row"] == 2


def test_argparse_errors_are_json_too(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", "people", "--json", "--encoding", "latin-9"])
    assert code == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "usage"


def test_a_missing_profile_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    code, report = hoso(capsys, str(path), "--data-dir", str(tmp_path / "empty"))
    assert code == 2 and report["error"]["message"].startswith("Không có hồ sơ đơn vị")


def test_text_output_and_help(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              data_dir: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", BAD)
    code = main(["import", "people", str(path), "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "CHƯA CHỌN: thêm --default group=…" in out
    assert "Chưa nhập gì." in err
    with pytest.raises(SystemExit):
        main(["import", "people", "--help"])
    help_text = capsys.readouterr().out
    for flag in ("--skip-bad-rows", "--dry-run", "--map", "--default", "--json", "skipped"):
        assert flag in help_text


def test_in_a_real_process(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes("Họ và tên;Ngày sinh;Đối tượng;Dân tộc\r\nLò Văn Pọm;01/02/1990;Nông dân;"
                     "Thái\r\n".encode("utf-16"))
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "desktop", "import", "people", str(path),
                           "--data-dir", str(data_dir), "--json"], cwd=REPO, env=env,
                          capture_output=True, timeout=120, check=False)
    report = json.loads(done.stdout.decode("utf-8"))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert report["file"]["encoding"] == "utf-16" and report["imported"] == 1
    assert [p.full_name for p in people(data_dir)] == ["Lò Văn Pọm"]


def test_names_in_capitals_and_missing_birth_dates_are_noted_and_counted(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [
        [1, "NGUYỄN VĂN AN", "03/05/1980", "Nam", "Chủ tịch", "HTXSNV"],   # row 2
        [2, "Trần Thị Bích", "", "Nữ", "Kế toán", "HTT"],                 # row 3
        [3, "LÊ Đức Cường", "", "Nam", "", ""]])                          # row 4: mixed case
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--dry-run", *CONFIRM)
    assert code == 0
    assert report["summary"] == {"rows": 3, "valid": 3, "errors": 0, "birth_date_missing": 2,
                                 "names_in_capitals": 1, "names_fixed": 0}
    assert report["name_case"] == {"count": 1, "example": "NGUYỄN VĂN AN",
                                   "example_fixed": "Nguyễn Văn An", "applied": False,
                                   "flag": "--fix-name-case"}
    assert {(n["row"], n["code"]) for n in report["notices"]} == {
        (2, "import.name_all_capitals"), (3, "import.birth_date_missing"),
        (4, "import.birth_date_missing")}
    assert all(set(n) == ROW_KEYS for n in report["notices"])

    code = main(["import", "people", str(path), "--data-dir", str(data_dir), "--dry-run",
                 *CONFIRM])
    out = capsys.readouterr().out
    assert "2 dòng chưa có ngày sinh" in out and "thêm --fix-name-case" in out

    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--fix-name-case",
                        *CONFIRM)
    assert code == 0 and report["imported"] == 3 and report["imported_without_birth_date"] == 2
    assert report["summary"]["names_fixed"] == 1 and report["name_case"]["applied"] is True
    assert (2, "import.name_case_fixed") in {(n["row"], n["code"]) for n in report["notices"]}
    assert sorted(p.full_name for p in people(data_dir)) == [
        "LÊ Đức Cường", "Nguyễn Văn An", "Trần Thị Bích"]
