"""Danh sách đề nghị khen thưởng (LAW.md §6.6): grouped by title, totals equal to the tờ trình
it is attached to (the same nominees: the tờ trình kind's scope picks them)."""

from __future__ import annotations

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import (
    Align,
    Block,
    Cell,
    Column,
    Document,
    Orientation,
    SignatureBlock,
    Table,
    Title,
)
from desktop.core.documents.builders.common import (
    bold,
    by_title,
    counts,
    document_number,
    kind_header,
    roman,
    signer_for,
    two,
    who,
)
from desktop.core.documents.builders.to_trinh import issuer_of, proposed_by, subject_line
from desktop.core.model.dossier import (
    GROUND_INITIATIVE,
    GROUND_RESEARCH,
    GROUND_RUN,
    DossierData,
    Ground,
    NominationData,
)
from desktop.core.model.rounds import Verdict
from desktop.core.text import format_date


def ground_text(g: Ground, kind: DocumentKind) -> str:
    """One ground, worded by the kind: a run of titles with its years, a sáng kiến with the
    decision recognising it and who issued it, a đề tài with its acceptance, a confirmed fact."""
    t = kind.text
    scope = t("ground_scope").format(scope=t(f"scope_{g.scope}")) if g.scope else ""
    if g.kind == GROUND_RUN:
        return t("ground_run").format(name=g.name, n=two(len(g.years)),
                                      years=", ".join(str(y) for y in g.years))
    if g.kind == GROUND_INITIATIVE:
        recognition = ""
        if g.decision_no:
            dated = t("ground_dated").format(date=format_date(g.decision_date)) \
                if g.decision_date else ""
            by = t("ground_by").format(issuer=g.issuer) if g.issuer else ""
            recognition = t("ground_recognition").format(number=g.decision_no, dated=dated,
                                                         by=by)
        return t("ground_initiative").format(name=g.name, recognition=recognition, scope=scope)
    if g.kind == GROUND_RESEARCH:
        accepted = (t("ground_accepted").format(date=format_date(g.decision_date))
                    if g.decision_date else "")
        return t("ground_research").format(name=g.name, accepted=accepted, scope=scope)
    note = t("ground_note").format(note=g.note) if g.note else ""
    return t("ground_claim").format(name=g.name, note=note)


def basis_text(n: NominationData, kind: DocumentKind, year: int) -> str:
    """"Tóm tắt thành tích, căn cứ": the officer's own wording when written; else what the
    nomination says is rewarded, the year's rating in words, every ground the registry shows
    met, the year's sáng kiến and đề tài, the higher titles of the last years. Where the
    province asks no report ([reports] = "none") this line is the nominee's record."""
    if n.list_summary:
        return n.list_summary
    parts = []
    if n.achievement:
        parts.append(n.achievement.rstrip(" .;"))
    if n.rating is not None:
        parts.append(kind.text("basis_rating").format(
            rating=kind.text(f"rating_{n.rating.value}", n.rating.short), year=year))
    elif n.qualities:   # no rating (workers, farmers: Law Art 24.3): the confirmed qualities
        parts.append(kind.text("basis_qualities").format(year=year, qualities=", ".join(
            kind.text(f"quality_{q}", q) for q in n.qualities)))
    parts += [ground_text(g, kind) for g in n.grounds]
    named = {(g.kind, g.name) for g in n.grounds}
    parts += [ground_text(g, kind) for g in n.year_works if (g.kind, g.name) not in named]
    runs = {g.name for g in n.grounds if g.kind == GROUND_RUN}
    years_of: dict[str, list[int]] = {}
    for a in n.recent_awards:
        if a.name not in runs:
            years_of.setdefault(a.name, []).append(a.year)
    parts += [kind.text("basis_award").format(name=name, years=", ".join(
        str(y) for y in sorted(set(years)))) for name, years in years_of.items()]
    return "; ".join(parts)


def note_text(n: NominationData, kind: DocumentKind) -> str:
    notes = []
    if n.ineligible:
        key = "note_hold" if n.eligibility.verdict is Verdict.HOLD else "note_ineligible"
        unmet = kind.text("note_unmet").format(unmet="; ".join(n.unmet)) if n.unmet else ""
        notes.append(kind.text(key).format(unmet=unmet,
                                           justification=(n.justification or "—").rstrip(".")))
    if n.simplified:
        notes.append(kind.text("note_simplified"))
    if not n.subject.is_individual and n.subject.members:
        notes.append(kind.text("note_collective").format(members=n.subject.members))
    return "; ".join(notes)


def _what(data: DossierData, to_trinh: DocumentKind) -> str:
    """The tờ trình's subject without "Về việc": "đề nghị tặng danh hiệu … năm 2026"."""
    line = subject_line(data, to_trinh)
    prefix = "Về việc "
    return line[len(prefix)].lower() + line[len(prefix) + 1:] if line.startswith(prefix) \
        else line


def columns(kind: DocumentKind) -> tuple[Column, ...]:
    # Landscape A4: 297 − 30 − 15 = 252 mm of text width.
    # The grounds are the longest text: their column is the widest. "Chức vụ, đơn vị công
    # tác" ("Giáo viên, Trường Tiểu học Thanh Sơn") needs two lines, not three, and "Lao động
    # tiên tiến" one; "Ghi chú" is empty for most rows (walk of the year: 70 people took
    # 8 pages at 5 rows a page).
    return (Column(kind.text("col_no"), 10, Align.CENTER),
            Column(kind.text("col_name"), 38),
            Column(kind.text("col_birth"), 12, Align.CENTER),
            Column(kind.text("col_gender"), 11, Align.CENTER),
            Column(kind.text("col_where"), 54),
            Column(kind.text("col_title"), 35),
            Column(kind.text("col_basis"), 70),
            Column(kind.text("col_note"), 22))


def build_danh_sach(data: DossierData, kind: DocumentKind, to_trinh: DocumentKind) -> Document:
    rnd = data.round
    ttr = document_number(data, to_trinh)
    cols = columns(kind)
    rows: list[tuple[Cell | str, ...]] = []
    proposed = proposed_by(data, to_trinh)
    for i, (first, group) in enumerate(by_title(proposed), start=1):
        key = "group_title" if first.category == "danh_hieu" else "group_form"
        label = kind.text(key).format(roman=roman(i), title=first.title_name.upper(),
                                      counts=counts(kind, group))
        rows.append((Cell((bold(label),), Align.LEFT, colspan=len(cols)),))
        for no, n in enumerate(group, start=1):
            s = n.subject
            gender = ""
            if s.gender is not None:
                gender = kind.text("gender_nu" if s.gender.value == "nu" else "gender_nam")
            rows.append((str(no), s.name, str(s.birth_date.year) if s.birth_date else "",
                         gender, s.where, n.title_name, basis_text(n, kind, rnd.year),
                         note_text(n, kind)))
    total = kind.text("total").format(counts=counts(kind, proposed))
    subjects = {n.subject.ref or f"nomination:{n.id}" for n in proposed}
    if len(subjects) != len(proposed):
        total += kind.text("total_turns").format(n=f"{len(proposed):02d}")
    blocks: list[Block] = [
        kind_header(data, kind, when=data.date_of(to_trinh.code)),
        Title(kind.text("title"), kind.text("subject").format(
            who=who(kind, proposed, capital=True), what=_what(data, to_trinh)),
              kind.text("attached").format(number=ttr,
                                           date=format_date(data.date_of(to_trinh.code)),
                                           issuer=issuer_of(data, to_trinh))),
        Table(cols, tuple(rows), footer=(Cell((bold(total),), Align.LEFT, colspan=len(cols)),)),
        SignatureBlock((signer_for(data, kind),)),
    ]
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=data.dossier_id, blocks=tuple(blocks),
                    orientation=Orientation.LANDSCAPE, metadata={"total": total,
                              "dated": data.date_of(to_trinh.code).isoformat()})
