"""forms/documents/format.toml → PageFormat: the Decree 30 values, and refusals naming the key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from desktop.core.documents.blocks import Align
from desktop.core.documents.format import (
    PageFormat,
    balanced_lines,
    fit_widths,
    footer_text,
    keep_closing_paragraph,
    load_format,
    parse_format,
)
from desktop.core.errors import UserError

from .conftest import FORMAT_FILE


def raw() -> dict[str, Any]:
    with FORMAT_FILE.open("rb") as fh:
        return tomllib.load(fh)


def test_decree_30_values(fmt: PageFormat) -> None:
    assert (fmt.width_mm, fmt.height_mm) == (210, 297)
    assert (fmt.margin_top_mm, fmt.margin_bottom_mm) == (20, 20)
    assert (fmt.margin_left_mm, fmt.margin_right_mm) == (30, 15)
    assert fmt.font_family == "Times New Roman"
    assert fmt.lang == "vi-VN"
    assert fmt.pdf_font_files[0] == "LiberationSerif-Regular.ttf"
    assert fmt.body_size == 14
    assert fmt.first_line_indent_mm == 10
    assert fmt.space_after_pt == 6
    assert 12 <= fmt.style("national_name").size <= 13 and fmt.style("national_name").bold
    assert 13 <= fmt.style("motto").size <= 14 and fmt.style("motto").bold
    assert fmt.style("issuer").bold and 12 <= fmt.style("issuer").size <= 13
    assert fmt.style("number").size == 13
    place = fmt.style("place_date")
    assert place.italic and 13 <= place.size <= 14
    assert fmt.style("doc_type").size == 14 and fmt.style("doc_type").bold
    assert fmt.style("subject").bold
    label = fmt.style("recipients_label")
    assert (label.size, label.bold, label.italic) == (12, True, True)
    assert fmt.style("recipients").size == 11
    assert fmt.style("page_number").size == 13
    assert fmt.style("page_number").align == Align.CENTER
    assert 9 <= fmt.style("footer").size <= 10
    assert fmt.national_name == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert fmt.motto == "Độc lập - Tự do - Hạnh phúc"


def test_page_size_and_text_width(fmt: PageFormat) -> None:
    assert fmt.page_size_mm(False) == (210, 297)
    assert fmt.page_size_mm(True) == (297, 210)
    assert fmt.text_width_mm(False) == 165
    assert fmt.text_width_mm(True) == 252


def _refusal(data: dict[str, Any]) -> str:
    with pytest.raises(UserError) as info:
        parse_format(data)
    return info.value.message


def test_missing_key_is_named() -> None:
    data = raw()
    del data["page"]["margin_left_mm"]
    assert "page.margin_left_mm" in _refusal(data)


def test_unknown_key_is_named() -> None:
    data = raw()
    data["body"]["sise"] = 14
    assert "body.sise" in _refusal(data)
    data = raw()
    data["styles"]["quoc_hieu"] = {"size": 13, "bold": True, "italic": False, "align": "left"}
    assert "styles.quoc_hieu" in _refusal(data)


def test_out_of_legal_range_is_named() -> None:
    data = raw()
    data["page"]["margin_left_mm"] = 25.0     # Decree 30: 30–35
    message = _refusal(data)
    assert "page.margin_left_mm" in message and "30–35" in message
    data = raw()
    data["styles"]["national_name"]["size"] = 14   # quốc hiệu 12–13
    assert "styles.national_name.size" in _refusal(data)


def test_wrong_types_are_named() -> None:
    data = raw()
    data["body"]["size"] = "14"
    assert "body.size" in _refusal(data)
    data = raw()
    data["styles"]["motto"]["bold"] = "yes"
    assert "styles.motto.bold" in _refusal(data)
    data = raw()
    data["styles"]["motto"]["align"] = "middle"
    assert "styles.motto.align" in _refusal(data)
    data = raw()
    del data["styles"]["footer"]
    assert "styles.footer" in _refusal(data)
    data = raw()
    data["text"]["break_before"] = ["TỈNH", 3]
    assert "text.break_before" in _refusal(data)
    data = raw()
    del data["rules"]
    assert "rules" in _refusal(data)


def test_bad_file(tmp_path: Path) -> None:
    broken = tmp_path / "format.toml"
    broken.write_text("[page\nwidth_mm = 210", encoding="utf-8")
    with pytest.raises(UserError):
        load_format(broken)
    with pytest.raises(UserError):
        load_format(tmp_path / "missing.toml")


def test_fit_widths_never_exceed_the_text_width() -> None:
    assert fit_widths([10, 20], 165) == [10, 20]
    scaled = fit_widths([100, 100, 130], 165)
    assert abs(sum(scaled) - 165) < 1e-9
    assert scaled[0] == scaled[1] and scaled[2] > scaled[0]


def test_balanced_lines() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    assert balanced_lines("ỦY BAN", measure, 10) == ["ỦY BAN"]
    assert balanced_lines("ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM", measure, 20) == [
        "ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"]
    assert balanced_lines("A\nB C", measure, 1) == ["A", "B C"]
    # before a level of government when both lines fit, not where they are most even
    assert balanced_lines("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA VŨNG TÀU", measure, 20,
                          ("TỈNH",)) == ["ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA VŨNG TÀU"]
    assert balanced_lines("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA VŨNG TÀU", measure, 20) == [
        "ỦY BAN NHÂN DÂN TỈNH", "BÀ RỊA VŨNG TÀU"]
    assert balanced_lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH X", measure, 14, ("TỈNH",))[1] != "TỈNH X"
    # too long for two lines: as few lines as fit, each within the width, evened out
    long = "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH PHÚ THỌ (DỮ LIỆU TỔNG HỢP)"
    lines = balanced_lines(long, measure, 22, ("TỈNH",))
    assert len(lines) == 3 and " ".join(lines) == long
    assert all(len(line) <= 22 for line in lines)
    assert lines == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TỈNH PHÚ THỌ", "(DỮ LIỆU TỔNG HỢP)"]
    # a hyphenated name never leaves "- KHEN THƯỞNG" on a line of its own
    assert balanced_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", measure, 22) == [
        "HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]


def test_footer_text(fmt: PageFormat) -> None:
    assert footer_text(fmt, "HS-1", "") == "Mã hồ sơ: HS-1"
    line = footer_text(fmt, "HS-1", "0123456789abcdef" * 4)
    assert line.startswith("Mã hồ sơ: HS-1") and line.endswith("Mã gói: 0123456789abcdef")


def test_the_paragraph_before_a_signature_is_kept_with_it() -> None:
    from desktop.core.documents.blocks import Paragraph, SignatureBlock, Signer, Spacer

    sign = SignatureBlock((Signer("Chủ tịch"),))
    blocks = (Paragraph(("a",)), Paragraph(("b",)), sign, Spacer(2), Paragraph(("c",)))
    kept = keep_closing_paragraph(blocks)
    assert [getattr(x, "keep_with_next", None) for x in kept] == [False, True, None, None,
                                                                    False]
