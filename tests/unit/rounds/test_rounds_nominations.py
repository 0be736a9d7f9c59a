"""Rounds, deadlines, registration, nominations, justification, "one achievement, one reward",
and deleting a nominated person. Refusals are matched by code; one test per rule at most
reads the Vietnamese wording."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

import pytest

from desktop.core.catalog import DayOfYear
from desktop.core.errors import ConfirmationRequired, UserError, ValidationError
from desktop.core.model import Award, AwardKind, History, Initiative
from desktop.core.model.rounds import RoundKind, Verdict
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as ops
from desktop.core.rules import Reason as RuleReason
from desktop.core.rules import Status
from desktop.core.rules import Verdict as RuleVerdict
from desktop.core.store import registry as reg_repo
from tests.unit.rounds.conftest import ACTOR, World

CSTDCS = "chien_si_thi_dua_co_so"


def codes(err: pytest.ExceptionInfo[UserError]) -> list[str]:
    value = err.value
    return value.codes if isinstance(value, ValidationError) else [value.code]


# ---- rounds and deadlines ----------------------------------------------------------------------


def test_year_end_round_takes_deadline_and_receiving_body_from_the_province(world: World
                                                                           ) -> None:
    rnd = world.round(name="")
    assert rnd.deadline == date(2026, 12, 10)
    assert rnd.receiving_body == "Sở Nội vụ (Phòng Thi đua, khen thưởng)"
    assert rnd.name == "Xét khen thưởng công trạng năm 2026"
    assert ops.days_left(rnd, world.today) == 17
    assert ops.deadline_text(rnd, world.today).startswith("Còn 17 ngày")
    assert ops.deadline_text(rnd, date(2026, 12, 10)).startswith("Hôm nay là hạn nộp")
    assert ops.days_left(rnd, date(2026, 12, 13)) == -3
    assert "quá hạn nộp 3 ngày" in ops.deadline_text(rnd, date(2026, 12, 13))


def test_create_round_returns_what_changed(world: World) -> None:
    rnd, changes = ops.create_round(world.store, world.catalog, RoundKind.CONG_TRANG, 2026, "",
                                    ACTOR, world.today)
    assert changes.rounds == {rnd.id}


def test_sudden_feat_round_deadline_counts_from_today(world: World) -> None:
    rnd = world.round(RoundKind.DOT_XUAT)
    assert rnd.deadline == world.today + timedelta(days=10)


def test_campaign_round_needs_movement_and_period(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        world.round(RoundKind.PHONG_TRAO)
    assert set(err.value.codes) == {"round.movement_missing", "round.movement_period_missing"}
    with pytest.raises(ValidationError) as err:
        world.round(RoundKind.PHONG_TRAO, movement="Nông thôn mới",
                    movement_from=date(2026, 5, 1), movement_to=date(2026, 1, 1))
    assert err.value.codes == ["round.movement_period_reversed"]
    rnd = world.round(RoundKind.PHONG_TRAO, movement="Chung tay xây dựng nông thôn mới",
                      movement_from=date(2024, 1, 1), movement_to=date(2026, 12, 31))
    assert rnd.movement == "Chung tay xây dựng nông thôn mới"
    assert rnd.deadline == date(2026, 12, 31) + timedelta(days=30)


def test_a_deadline_already_past_is_refused(world: World) -> None:
    with pytest.raises(UserError) as err:
        world.round(deadline=date(2026, 11, 1))
    assert codes(err) == ["round.deadline_past"]
    assert world.count("rounds") == 0


def test_nominating_in_a_round_past_its_deadline_is_refused_and_nothing_is_lost(
        world: World) -> None:
    rnd = world.round(deadline=date(2026, 11, 30))
    world.nominate(rnd, world.hoa)
    assert rnd.id is not None
    with pytest.raises(UserError) as err:
        ops.add_nomination(world.store, world.catalog, rnd.id, world.lan, "lao_dong_tien_tien",
                           "", ACTOR, date(2026, 12, 2), evaluate=world.evaluate)
    assert codes(err) == ["nomination.past_deadline"]
    # the one wording check of this rule: how late, and what to do
    assert "quá hạn nộp 2 ngày" in err.value.message and "sửa hạn nộp" in err.value.hint
    assert world.count("nominations") == 1
    moved, changes = ops.change_deadline(world.store, rnd.id, date(2026, 12, 15), ACTOR,
                                         date(2026, 12, 2))
    assert moved.deadline == date(2026, 12, 15) and changes.rounds == {rnd.id}
    ops.add_nomination(world.store, world.catalog, rnd.id, world.lan, "lao_dong_tien_tien",
                       "", ACTOR, date(2026, 12, 2), evaluate=world.evaluate)
    assert world.count("nominations") == 2


def test_round_with_nominations_cannot_be_deleted(world: World) -> None:
    rnd = world.round()
    world.nominate(rnd, world.hoa)
    assert rnd.id is not None
    with pytest.raises(UserError) as err:
        ops.delete_round(world.store, rnd.id, ACTOR)
    assert codes(err) == ["round.not_empty"]
    assert ops.get_round(world.store, rnd.id) is not None
    empty = world.round(RoundKind.DOT_XUAT)
    assert ops.delete_round(world.store, empty.id or 0, ACTOR).rounds == {empty.id}


def test_province_deadline_may_fall_in_the_following_year(world: World) -> None:
    default = world.catalog.province("default")
    later = replace(default, code="thu", deadlines=MappingProxyType(
        {**default.deadlines, "cong_hien": DayOfYear(1, 15, year_offset=1)}))
    catalog = replace(world.catalog, provinces=MappingProxyType(
        {**world.catalog.provinces, "thu": later}))
    assert ops.default_deadline(catalog, "thu", RoundKind.CONG_HIEN, 2026, world.today) == \
        date(2027, 1, 15)
    assert ops.default_deadline(catalog, "thu", RoundKind.CONG_TRANG, 2026, world.today) == \
        date(2026, 12, 10)
    # a profile this version does not ship: the national defaults
    assert ops.default_deadline(catalog, "khong_co", RoundKind.CONG_TRANG, 2026,
                                world.today) == date(2026, 12, 10)


# ---- registration ------------------------------------------------------------------------------


def test_registration_list_and_unregistered_flag(world: World) -> None:
    _reg, changes = ops.register(world.store, world.catalog, 2026, world.hoa,
                                 "lao_dong_tien_tien", ACTOR, date(2026, 1, 6))
    assert changes.registration_years == {2026} and changes.people == {world.hoa.id}
    ops.register(world.store, world.catalog, 2026, world.phong, "tap_the_lao_dong_tien_tien",
                 ACTOR, date(2026, 1, 6))
    listed = ops.registrations(world.store, 2026)
    assert [(r.subject_name, r.target) for r in listed] == [
        ("Hoàng Thị Hoa", "lao_dong_tien_tien"),
        ("Phòng Kinh tế", "tap_the_lao_dong_tien_tien")]
    for ref, target, code in ((world.hoa, "lao_dong_tien_tien", "registration.duplicate"),
                              (world.hoa, "giay_khen", "registration.not_a_title"),
                              (world.hoa, "tap_the_lao_dong_tien_tien",
                               "registration.wrong_subject")):
        with pytest.raises(ValidationError) as err:
            ops.register(world.store, world.catalog, 2026, ref, target, ACTOR, date(2026, 1, 7))
        assert err.value.codes == [code]
    with pytest.raises(ValidationError) as err:
        ops.register(world.store, world.catalog, 2030, world.lan, "lao_dong_tien_tien", ACTOR,
                     date(2026, 1, 7))
    assert err.value.codes == ["registration.year_invalid"]
    rnd = world.round()
    registered = world.nominate(rnd, world.hoa)
    unregistered = world.nominate(rnd, world.lan)
    world.nominate(rnd, world.nam, "giay_khen")  # a form of commendation: no registration
    assert registered.registered and not unregistered.registered
    assert rnd.id is not None
    flagged = ops.unregistered_nominees(world.store, world.catalog, rnd.id)
    assert [n.subject_name for n in flagged] == ["Lê Thị Lan"]
    assert listed[0].id is not None
    ops.unregister(world.store, listed[0].id, ACTOR)
    assert len(ops.unregistered_nominees(world.store, world.catalog, rnd.id)) == 2


# ---- nominations and justification -------------------------------------------------------------


def test_eligible_nomination_stores_the_verdict_and_is_audited(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    nom, changes = ops.add_nomination(world.store, world.catalog, rnd.id, world.hoa,
                                      "lao_dong_tien_tien", "", ACTOR, world.today,
                                      evaluate=world.evaluate)
    assert nom.eligibility.verdict is Verdict.ELIGIBLE
    assert nom.subject_name == "Hoàng Thị Hoa"
    assert world.evaluate.calls == [(world.hoa, 2026, "default", frozenset())]
    assert (changes.nominations, changes.rounds, changes.people) == (
        {nom.id}, {rnd.id}, {world.hoa.id})
    audit = registry_ops.audit_entries(world.store)
    assert audit[0]["entity"] == "nomination" and "Hoàng Thị Hoa" in audit[0]["summary"]


def test_a_nominee_on_hold_is_refused_even_with_a_justification(world: World) -> None:
    rnd = world.round()
    world.evaluate.verdicts[world.lan.id] = "hold"
    with pytest.raises(ValidationError) as err:
        world.nominate(rnd, world.lan, justification="Đã có kết luận miệng.")
    assert err.value.codes == ["nomination.on_hold"]
    # the one wording check of this rule: the reasons are listed, the way out is said
    assert "tạm dừng xét" in err.value.message and "Xếp loại năm 2026" in err.value.message
    assert "bỏ đánh dấu" in err.value.hint
    assert world.count("nominations") == 0


def test_ineligible_needs_a_written_justification(world: World) -> None:
    rnd = world.round()
    world.evaluate.verdicts[world.lan.id] = "ineligible"
    with pytest.raises(ValidationError) as err:
        world.nominate(rnd, world.lan)
    assert err.value.codes == ["nomination.needs_justification"]
    assert "Xếp loại năm 2026" in err.value.message and "lý do" in err.value.hint
    assert world.count("nominations") == 0
    nom = world.nominate(rnd, world.lan,
                         justification="Có thành tích đột xuất trong phòng chống bão lũ.")
    assert nom.eligibility.verdict is Verdict.INELIGIBLE
    assert nom.justification == "Có thành tích đột xuất trong phòng chống bão lũ."
    assert nom.eligibility.reasons[0].basis == "Luật TĐKT 2022, Điều 24"
    assert nom.eligibility.reasons[0].status == "not_met"
    again = ops.get_nomination(world.store, nom.id or 0)
    assert again is not None and again.justification == nom.justification
    assert again.eligibility == nom.eligibility


def test_title_must_fit_the_subject_and_the_round_kind(world: World) -> None:
    rnd = world.round()
    with pytest.raises(UserError) as err:
        world.nominate(rnd, world.phong, "lao_dong_tien_tien")
    assert codes(err) == ["nomination.wrong_subject"]
    sudden = world.round(RoundKind.DOT_XUAT)
    with pytest.raises(UserError) as err:
        world.nominate(sudden, world.hoa, CSTDCS)
    assert codes(err) == ["nomination.wrong_round_kind"]


def test_a_sudden_feat_needs_its_achievement_written(world: World) -> None:
    flood = world.round(RoundKind.DOT_XUAT, name="Cứu người trong lũ")
    with pytest.raises(ValidationError) as err:
        world.nominate(flood, world.nam, "giay_khen")
    assert err.value.codes == ["nomination.needs_achievement"]
    with pytest.raises(ValidationError):
        world.nominate(flood, world.nam, "giay_khen", achievement="   ")
    assert world.count("nominations") == 0
    nom = world.nominate(flood, world.nam, "giay_khen",
                         achievement="Cứu hai người bị lũ cuốn ngày 12/9/2026")
    assert nom.achievement == "Cứu hai người bị lũ cuốn ngày 12/9/2026"


def test_in_a_sudden_feat_round_the_written_feat_is_the_claim_the_rules_read(
        world: World) -> None:
    """Issue 11 point 9: a farmer with no recorded confirmation is eligible for Giấy khen once
    the nomination states the feat, and the real rules engine says so."""
    flood = world.round(RoundKind.DOT_XUAT, name="Cứu người trong lũ")
    assert flood.id is not None
    bare = ops.nomination_form(world.store, world.catalog, flood.id, world.nam, "giay_khen")
    assert bare.achievement_required and bare.achievement_claim == "nhieu_thanh_tich_dot_xuat"
    assert bare.verdict is not None and bare.verdict.verdict is Verdict.INELIGIBLE
    written = ops.nomination_form(world.store, world.catalog, flood.id, world.nam, "giay_khen",
                                  achievement="Cứu hai người bị lũ cuốn")
    assert written.verdict is not None and written.verdict.verdict is Verdict.ELIGIBLE
    nom, _c = ops.add_nomination(world.store, world.catalog, flood.id, world.nam, "giay_khen",
                                 "", ACTOR, world.today, achievement="Cứu hai người bị lũ cuốn")
    assert nom.eligibility.verdict is Verdict.ELIGIBLE and not nom.justification
    year_end = world.round()
    plain = ops.nomination_form(world.store, world.catalog, year_end.id or 0, world.nam,
                                "giay_khen", achievement="Cứu hai người bị lũ cuốn")
    assert not plain.achievement_required and plain.achievement_claim == ""
    assert plain.verdict is not None and plain.verdict.verdict is Verdict.INELIGIBLE


def test_snapshot_reads_the_engine_verdicts_and_their_reason_status() -> None:
    verdict = RuleVerdict("lao_dong_tien_tien", "Lao động tiên tiến", 1, 2026, "eligible", (
        RuleReason("qualities", Status.UNCONFIRMED, "Chưa xác nhận tinh thần tự lực.",
                   "Luật TĐKT 2022, Điều 24"),))
    snap = ops.snapshot_of([verdict], "lao_dong_tien_tien")
    assert snap is not None and snap.verdict is Verdict.ELIGIBLE
    assert snap.reasons[0].status == "unconfirmed"
    assert ops.snapshot_of([verdict], "giay_khen") is None


def test_the_nomination_form_offers_the_subjects_initiatives_where_a_part_is_grounds(
        world: World) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(initiatives=(
            Initiative(2026, "Số hóa hồ sơ một cửa"),
            Initiative(2025, "Sổ tay tiếp dân", used_for_code="bang_khen_tinh",
                       used_for_year=2025))))
    rnd = world.round()
    assert rnd.id is not None
    form = ops.nomination_form(world.store, world.catalog, rnd.id, world.hoa, CSTDCS,
                               evaluate=world.evaluate)
    assert form.initiative_grounds
    assert [(i.name, i.usable) for i in form.initiatives] == [  # the history's order: by year
        ("Sổ tay tiếp dân", False), ("Số hóa hồ sơ một cửa", True)]
    assert "Bằng khen" in form.initiatives[0].note
    assert [i.name for i in form.usable_initiatives] == ["Số hóa hồ sơ một cửa"]
    assert ("xac_nhan_thanh_tich", "Giấy chứng nhận/xác nhận sáng kiến, đề tài khoa học, kết "
            "quả xếp loại HTXSNV") in form.parts
    ldtt = ops.nomination_form(world.store, world.catalog, rnd.id, world.hoa,
                               "lao_dong_tien_tien", evaluate=world.evaluate)
    assert not ldtt.initiative_grounds and ldtt.initiatives == ()
    assert ldtt.needs_registration and not ldtt.registered


# ---- one achievement, one reward ---------------------------------------------------------------


def test_same_title_same_year_in_another_round_is_refused(world: World) -> None:
    first = world.round(name="Đợt 1")
    second = world.round(name="Đợt bổ sung")
    world.nominate(first, world.hoa)
    with pytest.raises(ValidationError) as err:
        world.nominate(second, world.hoa)
    assert err.value.codes == ["one_reward.same_year"]
    # the one wording check of the one-reward rules: the rule is named, the round too
    assert "một lần" in err.value.message and "Đợt 1" in err.value.message
    with pytest.raises(ValidationError) as err:
        world.nominate(first, world.hoa)
    assert err.value.codes == ["one_reward.same_round"]
    assert world.count("nominations") == 1


def test_two_forms_for_one_years_merit_are_refused_but_titles_go_together(world: World
                                                                          ) -> None:
    rnd = world.round()
    world.nominate(rnd, world.hoa, "lao_dong_tien_tien")
    world.nominate(rnd, world.hoa, CSTDCS)   # title on title: allowed
    world.nominate(rnd, world.hoa, "giay_khen")
    with pytest.raises(ValidationError) as err:
        world.nominate(world.round(name="Đợt tỉnh"), world.hoa, "bang_khen_tinh")
    assert err.value.codes == ["one_reward.form_twice"]
    assert world.count("nominations") == 3


def test_sudden_feat_one_reward_per_feat_but_feats_are_separate(world: World) -> None:
    flood = world.round(RoundKind.DOT_XUAT, name="Cứu người trong lũ")
    feat = "Cứu người trong lũ ngày 12/9"
    world.nominate(flood, world.nam, "giay_khen", achievement=feat)
    with pytest.raises(ValidationError) as err:
        world.nominate(flood, world.nam, "bang_khen_tinh", achievement=feat)
    assert err.value.codes == ["one_reward.same_achievement"]
    fire = world.round(RoundKind.DOT_XUAT, name="Chữa cháy rừng")
    assert world.nominate(fire, world.nam, "giay_khen", achievement="Chữa cháy").id is not None


def test_same_movement_is_rewarded_once_across_rounds(world: World) -> None:
    kw = {"movement": "Chung tay xây dựng nông thôn mới", "movement_from": date(2024, 1, 1),
          "movement_to": date(2026, 10, 31)}
    world.nominate(world.round(RoundKind.PHONG_TRAO, name="Sơ kết", **kw), world.phong,
                   "giay_khen")
    with pytest.raises(ValidationError) as err:
        world.nominate(world.round(RoundKind.PHONG_TRAO, name="Tổng kết",
                                   **{**kw, "movement": "chung tay XÂY DỰNG nông thôn mới"}),
                       world.phong, "bang_khen_tinh")
    assert err.value.codes == ["one_reward.movement_twice"]


def test_award_already_in_the_history_is_refused(world: World) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(awards=(Award(
            2026, "lao_dong_tien_tien", AwardKind.CONG_TRANG, decision_no="12/QĐ-UBND"),)))
    with pytest.raises(ValidationError) as err:
        world.nominate(world.round(), world.hoa)
    assert err.value.codes == ["one_reward.history_has_award"]


def test_an_initiative_is_used_once(world: World) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(initiatives=(
            Initiative(2026, "Số hóa hồ sơ một cửa"),
            Initiative(2025, "Sổ tay tiếp dân", used_for_code="chien_si_thi_dua_tinh",
                       used_for_year=2025))))
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, CSTDCS, initiative="Số hóa hồ sơ một cửa")
    assert nom.initiative == "Số hóa hồ sơ một cửa"
    with pytest.raises(ValidationError) as err:
        world.nominate(rnd, world.hoa, "bang_khen_tinh", initiative="so hoa ho so mot cua")
    assert err.value.codes == ["initiative.cited_elsewhere"]
    with pytest.raises(ValidationError) as err:
        world.nominate(rnd, world.hoa, "bang_khen_tinh", initiative="Sổ tay tiếp dân")
    assert err.value.codes == ["initiative.used"]
    with pytest.raises(ValidationError) as err:
        world.nominate(rnd, world.hoa, "bang_khen_tinh", initiative="Không tồn tại")
    assert err.value.codes == ["initiative.unknown"]
    with pytest.raises(ValidationError) as err:
        world.nominate(rnd, world.hoa, "lao_dong_tien_tien", initiative="Sổ tay tiếp dân")
    assert set(err.value.codes) == {"initiative.not_grounds", "initiative.used"}
    assert world.count("nominations") == 1


def test_every_problem_is_reported_at_once(world: World) -> None:
    first = world.round(RoundKind.DOT_XUAT, name="Cứu người")
    world.nominate(first, world.lan, "giay_khen", achievement="Cứu người")
    world.evaluate.verdicts[world.lan.id] = "ineligible"
    with pytest.raises(ValidationError) as err:
        world.nominate(first, world.lan, "giay_khen")
    assert set(err.value.codes) == {"nomination.needs_achievement",
                                    "nomination.needs_justification", "one_reward.same_round"}


# ---- deleting a nominated person or collective -------------------------------------------------


def test_deleting_a_nominated_person_is_refused_with_the_rounds(world: World) -> None:
    rnd = world.round(name="Xét cuối năm 2026")
    nom = world.nominate(rnd, world.lan)
    with pytest.raises(UserError) as err:
        registry_ops.delete_person(world.store, world.lan.id, ACTOR, confirm=True)
    assert not isinstance(err.value, ConfirmationRequired)
    assert "Lê Thị Lan" in err.value.message and "“Xét cuối năm 2026”" in err.value.message
    assert registry_ops.get_person(world.store, world.lan.id) is not None
    assert nom.id is not None
    changes = ops.remove_nomination(world.store, nom.id, ACTOR)
    assert changes.nominations == {nom.id} and changes.people == {world.lan.id}
    registry_ops.delete_person(world.store, world.lan.id, ACTOR, confirm=True)
    assert registry_ops.get_person(world.store, world.lan.id) is None


def test_deleting_a_nominated_collective_is_refused(world: World) -> None:
    world.nominate(world.round(name="Xét cuối năm 2026"), world.phong,
                   "tap_the_lao_dong_tien_tien")
    with pytest.raises(UserError, match=r"Phòng Kinh tế.*1 đợt"):
        registry_ops.delete_collective(world.store, world.phong.id, ACTOR, confirm=True)
    assert registry_ops.get_collective(world.store, world.phong.id) is not None
