"""Raw WordprocessingML for the DOCX renderer: elements written with lxml in schema order.

Going through python-docx's object API for every run and cell made a 3-page report cost
~90 ms, nearly all of it in schema-ordered get-or-add calls; these helpers emit paragraphs,
runs, rows and cells directly (pPr: keepNext, framePr, pBdr, tabs, spacing, ind, jc; rPr: b,
i, color, sz, szCs, u), so Word and LibreOffice read them exactly as python-docx's own output.
Every string is NFC; a hyphen inside a document number ("05/TTr-UBND") is written as a
non-breaking hyphen, so the number never breaks at the end of a line.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table as DocxTable
from docx.table import _Cell
from lxml import etree

from desktop.core.documents import blocks as b
from desktop.core.documents.format import protect_numbers

ALIGN = {b.Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, b.Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          b.Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT, b.Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
ASCENT = 0.891
GUTTER = 4.0     # mm kept free between the header's two columns
PT_PER_MM = 72 / 25.4
CELL_MARGIN_MM = 1.5   # left and right inside a ruled table's cell


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def set_child(el: Any, tag: str, **attrs: str) -> Any:
    child = el.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        el.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child



def set_widths(table: DocxTable, widths_mm: list[float]) -> None:
    """Fixed layout, gridCol widths and tcW on every cell: Word and LibreOffice both obey."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    set_child(tbl_pr, "w:tblLayout", type="fixed")
    set_child(tbl_pr, "w:tblW", w=str(int(sum(widths_mm) * 56.6929)), type="dxa")
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def no_borders(table: DocxTable) -> None:
    borders = set_child(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        set_child(borders, f"w:{edge}", val="nil")


def zero_cell_margins(table: DocxTable, top_bottom: bool = True) -> None:
    mar = set_child(table._tbl.tblPr, "w:tblCellMar")
    edges = ("top", "left", "bottom", "right") if top_bottom else ("left", "right")
    for edge in edges:
        set_child(mar, f"w:{edge}", w="0", type="dxa")


# -- raw WordprocessingML ---------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
JC = {b.Align.LEFT: "left", b.Align.CENTER: "center", b.Align.RIGHT: "right",
       b.Align.JUSTIFY: "both"}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P = w("p")


def make(tag: str) -> Any:
    return OxmlElement(f"w:{tag.split('}')[1]}")


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    # attributes passed to lxml at creation: one call instead of one per attribute (this is
    # the DOCX renderer's most frequent call, ~1,000 times a report)
    if not attrs:
        return etree.SubElement(parent, tag)
    return etree.SubElement(parent, tag, {f"{{{W_NS}}}{k}": v for k, v in attrs.items()})


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def parent_element(container: Any) -> Any:
    if isinstance(container, _Cell):
        return container._tc
    if hasattr(container, "_element"):      # header, footer
        return container._element
    return container                         # a raw w:tc


def ppr(p: Any, *, align: b.Align, before: float, after: float,
        line_multiple: float | None = None, line_exact_pt: float | None = None,
        first_line_mm: float | None = None, hanging_mm: float | None = None,
        left_mm: float | None = None, right_mm: float | None = None,
        keep_next: bool = False, border_top: int | None = None,
        tab_mm: float | None = None, frame: dict[str, str] | None = None) -> None:
    props = p.find(w("pPr"))
    if props is None:
        props = make(w("pPr"))
        p.insert(0, props)
    if keep_next:
        sub(props, w("keepNext"))
    if frame is not None:
        sub(props, w("framePr"), **frame)
    if border_top is not None:
        bdr = sub(props, w("pBdr"))
        sub(bdr, w("top"), val="single", sz=str(border_top), space="0", color="000000")
    if tab_mm is not None:
        tabs = sub(props, w("tabs"))
        sub(tabs, w("tab"), val="left", pos=str(twips(tab_mm)))
    spacing = sub(props, w("spacing"), before=str(round(before * 20)),
                   after=str(round(after * 20)))
    if line_exact_pt is not None:
        spacing.set(w("line"), str(round(line_exact_pt * 20)))
        spacing.set(w("lineRule"), "exact")
    elif line_multiple is not None:
        spacing.set(w("line"), str(round(line_multiple * 240)))
        spacing.set(w("lineRule"), "auto")
    if any(v is not None for v in (first_line_mm, hanging_mm, left_mm, right_mm)):
        ind = sub(props, w("ind"))
        if left_mm is not None:
            ind.set(w("left"), str(twips(left_mm)))
        if right_mm is not None:
            ind.set(w("right"), str(twips(right_mm)))
        if hanging_mm is not None:
            ind.set(w("hanging"), str(twips(hanging_mm)))
        elif first_line_mm is not None:
            ind.set(w("firstLine"), str(twips(first_line_mm)))
    sub(props, w("jc"), val=JC[align])


def run(p: Any, text: str, size: float, bold: bool, italic: bool, underline: bool,
        color: str | None) -> None:
    lines = text.split("\n")
    r = sub(p, w("r"))
    rpr = sub(r, w("rPr"))
    if bold:
        sub(rpr, w("b"))
        sub(rpr, w("bCs"))
    if italic:
        sub(rpr, w("i"))
        sub(rpr, w("iCs"))
    if color:
        sub(rpr, w("color"), val=color.lstrip("#").upper())
    half_points = str(round(size * 2))
    sub(rpr, w("sz"), val=half_points)
    sub(rpr, w("szCs"), val=half_points)
    if underline:
        sub(rpr, w("u"), val="single")
    for i, line in enumerate(lines):
        if i:
            sub(r, w("br"))
        for piece, keep in protect_numbers(line):
            if keep:    # the hyphen of "05/TTr-UBND": Word and LibreOffice never break there
                sub(r, w("noBreakHyphen"))
                continue
            t = sub(r, w("t"))
            t.text = piece
            if piece[:1].isspace() or piece[-1:].isspace():
                t.set(XML_SPACE, "preserve")


TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd",
              "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")


def schema_order(el: Any, order: tuple[str, ...]) -> None:
    """Re-sort `el`'s children into the order the schema prescribes (stable for unknowns)."""
    rank = {w(name): i for i, name in enumerate(order)}
    children = sorted(el, key=lambda c: rank.get(c.tag, len(order)))
    for child in children:
        el.append(child)


def tab(p: Any) -> None:
    r = sub(p, w("r"))
    sub(r, w("tab"))


def row(tbl: Any, header: bool = False, cant_split: bool = False) -> Any:
    tr = sub(tbl, w("tr"))
    if header or cant_split:
        tr_pr = sub(tr, w("trPr"))
        if cant_split:
            sub(tr_pr, w("cantSplit"), val="true")
        if header:
            sub(tr_pr, w("tblHeader"), val="true")
    return tr


def cell(tr: Any, width_mm: float, span: int = 1, valign: str | None = None,
         vmerge: str | None = None) -> Any:
    tc = sub(tr, w("tc"))
    tc_pr = sub(tc, w("tcPr"))
    sub(tc_pr, w("tcW"), w=str(twips(width_mm)), type="dxa")
    if span > 1:
        sub(tc_pr, w("gridSpan"), val=str(span))
    if vmerge is not None:
        sub(tc_pr, w("vMerge"), val=vmerge)
    if valign:
        sub(tc_pr, w("vAlign"), val=valign)
    return tc


