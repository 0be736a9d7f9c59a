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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from lxml import etree

from desktop.core.documents import blocks as b
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import (
    PageFormat,
    TextStyle,
    balanced_lines,
    fit_widths,
    footer_text,
    keep_closing_paragraph,
)

_ALIGN = {b.Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, b.Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          b.Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT, b.Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_ASCENT = 0.891
_GUTTER = 4.0     # mm kept free between the header's two columns
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


# Styles the documents use (and python-docx's header/footer parts refer to); the default
# template's other ~160 styles and its 438 KB stylesWithEffects copy made every DOCX cost
# ~50 ms to open and save for nothing.
_KEEP_STYLES = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "TableGrid",
                          "NoList", "Header", "HeaderChar", "Footer", "FooterChar"})
_DROP_RELS = ("/stylesWithEffects", "/customXml", "/metadata/thumbnail")


@dataclass(frozen=True)
class DocxBase:
    """The prepared empty document of one page format (fonts, lang, pruned styles), as
    DOCX bytes: made once per render session by prepare_docx_base, passed to each render."""

    fmt: PageFormat
    data: bytes


def prepared_document(fmt: PageFormat) -> Any:
    """python-docx's default template with only the styles we use, no Word 2010 style copy,
    no thumbnail of somebody else's page, Times New Roman on all four slots and vi-VN."""
    out = new_docx()
    styles = out.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rels in (out.part.rels, out.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROP_RELS):
                rels.pop(r_id)
    setup_styles(out, fmt)
    return out


def prepare_docx_base(fmt: PageFormat) -> DocxBase:
    buffer = io.BytesIO()
    prepared_document(fmt).save(buffer)
    return DocxBase(fmt, buffer.getvalue())


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


# -- raw WordprocessingML ---------------------------------------------------------------------
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_JC = {b.Align.LEFT: "left", b.Align.CENTER: "center", b.Align.RIGHT: "right",
       b.Align.JUSTIFY: "both"}


def _w(tag: str) -> str:
    return f"{{{_W_NS}}}{tag}"


_P = _w("p")


def _make(tag: str) -> Any:
    return OxmlElement(f"w:{tag.split('}')[1]}")


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    el = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        el.set(_w(key), value)
    return el


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _parent_element(container: Any) -> Any:
    if isinstance(container, _Cell):
        return container._tc
    if hasattr(container, "_element"):      # header, footer
        return container._element
    return container                         # a raw w:tc


def _ppr(p: Any, *, align: b.Align, before: float, after: float,
         line_multiple: float | None = None, line_exact_pt: float | None = None,
         first_line_mm: float | None = None, hanging_mm: float | None = None,
         left_mm: float | None = None, right_mm: float | None = None,
         keep_next: bool = False, border_top: int | None = None,
         tab_mm: float | None = None, frame: dict[str, str] | None = None) -> None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = _make(_w("pPr"))
        p.insert(0, ppr)
    if keep_next:
        _sub(ppr, _w("keepNext"))
    if frame is not None:
        _sub(ppr, _w("framePr"), **frame)
    if border_top is not None:
        bdr = _sub(ppr, _w("pBdr"))
        _sub(bdr, _w("top"), val="single", sz=str(border_top), space="0", color="000000")
    if tab_mm is not None:
        tabs = _sub(ppr, _w("tabs"))
        _sub(tabs, _w("tab"), val="left", pos=str(_twips(tab_mm)))
    spacing = _sub(ppr, _w("spacing"), before=str(round(before * 20)),
                   after=str(round(after * 20)))
    if line_exact_pt is not None:
        spacing.set(_w("line"), str(round(line_exact_pt * 20)))
        spacing.set(_w("lineRule"), "exact")
    elif line_multiple is not None:
        spacing.set(_w("line"), str(round(line_multiple * 240)))
        spacing.set(_w("lineRule"), "auto")
    if any(v is not None for v in (first_line_mm, hanging_mm, left_mm, right_mm)):
        ind = _sub(ppr, _w("ind"))
        if left_mm is not None:
            ind.set(_w("left"), str(_twips(left_mm)))
        if right_mm is not None:
            ind.set(_w("right"), str(_twips(right_mm)))
        if hanging_mm is not None:
            ind.set(_w("hanging"), str(_twips(hanging_mm)))
        elif first_line_mm is not None:
            ind.set(_w("firstLine"), str(_twips(first_line_mm)))
    _sub(ppr, _w("jc"), val=_JC[align])


def _run(p: Any, text: str, size: float, bold: bool, italic: bool, underline: bool,
         color: str | None) -> None:
    lines = text.split("\n")
    r = _sub(p, _w("r"))
    rpr = _sub(r, _w("rPr"))
    if bold:
        _sub(rpr, _w("b"))
        _sub(rpr, _w("bCs"))
    if italic:
        _sub(rpr, _w("i"))
        _sub(rpr, _w("iCs"))
    if color:
        _sub(rpr, _w("color"), val=color.lstrip("#").upper())
    half_points = str(round(size * 2))
    _sub(rpr, _w("sz"), val=half_points)
    _sub(rpr, _w("szCs"), val=half_points)
    if underline:
        _sub(rpr, _w("u"), val="single")
    for i, line in enumerate(lines):
        if i:
            _sub(r, _w("br"))
        t = _sub(r, _w("t"))
        t.text = line
        if line[:1].isspace() or line[-1:].isspace():
            t.set(_XML_SPACE, "preserve")


_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook")
_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd",
               "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")


def _schema_order(el: Any, order: tuple[str, ...]) -> None:
    """Re-sort `el`'s children into the order the schema prescribes (stable for unknowns)."""
    rank = {_w(name): i for i, name in enumerate(order)}
    children = sorted(el, key=lambda c: rank.get(c.tag, len(order)))
    for child in children:
        el.append(child)


def _tab(p: Any) -> None:
    r = _sub(p, _w("r"))
    _sub(r, _w("tab"))


def _row(tbl: Any, header: bool = False, cant_split: bool = False) -> Any:
    tr = _sub(tbl, _w("tr"))
    if header or cant_split:
        tr_pr = _sub(tr, _w("trPr"))
        if cant_split:
            _sub(tr_pr, _w("cantSplit"), val="true")
        if header:
            _sub(tr_pr, _w("tblHeader"), val="true")
    return tr


def _cell(tr: Any, width_mm: float, span: int = 1, valign: str | None = None,
          vmerge: str | None = None) -> Any:
    tc = _sub(tr, _w("tc"))
    tc_pr = _sub(tc, _w("tcPr"))
    _sub(tc_pr, _w("tcW"), w=str(_twips(width_mm)), type="dxa")
    if span > 1:
        _sub(tc_pr, _w("gridSpan"), val=str(span))
    if vmerge is not None:
        _sub(tc_pr, _w("vMerge"), val=vmerge)
    if valign:
        _sub(tc_pr, _w("vAlign"), val=valign)
    return tc


class _Renderer:
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
        return last if last.tag == _w("sectPr") else body.find(_w("sectPr"))

    # -- text ---------------------------------------------------------------------------
    # Paragraphs, runs and tables are written as raw WordprocessingML with lxml: going
    # through python-docx's object API for every run and cell made a 3-page report cost
    # ~90 ms, nearly all of it in schema-ordered get-or-add calls. Elements are emitted in
    # schema order here (pPr: keepNext, pBdr, tabs, spacing, ind, jc; rPr: b, i, color, sz,
    # szCs, u), so Word and LibreOffice read them exactly as python-docx's own output.
    def width_mm(self, text: str, style: TextStyle) -> float:
        return self.fonts.string_width(nfc(text), style.size, style.bold,
                                       style.italic) / _PT_PER_MM

    def add_runs(self, p: Any, content: tuple[b.Inline, ...] | str,
                 style: TextStyle, size: float | None = None) -> None:
        items: tuple[b.Inline, ...] = (content,) if isinstance(content, str) else content
        for item in items:
            if isinstance(item, str):
                _run(p, nfc(item), size or style.size, style.bold, style.italic, False, None)
            else:
                _run(p, nfc(item.text), item.size or size or style.size,
                     style.bold or item.bold, style.italic or item.italic, item.underline,
                     item.color)

    def new_p(self, container: Any, first: bool = False) -> Any:
        """A new w:p at the end of `container` (the document body, a cell, a header or a
        footer); `first` reuses the empty paragraph a new cell or footer starts with."""
        if container is self.out:
            p = _make(_P)
            self.sect_pr.addprevious(p)
            return p
        parent = _parent_element(container)
        if first:
            existing = parent.find(_P)
            if existing is not None:
                return existing
        return _sub(parent, _P)

    def write(self, container: Any, content: tuple[b.Inline, ...] | str, name: str,
              first: bool = False, *, align: b.Align | None = None, size: float | None = None,
              indent: bool = False, space_after: float = 0.0, space_before: float = 0.0,
              keep_with_next: bool = False, line: float | None = None) -> Any:
        style = self.style(name)
        p = self.new_p(container, first)
        _ppr(p, align=align or style.align, before=space_before, after=space_after,
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
        _ppr(p, align=b.Align.LEFT, before=space_before, after=0, line_exact_pt=2,
             left_mm=side, right_mm=side, border_top=eighths)
        _run(p, "", 2, False, False, False, None)

    # -- tables -------------------------------------------------------------------------
    def new_table(self, container: Any, widths_mm: list[float], *, grid: bool,
                  zero_margins: bool, align: str = "center") -> Any:
        """A w:tbl with fixed layout and gridCol widths (LibreOffice ignores tcW alone)."""
        tbl = _make(_w("tbl"))
        tbl_pr = _sub(tbl, _w("tblPr"))
        _sub(tbl_pr, _w("tblW"), w=str(_twips(sum(widths_mm))), type="dxa")
        _sub(tbl_pr, _w("jc"), val=align)
        borders = _sub(tbl_pr, _w("tblBorders"))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if grid:
                _sub(borders, _w(edge), val="single", sz="4", space="0", color="000000")
            else:
                _sub(borders, _w(edge), val="nil")
        _sub(tbl_pr, _w("tblLayout"), type="fixed")
        mar = _sub(tbl_pr, _w("tblCellMar"))
        if zero_margins:
            for edge in ("top", "left", "bottom", "right"):
                _sub(mar, _w(edge), w="0", type="dxa")
        else:
            _sub(mar, _w("left"), w=str(_twips(1.5)), type="dxa")
            _sub(mar, _w("right"), w=str(_twips(1.5)), type="dxa")
        _sub(tbl_pr, _w("tblLook"), val="0000")
        tbl_grid = _sub(tbl, _w("tblGrid"))
        for width in widths_mm:
            _sub(tbl_grid, _w("gridCol"), w=str(_twips(width)))
        if container is self.out:
            self.sect_pr.addprevious(tbl)
        else:
            _parent_element(container).append(tbl)
        return tbl

    def borderless_table(self, widths: list[float]) -> Any:
        return self.new_table(self.out, widths, grid=False, zero_margins=True)

    def national_header(self, block: b.NationalHeader) -> None:
        fmt = self.fmt
        left_w = fmt.header_left_width_mm
        right_w = self.text_w_mm - left_w
        widths = [left_w, right_w]
        tbl = self.borderless_table(widths)
        tr = _row(tbl)
        left, right = _cell(tr, left_w), _cell(tr, right_w)
        issuer_style = fmt.style("issuer")
        issuer = balanced_lines(nfc(block.issuer).upper(),
                                lambda t: self.width_mm(t, issuer_style), left_w - _GUTTER,
                                fmt.break_before)
        if block.superior:
            superior_style = fmt.style("superior")
            superior = balanced_lines(nfc(block.superior).upper(),
                                      lambda t: self.width_mm(t, superior_style),
                                      left_w - _GUTTER,
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
            tr = _row(tbl)
            number, place = _cell(tr, left_w), _cell(tr, right_w)
            if block.number:
                self.write(number, block.number, "number", space_before=3, line=1.0)
            else:
                _sub(number, _P)
            if block.place_date:
                self.write(place, block.place_date, "place_date", space_before=3, line=1.0)
            else:
                _sub(place, _P)
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
            p = self.new_p(self.out)
            last = i == len(lines) - 1
            _ppr(p, align=b.Align.LEFT, before=0, after=fmt.space_after_pt if last else 0,
                 line_multiple=fmt.line_spacing, left_mm=indent + label_w,
                 hanging_mm=label_w if i == 0 else None, tab_mm=indent + label_w)
            if i == 0:
                self.add_runs(p, label, style)
                _tab(p)
            self.add_runs(p, line, style)

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
        tbl = self.new_table(self.out, widths, grid=True, zero_margins=False)
        header = _row(tbl, header=True)   # repeated at the top of every page
        for column, width in zip(columns, widths, strict=True):
            tc = _cell(header, width, valign="center")
            self.cell_text(tc, column.header, "table_header", None, size)
        for r, row_def in enumerate(body_rows, start=1):
            is_footer = block.footer is not None and r == len(body_rows)
            tr = _row(tbl)
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
                tc = _cell(tr, sum(widths[col:col + span]), span=span)
                self.cell_text(tc, content, "table_header" if is_footer else "table",
                               align, size)
                col += span
            while col < len(columns):
                _sub(_cell(tr, widths[col]), _P)
                col += 1

    def cell_text(self, tc: Any, content: tuple[b.Inline, ...] | str, name: str,
                  align: b.Align | None, size: float) -> None:
        style = self.style(name)
        p = _sub(tc, _P)
        _ppr(p, align=align or style.align, before=2, after=2, line_multiple=1.0)
        self.add_runs(p, content, style, size)

    def signature(self, block: b.SignatureBlock) -> None:
        """Two rows, so the names of signers side by side stand on one line however many
        lines their titles take; "Nơi nhận" (left) spans both rows (vMerge). Both rows
        cannot split and the first keeps with the next: the block stays on one page."""
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
        self.spacer(2, keep_next=True)
        tbl = self.borderless_table(widths)
        head = _row(tbl, cant_split=True)
        foot = _row(tbl, cant_split=True)
        start = 0
        if block.recipients:
            cell = _cell(head, widths[0], vmerge="restart")
            self.write(cell, self.fmt.recipients_label, "recipients_label", line=1.0,
                       keep_with_next=True)
            for item in block.recipients:
                text = nfc(item)
                self.write(cell, text if text.startswith("-") else f"- {text}",
                           "recipients", line=1.0, keep_with_next=True)
            _sub(_cell(foot, widths[0], vmerge="continue"), _P)
            start = 1
        elif len(block.signers) == 1:
            _sub(_cell(head, widths[0]), _P)
            _sub(_cell(foot, widths[0]), _P)
            start = 1
        for width, signer in zip(widths[start:], block.signers, strict=True):
            cell = _cell(head, width)
            if signer.authority:
                self.write(cell, nfc(signer.authority).upper(), "signer_authority",
                           keep_with_next=True, line=1.0)
            self.write(cell, nfc(signer.title).upper(), "signer_title", keep_with_next=True,
                       line=1.0)
            if signer.note:
                self.write(cell, signer.note, "signer_note", keep_with_next=True, line=1.0)
            self.write(_cell(foot, width), signer.name, "signer_name", line=1.0,
                       space_before=self.fmt.signing_space_mm * _PT_PER_MM)

    def spacer(self, height_mm: float, container: Any = None, keep_next: bool = False) -> None:
        p = self.new_p(self.out if container is None else container)
        _ppr(p, align=b.Align.LEFT, before=0, after=0,
             line_exact_pt=max(0.5, height_mm) * _PT_PER_MM, keep_next=keep_next)

    def page_break(self) -> None:
        p = self.new_p(self.out)
        r = _sub(p, _w("r"))
        _sub(r, _w("br"), type="page")

    # -- sections, header, footer -------------------------------------------------------
    def setup_section(self, section: Any, width_mm: float, height_mm: float,
                      flow: bool, furniture: bool = True) -> None:
        """Page size and margins; with `furniture`, also its own header and footer parts
        (otherwise Word and LibreOffice take the previous section's)."""
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
        self.add_runs(paragraph._p, line, style)

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
        # the helpers above append; Word wants the schema's order
        _schema_order(table._tbl.tblPr, _TBLPR_ORDER)
        for cell in (qr_cell, text_cell):
            _schema_order(cell._tc.tcPr, _TCPR_ORDER)
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
            self.add_runs(paragraph._p, "\n".join(lines), style)

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
            p = self.new_p(self.out)
            _ppr(p, align=item.align, before=0, after=0, line_exact_pt=line_pt,
                 frame={"w": str(_twips(width)), "wrap": "notBeside", "hAnchor": "page",
                        "vAnchor": "page", "x": str(_twips(left)),
                        "y": str(_twips(max(0.0, top)))})
            self.add_runs(p, (b.Run(item.text, color=item.color,
                                    underline=item.underline),), style)
            # an unframed 1-pt paragraph between two frames, so that no reader merges
            # neighbouring framed paragraphs into one frame (LibreOffice did, moving a line)
            self.spacer(1 / _PT_PER_MM)

    # -- whole document -----------------------------------------------------------------
    def build(self, path: Path) -> None:
        doc = self.doc
        out = self.out
        width, height = self.fmt.page_size_mm(self.landscape)
        section = out.sections[0]
        if doc.blocks or not doc.fixed_pages:
            self.setup_section(section, width, height, flow=True)
            for block in keep_closing_paragraph(doc.blocks):
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

