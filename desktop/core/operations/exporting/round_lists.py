"""A round's lists to Excel: its nominations (verdict, council result, status, decision),
the public posting list, and the dashboard's tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.model.rounds import CouncilMeeting, CouncilVote, NominationStatus, Round
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.exporting.registry_lists import (
    _kind_label,
    _unit_name,
    subject_columns,
)
from desktop.core.operations.exporting.workbook import (
    Column,
    ExportResult,
    Sheet,
    write_workbook,
)
from desktop.core.store import Store
from desktop.core.text import format_date

VERDICT_TEXT = {"eligible": N_("Đủ điều kiện"), "ineligible": N_("Chưa đủ điều kiện"),
                "hold": N_("Tạm hoãn xét")}


def _round(store: Store, round_id: int) -> Round:
    rnd = rounds_ops.get_round(store, round_id)
    if rnd is None:
        raise UserError(_("Không có đợt xét số {id}.").format(id=round_id),
                        code="export.round_missing")
    return rnd


def _round_note(rnd: Round) -> str:
    return _("{name} – hạn nộp {d}").format(name=rnd.name, d=format_date(rnd.deadline))


def _council(votes: list[CouncilVote], meetings: dict[int, CouncilMeeting]
             ) -> tuple[str, int | None, int | None, date | None]:
    """(result, votes for, council members, meeting date) of the latest vote."""
    if not votes:
        return _("Chưa biểu quyết"), None, None, None
    vote = votes[-1]
    meeting = meetings.get(vote.meeting_id)
    return (_("Đạt") if vote.passed else _("Không đạt"), vote.votes_for,
            meeting.members_total if meeting else None, meeting.held_on if meeting else None)


def export_nominations(store: Store, catalog: Catalog, dest: Path, *, round_id: int,
                       today: date) -> ExportResult:
    """Every nomination of the round, as the round's table shows it and more: verdict,
    registration, council result with its votes, status, decision, the province's notes."""
    rnd = _round(store, round_id)
    meetings = {m.id: m for m in rounds_ops.meetings(store, round_id) if m.id is not None}
    rows: list[list[Any]] = []
    for nom in rounds_ops.nominations(store, round_id):
        result, votes_for, members, held_on = _council(rounds_ops.votes(store, nom.id or 0),
                                                       meetings)
        registered = (_("Đã đăng ký") if nom.registered else _("Chưa đăng ký")
                      if nom.registered is False else _("Không cần"))
        verdict = nom.eligibility.verdict.value
        rows.append([nom.subject_name, _kind_label(nom.subject.kind), catalog.name_of(nom.target),
                     _(VERDICT_TEXT.get(verdict, verdict)), registered, result, votes_for,
                     members, held_on, nom.status.label, nom.decision_no, nom.decision_date,
                     nom.province_notes])
    sheet = Sheet(_("Đề nghị"), _("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"),
                  [*subject_columns(),
                   Column(_("Danh hiệu, hình thức đề nghị")),
                   Column(_("Điều kiện")), Column(_("Đăng ký thi đua"), width=13),
                   Column(_("Kết quả Hội đồng"), width=14),
                   Column(_("Số phiếu đồng ý"), "int", 10),
                   Column(_("Tổng số thành viên Hội đồng"), "int", 12),
                   Column(_("Ngày họp Hội đồng"), "date", 12),
                   Column(_("Trạng thái")), Column(_("Số quyết định")),
                   Column(_("Ngày quyết định"), "date", 12),
                   Column(_("Ý kiến cơ quan tiếp nhận"), width=30)],
                  rows, _round_note(rnd), total=len(rows))
    return write_workbook(dest, [sheet], unit_name=_unit_name(store), today=today)


def export_posting_list(store: Store, catalog: Catalog, dest: Path, *, round_id: int,
                        today: date) -> ExportResult:
    """The public list: name, unit and title only (LAW §9), as printed for posting."""
    rnd = _round(store, round_id)
    rows = [[r.name, r.unit, r.title] for r in rounds_ops.posting_list(store, catalog, round_id)]
    sheet = Sheet(_("Công khai"), _("DANH SÁCH CÔNG KHAI CÁ NHÂN, TẬP THỂ ĐƯỢC ĐỀ NGHỊ "
                                    "KHEN THƯỞNG"),
                  [Column(_("Họ và tên (tên tập thể)")),
                   Column(_("Đơn vị")), Column(_("Danh hiệu, hình thức đề nghị"))],
                  rows, _round_note(rnd), total=len(rows))
    return write_workbook(dest, [sheet], unit_name=_unit_name(store), today=today)


def export_dashboard(store: Store, catalog: Catalog, dest: Path, *, round_id: int,
                     today: date) -> ExportResult:
    """The dashboard's two tables: nominations by title and status (with totals), and the
    shares of individual nominees who are workers and farmers, women, ethnic minorities."""
    rnd = _round(store, round_id)
    data = rounds_ops.dashboard(store, catalog, round_id, today)
    used = [s for s in NominationStatus if any(s.value in per for per in data.counts.values())]
    titles = sorted(data.counts, key=lambda code: (
        catalog.titles[code].rank if code in catalog.titles else 0, code))
    rows = [[catalog.name_of(code), *(data.counts[code].get(s.value, 0) for s in used),
             sum(data.counts[code].values())] for code in titles]
    totals = [_("Cộng"), *(sum(per.get(s.value, 0) for per in data.counts.values())
                           for s in used),
              sum(sum(per.values()) for per in data.counts.values())]
    by_title = Sheet(_("Theo danh hiệu"), _("TỔNG HỢP ĐỀ NGHỊ THEO DANH HIỆU VÀ TRẠNG THÁI"),
                     [Column(_("Danh hiệu / hình thức")),
                      *(Column(s.label, "int", 12) for s in used), Column(_("Cộng"), "int", 8)],
                     rows, _round_note(rnd), total=len(rows), footer=[totals])
    n = data.individuals
    shares = [[label, count, n, count / n if n else 0.0] for label, count in (
        (_("Công nhân, nông dân, người lao động trực tiếp"), data.workers_farmers),
        (_("Nữ"), data.women), (_("Người dân tộc thiểu số"), data.ethnic_minorities))]
    days = data.days_left
    deadline = (_("còn {n} ngày đến hạn nộp").format(n=days) if days > 0 else
                _("hôm nay hết hạn nộp") if days == 0 else
                _("quá hạn nộp {n} ngày").format(n=-days))
    share_sheet = Sheet(_("Tỷ lệ"), _("TỶ LỆ TRONG SỐ CÁ NHÂN ĐƯỢC ĐỀ NGHỊ"),
                        [Column(_("Nhóm")), Column(_("Số người"), "int", 10),
                         Column(_("Trên tổng số cá nhân"), "int", 12),
                         Column(_("Tỷ lệ"), "percent", 9)],
                        shares, _("{note}; {i} cá nhân, {c} tập thể được đề nghị; {d}").format(
                            note=_round_note(rnd), i=n, c=data.collectives, d=deadline),
                        total=len(shares))
    return write_workbook(dest, [by_title, share_sheet], unit_name=_unit_name(store),
                          today=today)
