"""Correcting the minutes of a council meeting already recorded (save_meeting with its id)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.core.errors import UserError, ValidationError
from desktop.core.model.rounds import NominationStatus, VoteMethod
from desktop.core.operations import rounds as ops
from tests.unit.rounds.conftest import ACTOR, World
from tests.unit.rounds.test_rounds_council import meeting, ready, vote


def test_corrected_total_recomputes_pass_fail_and_is_audited(world: World) -> None:
    rnd = world.round()
    m = meeting(world, rnd, total=10, present=8, written=1)
    nom = world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")
    assert vote(world, m, nom, 8).passed  # 8/10 = 80 %
    fixed, votes, changes = ops.save_meeting(world.store, world.catalog, replace(
        m, members_total=11, place="Phòng họp số 2"), [], ACTOR, world.today)
    assert fixed.members_total == 11 and fixed.place == "Phòng họp số 2"
    assert ops.meetings(world.store, m.round_id) == [fixed]  # edited, not a second meeting
    (v,) = votes
    assert not v.passed  # 8/11 < 80 %
    assert ops.votes(world.store, nom.id or 0) == [v]
    assert changes.nominations == {nom.id}
    assert ops.tally(world.store, world.catalog, fixed.id or 0)[0].members_total == 11
    actions = world.store.db.execute("SELECT action, entity FROM audit_log").fetchall()
    assert ("update", "council_meeting") in [tuple(a) for a in actions]


def test_votes_above_the_new_present_are_refused_and_nothing_changes(world: World) -> None:
    rnd = world.round()
    m = meeting(world, rnd, total=10, present=8, written=1)
    nom = world.nominate(rnd, world.hoa)
    vote(world, m, nom, 9, method=VoteMethod.HANDS)
    with pytest.raises(ValidationError) as raised:
        ops.save_meeting(world.store, world.catalog, replace(m, present=6), [], ACTOR,
                         world.today)
    assert raised.value.codes == ["meeting.votes_over_voices"]
    assert ops.meetings(world.store, m.round_id) == [m]


def test_shrinking_the_figures_and_retyping_the_votes_is_one_save(world: World) -> None:
    """What the dialog once had to order by hand (votes first when the figures shrink):
    the new header and the new counts are checked together and written together."""
    rnd = world.round()
    m = meeting(world, rnd, total=10, present=8, written=1)
    nom = world.nominate(rnd, world.hoa)
    vote(world, m, nom, 9, method=VoteMethod.HANDS)
    smaller = replace(m, present=6)
    saved, (v,), _c = ops.save_meeting(world.store, world.catalog, smaller, [
        ops.VoteEntry(nom.id or 0, VoteMethod.HANDS, 7)], ACTOR, world.today)
    assert saved.present == 6 and v.votes_for == 7 and v.passed


def test_result_of_a_ready_nomination_cannot_flip(world: World) -> None:
    rnd = world.round()
    m = meeting(world, rnd, total=10, present=8, written=1)
    nom = world.nominate(rnd, world.hoa)
    assert nom.id is not None
    vote(world, m, nom, 6, method=VoteMethod.HANDS)  # 6/10 > half
    ops.set_status(world.store, world.catalog, nom.id, NominationStatus.REVIEWED, ACTOR,
                   world.today)
    ready(world, nom)
    ops.set_status(world.store, world.catalog, nom.id, NominationStatus.READY, ACTOR,
                   world.today)
    with pytest.raises(ValidationError) as raised:
        ops.save_meeting(world.store, world.catalog, replace(m, members_total=12), [], ACTOR,
                         world.today)
    assert raised.value.codes == ["meeting.result_flips"]
    # a change that keeps the result is fine
    ops.save_meeting(world.store, world.catalog, replace(m, members_total=11), [], ACTOR,
                     world.today)
    # and its count cannot be retyped while it is past the council
    with pytest.raises(ValidationError) as raised:
        ops.save_meeting(world.store, world.catalog, m, [
            ops.VoteEntry(nom.id, VoteMethod.HANDS, 7)], ACTOR, world.today)
    assert raised.value.codes == ["vote.not_votable"]


def test_unknown_meeting_and_bad_figures(world: World) -> None:
    rnd = world.round()
    m = meeting(world, rnd)
    with pytest.raises(UserError) as err:
        ops.save_meeting(world.store, world.catalog, replace(m, id=999), [], ACTOR,
                         world.today)
    assert err.value.code == "meeting.not_found"
    with pytest.raises(ValidationError) as raised:
        ops.save_meeting(world.store, world.catalog, replace(m, present=20), [], ACTOR,
                         world.today)
    assert raised.value.codes == ["meeting.voices_over_members"]
