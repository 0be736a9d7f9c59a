"""Every benchmark, one after the other, then a summary (DESIGN §8). Asserts nothing.

    python bench/run_all.py [--data-dir bench/out] [--runs 7] [--rebuild]

1. bench/make_synthetic.py builds the 100,000-person unit into DATA_DIR if it is missing;
2. bench/bench_search.py, bench_startup.py, bench_eligibility.py, bench_package.py and
   bench_documents.py (which needs LibreOffice for its peer; see bench/README.md).
Each runs as its own process (a crash in one does not hide the others' figures); the lines
they print in capitals (SEARCH, STARTUP, MEMORY, SCROLL …) are repeated at the end, or, for a
script that prints none, its last six lines.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def step(title: str, args: list[str], summary: list[str]) -> int:
    print(f"\n=== {title}: {' '.join(args)}", flush=True)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=BENCH.parent, text=True,
                            encoding="utf-8")
    assert proc.stdout is not None
    headlines, tail = [], []
    for line in proc.stdout:
        print(line, end="", flush=True)
        head = line.split(" ", 1)[0]
        if head.isupper() and head.isalpha() and len(head) > 3:
            headlines.append(line.rstrip())
        if line.strip():
            tail = [*tail[-5:], line.rstrip()]
    code = proc.wait()
    # a script without headline lines is summed up by the last lines it printed
    summary.extend(headlines or [f"{title}:", *(f"  {t.strip()}" for t in tail)])
    elapsed = time.perf_counter() - t
    if code != 0:
        summary.append(f"{title}: FAILED (exit {code})")
    print(f"=== {title}: exit {code} in {elapsed:.1f}s", flush=True)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run every benchmark")
    parser.add_argument("--data-dir", type=Path, default=BENCH / "out")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each program")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the synthetic unit")
    args = parser.parse_args(argv)
    data = str(args.data_dir)
    summary: list[str] = []
    db = args.data_dir / "profiles" / "synthetic" / "hoso.sqlite"
    if args.rebuild or not db.exists():
        make = [str(BENCH / "make_synthetic.py"), "--out", data]
        if step("synthetic unit", make + (["--force"] if args.rebuild else []), summary):
            print("\n".join(summary))
            return 1
    else:
        print(f"using the existing synthetic unit {db} (--rebuild to make it again)")
    step("search", [str(BENCH / "bench_search.py"), "--data-dir", data], summary)
    step("start-up and memory", [str(BENCH / "bench_startup.py"), "--data-dir", data,
                                 "--runs", str(args.runs)], summary)
    step("eligibility", [str(BENCH / "bench_eligibility.py"), "--data-dir", data], summary)
    step("packages", [str(BENCH / "bench_package.py"), "--out", str(args.data_dir / "package")],
         summary)
    # The documents peer is LibreOffice (bench/README.md says how to install it).
    step("documents", [str(BENCH / "bench_documents.py")], summary)
    print("\n=== summary")
    print("\n".join(summary))
    return 1 if any("FAILED" in line for line in summary) else 0


if __name__ == "__main__":
    sys.exit(main())
