"""Việc cần làm: what the officer's year still asks, what is next and what is late (issue 12).

Built from the year's calendar and the province profile's dates (forms/provinces: the
registration date, each kind of round's deadline, the posting days of the titles), and from
what the unit has recorded: registrations, rounds, nominations and their statuses, public
postings and council meetings. Nothing here holds a date: a province that registers by the
end of February says so in its profile.

Each task says what to do, by when, and where in the app (`action`); `state` is:
done, late (its date has passed and it is not done), now (the next things to do) or later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop.core.catalog import Catalog
from desktop.core.i18n import _
from desktop.core.model.rounds import Nomination, NominationStatus, Round, RoundKind
from desktop.core.operations import rounds as ops
from desktop.core.operations.packages import sent_nominations
from desktop.core.operations.rounds.base import profile_of
from desktop.core.store import Store
from desktop.core.store import ratings as ratings_repo
from desktop.core.store import registry as reg_repo
from desktop.core.text import format_date

SOON_DAYS = 30     # a task due within this many days is among the things to do now
MISSED_AFTER_DAYS = 30   # registration this long overdue is past doing: shown, not "next"
ROUND_LEAD_DAYS = 60   # the year-end round is opened two months before its files are due
SENT = {NominationStatus.EXPORTED, NominationStatus.DECIDED}


class TaskState(StrEnum):
    LATE = "late"
    NOW = "now"
    LATER = "later"
    MISSED = "missed"   # its time is over (the January registration, late in the year)
    DONE = "done"


@dataclass(frozen=True)
class Task:
    code: str    # registration | round | nominate | posting | council | decide | submit |
    #              decisions | ratings
    title: str
    detail: str
    due: date | None
    state: TaskState
    action: str             # where to do it: "registrations" or "round"
    round_id: int | None = None


def _state(done: bool, due: date | None, today: date, ready: bool = True,
           soon: int = SOON_DAYS) -> TaskState:
    if done:
        return TaskState.DONE
    if due is not None and today > due:
        return TaskState.LATE
    if ready and (due is None or (due - today).days <= soon):
        return TaskState.NOW
    return TaskState.LATER


def _registration_state(done: bool, due: date | None, today: date) -> TaskState:
    """Registering for the year's titles belongs to its start: months after the deadline it
    is past doing, and the year-end round (which names who did not register) comes first."""
    state = _state(done, due, today)
    if state is TaskState.LATE and due is not None \
            and (today - due).days > MISSED_AFTER_DAYS:
        return TaskState.MISSED
    return state


def year_tasks(store: Store, catalog: Catalog, year: int, today: date,
               province: str | None = None) -> list[Task]:
    """Every step of `year` in order of its date: late first, then what is next, then later
    ones, then what is done."""
    profile = profile_of(store, catalog, province)
    tasks: list[Task] = []

    registered = ops.registrations(store, year)
    due = profile.deadline("registration", year)
    tasks.append(Task(
        "registration", _("Đăng ký thi đua năm {y}").format(y=year),
        _("Đã đăng ký {n} lượt.").format(n=len(registered)) if registered else
        _("Cá nhân, tập thể đăng ký danh hiệu thi đua đầu năm; chưa có đăng ký nào."),
        due, _registration_state(bool(registered), due, today), "registrations"))

    rounds = ops.list_rounds(store, year)
    if not any(r.kind is RoundKind.CONG_TRANG for r in rounds):
        files_due = profile.round_deadline(RoundKind.CONG_TRANG.value, year, today)
        tasks.append(Task(
            "round", _("Tạo đợt xét khen thưởng cuối năm {y}").format(y=year),
            _("Hồ sơ nộp {body} trước {d}.").format(body=profile.receiving_body,
                                                    d=format_date(files_due)),
            files_due, _state(False, files_due, today, soon=ROUND_LEAD_DAYS), "round"))
    for rnd in rounds:
        tasks += _round_tasks(store, catalog, rnd, today, province)
    tasks += _ratings_task(store, profile.round_deadline(RoundKind.CONG_TRANG.value, year, today),
                           year, today)

    order = {TaskState.LATE: 0, TaskState.NOW: 1, TaskState.LATER: 2, TaskState.MISSED: 3,
             TaskState.DONE: 4}
    return sorted(tasks, key=lambda t: (order[t.state], t.due or date.max))


def _ratings_task(store: Store, files_due: date, year: int, today: date) -> list[Task]:
    """The year's ratings: without them no one is eligible for LĐTT (issue 12: a unit
    imported with last year's ratings could nominate nobody)."""
    missing, total = ratings_repo.missing_ratings(store.db, year)
    if not total:
        return []
    return [Task(
        "ratings", _("Nhập xếp loại năm {y}").format(y=year),
        _("Còn {n}/{t} người chưa có xếp loại năm {y}: chưa xét được Lao động tiên tiến. "
          "Danh sách → Xếp loại năm… (Ctrl+K), hoặc nhập từ Excel.").format(
              n=missing, t=total, y=year) if missing else
        _("Đã có xếp loại năm {y} của {t} người.").format(y=year, t=total),
        files_due, _state(not missing, files_due, today, soon=ROUND_LEAD_DAYS), "ratings")]


def _round_tasks(store: Store, catalog: Catalog, rnd: Round, today: date,
                 province: str | None) -> list[Task]:
    assert rnd.id is not None
    rid, name, deadline = rnd.id, rnd.name, rnd.deadline
    noms = ops.nominations(store, rid)
    tasks = [Task("nominate", _("Lập danh sách đề nghị – {r}").format(r=name),
                  _("{n} đề nghị.").format(n=len(noms)) if noms else
                  _("Chưa có đề nghị nào: mở đợt xét, bấm “Thêm đề nghị”."),
                  deadline, _state(bool(noms), deadline, today), "round", rid)]
    if not noms:
        return tasks
    days = ops.posting_days_required(store, catalog, rid, province)
    if days:
        posted = ops.postings(store, rid)
        post_by = deadline - timedelta(days=days)
        tasks.append(Task(
            "posting", _("Công khai danh sách đề nghị – {r}").format(r=name),
            _("Niêm yết ít nhất {d} ngày trước khi Hội đồng họp.").format(d=days),
            post_by, _state(bool(posted), post_by, today), "round", rid))
    met = ops.meetings(store, rid)
    tasks.append(Task(
        "council", _("Họp Hội đồng TĐKT – {r}").format(r=name),
        _("Đã họp ngày {d}.").format(d=format_date(met[-1].held_on)) if met else
        _("Biểu quyết từng đề nghị; ghi biên bản và kết quả kiểm phiếu."),
        deadline, _state(bool(met), deadline, today), "round", rid))
    if met:
        tasks += _own_decision_task(store, catalog, rnd, noms, today)
    # only what a package carries: the unit's own titles (LĐTT, CSTĐCS, Giấy khen…) are
    # decided at home and never sent, so a round of them alone has nothing to send
    upward = {n.id for n in sent_nominations(store, rid, catalog)}
    to_send = [n for n in noms if n.id in upward]
    unsent = [n for n in to_send if n.status not in SENT]
    if to_send:
        tasks.append(Task(
            "submit", _("Gửi hồ sơ – {r}").format(r=name),
            _("Còn {n}/{t} hồ sơ chưa gửi {body}.").format(n=len(unsent), t=len(to_send),
                                                           body=rnd.receiving_body)
            if unsent else _("Đã gửi đủ {t} hồ sơ.").format(t=len(to_send)),
            deadline, _state(not unsent, deadline, today, ready=bool(met)), "round", rid))
    sent = [n for n in noms if n.status in SENT]
    if sent:
        undecided = [n for n in sent if n.status is not NominationStatus.DECIDED]
        tasks.append(Task(
            "decisions", _("Nhập quyết định khen thưởng – {r}").format(r=name),
            _("Còn {n} đề nghị chưa có quyết định (Gói hồ sơ → Nhập biên nhận / quyết định)."
              ).format(n=len(undecided)) if undecided else _("Đã nhập đủ quyết định."),
            None, _state(not undecided, None, today), "round", rid))
    return tasks


def _own_decision_task(store: Store, catalog: Catalog, rnd: Round,
                       noms: list[Nomination], today: date) -> list[Task]:
    """After the council, the titles the unit decides itself (forms/titles decided_by_unit:
    LĐTT, TTLĐTT, CSTĐCS, Giấy khen) still wait for the head's signed decision and its number
    and date in the app (walk b: "không còn việc nào phải làm" while nothing was decided)."""
    passed = [n for n in noms if catalog.title(n.target).decided_by_unit
              and n.id is not None and (votes := ops.votes(store, n.id)) and votes[-1].passed]
    if not passed:
        return []
    undecided = [n for n in passed if n.status is not NominationStatus.DECIDED]
    unit = reg_repo.get_unit(store.db)
    head = (unit.head_title if unit is not None and unit.head_title else _("Thủ trưởng"))
    titles = ", ".join(dict.fromkeys(catalog.title(n.target).short_name
                                     or catalog.title(n.target).name for n in passed))
    return [Task(
        "decide", _("{head} ký quyết định khen thưởng {titles}; ghi số, ngày quyết định – {r}")
        .format(head=head, titles=titles, r=rnd.name),
        _("Còn {n}/{t} đề nghị đã đạt ở Hội đồng chưa có quyết định. Ở Đợt xét: “Hồ sơ đủ”, "
          "chọn các đề nghị (Ctrl+A) rồi “Ghi quyết định…” một lần cho cả quyết định."
          ).format(n=len(undecided), t=len(passed))
        if undecided else _("Đã ghi quyết định khen thưởng của {t} đề nghị.").format(
            t=len(passed)),
        None, _state(not undecided, None, today), "round", rnd.id)]


def next_task(tasks: list[Task]) -> Task | None:
    """The first thing to do: the most overdue, or else the next due."""
    return next((t for t in tasks if t.state in (TaskState.LATE, TaskState.NOW)), None)


def when_text(task: Task, today: date) -> str:
    """"còn 17 ngày", "hôm nay", "trễ 10 ngày" (empty when the task has no date or is done)."""
    if task.due is None or task.state is TaskState.DONE:
        return ""
    if task.state is TaskState.MISSED:
        return _("đã qua hạn {d}").format(d=format_date(task.due))
    days = (task.due - today).days
    if days == 0:
        return _("hạn là hôm nay")
    if days > 0:
        return _("còn {n} ngày").format(n=days)
    return _("trễ {n} ngày").format(n=-days)
