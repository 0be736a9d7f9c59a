"""Eligibility over the synthetic unit (DESIGN §8: every title for 300,000 people ≤ 2 s and
≤ 150 MB, memory flat as the unit grows; one panel ≤ 20 ms).

    python bench/bench_eligibility.py [--data-dir bench/out] [--repeat 3] [--year 2026]
    python bench/bench_eligibility.py --budget DIR [DIR …] [--runs 5]

--budget: for each synthetic unit DIR (e.g. 100k and 300k people), `--runs` fresh processes
each evaluate every individual title for everyone (`eligibility_table`) and report its
wall time and the process's peak RSS, alternating with the peer: one indexed SQL rule over
the same file in the same process ("CSTĐCS in each of the three years before", a GROUP BY
over the awards(code, year) index, the TECH-NOTES §4 query). Prints `ELIGIBILITY …` with
medians, min–max, the ratio ours/peer and the RSS per size.

Needs DIR/profiles/synthetic/hoso.sqlite from `python bench/make_synthetic.py --out DIR`; if it
is missing, builds it first with that script. Measures, through core.operations.eligibility:
- every individual title for everyone (`eligibility_table`, facts loaded once), split into
  reading the facts (eligibility_bulk.People: the SQL scans into id arrays), building each
  span's population and evaluating the titles;
- every collective title for every collective (their members' facts included);
- `eligible_ids` for one title (the registry filter as the UI calls it);
- one person's panel (`evaluate_subject`, all titles) and the next-year view, median and p95
  over a spread of people.
Prints best / median of `--repeat` runs and the counts found. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model import SubjectKind, SubjectRef  # noqa: E402
from desktop.core.operations import eligibility as el  # noqa: E402
from desktop.core.operations import eligibility_bulk as bulk  # noqa: E402
from desktop.core.rules import Engine  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.paths import forms_dir  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn, repeat: int) -> tuple[list[float], object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def line(label: str, times: list[float]) -> None:
    print(f"{label:<58} best {min(times):7.3f} s   median {statistics.median(times):7.3f} s")


PEER_SQL = ("SELECT person_id FROM awards WHERE code = 'chien_si_thi_dua_co_so' "
            "AND year BETWEEN ? AND ? AND person_id IS NOT NULL GROUP BY person_id "
            "HAVING count(DISTINCT year) = 3")


def _child(db_path: Path, year: int, province: str) -> int:
    """One measurement in a fresh process: the peer, then ours; prints one line."""
    import resource

    catalog = load_catalog(forms_dir())
    store = open_store(db_path)
    t = time.perf_counter()
    peer_rows = store.db.execute(PEER_SQL, [year - 3, year - 1]).fetchall()
    peer = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    table = el.eligibility_table(store, catalog, year, province)
    ours, cpu = time.perf_counter() - t, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    people = store.db.execute("SELECT count(*) FROM people").fetchone()[0]
    eligible = sum(len(v["eligible"]) for v in table.values())
    print(f"CHILD people={people} ours={ours:.4f} cpu={cpu:.4f} peer={peer:.4f} rss={rss:.1f} "
          f"peer_rows={len(peer_rows)} eligible={eligible}")
    store.close()
    return 0


def budget(dirs: list[Path], runs: int, year: int) -> int:
    """Wall time and peak RSS of everyone's eligibility, per unit size."""
    rows = []
    for data_dir in dirs:
        db = data_dir / "profiles" / "synthetic" / "hoso.sqlite"
        samples = []
        for run in range(runs + 1):  # the first fills the page cache: discarded
            out = subprocess.run([sys.executable, __file__, "--child", str(db), "--year",
                                  str(year)], capture_output=True, text=True, check=True)
            line = next(x for x in out.stdout.splitlines() if x.startswith("CHILD"))
            values = dict(kv.split("=") for kv in line.split()[1:])
            if run:
                samples.append(values)
        ours = [float(v["ours"]) for v in samples]
        cpu = [float(v["cpu"]) for v in samples]
        peer = [float(v["peer"]) for v in samples]
        rss = [float(v["rss"]) for v in samples]
        ratio = [o / p for o, p in zip(ours, peer, strict=True)]
        people = int(samples[0]["people"])
        med = statistics.median
        rows.append((people, med(rss)))
        print(f"ELIGIBILITY {people} people: ours={med(ours):.2f}s "
              f"(min {min(ours):.2f} max {max(ours):.2f}; CPU {med(cpu):.2f}s) "
              f"peer={med(peer) * 1000:.0f}ms "
              f"ratio={med(ratio):.1f}x (min {min(ratio):.1f} max {max(ratio):.1f}); "
              f"peak RSS {med(rss):.0f} MB (max {max(rss):.0f}) "
              f"(target at 300k: ≤ 2 s, ≤ 150 MB); {runs} runs")
    if len(rows) > 1:
        (n1, m1), (n2, m2) = rows[0], rows[-1]
        print(f"MEMORY eligibility grows {(m2 - m1) / max(1, n2 - n1) * 1e6 / 1024:.2f} KB a "
              f"person ({m1:.0f} MB at {n1}, {m2:.0f} MB at {n2})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=Path, nargs="+", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--province", default="default")
    args = parser.parse_args(argv)
    if args.child is not None:
        return _child(args.child, args.year, args.province)
    if args.budget is not None:
        return budget(args.budget, args.runs, args.year)
    db_path = args.data_dir / "profiles" / "synthetic" / "hoso.sqlite"
    if not db_path.exists():
        print(f"{db_path} missing: building it with bench/make_synthetic.py", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_synthetic.py"), "--out",
                        str(args.data_dir)], check=True)
    catalog = load_catalog(forms_dir())
    store = open_store(db_path)
    year, province = args.year, args.province
    engine = Engine.for_province(catalog, province)
    people = store.db.execute("SELECT count(*) FROM people").fetchone()[0]
    collectives = store.db.execute("SELECT count(*) FROM collectives").fetchone()[0]
    print(f"synthetic unit: {people} people, {collectives} collectives; review year {year}")

    el.eligibility_table(store, catalog, year, province)  # warm the page cache, like an app
    times, table = timed(lambda: el.eligibility_table(store, catalog, year, province),
                         args.repeat)
    line(f"all {len(table)} individual titles × {people} people", times)
    # The same path as eligibility_table: the facts read once as id arrays, then span by span
    # a Population built from slices of them and every title selected from it.
    load_times, people_facts = timed(lambda: bulk.People(store, catalog, year, province),
                                     args.repeat)
    line("  of which: reading the facts (SQL scans, id arrays)", load_times)
    t = time.perf_counter()
    pops = list(people_facts.populations())  # type: ignore[attr-defined]  # all at once here
    line(f"  of which: building {len(pops)} spans' populations", [time.perf_counter() - t])

    def evaluate_all() -> None:
        for pop in pops:
            pop.cache.clear()
            for info in engine.applicable("individual"):
                engine.select(pop, info.code)

    line("  of which: evaluating the titles", timed(evaluate_all, args.repeat)[0])
    pops.clear()  # let the spans go before the next measurements
    for code, sets in table.items():  # type: ignore[union-attr]
        print(f"    {code:<32} eligible {len(sets['eligible']):>6}  confirmed "
              f"{len(sets['confirmed']):>6}  hold {len(sets['hold']):>4}")

    times, ctable = timed(lambda: el.eligibility_table(store, catalog, year, province,
                                                       "collective"), args.repeat)
    line(f"all {len(ctable)} collective titles × {collectives} collectives", times)
    for code, sets in ctable.items():  # type: ignore[union-attr]
        print(f"    {code:<32} eligible {len(sets['eligible']):>6}")

    times, _ids = timed(lambda: el.eligible_ids(store, catalog, "chien_si_thi_dua_co_so", year,
                                               province), args.repeat)
    line("eligible_ids(chien_si_thi_dua_co_so) (registry filter)", times)

    sample = list(range(1, people + 1, max(1, people // 200)))
    panel, steps = [], []
    for pid in sample:
        ref = SubjectRef(SubjectKind.PERSON, pid)
        t = time.perf_counter()
        el.evaluate_subject(store, catalog, ref, year, province)
        panel.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        el.next_steps(store, catalog, ref, year, province)
        steps.append((time.perf_counter() - t) * 1000)
    print(f"one person's panel (all titles), {len(sample)} people: median "
          f"{statistics.median(panel):.2f} ms, p95 {percentile(panel, 95):.2f} ms, "
          f"max {max(panel):.2f} ms")
    print(f"next-year view, same people: median {statistics.median(steps):.2f} ms, "
          f"p95 {percentile(steps, 95):.2f} ms")
    cpanel = []
    for cid in range(1, min(collectives, 200) + 1):
        t = time.perf_counter()
        el.evaluate_subject(store, catalog, SubjectRef(SubjectKind.COLLECTIVE, cid), year,
                            province)
        cpanel.append((time.perf_counter() - t) * 1000)
    if cpanel:
        print(f"one collective's panel, {len(cpanel)} collectives: median "
              f"{statistics.median(cpanel):.2f} ms, p95 {percentile(cpanel, 95):.2f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
