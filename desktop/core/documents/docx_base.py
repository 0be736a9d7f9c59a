"""The prepared empty DOCX of a page format: Times New Roman on all four font slots, vi-VN,
only the styles the documents use (TECH-NOTES §3: python-docx's template is US Letter and en-US
and its styles carry theme fonts that Word obeys over explicit names)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document as new_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop.core.documents.docx_xml import FONT_SLOTS, THEME_ATTRS
from desktop.core.documents.format import PageFormat

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
        for attr in THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
        for attr in FONT_SLOTS:
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
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in FONT_SLOTS:
        rfonts.set(qn(attr), fmt.font_family)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), fmt.lang)


