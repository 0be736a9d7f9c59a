"""Screenshots of the merge wizard and the unit form's former units at 1366×768, for the
README: `QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_merge.py`.

Builds the two sample communes in a temporary folder (`hoso demo`, then `hoso demo --variant
tan-lap --shared-with`), walks the wizard as an officer would, and saves
docs/screenshots/merge_*.png."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.operations import merging, profiles  # noqa: E402
from desktop.core.operations.demo import build_demo  # noqa: E402
from desktop.core.operations.merging.neighbour import build_neighbour  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.merging.wizard import MergeWizard  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402
from desktop.ui.unit_form import UnitDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_style(app, ROOT / "resources")  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="hoso-merge-shots-"))
    catalog = load_catalog(ROOT / "forms")
    today = date.today()
    info = build_demo(work / "thanh-son", 2026, "demo", today, catalog)
    build_neighbour(work / "tan-lap", 2026, "demo", today, catalog, work / "thanh-son")
    store = profiles.open_profile(work / "thanh-son", info.id)
    ctx = AppContext(store, catalog, "Nguyễn Thị Thu Hà", work, info.id, lambda: today)
    OUT.mkdir(parents=True, exist_ok=True)

    def shot(w: QWidget, name: str) -> None:
        w.resize(*SIZE)
        app.processEvents()
        w.grab().save(str(OUT / f"merge_{name}.png"))

    w = MergeWizard(ctx)
    w.show()
    w.choose_database(work / "tan-lap")
    shot(w, "1_source")
    w.next()
    shot(w, "2_plan")
    w.next()
    pairs = w.pairs_page
    assert w.plan is not None
    conflicted = next(i for i, p in enumerate(w.plan.pairs)
                      if p.conflicts and not p.national_ids_differ)
    pairs.list.setCurrentRow(0)
    shot(w, "3_pair_certain")
    pairs.list.setCurrentRow(conflicted)
    shot(w, "4_pair_conflict")
    for row in range(pairs.list.count()):
        pairs.list.setCurrentRow(row)
        pair = pairs.view.pair
        assert pair is not None
        for combo in pairs.view.conflict_choices.values():
            combo.setCurrentIndex(combo.findData(merging.EXISTING))
        (pairs.keep_button if pair.national_ids_differ else pairs.merge_button).click()
    w.next()
    shot(w, "5_confirm")
    w.button(QWizard.WizardButton.CommitButton).click()
    shot(w, "6_result")
    w.close()

    dialog = UnitDialog(ctx)
    dialog.show()
    shot(dialog, "7_unit_former")
    dialog.close()
    store.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("merge_*.png"))))


if __name__ == "__main__":
    main()
