"""DOCX renderer (python-docx) for the document model of blocks.py.

The traps of python-docx with Vietnamese (TECH-NOTES §3) and what we do about each:

- the default template is US Letter: every section gets A4 (or the fixed page's size);
- `font.name` sets only two of the four font slots, and the built-in styles carry *Theme
  attributes that Word obeys over explicit names: we set ascii/hAnsi/eastAsia/cs in
  docDefaults and every style, and delete every *Theme attribute in styles.xml (docx_base);
- the language is en-US: docDefaults and every style get lang vi-VN;
- LibreOffice ignores `cell.width`: every table gets fixed layout, gridCol widths AND tcW on
  every cell.

Tables hold together as a clerk expects: the header row repeats on every page (tblHeader),
no row splits across pages (cantSplit), a group label stays with its first row and the
total with the last (keepNext), no column is narrower than its header's widest word. Every
string is normalised to NFC; a document number never breaks at its hyphen (docx_xml). Page
numbers, the dossier id, the package box and the certificates' fixed pages are in
docx_furniture. Lengths come from the PageFormat; text widths (for the rules under the
issuing body and the tiêu ngữ) are measured with the Liberation Serif metrics of FontSet,
identical to Times New Roman's.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_SECTION

from desktop.core.documents import blocks as b
from desktop.core.documents import docx_xml as x
from desktop.core.documents.docx_base import DocxBase, prepare_docx_base, prepared_document
from desktop.core.documents.docx_furniture import PageFurniture
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import (
    PageFormat,
    TextStyle,
    balanced_lines,
    bind_dashes,
    fit_widths,
    header_minimum_mm,
    keep_closing_paragraph,
)

__all__ = ["DocxBase", "prepare_docx_base", "prepared_document", "write_docx"]

nfc = x.nfc


class _Renderer(PageFurniture):
    def __init__(self, doc: b.Document, fmt: PageFormat, fonts: FontSet,
                 base: DocxBase | None) -> None:
        self.doc = doc
        self.fmt = fmt
        self.fonts = fonts
        self.landscape = doc.orientation == b.Orientation.LANDSCAPE
        self.text_w_mm = fmt.text_width_mm(self.landscape)
        if base is not None and base.fmt == fmt:
            self.out = new_docx(io.BytesIO(base.data))
        else:
            self.out = prepared_document(fmt)

    @property
    def sect_pr(self) -> Any:
        """The body's last sectPr: new body content goes just before it. It is always the
        body's last child (searching for it made long documents quadratic)."""
        body = self.out.element.body
        last = body[-1]
        return last if last.tag == x.w("sectPr") else body.find(x.w("sectPr"))

    # -- text ---------------------------------------------------------------------------
    # Paragraphs, runs and tables are written as raw WordprocessingML with lxml: going
    # through python-docx's object API for every run and cell made a 3-page report cost
    # ~90 ms, nearly all of it in schema-ordered get-or-add calls. Elements are emitted in
    # schema order here (pPr: keepNext, pBdr, tabs, spacing, ind, jc; rPr: b, i, color, sz,
    # szCs, u), so Word and LibreOffice read them exactly as python-docx's own output.
    def width_mm(self, text: str, style: TextStyle) -> float:
        return self.fonts.string_width(nfc(text), style.size, style.bold,
                                       style.italic) / x.PT_PER_MM

    def add_runs(self, p: Any, content: tuple[b.Inline, ...] | str,
                 style: TextStyle, size: float | None = None) -> None:
        items: tuple[b.Inline, ...] = (content,) if isinstance(content, str) else content
        for item in items:
            if isinstance(item, str):
                x.run(p, nfc(item), size or style.size, style.bold, style.italic, False, None)
            else:
                x.run(p, nfc(item.text), item.size or size or style.size,
                     style.bold or item.bold, style.italic or item.italic, item.underline,
                     item.color)

    def new_p(self, container: Any, first: bool = False) -> Any:
        """A new w:p at the end of `container` (the document body, a cell, a header or a
        footer); `first` reuses the empty paragraph a new cell or footer starts with."""
        if container is self.out:
            p = x.make(x.P)
            self.sect_pr.addprevious(p)
            return p
        parent = x.parent_element(container)
        if first:
            existing = parent.find(x.P)
            if existing is not None:
                return existing
        return x.sub(parent, x.P)

    def write(self, container: Any, content: tuple[b.Inline, ...] | str, name: str,
              first: bool = False, *, align: b.Align | None = None, size: float | None = None,
              indent: bool = False, space_after: float = 0.0, space_before: float = 0.0,
              keep_with_next: bool = False, line: float | None = None) -> Any:
        style = self.style(name)
        p = self.new_p(container, first)
        x.ppr(p, align=align or style.align, before=space_before, after=space_after,
             line_multiple=self.fmt.line_spacing if line is None else line,
             first_line_mm=self.fmt.first_line_indent_mm if indent else None,
             keep_next=keep_with_next)
        self.add_runs(p, content, style, size)
        return p

    def style(self, name: str) -> TextStyle:
        if name == "body":
            return TextStyle(self.fmt.body_size, False, False, b.Align.JUSTIFY)
        return self.fmt.style(name)

    def rule(self, container: Any, width_mm: float, cell_width_mm: float,
             space_before: float = 1.0) -> None:
        """A centred solid line `width_mm` long: an empty paragraph, indented so that its top
        border is exactly that long (both Word and LibreOffice draw paragraph borders
        between the indents)."""
        side = max(0.0, (cell_width_mm - width_mm) / 2)
        p = self.new_p(container)
        eighths = max(2, round(self.fmt.rule_thickness_pt * 8))
        x.ppr(p, align=b.Align.LEFT, before=space_before, after=0, line_exact_pt=2,
             left_mm=side, right_mm=side, border_top=eighths)
        x.run(p, "", 2, False, False, False, None)

    # -- tables -------------------------------------------------------------------------
    def new_table(self, container: Any, widths_mm: list[float], *, grid: bool,
                  zero_margins: bool, align: str = "center") -> Any:
        """A w:tbl with fixed layout and gridCol widths (LibreOffice ignores tcW alone)."""
        tbl = x.make(x.w("tbl"))
        tbl_pr = x.sub(tbl, x.w("tblPr"))
        x.sub(tbl_pr, x.w("tblW"), w=str(x.twips(sum(widths_mm))), type="dxa")
        x.sub(tbl_pr, x.w("jc"), val=align)
        borders = x.sub(tbl_pr, x.w("tblBorders"))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if grid:
                x.sub(borders, x.w(edge), val="single", sz="4", space="0", color="000000")
            else:
                x.sub(borders, x.w(edge), val="nil")
        x.sub(tbl_pr, x.w("tblLayout"), type="fixed")
        mar = x.sub(tbl_pr, x.w("tblCellMar"))
        if zero_margins:
            for edge in ("top", "left", "bottom", "right"):
                x.sub(mar, x.w(edge), w="0", type="dxa")
        else:
            x.sub(mar, x.w("left"), w=str(x.twips(x.CELL_MARGIN_MM)), type="dxa")
            x.sub(mar, x.w("right"), w=str(x.twips(x.CELL_MARGIN_MM)), type="dxa")
        x.sub(tbl_pr, x.w("tblLook"), val="0000")
        tbl_grid = x.sub(tbl, x.w("tblGrid"))
        for width in widths_mm:
            x.sub(tbl_grid, x.w("gridCol"), w=str(x.twips(width)))
        if container is self.out:
            self.sect_pr.addprevious(tbl)
        else:
            x.parent_element(container).append(tbl)
        return tbl

    def borderless_table(self, widths: list[float]) -> Any:
        return self.new_table(self.out, widths, grid=False, zero_margins=True)

    def motto_header(self, block: b.NationalHeader) -> None:
        """A person's own document: quốc hiệu and tiêu ngữ centred, place and date on the
        right below them (LAW §6.3)."""
        fmt = self.fmt
        self.write(self.out, fmt.national_name, "national_name", line=1.0,
                   align=b.Align.CENTER)
        self.write(self.out, fmt.motto, "motto", line=1.0, align=b.Align.CENTER)
        self.rule(self.out, self.width_mm(fmt.motto, fmt.style("motto"))
                  * fmt.motto_rule_fraction, self.text_w_mm)
        if block.place_date:
            right_w = self.text_w_mm - fmt.header_left_width_mm
            p = self.new_p(self.out)
            x.ppr(p, align=b.Align.CENTER, before=3, after=0, line_multiple=1.0,
                  left_mm=self.text_w_mm - right_w)
            self.add_runs(p, block.place_date, fmt.style("place_date"))
        self.spacer(6)

    def national_header(self, block: b.NationalHeader) -> None:
        if not block.issuer:
            self.motto_header(block)
            return
        fmt = self.fmt
        left_w = fmt.header_left_width_mm
        right_w = self.text_w_mm - left_w
        widths = [left_w, right_w]
        tbl = self.borderless_table(widths)
        tr = x.row(tbl)
        left, right = x.cell(tr, left_w), x.cell(tr, right_w)
        issuer_style = fmt.style("issuer")
        issuer = balanced_lines(nfc(block.issuer).upper(),
                                lambda t: self.width_mm(t, issuer_style), left_w - x.GUTTER,
                                fmt.break_before)
        if block.superior:
            superior_style = fmt.style("superior")
            superior = balanced_lines(nfc(block.superior).upper(),
                                      lambda t: self.width_mm(t, superior_style),
                                      left_w - x.GUTTER,
                                      fmt.break_before)
            self.write(left, "\n".join(superior), "superior", line=1.0)
        self.write(left, "\n".join(issuer), "issuer", line=1.0)
        issuer_w = min(max(self.width_mm(line, issuer_style) for line in issuer), left_w)
        self.rule(left, issuer_w * fmt.issuer_rule_fraction, left_w)
        self.write(right, fmt.national_name, "national_name", line=1.0)
        self.write(right, fmt.motto, "motto", line=1.0)
        motto_w = min(self.width_mm(fmt.motto, fmt.style("motto")), right_w)
        self.rule(right, motto_w * fmt.motto_rule_fraction, right_w)
        if block.number or block.place_date:
            tr = x.row(tbl)
            number, place = x.cell(tr, left_w), x.cell(tr, right_w)
            if block.number:
                self.write(number, block.number, "number", space_before=3, line=1.0)
            else:
                x.sub(number, x.P)
            if block.place_date:
                self.write(place, block.place_date, "place_date", space_before=3, line=1.0)
            else:
                x.sub(place, x.P)
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
        list_w = min(max(self.width_mm(line, style) for line in lines) + 1.5,
                     self.text_w_mm - label_w)
        indent = max(0.0, (self.text_w_mm - label_w - list_w) / 2)
        for i, line in enumerate(lines):
            p = self.new_p(self.out)
            last = i == len(lines) - 1
            x.ppr(p, align=b.Align.LEFT, before=0, after=fmt.space_after_pt if last else 0,
                 line_multiple=fmt.line_spacing, left_mm=indent + label_w,
                 hanging_mm=label_w if i == 0 else None, tab_mm=indent + label_w)
            if i == 0:
                self.add_runs(p, label, style)
                x.tab(p)
            self.add_runs(p, line, style)

    def heading(self, block: b.Heading) -> None:
        name = "heading1" if block.level <= 1 else "heading2"
        self.write(self.out, block.text, name, align=block.align, space_before=4,
                   space_after=self.fmt.space_after_pt, keep_with_next=True)

    def paragraph(self, block: b.Paragraph) -> None:
        self.write(self.out, bind_dashes(block.content), "body", align=block.align, size=block.size,
                   indent=block.indent_first_line, space_after=self.fmt.space_after_pt,
                   keep_with_next=block.keep_with_next)

    def field_line(self, block: b.FieldLine) -> None:
        label = nfc(block.label)
        sep = " " if label.endswith(":") else ": "
        self.write(self.out, f"{label}{sep}{nfc(block.value)}", "field_line",
                   space_after=self.fmt.space_after_pt / 2)

    def table(self, block: b.Table, keep_last: bool = False) -> None:
        columns = block.columns
        size = block.size or self.fmt.style("table").size
        header_style = self.fmt.style("table_header")
        measure = TextStyle(size, header_style.bold, header_style.italic, header_style.align)
        lows = [header_minimum_mm(nfc(c.header), lambda t: self.width_mm(t, measure),
                                  x.CELL_MARGIN_MM) for c in columns]
        widths = fit_widths([c.width_mm for c in columns], self.text_w_mm, lows)
        body_rows: list[tuple[b.Cell | str, ...]] = list(block.rows)
        if block.footer is not None:
            body_rows.append(block.footer)
        tbl = self.new_table(self.out, widths, grid=True, zero_margins=False)
        # repeated at the top of every page; no row splits across pages
        header = x.row(tbl, header=True, cant_split=True)
        for column, width in zip(columns, widths, strict=True):
            tc = x.cell(header, width, valign="center")
            self.cell_text(tc, column.header, "table_header", None, size)
        for r, row_def in enumerate(body_rows, start=1):
            is_footer = block.footer is not None and r == len(body_rows)
            # a group label (one cell across) stays with its first row, the last row with
            # the total below it
            label = (len(row_def) == 1 and not isinstance(row_def[0], str)
                     and row_def[0].colspan == len(columns) and not is_footer)
            before_footer = block.footer is not None and r == len(body_rows) - 1
            last = r == len(body_rows)
            keep = label or before_footer or (keep_last and (last or before_footer))
            tr = x.row(tbl, cant_split=True)
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
                if span < 1 or col + span > len(columns):
                    raise ValueError(f"table row {r}: a cell spans past the last column")
                tc = x.cell(tr, sum(widths[col:col + span]), span=span)
                self.cell_text(tc, bind_dashes(content),
                               "table_header" if is_footer else "table",
                               align, size, keep=keep)
                col += span
            while col < len(columns):
                p = x.sub(x.cell(tr, widths[col]), x.P)
                x.ppr(p, align=b.Align.LEFT, before=2, after=2, line_multiple=1.0,
                      keep_next=keep)
                col += 1

    def cell_text(self, tc: Any, content: tuple[b.Inline, ...] | str, name: str,
                  align: b.Align | None, size: float, keep: bool = False) -> None:
        style = self.style(name)
        p = x.sub(tc, x.P)
        x.ppr(p, align=align or style.align, before=2, after=2, line_multiple=1.0,
              keep_next=keep)
        self.add_runs(p, content, style, size)

    def lines(self, text: str, style: TextStyle, width_mm: float) -> int:
        """How many lines `text` takes in `width_mm` (greedy, as Word and LibreOffice wrap)."""
        count, line = 1, ""
        for word in text.split():
            trial = f"{line} {word}" if line else word
            if line and self.width_mm(trial, style) > width_mm:
                count, line = count + 1, word
            else:
                line = trial
        return count

    def signer_heads(self, signer: b.Signer) -> list[tuple[str, str]]:
        """(text, style) of the lines above the room to sign: caption, authority, title, note."""
        out = []
        if signer.caption:
            out.append((nfc(signer.caption).upper(), "signer_title"))
        if signer.authority:
            out.append((nfc(signer.authority).upper(), "signer_authority"))
        out.append((nfc(signer.title).upper(), "signer_title"))
        if signer.note:
            out.append((signer.note, "signer_note"))
        return out

    def signature(self, block: b.SignatureBlock, keep_next: bool = False) -> None:
        """One row that cannot split, so the block never parts across pages in Word or
        LibreOffice (LibreOffice breaks between rows whatever their keep-with-next says).
        The names of signers side by side still stand on one line: each name's space above
        is the room to sign plus what its titles take less than the tallest's."""
        text_w = self.text_w_mm
        widths: list[float] = []
        if block.recipients:
            left = text_w * self.fmt.recipients_width_fraction
            widths.append(left)
            widths += [(text_w - left) / max(1, len(block.signers))] * len(block.signers)
        elif len(block.signers) == 1 and block.centered:
            widths = [text_w / 6, text_w * 2 / 3, text_w / 6]   # the middle two thirds
        elif len(block.signers) == 1:
            widths = [text_w / 2, text_w / 2]
        else:
            widths = [text_w / len(block.signers)] * len(block.signers)
        self.spacer(2, keep_next=True)
        tbl = self.borderless_table(widths)
        row = x.row(tbl, cant_split=True)
        start = 0
        if block.recipients:
            cell = x.cell(row, widths[0])
            self.write(cell, self.fmt.recipients_label, "recipients_label", line=1.0,
                       keep_with_next=True)
            for item in block.recipients:
                text = nfc(item)
                self.write(cell, text if text.startswith("-") else f"- {text}",
                           "recipients", line=1.0, keep_with_next=True)
            start = 1
        elif len(block.signers) == 1:
            x.sub(x.cell(row, widths[0]), x.P)
            start = 1
        cells = list(zip(widths[start:start + len(block.signers)], block.signers, strict=True))
        heights = [sum(self.lines(text, self.style(name), width) * self.style(name).size * 1.15
                       for text, name in self.signer_heads(signer))
                   for width, signer in cells]
        for (width, signer), height in zip(cells, heights, strict=True):
            cell = x.cell(row, width)
            for text, name in self.signer_heads(signer):
                self.write(cell, text, name, keep_with_next=True, line=1.0)
            self.write(cell, signer.name, "signer_name", line=1.0,
                       space_before=self.fmt.signing_space_mm * x.PT_PER_MM
                       + max(heights) - height, keep_with_next=keep_next)
        if len(widths) > start + len(block.signers):         # centred: the right sixth
            x.sub(x.cell(row, widths[-1]), x.P)

    def spacer(self, height_mm: float, container: Any = None, keep_next: bool = False) -> None:
        p = self.new_p(self.out if container is None else container)
        x.ppr(p, align=b.Align.LEFT, before=0, after=0,
             line_exact_pt=max(0.5, height_mm) * x.PT_PER_MM, keep_next=keep_next)

    def page_break(self) -> None:
        p = self.new_p(self.out)
        r = x.sub(p, x.w("r"))
        x.sub(r, x.w("br"), type="page")

    # -- whole document -----------------------------------------------------------------
    def build(self, path: Path) -> None:
        doc = self.doc
        out = self.out
        width, height = self.fmt.page_size_mm(self.landscape)
        section = out.sections[0]
        if doc.blocks or not doc.fixed_pages:
            self.setup_section(section, width, height, flow=True)
            blocks = keep_closing_paragraph(doc.blocks)
            for i, block in enumerate(blocks):
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                if isinstance(block, b.Table) and isinstance(following, b.SignatureBlock):
                    self.table(block, keep_last=True)   # the signature never stands alone
                elif isinstance(block, b.SignatureBlock) and isinstance(following,
                                                                        b.SignatureBlock):
                    # the level that submits signs below, on the same page
                    self.signature(block, keep_next=True)
                    self.spacer(4, keep_next=True)
                else:
                    self.block(block)
            new_section = True
        else:
            first = doc.fixed_pages[0]
            self.setup_section(section, first.width_mm, first.height_mm, flow=False)
            new_section = False
        previous: b.FixedPage | None = None
        for page in doc.fixed_pages:
            if new_section:
                section = out.add_section(WD_SECTION.NEW_PAGE)
                # a section after another fixed page keeps its (copied) header and footer
                # references: 100 certificates share one header and one footer part
                self.setup_section(section, page.width_mm, page.height_mm, flow=False,
                                   furniture=previous is None)
            self.fixed_page(page)
            new_section = True
            previous = page
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


def write_docx(doc: b.Document, fmt: PageFormat, fonts: FontSet, path: Path,
               base: DocxBase | None = None) -> None:
    """Render `doc` to the DOCX file `path` (written in place). `base` (from
    prepare_docx_base) saves preparing the styles again for every document of a session."""
    _Renderer(doc, fmt, fonts, base).build(path)


