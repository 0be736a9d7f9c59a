"""Screenshots of Việc cần làm, the help window, the draft questions and what-if, at
1366×768, for the README: `QT_QPA_PLATFORM=offscreen .venv/bin/python
scripts/screenshots_nolosses.py` writes docs/screenshots/{year,help,draft}_*.png."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model import Unit, UnitKind  # noqa: E402
from desktop.core.operations import demo, profiles  # noqa: E402
from desktop.core.operations.drafts import Draft  # noqa: E402
from desktop.ui import drafts as ui_drafts  # noqa: E402
from desktop.ui import help_window  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.person_editor import PersonEditor  # noqa: E402
from desktop.ui.record_table import CODE_ROLE  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402
from desktop.ui.year_tasks_view import YearTasksDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
TODAY = date(2026, 11, 23)


def shot(widget: QWidget, name: str, size: tuple[int, int] | None = SIZE) -> None:
    if size:
        widget.resize(*size)
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def on_screen(widget: QWidget, name: str) -> None:
    """A dialog at its own size, over a 1366×768 grey desktop, as the officer sees it."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    for _ in range(5):
        QApplication.processEvents()
    canvas = QPixmap(*SIZE)
    canvas.fill(QColor("#6b7b8c"))
    painter = QPainter(canvas)
    inner = widget.grab()
    painter.drawPixmap((SIZE[0] - inner.width()) // 2, (SIZE[1] - inner.height()) // 3, inner)
    painter.end()
    canvas.save(str(OUT / name))
    print(OUT / name)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_style(app, ROOT / "resources")  # type: ignore[arg-type]
    catalog = load_catalog(ROOT / "forms")
    work = Path(tempfile.mkdtemp(prefix="hoso-shots-"))

    info = demo.build_demo(work / "demo", 5, "Nguyễn Thị Thu", TODAY, catalog)
    store = profiles.open_profile(work / "demo", info.id)
    ctx = AppContext(store, catalog, "Nguyễn Thị Thu", work / "demo", info.id, lambda: TODAY)
    tasks = YearTasksDialog(ctx)
    shot(tasks, "year_tasks_demo.png")

    unit = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
                "Hà Văn Thắng", "Chủ tịch", "", "", "default")
    _new, fresh = profiles.create_profile(work / "new", unit, "t")
    new_ctx = AppContext(fresh, catalog, "t", work / "new", _new.id, lambda: date(2026, 2, 15))
    shot(YearTasksDialog(new_ctx), "year_tasks_new_unit.png")
    main_window = MainWindow(new_ctx)
    shot(main_window, "year_empty_list.png")

    window = help_window.show_help(None, "viec_can_lam")
    shot(window, "help_window.png")
    window.search.setText("khoi phuc ban nhap")
    shot(window, "help_search.png")

    people = ctx.store  # a person of the demo, rating changed but not saved: what-if
    from desktop.core.operations import registry as reg

    person = reg.people_page(people, "", 0, 1)[0]
    editor = PersonEditor(ctx, person.id)
    editor.tabs.setCurrentWidget(editor.eligibility)
    editor.show()
    QApplication.processEvents()
    cell = editor.tabs.years.table.item(editor.tabs.years.table.rowCount() - 1, 1)
    cell.setData(CODE_ROLE, "ht")
    editor.eligibility.refresh()
    shot(editor, "draft_whatif_unsaved.png")

    ask = ui_drafts.EditorDialog.ask_unsaved
    # the same box the editor shows, opened without blocking
    from PySide6.QtCore import QTimer

    def grab_active(name: str) -> None:
        active = QApplication.activeModalWidget()
        if active is not None:
            on_screen(active, name)
            active.close()

    QTimer.singleShot(200, lambda: grab_active("draft_ask_unsaved.png"))
    ask(editor)
    draft = Draft("person.12", "Sửa thông tin cá nhân – " + person.full_name,
                  datetime(2026, 11, 23, 16, 42).astimezone(), {}, "0" * 16)
    QTimer.singleShot(200, lambda: grab_active("draft_restore.png"))
    ui_drafts.ask_restore(None, draft)
    editor.close_saved()
    store.close()
    fresh.close()


if __name__ == "__main__":
    main()
