"""Registering and nominating many at once: the preview shows every conflict before anything
is chosen, the apply is all or none in one transaction, and the whole batch is undone at once.
Refusals are matched by code."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.core.errors import UserError, ValidationError
from desktop.core.model import Award, AwardKind, History, Initiative, Scope, SubjectKind
from desktop.core.model.rounds import NominationStatus, RoundKind, Verdict
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as ops
from desktop.core.store import registry as reg_repo
from tests.unit.rounds.conftest import ACTOR, World

LDTT = "lao_dong_tien_tien"


def codes(err: pytest.ExceptionInfo[UserError]) -> list[str]:
    value = err.value
    return value.codes if isinstance(value, ValidationError) else [value.code]


def test_candidates_list_the_whole_unit_by_name_and_department(world: World) -> None:
    found, total = ops.candidates(world.store, SubjectKind.PERSON)
    assert total == 3 and [c.name for c in found] == ["Hoàng Thị Hoa", "Lê Thị Lan",
                                                       "Đặng Văn Nam"]  # by given name
    found, total = ops.candidates(world.store, SubjectKind.PERSON, query="hoa")
    assert [c.subject for c in found] == [world.hoa] and found[0].department == \
        "Văn phòng - Thống kê"
    found, _n = ops.candidates(world.store, SubjectKind.PERSON, department="Tài chính - Kế toán")
    assert [c.subject for c in found] == [world.lan]
    found, total = ops.candidates(world.store, SubjectKind.PERSON, limit=1)
    assert len(found) == 1 and total == 3
    # the main window's "đủ điều kiện" filter does not narrow a picker
    registry_ops.filter_people(world.store, [world.nam.id])
    assert ops.candidates(world.store, SubjectKind.PERSON)[1] == 3
    groups, _n = ops.candidates(world.store, SubjectKind.COLLECTIVE)
    assert [g.subject for g in groups] == [world.phong]


def test_preview_shows_the_recorded_award_and_hold_before_anything_is_chosen(world: World
                                                                            ) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(awards=(Award(
            2026, LDTT, AwardKind.CONG_TRANG, decision_no="12/QĐ-UBND"),)))
    ops.register(world.store, world.catalog, 2026, world.lan, LDTT, ACTOR, date(2026, 1, 6))
    world.evaluate.verdicts[world.nam.id] = "hold"
    rnd = world.round()
    assert rnd.id is not None
    rows = ops.nomination_preview(world.store, world.catalog, rnd.id,
                                  [world.hoa, world.lan, world.nam, world.phong, world.lan],
                                  LDTT, evaluate=world.evaluate)
    by = {r.subject: r for r in rows}
    assert len(rows) == 4  # Lan once
    assert [p.code for p in by[world.hoa].blocks] == ["one_reward.history_has_award"]
    assert by[world.hoa].eligible and not by[world.hoa].preselected
    assert by[world.lan].preselected and by[world.lan].registered is True
    assert [p.code for p in by[world.nam].blocks] == ["nomination.on_hold"]
    assert [p.code for p in by[world.phong].blocks] == ["nomination.wrong_subject"]
    assert by[world.phong].verdict is None


def test_nominate_many_writes_all_in_one_go_with_the_verdicts_shown(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    noms, changes = ops.nominate_many(world.store, world.catalog, rnd.id,
                                      [world.hoa, world.lan], LDTT, ACTOR, world.today,
                                      evaluate=world.evaluate)
    assert [n.subject_name for n in noms] == ["Hoàng Thị Hoa", "Lê Thị Lan"]
    assert all(n.eligibility.verdict is Verdict.ELIGIBLE and n.status is
               NominationStatus.DRAFT for n in noms)
    assert changes.nominations == {n.id for n in noms} and changes.rounds == {rnd.id}
    assert changes.people == {world.hoa.id, world.lan.id}
    audit = registry_ops.audit_entries(world.store)
    batches = {json.loads(e["detail"])["batch"] for e in audit if e["entity"] == "nomination"}
    assert len(batches) == 1  # one batch, one entry per nomination


def test_a_conflict_refuses_the_whole_batch_and_writes_nothing(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    world.nominate(rnd, world.hoa)
    world.evaluate.verdicts[world.nam.id] = "hold"
    with pytest.raises(ValidationError) as err:
        ops.nominate_many(world.store, world.catalog, rnd.id, [world.lan, world.hoa, world.nam],
                          LDTT, ACTOR, world.today, evaluate=world.evaluate)
    assert sorted(codes(err)) == ["nomination.on_hold", "one_reward.same_round"]
    assert "Hoàng Thị Hoa:" in err.value.message  # each problem names its subject
    assert world.count("nominations") == 1


def test_ineligible_rows_need_the_one_justification(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    world.evaluate.verdicts[world.lan.id] = "ineligible"
    with pytest.raises(ValidationError) as err:
        ops.nominate_many(world.store, world.catalog, rnd.id, [world.hoa, world.lan], LDTT,
                          ACTOR, world.today, evaluate=world.evaluate)
    assert codes(err) == ["nomination.needs_justification"]
    noms, _c = ops.nominate_many(world.store, world.catalog, rnd.id, [world.hoa, world.lan],
                                 LDTT, ACTOR, world.today, evaluate=world.evaluate,
                                 justification="Có thành tích đột xuất trong phòng chống lũ.")
    why = {n.subject_name: n.justification for n in noms}
    assert why == {"Hoàng Thị Hoa": "",
                   "Lê Thị Lan": "Có thành tích đột xuất trong phòng chống lũ."}


def test_bulk_nomination_refusals_for_the_whole_batch(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    with pytest.raises(UserError) as err:
        ops.nominate_many(world.store, world.catalog, rnd.id, [], LDTT, ACTOR, world.today,
                          evaluate=world.evaluate)
    assert codes(err) == ["bulk.nothing_chosen"]
    feat = world.round(RoundKind.DOT_XUAT)
    assert feat.id is not None
    with pytest.raises(UserError) as err:
        ops.nominate_many(world.store, world.catalog, feat.id, [world.hoa], LDTT, ACTOR,
                          world.today, evaluate=world.evaluate)
    assert codes(err) == ["nomination.wrong_round_kind"]
    with pytest.raises(ValidationError) as err:
        ops.nominate_many(world.store, world.catalog, feat.id, [world.hoa], "giay_khen", ACTOR,
                          world.today, evaluate=world.evaluate)
    assert codes(err) == ["nomination.needs_achievement"]
    with pytest.raises(UserError) as err:
        ops.nominate_many(world.store, world.catalog, rnd.id, [world.hoa], LDTT, ACTOR,
                          date(2027, 1, 5), evaluate=world.evaluate)
    assert codes(err) == ["nomination.past_deadline"]


def test_the_one_usable_initiative_is_cited_where_the_title_uses_one(world: World) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(initiatives=(Initiative(
            2026, "Số hóa hồ sơ một cửa", Scope.CO_SO, decision_no="05/QĐ-UBND"),)))
    rnd = world.round()
    assert rnd.id is not None
    (row,) = ops.nomination_preview(world.store, world.catalog, rnd.id, [world.hoa],
                                    "chien_si_thi_dua_co_so", evaluate=world.evaluate)
    assert row.initiative == "Số hóa hồ sơ một cửa" and row.applicable
    (nom,), _c = ops.nominate_many(world.store, world.catalog, rnd.id, [world.hoa],
                                   "chien_si_thi_dua_co_so", ACTOR, world.today,
                                   evaluate=world.evaluate)
    assert nom.initiative == "Số hóa hồ sơ một cửa"


def test_undo_takes_the_whole_batch_back_unless_worked_on(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    noms, _c = ops.nominate_many(world.store, world.catalog, rnd.id, [world.hoa, world.lan],
                                 LDTT, ACTOR, world.today, evaluate=world.evaluate)
    ids = [n.id or 0 for n in noms]
    changes = ops.undo_nominations(world.store, ids, ACTOR)
    assert changes.nominations == set(ids) and world.count("nominations") == 0
    noms, _c = ops.nominate_many(world.store, world.catalog, rnd.id, [world.hoa, world.lan],
                                 LDTT, ACTOR, world.today, evaluate=world.evaluate)
    ops.mark_part(world.store, world.catalog, noms[1].id or 0, "bien_ban", True, ACTOR)
    with pytest.raises(UserError) as err:
        ops.undo_nominations(world.store, [n.id or 0 for n in noms], ACTOR)
    assert codes(err) == ["bulk.undo_changed"] and "Lê Thị Lan" in err.value.message
    assert world.count("nominations") == 2


def test_real_rules_in_bulk_agree_with_one_at_a_time(world: World) -> None:
    """Without a test evaluator the rules are read once for all; each verdict equals the
    one a single nomination form computes."""
    rnd = world.round()
    assert rnd.id is not None
    refs = [world.hoa, world.lan, world.nam]
    rows = ops.nomination_preview(world.store, world.catalog, rnd.id, refs, LDTT)
    for row in rows:
        form = ops.nomination_form(world.store, world.catalog, rnd.id, row.subject, LDTT)
        assert row.verdict == form.verdict


def test_register_many_and_its_undo(world: World) -> None:
    ops.register(world.store, world.catalog, 2026, world.hoa, LDTT, ACTOR, date(2026, 1, 5))
    rows = ops.registration_preview(world.store, world.catalog, 2026,
                                    [world.hoa, world.lan, world.nam, world.phong], LDTT,
                                    evaluate=world.evaluate)
    blocked = {r.subject: [p.code for p in r.blocks] for r in rows if r.blocks}
    assert blocked == {world.hoa: ["registration.duplicate"],
                       world.phong: ["registration.wrong_subject"]}
    with pytest.raises(ValidationError) as err:
        ops.register_many(world.store, world.catalog, 2026, [world.lan, world.hoa], LDTT,
                          ACTOR, date(2026, 1, 7), evaluate=world.evaluate)
    assert codes(err) == ["registration.duplicate"]
    with pytest.raises(ValidationError) as err:
        ops.register_many(world.store, world.catalog, 2026, [world.lan], LDTT, ACTOR,
                          date(2026, 1, 7), registered_on=date(2026, 1, 9),
                          evaluate=world.evaluate)
    assert codes(err) == ["registration.date_future"]
    with pytest.raises(UserError) as err:
        ops.register_many(world.store, world.catalog, 2026, [world.lan], "giay_khen", ACTOR,
                          date(2026, 1, 7))
    assert codes(err) == ["registration.not_a_title"]
    regs, changes = ops.register_many(world.store, world.catalog, 2026, [world.lan, world.nam],
                                      LDTT, ACTOR, date(2026, 1, 7),
                                      registered_on=date(2026, 1, 6), note="Đăng ký đầu năm",
                                      evaluate=world.evaluate)
    assert [(r.subject_name, r.registered_on) for r in regs] == [
        ("Lê Thị Lan", date(2026, 1, 6)), ("Đặng Văn Nam", date(2026, 1, 6))]
    assert changes.registration_years == {2026} and len(ops.registrations(world.store,
                                                                           2026)) == 3
    ops.undo_registrations(world.store, [r.id or 0 for r in regs], ACTOR)
    assert [r.subject_name for r in ops.registrations(world.store, 2026)] == ["Hoàng Thị Hoa"]
