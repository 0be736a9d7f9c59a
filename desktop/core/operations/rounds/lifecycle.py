"""Rounds (đợt xét khen thưởng): create one with the province's deadline and receiving body,
move its deadline, delete an empty one, list them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Round, RoundKind
from desktop.core.model.serialize import to_dict
from desktop.core.operations.rounds.base import (
    changes_for,
    profile_of,
    province_code,
    refusal,
    round_or_error,
)
from desktop.core.operations.rounds.deadlines import default_deadline
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import clean, format_date

MIN_YEAR, MAX_YEAR = 1945, 2100


def _movement_problems(kind: RoundKind, movement: str, movement_from: date | None,
                       movement_to: date | None) -> list[Problem]:
    if kind is not RoundKind.PHONG_TRAO:
        return []
    problems = []
    if not clean(movement):
        problems.append(Problem("round.movement_missing",
                                "movement", _("Đợt khen phong trào cần tên phong trào thi "
                                              "đua.")))
    if movement_from is None or movement_to is None:
        problems.append(Problem("round.movement_period_missing", "movement_period",
                                _("Đợt khen phong trào cần thời gian phát động và tổng kết "
                                  "phong trào (từ ngày, đến ngày).")))
    elif movement_to < movement_from:
        problems.append(Problem("round.movement_period_reversed", "movement_period",
                                _("Ngày tổng kết phong trào trước ngày phát động.")))
    return problems


def _deadline_past(deadline: date) -> Problem:
    return Problem("round.deadline_past", "deadline",
                   _("Hạn nộp {date} đã qua.").format(date=format_date(deadline)))


def create_round(store: Store, catalog: Catalog, kind: RoundKind, year: int, name: str,
                 actor: str, today: date, *, province: str | None = None,
                 deadline: date | None = None, receiving_body: str | None = None,
                 movement: str = "", movement_from: date | None = None,
                 movement_to: date | None = None) -> tuple[Round, Changes]:
    """A round: its deadline and receiving body default from the province profile."""
    province = province_code(store, province)
    problems = []
    if not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(Problem("round.year_invalid",
                                "year", _("Năm {y} không hợp lệ.").format(y=year)))
    problems += _movement_problems(kind, movement, movement_from, movement_to)
    if deadline is None and not problems:
        deadline = default_deadline(catalog, province, kind, year, today, movement_to)
    if deadline is not None and deadline < today:
        problems.append(_deadline_past(deadline))
    if problems:
        raise refusal(problems, hint=_("Hãy nhập hạn nộp mới mà cơ quan tiếp nhận đã thông "
                                       "báo.") if deadline is not None and deadline < today
                      else "")
    assert deadline is not None
    body = clean(receiving_body) or profile_of(store, catalog, province).receiving_body
    title = clean(name) or _("Xét khen thưởng {kind} năm {y}").format(
        kind=kind.label.lower(), y=year)
    campaign = kind is RoundKind.PHONG_TRAO
    rnd = Round(kind=kind, year=year, name=title, deadline=deadline, receiving_body=body,
                movement=clean(movement) if campaign else "",
                movement_from=movement_from if campaign else None,
                movement_to=movement_to if campaign else None)
    with store.write() as db:
        rid = repo.insert_round(db, rnd)
        reg_repo.append_audit(db, actor, "create", "round", rid,
                              _("Tạo đợt xét “{name}”").format(name=title),
                              {"round": to_dict(rnd)})
    return replace(rnd, id=rid), changes_for(rounds=(rid,))


def change_deadline(store: Store, round_id: int, deadline: date, actor: str, today: date
                    ) -> tuple[Round, Changes]:
    rnd = round_or_error(store, round_id)
    if deadline < today:
        raise refusal([_deadline_past(deadline)])
    with store.write() as db:
        repo.update_round_deadline(db, round_id, deadline)
        reg_repo.append_audit(db, actor, "update", "round", round_id,
                              _("Đổi hạn nộp đợt “{name}”: {a} → {b}").format(
                                  name=rnd.name, a=format_date(rnd.deadline),
                                  b=format_date(deadline)))
    return replace(rnd, deadline=deadline), changes_for(rounds=(round_id,))


def delete_round(store: Store, round_id: int, actor: str) -> Changes:
    """Delete a round without nominations or council minutes (audited with its snapshot)."""
    rnd = round_or_error(store, round_id)
    noms = repo.nominations_of_round(store.db, round_id)
    if noms or repo.meetings_of_round(store.db, round_id):
        raise UserError(_("Không xóa được đợt “{name}”: đợt có {n} đề nghị hoặc biên bản họp "
                          "Hội đồng.").format(name=rnd.name, n=len(noms)),
                        _("Hãy gỡ các đề nghị trước nếu thật sự muốn xóa đợt này."),
                        code="round.not_empty")
    with store.write() as db:
        repo.delete_round(db, round_id)
        reg_repo.append_audit(db, actor, "delete", "round", round_id,
                              _("Xóa đợt xét “{name}”").format(name=rnd.name),
                              {"snapshot": to_dict(rnd)})
    return changes_for(rounds=(round_id,))


def get_round(store: Store, round_id: int) -> Round | None:
    return repo.get_round(store.db, round_id)


def list_rounds(store: Store, year: int | None = None) -> list[Round]:
    return repo.list_rounds(store.db, year)
