"""Tờ trình đề nghị khen thưởng (Mẫu 01; LAW.md §6.2).

One builder, two kinds (LAW §5.2): `to_trinh` — the Ủy ban nhân dân (or agency) to the round's
receiving body, for the titles decided above the unit; `to_trinh_noi_bo` — the unit's Hội đồng
Thi đua - Khen thưởng to the unit head, for the titles he decides himself. The kind's scope
picks the nominees, its texts the issuer, addressee and signer."""

from __future__ import annotations

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import (
    Addressee,
    Block,
    Document,
    SignatureBlock,
    Title,
)
from desktop.core.documents.builders.common import (
    by_title,
    counts,
    decider_title,
    document_number,
    kind_header,
    nominees,
    para,
    signer_for,
)
from desktop.core.model.dossier import DossierData, NominationData
from desktop.core.model.rounds import RoundKind
from desktop.core.text import clean, format_date


def number_of(data: DossierData, kind: DocumentKind) -> str:
    return document_number(data, kind)


def issuer_of(data: DossierData, kind: DocumentKind) -> str:
    """Who proposes, as the text names it: the council, or the unit."""
    return kind.text("issuer_name") or clean(data.unit.name)


def receiver_of(data: DossierData, kind: DocumentKind) -> str:
    """Kính gửi: the unit head for the internal proposal, else the round's receiving body."""
    template = kind.text("addressee")
    if template:
        return template.format(head_title=decider_title(data.unit), unit=clean(data.unit.name))
    return clean(data.round.receiving_body)


def proposed_by(data: DossierData, kind: DocumentKind) -> tuple[NominationData, ...]:
    found = nominees(data, kind)
    if not found:
        raise ValueError(f"{kind.code}: no nominee in its scope")
    return found


def subject_line(data: DossierData, kind: DocumentKind) -> str:
    rnd = data.round
    if rnd.kind is RoundKind.PHONG_TRAO and rnd.movement:
        return kind.text("subject_movement").format(movement=rnd.movement)
    if rnd.kind is RoundKind.DOT_XUAT:
        return kind.text("subject_sudden")
    groups = by_title(nominees(data, kind) or data.proposed)
    categories = {first.category for first, _g in groups}
    if categories == {"danh_hieu"}:
        return kind.text("subject_titles").format(year=rnd.year)
    if categories == {"hinh_thuc"}:
        return kind.text("subject_forms").format(
            forms=", ".join(first.title_name for first, _g in groups))
    return kind.text("subject_both").format(year=rnd.year)


def _period(data: DossierData) -> str:
    rnd = data.round
    if rnd.movement_from and rnd.movement_to:
        return f" ({format_date(rnd.movement_from)} – {format_date(rnd.movement_to)})"
    return ""


def build_to_trinh(data: DossierData, kind: DocumentKind) -> Document:
    number = number_of(data, kind)
    rnd = data.round
    issuer, receiver = issuer_of(data, kind), receiver_of(data, kind)
    proposed = proposed_by(data, kind)
    blocks: list[Block] = [
        kind_header(data, kind, f"Số: {number}"),
        Title(kind.text("title"), subject_line(data, kind)),
        Addressee((receiver,)),
    ]
    bases = list(kind.lines("bases"))
    if rnd.kind is RoundKind.PHONG_TRAO and rnd.movement:
        bases.append(kind.text("basis_movement").format(movement=rnd.movement,
                                                        period=_period(data)))
    if data.meeting is not None:
        bases.append(kind.text("basis_meeting").format(date=format_date(data.meeting.held_on)))
    blocks += [para(b) for b in bases]
    blocks.append(para(kind.text("request").format(issuer=issuer, receiver=receiver,
                                                   counts=counts(kind, proposed))))
    for first, group in by_title(proposed):
        key = "per_title_title" if first.category == "danh_hieu" else "per_title_form"
        blocks.append(para("- " + kind.text(key).format(title=first.title_name,
                                                        counts=counts(kind, group))))
    simplified = [n for n in proposed if n.simplified]
    if simplified:
        blocks.append(para(kind.text("simplified_note").format(n=f"{len(simplified):02d}")))
    blocks.append(para(kind.text("achievements")))
    justified = [n for n in proposed if n.ineligible and n.justification]
    if justified:
        blocks.append(para(kind.text("ineligible_intro"), keep=True))
        blocks += [para("- " + kind.text("ineligible_line").format(
            name=n.subject.name, title=n.title_name, justification=n.justification))
            for n in justified]
    meeting = posting = ""
    if data.meeting is not None:
        meeting = kind.text("procedure_meeting").format(date=format_date(data.meeting.held_on))
    if data.posting is not None:
        place = (kind.text("procedure_posting_place").format(place=data.posting.place)
                 if data.posting.place else "")
        posting = kind.text("procedure_posting").format(
            start=format_date(data.posting.posted_from), end=format_date(data.posting.posted_to),
            place=place)
    blocks.append(para(kind.text("procedure").format(meeting=meeting, posting=posting)))
    blocks.append(para(kind.text("closing").format(issuer=issuer, receiver=receiver)))
    blocks.append(SignatureBlock((signer_for(data, kind),), recipients=kind.lines("recipients")))
    # Only the tờ trình that travels in the package keeps room for the package digest.
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=data.dossier_id, blocks=tuple(blocks),
                    reserve_package_box=kind.scope != "unit",
                    metadata={"number": number, "subject": subject_line(data, kind)})
