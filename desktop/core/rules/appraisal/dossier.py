"""Checks on the dossier as a whole: the unit profile, the council meeting and its votes, the
minutes, the dates and numbers of the documents, the body the proposal goes to (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from desktop.core.i18n import _
from desktop.core.model.dossier import NominationData
from desktop.core.model.rounds import VoteMethod
from desktop.core.rules.appraisal.base import (
    AppraisalInput,
    Hit,
    Severity,
    Target,
    check,
)
from desktop.core.rules.appraisal.nominees import INTERNAL, UPWARD
from desktop.core.text import fold, format_date

MINUTES, BALLOT_MINUTES, REGISTER = "bien_ban_hop", "bien_ban_kiem_phieu", "so_dang_ky"
DECISION = "quyet_dinh"
# Local governments without a district level since 1 July 2025 (Law on the Organisation of
# Local Government 2025): a proposal addressed to a huyện has no one to receive it.
DISTRICTS_ABOLISHED = date(2025, 7, 1)
_DISTRICT_WORDS = ("huyen", "quan", "thi xa")


@check("appraisal.unit_incomplete", Severity.RETURNED)
def unit_incomplete(source: AppraisalInput) -> Iterator[Hit]:
    """The unit profile lacks what every document's header or signature prints."""
    for p in source.unit_gaps:
        yield Hit(UPWARD, p.message, _("Điền trong Đơn vị → Thông tin đơn vị."),
                  target=Target.UNIT)


def _voted(source: AppraisalInput) -> list[NominationData]:
    """The nominees the council votes on (the simplified procedure has no council step)."""
    return [n for n in source.data.proposed if not n.simplified]


@check("appraisal.no_meeting", Severity.RETURNED)
def no_meeting(source: AppraisalInput) -> Iterator[Hit]:
    """Nominees go forward without a council meeting recorded (LAW §5.4, §6.7)."""
    if source.data.meeting is None and _voted(source):
        yield Hit(MINUTES, _("Chưa ghi cuộc họp Hội đồng Thi đua - Khen thưởng xét đợt này: "
                             "hồ sơ không có biên bản họp."),
                  _("Ghi cuộc họp và kết quả biểu quyết trong phần Hội đồng của đợt."),
                  target=Target.MEETING)


@check("appraisal.vote_missing", Severity.RETURNED)
def vote_missing(source: AppraisalInput) -> Iterator[Hit]:
    """A nominee the council met about has no vote recorded at that meeting."""
    if source.data.meeting is None:
        return
    for n in _voted(source):
        if n.vote is None:
            yield Hit(MINUTES, _("Biên bản họp không có kết quả biểu quyết đề nghị “{title}” "
                                 "cho {name}.").format(title=n.title_name, name=n.subject.name),
                      _("Ghi kết quả biểu quyết của Hội đồng cho người này."),
                      n.subject.name, n.id, Target.MEETING)


@check("appraisal.ballot_missing", Severity.RETURNED)
def ballot_missing(source: AppraisalInput) -> Iterator[Hit]:
    """A title the council must decide by secret ballot was voted otherwise, or the ballot
    counts are not recorded (no biên bản kiểm phiếu can be made)."""
    for n in _voted(source):
        title = source.catalog.titles.get(n.target)
        if title is None or not title.ballot.required or n.vote is None:
            continue
        if n.vote.method is not VoteMethod.BALLOT or n.vote.ballots_issued is None:
            yield Hit(BALLOT_MINUTES, _(
                "“{title}” phải bỏ phiếu kín ({basis}) nhưng kết quả của {name} không ghi số "
                "phiếu phát ra và phiếu hợp lệ.").format(
                    title=n.title_name, basis=title.ballot.basis or _("theo quy định"),
                    name=n.subject.name),
                _("Ghi kết quả bỏ phiếu kín (phiếu phát ra, phiếu hợp lệ, phiếu đồng ý)."),
                n.subject.name, n.id, Target.MEETING)


@check("appraisal.ballots_inconsistent", Severity.RETURNED)
def ballots_inconsistent(source: AppraisalInput) -> Iterator[Hit]:
    """More ballots than members whose opinion counts, more valid than issued, or more
    votes for than valid ballots: figures that cannot all be true."""
    meeting = source.data.meeting
    if meeting is None:
        return
    for n in _voted(source):
        v = n.vote
        if v is None or v.ballots_issued is None:
            continue
        valid = v.ballots_valid if v.ballots_valid is not None else v.ballots_issued
        if v.ballots_issued > meeting.voices or valid > v.ballots_issued \
                or v.votes_for > valid:
            yield Hit(BALLOT_MINUTES, _(
                "Số phiếu của {name} không khớp: {present} có mặt, {written} vắng có ý kiến "
                "bằng văn bản, {issued} phiếu phát ra, {valid} hợp lệ, {yes} đồng ý.").format(
                    name=n.subject.name, present=meeting.present,
                    written=meeting.absent_with_written_opinion, issued=v.ballots_issued,
                    valid=valid, yes=v.votes_for),
                _("Sửa số phiếu hoặc số thành viên có mặt theo biên bản kiểm phiếu gốc."),
                n.subject.name, n.id, Target.MEETING)


@check("appraisal.minutes_incomplete", Severity.FIX)
def minutes_incomplete(source: AppraisalInput) -> Iterator[Hit]:
    """The minutes lack the start and end time, the place or the members by name (LAW §6.7)."""
    meeting = source.data.meeting
    if meeting is None:
        return
    details = source.data.meeting_details
    missing = []
    if details.starts_at is None or details.ends_at is None:
        missing.append(_("giờ bắt đầu và kết thúc"))
    if not meeting.place.strip():
        missing.append(_("địa điểm"))
    if not details.members:
        missing.append(_("họ tên thành viên có mặt, vắng mặt"))
    if missing:
        yield Hit(MINUTES, _("Biên bản họp ngày {day} còn thiếu: {what}.").format(
            day=format_date(meeting.held_on), what=", ".join(missing)),
            _("Bổ sung trong cuộc họp của Hội đồng."), target=Target.MEETING)


def _dated(source: AppraisalInput, key: str) -> date:
    return source.data.dates.get(key, source.data.today)


@check("appraisal.dated_before_meeting", Severity.RETURNED)
def dated_before_meeting(source: AppraisalInput) -> Iterator[Hit]:
    """A tờ trình or a quyết định of the round dated before the council met on it."""
    data = source.data
    if data.meeting is None:
        return
    held = data.meeting.held_on
    keys = [k for k in (INTERNAL, UPWARD) if data.numbers.get(k)]
    keys += sorted(k for k in data.numbers if k.startswith(DECISION))
    for key in keys:
        when = _dated(source, key)
        if when < held:
            kind = source.catalog.documents.get(key.split("/")[0])
            yield Hit(key.split("/")[0], _(
                "{doc} đề ngày {when}, trước ngày Hội đồng họp xét ({held}).").format(
                    doc=kind.name if kind else key, when=format_date(when),
                    held=format_date(held)),
                _("Văn bản phải đề ngày từ ngày họp trở đi: sửa ngày họp, hoặc lập lại văn "
                  "bản với ngày đúng."), target=Target.MEETING)


_REGISTER_CODES = {"numbers.out_of_order": "appraisal.numbers_out_of_order",
                   "numbers.same_number_two_dates": "appraisal.number_two_dates",
                   "numbers.decision_before_meeting": "appraisal.decision_before_meeting"}


def _register_check(code: str) -> None:
    source_code = next(k for k, v in _REGISTER_CODES.items() if v == code)

    def run(source: AppraisalInput) -> Iterator[Hit]:
        for p in source.register:
            if p.code == source_code:
                yield Hit(REGISTER, p.message, _(
                    "Sửa số hoặc ngày trong lịch sử khen thưởng theo quyết định gốc, hoặc đặt "
                    "số tiếp theo trong Sổ đăng ký văn bản."), target=Target.REGISTER)

    run.__doc__ = f"rules.numbering.check_register: {source_code}"
    check(code, Severity.RETURNED)(run)


for _code in _REGISTER_CODES.values():
    _register_check(_code)


@check("appraisal.wrong_receiver", Severity.RETURNED)
def wrong_receiver(source: AppraisalInput) -> Iterator[Hit]:
    """The proposal goes to a body that cannot receive it: a district (abolished on 1 July
    2025) or another province than the unit's."""
    data = source.data
    if not data.sent_up:
        return
    body = fold(data.round.receiving_body)
    words = f" {body} "
    district = data.today >= DISTRICTS_ABOLISHED and any(
        f" {w} " in words for w in _DISTRICT_WORDS)
    province = fold(data.province_name or "")
    other = bool(province) and " tinh " in words and province not in body
    if district or other:
        yield Hit(UPWARD, _(
            "Tờ trình gửi “{body}”: {why}").format(
                body=data.round.receiving_body,
                why=_("từ ngày 01/7/2025 không còn cấp huyện.") if district
                else _("không phải cơ quan của {province}.").format(
                    province=data.province_name)),
            _("Sửa nơi nhận của đợt: Sở Nội vụ (cơ quan thường trực Hội đồng Thi đua - Khen "
              "thưởng) của tỉnh, trình Chủ tịch Ủy ban nhân dân tỉnh quyết định."),
            target=Target.ROUND)


@check("appraisal.deadline_passed", Severity.FIX)
def deadline_passed(source: AppraisalInput) -> Iterator[Hit]:
    """The round's deadline for sending has passed."""
    data = source.data
    if data.sent_up and data.today > data.round.deadline:
        yield Hit(UPWARD, _("Hạn gửi hồ sơ của đợt là {deadline}, đã qua.").format(
            deadline=format_date(data.round.deadline)),
            _("Liên hệ cơ quan nhận hồ sơ trước khi gửi, hoặc sửa hạn của đợt nếu đã được "
              "gia hạn."), target=Target.ROUND)
