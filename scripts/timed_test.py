"""`make test`: the linters, the type checker and the whole test suite, each timed.

    .venv/bin/python scripts/timed_test.py [pytest arguments…]

Runs ruff, lint-imports, mypy and pytest (headless, with --durations=15 so the slowest tests
are named; the slow frozen-build test included, as CI runs it) one after the other, even when
one fails, then prints how long each part took. Exit status 0 only if all of them passed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main(argv: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    steps = [
        ("ruff", [str(BIN / "ruff"), "check", "."]),
        ("lint-imports", [str(BIN / "lint-imports")]),
        ("mypy", [str(BIN / "mypy")]),
        ("pytest", [sys.executable, "-m", "pytest", "-q", "--durations=15", *argv]),
    ]
    results = []
    for name, command in steps:
        print(f"\n=== {name}: {' '.join(command)}", flush=True)
        started = time.perf_counter()
        code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        results.append((name, code, time.perf_counter() - started))
    print("\n=== how long each part took")
    for name, code, seconds in results:
        print(f"  {name:<13} {seconds:7.1f} s   {'ok' if code == 0 else f'FAILED (exit {code})'}")
    print(f"  {'total':<13} {sum(s for _n, _c, s in results):7.1f} s")
    return 0 if all(code == 0 for _n, code, _s in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
