"""Registering and nominating many at once, each as one intention: checked with the same
preview the officer saw (bulk_preview), refused whole with every problem listed if anything
changed since, else written in one transaction; and undone whole (Ctrl+Z) as long as nothing
was done to the rows since.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Changes, SubjectKind, SubjectRef
from desktop.core.model.bulk import BulkRow
from desktop.core.model.rounds import Nomination, NominationStatus, Registration, Verdict
from desktop.core.model.serialize import to_dict
from desktop.core.operations.rounds.base import refusal, round_or_error
from desktop.core.operations.rounds.bulk_preview import (
    check_registration_title,
    nomination_preview,
    registration_preview,
    registration_year_problems,
    unique,
)
from desktop.core.operations.rounds.deadlines import days_left, past_deadline
from desktop.core.operations.rounds.nominations import Evaluator
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import clean


def _subject_changes(refs: Sequence[SubjectRef], *, rounds: frozenset[int] = frozenset(),
                     nominations: frozenset[int] = frozenset(),
                     registration_years: frozenset[int] = frozenset()) -> Changes:
    return Changes(
        people=frozenset(r.id for r in refs if r.kind is SubjectKind.PERSON),
        collectives=frozenset(r.id for r in refs if r.kind is SubjectKind.COLLECTIVE),
        rounds=rounds, nominations=nominations, registration_years=registration_years)


def _row_problems(rows: Sequence[BulkRow]) -> list[Problem]:
    """Every block of every row, each naming its subject."""
    return [Problem(p.code, f"subjects[{i}]", f"{row.name}: {p.message}" if row.name
                    else p.message)
            for i, row in enumerate(rows) for p in row.blocks]


def _nothing_chosen() -> UserError:
    return UserError(_("Chưa chọn người hoặc tập thể nào."), code="bulk.nothing_chosen")


def nominate_many(store: Store, catalog: Catalog, round_id: int,
                  subjects: Sequence[SubjectRef], target: str, actor: str, today: date, *,
                  province: str | None = None, justification: str = "",
                  achievement: str = "", evaluate: Evaluator | None = None
                  ) -> tuple[tuple[Nomination, ...], Changes]:
    """Nominate every subject given for `target` in the round, all or none.

    Refused whole, with every problem at once (each with its code), when any subject is
    blocked (as nomination_preview shows: on hold, one-reward conflicts, gone), or is not
    eligible and no `justification` is written (`nomination.needs_justification`; the one
    justification is stored with every ineligible nominee of the batch). The verdict stored
    with each nomination is the one the preview showed. Returns the nominations in the
    order given; `undo_nominations` takes them back.
    """
    rnd = round_or_error(store, round_id)
    if days_left(rnd, today) < 0:
        raise past_deadline(rnd, today)
    refs = unique(subjects)
    if not refs:
        raise _nothing_chosen()
    why, feat = clean(justification), clean(achievement)
    rows = nomination_preview(store, catalog, round_id, refs, target, province=province,
                              achievement=feat, evaluate=evaluate)
    problems = _row_problems(rows)
    unjustified = [row.name for row in rows if row.applicable and row.needs_justification]
    if unjustified and not why:
        problems.append(Problem("nomination.needs_justification", "justification", _(
            "Chưa đủ điều kiện “{t}”, cần ghi lý do đề nghị: {names}.").format(
                t=catalog.name_of(target), names=", ".join(unjustified))))
    if problems:
        raise refusal(problems, _("Chưa đề nghị được (không ghi gì):"), _(
            "Bỏ chọn những trường hợp này, hoặc ghi lý do đề nghị cho người chưa đủ điều "
            "kiện, rồi làm lại."))
    batch = uuid.uuid4().hex
    title = catalog.name_of(target)
    saved = []
    with store.write() as db:
        for row in rows:
            assert row.verdict is not None  # a row without a verdict is blocked
            keep_why = why if row.verdict.verdict is not Verdict.ELIGIBLE else ""
            nid = repo.insert_nomination(db, Nomination(
                round_id=round_id, subject=row.subject, target=target,
                eligibility=row.verdict, justification=keep_why, achievement=feat,
                initiative=row.initiative))
            reg_repo.append_audit(db, actor, "create", "nomination", nid,
                                  _("Đề nghị {name} – {t} (đợt “{r}”)").format(
                                      name=row.name, t=title, r=rnd.name),
                                  {"verdict": row.verdict.verdict.value,
                                   "justification": keep_why, "batch": batch})
            nom = repo.get_nomination(db, nid)
            assert nom is not None
            saved.append(nom)
    return tuple(saved), _subject_changes(
        refs, rounds=frozenset({round_id}), nominations=frozenset(n.id or 0 for n in saved))


def undo_nominations(store: Store, nomination_ids: Sequence[int], actor: str) -> Changes:
    """Take back the nominations a bulk action made, all in one transaction.

    Refused whole (`bulk.undo_changed`, naming them) when any has been worked on since: moved
    past “Dự thảo”, voted on, or given files or ticks in its checklist. Nominations removed
    since are skipped.
    """
    noms = [n for n in (repo.get_nomination(store.db, i) for i in nomination_ids)
            if n is not None]
    worked = [n.subject_name for n in noms if n.id is not None and (
        n.status is not NominationStatus.DRAFT or repo.votes_of_nomination(store.db, n.id)
        or repo.attachments_of(store.db, n.id) or repo.marks_of(store.db, n.id))]
    if worked:
        raise UserError(_("Không hoàn tác được: đã có việc làm tiếp trên đề nghị của {names} "
                          "(biểu quyết, hồ sơ hoặc trạng thái).").format(names=", ".join(worked)),
                        _("Hãy gỡ từng đề nghị nếu vẫn muốn bỏ."), code="bulk.undo_changed")
    with store.write() as db:
        for nom in noms:
            assert nom.id is not None
            repo.delete_nomination(db, nom.id)
            reg_repo.append_audit(db, actor, "delete", "nomination", nom.id,
                                  _("Hoàn tác đề nghị {name} – {t}").format(
                                      name=nom.subject_name, t=nom.target),
                                  {"snapshot": {"nomination": to_dict(nom)}, "undo": True})
    return _subject_changes([n.subject for n in noms],
                            rounds=frozenset(n.round_id for n in noms),
                            nominations=frozenset(n.id or 0 for n in noms))


def register_many(store: Store, catalog: Catalog, year: int, subjects: Sequence[SubjectRef],
                  target: str, actor: str, today: date, *, registered_on: date | None = None,
                  note: str = "", evaluate: Evaluator | None = None
                  ) -> tuple[tuple[Registration, ...], Changes]:
    """Register every subject given for `target` in `year`, all or none (dated
    `registered_on`, by default today). Refused whole, every problem listed, when a subject
    is already registered (`registration.duplicate`), the title is not its own, the year or
    the date is not allowed."""
    title = check_registration_title(catalog, target)
    when = registered_on or today
    problems = registration_year_problems(year, today)
    if when > today:
        problems.append(Problem("registration.date_future", "registered_on",
                                _("Ngày đăng ký ở tương lai.")))
    refs = unique(subjects)
    if not refs:
        raise _nothing_chosen()
    rows = registration_preview(store, catalog, year, refs, target, evaluate=evaluate)
    problems += _row_problems(rows)
    if problems:
        raise refusal(problems, _("Chưa đăng ký được (không ghi gì):"),
                      _("Bỏ chọn những trường hợp này rồi làm lại."))
    batch = uuid.uuid4().hex
    saved = []
    with store.write() as db:
        for row in rows:
            rid = repo.insert_registration(db, Registration(
                year=year, subject=row.subject, target=target, registered_on=when,
                note=clean(note)))
            reg_repo.append_audit(db, actor, "create", "registration", rid,
                                  _("Đăng ký thi đua: {name} – {t} năm {y}").format(
                                      name=row.name, t=title.name, y=year), {"batch": batch})
            reg = repo.get_registration(db, rid)
            assert reg is not None
            saved.append(reg)
    return tuple(saved), _subject_changes(refs, registration_years=frozenset({year}))


def undo_registrations(store: Store, registration_ids: Sequence[int], actor: str) -> Changes:
    """Take back the registrations a bulk action made, in one transaction (those removed
    since are skipped)."""
    regs = [r for r in (repo.get_registration(store.db, i) for i in registration_ids)
            if r is not None]
    with store.write() as db:
        for reg in regs:
            assert reg.id is not None
            repo.delete_registration(db, reg.id)
            reg_repo.append_audit(db, actor, "delete", "registration", reg.id,
                                  _("Hoàn tác đăng ký thi đua: {name} – {t} năm {y}").format(
                                      name=reg.subject_name, t=reg.target, y=reg.year),
                                  {"snapshot": to_dict(reg), "undo": True})
    return _subject_changes([r.subject for r in regs],
                            registration_years=frozenset(r.year for r in regs))
