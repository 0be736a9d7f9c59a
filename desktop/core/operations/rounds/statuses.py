"""A nomination's way through the year: draft → reviewed → ready → exported → returned |
decided (model.rounds.TRANSITIONS), each step checked here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop.core.catalog import Catalog, TitleInfo
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Award, Changes, History
from desktop.core.model.rounds import Nomination, NominationStatus
from desktop.core.operations.rounds.base import (
    changes_for,
    nomination_or_error,
    refusal,
    round_or_error,
)
from desktop.core.operations.rounds.checklist import checklist
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import clean, percent


def _step_refusal(store: Store, catalog: Catalog, nom: Nomination, title: TitleInfo,
                  status: NominationStatus, notes: str) -> UserError | None:
    """Why the nomination cannot move to `status` now (None: it can)."""
    assert nom.id is not None
    if not nom.status.can_go_to(status):
        allowed = ", ".join(f"“{s.label}”" for s in NominationStatus
                            if nom.status.can_go_to(s)) or _("không có")
        return UserError(_("Không chuyển được từ “{a}” sang “{b}”.").format(
            a=nom.status.label, b=status.label),
            _("Từ “{a}” chỉ chuyển được sang: {allowed}.").format(a=nom.status.label,
                                                                   allowed=allowed),
            code="status.not_allowed")
    if status is NominationStatus.REVIEWED:
        votes = repo.votes_of_nomination(store.db, nom.id)
        if not votes:
            return UserError(_("Chưa ghi kết quả biểu quyết của Hội đồng cho đề nghị này."),
                             _("Hãy ghi biên bản họp và số phiếu (hoặc biểu quyết) trước."),
                             code="status.no_vote")
        last = votes[-1]
        if not last.passed:
            meeting = repo.get_meeting(store.db, last.meeting_id)
            return UserError(_("Đề nghị này không đạt tỷ lệ phiếu của Hội đồng ({v}/{t} cần "
                               "{p}).").format(v=last.votes_for,
                                               t=meeting.members_total if meeting else 0,
                                               p=percent(last.threshold)),
                             code="status.vote_failed")
    if status is NominationStatus.READY:
        items = checklist(store, catalog, nom.id)
        if not items.complete:
            return UserError(_("Hồ sơ còn thiếu: {parts}.").format(
                parts="; ".join(i.name for i in items.missing)),
                _("Hãy đính kèm bản quét hoặc đánh dấu đã có bản giấy cho từng thành phần."),
                code="status.dossier_incomplete")
    if (status is NominationStatus.DECIDED and nom.status is NominationStatus.READY
            and not title.decided_by_unit):
        return UserError(_("“{t}” do {a} quyết định: hãy gửi hồ sơ trước khi ghi quyết định.")
                         .format(t=title.name, a=title.authority), code="status.send_first")
    if status is NominationStatus.RETURNED and not notes:
        return UserError(_("Hãy ghi ý kiến của cơ quan tiếp nhận khi hồ sơ bị trả lại."),
                         code="status.notes_missing")
    return None


def _decision_problems(number: str, decision_date: date | None, today: date
                       ) -> list[Problem]:
    problems = []
    if not number:
        problems.append(Problem("status.decision_no_missing",
                                "decision_no", _("Chưa nhập số quyết định.")))
    if decision_date is None:
        problems.append(Problem("status.decision_date_missing",
                                "decision_date", _("Chưa nhập ngày quyết định.")))
    elif decision_date > today:
        problems.append(Problem("status.decision_date_future",
                                "decision_date", _("Ngày quyết định ở tương lai.")))
    return problems


def set_status(store: Store, catalog: Catalog, nomination_id: int, status: NominationStatus,
               actor: str, today: date, *, province_notes: str = "", decision_no: str = "",
               decision_date: date | None = None, issuer: str = ""
               ) -> tuple[Nomination, Changes]:
    """Move a nomination along draft → reviewed → ready → exported → returned | decided.

    reviewed needs a passing council vote; ready needs a complete checklist; returned needs
    the province's notes; decided needs the decision number and date, and records the award
    in the subject's history (and marks the sáng kiến cited, if any, as used for it).
    ready → decided only for titles the unit decides itself.
    """
    nom = nomination_or_error(store, nomination_id)
    title = catalog.title(nom.target)
    notes, number = clean(province_notes), clean(decision_no)
    refused = _step_refusal(store, catalog, nom, title, status, notes)
    if refused is not None:
        raise refused
    if status is NominationStatus.DECIDED:
        problems = _decision_problems(number, decision_date, today)
        if problems:
            raise refusal(problems)
    rnd = round_or_error(store, nom.round_id)
    decided = status is NominationStatus.DECIDED
    with store.write() as db:
        repo.set_nomination_status(
            db, nomination_id, status,
            province_notes=notes if status is NominationStatus.RETURNED else None,
            decision_no=number if decided else None,
            decision_date=decision_date if decided else None)
        if decided:
            assert decision_date is not None
            reg_repo.add_history(db, nom.subject, History(awards=(Award(
                year=rnd.year, code=nom.target, kind=rnd.kind.award_kind, decision_no=number,
                decision_date=decision_date, issuer=clean(issuer) or title.authority),)))
            if nom.initiative:  # the sáng kiến is now used (LAW §2.8)
                repo.mark_initiative_used(db, nom.subject, nom.initiative, nom.target, rnd.year)
        reg_repo.append_audit(db, actor, "status", "nomination", nomination_id,
                              _("{name} – {t}: {a} → {b}").format(
                                  name=nom.subject_name, t=title.name, a=nom.status.label,
                                  b=status.label),
                              {"before": nom.status.value, "after": status.value,
                               "province_notes": notes, "decision_no": number,
                               "decision_date": decision_date})
        saved = repo.get_nomination(db, nomination_id)
    assert saved is not None
    return saved, changes_for(nom.subject, rounds=(nom.round_id,),
                              nominations=(nomination_id,))


# Steps an officer takes for the whole list at once (after the council, when the dossiers are
# complete); returned and decided need the province's notes or a decision per nominee.
MANY_STEPS = (NominationStatus.DRAFT, NominationStatus.REVIEWED, NominationStatus.READY)


def set_status_many(store: Store, catalog: Catalog, nomination_ids: Sequence[int],
                    status: NominationStatus, actor: str, today: date
                    ) -> tuple[tuple[Nomination, ...], Changes]:
    """Move many nominations one step at once (issue 12: 150 LĐTT after the council), all or
    none: every nominee that cannot move is named with its reason and nothing is written."""
    if status not in MANY_STEPS:
        raise UserError(_("Bước “{s}” phải làm cho từng đề nghị.").format(s=status.label),
                        code="status.one_at_a_time")
    noms = [nomination_or_error(store, nid) for nid in dict.fromkeys(nomination_ids)]
    moving = [n for n in noms if n.status is not status]
    problems = []
    for nom in moving:
        refused = _step_refusal(store, catalog, nom, catalog.title(nom.target), status, "")
        if refused is not None:
            problems.append(Problem(refused.code or "status.refused", f"nominations[{nom.id}]",
                                    f"{nom.subject_name}: {refused.message}"))
    if problems:
        raise refusal(problems, _("Chưa chuyển được sang “{s}” (không ghi gì):").format(
            s=status.label), _("Bỏ chọn những đề nghị này hoặc hoàn thiện chúng rồi làm lại."))
    changes = Changes()
    with store.write() as db:
        for nom in moving:
            assert nom.id is not None
            repo.set_nomination_status(db, nom.id, status, province_notes=None,
                                       decision_no=None, decision_date=None)
            reg_repo.append_audit(db, actor, "status", "nomination", nom.id,
                                  _("{name} – {t}: {a} → {b}").format(
                                      name=nom.subject_name, t=catalog.title(nom.target).name,
                                      a=nom.status.label, b=status.label),
                                  {"before": nom.status.value, "after": status.value,
                                   "batch": len(moving)})
            changes = changes | changes_for(nom.subject, rounds=(nom.round_id,),
                                            nominations=(nom.id,))
        saved = tuple(repo.get_nomination(db, n.id or 0) for n in noms)
    assert all(s is not None for s in saved)
    return tuple(s for s in saved if s is not None), changes
