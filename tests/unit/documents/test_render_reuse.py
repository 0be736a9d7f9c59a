"""What the PDF renderer keeps between documents and between wraps changes no byte: the font
subsets kept by each face (fonts._SubsetCachingFace) and the lines a paragraph keeps per
width (pdf_flowables.WrappedOnce), and the fragments plain text gets without the markup
parser (pdf_flowables.paragraph)."""

from __future__ import annotations

import os
import shutil
from collections import OrderedDict
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.platypus import Paragraph

from desktop.core.documents import fonts as font_module
from desktop.core.documents import render
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.documents.pdf_flowables import WrappedOnce, paragraph
from desktop.core.documents.pdf_render import write_pdf
from tests.unit.documents.conftest import FONTS_DIR
from tests.unit.documents.samples import certificate, to_trinh


def _faces(fonts: FontSet) -> list[TTFontFace]:
    return [pdfmetrics.getFont(name).face
            for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)]


def _render(doc_rows: int, fmt: PageFormat, fonts: FontSet, path: Path) -> bytes:
    write_pdf(to_trinh(doc_rows), fmt, fonts, path)
    return path.read_bytes()


def test_kept_subsets_write_the_same_bytes_as_reportlab(
        fmt: PageFormat, fonts: FontSet, tmp_path: Path) -> None:
    faces = _faces(fonts)
    assert all(isinstance(face, font_module._SubsetCachingFace) for face in faces)
    cached_first = _render(12, fmt, fonts, tmp_path / "a.pdf")
    cached_again = _render(12, fmt, fonts, tmp_path / "b.pdf")   # every subset kept
    for face in faces:   # reportlab's own subsetting and compression
        face.__class__ = TTFontFace
    try:
        plain = _render(12, fmt, fonts, tmp_path / "c.pdf")
    finally:
        for face in faces:
            face.__class__ = font_module._SubsetCachingFace
    assert cached_first == plain
    assert cached_again == plain
    kept = sum(len(face._programs) for face in faces)
    assert kept >= 2   # regular and bold at least


def test_kept_subsets_are_bounded(fmt: PageFormat, fonts: FontSet, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for face in _faces(fonts):
        monkeypatch.setattr(face, "_programs", OrderedDict())
    monkeypatch.setattr(font_module, "MAX_KEPT_SUBSETS", 1)
    write_pdf(to_trinh(5), fmt, fonts, tmp_path / "a.pdf")
    write_pdf(certificate(), fmt, fonts, tmp_path / "b.pdf")
    assert all(len(face._programs) <= 1 for face in _faces(fonts))


def test_a_paragraph_breaks_its_lines_once_per_width(fonts: FontSet) -> None:
    style = ParagraphStyle("t", fontName=fonts.regular, fontSize=13, leading=15)
    para = WrappedOnce("Nguyễn Thị Ỷ Lan hoàn thành xuất sắc nhiệm vụ được giao " * 8, style)
    calls = []
    original = para.breakLines

    def counting(widths: list[float]) -> object:
        calls.append(widths[0])
        return original(widths)

    para.breakLines = counting
    narrow = para.wrap(200, 1000)
    assert para.wrap(200, 500) == narrow and len(calls) == 1
    wide = para.wrap(400, 1000)
    assert wide[1] < narrow[1] and len(calls) == 2
    assert para.wrap(200, 1000) == narrow and len(calls) == 3
    # nothing fits: split() drops the lines, the next wrap breaks them again
    assert para.split(200, 1) == []
    assert para.wrap(200, 1000) == narrow and len(calls) == 4
    parts = para.split(200, narrow[1] / 2)
    assert len(parts) == 2 and all(isinstance(p, WrappedOnce) for p in parts)


@pytest.mark.parametrize("text", [
    "Nguyễn Thị Ỷ Lan", "  hai  khoảng   trắng  ", "Thi đua\u00a0- Khen thưởng", "\t tab",
    "05/TTr-UBND", "x", "Ữu " * 40, "a < b", "A &amp; B", "<b>Đậm</b> thường", "   "])
def test_plain_text_gets_the_fragments_the_parser_makes(fonts: FontSet, text: str) -> None:
    style = ParagraphStyle("t", fontName=fonts.regular, fontSize=13, leading=15)
    kept: dict[str, object] = {}
    paragraph("Đồng Tâm", style, kept)   # the first one of the style is parsed
    fast = paragraph(text, style, kept)
    parsed = Paragraph(text, style)
    assert fast.text == parsed.text
    assert [f.__dict__ for f in fast.frags] == [f.__dict__ for f in parsed.frags]
    assert fast.style is parsed.style
    assert fast.wrap(120, 1000) == parsed.wrap(120, 1000)


def test_a_process_prepares_fonts_and_docx_base_once(fmt: PageFormat, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    fonts_dir = tmp_path / "fonts"
    shutil.copytree(FONTS_DIR, fonts_dir)
    calls: list[Path] = []
    real = render.register_fonts

    def counting(path: Path, page_format: PageFormat) -> FontSet:
        calls.append(path)
        return real(path, page_format)

    monkeypatch.setattr(render, "register_fonts", counting)
    monkeypatch.setattr(render, "_SESSIONS", {})
    docs = [to_trinh(3)]
    render.render_many(docs, fmt, fonts_dir, tmp_path / "a", workers=1)
    render.render_many(docs, fmt, fonts_dir, tmp_path / "b", workers=1)
    assert len(calls) == 1
    # a font file replaced on disk is registered again
    regular = fonts_dir / fmt.pdf_font_files[0]
    regular.write_bytes(regular.read_bytes())
    os.utime(regular, ns=(0, 1))
    render.render_many(docs, fmt, fonts_dir, tmp_path / "c", workers=1)
    assert len(calls) == 2
    assert (tmp_path / "c" / f"{docs[0].name}.docx").is_file()
