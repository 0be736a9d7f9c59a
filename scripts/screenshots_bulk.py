"""Screenshots of the bulk pickers, the vote grid, the backup dialog, the export choice and
the shortcut list at the sizes they open with on a 1366×768 screen, for the README:
`QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python
scripts/screenshots_bulk.py` (offscreen works too, on its own 800×600 screen).

Builds the demo commune in a temporary folder and opens each window on it as an officer
would reach it; saves docs/screenshots/{bulk_*,vote_grid,backup_*}.png."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model import SubjectKind  # noqa: E402
from desktop.core.model.rounds import RoundKind  # noqa: E402
from desktop.core.operations import demo, profiles  # noqa: E402
from desktop.core.operations import rounds as ops  # noqa: E402
from desktop.ui.backup_dialog import BackupDialog  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.export_dialog import ExportDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog, BulkRegistrationDialog  # noqa: E402
from desktop.ui.rounds.meeting_dialog import MeetingDialog  # noqa: E402
from desktop.ui.shortcuts import ShortcutsDialog  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 11, 23)
SCREEN = QSize(1366, 768)


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    for _i in range(5):
        app.processEvents()
    size = widget.size()
    assert size.width() <= SCREEN.width() and size.height() <= SCREEN.height(), (name, size)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"{name}.png {size.width()}×{size.height()}")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app, ROOT / "resources")  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="hoso-shots-bulk-"))
    catalog = load_catalog(ROOT / "forms")
    info = demo.build_demo(work, 11, "Nguyễn Thị Thu Hà", TODAY, catalog)
    store = profiles.open_profile(work, info.id)
    ctx = AppContext(store, catalog, "Nguyễn Thị Thu Hà", work, info.id, lambda: TODAY)
    year_end = next(r for r in ops.list_rounds(store) if r.kind is RoundKind.CONG_TRANG)
    assert year_end.id is not None

    nominate = BulkNominateDialog(ctx, year_end.id)
    nominate.picker.tick_eligible()
    shoot(app, nominate, "bulk_nominate")
    nominate.close()

    register = BulkRegistrationDialog(ctx, 2027)
    picker = register.picker
    picker.department.setCurrentIndex(max(1, picker.department.findData("Phòng Kinh tế")))
    picker.tick_shown()
    shoot(app, register, "bulk_register")
    register.close()

    # a sudden-feat round with Giấy khen nominees, votes half typed, one mistyped
    rnd, _c = ops.create_round(store, catalog, RoundKind.DOT_XUAT, 2026,
                               "Khen đột xuất phòng chống lũ", "t", TODAY)
    assert rnd.id is not None
    refs = [c.subject for c in ops.candidates(store, SubjectKind.PERSON)[0]]
    rows = ops.nomination_preview(store, catalog, rnd.id, refs, "giay_khen",
                                  achievement="Cứu người trong lũ")
    chosen = [r.subject for r in rows if r.applicable][:6]
    ops.nominate_many(store, catalog, rnd.id, chosen, "giay_khen", "t", TODAY,
                      justification="Dũng cảm cứu người", achievement="Cứu người trong lũ")
    meeting = MeetingDialog(ctx, rnd.id)
    meeting.members_total.setValue(9)
    meeting.present.setValue(8)
    grid = meeting.grid
    from desktop.ui.rounds.vote_grid import C_FOR

    for row, value in enumerate(("8", "7", "3", "13")):
        grid.set_cell(row, C_FOR, value)
    grid.setCurrentCell(4, C_FOR)
    shoot(app, meeting, "vote_grid")
    meeting.close()

    backup = BackupDialog(ctx)
    shoot(app, backup, "backup_dialog")
    backup.close()

    export = ExportDialog(ctx, year_end.id)
    shoot(app, export, "bulk_export_choice")
    export.close()

    window = MainWindow(ctx)
    window.resize(SCREEN)
    shortcuts = ShortcutsDialog(window)
    shoot(app, shortcuts, "bulk_shortcuts")
    shortcuts.close()
    window.close()
    store.close()


if __name__ == "__main__":
    main()
