"""Empty PAdES signature fields written by the PDF renderer (issue 15).

The officer signs the app's PDFs with the tools the Government Cipher Committee or a CA
gives them (vSignPDF, VGCASignService…): first the person at the signature block, then the
records office with the organisation's signature (the seal) over the left third of the
person's image; an attachment filed separately gets the organisation's signature at the top
right of its first page (INTEROP §1). This module writes those fields, empty, into the PDF
reportlab is drawing, at positions recorded while the signature block is drawn — so a field
always lands where the block landed, whatever page it falls on.

Each field's lock (/Lock, a SigFieldLock) locks every form field except the other signature
fields, with /P 2 (PDF 2.0): signing one field never locks the document against the next
signature. No seed value (/SV) is written: signing tools treat an /SV /MDP entry as binding
(pyHanko refuses an approval signature in a field whose seed asks for certification), and
the app must not dictate to the officer's tool whether the first signature certifies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.core.documents.format import SignatureFields

PERSON, ORGANISATION, ATTACHMENT = "person", "organisation", "attachment"
SIGNING_SIGNERS = "signers"          # Document.metadata["signing"]: fields at every signer
SIGNING_ATTACHMENT = "attachment"    # the organisation's field on page 1, top right
PRINT_FLAG = 4                       # annotation flag: printed (an empty field prints nothing)
FILL_FORMS = 2                       # DocMDP P: form filling and signing still allowed


@dataclass(frozen=True)
class PlacedField:
    """A field as written: its name, role, page (1-based) and rectangle in points."""

    name: str
    role: str
    page: int
    rect: tuple[float, float, float, float]     # x0, y0, x1, y1 from the bottom-left


@dataclass
class FieldPlan:
    """The fields of one PDF, filled in while it is drawn."""

    fmt: SignatureFields
    placed: list[PlacedField] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)

    def next_name(self, role: str, suffix: str = "") -> str:
        base = {PERSON: self.fmt.person_name, ORGANISATION: self.fmt.organisation_name,
                ATTACHMENT: self.fmt.attachment_name}[role]
        n = self._counts.get(role + suffix, 0) + 1
        self._counts[role + suffix] = n
        return base + suffix + (f"_{n}" if n > 1 else "")

    def names(self) -> list[str]:
        return [f.name for f in self.placed]

    def add(self, canvas: Canvas, role: str, rect: tuple[float, float, float, float],
            suffix: str = "") -> PlacedField:
        placed = PlacedField(self.next_name(role, suffix), role, canvas.getPageNumber(),
                             _clamp(rect, canvas))
        self.placed.append(placed)
        _write_field(canvas, placed, self)
        return placed


def _clamp(rect: tuple[float, float, float, float], canvas: Canvas
           ) -> tuple[float, float, float, float]:
    """Keep a field on the paper (a seal left of a narrow column may reach past the edge)."""
    width, height = canvas._pagesize
    x0, y0, x1, y1 = rect
    return (round(max(0.0, x0), 2), round(max(0.0, y0), 2), round(min(width, x1), 2),
            round(min(height, y1), 2))


class _OtherFields(PDFObject):
    """/Fields of a lock: every other signature field of the document, known only once the
    whole document is drawn (reportlab formats objects when it saves)."""

    def __init__(self, plan: FieldPlan, own: str) -> None:
        self.plan = plan
        self.own = own

    def format(self, document: Any) -> bytes:
        others = [PDFString(n) for n in self.plan.names() if n != self.own]
        return bytes(PDFArray(others).format(document))


def _tooltip(role: str) -> str:
    return {PERSON: "Chữ ký số của người ký",
            ORGANISATION: "Chữ ký số của cơ quan, tổ chức (con dấu)",
            ATTACHMENT: "Chữ ký số của cơ quan, tổ chức trên văn bản kèm theo"}[role]


def _write_field(canvas: Canvas, placed: PlacedField, plan: FieldPlan) -> None:
    x0, y0, x1, y1 = placed.rect
    appearance = PDFStream(PDFDictionary({
        "Type": PDFName("XObject"), "Subtype": PDFName("Form"),
        "BBox": PDFArray([0, 0, round(x1 - x0, 2), round(y1 - y0, 2)]),
        "Resources": PDFDictionary({})}), content=b"")
    lock = PDFDictionary({"Type": PDFName("SigFieldLock"), "Action": PDFName("Exclude"),
                          "Fields": _OtherFields(plan, placed.name), "P": FILL_FORMS})
    entries: dict[str, Any] = {
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Sig"),
        "T": PDFString(placed.name), "TU": PDFString(_tooltip(placed.role)),
        "F": PRINT_FLAG, "Rect": PDFArray([x0, y0, x1, y1]),
        "P": canvas._doc.thisPageRef(), "AP": PDFDictionary({"N": appearance}),
        "Lock": lock,
    }
    widget = PDFDictionary(entries)
    canvas._addAnnotation(widget)
    form = canvas.acroForm
    form.fields.append(form.getRef(widget))


class SigningSpace(Flowable):
    """The room left for signing in a signer's column: draws nothing, but where it lands it
    writes the person's field (centred) and, for a signer who seals, the organisation's
    field over the left third of the person's image."""

    def __init__(self, height: float, plan: FieldPlan | None, seal: bool) -> None:
        super().__init__()
        self.space = height
        self.plan = plan
        self.seal = seal
        self.avail = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.avail = availWidth
        return availWidth, self.space

    def draw(self) -> None:
        if self.plan is None:
            return
        fmt = self.plan.fmt
        canvas = self.canv
        left, bottom = canvas.absolutePosition(0, 0)
        width = min(fmt.person_width_mm * mm, self.avail)
        height = min(fmt.person_height_mm * mm, self.space)
        x0 = left + (self.avail - width) / 2
        y0 = bottom + (self.space - height) / 2
        self.plan.add(canvas, PERSON, (x0, y0, x0 + width, y0 + height))
        if self.seal:
            self.plan.add(canvas, ORGANISATION, seal_rect(fmt, (x0, y0, x0 + width,
                                                                y0 + height)))


def seal_rect(fmt: SignatureFields, person: tuple[float, float, float, float]
              ) -> tuple[float, float, float, float]:
    """The seal, real size, its right edge at `seal_covers_fraction` of the person's image,
    centred on it vertically (INTEROP §1: over about the left third)."""
    x0, y0, x1, y1 = person
    right = x0 + (x1 - x0) * fmt.seal_covers_fraction
    middle = (y0 + y1) / 2
    w, h = fmt.seal_width_mm * mm, fmt.seal_height_mm * mm
    return (right - w, middle - h / 2, right, middle + h / 2)


def attachment_rect(fmt: SignatureFields, page_w: float, page_h: float, margin_right: float
                    ) -> tuple[float, float, float, float]:
    """Top right of the first page, inside the top margin, flush with the right margin."""
    x1 = page_w - margin_right
    y1 = page_h - fmt.attachment_top_mm * mm
    return (x1 - fmt.attachment_width_mm * mm, y1 - fmt.attachment_height_mm * mm, x1, y1)
