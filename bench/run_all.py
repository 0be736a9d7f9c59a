"""Every benchmark, one after the other, then a summary (DESIGN §8). Asserts nothing.

    python bench/run_all.py [--data-dir bench/out] [--runs 7] [--rebuild] [--quick]
                            [--frozen dist/hoso]

1. bench/make_synthetic.py builds the 100,000-person unit into DATA_DIR and the
   300,000-person one into DATA_DIR-300k if they are missing;
2. bench_search.py (300k), bench_startup.py (100k), bench_eligibility.py --budget (100k and
   300k: time, peak RSS, memory per person), bench_package.py, bench_documents.py (which
   needs LibreOffice for its peer; see bench/README.md), bench_preview.py, and with
   --frozen (or when dist/hoso exists) bench_startup.py --frozen: the bundle's size and its
   cold start.
Every headline is a figure against its peer measured in the same run.
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
        if head.isupper() and head.replace("-", "").isalpha() and len(head) > 3:
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
    parser.add_argument("--rebuild", action="store_true", help="rebuild the synthetic units")
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs of everything (a first look, not figures to quote)")
    parser.add_argument("--frozen", type=Path, default=BENCH.parent / "dist" / "hoso",
                        help="the PyInstaller bundle to time cold (skipped if missing)")
    args = parser.parse_args(argv)
    data = str(args.data_dir)
    big = args.data_dir.with_name(args.data_dir.name + "-300k")
    summary: list[str] = []
    for folder, people in ((args.data_dir, 100_000), (big, 300_000)):
        db = folder / "profiles" / "synthetic" / "hoso.sqlite"
        if args.rebuild or not db.exists():
            make = [str(BENCH / "make_synthetic.py"), "--out", str(folder), "--people",
                    str(people)]
            if step(f"synthetic unit of {people}", make + (["--force"] if args.rebuild
                                                          else []), summary):
                print("\n".join(summary))
                return 1
        else:
            print(f"using the existing synthetic unit {db} (--rebuild to make it again)")
    runs = 3 if args.quick else args.runs
    step("search (300k)", [str(BENCH / "bench_search.py"), "--data-dir", str(big),
                           "--repeat", "3" if args.quick else "10"], summary)
    step("start-up and memory (100k)", [str(BENCH / "bench_startup.py"), "--data-dir", data,
                                        "--runs", str(runs)], summary)
    step("eligibility (100k, 300k)", [str(BENCH / "bench_eligibility.py"), "--budget", data,
                                      str(big), "--runs", "3" if args.quick else "5"], summary)
    step("packages", [str(BENCH / "bench_package.py"), "--out", str(args.data_dir / "package")],
         summary)
    # The documents peer is LibreOffice (bench/README.md says how to install it).
    step("documents", [str(BENCH / "bench_documents.py"), "--no-per-file", "--runs",
                       "2" if args.quick else "3", "--soffice-runs",
                       "2" if args.quick else "3"], summary)
    step("print preview", [str(BENCH / "bench_preview.py"), "--runs",
                           "2" if args.quick else "5"], summary)
    if (args.frozen / "hoso-gui").exists() or (args.frozen / "hoso-gui.exe").exists():
        step("frozen bundle", [str(BENCH / "bench_startup.py"), "--frozen", str(args.frozen),
                               "--data-dir", data, "--runs", str(runs)], summary)
    else:
        summary.append(f"BUNDLE not measured: no bundle in {args.frozen} (make build)")
    print("\n=== summary")
    print("\n".join(summary))
    return 1 if any("FAILED" in line for line in summary) else 0


if __name__ == "__main__":
    sys.exit(main())
