"""Báo cáo thành tích (LAW.md §6.3–6.5): individual (Mẫu 05), collective (Mẫu 04), sudden
feat, themed movement, and the summary of the simplified procedure.

The CV part and the tables of awards already received come from the registry; the sections
are the officer's text from the report editor. A section with no text refuses the report,
naming the person and the section, so the dossier never goes out with an empty heading.
"""

from __future__ import annotations

from desktop.core.catalog.documents import DocumentKind, ReportSection
from desktop.core.documents.blocks import (
    Align,
    Block,
    Column,
    Document,
    FieldLine,
    Heading,
    NationalHeader,
    SignatureBlock,
    Signer,
    Table,
    Title,
)
from desktop.core.documents.builders.common import (
    head_signer,
    para,
    place_date,
    upper,
    work_unit_head_signer,
)
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model.dossier import (
    DossierData,
    NominationData,
    ReceivedAward,
    SubjectDetails,
)
from desktop.core.model.rounds import RoundKind
from desktop.core.text import clean, format_date, nfc


def missing_sections(n: NominationData, kind: DocumentKind) -> list[ReportSection]:
    return [s for s in kind.sections if not clean(n.report.get(s.code, ""))]


def missing_message(n: NominationData, kind: DocumentKind, section: ReportSection) -> str:
    return _("Báo cáo thành tích của {name} ({title}) chưa viết phần “{section}”: hãy viết "
             "phần này trong báo cáo thành tích.").format(
                 name=n.subject.name, title=n.title_name, section=section.heading)


def _paragraphs(text: str) -> list[Block]:
    """The officer's text, one paragraph per line; a line starting with "-" or "+" stays a
    list item."""
    lines = [clean(line) for line in nfc(text).splitlines()]
    return [para(line) for line in lines if line]


def _posts(s: SubjectDetails) -> str:
    """"Chức vụ (Đảng, chính quyền, đoàn thể)": every post held, in that order."""
    return "; ".join(p for p in (s.party_post, s.position, s.mass_org_post) if p)


def _cv(n: NominationData, kind: DocumentKind) -> list[Block]:
    """The CV part: Mẫu 05's lý lịch for a person (every field the registry has, none left
    blank), the collective's particulars otherwise."""
    s = n.subject
    t = kind.text
    if s.is_individual:
        gender = ""
        if s.gender is not None:
            gender = t("gender_nu") if s.gender.value == "nu" else t("gender_nam")
        lines = [
            ("label_name", s.name),
            ("label_birth", format_date(s.birth_date) if s.birth_date else ""),
            ("label_gender", gender),
            ("label_ethnicity", s.ethnicity),
            ("label_hometown", s.hometown),
            ("label_residence", s.residence),
            ("label_department", s.department),
            # where the person worked in the units merged into this one (LAW §8.1)
            ("label_former", "; ".join(s.former_postings)),
            ("label_posts", _posts(s)) if t("label_posts") else ("label_position", s.position),
            ("label_qualification", s.qualification),
            ("label_political_theory", s.political_theory),
            ("label_academic_rank", s.academic_rank),
            ("label_phone", s.phone),
        ]
    else:
        lines = [("label_collective_name", s.name),
                 ("label_collective_kind", s.collective_kind),
                 ("label_members", str(s.members) if s.members else "")]
    return [FieldLine(t(label), value) for label, value in lines if value and t(label)]


def _decision(a: ReceivedAward, kind: DocumentKind) -> str:
    parts = []
    if a.decision_no:
        parts.append(f"Quyết định số {a.decision_no}")
    if a.decision_date:
        parts.append(f"ngày {format_date(a.decision_date)}")
    text = " ".join(parts)
    if a.issuer:
        text = f"{text}; {a.issuer}" if text else a.issuer
    return text


def award_table(awards: tuple[ReceivedAward, ...], kind: DocumentKind, what: str) -> Block:
    if not awards:
        return para(kind.text("none_awards"))
    cols = (Column(kind.text("col_year"), 18, Align.CENTER), Column(kind.text(what), 55),
            Column(kind.text("col_decision"), 92))
    rows = tuple((str(a.year), a.name, _decision(a, kind))
                 for a in sorted(awards, key=lambda a: (a.year, a.name)))
    return Table(cols, rows)


def _header(data: DossierData, n: NominationData, kind: DocumentKind) -> NationalHeader:
    """A person's report carries quốc hiệu and tiêu ngữ only (LAW §6.3): it is the person's,
    not the unit's. A collective's carries the unit above the collective's own name."""
    when = place_date(data.unit, data.today)
    if kind.text("written_by") == "unit":      # the proposing unit's summary (Law Art 85)
        return NationalHeader(issuer=upper(data.unit.name), superior=upper(
            data.unit.superior_body), place_date=when)
    if n.subject.is_individual:
        return NationalHeader(issuer="", place_date=when)
    return NationalHeader(issuer=upper(n.subject.name), superior=upper(data.unit.name),
                          place_date=when)


def signatures(data: DossierData, n: NominationData, kind: DocumentKind) -> list[Block]:
    """The person reporting and the head of their own work unit side by side ("THỦ TRƯỞNG
    ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ": the school's principal for a teacher, the unit head for
    someone with no work unit); then, for a title decided above the unit, the level that
    submits certifies in its own block with room to sign (LAW §5.1 "cấp trình")."""
    t = kind.text
    if t("written_by") == "unit":
        return [SignatureBlock((head_signer(data, kind),))]
    head = work_unit_head_signer(data, n, t("signer_head"))
    if n.subject.is_individual and t("signer_reporter"):
        first = SignatureBlock((Signer(t("signer_reporter"), n.subject.name, seal=False,
                                       note=t("signer_reporter_note")), head))
    else:
        first = SignatureBlock((head,))
    out: list[Block] = [first]
    if not n.decided_by_unit and t("signer_superior"):
        submitter = head_signer(data, kind)
        out.append(SignatureBlock((Signer(submitter.title, submitter.name,
                                          authority=submitter.authority,
                                          caption=t("signer_superior")),), centered=True))
    return out


def build_report(data: DossierData, n: NominationData, kind: DocumentKind) -> Document:
    missing = missing_sections(n, kind)
    if missing:
        raise UserError(missing_message(n, kind, missing[0]))
    t = kind.text
    rnd = data.round
    title = f"danh hiệu “{n.title_name}”" if n.category == "danh_hieu" else n.title_name
    # the verb is the title's own (forms/titles `award_verb`): the tờ trình, the danh sách and
    # the decision use the same word for the same title
    subject = t("subject").format(verb=n.award_verb, title=title, movement=rnd.movement)
    blocks: list[Block] = [_header(data, n, kind), Title(t("title"), subject, n.subject.name)]
    if rnd.kind is RoundKind.PHONG_TRAO and rnd.movement_from and rnd.movement_to \
            and kind.texts.get("period"):
        blocks.append(para(t("period").format(
            period=f"{format_date(rnd.movement_from)} – {format_date(rnd.movement_to)}"),
            align=Align.CENTER, indent=False))
    first = "part_cv" if n.subject.is_individual else "part_background"
    blocks.append(Heading(t(first) or t("part_cv") or t("part_background")))
    blocks += _cv(n, kind)
    for section in (s for s in kind.sections if s.part == "background"):
        blocks.append(Heading(section.heading, level=2))
        blocks += _paragraphs(n.report[section.code])
    blocks.append(Heading(t("part_achievements")))
    for section in (s for s in kind.sections if s.part == "achievements"):
        if len(kind.sections) > 1:
            blocks.append(Heading(section.heading, level=2))
        blocks += _paragraphs(n.report[section.code])
    if kind.texts.get("part_awards"):
        blocks.append(Heading(t("part_awards")))
        blocks.append(Heading(t("awards_titles"), level=2))
        blocks.append(award_table(n.titles_received, kind, "col_title"))
        blocks.append(Heading(t("awards_forms"), level=2))
        blocks.append(award_table(n.forms_received, kind, "col_form"))
    blocks += signatures(data, n, kind)
    return Document(kind=kind.code, name=f"{kind.file_stem}_{n.id:03d}",
                    title=f"{kind.name} – {n.subject.name}", dossier_id=data.dossier_id,
                    blocks=tuple(blocks), metadata={"nomination": str(n.id),
                              "dated": data.today.isoformat()})
