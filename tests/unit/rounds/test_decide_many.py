"""One decision for many nominations (issue 12): the chairman signs one decision for every
LĐTT of the round; its number and date are recorded for all at once, all or none, and taken
back whole."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import demo, profiles
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.core.operations.year_tasks import TaskState, year_tasks
from desktop.core.store import Store
from desktop.core.store import decisions as decisions_repo

TODAY = date(2026, 11, 23)
S = NominationStatus


@pytest.fixture
def store(tmp_path: Path, catalog: Catalog) -> Iterator[Store]:
    info = demo.build_demo(tmp_path, 5, "t", TODAY, catalog)
    opened = profiles.open_profile(tmp_path, info.id)
    yield opened
    opened.close()


def ready_own(store: Store, catalog: Catalog) -> tuple[int, list[int]]:
    """The demo round after the council, its passed LĐTT-like nominations moved to READY."""
    task = next(t for t in year_tasks(store, catalog, 2026, TODAY) if t.code == "decide")
    assert task.round_id is not None
    own = [n.id for n in ops.nominations(store, task.round_id)
           if catalog.title(n.target).decided_by_unit and n.id is not None
           and (votes := ops.votes(store, n.id)) and votes[-1].passed]
    for nid in own:
        for part in ops.checklist(store, catalog, nid).missing:
            ops.mark_part(store, catalog, nid, part.part, True, "t")
    ops.set_status_many(store, catalog, own, S.REVIEWED, "t", TODAY)
    ops.set_status_many(store, catalog, own, S.READY, "t", TODAY)
    return task.round_id, own


def decide(store: Store, catalog: Catalog, ids: list[int], number: str = "15/QĐ-UBND",
           when: date | None = date(2026, 11, 22)) -> tuple[ops.DecisionBatch, object]:
    return ops.decide_many(ids, store=store, catalog=catalog, actor="t", today=TODAY,
                           decision_no=number, decision_date=when, issuer="")


def codes(exc: UserError) -> list[str]:
    return exc.codes if isinstance(exc, ValidationError) else [exc.code]


def statuses(store: Store, rid: int) -> dict[int, S]:
    return {n.id or 0: n.status for n in ops.nominations(store, rid)}


def test_one_decision_for_every_ready_nominee_and_the_task_is_done(store, catalog) -> None:
    rid, own = ready_own(store, catalog)
    assert len(own) >= 3
    assert set(ops.awaiting_decision(rid, store=store, catalog=catalog)) == set(own)
    batch, changes = decide(store, catalog, own)
    assert len(batch.items) == len(own) and set(changes.nominations) == set(own)
    assert changes.rounds == frozenset({rid})
    for nid in own:
        nom = ops.get_nomination(store, nid)
        assert (nom.status, nom.decision_no, nom.decision_date) == (
            S.DECIDED, "15/QĐ-UBND", date(2026, 11, 22))
        awards = reg_ops.get_history(store, nom.subject).awards
        assert [a.issuer for a in awards if a.decision_no == "15/QĐ-UBND"] == [
            catalog.title(nom.target).authority]
    task = next(t for t in year_tasks(store, catalog, 2026, TODAY) if t.code == "decide")
    assert task.state is TaskState.DONE


def test_refusals_have_codes_and_nothing_is_written(store, catalog) -> None:
    rid, own = ready_own(store, catalog)
    before = statuses(store, rid)
    with pytest.raises(ValidationError) as empty:
        decide(store, catalog, own, number="  ", when=None)
    assert set(codes(empty.value)) == {"status.decision_no_missing",
                                       "status.decision_date_missing"}
    with pytest.raises(ValidationError) as future:
        decide(store, catalog, own, when=date(2026, 12, 1))
    assert codes(future.value) == ["status.decision_date_future"]
    with pytest.raises(UserError) as nothing:
        decide(store, catalog, [])
    assert nothing.value.code == "bulk.nothing_chosen"
    decide(store, catalog, own[:1])
    others = [n.id for n in ops.nominations(store, rid) if n.id not in own
              and n.status is not S.DECIDED]
    with pytest.raises(ValidationError) as mixed:   # one decided already: none is written
        decide(store, catalog, own, number="16/QĐ-UBND")
    assert "decision.already_decided" in codes(mixed.value)
    assert statuses(store, rid) == {**before, own[0]: S.DECIDED}
    preview = ops.decision_preview(own + others, store=store, catalog=catalog)
    assert [n.id for n in preview.ready] == own[1:]
    refused = {r.nomination.id: r.code for r in preview.refused}
    assert refused[own[0]] == "decision.already_decided"
    higher = [n for n in ops.nominations(store, rid) if n.id in others
              and not catalog.title(n.target).decided_by_unit]
    for nom in higher:   # a title the province decides is never recorded here
        assert refused[nom.id] == "decision.decided_higher_up"
    assert set(refused) - {own[0]} == set(others)


def test_undo_takes_the_whole_decision_back_in_one_go(store, catalog) -> None:
    rid, own = ready_own(store, catalog)
    before = statuses(store, rid)
    subjects = {nid: ops.get_nomination(store, nid).subject for nid in own}
    awards = {nid: len(reg_ops.get_history(store, ref).awards) for nid, ref in subjects.items()}
    batch, _c = decide(store, catalog, own)
    changes = ops.undo_decisions(batch, store=store, catalog=catalog, actor="t")
    assert set(changes.nominations) == set(own)
    assert statuses(store, rid) == before
    for nid, ref in subjects.items():
        nom = ops.get_nomination(store, nid)
        assert (nom.decision_no, nom.decision_date) == ("", None)
        assert len(reg_ops.get_history(store, ref).awards) == awards[nid]
    task = next(t for t in year_tasks(store, catalog, 2026, TODAY) if t.code == "decide")
    assert task.state is not TaskState.DONE


def test_undo_is_refused_when_a_decision_was_changed_since(store, catalog) -> None:
    rid, own = ready_own(store, catalog)
    batch, _c = decide(store, catalog, own)
    ref = ops.get_nomination(store, own[0]).subject
    with store.write() as db:   # the officer removed that award in the history editor
        for award_id in decisions_repo.award_ids(db, ref, 2026, batch.items[0].target,
                                                 "15/QĐ-UBND"):
            decisions_repo.delete_award(db, award_id)
    with pytest.raises(UserError) as refused:
        ops.undo_decisions(batch, store=store, catalog=catalog, actor="t")
    assert refused.value.code == "bulk.undo_changed"
    assert set(statuses(store, rid)[n] for n in own) == {S.DECIDED}
