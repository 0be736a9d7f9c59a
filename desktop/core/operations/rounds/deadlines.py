"""When a round's files are due, and to whom (the province profile's [deadlines] and
receiving_body; LAW §5.5)."""

from __future__ import annotations

from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model.rounds import Round, RoundKind
from desktop.core.operations.rounds.base import profile_of
from desktop.core.store import Store
from desktop.core.text import format_date


def days_left(rnd: Round, today: date) -> int:
    """Days from today to the deadline; 0 on the last day, negative once past."""
    return (rnd.deadline - today).days


def decided_at_home_text(decider: str) -> str:
    """What headers say instead of "gửi {receiving body}" for a round the unit decides."""
    return _("do {decider} quyết định, không gửi cấp trên").format(decider=decider)


def deadline_text(rnd: Round, today: date, decided_by: str | None = None) -> str:
    """Days left, the deadline and where the files go; `decided_by` (home_titles.round_decider:
    every title of the round is decided by the unit itself) says who decides instead of the
    receiving body, which gets nothing of such a round."""
    n = days_left(rnd, today)
    when = format_date(rnd.deadline)
    if decided_by:
        where = decided_at_home_text(decided_by)
        if n > 0:
            return _("Còn {n} ngày (hạn {date}; {where}).").format(n=n, date=when, where=where)
        if n == 0:
            return _("Hôm nay là hạn cuối cùng ({date}; {where}).").format(date=when,
                                                                           where=where)
        return _("Đã quá hạn {n} ngày (hạn {date}; {where}).").format(n=-n, date=when,
                                                                     where=where)
    if n > 0:
        return _("Còn {n} ngày (hạn nộp {date}, gửi {body}).").format(
            n=n, date=when, body=rnd.receiving_body)
    if n == 0:
        return _("Hôm nay là hạn nộp cuối cùng ({date}, gửi {body}).").format(
            date=when, body=rnd.receiving_body)
    return _("Đã quá hạn nộp {n} ngày (hạn {date}).").format(n=-n, date=when)


def past_deadline(rnd: Round, today: date) -> UserError:
    """The refusal of a change to a round whose deadline has passed; nothing is lost."""
    return UserError(
        _("Đợt “{name}” đã quá hạn nộp {n} ngày (hạn {date}).").format(
            name=rnd.name, n=-days_left(rnd, today), date=format_date(rnd.deadline)),
        _("Nếu {body} đồng ý nhận muộn, hãy sửa hạn nộp của đợt rồi thử lại; dữ liệu đã nhập "
          "vẫn được giữ.").format(body=rnd.receiving_body or _("cơ quan tiếp nhận")),
        code="nomination.past_deadline")


def default_deadline(catalog: Catalog, province: str, kind: RoundKind, year: int, today: date,
                     movement_to: date | None = None) -> date:
    """The profile's deadline for a round of `kind` in `year` opened `today`; a campaign
    counts its days from the later of today and the movement's end."""
    start = max(today, movement_to) if movement_to else today
    return catalog.province_or_default(province).round_deadline(kind.value, year, start)


def default_receiving_body(store: Store, catalog: Catalog, province: str | None = None) -> str:
    """The body the round's files go to, from the province profile (what create_round uses
    when none is given), so a form can show it before the round exists."""
    return profile_of(store, catalog, province).receiving_body
