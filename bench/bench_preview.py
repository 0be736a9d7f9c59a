"""The first page of the print preview of a 100-nominee dossier (issue 16: ≤ 0.5 s).

    QT_QPA_PLATFORM=offscreen python bench/bench_preview.py [--runs 5] [--nominees 100]

Each run is timed from the call to the moment the preview has painted its first pages
(the end of the dialog's first paintRequested), on a fresh profile folder (no render cache).
- ours: print_preview.open_preview, as preview_documents calls it: the first document is
  rendered, the dialog shown, the others rendered on a worker thread;
- peer: what the preview did before: every document rendered (one process, as
  render_pdfs did), then the dialog shown.
The documents come from the app's builders (bench_documents.build_with_dossier_builders).
Also saves a screenshot of the preview while the rest is rendering (--shot PATH). Prints
`PREVIEW ours= peer= ratio=`; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nominees", type=int, default=100)
    parser.add_argument("--shot", type=Path, default=None)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from bench.bench_documents import build_with_dossier_builders
    from desktop.core.catalog import load_catalog
    from desktop.core.documents import render
    from desktop.core.store import open_store
    from desktop.paths import forms_dir, resources_dir
    from desktop.ui import print_preview as pp
    from desktop.ui.context import AppContext

    app = QApplication.instance() or QApplication(sys.argv)
    catalog = load_catalog(forms_dir())
    docs = build_with_dossier_builders(args.nominees, 7) or []
    fmt = render.load_format(forms_dir() / "documents" / "format.toml")
    render.register_fonts(resources_dir() / "fonts", fmt)  # as a running app has them
    ours, peer = [], []
    for run in range(args.runs):
        for which in ("peer", "ours"):
            with tempfile.TemporaryDirectory(prefix="hoso-bench-preview-") as tmp:
                folder = Path(tmp)
                (folder / "profile").mkdir()
                store = open_store(folder / "profile" / "unit.sqlite", create=True)
                ctx = AppContext(store, catalog, "bench", folder, "p", date.today)
                painted: list[float] = []
                t0 = time.perf_counter()
                if which == "ours":
                    dialog, pool = pp.open_preview(None, ctx, docs, folder / "work")
                else:
                    fonts = render.register_fonts(resources_dir() / "fonts", fmt)
                    pdfs = []
                    for doc in docs:
                        pdfs.append(folder / "all" / f"{doc.name}.pdf")
                        render.render_pdf(doc, fmt, fonts, pdfs[-1])
                    dialog, pool = pp.DocumentPreview(None, pdfs, docs[0].title), None
                dialog.paintRequested.connect(
                    lambda _p, out=painted: out.append(time.perf_counter()))
                dialog.resize(1366, 768)
                dialog.show()
                while not painted:
                    app.processEvents()
                (ours if which == "ours" else peer).append(painted[0] - t0)
                if which == "ours" and run == 0 and args.shot is not None:
                    dialog.grab().save(str(args.shot))
                dialog.close()
                if pool is not None:
                    pool.waitForDone()
                app.processEvents()
                store.close()
    med = statistics.median
    print(f"ours: first preview page median {med(ours):.3f} s (min {min(ours):.3f} "
          f"max {max(ours):.3f}); peer (render all, then preview) median {med(peer):.3f} s "
          f"(min {min(peer):.3f} max {max(peer):.3f}); {len(docs)} documents")
    print(f"PREVIEW ours={med(ours):.3f}s (min {min(ours):.3f} max {max(ours):.3f}) "
          f"peer={med(peer):.2f}s ratio={med(peer) / med(ours):.1f}x (target: ours ≤ 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
