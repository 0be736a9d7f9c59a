"""The demo's phone photo of a research certificate: drawn by reportlab, rasterised by pdfium
(the bundle has no Pillow FreeType module: build.spec)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from desktop.core.model import ResearchTopic, Scope
from desktop.core.operations.demo.data import ResearchSpec
from desktop.core.operations.demo.evidence import acceptance_photo


def test_the_photo_shows_the_certificate_text_on_a_desk(tmp_path: Path) -> None:
    topic = ResearchTopic(year=2026, name="Ứng dụng bản đồ số quản lý đất đai xã Thanh Sơn",
                          scope=Scope.CO_SO, accepted_on=date(2026, 10, 20), applied=True)
    spec = ResearchSpec(name=topic.name, scope=Scope.CO_SO, certified_by="Hội đồng khoa học",
                        applied_at="Ủy ban nhân dân xã Thanh Sơn")
    path = acceptance_photo(tmp_path, "Nguyễn Thị Ỷ", topic, spec)

    with Image.open(path) as photo:
        assert photo.format == "PNG" and photo.size == (1000, 720)
        rgb = photo.convert("RGB")
        assert rgb.getpixel((5, 5)) == (118, 98, 80)  # the desk around the paper
        # the title line: near-black text on the cream paper, across the middle
        title = rgb.crop((300, 120, 700, 190))
        dark = sum(1 for r, g, b in title.get_flattened_data() if r + g + b < 200)
        assert dark > 500, dark
        # and the paper below the text is empty cream
        blank = rgb.crop((150, 520, 450, 600))
        assert all(r + g + b > 650 for r, g, b in blank.get_flattened_data())


def test_the_certificate_text_is_real_text_drawn_in_the_documents_font(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages: list[bytes] = []
    real = pypdfium2.PdfDocument

    def keep(data: bytes, *args: object, **kwargs: object) -> pypdfium2.PdfDocument:
        pages.append(bytes(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(pypdfium2, "PdfDocument", keep)
    topic = ResearchTopic(year=2026, name="Đề tài", accepted_on=date(2026, 10, 20))
    spec = ResearchSpec(name="Đề tài", scope=Scope.CO_SO, certified_by="Hội đồng khoa học",
                        applied_at="xã Thanh Sơn")
    acceptance_photo(tmp_path, "Đặng Văn Ưng", topic, spec)

    document = real(pages[0])
    text = document[0].get_textpage().get_text_range()
    assert "GIẤY CHỨNG NHẬN" in text and "Đặng Văn Ưng" in text
    assert "20/10/2026" in text
