"""What the PDF renderer keeps between documents and between wraps changes no byte: the font
subsets kept by each face (fonts._SubsetCachingFace) and the lines a paragraph keeps per
width (pdf_flowables.WrappedOnce)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

from desktop.core.documents import fonts as font_module
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.documents.pdf_flowables import WrappedOnce
from desktop.core.documents.pdf_render import write_pdf
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
