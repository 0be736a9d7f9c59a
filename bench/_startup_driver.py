"""Child process of bench_startup.py: our app, from interpreter start to the people table's
first paint. Ends the process right at that paint (os._exit: interpreter teardown and the
work the window defers until after its first paint are not start-up; the peer does the
same); prints in-process phase times on stderr.

    QT_QPA_PLATFORM=offscreen python bench/_startup_driver.py DATA_DIR [--exercise]

With --exercise it does not quit at the first paint: it then jumps through the whole list
(21 positions from top to bottom, each painted at once), searches five times, and prints the
time of each step and the peak resident memory ("after use", not only at start).

Exit codes: 0 painted; 3 build_window missing or returned no window (e.g. no profile and the
first-run wizard was cancelled); 4 no paint within the safety time.
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()

from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAFETY_MS = 120_000


def main() -> int:
    data_dir = Path(sys.argv[1])
    try:
        from desktop.app import build_window
    except ImportError as exc:
        print(f"desktop.app.build_window is not available: {exc}", file=sys.stderr)
        return 3
    # as desktop.gui_main.open_window does before it (the frozen app's entry without a command)
    from desktop.core.i18n import set_language
    from desktop.paths import translations_dir

    set_language("vi", translations_dir())
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    t_import = time.perf_counter()
    window = build_window(data_dir, "vi", "bench")
    t_built = time.perf_counter()
    if window is None:
        print("build_window returned None: no usable window (is there a profile in "
              f"{data_dir}?)", file=sys.stderr)
        return 3
    view = getattr(window, "people_view", None)
    if view is None:
        print("the main window has no people_view: cannot tell when the list is painted",
              file=sys.stderr)
        return 3
    app = QApplication.instance()
    assert app is not None
    result = {"code": 4}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and result["code"] == 4:
                result["code"] = 0
                t_paint = time.perf_counter()
                rows = view.model().rowCount()
                print(f"imports={t_import - T0:.3f}s build_window={t_built - t_import:.3f}s "
                      f"to-first-paint={t_paint - t_built:.3f}s "
                      f"in-process-total={t_paint - T0:.3f}s rows={rows}", file=sys.stderr)
                if "--exercise" in sys.argv:
                    QTimer.singleShot(0, exercise)
                else:  # start-up ends here: no teardown, nothing queued after the paint
                    sys.stderr.flush()
                    os._exit(0)
            return False

    def exercise() -> None:
        import resource
        import statistics

        model = view.model()
        steps = []
        for i in range(21):
            row = (model.rowCount() - 1) * i // 20
            t = time.perf_counter()
            view.scrollTo(model.index(row, 0))
            view.viewport().repaint()  # synchronous: fetches the page(s) the view shows
            steps.append((time.perf_counter() - t) * 1000)
        searches = []
        for query in ("ng", "nguyen v", "dang thi y", "h", ""):
            t = time.perf_counter()
            model.set_query(query)  # type: ignore[attr-defined]
            view.viewport().repaint()
            searches.append((time.perf_counter() - t) * 1000)
            print(f"  search {query!r}: {searches[-1]:.1f} ms, {model.rowCount()} rows",
                  file=sys.stderr)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"SCROLL jump-and-paint median={statistics.median(steps):.1f} ms "
              f"max={max(steps):.1f} ms (bottom of the list: {steps[-1]:.1f} ms); "
              f"search-and-paint median={statistics.median(searches):.1f} ms "
              f"max={max(searches):.1f} ms", file=sys.stderr)
        print(f"MEMORY after use: peak RSS={rss:.0f} MB (target ≤ 300 MB)", file=sys.stderr)
        app.quit()

    painter = FirstPaint()
    view.viewport().installEventFilter(painter)
    QTimer.singleShot(SAFETY_MS, app.quit)
    app.exec()
    if result["code"]:
        print("no paint of the people list within the safety time", file=sys.stderr)
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
