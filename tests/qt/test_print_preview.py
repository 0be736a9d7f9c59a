"""Print preview and printing: what reaches the QPrinter is every page of the rendered PDFs,
A4, in order, in as many sets as asked. A QPrinter writing a PDF stands in for the printer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from desktop.core.catalog import load_catalog
from desktop.core.documents.blocks import (
    Document,
    Heading,
    Orientation,
    PageBreak,
    Paragraph,
    Title,
)
from desktop.core.store import open_store
from desktop.ui import print_preview as pp
from desktop.ui.context import AppContext

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    store = open_store(tmp_path / "unit.sqlite", create=True)
    try:
        yield AppContext(store, load_catalog(REPO / "forms"), "tester", tmp_path, "t",
                         lambda: TODAY)
    finally:
        store.close()


def _doc(name: str, pages: int, orientation: Orientation = Orientation.PORTRAIT) -> Document:
    blocks: list = [Title("BÁO CÁO THÀNH TÍCH", "Đề nghị tặng Lao động tiên tiến")]
    for i in range(pages):
        if i:
            blocks.append(PageBreak())
        blocks += [Heading(f"Phần {i + 1}. Thành tích đạt được"),
                   Paragraph(("Đồng chí Đặng Thị Ỷ hoàn thành xuất sắc nhiệm vụ được giao.",))]
    return Document(kind="bao_cao_ca_nhan", name=name, title=f"Văn bản {name}",
                    dossier_id="HS2026-ABC123", blocks=tuple(blocks), orientation=orientation)


def _pdf_printer(path: Path) -> QPrinter:
    printer = pp.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def test_preview_paints_every_page_on_a4(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    pdfs = pp.render_pdfs(ctx, [_doc("a", 2), _doc("b", 1)], tmp_path)
    assert [len(PdfReader(p).pages) for p in pdfs] == [2, 1]
    out = tmp_path / "printed.pdf"
    printer = _pdf_printer(out)
    dialog = pp.DocumentPreview(None, pdfs, "Hồ sơ", printer)
    qtbot.addWidget(dialog)
    dialog.paintRequested.emit(printer)
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    a4 = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Point)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(a4.width(), abs=1)
        assert float(page.mediabox.height) == pytest.approx(a4.height(), abs=1)


def test_print_documents_prints_the_number_of_sets_asked(qtbot, ctx: AppContext,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "dossier.pdf"
    docs = [_doc("to_trinh", 1), _doc("bao_cao", 2)]
    sent = pp.print_documents(None, ctx, docs, copies=2, printer=_pdf_printer(out), ask=False)
    assert sent == 6
    assert len(PdfReader(out).pages) == 6


def test_copies_come_from_the_province_profile(ctx: AppContext) -> None:
    expected = ctx.catalog.provinces["default"].dossier_copies
    assert pp.dossier_copies(ctx) == expected >= 1


def test_fit_rect_keeps_the_aspect_and_centres() -> None:
    target = QRectF(0, 0, 1000, 2000)
    got = pp.fit_rect(target, 210, 297)
    assert got.width() == pytest.approx(1000)
    assert got.height() == pytest.approx(1000 * 297 / 210)
    assert got.y() == pytest.approx((2000 - got.height()) / 2)
    wide = pp.fit_rect(target, 297, 210)
    assert wide.width() / wide.height() == pytest.approx(297 / 210)


def test_preview_opens_with_the_first_document_and_takes_the_rest_when_ready(
        qtbot, ctx: AppContext, tmp_path: Path) -> None:
    docs = [_doc("a", 1), _doc("b", 2), _doc("c", 1)]
    dialog, pool = pp.open_preview(None, ctx, docs, tmp_path, "Hồ sơ")
    qtbot.addWidget(dialog)
    assert pool is not None
    assert [p.name for p in dialog.pdfs] == ["a.pdf"]     # shown before the rest is done
    qtbot.waitUntil(lambda: len(dialog.pdfs) == 3, timeout=60_000)
    assert [p.name for p in dialog.pdfs] == ["a.pdf", "b.pdf", "c.pdf"]
    assert "đang dựng" not in dialog.windowTitle()


def test_printing_from_the_preview_waits_for_every_document(qtbot, ctx: AppContext,
                                                            tmp_path: Path) -> None:
    docs = [_doc("a", 1), _doc("b", 2)]
    dialog, pool = pp.open_preview(None, ctx, docs, tmp_path / "work", "Hồ sơ")
    qtbot.addWidget(dialog)
    out = tmp_path / "printed.pdf"
    dialog.paint(_pdf_printer(tmp_path / "preview.pdf"))   # the preview: what is ready
    dialog.paint(_pdf_printer(out))                        # then printing: everything
    assert len(PdfReader(out).pages) == 3
    assert pool is not None
    pool.waitForDone()


def _is_landscape(page) -> bool:  # type: ignore[no-untyped-def]
    return float(page.mediabox.width) > float(page.mediabox.height)


def test_each_document_prints_in_its_own_orientation(qtbot, ctx: AppContext,
                                                     tmp_path: Path) -> None:
    """Walk of the year (b20): the landscape danh sách came out sideways on portrait paper."""
    out = tmp_path / "dossier.pdf"
    docs = [_doc("to_trinh", 1), _doc("danh_sach", 2, Orientation.LANDSCAPE),
            _doc("bao_cao", 1)]
    assert pp.print_documents(None, ctx, docs, copies=1, printer=_pdf_printer(out),
                              ask=False) == 4
    assert [_is_landscape(p) for p in PdfReader(out).pages] == [False, True, True, False]


def test_the_preview_of_a_landscape_list_is_a_landscape_page(qtbot, ctx: AppContext,
                                                            tmp_path: Path) -> None:
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QGraphicsView

    pdfs = pp.render_pdfs(ctx, [_doc("danh_sach", 2, Orientation.LANDSCAPE)], tmp_path)
    assert pp.first_page_landscape(pdfs)
    dialog = pp.DocumentPreview(None, pdfs, "Danh sách")
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.updatePreview()
    assert dialog.target.pageLayout().orientation() is QPageLayout.Orientation.Landscape
    view = widget.findChild(QGraphicsView)
    assert view is not None
    pages = [item.boundingRect() for item in view.scene().items()]
    assert len(pages) == 2 and all(r.width() > r.height() for r in pages)
