"""`hoso eligibility FILE.json` in a subprocess: the contract the province's tools rely on."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTRACT = Path("/work/shared/contracts/eligibility-example.json")
if not CONTRACT.exists():  # a checkout without the shared folder: the copy beside the tests
    CONTRACT = REPO / "tests" / "e2e" / "data" / "eligibility-example.json"


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "eligibility", str(path)],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)


def _contract() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return data


def test_contract_file_gives_its_expected_verdicts() -> None:
    proc = _run(CONTRACT)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    expected = {c["id"]: (c["target"], c["expected"]) for c in _contract()["cases"]}
    assert [r["id"] for r in results] == list(expected)
    for r in results:
        assert (r["target"], r["verdict"]) == expected[r["id"]], r
        assert isinstance(r["evidence_needed"], list)
        for reason in r["reasons"]:
            assert reason["code"] and reason["message"] and reason["basis"]
    by_id = {r["id"]: r for r in results}
    # Reasons name the legal basis in Vietnamese, and what is missing is actionable.
    assert any("Luật TĐKT 2022, Điều 23" in x["basis"] for x in by_id["ex2"]["reasons"])
    assert any("LĐTT" in m for m in by_id["ex4"]["missing"])
    assert by_id["ex5"]["reasons"][0]["code"] == "pending_review"
    assert any("sáng kiến" in e for e in by_id["ex1"]["evidence_needed"])


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("mutate", "needle"), [
    (lambda d: d["cases"][1].pop("years"), ("ex2", "years")),
    (lambda d: d["cases"][0].update(target="chien_si_thi_dua_xa"), ("ex1", "target")),
    (lambda d: d["cases"][2]["years"]["2025"].update(rating="tot"), ("ex3", "years.2025.rating")),
    (lambda d: d["cases"][3]["members"].pop("total"), ("ex4", "members.total")),
    (lambda d: d["cases"][4]["subject"].update(hired_on="01/02/2020"),
     ("ex5", "subject.hired_on")),
    (lambda d: d["cases"][5]["years"]["2026"]["titles"].append("cstd"),
     ("ex6", "years.2026.titles[2]")),
    (lambda d: d["cases"][0]["initiatives"][0].update(scope="xa"), ("ex1", "initiatives[0].scope")),
    (lambda d: d["cases"][1].update(discipline=[{"level": "canh_cao"}]),
     ("ex2", "discipline[0].start")),
    (lambda d: d.update(province="khong_co"), ("province",)),
    (lambda d: d.update(format="hoso-eligibility/9"), ("format",)),
])
def test_malformed_input_exits_2_naming_case_and_key(tmp_path: Path, mutate: Any,
                                                     needle: tuple[str, ...]) -> None:
    data = copy.deepcopy(_contract())
    mutate(data)
    proc = _run(_write(tmp_path, data))
    assert proc.returncode == 2, proc.stdout
    assert proc.stdout == ""
    for part in needle:
        assert part in proc.stderr, proc.stderr


def test_not_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    proc = _run(path)
    assert proc.returncode == 2
    assert "JSON" in proc.stderr


def test_unknown_keys_are_ignored_and_collective_reasons_explain(tmp_path: Path) -> None:
    data = copy.deepcopy(_contract())
    data["note"] = "ignored"
    data["cases"] = [data["cases"][3]]
    data["cases"][0]["members"]["with_lao_dong_tien_tien"] = 9
    data["cases"][0]["extra"] = {"anything": 1}
    proc = _run(_write(tmp_path, data))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)["results"][0]
    assert result["verdict"] == "eligible"
    assert any("9/12" in r["message"] for r in result["reasons"])
