"""150 LĐTT nominations in a round, from the first click to done (issue 12), driven through
the real windows by pytest-qt, counting every key press and mouse click the officer makes.

    python bench/bench_bulk_nominate.py [--people 150] [--nominees 150] [--out DIR]
                                        [--one-by-one N]

Builds a commune of `--people` staff (each rated "hoàn thành tốt" in 2026 with the qualities
confirmed, registered for LĐTT in January, no LĐTT recorded yet) through core.operations, and
a year-end round. Then, in a pytest session (bench/_bulk_walk.py, qtbot), from the rounds
window:

- in bulk: Ctrl+Insert (the bulk dialog), Alt+U ("chọn mọi người đủ điều kiện"), Ctrl+S;
- one at a time, for comparison, on `--one-by-one` nominees (the first ones, in a copy of the
  unit): Insert, the name typed without marks until it is the only match, Enter (pick),
  Enter (to the title, LĐTT first), Ctrl+S; extrapolated to `--nominees`.

Then the council's votes for the 150 in the grid, as read from the paper tally (the count in
favour, Enter), saved with Ctrl+S (`COUNCIL`).

Prints one line per way (`BULK` / `ONE_BY_ONE`): key presses, clicks and seconds from the
first key to the nominations saved and the round's list refreshed. Asserts nothing: a
benchmark, not a test (DESIGN §8). Needs a display (offscreen is set if none).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model import (  # noqa: E402
    Gender,
    History,
    Person,
    Rating,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import RoundKind  # noqa: E402
from desktop.core.operations import profiles, registry  # noqa: E402
from desktop.core.operations import rounds as ops  # noqa: E402
from desktop.paths import forms_dir  # noqa: E402

TODAY = date(2026, 11, 23)
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Hà", "Đinh", "Lò", "Cầm", "Triệu"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Ngọc", "Hữu", "Kim"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Quỳnh",
         "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]
DEPARTMENTS = ["Văn phòng - Thống kê", "Tài chính - Kế toán", "Tư pháp - Hộ tịch",
               "Trường Tiểu học", "Trường THCS", "Trạm Y tế xã", "Phòng Kinh tế"]


def build_unit(data: Path, people: int) -> tuple[str, int]:
    """The commune, its staff and a year-end round; returns (profile id, round id)."""
    catalog = load_catalog(forms_dir())
    unit = Unit("Ủy ban nhân dân xã Bench", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "UBND",
                "Thanh Sơn", "Hà Văn Thắng", "Chủ tịch", "Nguyễn Thị Thu Hà", "Công chức",
                "default", code="PT-BENCH")
    info, store = profiles.create_profile(data, unit, "bench")
    try:
        refs = []
        for i in range(people):
            # unique for up to 180 people, so the one-by-one walk can find each by name
            name = (f"{SURNAMES[i % len(SURNAMES)]} {MIDDLE[(i // 18) % len(MIDDLE)]} "
                    f"{GIVEN[(i * 7) % len(GIVEN)]}")
            person = Person(None, name, date(1970 + i % 30, 1 + i % 12, 1 + i % 27),
                            gender=Gender.NU if i % 2 else Gender.NAM,
                            department=DEPARTMENTS[i % len(DEPARTMENTS)],
                            hired_on=date(2015, 9, 1))
            history = History(years=(YearRecord(2025, Rating.HTT, exemplary=True,
                                                solidarity=True, movement=True),
                                     YearRecord(2026, Rating.HTT, exemplary=True,
                                                solidarity=True, movement=True)))
            saved, _c = registry.add_person(store, catalog, person, history, "bench", TODAY)
            refs.append(SubjectRef(SubjectKind.PERSON, saved.id or 0))
        ops.register_many(store, catalog, 2026, refs, "lao_dong_tien_tien", "bench",
                          date(2026, 1, 8))
        rnd, _c = ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2026,
                                   "Xét khen thưởng tổng kết năm 2026", "bench", TODAY)
        assert rnd.id is not None
        return info.id, rnd.id
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--nominees", type=int, default=150)
    parser.add_argument("--one-by-one", type=int, default=20)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="hoso-bench-bulk-"))
    data = work / "data"
    if data.exists():
        shutil.rmtree(data)
    profile_id, round_id = build_unit(data, args.people)
    results = work / "results.json"
    env = {**os.environ, "HOSO_BENCH_DATA": str(data), "HOSO_BENCH_PROFILE": profile_id,
           "HOSO_BENCH_ROUND": str(round_id), "HOSO_BENCH_RESULTS": str(results),
           "HOSO_BENCH_ONE_BY_ONE": str(args.one_by_one),
           "HOSO_BENCH_NOMINEES": str(args.nominees)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # pytest with pytest-qt drives the windows; not collected by the test suite (bench/)
    code = subprocess.call([sys.executable, "-m", "pytest", "-q", "-s", "-p",
                            "no:cacheprovider", "--rootdir", str(ROOT), "-c", "/dev/null",
                            "-W", "ignore::DeprecationWarning",
                            str(ROOT / "bench" / "_bulk_walk.py")], env=env, cwd=ROOT)
    if code != 0 or not results.exists():
        print(f"the walk failed (exit {code})")
        return 1
    figures = json.loads(results.read_text(encoding="utf-8"))
    for way in ("BULK", "ONE_BY_ONE"):
        f = figures[way]
        print(f"{way:<11} nominations={f['nominations']:4d}  keys={f['keys']:5d}  "
              f"clicks={f['clicks']:3d}  seconds={f['seconds']:7.2f}"
              + (f"  (measured on {f['measured']}, extrapolated)" if f.get("measured") else ""))
    council = figures["BULK"]["council"]
    print(f"COUNCIL     rows={council['rows']:4d}  keys={council['keys']:5d}  "
          f"seconds={council['seconds']:7.2f}  votes_saved={council['votes_saved']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
