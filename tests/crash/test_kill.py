"""kill -9 during the writes that matter leaves nothing half-written (tests/crash/killer.py
says how): export, package import, receipt and decisions import, Excel import, migration.

The kill points come from a fixed seed and the count of I/O calls each operation makes, not
from sleeping, so a run is the same every time; the run is bounded (8 points a scenario).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SEED = 20261123
POINTS = 8


@pytest.mark.skipif(os.name != "posix", reason="forks and sends SIGKILL (POSIX)")
def test_kill_9_at_many_points_leaves_nothing_half_written(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(HERE / "killer.py"), str(tmp_path), str(SEED),
                           str(POINTS)], capture_output=True, text=True, encoding="utf-8",
                          timeout=600, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(proc.stdout.strip().splitlines()[-1])["scenarios"]
    assert set(summary) == {"export", "package_import", "receipt_import", "decisions_import",
                            "excel_import", "migration"}
    for name, result in summary.items():
        assert result["problems"] == [], (name, result["problems"])
        assert len(result["points"]) == POINTS, (name, result)
        assert result["killed"] == POINTS, (name, result)   # every point was reached
