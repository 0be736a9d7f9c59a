"""Quyết định khen thưởng of the commune chairman or agency head (LAW.md §6.10), and the
certificates printed from it (Giấy khen, Bằng chứng nhận CSTĐCS; LAW.md §6.9)."""

from __future__ import annotations

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import (
    Align,
    Block,
    Column,
    Document,
    FixedPage,
    PageBreak,
    Paragraph,
    PlacedText,
    SignatureBlock,
    Table,
    Title,
)
from desktop.core.documents.builders.common import (
    bases,
    bold,
    counts,
    document_number,
    head_signer,
    header,
    is_deputy,
    number_text,
    para,
    place_date,
    two,
    upper,
)
from desktop.core.model import Rating
from desktop.core.model.dossier import DossierData, NominationData
from desktop.core.text import clean, format_date


def decision_key(target: str) -> str:
    return f"quyet_dinh/{target}"


def decided_groups(data: DossierData, kind: DocumentKind) -> list[list[NominationData]]:
    """Per title the unit decides itself and this kind covers: the nominations the council
    passed, in list order (their position is the "số sổ vàng" on the certificate)."""
    groups: dict[str, list[NominationData]] = {}
    for n in data.nominations:
        covered = not kind.titles or n.target in kind.titles
        if n.vote is not None and n.vote.passed and n.decided_by_unit and covered:
            groups.setdefault(n.target, []).append(n)
    ordered = sorted(groups.values(), key=lambda g: (g[0].category != "danh_hieu",
                                                      g[0].title_rank))
    return [sorted(g, key=lambda n: not n.subject.is_individual) for g in ordered]


def decider(data: DossierData) -> str:
    """"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP"."""
    return f"{upper(data.unit.head_title)} {upper(data.unit.name)}"


def decision_number(data: DossierData, kind: DocumentKind, target: str) -> str:
    number = data.number(decision_key(target))
    if not number:
        raise ValueError(f"quyet_dinh: no number for {target}")
    return number_text(number, kind.doc_type, data.unit.doc_code)


def build_quyet_dinh(data: DossierData, kind: DocumentKind, group: list[NominationData],
                     to_trinh: DocumentKind) -> Document:
    first = group[0]
    t = kind.text
    year = data.round.year
    number = decision_number(data, kind, first.target)
    dated = data.date_of(decision_key(first.target))
    is_title = first.category == "danh_hieu"
    subject = t("subject_title" if is_title else "subject_form").format(
        verb=first.award_verb, title=first.title_name, year=year)
    ttr = data.number(to_trinh.code)      # the council's internal proposal
    meeting = (t("basis_meeting").format(date=format_date(data.meeting.held_on))
               if data.meeting is not None else "")
    blocks: list[Block] = [
        header(data, f"Số: {number}", when=dated),
        Title(t("title"), subject),
        Paragraph((bold(decider(data)),), align=Align.CENTER, indent_first_line=False),
    ]
    blocks += [para(line) for line in bases(data, kind)]
    if ttr:
        blocks.append(para(t("basis_proposal").format(
            number=document_number(data, to_trinh),
            date=format_date(data.date_of(to_trinh.code)), meeting=meeting)))
    blocks.append(Paragraph((bold(t("decides")),), align=Align.CENTER, indent_first_line=False))
    verb = first.award_verb
    art1 = t("article_1_title" if is_title else "article_1_form").format(
        Verb=verb[:1].upper() + verb[1:], title=first.title_name, year=year,
        counts=counts(kind, group), round=clean(data.round.name))
    blocks.append(para(bold(art1[:7]), art1[7:]) if art1.startswith("Điều 1.") else para(art1))
    for key in ("article_2", "article_3"):
        text = t(key).format(unit=clean(data.unit.name))
        blocks.append(para(bold(text[:7]), text[7:]))
    signer = head_signer(data, kind, on_behalf=False)
    blocks.append(SignatureBlock((signer,), recipients=kind.lines("recipients")))
    # The attached list.
    blocks += [PageBreak(), Title(t("list_title"), subject, t("list_attached").format(
        number=number, date=format_date(dated),
        decider=f"{clean(data.unit.head_title)} {clean(data.unit.name)}"))]
    cols = (Column(t("col_no"), 14, Align.CENTER), Column(t("col_name"), 62),
            Column(t("col_where"), 68), Column(t("col_book"), 21, Align.CENTER))
    rows = tuple((str(i), n.subject.name, n.subject.where, two(i))
                 for i, n in enumerate(group, start=1))
    blocks.append(Table(cols, rows))
    return Document(kind=kind.code, name=f"{kind.file_stem}_{first.target}",
                    title=f"{kind.name} – {first.title_name}", dossier_id=data.dossier_id,
                    blocks=tuple(blocks), metadata={"number": number, "subject": subject,
                              "dated": dated.isoformat()})


def _default_achievement(kind: DocumentKind, rating: Rating | None) -> str:
    """The citation when the nomination records none: never more than the rating says
    ("xuất sắc" only for HTXSNV), and for someone without a rating (a farmer) his work, not
    a task rating he never had."""
    t = kind.text
    if rating is Rating.HTXS and t("achievement_default_htxs"):
        return t("achievement_default_htxs")
    if rating is None and t("achievement_default_unrated"):
        return t("achievement_default_unrated")
    return t("achievement_default")


def build_certificates(data: DossierData, kind: DocumentKind, decision: DocumentKind,
                       offset_mm: tuple[float, float] = (0.0, 0.0)) -> Document | None:
    """One fixed page per recipient, for every title this certificate kind covers."""
    pages: list[FixedPage] = []
    t = kind.text
    unit = data.unit
    for group in decided_groups(data, kind):
        number = decision_number(data, decision, group[0].target)
        dated = data.date_of(decision_key(group[0].target))
        for book, n in enumerate(group, start=1):
            achievement = n.achievement or _default_achievement(kind, n.rating).format(
                year=data.round.year)
            values = {
                "quoc_hieu": t("quoc_hieu"),
                "tieu_ngu": t("tieu_ngu"),
                "officer": t("officer").format(head_title=upper(unit.head_title),
                                               unit=upper(unit.name)),
                "gives": t("gives"),
                "award": t("award") if n.category == "danh_hieu" else upper(n.title_name),
                "name": n.subject.name,
                "where": n.subject.where,
                "achievement": t("achievement").format(achievement=achievement),
                "decision": t("decision").format(number=number, date=format_date(dated)),
                "book": t("book").format(book=two(book)),
                "place_date": place_date(unit, dated),
                "signer_authority": ("KT. " + upper(clean(unit.head_title)[4:])
                                     if is_deputy(unit.head_title) else ""),
                "signer_title": upper(unit.head_title),
                "signer_name": clean(unit.head_name),
            }
            items = []
            for key, text in values.items():
                p = kind.placements.get(key)
                if p is None or not text:
                    continue
                items.append(PlacedText(p.x_mm, p.y_mm, text, size=p.size, bold=p.bold,
                                        italic=p.italic, color=p.color, align=Align(p.align),
                                        max_width_mm=p.max_width_mm, underline=p.underline))
            pages.append(FixedPage(tuple(items)))
    if not pages:
        return None
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=data.dossier_id, fixed_pages=tuple(pages), offset_mm=offset_mm)
