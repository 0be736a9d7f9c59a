"""Checks on each nominee: the verdict and what the tờ trình certifies, the report and its
certifier, the lý lịch, the names as printed, the parts of the dossier (issue 11).

Each check yields a Hit per nominee it finds wrong; base.check registers it with its code.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop.core.i18n import N_, _
from desktop.core.model.dossier import NominationData
from desktop.core.rules.appraisal.base import (
    AppraisalInput,
    Hit,
    Severity,
    Target,
    check,
)

UPWARD, INTERNAL = "to_trinh", "to_trinh_noi_bo"
DOSSIER = "ho_so"       # the nominee's dossier as a whole (parts attached)



def proposal_of(n: NominationData) -> str:
    """The tờ trình that proposes `n`: the council's to the head, or the unit's upward."""
    return INTERNAL if n.decided_by_unit else UPWARD


def _decider_of(source: AppraisalInput, n: NominationData) -> str:
    """Who decides `n`: the unit's head for its own titles, else the higher level."""
    if n.decided_by_unit and source.unit_decider:
        return source.unit_decider
    return _("Cấp trên")


def _unmet(n: NominationData) -> str:
    """The criteria not met, as cited ("Điều 22 Luật Thi đua, khen thưởng")."""
    return "; ".join(n.unmet) or _("tiêu chuẩn của danh hiệu")


def _proposed(source: AppraisalInput) -> Iterator[NominationData]:
    return iter(source.data.proposed)


@check("appraisal.ineligible_unjustified", Severity.RETURNED)
def ineligible_unjustified(source: AppraisalInput) -> Iterator[Hit]:
    """Proposed although the rules find it not eligible, with no reason given: the tờ trình
    would propose someone it cannot certify."""
    for n in _proposed(source):
        if n.ineligible and not n.justification:
            yield Hit(proposal_of(n), _(
                "{name} được đề nghị “{title}” nhưng chưa đủ điều kiện ({unmet}) và không có lý "
                "do đề nghị ngoại lệ: tờ trình không thể xác nhận đủ tiêu chuẩn.").format(
                    name=n.subject.name, title=n.title_name,
                    unmet=_unmet(n)),
                _("Ghi lý do đề nghị ngoại lệ trong đề nghị, hoặc rút đề nghị này khỏi đợt."),
                n.subject.name, n.id)


@check("appraisal.ineligible_justified", Severity.FIX)
def ineligible_justified(source: AppraisalInput) -> Iterator[Hit]:
    """Proposed as an exception with a reason: the tờ trình names it outside the blanket
    certification; the receiving body may still refuse it."""
    for n in _proposed(source):
        if n.ineligible and n.justification:
            yield Hit(proposal_of(n), _(
                "{name} được đề nghị “{title}” theo ngoại lệ (chưa đủ: {unmet}); tờ trình nêu "
                "riêng trường hợp này với lý do: “{why}”. {who} có thể không chấp nhận.")
                .format(name=n.subject.name, title=n.title_name,
                        unmet=_unmet(n),
                        why=n.justification.rstrip(". "),
                        who=_decider_of(source, n)),
                _("Kèm văn bản chứng minh lý do ngoại lệ, hoặc đề nghị hình thức khen thấp hơn "
                  "mà người này đủ điều kiện."), n.subject.name, n.id)


@check("appraisal.report_missing", Severity.RETURNED)
def report_missing(source: AppraisalInput) -> Iterator[Hit]:
    """Sections of an achievement report are not written: one finding per report."""
    by_id = {n.id: n for n in source.data.nominations}
    missing: dict[int, list[str]] = {}
    for p in source.report_gaps:
        parts = p.field.split(":")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) in by_id:
            missing.setdefault(int(parts[1]), []).append(parts[2])
    for nid, codes in missing.items():
        n = by_id[nid]
        kind = source.catalog.documents.get(n.report_kind)
        headings = {s.code: s.heading for s in kind.sections} if kind else {}
        yield Hit(n.report_kind, _("Báo cáo thành tích của {name} ({title}) chưa viết: "
                                   "{sections}.").format(
                      name=n.subject.name, title=n.title_name,
                      sections="; ".join(f"“{headings.get(c, c)}”" for c in codes)),
                  _("Mở báo cáo thành tích và viết phần còn thiếu."),
                  n.subject.name, nid, Target.REPORT)


@check("appraisal.reports_copied", Severity.RETURNED)
def reports_copied(source: AppraisalInput) -> Iterator[Hit]:
    """Two reports share a long identical passage (LAW §6.4: each writes its own)."""
    kinds = {n.id: n.report_kind for n in source.data.nominations}
    for c in source.copies:
        yield Hit(kinds.get(c.nomination_a, "bao_cao"), _(
            "Báo cáo của {a} và của {b} có đoạn giống hệt nhau ({n} từ), bắt đầu “{e}”.")
            .format(a=c.name_a, b=c.name_b, n=c.words, e=c.excerpt),
            _("Viết lại đoạn này theo công việc và thành tích riêng của từng người."),
            c.name_a, c.nomination_a, Target.REPORT)


@check("appraisal.part_missing", Severity.RETURNED)
def part_missing(source: AppraisalInput) -> Iterator[Hit]:
    """A part the title's dossier needs (a confirmation, a recognition decision) is neither
    attached nor ticked as present on paper. The proof of a criterion a justified exception
    is proposed without is that exception's finding (ineligible_justified), not this one."""
    for n in _proposed(source):
        for part in source.missing_parts.get(n.id, ()):
            if part.proves_grounds and n.ineligible and n.justification:
                continue
            yield Hit(DOSSIER, _("Hồ sơ của {name} ({title}) còn thiếu: {part}.").format(
                name=n.subject.name, title=n.title_name, part=part.name),
                _("Đính kèm bản chụp, hoặc đánh dấu “đã có” nếu bản giấy đã có trong hồ sơ."),
                n.subject.name, n.id)


@check("appraisal.wrong_certifier", Severity.RETURNED)
def wrong_certifier(source: AppraisalInput) -> Iterator[Hit]:
    """The nominee belongs to a work unit whose head is not recorded, so the report would be
    certified by the unit head instead of the nominee's own head (LAW §6.3). A report the
    unit writes and signs itself (the báo cáo tóm tắt: `written_by = "unit"`) has no such
    certification."""
    for n in _proposed(source):
        s = n.subject
        kind = source.catalog.documents.get(n.report_kind)
        if kind is not None and kind.text("written_by") == "unit":
            continue
        if n.report_kind and s.is_individual and s.department and s.head is None:
            yield Hit(n.report_kind, _(
                "Báo cáo của {name} sẽ do {head} xác nhận, không phải thủ trưởng {where}: "
                "{where} chưa có người đứng đầu trong danh mục đơn vị trực thuộc.").format(
                    name=s.name, head=source.data.unit.head_title or _("người đứng đầu"),
                    where=s.department),
                _("Ghi đơn vị trực thuộc của người này (tên đầy đủ, họ tên và chức vụ người "
                  "đứng đầu) trong Đơn vị → Đơn vị trực thuộc."), s.name, n.id)


_CV_FIELDS = (("birth_date", N_("ngày sinh")), ("gender", N_("giới tính")),
              ("ethnicity", N_("dân tộc")), ("position", N_("chức vụ")),
              ("hometown", N_("quê quán")), ("residence", N_("trú quán")),
              ("qualification", N_("trình độ chuyên môn")))


@check("appraisal.cv_incomplete", Severity.FIX)
def cv_incomplete(source: AppraisalInput) -> Iterator[Hit]:
    """A personal report sent up lacks lý lịch fields of Mẫu 05."""
    for n in _proposed(source):
        s = n.subject
        if not (n.report_kind and s.is_individual and not n.decided_by_unit):
            continue
        missing = [_(label) for name, label in _CV_FIELDS if not getattr(s, name)]
        if missing:
            yield Hit(n.report_kind, _("Lý lịch của {name} còn thiếu: {fields}.").format(
                name=s.name, fields=", ".join(missing)),
                _("Bổ sung trong hồ sơ cá nhân (Danh sách → sửa)."), s.name, n.id)


@check("appraisal.abbreviated_name", Severity.FIX)
def abbreviated_name(source: AppraisalInput) -> Iterator[Hit]:
    """A name printed on the lists or the certificates is abbreviated ("UBND", "THCS")."""
    for n in _proposed(source):
        s = n.subject
        printed = s.name if not s.is_individual else s.where
        # which abbreviations a clerk returns is data (forms/abbreviations.toml)
        found = source.catalog.abbreviations.found_in(printed)
        if found:
            yield Hit(proposal_of(n), _("“{text}” viết tắt ({short}); tên cơ quan, đơn vị "
                                        "phải ghi đầy đủ.").format(text=printed,
                                                                   short=", ".join(found)),
                      _("Ghi tên đầy đủ (ví dụ “Ủy ban nhân dân”, “Trung học cơ sở”) trong "
                        "hồ sơ của người hoặc tập thể, hoặc tên đầy đủ của đơn vị trực thuộc; "
                        "chức vụ của nhiều người: nút “Viết đầy đủ … chỗ viết tắt” trên bảng."),
                      s.name, n.id)
