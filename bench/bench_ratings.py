"""The year's ratings of a whole unit (issue 12), as an officer enters them, timed.

    python bench/bench_ratings.py [--people 300]

Builds a unit of `--people` staff with last year's ratings only (as after an import from
Excel), then measures, each as wall seconds and CPU seconds (user+sys of this process):

- GRID_OPEN: the ratings grid opened on the unit (`RatingsGrid`, offscreen, one query);
- GRID_TYPE: a rating typed for every person (one key each, QTest.keyClick: the row is set
  and the cursor moves down) and Ctrl+S's save (one transaction);
- IMPORT: a ratings list of the same people read from .xlsx, every row matched
  (`preview_ratings`) and written (`apply_ratings_import`).

Also prints the keys the grid took. Asserts nothing: a benchmark, not a test (DESIGN §8).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model import Person, Rating, SubjectGroup, Unit, UnitKind  # noqa: E402
from desktop.core.operations import importing as imp  # noqa: E402
from desktop.core.operations import profiles  # noqa: E402
from desktop.core.operations import ratings as ops  # noqa: E402
from desktop.core.store import registry as repo  # noqa: E402
from desktop.core.store.ratings import set_marks  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.ratings_grid import RatingsGrid  # noqa: E402

TODAY = date(2026, 11, 23)
KEYS = "ttttxthttk"


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, work: Callable[[], Any], extra: str = "") -> Any:
    wall, used = time.perf_counter(), cpu()
    result = work()
    print(f"{label}: {time.perf_counter() - wall:.3f} s wall, {cpu() - used:.3f} s CPU"
          + (f"; {extra}" if extra else ""), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="hoso-bench-ratings-"))
    catalog = load_catalog(ROOT / "forms")
    unit = Unit(name="UBND xã Tân Phú", kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name="Cán bộ", officer_title="Công chức")
    info, store = profiles.create_profile(work, unit, "bench")
    people = [Person(None, f"Nguyễn Văn Người {i:04d}", date(1970 + i % 30, 1 + i % 12, 2),
                     group=SubjectGroup.CBCCVC, department=f"Phòng {i % 6}")
              for i in range(args.people)]
    with store.write() as db:
        repo.insert_people(db, people)
        ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id")]
        for pid in ids:
            set_marks(db, pid, 2025, ops.RatingMarks(Rating.HTT, True, True, True))
    ctx = AppContext(store, catalog, "bench", work, info.id, lambda: TODAY)

    grid: RatingsGrid = timed("GRID_OPEN", lambda: RatingsGrid(ctx, 2026), f"{args.people} people")
    grid.show()
    app.processEvents()

    def type_all() -> None:
        for i in range(args.people):
            QTest.keyClick(grid.view, Qt.Key(ord(KEYS[i % len(KEYS)].upper())))
        grid.activateWindow()
        QTest.keyClick(grid.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        if grid.model.edits:          # the shortcut needs an active window; offscreen may not
            grid.save_changes()

    timed("GRID_TYPE", type_all, f"{args.people + 1} keys for {args.people} people, saved")
    missing, _total = ops.missing_ratings(store=store, year=2026)
    print(f"  missing after the grid: {missing}")
    grid.close_saved()

    book = openpyxl.Workbook()
    book.active.append(["STT", "Họ và tên", "Ngày sinh", "Xếp loại năm 2025"])
    for i, p in enumerate(people, start=1):
        book.active.append([i, p.full_name, p.birth_date.strftime("%d/%m/%Y")
                            if p.birth_date else "", "HTXSNV"])
    path = work / "xep_loai.xlsx"
    book.save(path)

    def import_all() -> tuple[int, int]:
        table = imp.read_table(path)
        mapping = ops.guess_ratings_mapping(table.headers)
        pv = ops.preview_ratings(store=store, table=table, mapping=mapping, year=2025,
                                 today=TODAY)
        done, _c = ops.apply_ratings_import(store=store, preview=pv, actor="bench",
                                            today=TODAY)
        return done.updated, len(pv.bad)

    updated, bad = timed("IMPORT", import_all, f"{args.people} rows from .xlsx")
    print(f"  written {updated}, bad rows {bad}")
    store.close()


if __name__ == "__main__":
    main()
