"""The fuzz run of `make test` (tests/fuzz/fuzzer.py says what it does): a fixed seed and a
bounded number of cases for the verifier and both importers; no crash, no hang, and no
accepted package that differs from the valid one outside the fields allowed to vary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261123
CASES = {"verifier": 4000, "xlsx": 600, "csv": 1500}


def test_fuzz_run(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(HERE / "fuzzer.py"), str(tmp_path), str(SEED),
         str(CASES["verifier"]), str(CASES["xlsx"]), str(CASES["csv"])],
        capture_output=True, text=True, encoding="utf-8", timeout=900, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONWARNINGS": "ignore"})
    current = tmp_path / "current-case.txt"
    last = current.read_text("utf-8") if current.exists() else "?"
    # faulthandler ends a hanging run with the traceback on stderr: name the case.
    assert proc.returncode == 0, f"hang or crash at {last}:\n{proc.stderr[-3000:]}"
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    for target, cases in CASES.items():
        result = summary[target]
        assert result["tried"] == cases, (target, result)
        assert result["crashes"] == 0, (target, result["samples"])
        assert result["bad_accepts"] == 0, (target, result["samples"])
        assert result["refused"] + result["accepted"] == cases, (target, result)
    print(json.dumps(summary, ensure_ascii=False))
