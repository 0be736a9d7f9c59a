"""Certificates (LAW §6.9): A4 landscape pages laid out by position, red and black lines,
and the printer calibration offset, in both the PDF and the DOCX."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from desktop.core.documents import render
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat

from . import samples
from .test_pdf_render import pieces

MM = 72 / 25.4


def render_pdf(tmp_path: Path, name: str, doc: object, fmt: PageFormat,
               fonts: FontSet) -> pypdf.PdfReader:
    path = tmp_path / f"{name}.pdf"
    render.render_pdf(doc, fmt, fonts, path)  # type: ignore[arg-type]
    return pypdf.PdfReader(path)


def position(reader: pypdf.PdfReader, text: str) -> tuple[float, float, float]:
    return next((x, y, s) for t, x, y, s in pieces(reader.pages[0]) if t == text)


def test_pdf_page_is_a4_landscape_with_every_line(tmp_path: Path, fmt: PageFormat,
                                                  fonts: FontSet) -> None:
    reader = render_pdf(tmp_path, "cert", samples.certificate(), fmt, fonts)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 297 * MM) < 0.5 and abs(float(box.height) - 210 * MM) < 0.5
    text = reader.pages[0].extract_text()
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY KHEN", "Bà ĐẶNG THỊ Ỷ LAN",
                 "Số sổ vàng: 07", "CHỦ TỊCH"):
        assert line in text
    # handed to its recipient: no dossier id beside the signature (issue 11)
    assert samples.DOSSIER_ID not in text


def test_pdf_positions_colours_and_offset(tmp_path: Path, fmt: PageFormat,
                                          fonts: FontSet) -> None:
    plain = render_pdf(tmp_path, "plain", samples.certificate(), fmt, fonts)
    moved = render_pdf(tmp_path, "moved", samples.certificate((5.0, 3.0)), fmt, fonts)
    x, y, size = position(plain, "GIẤY KHEN")
    width = fonts.string_width("GIẤY KHEN", size, bold=True)
    assert abs((x + width / 2) - 148.5 * MM) < 0.5          # centred on its anchor
    assert abs(y - (210 - 100) * MM) < 0.5                   # baseline 100 mm from the top
    x2, y2, _ = position(moved, "GIẤY KHEN")
    assert abs((x2 - x) - 5 * MM) < 0.01 and abs((y - y2) - 3 * MM) < 0.01
    lx, _ly, _ = position(plain, "Số sổ vàng: 07")
    assert abs(lx - 40 * MM) < 0.01                           # left-anchored line
    content = plain.pages[0].get_contents().get_data().decode("latin-1")
    assert ".752941 0 0 rg" in content                        # #C00000 lines in red
    # the long achievement line wraps inside its 200 mm
    for t, px, _py, s in pieces(plain.pages[0]):
        if t.startswith("Đã có thành tích") or t.startswith("nghiệp giáo dục"):
            for line in t.split("\n"):
                right = px + fonts.string_width(line, s, italic=True)
                assert px >= (148.5 - 100) * MM - 0.5 and right <= (148.5 + 100) * MM + 0.5


def test_pdf_underlined_motto(tmp_path: Path, fmt: PageFormat, fonts: FontSet) -> None:
    with_line = render_pdf(tmp_path, "u", samples.certificate(), fmt, fonts)
    page = samples.certificate().fixed_pages[0]
    items = tuple(dataclasses.replace(i, underline=False) for i in page.items)
    without = dataclasses.replace(samples.certificate(), fixed_pages=(
        dataclasses.replace(page, items=items),))
    no_line = render_pdf(tmp_path, "nou", without, fmt, fonts)

    def strokes(reader: pypdf.PdfReader) -> int:
        return reader.pages[0].get_contents().get_data().decode("latin-1").count(" l S")

    assert strokes(with_line) == strokes(no_line) + 1


def frames(document: docx.document.Document) -> list[tuple[str, dict[str, str]]]:
    out = []
    for p in document.paragraphs:
        ppr = p._p.pPr
        frame = ppr.find(qn("w:framePr")) if ppr is not None else None
        if frame is not None:
            out.append((p.text, {k.split("}")[1]: v for k, v in frame.attrib.items()}))
    return out


def test_docx_frames_at_fixed_positions(tmp_path: Path, fmt: PageFormat,
                                        fonts: FontSet) -> None:
    cert = samples.certificate()
    path = render.render_docx(cert, fmt, fonts, tmp_path / "cert.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(297)) < Mm(0.1)
    assert abs(section.page_height - Mm(210)) < Mm(0.1)
    assert not list(section.header._element.iter(qn("w:instrText")))   # no page number
    found = frames(document)
    assert [t for t, _ in found] == [i.text for i in cert.fixed_pages[0].items]
    for _text, attrs in found:
        assert attrs["hAnchor"] == "page" and attrs["vAnchor"] == "page"
    title = dict(found)["GIẤY KHEN"]
    centre = int(title["x"]) + int(title["w"]) / 2
    assert abs(centre - Mm(148.5).twips) <= 2
    red = next(r for p in document.paragraphs for r in p.runs if r.text == "GIẤY KHEN")
    assert str(red.font.color.rgb) == "C00000" and red.font.bold
    motto = next(r for p in document.paragraphs for r in p.runs
                 if r.text == "Độc lập - Tự do - Hạnh phúc")
    assert motto.font.underline
    footer_text = "".join(p.text for p in section.footer.paragraphs)
    assert samples.DOSSIER_ID not in footer_text          # no dossier id on a certificate


def test_docx_offset_moves_every_frame(tmp_path: Path, fmt: PageFormat, fonts: FontSet) -> None:
    plain = frames(docx.Document(str(render.render_docx(
        samples.certificate(), fmt, fonts, tmp_path / "a.docx"))))
    moved = frames(docx.Document(str(render.render_docx(
        samples.certificate((5.0, 3.0)), fmt, fonts, tmp_path / "b.docx"))))
    for (_t, a), (_u, b) in zip(plain, moved, strict=True):
        assert abs(int(b["x"]) - int(a["x"]) - Mm(5).twips) <= 2
        assert abs(int(b["y"]) - int(a["y"]) - Mm(3).twips) <= 2


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_flow_pages_then_a_certificate(tmp_path: Path, fmt: PageFormat, fonts: FontSet,
                                       kind: str) -> None:
    doc = dataclasses.replace(samples.to_trinh(3),
                              fixed_pages=samples.certificate().fixed_pages)
    if kind == "pdf":
        reader = render_pdf(tmp_path, "mixed", doc, fmt, fonts)
        sizes = [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
                 for p in reader.pages]
        assert sizes[0] == (210, 297) and sizes[-1] == (297, 210)
        assert "GIẤY KHEN" in reader.pages[-1].extract_text()
        last_top = [t for t, _x, y, _s in pieces(reader.pages[-1]) if y > 200 * MM]
        assert last_top == []                     # no page number on the certificate
    else:
        document = docx.Document(str(render.render_docx(doc, fmt, fonts,
                                                        tmp_path / "mixed.docx")))
        assert len(document.sections) == 2
        first, cert = document.sections
        assert abs(first.page_width - Mm(210)) < Mm(0.1)
        assert abs(cert.page_width - Mm(297)) < Mm(0.1)
        assert not list(cert.header._element.iter(qn("w:instrText")))
        assert len(frames(document)) == len(samples.certificate().fixed_pages[0].items)


def test_docx_certificate_properties_in_schema_order(tmp_path: Path, fmt: PageFormat,
                                                     fonts: FontSet) -> None:
    import zipfile

    from lxml import etree

    from .test_docx_render import ORDER

    path = render.render_docx(samples.certificate((2.0, 1.0)), fmt, fonts, tmp_path / "c.docx")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    for name in ("pPr", "rPr"):
        for el in root.iter(f"{w}{name}"):
            ranks = [ORDER[name].index(c.tag.removeprefix(w)) for c in el]
            assert ranks == sorted(ranks), name


def test_docx_many_certificates_share_header_and_footer(tmp_path: Path, fmt: PageFormat,
                                                        fonts: FontSet) -> None:
    page = samples.certificate().fixed_pages[0]
    doc = dataclasses.replace(samples.certificate(), fixed_pages=(page, page, page))
    document = docx.Document(str(render.render_docx(doc, fmt, fonts, tmp_path / "3.docx")))
    assert len(document.sections) == 3
    for section in document.sections:
        assert abs(section.page_width - Mm(297)) < Mm(0.1)
        assert samples.DOSSIER_ID not in "".join(   # inherited, empty
            p.text for p in section.footer.paragraphs)
    assert not document.sections[1].footer._sectPr.xpath("w:footerReference")
    assert len(frames(document)) == 3 * len(page.items)
    pdf = render_pdf(tmp_path, "three", doc, fmt, fonts)
    assert len(pdf.pages) == 3
    assert all("GIẤY KHEN" in p.extract_text() for p in pdf.pages)
