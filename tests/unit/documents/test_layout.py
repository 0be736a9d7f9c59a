"""Layout that holds (issue 11 point 7), checked on the rendered files: text positions in the
PDF (pypdf), the table and paragraph properties of the DOCX that Word and LibreOffice obey."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.documents import render
from desktop.core.documents.blocks import Document, Table
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.model.dossier import DossierData, ReceivedAward
from desktop.core.model.rounds import VoteMethod

from . import samples
from .test_builders_dossier import kinds, person, sample_data, vote
from .test_pdf_render import pieces


@pytest.fixture
def data(catalog: Catalog) -> DossierData:
    return sample_data(catalog)


MM = 72 / 25.4
LONG_NOTE = ("hồ sơ đề nghị công nhận phạm vi ảnh hưởng cấp tỉnh của sáng kiến đang được Hội "
             "đồng Sáng kiến tỉnh xem xét, đơn vị đề nghị xét khi có quyết định công nhận; ") * 3


def pdf(doc: Document, tmp_path: Path, fmt: PageFormat, fonts: FontSet) -> pypdf.PdfReader:
    path = tmp_path / f"{doc.name}.pdf"
    render.render_pdf(doc, fmt, fonts, path)
    return pypdf.PdfReader(path)


def long_list(data: DossierData, catalog: Catalog, n: int = 14) -> Document:
    """A province list long enough to run over several pages, short rows among very tall ones
    (a tall row that does not fit where it starts is what reportlab split badly)."""
    noms = tuple(person(100 + i, f"Người Thứ {i:02d}", "chien_si_thi_dua_tinh", catalog,
                        achievement=f"Mốc{i:02d} " + (LONG_NOTE * 2 if i % 3 == 1 else "ngắn"),
                        vote=vote(11, VoteMethod.BALLOT, 0.9)) for i in range(n))
    return b.build_danh_sach(replace(data, nominations=noms), kinds(catalog, "danh_sach"),
                             kinds(catalog, "to_trinh"))


def test_list_header_once_at_the_top_of_every_page_and_rows_whole(
        catalog: Catalog, data: DossierData, tmp_path: Path, fmt: PageFormat,
        fonts: FontSet) -> None:
    doc = long_list(data, catalog)
    table = next(x for x in doc.blocks if isinstance(x, Table))
    header_words = {w for c in table.columns for w in c.header.split()}
    reader = pdf(doc, tmp_path, fmt, fonts)
    assert len(reader.pages) >= 3
    where: dict[str, list[int]] = {}
    for number, page in enumerate(reader.pages):
        found = [p for p in pieces(page) if p[2] > fmt.margin_bottom_mm * MM   # no footer
                 and not (number and p[0] == str(number + 1))]                # no page no.
        headers = [p for p in found if p[0] == "STT"]
        assert len(headers) == 1, f"page {number + 1}: {len(headers)} header rows"
        assert not [p for p in found if p[0] in ("ST", "T")]          # "STT" never wraps
        head = [p for p in found if set(p[0].split()) <= header_words]
        cells = [p for p in found if p not in head]
        if number > 0:
            # the header is the first thing on the page, nothing of a row drawn inside it
            assert min(p[2] for p in head) > max(p[2] for p in cells), f"page {number + 1}"
        for text, _x, _y, _s in cells:
            for token in text.split():
                if token.startswith("Mốc"):
                    where.setdefault(token, []).append(number)
    # every row on one page: its name and its own marker on the same single page
    for i in range(14):
        assert len(set(where[f"Mốc{i:02d}"])) == 1, i


def _report_with_heading_near_the_foot(data: DossierData, catalog: Catalog, lines: int
                                       ) -> Document:
    n = data.nominations[3]
    awards = tuple(ReceivedAward(2015 + i, "lao_dong_tien_tien", "Lao động tiên tiến",
                                 "danh_hieu", f"{300 + i}/QĐ-UBND", None, "Chủ tịch UBND xã",
                                 award_verb="tặng")
                   for i in range(6))
    filler = "\n".join(f"Dòng kết quả số {i}: hoàn thành chỉ tiêu được giao." for i in
                       range(lines))
    report = dict(n.report)
    report["thanh_tich"] = filler
    return b.build_report(data, replace(n, titles_received=awards,
                                        report=MappingProxyType(report)),
                          kinds(catalog, "bao_cao_ca_nhan"))


def test_a_heading_is_never_left_at_a_page_foot(catalog: Catalog, data: DossierData,
                                                tmp_path: Path, fmt: PageFormat,
                                                fonts: FontSet) -> None:
    moved = 0
    for lines in range(14, 30, 2):      # walk the heading down page 1 and over its foot
        reader = pdf(_report_with_heading_near_the_foot(data, catalog, lines), tmp_path, fmt,
                     fonts)
        pages = [[p[0] for p in pieces(page)] for page in reader.pages]
        heading = next(i for i, t in enumerate(pages)
                       if "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in t)
        sub = next(i for i, t in enumerate(pages) if "1. Danh hiệu thi đua" in t)
        first_row = next(i for i, t in enumerate(pages) if "2015" in t)
        assert heading == sub == first_row, lines
        moved += heading
    assert moved > 0          # some of the variants did cross a page


def test_a_short_to_trinh_signs_on_its_first_page(catalog: Catalog, data: DossierData,
                                                  tmp_path: Path, fmt: PageFormat,
                                                  fonts: FontSet) -> None:
    one = person(7, "Lê Thị Thu Hằng", "chien_si_thi_dua_tinh", catalog,
                 vote=vote(11, VoteMethod.BALLOT, 0.9))
    doc = b.build_to_trinh(replace(data, nominations=(one,)), kinds(catalog, "to_trinh"))
    assert doc.reserve_package_box
    reader = pdf(doc, tmp_path, fmt, fonts)
    assert len(reader.pages) == 1
    texts = [p[0] for p in pieces(reader.pages[0])]
    assert "Hà Văn Thắng" in texts and "Nơi nhận:" in texts


def test_the_package_box_takes_only_a_strip_of_page_one(tmp_path: Path, fmt: PageFormat,
                                                        fonts: FontSet) -> None:
    """The box stands in the bottom margin: page 1 holds at most one row less with it."""
    def rows_on_page_one(doc: Document) -> int:
        page = pdf(doc, tmp_path, fmt, fonts).pages[0]
        return sum(1 for t, x, _y, _s in pieces(page)
                   if t.isdigit() and x < (fmt.margin_left_mm + 12) * MM)

    boxed = samples.to_trinh(60)
    plain = replace(boxed, name="plain", reserve_package_box=False)
    assert rows_on_page_one(plain) - 1 <= rows_on_page_one(boxed) < rows_on_page_one(plain) + 1
    assert fmt.box_reserve_mm <= 6


def test_docx_rows_hold_together(catalog: Catalog, data: DossierData, tmp_path: Path,
                                 fmt: PageFormat, fonts: FontSet) -> None:
    path = render.render_docx(long_list(data, catalog, 3), fmt, fonts, tmp_path / "ds.docx")
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = table._tbl.findall(qn("w:tr"))
    for tr in rows:                           # no row splits across pages
        assert tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None for tr in rows[1:])
    group = rows[1]                            # "I. DANH HIỆU …": kept with its first row
    assert all(p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
               for p in group.iter(qn("w:p")))
    stt = table._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))[0]
    assert int(stt.get(qn("w:w"))) >= 10 * 56.7       # "STT" on one line


def test_docx_document_numbers_never_break_at_their_hyphen(catalog: Catalog, data: DossierData,
                                                           tmp_path: Path, fmt: PageFormat,
                                                           fonts: FontSet) -> None:
    doc = b.build_to_trinh(data, kinds(catalog, "to_trinh"))
    path = render.render_docx(doc, fmt, fonts, tmp_path / "ttr.docx")
    body = docx.Document(str(path)).element.body
    number_runs = [r for r in body.iter(qn("w:r"))
                   if "".join(t.text or "" for t in r.iter(qn("w:t"))).startswith("Số: 05/TTr")]
    assert number_runs
    run = number_runs[0]
    assert run.find(qn("w:noBreakHyphen")) is not None
    assert "".join(t.text or "" for t in run.iter(qn("w:t"))) == "Số: 05/TTrUBND"
    # the PDF keeps the ordinary hyphen (reportlab never breaks there)
    reader = pdf(doc, tmp_path, fmt, fonts)
    assert "Số: 05/TTr-UBND" in reader.pages[0].extract_text()


@pytest.mark.parametrize("kind", ["giay_khen_cert", "chung_nhan_cstdcs"])
def test_certificates_carry_no_dossier_id(catalog: Catalog, data: DossierData, kind: str,
                                          tmp_path: Path, fmt: PageFormat,
                                          fonts: FontSet) -> None:
    doc = b.build_certificates(data, kinds(catalog, kind), kinds(catalog, "quyet_dinh"))
    assert doc is not None
    reader = pdf(doc, tmp_path, fmt, fonts)
    assert all(data.dossier_id not in page.extract_text() for page in reader.pages)
    path = render.render_docx(doc, fmt, fonts, tmp_path / f"{kind}.docx")
    document = docx.Document(str(path))
    for section in document.sections:
        assert data.dossier_id not in "".join(p.text for p in section.footer.paragraphs)


def test_no_line_starts_with_a_spaced_hyphen_of_the_text(catalog: Catalog, data: DossierData,
                                                         tmp_path: Path, fmt: PageFormat,
                                                         fonts: FontSet) -> None:
    """"Hội đồng Thi đua - Khen thưởng" never breaks before its hyphen: a line starting with
    "- Khen thưởng" reads as a list item."""
    doc = b.build_to_trinh(data, kinds(catalog, "to_trinh"))
    for width in (0, 9, 17, 26):    # narrower margins shift every line break
        narrow = replace(fmt, margin_right_mm=fmt.margin_right_mm + width / 5,
                         margin_left_mm=fmt.margin_left_mm + width / 5 * 4)
        path = tmp_path / f"ttr{width}.pdf"
        render.render_pdf(doc, narrow, fonts, path)
        for page in pypdf.PdfReader(path).pages:
            for line in page.extract_text().splitlines():
                assert not line.strip().startswith("- Khen"), line
    body = docx.Document(str(render.render_docx(doc, fmt, fonts, tmp_path / "t.docx")))
    text = "\n".join(p.text for p in body.paragraphs)
    assert "Thi đua\u00a0- Khen thưởng" in text
