"""The DOCX, read back with python-docx: page, margins, fonts on all four slots, no theme fonts,
vi-VN, header layout and sizes, tables, page numbers and footer, the package box."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from desktop.core.documents import render
from desktop.core.documents.blocks import Cell, Column, Document, Orientation, Table
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.errors import UserError

from . import samples

SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
DIGEST = "3f" * 32


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module")
def rendered(out_dir: Path, fmt: PageFormat, fonts: FontSet) -> Path:
    doc = samples.to_trinh(60, digest=DIGEST, qr=f"{samples.DOSSIER_ID}|{DIGEST}")
    return render.render_docx(doc, fmt, fonts, out_dir / "to_trinh.docx")


@pytest.fixture(scope="module")
def opened(rendered: Path) -> docx.document.Document:
    return docx.Document(str(rendered))


def all_text(document: docx.document.Document) -> str:
    return "".join(t.text or "" for t in document.element.iter(qn("w:t")))


def near(length: int | None, mm: float) -> bool:
    return length is not None and abs(length - Mm(mm)) <= Mm(0.1)


def test_a4_portrait_with_decree_margins(opened: docx.document.Document) -> None:
    section = opened.sections[0]
    assert near(section.page_width, 210) and near(section.page_height, 297)
    assert near(section.top_margin, 20) and near(section.bottom_margin, 20)
    assert near(section.left_margin, 30) and near(section.right_margin, 15)


def test_landscape_document(out_dir: Path, fmt: PageFormat, fonts: FontSet) -> None:
    doc = samples.to_trinh(3, orientation=Orientation.LANDSCAPE)
    path = render.render_docx(doc, fmt, fonts, out_dir / "landscape.docx")
    section = docx.Document(str(path)).sections[0]
    assert near(section.page_width, 297) and near(section.page_height, 210)
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE


def test_times_new_roman_on_all_four_slots(opened: docx.document.Document) -> None:
    styles = opened.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = defaults.find(qn("w:rFonts"))
    assert [rfonts.get(qn(s)) for s in SLOTS] == ["Times New Roman"] * 4
    checked = 0
    for rfonts in styles.iter(qn("w:rFonts")):
        assert [rfonts.get(qn(s)) for s in SLOTS] == ["Times New Roman"] * 4
        checked += 1
    assert checked >= 2          # docDefaults and Normal at least
    normal = opened.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Times New Roman"


def test_no_theme_font_attribute_left(rendered: Path) -> None:
    import zipfile

    with zipfile.ZipFile(rendered) as zf:
        styles_xml = zf.read("word/styles.xml").decode("utf-8")
        document_xml = zf.read("word/document.xml").decode("utf-8")
    assert not re.search(r"w:\w*[Tt]heme=", styles_xml)
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)[Tt]heme=", document_xml)


def test_language_is_vietnamese(opened: docx.document.Document) -> None:
    styles = opened.styles.element
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"
    for el in styles.iter(qn("w:lang")):
        assert el.get(qn("w:val")) == "vi-VN"


def test_national_header_text_sizes_and_widths(opened: docx.document.Document,
                                               fmt: PageFormat) -> None:
    header = opened.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN\nXÃ ĐỒNG TÂM"]
    texts = [p.text for p in right.paragraphs if p.text]
    assert texts == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, place = header.rows[1].cells
    assert number.text == "Số: 05/TTr-UBND"
    assert place.text == "Đồng Tâm, ngày 05 tháng 3 năm 2026"

    def run_of(cell: docx.table._Cell, text: str) -> docx.text.run.Run:
        return next(r for p in cell.paragraphs for r in p.runs if text in r.text.split("\n"))

    national = run_of(right, fmt.national_name)
    assert national.font.size.pt == fmt.style("national_name").size and national.font.bold
    motto = run_of(right, fmt.motto)
    assert motto.font.size.pt == fmt.style("motto").size and motto.font.bold
    issuer = run_of(left, "ỦY BAN NHÂN DÂN")
    assert issuer.font.size.pt == 13 and issuer.font.bold
    date_run = run_of(place, "Đồng Tâm, ngày 05 tháng 3 năm 2026")
    assert date_run.font.italic and date_run.font.size.pt == 14
    assert run_of(number, "Số: 05/TTr-UBND").font.size.pt == 13
    # rules: a top border under the issuer (short) and under tiêu ngữ (its length)
    borders = [p for p in left.paragraphs + right.paragraphs
               if p._p.find(qn("w:pPr")) is not None
               and p._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None]
    assert len(borders) == 2
    # widths on gridCol AND tcW, fixed layout, so LibreOffice honours them
    grid = [int(g.get(qn("w:w"))) for g in header._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(grid[0] - Mm(fmt.header_left_width_mm).twips) <= 2
    assert abs(sum(grid) - Mm(fmt.text_width_mm(False)).twips) <= 4
    assert abs(left.width - Mm(fmt.header_left_width_mm)) <= Mm(0.1)
    layout = header._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"


def test_title_addressee_body(opened: docx.document.Document) -> None:
    texts = [p.text for p in opened.paragraphs]
    assert "TỜ TRÌNH" in texts
    assert "Về việc đề nghị tặng danh hiệu “Lao động tiên tiến” năm 2025" in texts
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã Đồng Tâm" in texts
    assert "Họ và tên: Đặng Thị Ỷ Lan" in texts
    body = next(p for p in opened.paragraphs if p.text.startswith("Căn cứ Luật"))
    assert body.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert near(body.paragraph_format.first_line_indent, 10)
    assert body.paragraph_format.space_after.pt == 6
    assert body.runs[0].font.size.pt == 14


def test_all_text_is_nfc_including_nfd_input(opened: docx.document.Document) -> None:
    text = all_text(opened)
    assert unicodedata.is_normalized("NFC", text)
    assert unicodedata.normalize("NFC", samples.NFD_NAME) in text
    assert "ĐẶNG VĂN Ữ" in text


def test_table_widths_header_repeat_and_rows(opened: docx.document.Document,
                                             fmt: PageFormat) -> None:
    table = opened.tables[1]
    assert len(table.rows) == 1 + 60 + 1
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells][:2] == ["STT", "Họ và tên"]
    grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) <= Mm(fmt.text_width_mm(False)).twips + 5
    for row in table.rows[:5]:
        for cell, width in zip(row.cells, grid, strict=True):
            assert abs(cell.width.twips - width) <= 2
    assert table.rows[4].cells[1].text == samples.LONG_NAME
    footer_row = table.rows[-1]
    assert footer_row.cells[0].text == "Tổng cộng: 60 cá nhân"
    assert len(footer_row._tr.findall(qn("w:tc"))) == 1       # merged across 5 columns


def test_too_wide_table_is_scaled_to_the_text_width(out_dir: Path, fmt: PageFormat,
                                                    fonts: FontSet) -> None:
    wide = Table((Column("A", 120), Column("B", 120)), (("x" * 400, "y"),))
    doc = Document(kind="t", name="wide", title="t", dossier_id="HS-1", blocks=(wide,))
    path = render.render_docx(doc, fmt, fonts, out_dir / "wide.docx")
    table = docx.Document(str(path)).tables[0]
    grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(grid) - Mm(165).twips) <= 4


def test_signature_blocks(opened: docx.document.Document, fmt: PageFormat) -> None:
    table = opened.tables[2]
    (row,) = table.rows                # one row that cannot split: never parted across pages
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    left = row.cells[0]
    assert left.paragraphs[0].text == "Nơi nhận:"
    label = left.paragraphs[0].runs[0].font
    assert label.bold and label.italic and label.size.pt == 12
    assert [p.text for p in left.paragraphs[1:]] == ["- Như trên;", "- Lưu: VT, VP."]
    assert left.paragraphs[1].runs[0].font.size.pt == 11
    assert [p.text for p in row.cells[1].paragraphs] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                                         "Nguyễn Văn Hùng"]
    name = row.cells[1].paragraphs[-1].paragraph_format.space_before.pt
    assert abs(name - fmt.signing_space_mm * 72 / 25.4) < 0.5        # the room to sign
    # side by side: the shorter title's name gets the difference, so both names align
    pair = opened.tables[3]
    chair, clerk = pair.rows[0].cells
    assert [p.text for p in clerk.paragraphs] == ["THƯ KÝ", "(Ký, ghi rõ họ tên)",
                                                  "Đặng Thị Ỷ Lan"]
    chair_lines = len(chair.paragraphs) - 1
    assert chair.paragraphs[-1].text == "Nguyễn Văn Hùng" and chair_lines >= 1
    gap = (clerk.paragraphs[-1].paragraph_format.space_before.pt
           - chair.paragraphs[-1].paragraph_format.space_before.pt)
    assert gap > 0          # the chair's title takes more lines than "THƯ KÝ" and its note


def test_page_numbers_from_page_two_and_dossier_footer(opened: docx.document.Document) -> None:
    section = opened.sections[0]
    assert section.different_first_page_header_footer
    instr = [i.text for i in section.header._element.iter(qn("w:instrText"))]
    assert [t.strip() for t in instr] == ["PAGE"]
    assert section.header.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    assert section.first_page_header.paragraphs[0].text == ""
    assert samples.DOSSIER_ID in section.footer.paragraphs[0].text
    assert DIGEST[:16] in section.footer.paragraphs[0].text
    first_footer = "".join(t.text for t in section.first_page_footer._element.iter(qn("w:t")))
    assert samples.DOSSIER_ID in first_footer


def test_package_box_same_size_filled_or_empty(opened: docx.document.Document, out_dir: Path,
                                               fmt: PageFormat, fonts: FontSet) -> None:
    def box(document: docx.document.Document) -> docx.table.Table:
        return document.sections[0].first_page_footer.tables[0]

    filled = box(opened)
    assert near(filled.rows[0].height, fmt.box_height_mm)
    assert filled.rows[0].height_rule == docx.enum.table.WD_ROW_HEIGHT_RULE.EXACTLY
    assert len(opened.sections[0].first_page_footer.part.package.image_parts) == 1
    assert DIGEST[:32] in filled.rows[0].cells[1].text
    empty_doc = render.render_docx(samples.to_trinh(5), fmt, fonts, out_dir / "empty.docx")
    empty = box(docx.Document(str(empty_doc)))
    assert empty.rows[0].height == filled.rows[0].height
    assert empty.rows[0].cells[1].text == "" and empty.rows[0].cells[0].text == ""
    assert [c.width for c in empty.rows[0].cells] == [c.width for c in filled.rows[0].cells]


def test_metadata(opened: docx.document.Document) -> None:
    props = opened.core_properties
    assert props.title == "Tờ trình đề nghị khen thưởng"
    assert props.author == "Ủy ban nhân dân xã Đồng Tâm"
    assert props.language == "vi-VN"


def test_write_is_atomic(out_dir: Path, fmt: PageFormat, fonts: FontSet,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    dest = out_dir / "atomic" / "doc.docx"
    render.render_docx(samples.to_trinh(2), fmt, fonts, dest)
    before = dest.read_bytes()

    def broken(*_args: object) -> None:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(render, "write_docx", broken)
    with pytest.raises(RuntimeError):
        render.render_docx(samples.to_trinh(2), fmt, fonts, dest)
    assert dest.read_bytes() == before
    assert [p.name for p in dest.parent.iterdir()] == ["doc.docx"]


def test_unwritable_destination_is_a_user_error(tmp_path: Path, fmt: PageFormat,
                                                fonts: FontSet) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError):
        render.render_docx(samples.to_trinh(1), fmt, fonts, blocker / "sub" / "doc.docx")


def test_row_with_too_many_cells_is_refused(tmp_path: Path, fmt: PageFormat,
                                            fonts: FontSet) -> None:
    bad = Table((Column("A", 20),), ((Cell(("a",)), "b"),))
    doc = dataclasses.replace(samples.to_trinh(1), blocks=(bad,))
    with pytest.raises(ValueError):
        render.render_docx(doc, fmt, fonts, tmp_path / "bad.docx")
    with pytest.raises(ValueError):
        render.render_pdf(doc, fmt, fonts, tmp_path / "bad.pdf")
    too_wide = Table((Column("A", 20), Column("B", 20)), ((Cell(("a",), colspan=3),),))
    doc = dataclasses.replace(doc, blocks=(too_wide,))
    with pytest.raises(ValueError):
        render.render_docx(doc, fmt, fonts, tmp_path / "span.docx")
    with pytest.raises(ValueError):
        render.render_pdf(doc, fmt, fonts, tmp_path / "span.pdf")


def test_empty_document_and_empty_table(tmp_path: Path, fmt: PageFormat,
                                        fonts: FontSet) -> None:
    empty = Document(kind="k", name="empty", title="Trống", dossier_id="HS-9")
    assert render.render_pdf(empty, fmt, fonts, tmp_path / "empty.pdf") == 1
    render.render_docx(empty, fmt, fonts, tmp_path / "empty.docx")
    header_only = Table((Column("STT", 12), Column("Họ và tên", 60)), ())
    doc = dataclasses.replace(empty, blocks=(header_only,))
    assert render.render_pdf(doc, fmt, fonts, tmp_path / "t.pdf") == 1
    table = docx.Document(str(render.render_docx(doc, fmt, fonts,
                                                 tmp_path / "t.docx"))).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Họ và tên"]


def test_prepared_base_gives_the_same_document(out_dir: Path, fmt: PageFormat,
                                               fonts: FontSet) -> None:
    import zipfile

    base = render.prepare_docx_base(fmt)
    doc = samples.to_trinh(8, digest=DIGEST, qr="x")
    with_base = render.render_docx(doc, fmt, fonts, out_dir / "with_base.docx", base=base)
    without = render.render_docx(doc, fmt, fonts, out_dir / "without_base.docx")
    with zipfile.ZipFile(with_base) as a, zipfile.ZipFile(without) as b:
        for name in ("word/document.xml", "word/styles.xml", "word/footer2.xml"):
            assert a.read(name) == b.read(name), name
        names = a.namelist()
    # the Word 2010 style copy (full of theme fonts) and the template's thumbnail are gone
    assert "word/stylesWithEffects.xml" not in names
    assert not any("thumbnail" in n for n in names)


ORDER = {
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
            "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
            "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
            "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
            "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
            "lang", "eastAsianLayout", "specVanish", "oMath"),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
              "shd", "tblLayout", "tblCellMar", "tblLook"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
}


@pytest.mark.parametrize("part", ["word/document.xml", "word/footer1.xml", "word/footer2.xml",
                                  "word/header1.xml"])
def test_properties_are_in_schema_order(rendered: Path, part: str) -> None:
    """Word refuses (\"unreadable content\") property elements out of the schema's order."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(rendered) as zf:
        root = etree.fromstring(zf.read(part))
    checked = 0
    for name, order in ORDER.items():
        for el in root.iter(f"{w}{name}"):
            tags = [c.tag.removeprefix(w) for c in el]
            ranks = [order.index(t) for t in tags]      # an unknown tag fails here too
            assert ranks == sorted(ranks), (name, tags)
            checked += 1
    assert checked > 0
