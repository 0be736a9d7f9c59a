"""Printing the round's dashboard: its heading, both charts and the table, on A4 landscape
under a line with the unit's name and the print date, through Qt's print preview.

The dashboard is drawn again for paper at a fixed width (never the officer's window size),
off screen, and painted block by block (heading, each chart, the table), so a page break
never cuts a chart in two. Text and bars stay vector graphics in a PDF or on the printer.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPicture,
    QRegion,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.i18n import _
from desktop.core.text import format_date
from desktop.ui.context import AppContext

if TYPE_CHECKING:
    from desktop.ui.rounds.dashboard import DashboardWidget

PAPER_WIDTH_PX = 1040     # the dashboard's layout width on paper (logical pixels)
MARGIN_MM = 12
BLOCK_GAP = 12


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Landscape,
                                      QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                      QPageLayout.Unit.Millimeter))
    printer.setDocName(_("Tổng hợp đợt xét"))
    return printer


def _paper_copy(ctx: AppContext, round_id: int) -> DashboardWidget:
    """A dashboard of the round laid out at paper width, never shown on screen."""
    from desktop.ui.rounds.dashboard import DashboardWidget

    copy = DashboardWidget(ctx)
    copy.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    copy.set_round(round_id)
    for button in (copy.export_button, copy.print_button):  # screen controls, not for paper
        button.hide()
    content = copy.scroller.widget()
    assert content is not None
    paper = content.palette()   # white paper, not the window's grey
    paper.setColor(QPalette.ColorRole.Window, QColor("white"))
    content.setPalette(paper)
    content.setAutoFillBackground(True)
    # flat header cells: the styles' gradients do not survive the PDF engine
    copy.table.horizontalHeader().setStyleSheet(
        "QHeaderView::section { background: white; border: none; padding: 3px;"
        " border-bottom: 1px solid #808080; font-weight: bold; }")
    copy.resize(PAPER_WIDTH_PX, content.sizeHint().height() + 40)
    copy.show()
    for _i in range(3):  # let the layouts settle at this size
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
    return copy


def _blocks(copy: DashboardWidget) -> list[tuple[QWidget, QRect]]:
    """Heading, status chart, share chart, table: the parts a page break may fall between,
    each as (widget to draw, its area in that widget)."""
    content = copy.scroller.widget()
    assert content is not None
    parts: list[QWidget] = [copy.status_chart, copy.share_chart, copy.table]
    head = QRect(0, 0, content.width(), parts[0].geometry().top())
    return [(content, head), *((p, p.rect()) for p in parts if p.isVisible() and p.height())]


def _recorded(widget: QWidget, area: QRect) -> QPicture:
    """The widget's drawing commands, to replay on the printer (vector, not pixels). One
    picture per block: a table's header replayed with the whole page left a ghost of itself
    above the table."""
    picture = QPicture()
    recorder = QPainter(picture)
    widget.render(recorder, QPoint(0, 0), QRegion(area))
    recorder.end()
    return picture


def paint_dashboard(printer: QPrinter, ctx: AppContext, round_id: int, today: date) -> int:
    """Paint the round's dashboard on `printer`; returns the number of pages."""
    copy = _paper_copy(ctx, round_id)
    try:
        return _paint(printer, copy, ctx, today)
    finally:
        copy.close()
        copy.deleteLater()


def _paint(printer: QPrinter, copy: DashboardWidget, ctx: AppContext, today: date) -> int:
    content = copy.scroller.widget()
    assert content is not None
    # Recorded as drawing commands, then replayed on the printer: vector text and bars.
    # (QWidget.render straight onto a printer paints a bitmap: megabytes, blurry text.)
    blocks = [(area, _recorded(widget, area)) for widget, area in _blocks(copy)]
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        scale = page.width() / max(content.width(), 1)
        # drawPicture itself scales by the printer's resolution over the picture's
        replay = printer.logicalDpiX() / max(blocks[0][1].logicalDpiX(), 1)
        unit = ctx.unit()
        header = _("{unit} – in ngày {d}").format(unit=unit.name if unit else "",
                                                  d=format_date(today))
        font = QFont(QApplication.font())
        font.setPointSizeF(9)

        def start_page(number: int) -> float:
            painter.save()
            painter.setFont(font)
            painter.setPen(Qt.GlobalColor.black)
            height = painter.fontMetrics().height() * 1.6
            box = QRectF(0, 0, page.width(), height)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             header)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             _("Trang {n}").format(n=number))
            painter.restore()
            return float(height)

        pages = 1
        top = start_page(pages)
        y, room = top, page.height() - top
        for block, picture in blocks:
            fit = min(scale, room / max(block.height(), 1))   # a block taller than a page
            height = block.height() * fit
            if y + height > page.height() and y > top:
                printer.newPage()
                pages += 1
                y = start_page(pages)
            painter.save()
            painter.translate(0, y)
            painter.setClipRect(QRectF(0, 0, page.width(), height))  # this block's place
            painter.scale(fit / replay, fit / replay)
            painter.drawPicture(0, 0, picture)
            painter.restore()
            y += height + BLOCK_GAP * scale
    finally:
        painter.end()
    return pages


class DashboardPreview(QPrintPreviewDialog):
    """Qt's print preview of the dashboard, sized to the screen (old 1366×768 ones too)."""

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        self.target = make_printer()
        super().__init__(self.target, parent)
        self.setWindowTitle(_("Xem trước khi in – tổng hợp đợt xét"))
        screen = (parent.screen() if parent is not None else None) or \
            QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(1100, room.width() - 40), min(820, room.height() - 60))
        self.paintRequested.connect(
            lambda printer: paint_dashboard(printer, ctx, round_id, ctx.today()))
