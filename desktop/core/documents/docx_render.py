"""DOCX renderer (python-docx) for the document model of blocks.py.

The traps of python-docx with Vietnamese (TECH-NOTES §3) and what we do about each:

- the default template is US Letter: every section gets A4 (or the fixed page's size);
- `font.name` sets only two of the four font slots, and the built-in styles carry *Theme
  attributes that Word obeys over explicit names: we set ascii/hAnsi/eastAsia/cs in
  docDefaults and every style, and delete every *Theme attribute in styles.xml;
- the language is en-US: docDefaults and every style get lang vi-VN;
- LibreOffice ignores `cell.width`: every table gets fixed layout, gridCol widths AND tcW on
  every cell.

Every string is normalised to NFC. Page numbers are a PAGE field in the header of pages 2 on
(different first page); the dossier id is in the footer of every page; the package box (digest
and QR code) sits in the first-page footer at a fixed size whether or not it is filled, so
adding it never reflows the document (the PDF keeps the same room above its bottom margin).
Lengths come from the PageFormat; text widths (for the rules under the issuing body and the
tiêu ngữ) are measured with the Liberation Serif metrics of FontSet, identical to Times New
Roman's.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import segno
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell

from desktop.core.documents import blocks as b
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import (
    PageFormat,
    TextStyle,
    balanced_lines,
    fit_widths,
    footer_text,
)

_ALIGN = {b.Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, b.Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          b.Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT, b.Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_ASCENT = 0.891
_PT_PER_MM = 72 / 25.4


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _set(el: Any, tag: str, **attrs: str) -> Any:
    child = el.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        el.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def setup_styles(document: Any, fmt: PageFormat) -> None:
    """Times New Roman on all four slots and lang vi-VN, in docDefaults and every style; no
    theme font left anywhere in styles.xml."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _force_rpr(rpr, fmt)
    for style in document.styles:
        el = style.element
        if el.find(qn("w:rPr")) is not None or style.name == "Normal":
            _force_rpr(el.get_or_add_rPr(), fmt)
    # nested rPr (table-style conditional formats) and anything the loops above missed
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
        for attr in _FONT_SLOTS:
            rfonts.set(qn(attr), fmt.font_family)
    normal = document.styles["Normal"]
    normal.font.size = Pt(fmt.body_size)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0


def _force_rpr(rpr: Any, fmt: PageFormat) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in _FONT_SLOTS:
        rfonts.set(qn(attr), fmt.font_family)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), fmt.lang)


def set_widths(table: DocxTable, widths_mm: list[float]) -> None:
    """Fixed layout, gridCol widths and tcW on every cell: Word and LibreOffice both obey."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblLayout", type="fixed")
    _set(tbl_pr, "w:tblW", w=str(int(sum(widths_mm) * 56.6929)), type="dxa")
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def no_borders(table: DocxTable) -> None:
    borders = _set(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{edge}", val="nil")


def zero_cell_margins(table: DocxTable, top_bottom: bool = True) -> None:
    mar = _set(table._tbl.tblPr, "w:tblCellMar")
    edges = ("top", "left", "bottom", "right") if top_bottom else ("left", "right")
    for edge in edges:
        _set(mar, f"w:{edge}", w="0", type="dxa")


class _Renderer:
    def __init__(self, doc: b.Document, fmt: PageFormat, fonts: FontSet) -> None:
        self.doc = doc
        self.fmt = fmt
        self.fonts = fonts
        self.landscape = doc.orientation == b.Orientation.LANDSCAPE
        self.text_w_mm = fmt.text_width_mm(self.landscape)
        self.out = new_docx()
        setup_styles(self.out, fmt)
        self.body_paragraph_count = 0

    # -- text ---------------------------------------------------------------------------
    def width_mm(self, text: str, style: TextStyle) -> float:
        return self.fonts.string_width(nfc(text), style.size, style.bold,
                                       style.italic) / _PT_PER_MM

    def add_runs(self, paragraph: Any, content: tuple[b.Inline, ...] | str,
                 style: TextStyle, size: float | None = None) -> None:
        items: tuple[b.Inline, ...] = (content,) if isinstance(content, str) else content
        for item in items:
            run_def = b.Run(item) if isinstance(item, str) else item
            lines = nfc(run_def.text).split("\n")
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                font = run.font
                font.size = Pt(run_def.size or size or style.size)
                font.bold = style.bold or run_def.bold or None
                font.italic = style.italic or run_def.italic or None
                if run_def.underline:
                    font.underline = True
                if run_def.color:
                    font.color.rgb = RGBColor.from_string(run_def.color.lstrip("#").upper())
                if i < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)

    def format_paragraph(self, paragraph: Any, style: TextStyle, *, align: b.Align | None = None,
                         size: float | None = None, indent: bool = False,
                         space_after: float = 0.0, space_before: float = 0.0,
                         keep_with_next: bool = False) -> None:
        pf = paragraph.paragraph_format
        paragraph.alignment = _ALIGN[align or style.align]
        pf.space_after = Pt(space_after)
        pf.space_before = Pt(space_before)
        pf.line_spacing = self.fmt.line_spacing
        if indent:
            pf.first_line_indent = Mm(self.fmt.first_line_indent_mm)
        if keep_with_next:
            pf.keep_with_next = True

    def write(self, container: Any, content: tuple[b.Inline, ...] | str, name: str,
              first: bool = False, **kw: Any) -> Any:
        style = self.style(name)
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        self.format_paragraph(paragraph, style, **{k: v for k, v in kw.items() if k != "size"},
                              size=kw.get("size"))
        self.add_runs(paragraph, content, style, kw.get("size"))
        return paragraph

    def style(self, name: str) -> TextStyle:
        if name == "body":
            return TextStyle(self.fmt.body_size, False, False, b.Align.JUSTIFY)
        return self.fmt.style(name)

    def rule(self, container: Any, width_mm: float, cell_width_mm: float,
             space_before: float = 1.0) -> None:
        """A centred solid line `width_mm` long: an empty paragraph, indented so that its top
        border is exactly that long (both Word and LibreOffice draw paragraph borders
        between the indents)."""
        paragraph = container.add_paragraph()
        pf = paragraph.paragraph_format
        side = max(0.0, (cell_width_mm - width_mm) / 2)
        pf.left_indent = Mm(side)
        pf.right_indent = Mm(side)
        pf.space_before = Pt(space_before)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(2)
        ppr = paragraph._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        eighths = max(2, round(self.fmt.rule_thickness_pt * 8))
        for key, value in (("val", "single"), ("sz", str(eighths)), ("space", "0"),
                           ("color", "000000")):
            top.set(qn(f"w:{key}"), value)
        bdr.append(top)
        # schema order: pBdr comes before spacing/ind/jc
        spacing = ppr.find(qn("w:spacing"))
        if spacing is not None:
            spacing.addprevious(bdr)
        else:
            ppr.append(bdr)
        run = paragraph.add_run("")
        run.font.size = Pt(2)

    # -- blocks -------------------------------------------------------------------------
    def borderless_table(self, rows: int, widths: list[float]) -> DocxTable:
        table = self.out.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        no_borders(table)
        zero_cell_margins(table)
        set_widths(table, widths)
        return table

    def national_header(self, block: b.NationalHeader) -> None:
        fmt = self.fmt
        left_w = fmt.header_left_width_mm
        right_w = self.text_w_mm - left_w
        has_second = bool(block.number or block.place_date)
        table = self.borderless_table(2 if has_second else 1, [left_w, right_w])
        left, right = table.rows[0].cells
        issuer_style = fmt.style("issuer")
        issuer = balanced_lines(nfc(block.issuer).upper(),
                                lambda t: self.width_mm(t, issuer_style), left_w)
        first = True
        if block.superior:
            self.write(left, nfc(block.superior).upper(), "superior", first=True)
            first = False
        self.write(left, "\n".join(issuer), "issuer", first=first)
        issuer_w = min(max(self.width_mm(line, issuer_style) for line in issuer), left_w)
        self.rule(left, issuer_w * fmt.issuer_rule_fraction, left_w)
        self.write(right, fmt.national_name, "national_name", first=True)
        self.write(right, fmt.motto, "motto")
        motto_w = min(self.width_mm(fmt.motto, fmt.style("motto")), right_w)
        self.rule(right, motto_w * fmt.motto_rule_fraction, right_w)
        if has_second:
            number, place = table.rows[1].cells
            if block.number:
                self.write(number, block.number, "number", first=True, space_before=3)
            if block.place_date:
                self.write(place, block.place_date, "place_date", first=True, space_before=3)
        self.spacer(6)

    def title(self, block: b.Title) -> None:
        body = self.out
        self.write(body, nfc(block.doc_type).upper(), "doc_type", space_before=6,
                   keep_with_next=True)
        if block.subject:
            self.write(body, block.subject, "subject", keep_with_next=True)
        self.rule(body, self.fmt.title_rule_mm, self.text_w_mm, space_before=3)
        if block.subtitle:
            self.write(body, block.subtitle, "subtitle", space_before=2)
        self.spacer(4)

    def addressee(self, block: b.Addressee) -> None:
        fmt = self.fmt
        style = fmt.style("addressee")
        label = nfc(fmt.addressee_label)
        if len(block.recipients) == 1:
            self.write(self.out, f"{label} {nfc(block.recipients[0])}", "addressee",
                       space_after=fmt.space_after_pt)
            return
        lines = [nfc(r) if nfc(r).startswith("-") else f"- {nfc(r)}" for r in block.recipients]
        label_w = self.width_mm(label + "  ", style)
        list_w = min(max(self.width_mm(x, style) for x in lines) + 1.5,
                     self.text_w_mm - label_w)
        indent = max(0.0, (self.text_w_mm - label_w - list_w) / 2)
        for i, line in enumerate(lines):
            paragraph = self.write(self.out, (label + "\t" if i == 0 else "") + line,
                                   "addressee", align=b.Align.LEFT,
                                   space_after=fmt.space_after_pt if i == len(lines) - 1
                                   else 0)
            pf = paragraph.paragraph_format
            pf.left_indent = Mm(indent + label_w)
            pf.first_line_indent = Mm(-label_w) if i == 0 else None
            pf.tab_stops.add_tab_stop(Mm(indent + label_w))

    def heading(self, block: b.Heading) -> None:
        name = "heading1" if block.level <= 1 else "heading2"
        self.write(self.out, block.text, name, align=block.align, space_before=4,
                   space_after=self.fmt.space_after_pt, keep_with_next=True)

    def paragraph(self, block: b.Paragraph) -> None:
        self.write(self.out, block.content, "body", align=block.align, size=block.size,
                   indent=block.indent_first_line, space_after=self.fmt.space_after_pt,
                   keep_with_next=block.keep_with_next)

    def field_line(self, block: b.FieldLine) -> None:
        label = nfc(block.label)
        sep = " " if label.endswith(":") else ": "
        self.write(self.out, f"{label}{sep}{nfc(block.value)}", "field_line",
                   space_after=self.fmt.space_after_pt / 2)

    def table(self, block: b.Table) -> None:
        columns = block.columns
        widths = fit_widths([c.width_mm for c in columns], self.text_w_mm)
        size = block.size or self.fmt.style("table").size
        body_rows: list[tuple[b.Cell | str, ...]] = list(block.rows)
        if block.footer is not None:
            body_rows.append(block.footer)
        table = self.out.add_table(rows=1 + len(body_rows), cols=len(columns))
        table.style = self.out.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_widths(table, widths)
        rows = table.rows
        header = rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        _set(tr_pr, "w:tblHeader", val="true")   # repeated at the top of every page
        for cell, column in zip(header.cells, columns, strict=True):
            self.cell_text(cell, column.header, "table_header", None, size)
            _set(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
        for r, row_def in enumerate(body_rows, start=1):
            is_footer = block.footer is not None and r == len(body_rows)
            cells = rows[r].cells
            col = 0
            for cell_def in row_def:
                if col >= len(columns):
                    raise ValueError(f"table row {r} has more cells than columns")
                if isinstance(cell_def, str):
                    content: tuple[b.Inline, ...] = (cell_def,)
                    align, span = columns[col].align, 1
                else:
                    content = cell_def.content
                    align, span = cell_def.align or columns[col].align, cell_def.colspan
                target: _Cell = cells[col]
                if span > 1:
                    target = target.merge(cells[col + span - 1])
                self.cell_text(target, content, "table_header" if is_footer else "table",
                               align, size)
                col += span

    def cell_text(self, cell: _Cell, content: tuple[b.Inline, ...] | str, name: str,
                  align: b.Align | None, size: float) -> None:
        paragraph = cell.paragraphs[0]
        style = self.style(name)
        paragraph.alignment = _ALIGN[align or style.align]
        pf = paragraph.paragraph_format
        pf.space_after = Pt(2)
        pf.space_before = Pt(2)
        self.add_runs(paragraph, content, style, size)

    def signer(self, cell: _Cell, signer: b.Signer, first: bool) -> None:
        if signer.authority:
            self.write(cell, nfc(signer.authority).upper(), "signer_authority", first=first,
                       keep_with_next=True)
            first = False
        self.write(cell, nfc(signer.title).upper(), "signer_title", first=first,
                   keep_with_next=True)
        if signer.note:
            self.write(cell, signer.note, "signer_note", keep_with_next=True)
        if signer.name:
            self.write(cell, signer.name, "signer_name",
                       space_before=self.fmt.signing_space_mm * _PT_PER_MM)
        else:
            self.spacer(self.fmt.signing_space_mm, cell)

    def signature(self, block: b.SignatureBlock) -> None:
        text_w = self.text_w_mm
        widths: list[float] = []
        if block.recipients:
            left = text_w * self.fmt.recipients_width_fraction
            widths.append(left)
            widths += [(text_w - left) / max(1, len(block.signers))] * len(block.signers)
        elif len(block.signers) == 1:
            widths = [text_w / 2, text_w / 2]
        else:
            widths = [text_w / len(block.signers)] * len(block.signers)
        self.spacer(2)
        table = self.borderless_table(1, widths)
        row = table.rows[0]
        _set(row._tr.get_or_add_trPr(), "w:cantSplit", val="true")   # keep it on one page
        cells = row.cells
        start = 0
        if block.recipients:
            cell = cells[0]
            self.write(cell, self.fmt.recipients_label, "recipients_label", first=True)
            for item in block.recipients:
                text = nfc(item)
                self.write(cell, text if text.startswith("-") else f"- {text}", "recipients")
            start = 1
        elif len(block.signers) == 1:
            start = 1
        for cell, signer in zip(cells[start:], block.signers, strict=True):
            self.signer(cell, signer, first=True)

    def spacer(self, height_mm: float, container: Any = None) -> None:
        paragraph = (container or self.out).add_paragraph()
        pf = paragraph.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Mm(max(0.5, height_mm))
        pf.space_after = Pt(0)

    def page_break(self) -> None:
        self.out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- sections, header, footer -------------------------------------------------------
    def setup_section(self, section: Any, width_mm: float, height_mm: float,
                      flow: bool) -> None:
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
        footer_line = nfc(footer_text(fmt, self.doc.dossier_id, self.doc.package_digest))
        if flow:
            section.different_first_page_header_footer = True
            self.page_number_header(section.header)
            self.clear(section.first_page_header)
            self.footer(section.footer, footer_line)
            first_footer = section.first_page_footer
            first_footer.is_linked_to_previous = False
            if self.doc.reserve_package_box:
                self.package_box(first_footer)
                self.footer(first_footer, footer_line, reuse_first=False)
            else:
                self.footer(first_footer, footer_line)
        else:
            section.different_first_page_header_footer = False
            self.clear(section.header)
            self.footer(section.footer, footer_line)

    def clear(self, part: Any) -> None:
        part.is_linked_to_previous = False
        for paragraph in part.paragraphs:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)

    def page_number_header(self, header: Any) -> None:
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        style = self.fmt.style("page_number")
        paragraph.alignment = _ALIGN[style.align]
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

    def footer(self, footer: Any, line: str, reuse_first: bool = True) -> None:
        footer.is_linked_to_previous = False
        if not line:
            return
        paragraph = footer.paragraphs[0] if reuse_first else footer.add_paragraph()
        style = self.fmt.style("footer")
        paragraph.alignment = _ALIGN[style.align]
        paragraph.paragraph_format.space_after = Pt(0)
        self.add_runs(paragraph, line, style)

    def package_box(self, footer: Any) -> None:
        """A one-row table of fixed height at the right of the first-page footer: the QR code
        (PNG from segno) and the digest, or the same area left empty until the package
        exists. Word and LibreOffice both grow the bottom margin to fit a tall footer."""
        fmt, doc = self.fmt, self.doc
        qr_w = fmt.qr_mm + 2
        table = footer.add_table(1, 2, Mm(fmt.box_width_mm))
        table.alignment = WD_TABLE_ALIGNMENT.RIGHT
        filled = bool(doc.package_digest or doc.qr_payload)
        if not filled:
            no_borders(table)
        else:
            borders = _set(table._tbl.tblPr, "w:tblBorders")
            for edge in ("top", "left", "bottom", "right"):
                _set(borders, f"w:{edge}", val="single", sz="4", space="0", color="000000")
            for edge in ("insideH", "insideV"):
                _set(borders, f"w:{edge}", val="nil")
        zero_cell_margins(table, top_bottom=False)
        set_widths(table, [qr_w, fmt.box_width_mm - qr_w])
        row = table.rows[0]
        row.height = Mm(fmt.box_height_mm)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY   # the same size, filled or empty
        qr_cell, text_cell = row.cells
        for cell in (qr_cell, text_cell):
            _set(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
        mar = _set(text_cell._tc.get_or_add_tcPr(), "w:tcMar")
        _set(mar, "w:left", w=str(int(Mm(2).twips)), type="dxa")
        if doc.qr_payload:
            png = io.BytesIO()
            segno.make(nfc(doc.qr_payload), error="m").save(png, kind="png", scale=6, border=2)
            png.seek(0)
            paragraph = qr_cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(png, width=Mm(fmt.qr_mm), height=Mm(fmt.qr_mm))
        if filled:
            style = fmt.style("package_box")
            lines = [f"{fmt.dossier_label}: {nfc(doc.dossier_id)}"]
            if doc.package_digest:
                lines.append(f"{fmt.digest_label} (SHA-256):")
                digest = doc.package_digest
                lines += [digest[i:i + 32] for i in range(0, len(digest), 32)]
            paragraph = text_cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            self.add_runs(paragraph, "\n".join(lines), style)

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
            x = item.x_mm
            y = item.y_mm + dy
            # the frame's width comes from the design position, so the offset moves every
            # frame by exactly (dx, dy) and never changes a line break
            if item.max_width_mm is not None:
                width = item.max_width_mm
            elif item.align == b.Align.CENTER:
                width = 2 * min(x, page.width_mm - x)
            elif item.align == b.Align.RIGHT:
                width = x - 5
            else:
                width = page.width_mm - x - 5
            left = {b.Align.CENTER: x - width / 2, b.Align.RIGHT: x - width}.get(item.align, x)
            left += dx
            line_pt = item.size * 1.15
            top = y - (_ASCENT * item.size + (line_pt - item.size * 1.107) / 2) / _PT_PER_MM
            paragraph = self.out.add_paragraph()
            pf = paragraph.paragraph_format
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(line_pt)
            pf.space_after = Pt(0)
            paragraph.alignment = _ALIGN[item.align]
            frame = OxmlElement("w:framePr")
            for key, value in (("w", str(int(Mm(width).twips))),
                               ("wrap", "notBeside"), ("hAnchor", "page"),
                               ("vAnchor", "page"), ("x", str(int(Mm(left).twips))),
                               ("y", str(int(Mm(max(0.0, top)).twips)))):
                frame.set(qn(f"w:{key}"), value)
            ppr = paragraph._p.get_or_add_pPr()
            ppr.insert(0, frame)   # schema order: framePr before spacing and jc
            self.add_runs(paragraph, (b.Run(item.text, color=item.color,
                                                underline=item.underline),), style)
            # an unframed 1-pt paragraph between two frames, so that no reader merges
            # neighbouring framed paragraphs into one frame (LibreOffice did, moving a line)
            separator = self.out.add_paragraph()
            spf = separator.paragraph_format
            spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spf.line_spacing = Pt(1)
            spf.space_after = Pt(0)

    # -- whole document -----------------------------------------------------------------
    def build(self, path: Path) -> None:
        doc = self.doc
        out = self.out
        width, height = self.fmt.page_size_mm(self.landscape)
        section = out.sections[0]
        if doc.blocks or not doc.fixed_pages:
            self.setup_section(section, width, height, flow=True)
            for block in doc.blocks:
                self.block(block)
            new_section = True
        else:
            first = doc.fixed_pages[0]
            self.setup_section(section, first.width_mm, first.height_mm, flow=False)
            new_section = False
        for page in doc.fixed_pages:
            if new_section:
                section = out.add_section(WD_SECTION.NEW_PAGE)
                self.setup_section(section, page.width_mm, page.height_mm, flow=False)
            self.fixed_page(page)
            new_section = True
        props = out.core_properties
        meta = doc.metadata
        props.title = nfc(meta.get("title", doc.title))
        props.author = nfc(meta.get("author", ""))
        props.subject = nfc(meta.get("subject", doc.title))
        props.keywords = nfc(meta.get("keywords", doc.dossier_id))
        props.language = self.fmt.lang
        props.comments = ""
        out.save(str(path))

    def block(self, block: b.Block) -> None:
        if isinstance(block, b.NationalHeader):
            self.national_header(block)
        elif isinstance(block, b.Title):
            self.title(block)
        elif isinstance(block, b.Addressee):
            self.addressee(block)
        elif isinstance(block, b.Heading):
            self.heading(block)
        elif isinstance(block, b.Paragraph):
            self.paragraph(block)
        elif isinstance(block, b.Table):
            self.table(block)
        elif isinstance(block, b.FieldLine):
            self.field_line(block)
        elif isinstance(block, b.SignatureBlock):
            self.signature(block)
        elif isinstance(block, b.PageBreak):
            self.page_break()
        elif isinstance(block, b.Spacer):
            self.spacer(block.height_mm)
        else:   # a new block kind without a renderer is a bug, not a silent gap
            raise TypeError(f"no DOCX rendering for {type(block).__name__}")


def write_docx(doc: b.Document, fmt: PageFormat, fonts: FontSet, path: Path) -> None:
    """Render `doc` to the DOCX file `path` (written in place)."""
    _Renderer(doc, fmt, fonts).build(path)

