"""Screenshots, at 1366×768, of what the year's walk changed (issue 12): the registration
picker opening on next year when this year is done, "Chỉ hiện dòng đã chọn", the council
with no nominee, the export dialog naming the demo key's passphrase, and the start-up offer of
a bulk picker's draft. `QT_QPA_PLATFORM=offscreen .venv/bin/python
scripts/screenshots_walkfixes.py` writes docs/screenshots/walkfix_*.png."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model.rounds import RoundKind  # noqa: E402
from desktop.core.operations import demo, keys, profiles  # noqa: E402
from desktop.core.operations import rounds as ops  # noqa: E402
from desktop.core.operations.drafts import Draft  # noqa: E402
from desktop.ui import drafts as ui_drafts  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.export_dialog import ExportDialog  # noqa: E402
from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog, BulkRegistrationDialog  # noqa: E402
from desktop.ui.rounds.meeting_dialog import MeetingDialog  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
TODAY = date(2026, 12, 3)


def pump() -> None:
    for _ in range(8):
        QApplication.processEvents()


def shot(widget: QWidget, name: str, size: tuple[int, int] = (1350, 728)) -> None:
    """A window as large as a 1366×768 screen leaves it (frame and taskbar off)."""
    widget.resize(*size)
    widget.show()
    pump()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def on_screen(widget: QWidget, name: str) -> None:
    """A dialog at its own size, over a 1366×768 grey desktop, as the officer sees it."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pump()
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
    info = demo.build_demo(work, 11, "Nguyễn Thị Thu Hà", TODAY, catalog)
    store = profiles.open_profile(work, info.id)
    ctx = AppContext(store, catalog, "Nguyễn Thị Thu Hà", work, info.id, lambda: TODAY)
    (year_end,) = ops.list_rounds(store, 2026)
    assert year_end.id is not None

    register = BulkRegistrationDialog(ctx, 2026)     # 2026 is done: it opens on 2027
    register.picker.department.setCurrentIndex(
        register.picker.department.findData("Phòng Kinh tế"))
    register.picker.tick_shown()
    shot(register, "walkfix_register_next_year.png")
    register.picker.untick_all()
    register.done(0)

    nominate = BulkNominateDialog(ctx, year_end.id)
    nominate.picker.tick_eligible()
    nominate.picker.search.setText("Nguyễn")
    nominate.picker.refresh()
    nominate.picker.only_ticked.setChecked(True)
    shot(nominate, "walkfix_ticked_only.png")
    nominate.picker.untick_all()
    nominate.done(0)

    flood, _c = ops.create_round(store, catalog, RoundKind.DOT_XUAT, 2026,
                                 "Khen đột xuất phòng chống lũ", "t", TODAY)
    assert flood.id is not None
    meeting = MeetingDialog(ctx, flood.id)
    shot(meeting, "walkfix_council_no_nominee.png")
    meeting.close_saved()

    keys.create_signing_key_file(store, None, demo.DEMO_KEY_PASSPHRASE, "t", TODAY)
    export = ExportDialog(ctx, year_end.id, open_secrets=lambda _p: (None, ""),
                          drives=lambda: [], fonts_dir=ROOT / "resources" / "fonts")
    export.show()
    on_screen(export, "walkfix_export_passphrase.png")
    export.done(0)

    draft = Draft(f"bulk_nominate.{year_end.id}",
                  f"Đề nghị nhiều người – {year_end.name} (23 đã chọn)",
                  datetime(2026, 12, 3, 9, 41).astimezone(), {}, "0" * 16)

    def grab_question() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, grab_question)
            return
        on_screen(box, "walkfix_draft_offer_bulk.png")
        box.close()
    QTimer.singleShot(0, grab_question)
    ui_drafts.ask_restore(None, draft)
    ctx.close_drafts()
    store.close()


if __name__ == "__main__":
    main()
