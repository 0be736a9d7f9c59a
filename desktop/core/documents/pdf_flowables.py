"""The flowables and drawing helpers of the PDF renderer (pdf_render): text as reportlab
markup (NFC, escaped), tables that split only between rows, rules, the certificates' fixed
pages and the QR code of the package box."""

from __future__ import annotations

import unicodedata
from typing import Any
from xml.sax.saxutils import escape

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText

from desktop.core.documents import blocks as b
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.sigfields import ORGANISATION, PERSON, FieldPlan, seal_rect

ALIGN = {b.Align.LEFT: TA_LEFT, b.Align.CENTER: TA_CENTER, b.Align.RIGHT: TA_RIGHT,
         b.Align.JUSTIFY: TA_JUSTIFY}
ASCENT = 0.891   # Liberation Serif / Times New Roman ascender, in em

def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _markup(text: str) -> str:
    return escape(nfc(text)).replace("\n", "<br/>")


def inline_markup(content: tuple[b.Inline, ...] | str) -> str:
    """Runs as reportlab paragraph markup (escaped, NFC)."""
    if isinstance(content, str):
        return _markup(content)
    out = []
    for item in content:
        if isinstance(item, str):
            out.append(_markup(item))
            continue
        piece = _markup(item.text)
        if item.underline:
            piece = f"<u>{piece}</u>"
        if item.italic:
            piece = f"<i>{piece}</i>"
        if item.bold:
            piece = f"<b>{piece}</b>"
        attrs = []
        if item.size is not None:
            attrs.append(f'size="{item.size:g}"')
        if item.color:
            attrs.append(f'color="{escape(item.color)}"')
        if attrs:
            piece = f"<font {' '.join(attrs)}>{piece}</font>"
        out.append(piece)
    return "".join(out)


CELL_PAD = 3.0  # pt, left and right inside a table cell


class WrappedOnce(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks its lines once per width. A table, a KeepTogether, a
    CondPageBreak and the frame each wrap the same paragraph again at the same width (more
    than half of a dossier's wraps), and breaking lines is the dearest step of the layout;
    the lines only depend on the text, the style and the width, so the last result is kept."""

    _wrapped: tuple[float, float, float] | None = None   # availWidth, width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._wrapped
        # split() drops blPara when nothing fits: then the lines are broken again
        if done is not None and done[0] == availWidth and "blPara" in self.__dict__:
            return done[1], done[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height


def paragraph(markup: str, style: ParagraphStyle, plain_frags: dict[str, Any]) -> WrappedOnce:
    """A paragraph of `markup` (inline_markup's) in `style`. Most of a dossier's paragraphs
    and cells are plain text (no tag, no entity): for those, the one fragment reportlab's
    markup parser would make is copied from the fragment it made once for the style (kept in
    `plain_frags`, by style name) with the text put in, instead of parsing the text again
    (an HTMLParser pass, ~40 µs a cell). The fragments are the same either way, so are the
    lines and the bytes (tests/unit/documents/test_render_reuse.py)."""
    if "<" in markup or "&" in markup:
        return WrappedOnce(markup, style)
    text = cleanBlockQuotedText(markup)   # what Paragraph does before parsing
    first = plain_frags.get(style.name) if text else None
    if first is None:
        para = WrappedOnce(markup, style)
        if text and len(para.frags) == 1 and para.style is style:
            plain_frags[style.name] = para.frags[0].clone()  # before any layout touches it
        return para
    return WrappedOnce(text, style, frags=[first.clone(text=text, link=[], us_lines=[])])


class RowTable(LongTable):
    """A table whose rows never split across pages, header row repeated at the top of each.

    reportlab's own in-row splitting (splitInRow) first splits between rows, then puts the
    rest in what is left of the same page and splits it inside a row there: the header is
    drawn again mid-page, and the remainder of the split row lands inside the header on the
    next page. Here a page break always falls between rows; a row is split inside only when
    it is taller than a whole page could ever hold, and then at once, where it starts.
    `page_room` is the frame height of a page; split tables inherit it (onSplit).
    """

    page_room: float = 0.0

    def onSplit(self, T: Table, byRow: int = 1) -> None:
        T.page_room = self.page_room  # type: ignore[attr-defined]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        found = self._split_rows(availWidth, availHeight)
        kept: list[Any] = getattr(self, "_nosplitCmds", [])
        if not found and kept and availHeight >= self.page_room - 1:
            # what should stay together (a label and its row, the last row and the
            # signature) is taller than a whole page: let it part rather than fail
            empty: dict[str, Any] = {"_nosplitCmds": [], "_rowNoSplitCells": [],
                                     "_nosplitRanges": {}}
            self.__dict__.update(empty)
            found = self._split_rows(availWidth, availHeight)
        return found

    def _split_rows(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        used, first_out = 0.0, len(heights)     # the first row that does not fit here
        for n, height in enumerate(heights):
            if used + height > availHeight:
                first_out = n
                break
            used += height
        header = sum(heights[:self.repeatRows])
        if (self.repeatRows <= first_out < len(heights) and self.page_room > 0
                and heights[first_out] > self.page_room - header):
            return list(self._splitRows(availHeight, doInRowSplit=1) or [])
        return list(self._splitRows(availHeight, doInRowSplit=0) or [])


class Rule(Flowable):
    """A solid horizontal line of a given width, centred in the available width."""

    def __init__(self, width: float, thickness: float, above: float = 3.0,
                 below: float = 2.0) -> None:
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self.above = above
        self.below = below
        self.avail = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.avail = availWidth
        return availWidth, self.above + self.thickness + self.below

    def draw(self) -> None:
        width = min(self.rule_width, self.avail)
        x0 = (self.avail - width) / 2
        y = self.below + self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, y, x0 + width, y)


class FixedPageFlowable(Flowable):
    """Draws a FixedPage at absolute page positions, ignoring where the frame puts it; with a
    signing area (x centre, top, bottom in mm from the paper's top-left corner) it writes the
    signer's field there, and the seal's over its left third."""

    def __init__(self, page: b.FixedPage, fonts: FontSet, offset_mm: tuple[float, float],
                 fields: FieldPlan | None = None,
                 signing_area_mm: tuple[float, float, float] | None = None,
                 suffix: str = "") -> None:
        super().__init__()
        self.page = page
        self.fonts = fonts
        self.offset = offset_mm
        self.fields = fields
        self.area = signing_area_mm
        self.suffix = suffix

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        draw_fixed_page(canvas, self.page, self.fonts, self.offset)
        if self.fields is None or self.area is None:
            return
        fmt = self.fields.fmt
        centre, top, bottom = self.area
        dx, dy = self.offset
        height = self.page.height_mm
        width = fmt.person_width_mm
        rect = ((centre + dx - width / 2) * mm, (height - bottom - dy) * mm,
                (centre + dx + width / 2) * mm, (height - top - dy) * mm)
        self.fields.add(canvas, PERSON, rect, self.suffix)
        self.fields.add(canvas, ORGANISATION, seal_rect(fmt, rect), self.suffix)


def draw_fixed_page(canvas: Canvas, page: b.FixedPage, fonts: FontSet,
                    offset_mm: tuple[float, float]) -> None:
    """Each PlacedText at (x, baseline y) from the paper's top-left corner, plus the offset
    (positive dx moves right, positive dy moves down)."""
    dx, dy = offset_mm
    height = page.height_mm * mm
    for item in page.items:
        text = nfc(item.text)
        font = fonts.face(item.bold, item.italic)
        x = (item.x_mm + dx) * mm
        y = height - (item.y_mm + dy) * mm
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(item.color) if item.color else colors.black)
        if item.max_width_mm is not None:
            width = item.max_width_mm * mm
            style = ParagraphStyle("fixed", fontName=font, fontSize=item.size,
                                   leading=item.size * 1.15, alignment=ALIGN[item.align],
                                   textColor=colors.HexColor(item.color) if item.color
                                   else colors.black)
            markup = _markup(text)
            para = Paragraph(f"<u>{markup}</u>" if item.underline else markup, style)
            _w, h = para.wrap(width, height)
            left = {b.Align.LEFT: x, b.Align.JUSTIFY: x, b.Align.CENTER: x - width / 2,
                    b.Align.RIGHT: x - width}[item.align]
            # the first baseline sits at y: the paragraph's top is one ascent above it
            top = y + ASCENT * item.size + (style.leading - item.size * 1.107) / 2
            para.drawOn(canvas, left, top - h)
        else:
            canvas.setFont(font, item.size)
            width = fonts.string_width(text, item.size, item.bold, item.italic)
            left = {b.Align.CENTER: x - width / 2, b.Align.RIGHT: x - width}.get(item.align, x)
            canvas.drawString(left, y, text)
            if item.underline:
                canvas.setStrokeColor(colors.HexColor(item.color) if item.color
                                      else colors.black)
                canvas.setLineWidth(max(0.5, item.size / 20))
                under = y - item.size * 0.12
                canvas.line(left, under, left + width, under)
        canvas.restoreState()



def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (crisp at any print resolution), quiet zone included."""
    qr = segno.make(payload, error="m")
    matrix = list(qr.matrix)
    border = 2
    n = len(matrix) + 2 * border
    cell = size / n
    canvas.saveState()
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + (c + border) * cell, y + size - (r + border + 1) * cell,
                          cell, cell)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
