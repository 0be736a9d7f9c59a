"""Tờ trình đề nghị khen thưởng (Mẫu 01; LAW.md §6.2).

One builder, two kinds (LAW §5.2): `to_trinh` — the Ủy ban nhân dân (or agency) to the
province, for the titles decided above the unit: addressed to the Chủ tịch Ủy ban nhân dân
tỉnh who decides (LAW §4.6a) and to the Sở Nội vụ that appraises and submits, both naming the
province; `to_trinh_noi_bo` — the unit's Hội đồng Thi đua - Khen thưởng to the unit head, for
the titles he decides himself. The kind's scope picks the nominees, its texts every word.

What it certifies follows what it proposes: the wording names individuals, collectives or
both; a nominee the review found not eligible but proposed with a written justification is
named with the criteria not met and left out of the closing certification.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import (
    Addressee,
    Block,
    Document,
    SignatureBlock,
    Title,
)
from desktop.core.documents.builders.common import (
    award_verb,
    bases,
    by_title,
    council_of,
    counts,
    decider_title,
    document_number,
    honorific,
    kind_header,
    nominees,
    para,
    signer_for,
    two,
    who,
)
from desktop.core.model.dossier import DossierData, NominationData
from desktop.core.model.rounds import RoundKind, Verdict
from desktop.core.text import clean, format_date


def number_of(data: DossierData, kind: DocumentKind) -> str:
    return document_number(data, kind)


def issuer_of(data: DossierData, kind: DocumentKind) -> str:
    """Who proposes, as the text names it: the council, or the unit."""
    return kind.text("issuer_name") or clean(data.unit.name)


def fill(kind: DocumentKind, key: str, data: DossierData, **values: object) -> str:
    """A kind text with the dossier's names filled in ({province}, {receiving_body},
    {head_title}, {unit}) besides `values`."""
    return kind.text(key).format(province=data.province.name,
                                 receiving_body=data.province.receiving_body,
                                 head_title=decider_title(data.unit), unit=clean(data.unit.name),
                                 **values)


def receivers(data: DossierData, kind: DocumentKind) -> tuple[str, ...]:
    """Kính gửi: the decider (and, for the province, the body that appraises)."""
    lines = kind.lines("addressees")
    if lines:
        return tuple(line.format(province=data.province.name,
                                 receiving_body=data.province.receiving_body,
                                 head_title=decider_title(data.unit),
                                 unit=clean(data.unit.name)) for line in lines)
    return (clean(data.round.receiving_body),)


def decider_of(data: DossierData, kind: DocumentKind) -> str:
    """Whom the tờ trình asks to decide: the first addressee."""
    return receivers(data, kind)[0]


def authority_name(data: DossierData, kind: DocumentKind, authority: str) -> str:
    """The deciding authority of a title, as running text names it (kind table `deciders`:
    "Chủ tịch UBND tỉnh" → "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ")."""
    table = kind.texts.get("deciders") or {}
    template = str(table.get(authority, authority)) if isinstance(table, dict) else authority
    return template.format(province=data.province.name)


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
    if len(groups) == 1 and kind.text("subject_one_title"):
        first = groups[0][0]
        key = "subject_one_title" if first.category == "danh_hieu" else "subject_one_form"
        return kind.text(key).format(verb=first.award_verb, title=first.title_name,
                                     year=rnd.year)
    verb = award_verb([first for first, _g in groups if first.category == "danh_hieu"])
    if categories == {"danh_hieu"}:
        return kind.text("subject_titles").format(verb=verb, year=rnd.year)
    if categories == {"hinh_thuc"}:
        return kind.text("subject_forms").format(
            forms=", ".join(first.title_name for first, _g in groups))
    return kind.text("subject_both").format(verb=verb, year=rnd.year)


def _period(data: DossierData) -> str:
    rnd = data.round
    if rnd.movement_from and rnd.movement_to:
        return f" ({format_date(rnd.movement_from)} – {format_date(rnd.movement_to)})"
    return ""


def _sentence(text: str) -> str:
    """The officer's text as the end of a sentence: no trailing stop of its own."""
    return clean(text).rstrip(" .;")


def justified(noms: Sequence[NominationData]) -> list[NominationData]:
    """Nominees proposed although the review found them not eligible (or on hold)."""
    return [n for n in noms if n.ineligible and n.justification]


def ineligible_lines(data: DossierData, kind: DocumentKind, issuer: str,
                     noms: Sequence[NominationData]) -> list[Block]:
    """Each nominee proposed against the review, named with what is not met and why the unit
    still proposes them."""
    if not noms:
        return []
    out: list[Block] = [para(kind.text("ineligible_intro").format(n=two(len(noms)),
                                                                  issuer=issuer), keep=True)]
    for n in noms:
        unmet = "; ".join(n.unmet)
        if n.eligibility.verdict is Verdict.HOLD:
            key = "hold_line"
        else:
            key = "ineligible_line" if unmet else "ineligible_line_plain"
        out.append(para("- " + kind.text(key).format(
            person=honorific(kind, n), where=n.subject.where, title=n.title_name, unmet=unmet,
            justification=_sentence(n.justification))))
    return out


def certification(kind: DocumentKind, proposed: Sequence[NominationData],
                  excluded: Sequence[NominationData]) -> str:
    """The closing certification covers only the nominees the review found eligible."""
    rest = [n for n in proposed if n not in excluded]
    if not rest:
        return ""
    if not excluded:
        return kind.text("certify_all").format(who=who(kind, rest, capital=True))
    return kind.text("certify_rest").format(n=two(len(excluded)), who=who(kind, rest))


def _procedure(data: DossierData, kind: DocumentKind, meeting_cited: bool) -> str:
    """How the nominees were reviewed. The meeting is named here only when the bases above
    do not already cite its minutes."""
    meeting = posting = ""
    if data.meeting is not None and not meeting_cited:
        meeting = kind.text("procedure_meeting").format(date=format_date(data.meeting.held_on))
    if data.posting is not None:
        place = (kind.text("procedure_posting_place").format(place=data.posting.place)
                 if data.posting.place else "")
        posting = kind.text("procedure_posting").format(
            start=format_date(data.posting.posted_from), end=format_date(data.posting.posted_to),
            place=place)
    return kind.text("procedure").format(meeting=meeting, posting=posting)


def _meeting_basis(data: DossierData, kind: DocumentKind) -> str:
    if data.meeting is None:
        return ""
    number = data.number("bien_ban_hop")
    when = format_date(data.meeting.held_on)
    owner = council_of(data.unit)
    if number and kind.text("basis_meeting_numbered"):
        return kind.text("basis_meeting_numbered").format(
            number=kind.text("meeting_number").format(n=two(number)), date=when,
            council_of=owner)
    return kind.text("basis_meeting").format(date=when, council_of=owner)


def build_to_trinh(data: DossierData, kind: DocumentKind) -> Document:
    number = number_of(data, kind)
    rnd = data.round
    issuer = issuer_of(data, kind)
    decider = decider_of(data, kind)
    proposed = proposed_by(data, kind)
    blocks: list[Block] = [
        kind_header(data, kind, f"Số: {number}", when=data.date_of(kind.code)),
        Title(kind.text("title"), subject_line(data, kind)),
        Addressee(receivers(data, kind)),
    ]
    lines = bases(data, kind)
    if rnd.kind is RoundKind.PHONG_TRAO and rnd.movement:
        lines.append(kind.text("basis_movement").format(movement=rnd.movement,
                                                        period=_period(data)))
    meeting_basis = _meeting_basis(data, kind)
    if meeting_basis:
        lines.append(meeting_basis)
    blocks += [para(line) for line in lines]
    groups = by_title(proposed)
    one = groups[0][0] if len(groups) == 1 else None
    if one is not None and kind.text("request_one") and not (
            kind.text("per_title_above")
            and authority_name(data, kind, one.authority) != decider):
        # one title: the request names it, no list of one line below
        what = kind.text("one_title" if one.category == "danh_hieu" else "one_form").format(
            verb=one.award_verb, title=one.title_name)
        blocks.append(para(kind.text("request_one").format(
            issuer=issuer, receiver=decider, what=what, counts=counts(kind, proposed))))
        groups = []
    else:
        blocks.append(para(kind.text("request").format(issuer=issuer, receiver=decider,
                                                       counts=counts(kind, proposed)),
                           keep=True))
    for first, group in groups:
        key = "per_title_title" if first.category == "danh_hieu" else "per_title_form"
        line = kind.text(key).format(title=first.title_name, counts=counts(kind, group))
        above = authority_name(data, kind, first.authority)
        if kind.text("per_title_above") and first.authority and above != decider:
            # decided above the province: the province chairman proposes it further
            line = line.rstrip(";") + kind.text("per_title_above").format(decider=above) + ";"
        blocks.append(para("- " + line))
    simplified = [n for n in proposed if n.simplified]
    if simplified:
        blocks.append(para(kind.text("simplified_note").format(n=two(len(simplified)))))
    blocks.append(para(kind.text("achievements").format(who=who(kind, proposed,
                                                                capital=True))))
    excluded = justified(proposed)
    blocks += ineligible_lines(data, kind, issuer, excluded)
    procedure = _procedure(data, kind, bool(meeting_basis))
    certify = certification(kind, proposed, excluded)
    blocks.append(para(f"{procedure} {certify}".strip()))
    blocks.append(para(fill(kind, "closing", data, issuer=issuer, receiver=decider)))
    blocks.append(SignatureBlock((signer_for(data, kind),), recipients=kind.lines("recipients")))
    # Only the tờ trình that travels in the package keeps room for the package digest.
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=data.dossier_id, blocks=tuple(blocks),
                    reserve_package_box=kind.scope != "unit",
                    metadata={"number": number, "subject": subject_line(data, kind),
                              "dated": data.date_of(kind.code).isoformat()})
