"""The two sample communes merge into one: `hoso demo` builds xã Thanh Sơn and, with
`--variant tan-lap --shared-with`, the former xã Tân Lập sharing a few of its people; the
officer's decisions come from the `--dry-run --json` template; afterwards each shared person
is one person whose years run across the merger."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.core.catalog import Catalog
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.core.operations.demo import build_demo
from desktop.core.operations.merging import list_former_units, postings_of


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out.splitlines()[-1] if "--json" not in args else out)


def test_two_demo_communes_merge_into_one(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          catalog: Catalog) -> None:
    a, b = tmp_path / "thanh-son", tmp_path / "tan-lap"
    build_demo(a, 2026, "demo", date.today(), catalog)
    code, made = _run(capsys, "demo", "--data-dir", str(b), "--variant", "tan-lap",
                      "--shared-with", str(a))
    assert code == 0 and made["variant"] == "tan-lap" and 40 <= made["people"] <= 50
    code, plan = _run(capsys, "merge", "--data-dir", str(a), "--from", str(b), "--dry-run",
                      "--json")
    assert code == 1  # three pairs wait for the officer
    why = sorted(tuple(p["why"]) for p in plan["pairs"])
    assert why.count(("same_name_birth", "same_national_id")) == 2  # the two who moved
    assert ("same_name_birth",) in why  # recorded in Tân Lập without a CCCD
    assert any("national_id_differs" in w for w in why)  # the namesake
    assert any("history_conflicts" in w and "national_id_differs" not in w for w in why)
    shared = {}
    for pair in plan["pairs"]:
        two = "national_id_differs" in pair["why"]
        pair["decision"] = "keep_both" if two else "merge"
        pair["choices"] = {key: "existing" for key in pair["choices"]}
        if not two:
            shared[pair["existing"]["id"]] = pair["existing"]["full_name"]
    (tmp_path / "pairs.json").write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    code, done = _run(capsys, "merge", "--data-dir", str(a), "--from", str(b), "--confirm",
                      str(tmp_path / "pairs.json"), "--json")
    assert code == 0, done["problems"]
    assert (done["result"]["merged"], done["result"]["kept_both"]) == (4, 1)

    (info,) = profiles.list_profiles(a)
    store = profiles.open_profile(a, info.id)
    try:
        assert [u.label for u in list_former_units(store)] == ["xã Tân Lập (cũ)"]
        for pid, name in shared.items():
            history = ops.get_history(store, SubjectRef(SubjectKind.PERSON, pid))
            years = sorted(y.year for y in history.years)
            issuers = {a.issuer for a in history.awards}
            assert "Chủ tịch UBND xã Tân Lập (cũ)" in issuers, name
            # one person, one record per year; the movers' years run on across the move
            assert len(years) == len(set(years)), name
            assert [p.unit_name for p in postings_of(store, pid)] == ["xã Tân Lập"]
        movers = [pid for pid in shared
                  if min(y.year for y in ops.get_history(
                      store, SubjectRef(SubjectKind.PERSON, pid)).years) == 2020]
        assert len(movers) >= 2
        for pid in movers:
            years = sorted(y.year for y in ops.get_history(
                store, SubjectRef(SubjectKind.PERSON, pid)).years)
            assert years == list(range(2020, years[-1] + 1))  # no gap at the merger
    finally:
        store.close()
