"""Start to a usable main window, against a bare PySide6 table window (DESIGN §8: ≤ 2×),
and the resident memory of our process at 100k people (≤ 300 MB).

    python bench/bench_startup.py [--data-dir bench/out] [--runs 7]

Each run is a fresh subprocess under QT_QPA_PLATFORM=offscreen, timed from spawn to exit:
- peer: bench/_startup_peer.py, QMainWindow + QTableView over a 100,000-row model of Python
  tuples, quitting after the table viewport's first paint;
- ours: bench/_startup_driver.py, desktop.app.build_window on the synthetic profile, quitting
  after the first paint of the people list (window.people_view's viewport).
Runs alternate (peer, ours, peer, ours …) so background load hits both alike; one warm-up run
of each is discarded (it fills the page cache and lets the app make its daily backup copy).
Peak RSS per run comes from os.wait4's rusage (ru_maxrss). A last run of ours with --exercise
jumps through the whole list and searches, and prints those latencies and the peak RSS after
use. Prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def run_child(args: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, stderr) of one child process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, err


def run(data_dir: Path, runs: int) -> dict[str, float]:
    peer = [str(BENCH / "_startup_peer.py"), "100000"]
    ours = [str(BENCH / "_startup_driver.py"), str(data_dir)]
    for args in (peer, ours):  # warm-up, discarded
        _w, _m, code, err = run_child(args)
        if code != 0:
            print(f"{Path(args[0]).name} failed (exit {code}):\n{err}", file=sys.stderr)
            raise SystemExit(2)
    samples: dict[str, list[tuple[float, float]]] = {"peer": [], "ours": []}
    last_err = {}
    for _i in range(runs):
        for name, args in (("peer", peer), ("ours", ours)):
            wall, rss, code, err = run_child(args)
            if code != 0:
                print(f"{name} failed (exit {code}):\n{err}", file=sys.stderr)
                raise SystemExit(2)
            samples[name].append((wall, rss))
            last_err[name] = err.strip().splitlines()[-1] if err.strip() else ""
    figures: dict[str, float] = {}
    for name in ("peer", "ours"):
        walls = [w for w, _m in samples[name]]
        rss = [m for _w, m in samples[name]]
        figures[f"{name}_wall_s"] = statistics.median(walls)
        figures[f"{name}_rss_mb"] = max(rss)
        print(f"  {name}: wall median={statistics.median(walls):.3f}s "
              f"min={min(walls):.3f}s max={max(walls):.3f}s; peak RSS max={max(rss):.0f} MB "
              f"median={statistics.median(rss):.0f} MB   [{last_err[name]}]")
    ratio = figures["ours_wall_s"] / figures["peer_wall_s"]
    figures["startup_ratio"] = ratio
    print(f"STARTUP ours={figures['ours_wall_s']:.3f}s peer={figures['peer_wall_s']:.3f}s "
          f"ratio={ratio:.2f} (target ≤ 2.0), {runs} runs each")
    print(f"MEMORY ours peak RSS={figures['ours_rss_mb']:.0f} MB (target ≤ 300 MB); "
          f"peer={figures['peer_rss_mb']:.0f} MB")
    # then use the window as an officer would: jump through the whole list, search
    _w, rss, code, err = run_child([*ours, "--exercise"])
    if code != 0:
        print(f"exercise run failed (exit {code}):\n{err}", file=sys.stderr)
        raise SystemExit(2)
    for line in err.splitlines():
        if line.startswith(("SCROLL", "MEMORY", "  search")):
            print(line)
    figures["ours_rss_after_use_mb"] = rss
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="start-up time and memory at 100k people")
    parser.add_argument("--data-dir", type=Path, default=BENCH / "out")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not (args.data_dir / "profiles" / "synthetic" / "hoso.sqlite").exists():
        print(f"no synthetic profile in {args.data_dir}: run bench/make_synthetic.py first",
              file=sys.stderr)
        return 2
    print(f"start-up: {args.runs} runs each, offscreen, data dir {args.data_dir}")
    run(args.data_dir.resolve(), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
