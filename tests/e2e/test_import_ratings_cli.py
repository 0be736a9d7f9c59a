"""`hoso import ratings`: exit codes (0 written or would be, 1 refused with row reports, 2 bad
usage or unreadable) and `--json` always one JSON object on stdout, every row with a code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.core.model import History, Person, Rating, YearRecord
from desktop.core.operations import profiles
from desktop.core.operations import ratings as ratings_ops
from desktop.core.operations import registry as ops
from tests.conftest import REPO
from tests.e2e.test_import_cli import data_dir, write_xlsx  # noqa: F401  (the fixture)

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Xếp loại"]
LAST_YEAR = date.today().year - 1


def seed(data_dir: Path) -> dict[str, int]:  # noqa: F811
    from desktop.core.catalog import load_catalog

    catalog = load_catalog(REPO / "forms")
    (info,) = profiles.list_profiles(data_dir)
    store = profiles.open_profile(data_dir, info.id)
    ids = {}
    try:
        for name, born, nid in (("Nguyễn Văn An", date(1980, 3, 5), "001080012345"),
                                ("Trần Thị Bích", date(1985, 7, 11), ""),
                                ("Lê Văn Cường", date(1990, 1, 2), "")):
            person, _c = ops.add_person(store, catalog, Person(None, name, born, national_id=nid),
                                        History(years=(YearRecord(LAST_YEAR, Rating.HTT),)),
                                        "test", date.today())
            assert person.id is not None
            ids[name] = person.id
    finally:
        store.close()
    return ids


def ratings_of(data_dir: Path, year: int) -> dict[str, str | None]:  # noqa: F811
    (info,) = profiles.list_profiles(data_dir)
    store = profiles.open_profile(data_dir, info.id)
    try:
        return {r.full_name: r.marks.rating.value if r.marks.rating else None
                for r in ratings_ops.rating_rows(store=store, year=year)}
    finally:
        store.close()


def hoso(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["import", "ratings", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


ROWS = [[1, "Nguyễn Văn An", "", "001080012345", "HTXSNV"],
        [2, "tran thi bich", "11/07/1985", "", "Hoàn thành tốt nhiệm vụ"],
        [3, "Hoàng Văn Em", "01/01/1970", "", "HTT"]]


def test_bad_rows_refuse_then_skip_writes_the_rest(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, data_dir: Path  # noqa: F811
                                                   ) -> None:
    seed(data_dir)
    year = str(date.today().year)
    path = write_xlsx(tmp_path / "xl.xlsx", ROWS, HEADERS)
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year)
    assert (code, report["ok"], report["updated"]) == (1, False, 0)
    assert report["error"]["code"] == "ratings.bad_rows"
    assert [p["code"] for p in report["problems"]] == ["ratings.not_found"]
    assert report["counts"] == {"ratings.matched": 2, "ratings.not_found": 1}
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year,
                        "--skip-bad-rows", "--dry-run")
    assert (code, report["ok"], report["updated"], report["would_update"]) == (0, True, 0, 2)
    assert set(ratings_of(data_dir, int(year)).values()) == {None}
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year,
                        "--skip-bad-rows")
    assert (code, report["updated"], len(report["skipped"])) == (0, 2, 1)
    assert report["audit_id"] is not None
    assert ratings_of(data_dir, int(year)) == {"Nguyễn Văn An": "htxs", "Trần Thị Bích": "htt",
                                               "Lê Văn Cường": None}
    assert report["mapping"]["national_id"] == {"column": "D", "header": "Số CCCD"}


def test_usage_and_unreadable_are_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         data_dir: Path) -> None:  # noqa: F811
    seed(data_dir)
    path = write_xlsx(tmp_path / "xl.xlsx", ROWS, HEADERS)
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir))
    assert (code, report["error"]["code"]) == (2, "ratings.year_missing")
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year",
                        str(date.today().year + 1))
    assert (code, report["error"]["code"]) == (2, "ratings.year_future")
    code, report = hoso(capsys, str(tmp_path / "none.xlsx"), "--data-dir", str(data_dir),
                        "--year", "2025")
    assert (code, report["error"]["code"]) == (2, "import.file_missing")


def test_plain_output_names_every_row(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      data_dir: Path) -> None:  # noqa: F811
    seed(data_dir)
    path = write_xlsx(tmp_path / "xl.xlsx", ROWS[:2], HEADERS)
    code = main(["import", "ratings", str(path), "--data-dir", str(data_dir), "--year",
                 str(date.today().year)])
    out = capsys.readouterr().out
    assert code == 0 and "ratings.matched" in out and "Đã ghi xếp loại cho 2 người" in out


def test_map_names_an_unguessed_column(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       data_dir: Path) -> None:  # noqa: F811
    seed(data_dir)
    year = str(date.today().year)
    path = write_xlsx(tmp_path / "m.xlsx", [["Nguyễn Văn An", "05/03/1980", "Tốt"]],
                      ["Họ và tên", "Ngày sinh", "Đánh giá cuối năm"])
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year)
    assert (code, report["error"]["code"]) == (2, "ratings.rating_unmapped")
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year,
                        "--map", "Đánh giá cuối năm=rating")
    assert (code, report["updated"]) == (0, 1)
    assert report["mapping"]["rating"]["column"] == "C"
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year,
                        "--map", "C=grade")
    assert (code, report["error"]["code"]) == (2, "import.map_unknown_field")


def test_a_cccd_carried_by_another_name_is_refused_and_matches_name_the_saved_person(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path  # noqa: F811
        ) -> None:
    ids = seed(data_dir)
    year = str(date.today().year)
    path = write_xlsx(tmp_path / "m.xlsx", [
        [1, "Lê Văn Cường", "02/01/1990", "001080012345", "HTXSNV"],   # An's CCCD
        [2, "tran thi bich", "11/07/1985", "", "HTT"]], HEADERS)
    code, report = hoso(capsys, str(path), "--data-dir", str(data_dir), "--year", year)
    assert (code, report["ok"]) == (1, False)
    wrong, bich = report["rows"]
    assert wrong["code"] == "ratings.name_mismatch" and wrong["column"].startswith("D")
    assert wrong["person_id"] is None and wrong["stored_name"] == ""
    assert "Nguyễn Văn An" in wrong["message"] and "Lê Văn Cường" in wrong["message"]
    assert bich["stored_name"] == "Trần Thị Bích" and bich["person_id"] == ids["Trần Thị Bích"]
    code = main(["import", "ratings", str(path), "--data-dir", str(data_dir), "--year", year,
                 "--skip-bad-rows"])
    out, err = capsys.readouterr()
    assert code == 0 and "Trần Thị Bích (mã" in out and "ratings.name_mismatch" in err
    assert ratings_of(data_dir, int(year)) == {"Nguyễn Văn An": None, "Trần Thị Bích": "htt",
                                               "Lê Văn Cường": None}
