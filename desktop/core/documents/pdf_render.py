"""PDF renderer (reportlab platypus) for the document model of blocks.py.

Every string is normalised to NFC here (reportlab does no shaping: a decomposed mark would be
drawn beside its letter). The fonts are the embedded Liberation Serif 2 faces of `FontSet`
(see fonts.py for why never the system's Times New Roman). Layout, all from the PageFormat:

- page 1 has no page number; later pages carry it centred in the top margin;
- every page carries the dossier id (and, once the package exists, its short digest) in the
  bottom margin;
- with `reserve_package_box`, page 1 keeps a box of fixed size in its bottom margin, at the
  left, standing on the footer line, for the package digest and QR code: the frame of page 1
  is shorter only by what the box rises above the margin, whether or not the package exists
  yet, so filling it in never reflows the document (the DOCX puts the same box in its
  first-page footer);
- fixed pages (certificates) are drawn on their own page template at absolute positions,
  shifted by `Document.offset_mm` for the pre-printed blank's calibration, with no dossier
  id: a certificate is handed to its recipient.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.documents import blocks as b
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import (
    PageFormat,
    TextStyle,
    balanced_lines,
    bind_dashes,
    fit_widths,
    footer_text,
    header_minimum_mm,
    keep_closing_paragraph,
)
from desktop.core.documents.pdf_flowables import (
    ALIGN,
    ASCENT,
    CELL_PAD,
    FixedPageFlowable,
    RowTable,
    Rule,
    draw_qr,
    inline_markup,
    nfc,
    paragraph,
)
from desktop.core.documents.sigfields import (
    ATTACHMENT,
    SIGNING_ATTACHMENT,
    SIGNING_SIGNERS,
    FieldPlan,
    SigningSpace,
    attachment_rect,
)

_GUTTER = 4.0     # mm kept free between the header's two columns
# Elements set in single line spacing (as the DOCX sets them): the header, tables and the
# signature block; the body's line spacing applies to running text only.
_SINGLE_SPACED = frozenset({
    "superior", "issuer", "number", "national_name", "motto", "place_date", "table",
    "table_header", "recipients_label", "recipients", "signer_authority", "signer_title",
    "signer_note", "signer_name"})


class _Renderer:
    def __init__(self, doc: b.Document, fmt: PageFormat, fonts: FontSet) -> None:
        self.doc = doc
        self.fmt = fmt
        self.fonts = fonts
        self.landscape = doc.orientation == b.Orientation.LANDSCAPE
        w, h = fmt.page_size_mm(self.landscape)
        self.page_w, self.page_h = w * mm, h * mm
        self.text_w = fmt.text_width_mm(self.landscape) * mm
        self._styles: dict[tuple[Any, ...], ParagraphStyle] = {}
        self._plain_frags: dict[str, Any] = {}   # see pdf_flowables.paragraph
        self.footer = nfc(footer_text(fmt, doc.dossier_id, doc.package_digest))
        # Empty signature fields (issue 15): where each signer's block lands, or on page 1
        # for an attachment filed separately; none when the document is not signed.
        self.signing = doc.metadata.get("signing", "")
        self.fields = (FieldPlan(fmt.signature_fields)
                       if self.signing in (SIGNING_SIGNERS, SIGNING_ATTACHMENT) else None)
        self.frame_h = self.page_h - (fmt.margin_top_mm + fmt.margin_bottom_mm) * mm

    # -- styles -------------------------------------------------------------------------
    def pstyle(self, name: str, *, align: b.Align | None = None, size: float | None = None,
               indent: bool = False, space_after: float = 0.0, space_before: float = 0.0,
               keep_with_next: bool = False) -> ParagraphStyle:
        ts: TextStyle = self.fmt.style(name) if name != "body" else TextStyle(
            self.fmt.body_size, False, False, b.Align.JUSTIFY)
        font_size = size or ts.size
        key = (name, align, font_size, indent, space_after, space_before, keep_with_next)
        style = self._styles.get(key)
        if style is None:
            style = ParagraphStyle(
                f"{name}-{len(self._styles)}",
                fontName=self.fonts.face(ts.bold, ts.italic), fontSize=font_size,
                leading=(round(font_size * 1.15, 2) if name in _SINGLE_SPACED
                         else self.fmt.leading(font_size)),
                alignment=ALIGN[align or ts.align],
                firstLineIndent=self.fmt.first_line_indent_mm * mm if indent else 0,
                spaceAfter=space_after, spaceBefore=space_before,
                keepWithNext=int(keep_with_next), splitLongWords=1)
            self._styles[key] = style
        return style

    def cell_font(self) -> tuple[Any, ...]:
        """Tables set their cell font even when every cell is a Paragraph; without this the
        default (Helvetica, not embedded) would be referenced by the page."""
        return ("FONT", (0, 0), (-1, -1), self.fonts.regular, self.fmt.body_size)

    def para(self, content: tuple[b.Inline, ...] | str, style: ParagraphStyle) -> Paragraph:
        return paragraph(inline_markup(content), style, self._plain_frags)

    def width(self, text: str, name: str) -> float:
        ts = self.fmt.style(name)
        return self.fonts.string_width(nfc(text), ts.size, ts.bold, ts.italic)

    # -- blocks -------------------------------------------------------------------------
    def motto_header(self, block: b.NationalHeader) -> list[Flowable]:
        """A person's own document: quốc hiệu and tiêu ngữ centred, place and date on the
        right below them (LAW §6.3)."""
        fmt = self.fmt
        out: list[Flowable] = [
            self.para(fmt.national_name, self.pstyle("national_name")),
            self.para(fmt.motto, self.pstyle("motto")),
            Rule(self.width(fmt.motto, "motto") * fmt.motto_rule_fraction,
                 fmt.rule_thickness_pt),
        ]
        if block.place_date:
            right_w = self.text_w - fmt.header_left_width_mm * mm
            table = Table([["", self.para(block.place_date, self.pstyle("place_date"))]],
                          colWidths=[self.text_w - right_w, right_w], hAlign="CENTER")
            table.setStyle(TableStyle([
                self.cell_font(),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]))
            out.append(table)
        return [*out, Spacer(1, 6 * mm)]

    def national_header(self, block: b.NationalHeader) -> list[Flowable]:
        if not block.issuer:
            return self.motto_header(block)
        fmt = self.fmt
        left_w = fmt.header_left_width_mm * mm
        right_w = self.text_w - left_w
        rule = fmt.rule_thickness_pt
        issuer = balanced_lines(nfc(block.issuer).upper(),
                                lambda t: self.width(t, "issuer"), left_w - _GUTTER * mm,
                                fmt.break_before)
        left: list[Flowable] = []
        if block.superior:
            superior = balanced_lines(nfc(block.superior).upper(),
                                      lambda t: self.width(t, "superior"),
                                      left_w - _GUTTER * mm,
                                      fmt.break_before)
            left.append(self.para("\n".join(superior), self.pstyle("superior")))
        left.append(self.para("\n".join(issuer), self.pstyle("issuer")))
        issuer_w = min(max(self.width(line, "issuer") for line in issuer), left_w)
        left.append(Rule(issuer_w * fmt.issuer_rule_fraction, rule))
        right: list[Flowable] = [
            self.para(fmt.national_name, self.pstyle("national_name")),
            self.para(fmt.motto, self.pstyle("motto")),
            Rule(min(self.width(fmt.motto, "motto"), right_w) * fmt.motto_rule_fraction, rule),
        ]
        rows: list[list[Any]] = [[left, right]]
        if block.number or block.place_date:
            number = self.para(block.number, self.pstyle("number")) if block.number else ""
            place = (self.para(block.place_date, self.pstyle("place_date"))
                     if block.place_date else "")
            rows.append([number, place])
        table = Table(rows, colWidths=[left_w, right_w], hAlign="CENTER")
        table.setStyle(TableStyle([
            self.cell_font(),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 1), (-1, 1), 3),
        ]))
        return [table, Spacer(1, 6 * mm)]

    def title(self, block: b.Title) -> list[Flowable]:
        out: list[Flowable] = [
            self.para(nfc(block.doc_type).upper(), self.pstyle("doc_type", space_before=6))]
        if block.subject:
            out.append(self.para(block.subject, self.pstyle("subject")))
        out.append(Rule(self.fmt.title_rule_mm * mm, self.fmt.rule_thickness_pt))
        if block.subtitle:
            out.append(self.para(block.subtitle, self.pstyle("subtitle", space_before=2)))
        out.append(Spacer(1, 4 * mm))
        return out

    def addressee(self, block: b.Addressee) -> list[Flowable]:
        label = nfc(self.fmt.addressee_label)
        style = self.pstyle("addressee", space_after=self.fmt.space_after_pt)
        if len(block.recipients) == 1:
            return [self.para(f"{label} {nfc(block.recipients[0])}", style)]
        left_style = self.pstyle("addressee", align=b.Align.LEFT)
        label_w = self.width(label + "  ", "addressee")
        lines = [nfc(r) if nfc(r).startswith("-") else f"- {nfc(r)}" for r in block.recipients]
        list_w = min(max(self.width(x, "addressee") for x in lines) + 4,
                     self.text_w - label_w)
        rows = [[self.para(label if i == 0 else "", left_style), self.para(line, left_style)]
                for i, line in enumerate(lines)]
        table = Table(rows, colWidths=[label_w, list_w], hAlign="CENTER")
        table.setStyle(TableStyle([
            self.cell_font(),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        return [table, Spacer(1, self.fmt.space_after_pt)]

    def heading(self, block: b.Heading) -> list[Flowable]:
        name = "heading1" if block.level <= 1 else "heading2"
        return [self.para(block.text, self.pstyle(
            name, align=block.align, space_before=4, space_after=self.fmt.space_after_pt,
            keep_with_next=True))]

    def paragraph(self, block: b.Paragraph) -> list[Flowable]:
        return [self.para(bind_dashes(block.content), self.pstyle(
            "body", align=block.align, size=block.size, indent=block.indent_first_line,
            space_after=self.fmt.space_after_pt, keep_with_next=block.keep_with_next))]

    def field_line(self, block: b.FieldLine) -> list[Flowable]:
        label = nfc(block.label)
        sep = " " if label.endswith(":") else ": "
        style = self.pstyle("field_line", space_after=self.fmt.space_after_pt / 2)
        return [self.para(f"{label}{sep}{nfc(block.value)}", style)]

    def _cell(self, cell: b.Cell | str, column: b.Column, size: float,
              bold: bool = False) -> tuple[Paragraph, int]:
        if isinstance(cell, str):
            content: tuple[b.Inline, ...] = (cell,)
            align, span = column.align, 1
        else:
            content, align, span = cell.content, cell.align or column.align, cell.colspan
        name = "table_header" if bold else "table"
        return self.para(bind_dashes(content), self.pstyle(name, align=align, size=size)), span

    def table(self, block: b.Table, tail: list[Flowable] | None = None) -> list[Flowable]:
        """A ruled table. `tail` (the signature that follows it) becomes a last row without
        rules, kept with the table's last row: it never stands alone on a page, and when it
        moves to the next page the header row comes along above the last row."""
        columns = block.columns
        size = block.size or self.fmt.style("table").size
        header_ts = self.fmt.style("table_header")
        lows = [header_minimum_mm(
            nfc(c.header), lambda w: self.fonts.string_width(w, size, header_ts.bold,
                                                             header_ts.italic) / mm * 1.0,
            CELL_PAD / mm) for c in columns]
        widths = fit_widths([c.width_mm for c in columns],
                            self.fmt.text_width_mm(self.landscape), lows)
        header_style = self.pstyle("table_header", size=size)
        data: list[list[Any]] = [[self.para(c.header, header_style) for c in columns]]
        spans: list[tuple[int, int, int]] = []   # row, first column, last column
        body_rows: list[tuple[b.Cell | str, ...]] = list(block.rows)
        if block.footer is not None:
            body_rows.append(block.footer)
        for r, row in enumerate(body_rows, start=1):
            is_footer = block.footer is not None and r == len(body_rows)
            out: list[Any] = []
            col = 0
            for cell in row:
                if col >= len(columns):
                    raise ValueError(f"table row {r} has more cells than columns")
                para, span = self._cell(cell, columns[col], size, bold=is_footer)
                if span < 1 or col + span > len(columns):
                    raise ValueError(f"table row {r}: a cell spans past the last column")
                out.append(para)
                if span > 1:
                    spans.append((r, col, col + span - 1))
                    out.extend([""] * (span - 1))
                col += span
            out.extend([""] * (len(columns) - col))
            data.append(out)
        ruled = len(data) - 1                  # the last ruled row
        if tail:
            data.append([tail] + [""] * (len(columns) - 1))
        table = RowTable(data, colWidths=[w * mm for w in widths], repeatRows=1,
                         hAlign="CENTER")
        table.page_room = self.frame_h
        style: list[tuple[Any, ...]] = [
            self.cell_font(),
            ("GRID", (0, 0), (-1, ruled), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        style += [("SPAN", (c0, r), (c1, r)) for r, c0, c1 in spans]
        # A group label (one cell across the table) stays with its first row; the total
        # stays with the last row: neither is left alone at a page foot or head.
        for r, c0, c1 in spans:
            if c0 == 0 and c1 == len(columns) - 1:
                if block.footer is not None and r == ruled:
                    style.append(("NOSPLIT", (0, r - 1), (-1, r)))
                elif r < ruled:
                    style.append(("NOSPLIT", (0, r), (-1, r + 1)))
        if tail:
            style += [("SPAN", (0, ruled + 1), (-1, ruled + 1)),
                      ("LEFTPADDING", (0, ruled + 1), (-1, ruled + 1), 0),
                      ("RIGHTPADDING", (0, ruled + 1), (-1, ruled + 1), 0),
                      ("NOSPLIT", (0, ruled), (-1, ruled + 1))]
        table.setStyle(TableStyle(style))
        return [table, Spacer(1, self.fmt.space_after_pt)]

    def signer_head(self, signer: b.Signer) -> list[Flowable]:
        """Authority, title and note of one signer (the first row of the signature table)."""
        out: list[Flowable] = []
        if signer.caption:
            out.append(self.para(nfc(signer.caption).upper(), self.pstyle("signer_title")))
        if signer.authority:
            out.append(self.para(nfc(signer.authority).upper(), self.pstyle("signer_authority")))
        out.append(self.para(nfc(signer.title).upper(), self.pstyle("signer_title")))
        if signer.note:
            out.append(self.para(signer.note, self.pstyle("signer_note")))
        return out

    def signer_foot(self, signer: b.Signer) -> list[Flowable]:
        """Room to sign (and seal), then the name (the second row)."""
        plan = self.fields if self.signing == SIGNING_SIGNERS else None
        out: list[Flowable] = [SigningSpace(self.fmt.signing_space_mm * mm, plan, signer.seal)]
        if signer.name:
            out.append(self.para(signer.name, self.pstyle("signer_name")))
        return out

    def recipients(self, recipients: tuple[str, ...]) -> list[Flowable]:
        out: list[Flowable] = [self.para(self.fmt.recipients_label,
                                         self.pstyle("recipients_label"))]
        style = self.pstyle("recipients")
        for item in recipients:
            text = nfc(item)
            out.append(self.para(text if text.startswith("-") else f"- {text}", style))
        return out

    def signature(self, block: b.SignatureBlock,
                  lead: list[Flowable] | None = None) -> list[Flowable]:
        return [KeepTogether([*(lead or []), *self.signature_parts(block)])]

    def signature_parts(self, block: b.SignatureBlock) -> list[Flowable]:
        """Two rows, so the names of signers side by side stand on one line however many
        lines their titles take; "Nơi nhận" (left) spans both rows."""
        heads: list[Any] = []
        feet: list[Any] = []
        widths: list[float] = []
        style: list[tuple[Any, ...]] = [
            self.cell_font(),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        if block.recipients:
            left = self.text_w * self.fmt.recipients_width_fraction
            heads.append(self.recipients(block.recipients))
            feet.append("")
            style.append(("SPAN", (0, 0), (0, 1)))
            widths.append(left)
            share = (self.text_w - left) / max(1, len(block.signers))
        elif len(block.signers) == 1:
            # the right half; `centered`: the middle two thirds
            side = self.text_w / 6 if block.centered else self.text_w / 2
            heads.append("")
            feet.append("")
            widths.append(side)
            share = self.text_w * 2 / 3 if block.centered else self.text_w / 2
        else:
            share = self.text_w / max(1, len(block.signers))
        for signer in block.signers:
            heads.append(self.signer_head(signer))
            feet.append(self.signer_foot(signer))
            widths.append(share)
        if block.centered and len(block.signers) == 1 and not block.recipients:
            heads.append("")
            feet.append("")
            widths.append(self.text_w / 6)
        table = Table([heads, feet], colWidths=widths, hAlign="CENTER")
        table.setStyle(TableStyle(style))
        return [Spacer(1, 2 * mm), table]

    def keep_lead_with_first_row(self, story: list[Flowable], block: b.Table) -> None:
        """Headings (and a paragraph kept with what follows) just before a table stay with its
        first rows, not with the whole table: a page break comes before them only when the
        headings, the header row and the first row do not fit. reportlab's keepWithNext
        would move the whole table to the next page, leaving a blank page foot."""
        lead: list[Flowable] = []
        while story and isinstance(story[-1], Paragraph) and story[-1].getKeepWithNext():
            lead.insert(0, story.pop())
        if not lead:
            return
        rows = self.table(replace(block, rows=block.rows[:2] if block.rows and len(
            block.rows[0]) == 1 else block.rows[:1], footer=None))[0]
        need = sum(f.wrap(self.text_w, self.frame_h)[1] + f.getSpaceBefore()
                   + f.getSpaceAfter() for f in lead)
        need += rows.wrap(self.text_w, self.frame_h)[1]
        for f in lead:
            f.keepWithNext = 0
        story += [CondPageBreak(need), *lead]

    def flow(self) -> list[Flowable]:
        story: list[Flowable] = []
        blocks = keep_closing_paragraph(self.doc.blocks)
        skip: set[int] = set()
        for i, block in enumerate(blocks):
            if i in skip:
                continue
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, b.Table) and isinstance(following, b.SignatureBlock):
                # the signature rides as the table's last row (see table())
                story += self.table(block, tail=self.signature_parts(following))
                skip.add(i + 1)
                continue
            if isinstance(block, b.Table):
                self.keep_lead_with_first_row(story, block)
            if isinstance(block, b.NationalHeader):
                story += self.national_header(block)
            elif isinstance(block, b.Title):
                story += self.title(block)
            elif isinstance(block, b.Addressee):
                story += self.addressee(block)
            elif isinstance(block, b.Heading):
                story += self.heading(block)
            elif isinstance(block, b.Paragraph):
                story += self.paragraph(block)
            elif isinstance(block, b.Table):
                story += self.table(block)
            elif isinstance(block, b.FieldLine):
                story += self.field_line(block)
            elif isinstance(block, b.SignatureBlock):
                # reportlab's keepWithNext does not reach into a KeepTogether: take the
                # closing paragraph into the signature's own group instead; a second block
                # of signatures (the level that submits) stays with the first
                lead: list[Flowable] = []
                if story and isinstance(story[-1], Paragraph) and story[-1].getKeepWithNext():
                    lead.append(story.pop())
                at = i
                while isinstance(following, b.SignatureBlock):
                    lead += [*self.signature_parts(block), Spacer(1, 4 * mm)]
                    block, at = following, at + 1
                    skip.add(at)
                    following = blocks[at + 1] if at + 1 < len(blocks) else None
                story += self.signature(block, lead)
            elif isinstance(block, b.PageBreak):
                story.append(PageBreak())
            elif isinstance(block, b.Spacer):
                story.append(Spacer(1, block.height_mm * mm))
            else:   # a new block kind without a renderer is a bug, not a silent gap
                raise TypeError(f"no PDF rendering for {type(block).__name__}")
        return story

    # -- page furniture -----------------------------------------------------------------
    def draw_footer(self, canvas: Canvas, page_w: float) -> None:
        if not self.footer:
            return
        ts = self.fmt.style("footer")
        canvas.saveState()
        canvas.setFont(self.fonts.face(ts.bold, ts.italic), ts.size)
        y = self.fmt.footer_distance_mm * mm
        if ts.align == b.Align.CENTER:
            canvas.drawCentredString(page_w / 2, y, self.footer)
        elif ts.align == b.Align.LEFT:
            canvas.drawString(self.fmt.margin_left_mm * mm, y, self.footer)
        else:
            canvas.drawRightString(page_w - self.fmt.margin_right_mm * mm, y, self.footer)
        canvas.restoreState()

    def draw_page_number(self, canvas: Canvas) -> None:
        ts = self.fmt.style("page_number")
        canvas.saveState()
        canvas.setFont(self.fonts.face(ts.bold, ts.italic), ts.size)
        y = self.page_h - self.fmt.header_distance_mm * mm - ASCENT * ts.size
        x = self.fmt.margin_left_mm * mm + self.text_w / 2
        canvas.drawCentredString(x, y, str(canvas.getPageNumber()))
        canvas.restoreState()

    def box_origin(self) -> tuple[float, float]:
        """The package box sits in the bottom margin of page 1, at the left edge of the text,
        its foot on the footer line: the text loses only what the box rises above the margin
        (box_reserve), never a block of the page."""
        fmt = self.fmt
        return fmt.margin_left_mm * mm, fmt.footer_distance_mm * mm

    def draw_package_box(self, canvas: Canvas) -> None:
        fmt, doc = self.fmt, self.doc
        if not doc.package_digest and not doc.qr_payload:
            return   # the area stays reserved and empty until the package exists
        x, y = self.box_origin()
        w, h = fmt.box_width_mm * mm, fmt.box_height_mm * mm
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.rect(x, y, w, h)
        pad = (h - fmt.qr_mm * mm) / 2
        if doc.qr_payload:
            draw_qr(canvas, nfc(doc.qr_payload), x + pad, y + pad, fmt.qr_mm * mm)
        ts = fmt.style("package_box")
        canvas.setFont(self.fonts.face(ts.bold, ts.italic), ts.size)
        tx = x + 2 * pad + fmt.qr_mm * mm
        lines = [f"{fmt.dossier_label}: {nfc(doc.dossier_id)}"]
        if doc.package_digest:
            digest = doc.package_digest
            lines.append(f"{fmt.digest_label} (SHA-256):")
            lines += [digest[i:i + 32] for i in range(0, len(digest), 32)]
        leading = ts.size * 1.2
        ty = y + h - pad - ts.size
        for line in lines:
            canvas.drawString(tx, ty, line)
            ty -= leading
        canvas.restoreState()

    def on_first(self, canvas: Canvas, _doc: Any) -> None:
        self.draw_footer(canvas, self.page_w)
        if self.doc.reserve_package_box:
            self.draw_package_box(canvas)
        if self.fields is not None and self.signing == SIGNING_ATTACHMENT:
            self.fields.add(canvas, ATTACHMENT, attachment_rect(
                self.fmt.signature_fields, self.page_w, self.page_h,
                self.fmt.margin_right_mm * mm))

    def on_later(self, canvas: Canvas, _doc: Any) -> None:
        self.draw_page_number(canvas)
        self.draw_footer(canvas, self.page_w)

    def build(self, path: Path) -> int:
        fmt, doc = self.fmt, self.doc
        left, right = fmt.margin_left_mm * mm, fmt.margin_right_mm * mm
        top, bottom = fmt.margin_top_mm * mm, fmt.margin_bottom_mm * mm
        frame_h = self.page_h - top - bottom
        box = fmt.box_reserve_mm * mm if doc.reserve_package_box else 0.0

        def frame(fid: str, reserve: float) -> Frame:
            return Frame(left, bottom + reserve, self.text_w, frame_h - reserve, id=fid,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        first = PageTemplate("first", [frame("f1", box)], onPage=self.on_first,
                             pagesize=(self.page_w, self.page_h), autoNextPageTemplate="later")
        later = PageTemplate("later", [frame("f2", 0.0)], onPage=self.on_later,
                             pagesize=(self.page_w, self.page_h))
        templates = [first, later]
        story = self.flow()
        for i, page in enumerate(doc.fixed_pages):
            pid = f"fixed{i}"
            size = (page.width_mm * mm, page.height_mm * mm)
            # a certificate is handed to its recipient: no dossier id on it
            templates.append(PageTemplate(
                pid, [Frame(0, 0, size[0], size[1], id=pid)], pagesize=size))
            if story or i > 0:
                story += [NextPageTemplate(pid), PageBreak()]
            else:
                # a certificate-only document starts on its fixed page
                templates.insert(0, templates.pop())
            story.append(FixedPageFlowable(
                page, self.fonts, doc.offset_mm,
                self.fields if self.signing == SIGNING_SIGNERS else None,
                _signing_area(doc), f"_p{i + 1}" if i else ""))
        meta = doc.metadata
        template = BaseDocTemplate(
            str(path), pagesize=(self.page_w, self.page_h), pageTemplates=templates,
            leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
            title=nfc(meta.get("title", doc.title)),
            author=nfc(meta.get("author", "")), subject=nfc(meta.get("subject", doc.title)),
            keywords=nfc(meta.get("keywords", doc.dossier_id)),
            creator="Hồ sơ Khen thưởng", producer="Hồ sơ Khen thưởng (reportlab)",
            invariant=1, lang="vi-VN", initialFontName=self.fonts.regular,
            initialFontSize=fmt.body_size)
        # Binary streams (no ASCII85 layer): 25 % smaller files and ~5 % faster. reportlab
        # only offers this as a process-wide setting, so it is set for this build and put back.
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            template.build(story or [Spacer(1, 1)])
        finally:
            rl_config.useA85 = saved
        return int(template.page)


def _signing_area(doc: b.Document) -> tuple[float, float, float] | None:
    """metadata["signing_area_mm"] = "x_centre,top,bottom" of a fixed page's signer."""
    raw = doc.metadata.get("signing_area_mm", "")
    try:
        centre, top, bottom = (float(v) for v in raw.split(","))
    except ValueError:
        return None
    return (centre, top, bottom) if bottom > top else None


def write_pdf(doc: b.Document, fmt: PageFormat, fonts: FontSet, path: Path) -> int:
    """Render `doc` to the PDF file `path` (written in place); returns the page count."""
    return _Renderer(doc, fmt, fonts).build(path)
