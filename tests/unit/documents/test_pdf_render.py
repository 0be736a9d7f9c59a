"""The PDF, read back with pypdf (text, positions, fonts, metadata) and drawn with pypdfium2."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest

from desktop.core.documents import render
from desktop.core.documents.blocks import (
    Align,
    Cell,
    Column,
    Document,
    NationalHeader,
    Orientation,
    Paragraph,
    Table,
)
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat

from . import samples

MM = 72 / 25.4
DIGEST = "c0ffee" * 10 + "beef"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def filled(out_dir: Path, fmt: PageFormat, fonts: FontSet) -> Path:
    doc = samples.to_trinh(60, digest=DIGEST, qr=f"{samples.DOSSIER_ID}|{DIGEST}")
    path = out_dir / "filled.pdf"
    render.render_pdf(doc, fmt, fonts, path)
    return path


@pytest.fixture(scope="module")
def empty(out_dir: Path, fmt: PageFormat, fonts: FontSet) -> Path:
    path = out_dir / "empty.pdf"
    render.render_pdf(samples.to_trinh(60), fmt, fonts, path)
    return path


def pieces(page: pypdf.PageObject) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of every text piece drawn on the page, in page coordinates."""
    return [(t, x, y, s) for t, x, y, s, _f in styled_pieces(page)]


def styled_pieces(page: pypdf.PageObject) -> list[tuple[str, float, float, float, str]]:
    """As pieces(), plus the base font name."""
    found: list[tuple[str, float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append((text.strip(), x, y, size, str(font.get("/BaseFont", "")) if font else ""))

    page.extract_text(visitor_text=visit)
    return found


def full_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_text_is_the_nfc_source_text(filled: Path) -> None:
    text = full_text(filled)
    assert unicodedata.is_normalized("NFC", text)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM", "Số: 05/TTr-UBND",
                     "Đồng Tâm, ngày 05 tháng 3 năm 2026", "TỜ TRÌNH",
                     "Kính gửi: Chủ tịch Ủy ban nhân dân xã Đồng Tâm", "ĐẶNG VĂN Ữ",
                     "Họ và tên: Đặng Thị Ỷ Lan", "Nơi nhận:", "- Lưu: VT, VP.",
                     "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn Hùng", "Tổng cộng: 60 cá nhân",
                     "BIÊN BẢN KIỂM PHIẾU", "(Ký, ghi rõ họ tên)"):
        assert expected in text, expected
    nfc_name = unicodedata.normalize("NFC", samples.NFD_NAME)
    assert nfc_name != samples.NFD_NAME
    assert nfc_name in text            # the NFD input came out composed
    assert samples.NFD_NAME not in text


def test_every_font_is_embedded(filled: Path) -> None:
    reader = pypdf.PdfReader(filled)
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        content = page.get_contents().get_data().decode("latin-1")
        for name, ref in fonts.items():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if f"{name} " not in content:
                continue     # listed but never used on this page
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            assert "LiberationSerif" in font["/BaseFont"]
            seen += 1
    assert seen >= len(reader.pages)
    # and no standard font (Helvetica) anywhere in the file, used or not
    fonts_in_file = []
    for i in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(i)
        if isinstance(obj, dict) and obj.get("/Type") == "/Font":
            fonts_in_file.append(str(obj.get("/BaseFont")))
    assert len(fonts_in_file) == 4
    assert all("LiberationSerif" in name for name in fonts_in_file), fonts_in_file


def test_page_numbers_from_page_two_in_the_top_margin(filled: Path, fmt: PageFormat) -> None:
    reader = pypdf.PdfReader(filled)
    assert len(reader.pages) >= 3
    top_margin_y = float(reader.pages[0].mediabox.top) - fmt.margin_top_mm * MM
    first = [p for p in pieces(reader.pages[0]) if p[2] > top_margin_y]
    assert first == []
    for number, page in enumerate(reader.pages[1:], start=2):
        width = float(page.mediabox.right)
        top = [p for p in pieces(page) if p[2] > top_margin_y]
        assert [p[0] for p in top] == [str(number)]
        text, x, _y, size = top[0]
        assert size == fmt.style("page_number").size
        centre = fmt.margin_left_mm * MM + fmt.text_width_mm(False) * MM / 2
        assert abs(x + size * 0.25 * len(text) - centre) < 3
        assert x < width


def test_dossier_id_on_every_page_in_the_bottom_margin(filled: Path, fmt: PageFormat) -> None:
    for page in pypdf.PdfReader(filled).pages:
        bottom = [p for p in pieces(page) if p[2] < fmt.margin_bottom_mm * MM]
        texts = " ".join(p[0] for p in bottom)
        assert f"Mã hồ sơ: {samples.DOSSIER_ID}" in texts
        assert f"Mã gói: {DIGEST[:fmt.digest_chars]}" in texts


def test_package_box_does_not_reflow(filled: Path, empty: Path) -> None:
    a, b = pypdf.PdfReader(filled), pypdf.PdfReader(empty)
    assert len(a.pages) == len(b.pages)
    assert "Mã gói (SHA-256):" in a.pages[0].extract_text()
    assert DIGEST[:32] in a.pages[0].extract_text()
    assert "SHA-256" not in b.pages[0].extract_text()

    def body(page: pypdf.PageObject) -> list[tuple[str, float, float]]:
        return [(t, round(x, 1), round(y, 1)) for t, x, y, _s in pieces(page)
                if "Mã" not in t and not set(t) <= set("0123456789abcdef")]

    for pa, pb in zip(a.pages, b.pages, strict=True):
        assert body(pa) == body(pb)


def test_metadata(filled: Path) -> None:
    meta = pypdf.PdfReader(filled).metadata
    assert meta.title == "Tờ trình đề nghị khen thưởng"
    assert meta.author == "Ủy ban nhân dân xã Đồng Tâm"
    assert meta.subject == "Tờ trình đề nghị khen thưởng"


def test_a4_and_landscape(filled: Path, out_dir: Path, fmt: PageFormat, fonts: FontSet) -> None:
    box = pypdf.PdfReader(filled).pages[0].mediabox
    assert abs(float(box.width) - 210 * MM) < 0.5 and abs(float(box.height) - 297 * MM) < 0.5
    path = out_dir / "landscape.pdf"
    render.render_pdf(samples.to_trinh(5, orientation=Orientation.LANDSCAPE), fmt, fonts, path)
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert abs(float(box.width) - 297 * MM) < 0.5 and abs(float(box.height) - 210 * MM) < 0.5


def test_header_sizes(filled: Path, fmt: PageFormat) -> None:
    found = {t: s for t, _x, _y, s in pieces(pypdf.PdfReader(filled).pages[0])}
    assert found[fmt.national_name] == fmt.style("national_name").size
    assert found[fmt.motto] == fmt.style("motto").size
    assert found["Số: 05/TTr-UBND"] == fmt.style("number").size
    assert found["TỜ TRÌNH"] == fmt.style("doc_type").size


def test_table_header_repeats_on_every_table_page(filled: Path) -> None:
    pages = pypdf.PdfReader(filled).pages
    with_rows = [p for p in pages if "Lao động tiên" in p.extract_text()]
    assert len(with_rows) >= 2
    for page in with_rows:
        assert "Chức vụ, đơn vị công tác" in page.extract_text()


def test_first_page_is_not_blank(filled: Path, tmp_path: Path) -> None:
    pdf = pypdfium2.PdfDocument(str(filled))
    try:
        image = pdf[0].render(scale=1).to_pil().convert("L")
    finally:
        pdf.close()
    png = tmp_path / "page1.png"
    image.save(png)
    assert png.stat().st_size > 1000
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert dark > 0.01 * image.width * image.height     # text, rules and the QR code


def test_long_text_wraps_inside_the_page(out_dir: Path, fmt: PageFormat,
                                         fonts: FontSet) -> None:
    words = ("Giáo viên dạy giỏi cấp tỉnh nhiều năm liền, Đặng Ữu Ỷ " * 10)[:400]
    unbroken = "Đ" * 120 + "ữ" * 120 + "Ỷ" * 160
    assert len(words) == 400 and len(unbroken) == 400
    table = Table((Column("STT", 12, Align.CENTER), Column("Tóm tắt", 28),
                   Column("Ghi chú", 140)),
                  (("1", words, unbroken), ("2", unbroken, Cell((words,)))))
    doc = Document(kind="t", name="long", title="Danh sách", dossier_id="HS-1",
                   blocks=(NationalHeader(issuer="Ủy ban nhân dân xã " + "Đồng Tâm " * 12,
                                          number="Số: 01/DS-UBND"), table,
                           Paragraph((samples.LONG_NAME * 5,))))
    path = out_dir / "long.pdf"
    render.render_pdf(doc, fmt, fonts, path)
    reader = pypdf.PdfReader(path)
    right_edge = (210 - fmt.margin_right_mm) * MM + 1
    left_edge = fmt.margin_left_mm * MM - 1
    text = ""
    for page in reader.pages:
        for piece, x, y, size, font in styled_pieces(page):
            if piece.startswith("Mã hồ sơ") or piece.isdigit():
                continue
            bold, italic = "Bold" in font, "Italic" in font
            width = max(fonts.string_width(line, size, bold, italic)
                        for line in piece.split("\n"))
            assert left_edge <= x and x + width <= right_edge, piece
            assert fmt.margin_bottom_mm * MM - 1 <= y <= (297 - fmt.margin_top_mm) * MM, piece
        text += page.extract_text()
    flat = "".join(text.split())
    assert "".join(words.split()) in flat or words.split()[0] in flat
    assert flat.count("Đ" * 20) >= 2


def test_output_is_reproducible(out_dir: Path, fmt: PageFormat, fonts: FontSet) -> None:
    doc = samples.to_trinh(10, digest=DIGEST, qr="x")
    one, two = out_dir / "one.pdf", out_dir / "two.pdf"
    render.render_pdf(doc, fmt, fonts, one)
    render.render_pdf(doc, fmt, fonts, two)
    assert one.read_bytes() == two.read_bytes()


def test_render_both_and_page_count(out_dir: Path, fmt: PageFormat, fonts: FontSet) -> None:
    doc = dataclasses.replace(samples.to_trinh(3), name="both")
    docx_path, pdf_path = render.render_both(doc, fmt, fonts, out_dir / "both")
    assert docx_path.name == "both.docx" and docx_path.exists()
    pages = render.render_pdf(doc, fmt, fonts, pdf_path)
    assert pages == len(pypdf.PdfReader(pdf_path).pages)
    assert sorted(p.name for p in (out_dir / "both").iterdir()) == ["both.docx", "both.pdf"]


def test_signature_never_stands_alone(filled: Path) -> None:
    pages = [p.extract_text() for p in pypdf.PdfReader(filled).pages]
    signed = next(t for t in pages if "Nơi nhận:" in t)
    assert "kính trình Chủ tịch" in signed          # the closing paragraph came along


def test_render_many_in_worker_processes(tmp_path: Path, fmt: PageFormat) -> None:
    from .conftest import FONTS_DIR

    docs = [dataclasses.replace(samples.to_trinh(2 + i), name=f"doc_{i}") for i in range(3)]
    docs.append(samples.certificate())
    serial = render.render_many(docs, fmt, FONTS_DIR, tmp_path / "serial")
    parallel = render.render_many(docs, fmt, FONTS_DIR, tmp_path / "parallel", workers=2)
    assert [r.name for r in parallel] == [d.name for d in docs]
    for a, b in zip(serial, parallel, strict=True):
        assert a.pages == b.pages and b.pdf.exists() and b.docx.exists()
        assert a.pdf.read_bytes() == b.pdf.read_bytes()     # same bytes from any process
    with pytest.raises(ValueError):
        render.render_many([docs[0], docs[0]], fmt, FONTS_DIR, tmp_path / "dup")


def test_names_of_signers_side_by_side_share_a_line(filled: Path) -> None:
    last = pypdf.PdfReader(filled).pages[-1]
    found = {t: y for t, _x, y, _s in pieces(last)}
    assert "(Ký, ghi rõ họ tên)" in found          # one title has a note line, one has not
    assert abs(found["Nguyễn Văn Hùng"] - found["Đặng Thị Ỷ Lan"]) < 0.5
