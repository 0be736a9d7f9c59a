"""The one document model (DESIGN §5): a document is a tuple of blocks, built once by a
builder and rendered twice, to DOCX and to PDF, so the two never say different things.

Blocks say what an element *is* (the national header, a title, the signature block); the
renderers decide how it looks from the page format (forms/documents/format.toml), so the
Decree 30 sizes and margins live in one place. Text here is plain Unicode; the renderers
normalise it to NFC again, because a builder may pass text straight from an import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"   # wide tables may be landscape (Decree 30, Appendix I)


@dataclass(frozen=True)
class Run:
    """A piece of text with one look. `size` None means the size of its block."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    color: str | None = None      # "#RRGGBB"; certificates print some lines in red


Inline = str | Run


@dataclass(frozen=True)
class NationalHeader:
    """The two-column head of every administrative document.

    Left: the superior body (upright), the issuing body (bold capitals, short rule below),
    then the number and code ("Số: 05/TTr-UBND"). Right: quốc hiệu, tiêu ngữ (rule below),
    then the italic place and date. `number` empty means the document has no number
    (a report written by a person), `place_date` empty leaves the line out. `issuer` empty
    means a person writes it (a personal achievement report, LAW §6.3): quốc hiệu and tiêu
    ngữ alone, centred across the page, the place and date below them on the right.
    """

    issuer: str
    superior: str = ""
    number: str = ""
    place_date: str = ""


@dataclass(frozen=True)
class Title:
    """Document type in capitals ("TỜ TRÌNH"), the subject below it, a short rule."""

    doc_type: str
    subject: str = ""
    subtitle: str = ""            # e.g. the name of the person reported on, upright


@dataclass(frozen=True)
class Addressee:
    """"Kính gửi: …" — one or more recipients, centred."""

    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body: level 1 "I. SƠ LƯỢC LÝ LỊCH", level 2 "1. …"."""

    text: str
    level: int = 1
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Paragraph:
    """Body text: justified, first-line indent, 6 pt after, unless told otherwise."""

    content: tuple[Inline, ...]
    align: Align = Align.JUSTIFY
    indent_first_line: bool = True
    size: float | None = None      # None: the body size of the page format
    keep_with_next: bool = False


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Cell:
    content: tuple[Inline, ...]
    align: Align | None = None     # None: the column's alignment
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """A ruled table. The header row repeats on every page; long text wraps inside its cell."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell | str, ...], ...]
    size: float | None = None      # None: the table size of the page format
    footer: tuple[Cell | str, ...] | None = None   # e.g. "Tổng cộng: 12 cá nhân"


@dataclass(frozen=True)
class FieldLine:
    """A label and its value on one line ("Họ và tên: Nguyễn Văn An"); the CV part of a report."""

    label: str
    value: str


@dataclass(frozen=True)
class Signer:
    """One signature: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / space for seal and signature / name."""

    title: str                     # "CHỦ TỊCH", "NGƯỜI BÁO CÁO THÀNH TÍCH"
    name: str = ""
    authority: str = ""            # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" (Decree 30 Art 13)
    note: str = ""                 # "(Ký, đóng dấu)", "(Ký, ghi rõ họ tên)"
    seal: bool = True              # leave room for the seal over the signature
    caption: str = ""              # above everything: "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"


@dataclass(frozen=True)
class SignatureBlock:
    """The foot of a document. With recipients: "Nơi nhận:" on the left, the signer on the
    right. Without: the signers side by side (chair and secretary of a meeting); a single
    signer stands in the right half, or in the middle with `centered` (the certification of
    the level that submits, below the report's own signatures)."""

    signers: tuple[Signer, ...]
    recipients: tuple[str, ...] = ()
    centered: bool = False


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Spacer:
    height_mm: float


Block = (NationalHeader | Title | Addressee | Heading | Paragraph | Table | FieldLine
         | SignatureBlock | PageBreak | Spacer)


@dataclass(frozen=True)
class PlacedText:
    """Text at a fixed place on the page (certificates printed on pre-printed blanks).

    `x_mm` is the anchor (left edge, centre or right edge, by `align`), `y_mm` the baseline,
    both measured from the top-left corner of the paper.
    """

    x_mm: float
    y_mm: float
    text: str
    size: float = 14.0
    bold: bool = False
    italic: bool = False
    color: str | None = None
    align: Align = Align.CENTER
    max_width_mm: float | None = None   # wrap (and shrink no further) inside this width
    underline: bool = False             # tiêu ngữ on a certificate: underlined full length


@dataclass(frozen=True)
class FixedPage:
    """A page laid out by position, not by flow: the certificate (LAW §6.9)."""

    items: tuple[PlacedText, ...]
    width_mm: float = 297.0
    height_mm: float = 210.0


@dataclass(frozen=True)
class Document:
    """One document of the dossier.

    `kind` is the document kind code (forms/documents/<kind>.toml), `name` the file stem
    (ASCII-safe, e.g. "01_to_trinh"), `dossier_id` printed on every page. `package_digest`
    and `qr_payload` are filled once the package exists (issue 6): the first page keeps room
    for them either way, so adding them never reflows the document.
    """

    kind: str
    name: str
    title: str                      # human title, for lists and print dialogs
    dossier_id: str
    blocks: tuple[Block, ...] = ()
    fixed_pages: tuple[FixedPage, ...] = ()
    orientation: Orientation = Orientation.PORTRAIT
    reserve_package_box: bool = False   # the tờ trình: room for digest + QR on page 1
    package_digest: str = ""
    qr_payload: str = ""
    offset_mm: tuple[float, float] = (0.0, 0.0)   # printer calibration for fixed pages
    metadata: dict[str, str] = field(default_factory=dict)
