"""Sign a PDF in tests the way an officer's tool does: through the PKCS#11 token (SoftHSM2),
into the app's empty fields, with the visible appearance INTEROP §1 records.

The person signs first with a certification signature at DocMDP level 2 (form filling and
signing still allowed), as VGCA tools do; the organisation then adds an approval signature
with the seal image. Only the signer's certificate is embedded (as VGCA tokens do): the
chain is built from the intermediate the verifier is given.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw
from pyhanko import stamp
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils import images
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.pkcs11 import PKCS11Signer

from tests.pki import Token

REPO = Path(__file__).resolve().parents[1]
VIETNAM = timezone(timedelta(hours=7))
logging.getLogger("fontTools").setLevel(logging.ERROR)


@cache
def stamp_font(folder: str) -> str:
    """Liberation Serif rescaled to 1000 units per em: pyHanko writes glyph widths in font
    units (TECH-NOTES §7), so a 2048-unit font would be drawn with huge gaps."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    target = Path(folder) / "stamp-serif-upm1000.ttf"
    if not target.exists():
        font = TTFont(REPO / "resources" / "fonts" / "LiberationSerif-Regular.ttf")
        scale_upem(font, 1000)
        font.save(target)
    return str(target)


def seal_image() -> Image.Image:
    """A red round seal on a transparent background (the shape, not any real seal)."""
    size = 400
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    red = (200, 20, 20, 235)
    draw.ellipse((8, 8, size - 8, size - 8), outline=red, width=14)
    draw.ellipse((60, 60, size - 60, size - 60), outline=red, width=6)
    cx = cy = size // 2
    star = []
    import math
    for i in range(10):
        r = 70 if i % 2 == 0 else 28
        angle = -math.pi / 2 + i * math.pi / 5
        star.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(star, fill=red)
    return img


class _InMemoryFont(GlyphAccumulatorFactory):
    """pyHanko 0.38 opens the font file and never closes it (a ResourceWarning, an error
    under this suite's filterwarnings); read it into memory instead."""

    def create_font_engine(self, writer, obj_stream=None):  # type: ignore[no-untyped-def]
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(writer=writer,
                                font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
                                font_size=self.font_size, obj_stream=obj_stream)


def _person_style(font: str) -> stamp.TextStampStyle:
    size = 8
    return stamp.TextStampStyle(
        stamp_text=("Người ký: %(name)s\nCơ quan: %(org)s\nChức vụ: %(title)s\n"
                    "Thời gian ký: %(when)s"),
        text_box_style=TextBoxStyle(font=_InMemoryFont(font, font_size=size),
                                    font_size=size),
        background=None, border_width=0)


def _seal_style() -> stamp.TextStampStyle:
    return stamp.TextStampStyle(stamp_text="", background=images.PdfImage(seal_image()),
                                background_opacity=1.0, border_width=0)


def sign(data: bytes, token: Token, label: str, field: str, *, certify: bool = False,
         font_dir: Path | None = None, seal: bool = False,
         when: datetime | None = None) -> bytes:
    """`data` with one more signature by the token's `label` key in the empty `field`."""
    issued = token.pki.certs[label]
    cert = load_cert_from_pemder_bytes(issued.der)
    name = cert.subject.native
    when = when or datetime.now(VIETNAM)
    style = _seal_style() if seal else _person_style(stamp_font(str(font_dir or Path("/tmp"))))
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS, reason="Phê duyệt",
        location="Thanh Sơn")
    with token.session() as session:   # type: ignore[attr-defined]
        signer = PKCS11Signer(session, cert_label=label, key_label=label)
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        out = io.BytesIO()
        signers.PdfSigner(meta, signer=signer, stamp_style=style).sign_pdf(
            writer, output=out, appearance_text_params={
                "name": name.get("common_name", ""),
                # one part of the organisation a line, so the stamp keeps a readable size
                "org": ",\n".join(v for v in (name.get("organizational_unit_name", ""),
                                               name.get("organization_name", "")) if v),
                "title": name.get("title", ""),
                "when": when.strftime("%d.%m.%Y %H:%M:%S +07:00")})
    return out.getvalue()


def rewrite_and_sign(data: bytes, token: Token) -> bytes:
    """A third signature whose revision also rewrites page 1 (text drawn over it): the
    tamper case where each signature still verifies alone but the earlier ones no longer
    cover what is shown."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    forged = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (Gia mao) Tj ET")
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"),
                                             writer.add_object(forged)])
    writer.update_container(page)
    fields.append_signature_field(writer, fields.SigFieldSpec(
        "ChuKyThem", on_page=0, box=(50, 50, 150, 100)))
    out = io.BytesIO()
    with token.session() as session:   # type: ignore[attr-defined]
        signer = PKCS11Signer(session, cert_label="nguoi_ky", key_label="nguoi_ky")
        signers.PdfSigner(signers.PdfSignatureMetadata(
            field_name="ChuKyThem", subfilter=fields.SigSeedSubFilter.PADES),
            signer=signer).sign_pdf(writer, output=out)
    return out.getvalue()


def load_cert_from_pemder_bytes(der: bytes):  # type: ignore[no-untyped-def]
    from asn1crypto import x509

    return x509.Certificate.load(der)


__all__ = ["load_cert_from_pemder", "rewrite_and_sign", "seal_image", "sign", "stamp_font"]
