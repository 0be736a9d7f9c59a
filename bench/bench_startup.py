"""Start to a usable main window, against a bare PySide6 table window (DESIGN §8: ≤ 1.6×),
and the resident memory of our process at 100k people (≤ 300 MB).

    python bench/bench_startup.py [--data-dir bench/out] [--runs 7]
    python bench/bench_startup.py --frozen dist/hoso [--data-dir bench/out] [--runs 5]

--frozen: the PyInstaller bundle instead (`hoso-gui --data-dir DIR`, which quits at the first
paint of the people list when HOSO_EXIT_AFTER_FIRST_PAINT is set), cold: before each run of
it and of the peer the page cache is dropped (`sync; echo 3 > /proc/sys/vm/drop_caches`, root
only; without it the runs are warm and the line says so). Also prints the bundle's size and
file count (`BUNDLE …`).

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


def _child_env(**extra: str) -> dict[str, str]:
    """The children run as an installed app does: with the bytecode compiled once (pip
    compiles what it installs, the bundle holds .pyc). With PYTHONDONTWRITEBYTECODE set (as
    in some CI and sandbox shells) every start would compile all of desktop/ from source,
    ~100 ms the officer never pays; the warm-up run writes the .pyc files."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(args: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, stderr) of one child process; its CPU
    seconds (user + sys) are appended to CPU_SECONDS."""
    env = _child_env()
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU_SECONDS.append(usage.ru_utime + usage.ru_stime)
    return wall, usage.ru_maxrss / 1024, proc.returncode, err


# CPU time of each child, in order: on a machine shared with other work it is steadier than
# the wall time (waiting for a core is not counted).
CPU_SECONDS: list[float] = []


def run(data_dir: Path, runs: int) -> dict[str, float]:
    peer = [str(BENCH / "_startup_peer.py"), "100000"]
    ours = [str(BENCH / "_startup_driver.py"), str(data_dir)]
    for args in (peer, ours):  # warm-up, discarded
        _w, _m, code, err = run_child(args)
        if code != 0:
            print(f"{Path(args[0]).name} failed (exit {code}):\n{err}", file=sys.stderr)
            raise SystemExit(2)
    samples: dict[str, list[tuple[float, float]]] = {"peer": [], "ours": []}
    cpu: dict[str, list[float]] = {"peer": [], "ours": []}
    last_err = {}
    for _i in range(runs):
        for name, args in (("peer", peer), ("ours", ours)):
            wall, rss, code, err = run_child(args)
            if code != 0:
                print(f"{name} failed (exit {code}):\n{err}", file=sys.stderr)
                raise SystemExit(2)
            samples[name].append((wall, rss))
            cpu[name].append(CPU_SECONDS[-1])
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
    paired = [o[0] / p[0] for o, p in zip(samples["ours"], samples["peer"], strict=True)]
    print(f"STARTUP ours={figures['ours_wall_s']:.3f}s peer={figures['peer_wall_s']:.3f}s "
          f"ratio={ratio:.2f} (paired runs {min(paired):.2f}–{max(paired):.2f}; "
          f"target ≤ 1.6), {runs} runs each")
    cpu_ratio = statistics.median(cpu["ours"]) / statistics.median(cpu["peer"])
    figures["startup_cpu_ratio"] = cpu_ratio
    print(f"STARTUP-CPU (user+sys) ours={statistics.median(cpu['ours']):.3f}s "
          f"peer={statistics.median(cpu['peer']):.3f}s ratio={cpu_ratio:.2f} (paired runs "
          f"{min(o / p for o, p in zip(cpu['ours'], cpu['peer'], strict=True)):.2f}–"
          f"{max(o / p for o, p in zip(cpu['ours'], cpu['peer'], strict=True)):.2f})")
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


def drop_caches() -> bool:
    """Empty the kernel's page cache (root on Linux); False when not allowed."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as handle:
            handle.write("3\n")
        return True
    except OSError:
        return False


def frozen(dist: Path, data_dir: Path, runs: int) -> dict[str, float]:
    exe = dist / ("hoso-gui.exe" if os.name == "nt" else "hoso-gui")
    # symbolic links (PyInstaller links some libraries on Linux) take no space: not counted
    files = [p for p in dist.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files) / 1_000_000
    print(f"BUNDLE {dist}: {size:.0f} MB in {len(files)} files (target ≤ 120 MB)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOSO_EXIT_AFTER_FIRST_PAINT="1")
    peer = [sys.executable, str(BENCH / "_startup_peer.py"), "100000"]
    ours = [str(exe), "--data-dir", str(data_dir)]
    cold = drop_caches()
    samples: dict[str, list[float]] = {"peer": [], "ours": []}
    for run in range(runs + 1):
        for name, command in (("peer", peer), ("ours", ours)):
            drop_caches()
            t = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, check=False,
                                  cwd=ROOT, timeout=300)
            wall = time.perf_counter() - t
            if done.returncode != 0:
                print(f"{name} failed (exit {done.returncode}):\n"
                      f"{done.stderr.decode(errors='replace')[-2000:]}", file=sys.stderr)
                raise SystemExit(2)
            if run or cold:  # warm runs: the first one only fills the cache
                samples[name].append(wall)
    med = statistics.median
    o, p = samples["ours"], samples["peer"]
    ratios = [a / b for a, b in zip(o, p, strict=False)]
    state = "cold (page cache dropped before each run)" if cold else \
        "warm (page cache could not be dropped: not root)"
    print(f"STARTUP-FROZEN {state}: ours={med(o):.3f}s (min {min(o):.3f} max {max(o):.3f}) "
          f"peer={med(p):.3f}s (min {min(p):.3f} max {max(p):.3f}) ratio={med(ratios):.2f} "
          f"(min {min(ratios):.2f} max {max(ratios):.2f}), {len(o)} runs each")
    return {"frozen_s": med(o), "peer_s": med(p), "bundle_mb": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="start-up time and memory at 100k people")
    parser.add_argument("--data-dir", type=Path, default=BENCH / "out")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--frozen", type=Path, default=None,
                        help="the bundle's folder (dist/hoso): time it cold instead")
    args = parser.parse_args(argv)
    if args.frozen is not None:
        frozen(args.frozen.resolve(), args.data_dir.resolve(), args.runs)
        return 0
    if not (args.data_dir / "profiles" / "synthetic" / "hoso.sqlite").exists():
        print(f"no synthetic profile in {args.data_dir}: run bench/make_synthetic.py first",
              file=sys.stderr)
        return 2
    print(f"start-up: {args.runs} runs each, offscreen, data dir {args.data_dir}")
    run(args.data_dir.resolve(), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
