"""Rounds, deadlines, registration, nominations, justification, "one achievement, one reward",
and deleting a nominated person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core.errors import ConfirmationRequired, UserError, ValidationError
from desktop.core.model import Award, AwardKind, History, Initiative
from desktop.core.model.rounds import RoundKind, Verdict
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as ops
from desktop.core.store import registry as reg_repo
from tests.unit.rounds.conftest import ACTOR, World

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


def test_sudden_feat_round_deadline_counts_from_today(world: World) -> None:
    rnd = world.round(RoundKind.DOT_XUAT)
    assert rnd.deadline == world.today + timedelta(days=10)


def test_campaign_round_needs_movement_and_period(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        world.round(RoundKind.PHONG_TRAO)
    assert {p.field for p in err.value.problems} == {"movement", "movement_period"}
    rnd = world.round(RoundKind.PHONG_TRAO, movement="Chung tay xây dựng nông thôn mới",
                      movement_from=date(2024, 1, 1), movement_to=date(2026, 12, 31))
    assert rnd.movement == "Chung tay xây dựng nông thôn mới"
    assert rnd.deadline == date(2026, 12, 31) + timedelta(days=30)


def test_a_deadline_already_past_is_refused(world: World) -> None:
    with pytest.raises(UserError, match="đã qua"):
        world.round(deadline=date(2026, 11, 1))
    assert world.count("rounds") == 0


def test_nominating_in_a_round_past_its_deadline_is_refused_and_nothing_is_lost(
        world: World) -> None:
    rnd = world.round(deadline=date(2026, 11, 30))
    world.nominate(rnd, world.hoa)
    late = ops.add_nomination
    assert rnd.id is not None
    with pytest.raises(UserError) as err:
        late(world.store, world.catalog, rnd.id, world.lan, "lao_dong_tien_tien", "", ACTOR,
             date(2026, 12, 2), evaluate=world.evaluate)
    assert "quá hạn nộp 2 ngày" in err.value.message
    assert "sửa hạn nộp" in err.value.hint
    assert world.count("nominations") == 1
    ops.change_deadline(world.store, rnd.id, date(2026, 12, 15), ACTOR, date(2026, 12, 2))
    late(world.store, world.catalog, rnd.id, world.lan, "lao_dong_tien_tien", "", ACTOR,
         date(2026, 12, 2), evaluate=world.evaluate)
    assert world.count("nominations") == 2


def test_round_with_nominations_cannot_be_deleted(world: World) -> None:
    rnd = world.round()
    world.nominate(rnd, world.hoa)
    assert rnd.id is not None
    with pytest.raises(UserError, match="1 đề nghị"):
        ops.delete_round(world.store, rnd.id, ACTOR)
    assert ops.get_round(world.store, rnd.id) is not None


# ---- registration ------------------------------------------------------------------------------


def test_registration_list_and_unregistered_flag(world: World) -> None:
    ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien", ACTOR,
                 date(2026, 1, 6))
    ops.register(world.store, world.catalog, 2026, world.phong, "tap_the_lao_dong_tien_tien",
                 ACTOR, date(2026, 1, 6))
    listed = ops.registrations(world.store, 2026)
    assert [(r.subject_name, r.target) for r in listed] == [
        ("Hoàng Thị Hoa", "lao_dong_tien_tien"),
        ("Phòng Kinh tế", "tap_the_lao_dong_tien_tien")]
    with pytest.raises(ValidationError, match="đã đăng ký"):
        ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien", ACTOR,
                     date(2026, 1, 7))
    with pytest.raises(ValidationError, match="hình thức khen thưởng"):
        ops.register(world.store, world.catalog, 2026, world.hoa, "giay_khen", ACTOR,
                     date(2026, 1, 7))
    with pytest.raises(ValidationError, match="không dành cho"):
        ops.register(world.store, world.catalog, 2026, world.hoa, "tap_the_lao_dong_tien_tien",
                     ACTOR, date(2026, 1, 7))
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
    nom = world.nominate(rnd, world.hoa)
    assert nom.eligibility.verdict is Verdict.ELIGIBLE
    assert nom.subject_name == "Hoàng Thị Hoa"
    assert world.evaluate.calls == [(world.hoa, 2026, "default")]
    audit = registry_ops.audit_entries(world.store)
    assert audit[0]["entity"] == "nomination" and "Hoàng Thị Hoa" in audit[0]["summary"]


def test_a_nominee_on_hold_is_refused_even_with_a_justification(world: World) -> None:
    rnd = world.round()
    world.evaluate.verdicts[world.lan.id] = "hold"
    with pytest.raises(UserError) as err:
        world.nominate(rnd, world.lan, justification="Đã có kết luận miệng.")
    assert "tạm dừng xét" in err.value.message and "Xếp loại năm 2026" in err.value.message
    assert "bỏ đánh dấu" in err.value.hint
    assert world.count("nominations") == 0


def test_ineligible_needs_a_written_justification(world: World) -> None:
    verdict = "ineligible"
    rnd = world.round()
    world.evaluate.verdicts[world.lan.id] = verdict
    with pytest.raises(UserError) as err:
        world.nominate(rnd, world.lan)
    assert "Xếp loại năm 2026" in err.value.message  # the reasons are shown
    assert "lý do" in err.value.hint
    assert world.count("nominations") == 0
    nom = world.nominate(rnd, world.lan,
                         justification="Có thành tích đột xuất trong phòng chống bão lũ.")
    assert nom.eligibility.verdict is Verdict(verdict)
    assert nom.justification == "Có thành tích đột xuất trong phòng chống bão lũ."
    assert nom.eligibility.reasons[0].basis == "Luật TĐKT 2022, Điều 24"
    again = ops.get_nomination(world.store, nom.id or 0)
    assert again is not None and again.justification == nom.justification
    assert again.eligibility == nom.eligibility


def test_title_must_fit_the_subject_and_the_round_kind(world: World) -> None:
    rnd = world.round()
    with pytest.raises(UserError, match="không dành cho"):
        world.nominate(rnd, world.phong, "lao_dong_tien_tien")
    sudden = world.round(RoundKind.DOT_XUAT)
    with pytest.raises(UserError, match="không xét trong đợt khen đột xuất"):
        world.nominate(sudden, world.hoa, "chien_si_thi_dua_co_so")


def test_snapshot_accepts_the_evaluator_shapes() -> None:
    class V:
        verdict = Verdict.HOLD
        reasons = ("chờ kết luận thanh tra",)
        target = "giay_khen"
    by_target = ops.snapshot_of({"giay_khen": {"verdict": "eligible", "reasons": []}},
                                "giay_khen")
    assert by_target.verdict is Verdict.ELIGIBLE
    listed = ops.snapshot_of([V()], "giay_khen")
    assert listed.verdict is Verdict.HOLD and listed.reasons[0].message == "chờ kết luận thanh tra"
    with pytest.raises(ValueError):
        ops.snapshot_of({"lao_dong_tien_tien": {"verdict": "eligible"}}, "giay_khen")


# ---- one achievement, one reward ---------------------------------------------------------------


def test_same_title_same_year_in_another_round_is_refused(world: World) -> None:
    first = world.round(name="Đợt 1")
    second = world.round(name="Đợt bổ sung")
    world.nominate(first, world.hoa)
    with pytest.raises(UserError) as err:
        world.nominate(second, world.hoa)
    assert "một lần" in err.value.message and "Đợt 1" in err.value.message
    with pytest.raises(UserError, match="trong đợt này"):
        world.nominate(first, world.hoa)
    assert world.count("nominations") == 1


def test_two_forms_for_one_years_merit_are_refused_but_titles_go_together(world: World
                                                                          ) -> None:
    rnd = world.round()
    world.nominate(rnd, world.hoa, "lao_dong_tien_tien")
    world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")   # title on title: allowed
    world.nominate(rnd, world.hoa, "giay_khen")
    with pytest.raises(UserError, match="Giấy khen"):
        world.nominate(world.round(name="Đợt tỉnh"), world.hoa, "bang_khen_tinh")
    assert world.count("nominations") == 3


def test_sudden_feat_one_reward_per_feat_but_feats_are_separate(world: World) -> None:
    flood = world.round(RoundKind.DOT_XUAT, name="Cứu người trong lũ")
    world.nominate(flood, world.nam, "giay_khen")
    with pytest.raises(UserError, match="cùng thành tích"):
        world.nominate(flood, world.nam, "bang_khen_tinh")
    fire = world.round(RoundKind.DOT_XUAT, name="Chữa cháy rừng")
    assert world.nominate(fire, world.nam, "giay_khen").id is not None


def test_same_movement_is_rewarded_once_across_rounds(world: World) -> None:
    kw = {"movement": "Chung tay xây dựng nông thôn mới", "movement_from": date(2024, 1, 1),
          "movement_to": date(2026, 10, 31)}
    world.nominate(world.round(RoundKind.PHONG_TRAO, name="Sơ kết", **kw), world.phong,
                   "giay_khen")
    with pytest.raises(UserError, match="nông thôn mới"):
        world.nominate(world.round(RoundKind.PHONG_TRAO, name="Tổng kết",
                                   **{**kw, "movement": "chung tay XÂY DỰNG nông thôn mới"}),
                       world.phong, "bang_khen_tinh")


def test_award_already_in_the_history_is_refused(world: World) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(awards=(Award(
            2026, "lao_dong_tien_tien", AwardKind.CONG_TRANG, decision_no="12/QĐ-UBND"),)))
    with pytest.raises(UserError, match="12/QĐ-UBND"):
        world.nominate(world.round(), world.hoa)


def test_an_initiative_is_used_once(world: World) -> None:
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(initiatives=(
            Initiative(2026, "Số hóa hồ sơ một cửa"),
            Initiative(2025, "Sổ tay tiếp dân", used_for_code="chien_si_thi_dua_co_so",
                       used_for_year=2025))))
    rnd = world.round()
    world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so", initiative="Số hóa hồ sơ một cửa")
    with pytest.raises(UserError, match="đã được nêu trong đề nghị"):
        world.nominate(rnd, world.hoa, "lao_dong_tien_tien", initiative="so hoa ho so mot cua")
    with pytest.raises(UserError, match="đã dùng để đề nghị"):
        world.nominate(rnd, world.hoa, "giay_khen", initiative="Sổ tay tiếp dân")
    with pytest.raises(UserError, match="Không có sáng kiến"):
        world.nominate(rnd, world.hoa, "giay_khen", initiative="Không tồn tại")
    assert world.count("nominations") == 1


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
    ops.remove_nomination(world.store, nom.id, ACTOR)
    registry_ops.delete_person(world.store, world.lan.id, ACTOR, confirm=True)
    assert registry_ops.get_person(world.store, world.lan.id) is None


def test_deleting_a_nominated_collective_is_refused(world: World) -> None:
    world.nominate(world.round(name="Xét cuối năm 2026"), world.phong,
                   "tap_the_lao_dong_tien_tien")
    with pytest.raises(UserError, match=r"Phòng Kinh tế.*1 đợt"):
        registry_ops.delete_collective(world.store, world.phong.id, ACTOR, confirm=True)
    assert registry_ops.get_collective(world.store, world.phong.id) is not None


def test_snapshot_keeps_the_engine_reason_status_and_checks_the_target() -> None:
    from desktop.core.rules.verdict import Reason as RuleReason
    from desktop.core.rules.verdict import Status
    from desktop.core.rules.verdict import Verdict as RuleVerdict
    verdict = RuleVerdict("lao_dong_tien_tien", "Lao động tiên tiến", 1, 2026, "eligible", (
        RuleReason("qualities", Status.UNCONFIRMED, "Chưa xác nhận tinh thần tự lực.",
                   "Luật TĐKT 2022, Điều 24"),))
    snap = ops.snapshot_of(verdict, "lao_dong_tien_tien")
    assert snap.verdict is Verdict.ELIGIBLE and snap.reasons[0].status == "unconfirmed"
    with pytest.raises(ValueError):
        ops.snapshot_of(verdict, "giay_khen")


def test_province_deadline_may_fall_in_the_following_year(world: World) -> None:
    from dataclasses import replace
    from types import MappingProxyType

    from desktop.core.catalog import ProvinceProfile
    later = ProvinceProfile("thu", "Thử", MappingProxyType({
        "deadlines": {"cong_hien": {"day": "01-15", "year_offset": 1}}}))
    catalog = replace(world.catalog, provinces=MappingProxyType(
        {**world.catalog.provinces, "thu": later}))
    assert ops.default_deadline(catalog, "thu", RoundKind.CONG_HIEN, 2026, world.today) == \
        date(2027, 1, 15)
    assert ops.default_deadline(catalog, "thu", RoundKind.CONG_TRANG, 2026, world.today) == \
        date(2026, 12, 10)  # the documented default when the profile lacks the key


def test_without_the_eligibility_module_the_officer_gets_a_message(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def missing(name: str, *args: object) -> object:
        if name == "desktop.core.operations.eligibility":
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]
    monkeypatch.setattr(importlib, "import_module", missing)
    rnd = world.round()
    assert rnd.id is not None
    with pytest.raises(UserError, match="chưa có bộ kiểm tra điều kiện"):
        ops.add_nomination(world.store, world.catalog, rnd.id, world.hoa, "lao_dong_tien_tien",
                           "", ACTOR, world.today)
    assert world.count("nominations") == 0
