"""The council meeting of a round and its votes (Hội đồng TĐKT; LAW §5.4, §6.7).

`save_meeting` is one intention: the header (date, time, place, chair, secretary, members by
name or by count) and every candidate's count are checked together, every problem reported at
once, and written in one transaction; pass/fail is computed by the one vote rule
(rules.VoteRule), always on the council's TOTAL membership.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from desktop.core.catalog import Catalog, ProvinceProfile
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import (
    CouncilMeeting,
    CouncilVote,
    Nomination,
    TallyRow,
    VoteEntry,
    VoteMethod,
    counts_of,
)
from desktop.core.model.serialize import to_dict
from desktop.core.operations.rounds.base import (
    VOTABLE,
    changes_for,
    profile_of,
    refusal,
    round_or_error,
)
from desktop.core.rules import VoteRule
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import clean, fold, format_date


def vote_rule(catalog: Catalog, target: str, province: ProvinceProfile) -> VoteRule:
    """How the council decides `target` under the province's figures (the title's [ballot])."""
    return VoteRule.for_title(catalog.title(target), province)


def vote_rule_for(store: Store, catalog: Catalog, target: str,
                  province: str | None = None) -> VoteRule:
    """vote_rule with the unit's own province profile."""
    return vote_rule(catalog, target, profile_of(store, catalog, province))


# ---- the header --------------------------------------------------------------------------


def _count_problems(meeting: CouncilMeeting) -> list[Problem]:
    problems = []
    if meeting.members_total <= 0:
        problems.append(Problem("meeting.members_total_invalid", "members_total", _(
            "Tổng số thành viên Hội đồng phải lớn hơn 0.")))
    if meeting.present < 0 or meeting.absent_with_written_opinion < 0:
        problems.append(Problem("meeting.present_negative", "present", _(
            "Số thành viên có mặt hoặc vắng có ý kiến bằng văn bản không được âm.")))
    elif meeting.members_total > 0 and meeting.voices > meeting.members_total:
        problems.append(Problem("meeting.voices_over_members", "present", _(
            "Có mặt ({p}) cộng vắng có ý kiến bằng văn bản ({w}) vượt tổng số thành viên "
            "Hội đồng ({t}).").format(p=meeting.present, w=meeting.absent_with_written_opinion,
                                       t=meeting.members_total)))
    return problems


def _member_problems(meeting: CouncilMeeting) -> list[Problem]:
    if not meeting.members:
        return []
    problems = []
    seen: set[str] = set()
    for i, member in enumerate(meeting.members, start=1):
        name = clean(member.name)
        if not name:
            problems.append(Problem("meeting.member_name_missing", f"members[{i}].name", _(
                "Dòng {i} của danh sách thành viên chưa có họ tên.").format(i=i)))
        elif fold(name) in seen:
            problems.append(Problem("meeting.member_twice", f"members[{i}].name", _(
                "“{n}” có hai lần trong danh sách thành viên.").format(n=name)))
        seen.add(fold(name))
    total, present, written = counts_of(meeting.members)
    if (total, present, written) != (meeting.members_total, meeting.present,
                                     meeting.absent_with_written_opinion):
        problems.append(Problem("meeting.members_mismatch", "members", _(
            "Danh sách có {t} thành viên ({p} có mặt, {w} vắng có ý kiến bằng văn bản), khác "
            "số đã ghi ({t2}; {p2}; {w2}).").format(
                t=total, p=present, w=written, t2=meeting.members_total, p2=meeting.present,
                w2=meeting.absent_with_written_opinion)))
    return problems


def validate_meeting(meeting: CouncilMeeting, today: date) -> list[Problem]:
    """Every problem of the meeting's header (not its votes)."""
    problems = _count_problems(meeting) + _member_problems(meeting)
    if meeting.held_on > today:
        problems.append(Problem("meeting.date_future", "held_on", _("Ngày họp ở tương lai.")))
    if (meeting.starts_at is not None and meeting.ends_at is not None
            and meeting.ends_at <= meeting.starts_at):
        problems.append(Problem("meeting.times_reversed", "ends_at", _(
            "Giờ kết thúc ({b}) không sau giờ bắt đầu ({a}).").format(
                a=meeting.starts_at.strftime("%H:%M"), b=meeting.ends_at.strftime("%H:%M"))))
    if not clean(meeting.chair):
        problems.append(Problem("meeting.chair_missing", "chair", _("Chưa nhập chủ trì cuộc họp.")))
    if not clean(meeting.secretary):
        problems.append(Problem("meeting.secretary_missing",
                                "secretary", _("Chưa nhập thư ký cuộc họp.")))
    return problems


# ---- the votes ---------------------------------------------------------------------------


def _ballot_problems(entry: VoteEntry, field: str, name: str, voices: int | None
                     ) -> list[Problem]:
    issued, valid, votes_for = entry.ballots_issued, entry.ballots_valid, entry.votes_for
    if issued is None or valid is None:
        return [Problem("vote.ballots_missing", f"{field}.ballots", _(
            "{name}: hãy nhập số phiếu phát ra và số phiếu hợp lệ.").format(name=name))]
    problems = []
    if valid < 0 or issued < 0:
        problems.append(Problem("vote.ballots_negative", f"{field}.ballots", _(
            "{name}: số phiếu không được âm.").format(name=name)))
    if votes_for > valid:
        problems.append(Problem("vote.for_over_valid", f"{field}.votes_for", _(
            "{name}: số phiếu đồng ý ({v}) lớn hơn số phiếu hợp lệ ({h}).").format(
                name=name, v=votes_for, h=valid)))
    if valid > issued:
        problems.append(Problem("vote.valid_over_issued", f"{field}.ballots_valid", _(
            "{name}: số phiếu hợp lệ ({h}) lớn hơn số phiếu phát ra ({p}).").format(
                name=name, h=valid, p=issued)))
    if voices is not None and issued > voices:
        problems.append(Problem("vote.issued_over_voices", f"{field}.ballots_issued", _(
            "{name}: số phiếu phát ra ({p}) lớn hơn số thành viên có mặt và vắng có ý kiến "
            "bằng văn bản ({n}).").format(name=name, p=issued, n=voices)))
    return problems


def _count_checks(entry: VoteEntry, rule: VoteRule, meeting: CouncilMeeting, counts_ok: bool,
                  name: str, title: str) -> list[Problem]:
    field = f"votes[{entry.nomination_id}]"
    voices = meeting.voices if counts_ok else None
    problems = []
    if rule.ballot and entry.method is not VoteMethod.BALLOT:
        problems.append(Problem("vote.ballot_required", f"{field}.method", _(
            "{name}: “{t}” phải bỏ phiếu kín, không biểu quyết giơ tay.").format(
                name=name, t=title)))
    if entry.votes_for < 0:
        problems.append(Problem("vote.negative", f"{field}.votes_for", _(
            "{name}: số phiếu đồng ý không được âm.").format(name=name)))
    if entry.method is VoteMethod.BALLOT:
        problems += _ballot_problems(entry, field, name, voices)
    elif voices is not None and entry.votes_for > voices:
        problems.append(Problem("vote.hands_over_voices", f"{field}.votes_for", _(
            "{name}: số biểu quyết đồng ý ({v}) lớn hơn số thành viên có mặt và vắng có ý kiến "
            "bằng văn bản ({n}).").format(name=name, v=entry.votes_for, n=voices)))
    if counts_ok and entry.votes_for > meeting.members_total:
        problems.append(Problem("vote.for_over_members", f"{field}.votes_for", _(
            "{name}: số đồng ý ({v}) vượt tổng số thành viên Hội đồng ({t}).").format(
                name=name, v=entry.votes_for, t=meeting.members_total)))
    return problems


def _same_as(entry: VoteEntry, vote: CouncilVote | None) -> bool:
    return vote is not None and (entry.method, entry.votes_for, entry.ballots_issued,
                                 entry.ballots_valid) == (vote.method, vote.votes_for,
                                                          vote.ballots_issued,
                                                          vote.ballots_valid)


@dataclass
class _Plan:
    """What save_meeting will write, once nothing is wrong."""

    votes: list[CouncilVote]                 # meeting_id 0 until the meeting has an id
    nominations: dict[int, Nomination]
    problems: list[Problem]


def _entry_votes(store: Store, catalog: Catalog, profile: ProvinceProfile,
                 meeting: CouncilMeeting, entries: Sequence[VoteEntry],
                 stored: dict[int, CouncilVote], counts_ok: bool, plan: _Plan) -> None:
    seen: set[int] = set()
    for entry in entries:
        field = f"votes[{entry.nomination_id}]"
        nom = repo.get_nomination(store.db, entry.nomination_id)
        if nom is None or nom.round_id != meeting.round_id:
            plan.problems.append(Problem("vote.other_round", field, _(
                "Một đề nghị được biểu quyết không thuộc đợt xét của cuộc họp này (có thể đã "
                "bị gỡ).")))
            continue
        if entry.nomination_id in seen:
            plan.problems.append(Problem("vote.duplicate", field, _(
                "{name}: kết quả biểu quyết được ghi hai lần.").format(name=nom.subject_name)))
            continue
        seen.add(entry.nomination_id)
        plan.nominations[entry.nomination_id] = nom
        if _same_as(entry, stored.get(entry.nomination_id)):
            continue  # unchanged: recomputed with the kept votes below
        if nom.status not in VOTABLE:
            plan.problems.append(Problem("vote.not_votable", field, _(
                "{name}: đề nghị đang ở trạng thái “{s}”; hãy đưa về “Dự thảo” trước khi ghi "
                "lại kết quả biểu quyết.").format(name=nom.subject_name, s=nom.status.label)))
            continue
        rule = vote_rule(catalog, nom.target, profile)
        found = _count_checks(entry, rule, meeting, counts_ok, nom.subject_name,
                              catalog.name_of(nom.target))
        plan.problems += found
        if found:
            continue
        ballot = entry.method is VoteMethod.BALLOT
        plan.votes.append(CouncilVote(
            meeting_id=meeting.id or 0, nomination_id=entry.nomination_id, method=entry.method,
            votes_for=entry.votes_for, ballots_issued=entry.ballots_issued if ballot else None,
            ballots_valid=entry.ballots_valid if ballot else None,
            threshold=float(rule.share), more_than=rule.more_than,
            passed=rule.passes(entry.votes_for, meeting.members_total)))


def _kept_votes(store: Store, meeting: CouncilMeeting, stored: dict[int, CouncilVote],
                plan: _Plan) -> None:
    """The votes already recorded and not retyped must still fit the figures; pass/fail is
    recomputed on the new total, refused where it would flip a nomination past the council."""
    retyped = {v.nomination_id for v in plan.votes}
    for vote in stored.values():
        if vote.nomination_id in retyped:
            continue
        nom = plan.nominations.get(vote.nomination_id) or repo.get_nomination(
            store.db, vote.nomination_id)
        name = nom.subject_name if nom else ""
        counted = vote.ballots_issued if vote.ballots_issued is not None else vote.votes_for
        if counted > meeting.voices:
            # on the vote's row: the figure kept from before no longer fits the new header
            plan.problems.append(Problem("meeting.votes_over_voices",
                                         f"votes[{vote.nomination_id}].present", _(
                "Đã ghi {n} phiếu cho {name}, nhiều hơn số thành viên có mặt và vắng có ý kiến "
                "bằng văn bản ({m}): hãy sửa số phiếu trước.").format(
                    n=counted, name=name, m=meeting.voices)))
            continue
        passed = VoteRule.recorded(vote.threshold, vote.more_than).passes(
            vote.votes_for, meeting.members_total)
        if passed != vote.passed and nom is not None and nom.status not in VOTABLE:
            plan.problems.append(Problem("meeting.result_flips",
                                         f"votes[{vote.nomination_id}].members_total", _(
                "Sửa tổng số thành viên làm thay đổi kết quả của {name}, đề nghị đang ở trạng "
                "thái “{s}”: hãy đưa về “Dự thảo” trước.").format(name=name,
                                                                   s=nom.status.label)))
        elif passed != vote.passed:
            plan.votes.append(replace(vote, passed=passed))


def _plan(store: Store, catalog: Catalog, meeting: CouncilMeeting,
          votes: Sequence[VoteEntry], today: date, province: str | None
          ) -> tuple[CouncilMeeting | None, _Plan]:
    """The meeting as stored (None: a new one) and what saving would write or refuse."""
    before = None
    if meeting.id is not None:
        before = repo.get_meeting(store.db, meeting.id)
        if before is None or before.round_id != meeting.round_id:
            raise UserError(_("Không tìm thấy biên bản họp Hội đồng này."),
                            code="meeting.not_found")
    counts_ok = not _count_problems(meeting)
    plan = _Plan([], {}, validate_meeting(meeting, today))
    stored = {v.nomination_id: v for v in repo.votes_of_meeting(store.db, meeting.id)} \
        if meeting.id is not None else {}
    _entry_votes(store, catalog, profile_of(store, catalog, province), meeting, votes, stored,
                 counts_ok, plan)
    if counts_ok:
        _kept_votes(store, meeting, stored, plan)
    return before, plan


def check_meeting(store: Store, catalog: Catalog, meeting: CouncilMeeting,
                  votes: Sequence[VoteEntry], today: date, *, province: str | None = None
                  ) -> list[Problem]:
    """Every problem `save_meeting` would refuse these figures for, writing nothing (the
    vote grid shows them live, each vote's under the field `votes[<nomination id>]…`)."""
    round_or_error(store, meeting.round_id)
    return _plan(store, catalog, meeting, votes, today, province)[1].problems


def save_meeting(store: Store, catalog: Catalog, meeting: CouncilMeeting,
                 votes: Sequence[VoteEntry], actor: str, today: date, *,
                 province: str | None = None
                 ) -> tuple[CouncilMeeting, tuple[CouncilVote, ...], Changes]:
    """Record the meeting (a new one, or the one with `meeting.id`) and the counts typed.

    Every problem of the header and of every vote is reported at once and nothing is written
    unless there is none. Votes already recorded that are not retyped must fit the new figures
    (ballots or hands ≤ present + written opinions); their pass/fail is recomputed on the new
    total membership, refused if that would change the result of a nomination past “Hội đồng
    đã xét”. Returns the meeting, all its votes, and what changed.
    """
    rnd = round_or_error(store, meeting.round_id)
    before, plan = _plan(store, catalog, meeting, votes, today, province)
    if plan.problems:
        raise refusal(plan.problems, _("Chưa lưu được biên bản họp Hội đồng (không ghi gì):"))
    saved, all_votes = _write(store, catalog, rnd.name, meeting, before, plan, actor)
    return saved, all_votes, changes_for(
        rounds=(rnd.id or 0,), meetings=(saved.id or 0,),
        nominations={v.nomination_id for v in plan.votes})


def _write(store: Store, catalog: Catalog, round_name: str, meeting: CouncilMeeting,
           before: CouncilMeeting | None, plan: _Plan, actor: str
           ) -> tuple[CouncilMeeting, tuple[CouncilVote, ...]]:
    """One transaction: the meeting (inserted or updated), its votes, an audit entry each."""
    with store.write() as db:
        if before is None:
            meeting_id = repo.insert_meeting(db, meeting)
            reg_repo.append_audit(db, actor, "create", "council_meeting", meeting_id,
                                  _("Họp Hội đồng ngày {d} (đợt “{r}”)").format(
                                      d=format_date(meeting.held_on), r=round_name),
                                  {"meeting": to_dict(meeting)})
        else:
            meeting_id = before.id or 0
            if meeting != before:
                repo.update_meeting(db, meeting)
                reg_repo.append_audit(db, actor, "update", "council_meeting", meeting_id,
                                      _("Sửa biên bản họp Hội đồng ngày {d} (đợt “{r}”)").format(
                                          d=format_date(meeting.held_on), r=round_name),
                                      {"before": to_dict(before), "after": to_dict(meeting)})
        for vote in plan.votes:
            vote = replace(vote, meeting_id=meeting_id)
            repo.upsert_vote(db, vote)
            nom = plan.nominations.get(vote.nomination_id) or repo.get_nomination(
                db, vote.nomination_id)
            reg_repo.append_audit(db, actor, "vote", "nomination", vote.nomination_id,
                                  _("{name} – {t}: {v}/{n} đồng ý, {res}").format(
                                      name=nom.subject_name if nom else "",
                                      t=catalog.name_of(nom.target) if nom else "",
                                      v=vote.votes_for, n=meeting.members_total,
                                      res=_("đạt") if vote.passed else _("không đạt")),
                                  {"vote": to_dict(vote)})
        saved = repo.get_meeting(db, meeting_id)
        all_votes = tuple(repo.votes_of_meeting(db, meeting_id))
    assert saved is not None
    return saved, all_votes


def meetings(store: Store, round_id: int) -> list[CouncilMeeting]:
    return repo.meetings_of_round(store.db, round_id)


def votes(store: Store, nomination_id: int) -> list[CouncilVote]:
    return repo.votes_of_nomination(store.db, nomination_id)


def tally(store: Store, catalog: Catalog, meeting_id: int) -> list[TallyRow]:
    """The vote-counting minutes data of a meeting: one row per candidate voted on."""
    meeting = repo.get_meeting(store.db, meeting_id)
    if meeting is None:
        raise UserError(_("Không tìm thấy biên bản họp Hội đồng này."), code="meeting.not_found")
    rows = []
    for v in repo.votes_of_meeting(store.db, meeting_id):
        nom = repo.get_nomination(store.db, v.nomination_id)
        if nom is None:
            continue
        rows.append(TallyRow(nomination_id=v.nomination_id, name=nom.subject_name,
                             title=catalog.name_of(nom.target), method=v.method,
                             ballots_issued=v.ballots_issued, ballots_valid=v.ballots_valid,
                             votes_for=v.votes_for, members_total=meeting.members_total,
                             threshold=v.threshold, passed=v.passed, more_than=v.more_than))
    return rows
