"""One decision for many nominations (issue 12): after the council the chairman signs ONE
decision recognising every LĐTT (and the other titles the unit decides itself), so its
number, date and deciding body are typed once and recorded for all of them in one
transaction, and taken back whole with Ctrl+Z while nobody has touched the awards since.
The checks are set_status's, so a nominee refused here would be refused one at a time too.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Award, Changes, History, SubjectKind, SubjectRef
from desktop.core.model.rounds import Nomination, NominationStatus
from desktop.core.operations.rounds.base import nomination_or_error, refusal, round_or_error
from desktop.core.operations.rounds.statuses import _decision_problems, _step_refusal
from desktop.core.store import Store
from desktop.core.store import decisions as dec_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import clean, format_date

DECIDED = NominationStatus.DECIDED


@dataclass(frozen=True)
class DecisionRefusal:
    """A nominee who cannot take the decision, and why (a stable code and the reason)."""

    nomination: Nomination
    code: str
    reason: str


@dataclass(frozen=True)
class DecisionPreview:
    """What "Ghi quyết định…" would do with the nominations given: who takes it, who not."""

    ready: tuple[Nomination, ...]
    refused: tuple[DecisionRefusal, ...]


@dataclass(frozen=True)
class DecidedNomination:
    """One nomination as it was before the decision, to put it back on undo."""

    nomination_id: int
    subject: SubjectRef
    target: str
    before: NominationStatus
    before_no: str
    before_date: date | None
    initiative_uses: tuple[tuple[int, str, int | None], ...]


@dataclass(frozen=True)
class DecisionBatch:
    """What decide_many recorded: the decision, the year of its awards and every nominee."""

    decision_no: str
    decision_date: date
    year: int
    items: tuple[DecidedNomination, ...]


def _refusal_of(store: Store, catalog: Catalog, nom: Nomination) -> DecisionRefusal | None:
    title = catalog.title(nom.target)
    if nom.status is DECIDED:
        return DecisionRefusal(nom, "decision.already_decided", _(
            "đã có quyết định số {n} ngày {d}").format(n=nom.decision_no,
                                                      d=format_date(nom.decision_date)))
    if not title.decided_by_unit:
        return DecisionRefusal(nom, "decision.decided_higher_up", _(
            "“{t}” do {a} quyết định, không phải đơn vị (nhập quyết định của cấp trên)"
        ).format(t=title.name, a=title.authority))
    refused = _step_refusal(store, catalog, nom, title, DECIDED, "")
    if refused is not None:
        code = refused.code or "status.refused"
        reason = (_("đang ở “{s}”, chưa đến bước “Hồ sơ đủ”").format(s=nom.status.label)
                  if code == "status.not_allowed" else refused.message)
        return DecisionRefusal(nom, code, reason)
    return None


def decision_preview(nomination_ids: Sequence[int], *, store: Store, catalog: Catalog
                     ) -> DecisionPreview:
    """Split the nominations given (in order, each once) into those that can take the unit's
    decision now and those that cannot, with the reason (wrong status, a title decided
    higher up, already decided)."""
    ready, refused = [], []
    for nid in dict.fromkeys(nomination_ids):
        nom = nomination_or_error(store, nid)
        why = _refusal_of(store, catalog, nom)
        if why is None:
            ready.append(nom)
        else:
            refused.append(why)
    return DecisionPreview(tuple(ready), tuple(refused))


def awaiting_decision(round_id: int, *, store: Store, catalog: Catalog) -> tuple[int, ...]:
    """The round's nominations at “Hồ sơ đủ” whose title the unit decides itself."""
    return tuple(n.id for n in repo.nominations_of_round(store.db, round_id)
                 if n.id is not None and n.status is NominationStatus.READY
                 and catalog.title(n.target).decided_by_unit)


def decide_many(nomination_ids: Sequence[int], *, store: Store, catalog: Catalog, actor: str,
                today: date, decision_no: str, decision_date: date | None, issuer: str = ""
                ) -> tuple[DecisionBatch, Changes]:
    """Record one decision (number, date, deciding body) for every nomination given, all or
    none: each becomes “Đã có quyết định” and its award is added to the subject's history
    (its sáng kiến marked used), as set_status does one at a time.

    Refused whole, every problem at once with its code: the decision's own (the single
    dialog's: `status.decision_no_missing`, `status.decision_date_missing`,
    `status.decision_date_future`), `bulk.nothing_chosen`, and per nominee
    (`decision.already_decided`, `decision.decided_higher_up`, `status.not_allowed`, …).
    An empty `issuer` means each title's own authority.
    """
    number = clean(decision_no)
    problems = _decision_problems(number, decision_date, today)
    ids = list(dict.fromkeys(nomination_ids))
    if not ids:
        raise UserError(_("Chưa chọn đề nghị nào."), code="bulk.nothing_chosen")
    preview = decision_preview(ids, store=store, catalog=catalog)
    problems += [Problem(r.code, f"nominations[{r.nomination.id}]",
                         f"{r.nomination.subject_name}: {r.reason}") for r in preview.refused]
    if problems:
        raise refusal(problems, _("Chưa ghi được quyết định (không ghi gì):"), _(
            "Sửa số, ngày quyết định hoặc bỏ chọn những đề nghị này rồi làm lại."))
    assert decision_date is not None
    rounds = {n.round_id: round_or_error(store, n.round_id) for n in preview.ready}
    batch, body, items = uuid.uuid4().hex, clean(issuer), []
    with store.write() as db:
        for nom in preview.ready:
            assert nom.id is not None
            rnd, title = rounds[nom.round_id], catalog.title(nom.target)
            uses = tuple(dec_repo.initiative_uses(db, nom.subject, nom.initiative)
                         ) if nom.initiative else ()
            repo.set_nomination_status(db, nom.id, DECIDED, decision_no=number,
                                       decision_date=decision_date)
            reg_repo.add_history(db, nom.subject, History(awards=(Award(
                year=rnd.year, code=nom.target, kind=rnd.kind.award_kind, decision_no=number,
                decision_date=decision_date, issuer=body or title.authority),)))
            if nom.initiative:  # the sáng kiến is now used (LAW §2.8)
                repo.mark_initiative_used(db, nom.subject, nom.initiative, nom.target,
                                          rnd.year)
            reg_repo.append_audit(db, actor, "status", "nomination", nom.id,
                                  _("{name} – {t}: {a} → {b}").format(
                                      name=nom.subject_name, t=title.name, a=nom.status.label,
                                      b=DECIDED.label),
                                  {"before": nom.status.value, "after": DECIDED.value,
                                   "decision_no": number, "decision_date": decision_date,
                                   "batch": batch, "count": len(preview.ready)})
            items.append(DecidedNomination(nom.id, nom.subject, nom.target, nom.status,
                                           nom.decision_no, nom.decision_date, uses))
    years = {rnd.year for rnd in rounds.values()}
    done = DecisionBatch(number, decision_date, min(years), tuple(items))
    return done, _changes(items, frozenset(rounds))


def undo_decisions(batch: DecisionBatch, *, store: Store, catalog: Catalog, actor: str
                   ) -> Changes:
    """Take back a whole decide_many in one transaction: statuses and decisions as they
    were, the awards it added removed, the sáng kiến marks put back.

    Refused whole (`bulk.undo_changed`, naming them) when a nominee's decision or its award
    was changed since (another number, the award edited or removed in the history).
    Nominations removed since are skipped.
    """
    plan, changed = [], []
    for item in batch.items:
        nom = repo.get_nomination(store.db, item.nomination_id)
        if nom is None:
            continue
        rnd = round_or_error(store, nom.round_id)
        awards = dec_repo.award_ids(store.db, item.subject, rnd.year, item.target,
                                    batch.decision_no)
        if nom.status is not DECIDED or nom.decision_no != batch.decision_no or not awards:
            changed.append(nom.subject_name)
        else:
            plan.append((item, nom, awards[-1]))
    if changed:
        raise UserError(_("Không hoàn tác được: quyết định của {names} đã được sửa sau đó."
                          ).format(names=", ".join(changed)),
                        _("Hãy sửa từng người trong hồ sơ nếu vẫn muốn bỏ."),
                        code="bulk.undo_changed")
    with store.write() as db:
        for item, nom, award_id in plan:
            dec_repo.restore_decision(db, item.nomination_id, item.before, item.before_no,
                                      item.before_date)
            dec_repo.delete_award(db, award_id)
            for iid, code, year in item.initiative_uses:
                dec_repo.set_initiative_use(db, iid, code, year)
            reg_repo.append_audit(db, actor, "status", "nomination", item.nomination_id,
                                  _("Hoàn tác quyết định {n}: {name} – {t}").format(
                                      n=batch.decision_no, name=nom.subject_name,
                                      t=catalog.name_of(item.target)),
                                  {"before": DECIDED.value, "after": item.before.value,
                                   "undo": True, "award_id": award_id})
    return _changes([p[0] for p in plan], frozenset(p[1].round_id for p in plan))


def _changes(items: Sequence[DecidedNomination], rounds: frozenset[int]) -> Changes:
    return Changes(
        people=frozenset(i.subject.id for i in items if i.subject.kind is SubjectKind.PERSON),
        collectives=frozenset(i.subject.id for i in items
                              if i.subject.kind is SubjectKind.COLLECTIVE),
        rounds=rounds, nominations=frozenset(i.nomination_id for i in items))
