"""Page furniture of the DOCX renderer: section size and margins, the page number from page 2,
the dossier id at the foot, the package box on page 1, and the certificates' fixed pages.

A mixin of docx_render._Renderer: it uses the renderer's `doc`, `fmt`, `out`, `add_runs`,
`new_p` and `spacer`.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.core.documents import blocks as b
from desktop.core.documents import docx_xml as x
from desktop.core.documents.format import PageFormat, TextStyle, footer_text


class PageFurniture:
    doc: b.Document
    fmt: PageFormat
    out: Any
    text_w_mm: float

    def add_runs(self, p: Any, content: tuple[b.Inline, ...] | str, style: TextStyle,
                 size: float | None = None) -> None:
        raise NotImplementedError

    def new_p(self, container: Any, first: bool = False) -> Any:
        raise NotImplementedError

    def spacer(self, height_mm: float, container: Any = None, keep_next: bool = False) -> None:
        raise NotImplementedError

    # -- sections, header, footer -------------------------------------------------------
    def setup_section(self, section: Any, width_mm: float, height_mm: float,
                      flow: bool, furniture: bool = True) -> None:
        """Page size and margins; with `furniture`, also its own header and footer parts
        (otherwise Word and LibreOffice take the previous section's). A fixed page (a
        certificate) gets empty ones: it is handed to its recipient, without a dossier id."""
        fmt = self.fmt
        section.orientation = WD_ORIENT.LANDSCAPE if width_mm > height_mm else WD_ORIENT.PORTRAIT
        section.page_width = Mm(width_mm)
        section.page_height = Mm(height_mm)
        section.top_margin = Mm(fmt.margin_top_mm)
        section.bottom_margin = Mm(fmt.margin_bottom_mm)
        section.left_margin = Mm(fmt.margin_left_mm)
        section.right_margin = Mm(fmt.margin_right_mm)
        section.header_distance = Mm(fmt.header_distance_mm)
        section.footer_distance = Mm(fmt.footer_distance_mm)
        section.gutter = Mm(0)
        if not furniture:
            return
        if not flow:
            section.different_first_page_header_footer = False
            self.clear(section.header)
            self.clear(section.footer)
            return
        footer_line = x.nfc(footer_text(fmt, self.doc.dossier_id, self.doc.package_digest))
        section.different_first_page_header_footer = True
        self.page_number_header(section.header)
        self.clear(section.first_page_header)
        self.footer(section.footer, footer_line)
        first_footer = section.first_page_footer
        first_footer.is_linked_to_previous = False
        if self.doc.reserve_package_box:
            self.package_box(first_footer, footer_line)
        else:
            self.footer(first_footer, footer_line)

    def clear(self, part: Any) -> None:
        part.is_linked_to_previous = False
        for paragraph in part.paragraphs:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)

    def page_number_header(self, header: Any) -> None:
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        style = self.fmt.style("page_number")
        paragraph.alignment = x.ALIGN[style.align]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run()
        run.font.size = Pt(style.size)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                           ("end", None)):
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                t = OxmlElement("w:t")
                t.text = text
                run._r.append(t)

    def footer(self, footer: Any, line: str) -> None:
        footer.is_linked_to_previous = False
        if not line:
            return
        paragraph = footer.paragraphs[0]
        style = self.fmt.style("footer")
        paragraph.alignment = x.ALIGN[style.align]
        paragraph.paragraph_format.space_after = Pt(0)
        self.add_runs(paragraph._p, line, style)

    def package_box(self, footer: Any, line: str) -> None:
        """The first-page footer as one row of fixed height across the text width: the QR
        code (PNG from segno) and the digest at the left, the dossier id line at the right,
        standing on the footer line. Empty (no borders) until the package exists, the same
        size either way. The footer then rises 16 mm above its 8 mm distance: Word and
        LibreOffice lower the text's bottom on page 1 only by what passes the 20 mm margin
        (the PDF reserves the same)."""
        fmt, doc = self.fmt, self.doc
        footer.is_linked_to_previous = False
        qr_w = fmt.qr_mm + 2
        widths = [qr_w, fmt.box_width_mm - qr_w, self.text_w_mm - fmt.box_width_mm]
        filled = bool(doc.package_digest or doc.qr_payload)
        # the table first, then the one paragraph a footer must end with, 1 pt high
        anchor = footer.paragraphs[0]._p
        tbl = x.make(x.w("tbl"))
        anchor.addprevious(tbl)
        tbl_pr = x.sub(tbl, x.w("tblPr"))
        x.sub(tbl_pr, x.w("tblW"), w=str(x.twips(sum(widths))), type="dxa")
        x.sub(tbl_pr, x.w("jc"), val="left")
        borders = x.sub(tbl_pr, x.w("tblBorders"))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            x.sub(borders, x.w(edge), val="nil")
        x.sub(tbl_pr, x.w("tblLayout"), type="fixed")
        mar = x.sub(tbl_pr, x.w("tblCellMar"))
        for edge in ("top", "left", "bottom", "right"):
            x.sub(mar, x.w(edge), w="0", type="dxa")
        x.sub(tbl_pr, x.w("tblLook"), val="0000")
        grid = x.sub(tbl, x.w("tblGrid"))
        for width in widths:
            x.sub(grid, x.w("gridCol"), w=str(x.twips(width)))
        tr = x.sub(tbl, x.w("tr"))
        tr_pr = x.sub(tr, x.w("trPr"))
        x.sub(tr_pr, x.w("trHeight"), val=str(x.twips(fmt.box_height_mm)), hRule="exact")
        cells = []
        for i, width in enumerate(widths):
            tc = x.sub(tr, x.w("tc"))
            tc_pr = x.sub(tc, x.w("tcPr"))
            x.sub(tc_pr, x.w("tcW"), w=str(x.twips(width)), type="dxa")
            if filled and i < 2:
                edges = x.sub(tc_pr, x.w("tcBorders"))
                for edge in ("top", "left", "bottom", "right"):
                    if (i, edge) in ((0, "right"), (1, "left")):
                        continue
                    x.sub(edges, x.w(edge), val="single", sz="4", space="0", color="000000")
            if i == 1:
                cell_mar = x.sub(tc_pr, x.w("tcMar"))
                x.sub(cell_mar, x.w("left"), w=str(x.twips(2)), type="dxa")
            x.sub(tc_pr, x.w("vAlign"), val="bottom" if i == 2 else "center")
            cells.append(tc)
        _tiny(anchor)
        qr_cell, text_cell, line_cell = cells
        box_style = fmt.style("package_box")
        lines = []
        if filled:
            lines = [f"{fmt.dossier_label}: {x.nfc(doc.dossier_id)}"]
            if doc.package_digest:
                lines.append(f"{fmt.digest_label} (SHA-256):")
                digest = doc.package_digest
                lines += [digest[i:i + 32] for i in range(0, len(digest), 32)]
        p = x.sub(text_cell, x.P)
        x.ppr(p, align=b.Align.LEFT, before=0, after=0, line_multiple=1.0)
        if lines:
            self.add_runs(p, "\n".join(lines), box_style)
        qr_p = x.sub(qr_cell, x.P)
        x.ppr(qr_p, align=b.Align.CENTER, before=0, after=0, line_multiple=1.0)
        footer_style = fmt.style("footer")
        p = x.sub(line_cell, x.P)
        x.ppr(p, align=footer_style.align, before=0, after=0, line_multiple=1.0)
        if line:
            self.add_runs(p, line, footer_style)
        if doc.qr_payload:
            png = io.BytesIO()
            segno.make(x.nfc(doc.qr_payload), error="m").save(png, kind="png", scale=6,
                                                               border=2)
            png.seek(0)
            # python-docx adds pictures through a paragraph object of the footer part
            paragraph = footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(png, width=Mm(fmt.qr_mm), height=Mm(fmt.qr_mm))
            qr_cell.remove(qr_p)
            qr_cell.append(paragraph._p)

    # -- fixed pages --------------------------------------------------------------------
    def fixed_page(self, page: b.FixedPage) -> None:
        """Each PlacedText is a paragraph in its own absolutely positioned frame (w:framePr
        anchored to the page). Word draws framePr natively and LibreOffice imports it as a
        text frame at the same place; a table with fixed row heights would drift whenever a
        line wraps or a cell margin differs, and floating text boxes (wps shapes) need
        a drawing canvas that python-docx cannot write. Line spacing is exact, so the
        baseline sits a known distance below the frame's top."""
        dx, dy = self.doc.offset_mm
        for item in page.items:
            style = TextStyle(item.size, item.bold, item.italic, item.align)
            px = item.x_mm
            py = item.y_mm + dy
            # the frame's width comes from the design position, so the offset moves every
            # frame by exactly (dx, dy) and never changes a line break
            if item.max_width_mm is not None:
                width = item.max_width_mm
            elif item.align == b.Align.CENTER:
                width = 2 * min(px, page.width_mm - px)
            elif item.align == b.Align.RIGHT:
                width = px - 5
            else:
                width = page.width_mm - px - 5
            left = {b.Align.CENTER: px - width / 2, b.Align.RIGHT: px - width}.get(item.align,
                                                                                 px)
            left += dx
            line_pt = item.size * 1.15
            top = py - (x.ASCENT * item.size + (line_pt - item.size * 1.107) / 2) / x.PT_PER_MM
            p = self.new_p(self.out)
            x.ppr(p, align=item.align, before=0, after=0, line_exact_pt=line_pt,
                  frame={"w": str(x.twips(width)), "wrap": "notBeside", "hAnchor": "page",
                         "vAnchor": "page", "x": str(x.twips(left)),
                         "y": str(x.twips(max(0.0, top)))})
            self.add_runs(p, (b.Run(item.text, color=item.color,
                                    underline=item.underline),), style)
            # an unframed 1-pt paragraph between two frames, so that no reader merges
            # neighbouring framed paragraphs into one frame (LibreOffice did, moving a line)
            self.spacer(1 / x.PT_PER_MM)


def _tiny(p: Any) -> None:
    """The paragraph after a footer's table, 1 pt high: it must exist, it must not add a
    line to the footer's height."""
    x.ppr(p, align=b.Align.LEFT, before=0, after=0, line_exact_pt=1.0)
    r = x.sub(p, x.w("r"))
    rpr = x.sub(r, x.w("rPr"))
    x.sub(rpr, x.w("sz"), val="2")
    x.sub(rpr, x.w("szCs"), val="2")
