"""The danh sách fills its pages: a page breaks only when the next row does not fit, on page
1 (under the header, the title and the group label) as on the pages after it (under the
repeated header row). Measured on the PDF's own text: each row's number in the STT column
gives the rows of a page and their pitch, the bottom margin the foot of the text."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.documents.pdf_render import write_pdf

from .test_builders_dossier import kinds, person, sample_data

PT_PER_MM = 72 / 25.4
ROW_TOP_ABOVE_TEXT = 4.0   # pt from a row's top rule to the top of its first line's text


def _rows_by_page(path: Path) -> list[list[tuple[int, float]]]:
    """(STT, top of its text in pt) of every data row, page by page."""
    pages = []
    for page in pdfium.PdfDocument(str(path)):
        text, found = page.get_textpage(), []
        for i in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(i)
            if right > 115:   # the STT column only (30 mm margin + 10 mm column)
                continue
            word = text.get_text_bounded(left, bottom, right, top).strip()
            if re.fullmatch(r"\d{1,3}", word):
                found.append((int(word), top))
        pages.append(found)
    return pages


@pytest.mark.parametrize("count", [53, 100])
def test_every_page_holds_the_rows_that_fit(catalog: Catalog, fmt: PageFormat,
                                            fonts: FontSet, tmp_path: Path,
                                            count: int) -> None:
    base = sample_data(catalog)
    noms = tuple(person(100 + i, "Trần Thị Bích Ngọc", "lao_dong_tien_tien", catalog)
                 for i in range(count))
    doc = b.build_danh_sach(replace(base, nominations=noms),
                            kinds(catalog, "danh_sach_noi_bo"),
                            kinds(catalog, "to_trinh_noi_bo"))
    path = tmp_path / "danh_sach.pdf"
    write_pdf(doc, fmt, fonts, path)
    pages = _rows_by_page(path)
    assert [n for page in pages for n, _top in page] == list(range(1, count + 1))
    pitch = pages[1][0][1] - pages[1][1][1]            # every row is alike: one pitch
    foot = fmt.margin_bottom_mm * PT_PER_MM
    # the last two pages are left out: the last row keeps the total and the signature
    for number, page in enumerate(pages[:-2], start=1):
        last_top = page[-1][1] + ROW_TOP_ABOVE_TEXT
        room = last_top - pitch - foot                 # under the last row, above the margin
        assert room < pitch, (f"page {number}: {room / PT_PER_MM:.1f} mm left, a row "
                              f"takes {pitch / PT_PER_MM:.1f} mm")
    assert len(pages[0]) >= 5                          # page 1 is not given up early
