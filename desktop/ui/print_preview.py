"""Print preview of any document and printing of the whole dossier (issue 5 item 5).

What is printed is the PDF the renderer writes (through core.operations.printing), so paper, PDF
and DOCX say the same thing: each page is rasterised with pypdfium2 at the printer's
resolution (capped at `MAX_DPI`, more than an office laser printer resolves) and painted on
the QPrinter's full paper rectangle, A4, aspect kept, never stretched. Each page keeps its own
orientation, read from the PDF's page size: the printer's page is turned to match before the
page is painted (the landscape danh sách prints landscape). Qt's preview frames every page
with one layout, so the preview takes the first page's orientation and shows any page of the
other orientation upright, smaller; a printer that keeps its orientation gets such a page
turned a quarter so it fills the sheet.

- `DocumentPreview(parent, pdfs, title)` — Qt's print preview (QPrintPreviewDialog) of
  already-rendered PDFs; its paintRequested paints them on the QPrinter it is given.
- `preview_documents(parent, ctx, documents)` — renders the first document and shows the
  preview at once; the other documents are rendered on a worker thread (on every core, from
  the profile's render cache when unchanged) and join the preview when they are ready (print
  from there: printing waits for them).
- `print_documents(parent, ctx, documents, copies=None)` — the whole dossier in the order
  given (the legal order of build_documents) through QPrintDialog; copies default to the
  province profile's `[dossier] copies` (forms/provinces/default.toml), collated per set.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QObject, QRectF, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter, QTransform
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from desktop.core.i18n import _
from desktop.core.operations import printing
from desktop.core.operations.printing import Document
from desktop.ui.context import AppContext
from desktop.ui.runner import run_with_progress
from desktop.ui.screen import resize_to_fit

MAX_DPI = 300
# The preview on screen: pages rasterised at 300 dpi took ~0.25 s each (100 s for a
# 400-page dossier) for a picture shown at ~100 dpi; printing still uses MAX_DPI.
PREVIEW_DPI = 120

Progress = Callable[[int, int], None]


# ---- rendering and painting (no dialogs: tested directly) -----------------------------------


def render_pdfs(ctx: AppContext, documents: Sequence[Document], folder: Path,
                workers: int | None = None, render_here: bool = True) -> list[Path]:
    """Each document as a PDF in `folder`, in the order given; unchanged documents come from
    the profile's render cache."""
    return printing.render_pdfs(ctx.catalog, documents, folder, workers=workers,
                                render_here=render_here, cache_dir=ctx.store.path.parent)


def page_count(pdfs: Sequence[Path]) -> int:
    total = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        try:
            total += len(pdf)
        finally:
            pdf.close()
    return total


def is_landscape(page: pdfium.PdfPage) -> bool:
    width, height = page.get_size()
    return bool(width > height)


def first_page_landscape(pdfs: Sequence[Path]) -> bool:
    """Whether the first page of the first PDF is landscape (the preview's frame)."""
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if len(pdf):
                page = pdf[0]
                try:
                    return is_landscape(page)
                finally:
                    page.close()
        finally:
            pdf.close()
    return False


def _orientation(landscape: bool) -> QPageLayout.Orientation:
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def make_printer() -> QPrinter:
    """A4 portrait, full page (the PDF carries the Decree 30 margins itself)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(_("Hồ sơ khen thưởng"))
    return printer


def _page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72.0, prefer_bgrx=True, may_draw_forms=False)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB32)
        return image.copy()   # own the pixels before pdfium frees its buffer
    finally:
        bitmap.close()


def fit_rect(target: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of the given aspect inside `target`, centred."""
    scale = min(target.width() / width, target.height() / height)
    w, h = width * scale, height * scale
    return QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2,
                  w, h)


def paint_pdfs(printer: QPrinter, pdfs: Sequence[Path], copies: int = 1,
               progress: Progress | None = None, max_dpi: int = MAX_DPI,
               per_page: bool = True) -> int:
    """Paint every page of `pdfs` (× copies, each set complete) on `printer`; returns the
    number of pages painted. With `per_page` (printing) the printer's page takes each PDF
    page's orientation; without it (Qt's preview, one frame for all pages) a page of the other
    orientation is drawn upright, smaller."""
    dpi = float(min(max(printer.resolution(), 72), max_dpi))
    total = page_count(pdfs) * copies
    if per_page:   # the first page's orientation is set before the painter opens it
        printer.setPageOrientation(_orientation(first_page_landscape(pdfs)))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    done = 0
    try:
        for _copy in range(copies):
            for path in pdfs:
                pdf = pdfium.PdfDocument(str(path))
                try:
                    for index in range(len(pdf)):
                        page = pdf[index]
                        try:
                            landscape = is_landscape(page)
                            image = _page_image(page, dpi)
                        finally:
                            page.close()
                        if done:
                            if per_page:   # takes effect on the page newPage() starts
                                printer.setPageOrientation(_orientation(landscape))
                            printer.newPage()
                        _draw(painter, printer, image, turn=per_page)
                        done += 1
                        if progress is not None:
                            progress(done, total)
                finally:
                    pdf.close()
    finally:
        painter.end()
    return done


def _draw(painter: QPainter, printer: QPrinter, image: QImage, turn: bool = True) -> None:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    target = QRectF(0, 0, paper.width(), paper.height())
    landscape_page = image.width() > image.height()
    landscape_paper = target.width() > target.height()
    if turn and landscape_page != landscape_paper:   # a printer that kept its orientation
        image = image.transformed(QTransform().rotate(90))
    painter.drawImage(fit_rect(target, image.width(), image.height()), image)


# ---- dialogs --------------------------------------------------------------------------------


class DocumentPreview(QPrintPreviewDialog):
    """Qt's print preview of rendered PDFs; printing from it prints what is shown. More PDFs
    can join while it is open (`add_pdfs`): the pages are painted again with them."""

    def __init__(self, parent: QWidget | None, pdfs: Sequence[Path], title: str,
                 printer: QPrinter | None = None) -> None:
        target = printer or make_printer()
        # the preview's frame takes the first page's orientation (b20: a landscape danh
        # sách was shown turned sideways in a portrait frame)
        target.setPageOrientation(_orientation(first_page_landscape(pdfs)))
        super().__init__(target, parent)
        self.target = target
        self.pdfs = list(pdfs)
        self.title = title
        self.rest: _RenderRest | None = None   # the documents still being rendered
        self.pool: QThreadPool | None = None
        self._painted = False
        self.setWindowTitle(_("Xem trước khi in – {t}").format(t=title))
        resize_to_fit(self, 900, 900)   # 900 px tall did not fit a 1366×768 screen
        self.paintRequested.connect(self.paint)

    def paint(self, printer: QPrinter) -> None:
        # The first paint shows what is ready; any later one (printing, a page setup
        # change) waits for the rest so that nothing is left out.
        if self._painted and self.pool is not None:
            self.pool.waitForDone()
            self._take_rest()
        self._painted = True
        engine = printer.paintEngine()
        on_screen = engine is not None and engine.type() == QPaintEngine.Type.Picture
        if on_screen:   # one frame for every page: the first page's orientation
            printer.setPageOrientation(_orientation(first_page_landscape(self.pdfs)))
        paint_pdfs(printer, self.pdfs, max_dpi=PREVIEW_DPI if on_screen else MAX_DPI,
                   per_page=not on_screen)

    def _take_rest(self) -> bool:
        rest, self.rest = self.rest, None
        if rest is None or rest.result is None:
            return False
        self.pdfs.extend(rest.result)
        self.setWindowTitle(_("Xem trước khi in – {t}").format(t=self.title))
        return True

    def show_progress(self, ready: int, total: int) -> None:
        self.setWindowTitle(_("Xem trước khi in – {t} (đang dựng {n}/{total} văn bản…)")
                            .format(t=self.title, n=ready, total=total))

    def rest_ready(self, _pdfs: object = None) -> None:
        """The other documents are rendered: paint the preview again with them."""
        if self._take_rest():
            widget = self.findChild(QPrintPreviewWidget)
            if widget is not None:
                widget.updatePreview()


class _RestSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _RenderRest(QRunnable):
    """The documents after the first, rendered off the UI thread."""

    def __init__(self, work: Callable[[], list[Path]]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.result: list[Path] | None = None
        self.signals = _RestSignals()

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # handed to the UI thread, never lost
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(self.result)


def open_preview(parent: QWidget | None, ctx: AppContext, documents: Sequence[Document],
                 folder: Path, title: str = "") -> tuple[DocumentPreview, QThreadPool | None]:
    """The preview with the first document's pages, the others on their way: returns the
    dialog (not yet shown) and the pool rendering the rest (wait for it before `folder`
    goes)."""
    first = render_pdfs(ctx, documents[:1], folder / "first", workers=1)
    dialog = DocumentPreview(parent, first, title or documents[0].title)
    if len(documents) == 1:
        return dialog, None
    dialog.show_progress(1, len(documents))
    # every core renders the rest in worker processes; this process keeps to the window
    job = _RenderRest(lambda: render_pdfs(ctx, documents[1:], folder / "rest",
                                          render_here=False))
    job.signals.finished.connect(dialog.rest_ready)
    job.signals.failed.connect(lambda exc: _rest_failed(dialog, exc))
    pool = QThreadPool()
    dialog.rest, dialog.pool = job, pool
    pool.start(job)
    return dialog, pool


def _rest_failed(dialog: DocumentPreview, error: BaseException) -> None:
    from desktop.core.errors import UserError
    from desktop.ui.feedback import show_bug, show_user_error

    dialog.setWindowTitle(_("Xem trước khi in – {t}").format(t=dialog.title))
    if isinstance(error, UserError):
        show_user_error(dialog, error)
    else:
        show_bug(dialog, error)


def preview_documents(parent: QWidget | None, ctx: AppContext, documents: Sequence[Document],
                      title: str = "") -> None:
    """Show Qt's print preview of the documents: the first one's pages at once, the others
    as soon as they are rendered."""
    if not documents:
        return
    with tempfile.TemporaryDirectory(prefix="hoso-preview-") as tmp:
        dialog, pool = open_preview(parent, ctx, documents, Path(tmp), title)
        try:
            dialog.exec()
        finally:
            if pool is not None:
                pool.waitForDone()


def dossier_copies(ctx: AppContext) -> int:
    """`[dossier] copies` of the unit's province profile."""
    unit = ctx.unit()
    return ctx.catalog.province_or_default(unit.province if unit else None).dossier_copies


def print_documents(parent: QWidget | None, ctx: AppContext, documents: Sequence[Document],
                    copies: int | None = None, printer: QPrinter | None = None,
                    ask: bool = True) -> int:
    """Print the documents in the order given, `copies` complete sets (the province's number
    by default), through Qt's print dialog. Returns the pages sent (0 when cancelled)."""
    if not documents:
        return 0
    printer = printer or make_printer()
    printer.setDocName(documents[0].dossier_id or _("Hồ sơ khen thưởng"))
    sets = copies if copies is not None else dossier_copies(ctx)
    printer.setCopyCount(sets)
    printer.setCollateCopies(True)
    if ask:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("In cả hồ sơ ({n} văn bản, {c} bộ)").format(
            n=len(documents), c=sets))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
    # The driver makes the copies when it can; otherwise each set is painted in turn.
    painted_sets = 1 if printer.copyCount() > 1 and printer.supportsMultipleCopies() \
        else max(1, printer.copyCount())
    if painted_sets > 1:
        printer.setCopyCount(1)
    with tempfile.TemporaryDirectory(prefix="hoso-print-") as tmp:
        pdfs = run_with_progress(parent, _("Đang dựng các trang để in…"),
                                 lambda: render_pdfs(ctx, documents, Path(tmp)))
        if not pdfs:
            return 0
        # Painting stays on the UI thread (the QPrinter belongs to it), with a progress bar.
        total = page_count(pdfs) * painted_sets
        bar = QProgressDialog(_("Đang gửi trang in…"), "", 0, total, parent)
        bar.setWindowTitle(_("Đang in"))
        bar.setCancelButton(None)  # type: ignore[arg-type]
        bar.setMinimumDuration(400)

        def step(done: int, _total: int) -> None:
            bar.setValue(done)
            QCoreApplication.processEvents()

        try:
            return paint_pdfs(printer, pdfs, painted_sets, step)
        finally:
            bar.close()

