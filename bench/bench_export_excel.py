"""Excel export of the whole synthetic unit (issue 12): 100,000 people to .xlsx.

    python bench/bench_export_excel.py [--data-dir bench/out] [--runs 3]

Ours: core.operations.exporting.export_people (streamed from SQLite, write-only workbook,
atomic write), without and with a year's rating and awards, and the collectives with their
~100,000 memberships. Peer: openpyxl's write-only mode writing the same 100,000 rows of plain
values already in memory, with no styles, sizing or database: what the library itself costs.
Prints best-of-N seconds, the ratio ours/peer, file sizes and the peak RSS of this process.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.operations import exporting  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.core.store.exporting import iter_people  # noqa: E402

TODAY = date(2026, 11, 23)


CPU: dict[str, float] = {}


def best(runs: int, work: Callable[[], object], name: str = "") -> float:
    """Best wall time of `runs`; the CPU time of that run goes into CPU[name] (on a shared
    machine the wall time mostly measures the neighbours)."""
    times = []
    for _i in range(runs):
        t, c = time.perf_counter(), time.process_time()
        work()
        times.append((time.perf_counter() - t, time.process_time() - c))
    wall, cpu = min(times)
    CPU[name] = cpu
    return wall


def rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    db = args.data_dir / "profiles" / "synthetic" / "hoso.sqlite"
    if not db.exists():
        print(f"no synthetic unit at {db}: run bench/make_synthetic.py --out {args.data_dir}")
        return 1
    store = open_store(db)
    catalog = load_catalog(ROOT / "forms")
    start_rss = rss_mb()
    with tempfile.TemporaryDirectory(prefix="hoso-bench-xlsx-") as tmp:
        out = Path(tmp)
        # ours first, so the peak RSS read next is ours, not the peer's rows in memory
        people_s = best(args.runs, lambda: exporting.export_people(
            store, catalog, out / "people.xlsx", today=TODAY), "people")
        year_s = best(args.runs, lambda: exporting.export_people(
            store, catalog, out / "people_year.xlsx", today=TODAY, year=2025), "year")
        groups_s = best(args.runs, lambda: exporting.export_collectives(
            store, catalog, out / "groups.xlsx", today=TODAY), "groups")
        ours_rss = rss_mb()
        rows = [(p.full_name, p.birth_date, p.gender.value if p.gender else "", p.ethnicity,
                 p.position, p.department, p.group.value, p.national_id)
                for p, _r, _c in iter_people(store.db)]
        count = len(rows)

        def peer() -> None:
            book = openpyxl.Workbook(write_only=True)
            ws = book.create_sheet("people")
            for row in rows:
                ws.append(row)
            book.save(out / "peer.xlsx")

        peer_s = best(args.runs, peer, "peer")
        size = {name: (out / name).stat().st_size / 1e6
                for name in ("peer.xlsx", "people.xlsx", "people_year.xlsx", "groups.xlsx")}
    store.close()
    print(f"people: {count:,} rows")
    print(f"peer (openpyxl write-only, values in memory): {peer_s:.2f} s, "
          f"{size['peer.xlsx']:.1f} MB")
    print(f"ours export_people: {people_s:.2f} s, {size['people.xlsx']:.1f} MB")
    print(f"ours export_people --year: {year_s:.2f} s, {size['people_year.xlsx']:.1f} MB")
    print(f"ours export_collectives (+members): {groups_s:.2f} s, "
          f"{size['groups.xlsx']:.1f} MB")
    print(f"EXCEL people={people_s:.2f}s peer={peer_s:.2f}s ratio={people_s / peer_s:.2f} "
          f"with_year={year_s:.2f}s collectives={groups_s:.2f}s")
    print(f"EXCEL cpu people={CPU['people']:.2f}s peer={CPU['peer']:.2f}s "
          f"ratio={CPU['people'] / CPU['peer']:.2f} with_year={CPU['year']:.2f}s "
          f"collectives={CPU['groups']:.2f}s")
    print(f"MEMORY excel peak_rss={ours_rss:.0f}MB after our exports (at start "
          f"{start_rss:.0f}MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
