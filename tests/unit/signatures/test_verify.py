"""Signature fields on the demo tờ trình, filled in order through a SoftHSM2 token, then
checked offline — and every tamper case reported with its reason (issue 15)."""

from __future__ import annotations

import io

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from desktop.core.signatures.original import check_increments, sha256_hex
from desktop.core.signatures.trust import TrustSet
from desktop.core.signatures.verify import format_signing_time, verify_pdf
from tests.pki import Token
from tests.signing import rewrite_and_sign, sign
from tests.unit.signatures.conftest import DemoDossier


def _fields(data: bytes) -> dict[str, tuple[float, ...]]:
    reader = PdfFileReader(io.BytesIO(data))
    return {name: tuple(float(v) for v in ref.get_object()["/Rect"])
            for name, _value, ref in fields.enumerate_sig_fields(reader)}


def test_signed_documents_carry_named_empty_fields_where_the_law_puts_them(
        demo_dossier: DemoDossier) -> None:
    to_trinh = _fields(demo_dossier.pdf("01_to_trinh"))
    assert set(to_trinh) == {"ChuKyNguoiKy", "ChuKyCoQuan"}
    px0, py0, px1, py1 = to_trinh["ChuKyNguoiKy"]
    _sx0, sy0, sx1, sy1 = to_trinh["ChuKyCoQuan"]
    # the seal covers the left third of the signer's image, centred on it
    assert abs(sx1 - (px0 + (px1 - px0) / 3)) < 1
    assert abs((sy0 + sy1) / 2 - (py0 + py1) / 2) < 1
    assert px0 > 595 / 2 - 60          # the signer stands in the right-hand column
    # the list filed with the tờ trình: the organisation's field, top right of page 1
    attachment = _fields(demo_dossier.pdf("02_danh_sach"))
    assert list(attachment) == ["ChuKyCoQuanPhuLuc"]
    _x0, _y0, x1, y1 = attachment["ChuKyCoQuanPhuLuc"]
    assert x1 > 780 and y1 > 560       # landscape A4: 842 x 595 pt
    # a meeting's minutes: chair and secretary, a seal only where the signer seals
    minutes = _fields(demo_dossier.pdf("03_bien_ban_hop"))
    assert {"ChuKyNguoiKy", "ChuKyNguoiKy_2"} <= set(minutes)
    # certificates are printed on blanks unless the province issues them signed
    assert _fields(demo_dossier.pdf("noi_bo_04_giay_khen")) == {}


def test_both_signatures_in_order_are_intact_trusted_and_shown_as_tools_show_them(
        signed_twice: bytes, trust: TrustSet) -> None:
    check = verify_pdf(signed_twice, trust)
    assert check.exit_code == 0 and check.ok
    person, seal = check.signatures
    assert (person.field, seal.field) == ("ChuKyNguoiKy", "ChuKyCoQuan")
    assert person.signer == "Hà Văn Thắng"
    assert person.position == "Chủ tịch"
    assert person.organisation == "Ủy ban nhân dân xã Thanh Sơn, UBND tỉnh Phú Thọ"
    assert seal.signer == "Ủy ban nhân dân xã Thanh Sơn"
    # the person certified at level 2, which still allows the seal after it
    assert person.certification == "fill_forms" and seal.certification == ""
    assert person.unchanged_after and seal.unchanged_after
    assert person.chain[1] == "CA phục vụ các cơ quan Nhà nước (thử nghiệm)"
    assert all(s.revocation == "not_checked" for s in check.signatures)
    lines = person.appearance_lines()
    assert lines[0] == "Người ký: Hà Văn Thắng"
    assert "Chức vụ: Chủ tịch" in lines
    assert lines[-1].startswith("Thời gian ký: ") and lines[-1].endswith(" +07:00")
    assert "chưa kiểm tra thu hồi chứng thư — không có mạng" in person.verdict()
    assert check.empty_fields == ()


def test_signing_time_is_printed_in_vietnam_time() -> None:
    from datetime import UTC, datetime

    assert format_signing_time(datetime(2026, 5, 12, 2, 15, 2, tzinfo=UTC)) == \
        "12.05.2026 09:15:02 +07:00"


def test_the_signed_copy_is_the_original_plus_signatures_only(
        demo_dossier: DemoDossier, signed_twice: bytes) -> None:
    original = demo_dossier.pdf("01_to_trinh")
    assert check_increments(original, signed_twice, len(original), sha256_hex(original)) == []
    other = demo_dossier.pdf("03_bien_ban_hop")
    codes = [p.code for p in check_increments(other, signed_twice, len(other),
                                              sha256_hex(other))]
    assert codes == ["signed.not_original"]


def test_untrusted_when_the_root_is_not_trusted(signed_twice: bytes) -> None:
    check = verify_pdf(signed_twice, TrustSet())
    assert check.exit_code == 1
    assert all(s.intact and not s.trusted for s in check.signatures)
    assert {p.code for s in check.signatures for p in s.problems} == {"signature.untrusted"}


def test_a_byte_changed_after_signing_breaks_both_signatures(
        signed_twice: bytes, demo_dossier: DemoDossier, trust: TrustSet) -> None:
    data = bytearray(signed_twice)
    dossier_id = demo_dossier.folder.name.encode()
    at = data.find(dossier_id)         # the document's keywords, inside both signed ranges
    assert 0 < at < len(demo_dossier.pdf("01_to_trinh"))
    data[at + len(dossier_id) - 1] ^= 0x01
    check = verify_pdf(bytes(data), trust)
    assert check.exit_code == 1
    for sig in check.signatures:
        assert not sig.intact
        assert [p.code for p in sig.problems] == ["signature.broken"]


def test_a_third_signature_that_rewrites_content_is_reported_on_the_first_two(
        signed_twice: bytes, token: Token, trust: TrustSet, demo_dossier: DemoDossier) -> None:
    tampered = rewrite_and_sign(signed_twice, token)
    check = verify_pdf(tampered, trust)
    assert check.exit_code == 1
    first, second, third = check.signatures
    for sig in (first, second):
        assert sig.intact and not sig.unchanged_after
        assert [p.code for p in sig.problems] == ["signature.modified_after"]
    assert third.intact
    original = demo_dossier.pdf("01_to_trinh")
    assert [p.code for p in check_increments(original, tampered, len(original),
                                             sha256_hex(original))] == ["signed.content_changed"]


def test_an_expired_certificate_is_reported(demo_dossier: DemoDossier, token: Token,
                                            trust: TrustSet, tmp_path) -> None:
    data = sign(demo_dossier.pdf("01_to_trinh"), token, "het_han", "ChuKyNguoiKy",
                certify=True, font_dir=tmp_path)
    check = verify_pdf(data, trust)
    assert check.exit_code == 1
    (sig,) = check.signatures
    assert sig.intact and not sig.trusted
    assert [p.code for p in sig.problems] == ["signature.cert_expired"]


def test_a_certificate_from_an_untrusted_root_is_reported(
        demo_dossier: DemoDossier, token: Token, trust: TrustSet, tmp_path) -> None:
    data = sign(demo_dossier.pdf("01_to_trinh"), token, "la", "ChuKyNguoiKy", certify=True,
                font_dir=tmp_path)
    check = verify_pdf(data, trust)
    (sig,) = check.signatures
    assert sig.intact and not sig.trusted
    assert [p.code for p in sig.problems] == ["signature.untrusted"]
    assert "Gốc không ai tin" in sig.problems[0].message


def test_unreadable_and_unsigned_files_are_exit_2(demo_dossier: DemoDossier,
                                                   trust: TrustSet) -> None:
    junk = verify_pdf(b"%PDF-1.7\nnot really a pdf", trust)
    assert junk.exit_code == 2 and [p.code for p in junk.problems] == ["pdf.unreadable"]
    assert verify_pdf(b"PK\x03\x04zip", trust).problems[0].code == "pdf.unreadable"
    unsigned = verify_pdf(demo_dossier.pdf("01_to_trinh"), trust)
    assert unsigned.exit_code == 2
    assert [p.code for p in unsigned.problems] == ["pdf.no_signature"]
    assert set(unsigned.empty_fields) == {"ChuKyNguoiKy", "ChuKyCoQuan"}
