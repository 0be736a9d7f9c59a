"""The council meeting, ballots and show of hands, and the nomination statuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import MappingProxyType

import pytest

from desktop.core.errors import UserError, ValidationError
from desktop.core.model.rounds import (
    TRANSITIONS,
    CouncilMeeting,
    Nomination,
    NominationStatus,
    Round,
    VoteMethod,
)
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as ops
from tests.unit.rounds.conftest import ACTOR, World

S = NominationStatus


def meeting(world: World, rnd: Round, total: int = 10, present: int = 8, written: int = 1
            ) -> CouncilMeeting:
    assert rnd.id is not None
    return ops.record_meeting(world.store, CouncilMeeting(
        round_id=rnd.id, held_on=date(2026, 11, 20), place="Hội trường UBND xã",
        chair="Nguyễn Văn Chủ", secretary="Lê Thị Thư", members_total=total, present=present,
        absent_with_written_opinion=written, counting_committee=("Trần Văn Một", "Phạm Thị Hai")),
        ACTOR, world.today)


def vote(world: World, m: CouncilMeeting, nom: Nomination, votes_for: int,
         method: VoteMethod = VoteMethod.BALLOT, issued: int | None = None,
         valid: int | None = None):  # type: ignore[no-untyped-def]
    assert m.id is not None and nom.id is not None
    if method is VoteMethod.BALLOT:
        issued = m.voices if issued is None else issued
        valid = issued if valid is None else valid
    return ops.record_vote(world.store, world.catalog, m.id, nom.id, method, votes_for, ACTOR,
                           ballots_issued=issued, ballots_valid=valid)


# ---- transitions -------------------------------------------------------------------------------


def test_transition_table() -> None:
    assert S.DRAFT.can_go_to(S.REVIEWED) and not S.DRAFT.can_go_to(S.READY)
    assert S.EXPORTED.can_go_to(S.RETURNED) and S.EXPORTED.can_go_to(S.DECIDED)
    assert S.RETURNED.can_go_to(S.READY) and not S.RETURNED.can_go_to(S.DECIDED)
    assert TRANSITIONS[S.DECIDED] == frozenset()
    assert set(TRANSITIONS) == set(S)


def test_refused_transition_names_the_allowed_ones(world: World) -> None:
    nom = world.nominate(world.round(), world.hoa)
    assert nom.id is not None
    with pytest.raises(UserError) as err:
        ops.set_status(world.store, world.catalog, nom.id, S.EXPORTED, ACTOR, world.today)
    assert "“Dự thảo”" in err.value.message and "“Hội đồng đã xét”" in err.value.hint


def test_full_life_of_a_provincial_nomination(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "bang_khen_tinh")
    assert nom.id is not None
    with pytest.raises(UserError, match="Chưa ghi kết quả biểu quyết"):
        ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR, world.today)
    m = meeting(world, rnd)
    vote(world, m, nom, 6, VoteMethod.HANDS)
    ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR, world.today)
    with pytest.raises(UserError, match="Hồ sơ còn thiếu: Tờ trình"):
        ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    for item in ops.checklist(world.store, world.catalog, nom.id).items:
        ops.mark_part(world.store, world.catalog, nom.id, item.part, True, ACTOR, "bản giấy")
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    with pytest.raises(UserError, match="hãy gửi hồ sơ trước"):
        ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                       decision_no="1/QĐ-UBND", decision_date=world.today)
    ops.set_status(world.store, world.catalog, nom.id, S.EXPORTED, ACTOR, world.today)
    with pytest.raises(UserError, match="ý kiến của cơ quan tiếp nhận"):
        ops.set_status(world.store, world.catalog, nom.id, S.RETURNED, ACTOR, world.today)
    back = ops.set_status(world.store, world.catalog, nom.id, S.RETURNED, ACTOR, world.today,
                          province_notes="Bổ sung xác nhận của cấp trình.")
    assert back.province_notes == "Bổ sung xác nhận của cấp trình."
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    ops.set_status(world.store, world.catalog, nom.id, S.EXPORTED, ACTOR, world.today)
    with pytest.raises(ValidationError) as err:
        ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                       decision_date=date(2027, 1, 5))
    assert {p.field for p in err.value.problems} == {"decision_no", "decision_date"}
    done = ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                          decision_no="3456/QĐ-UBND", decision_date=date(2026, 11, 22))
    assert (done.status, done.decision_no) == (S.DECIDED, "3456/QĐ-UBND")
    awards = registry_ops.get_history(world.store, world.hoa).awards
    assert [(a.code, a.year, a.decision_no) for a in awards] == [
        ("bang_khen_tinh", 2026, "3456/QĐ-UBND")]
    statuses = [e for e in registry_ops.audit_entries(world.store) if e["action"] == "status"]
    assert len(statuses) == 7
    with pytest.raises(UserError, match="không gỡ được"):
        ops.remove_nomination(world.store, nom.id, ACTOR)


def test_unit_decided_title_can_be_decided_once_ready(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    assert nom.id is not None
    vote(world, meeting(world, rnd), nom, 9, VoteMethod.HANDS)
    ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR, world.today)
    for item in ops.checklist(world.store, world.catalog, nom.id).items:
        ops.mark_part(world.store, world.catalog, nom.id, item.part, True, ACTOR)
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    done = ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                          decision_no="88/QĐ-UBND", decision_date=world.today)
    assert done.status is S.DECIDED


# ---- meeting and votes -------------------------------------------------------------------------


def test_meeting_counts_cannot_exceed_membership(world: World) -> None:
    rnd = world.round()
    with pytest.raises(ValidationError, match=r"vượt tổng số thành viên Hội đồng \(9\)"):
        meeting(world, rnd, total=9, present=8, written=2)
    with pytest.raises(ValidationError, match="lớn hơn 0"):
        meeting(world, rnd, total=0, present=0, written=0)
    assert world.count("council_meetings") == 0
    m = meeting(world, rnd, total=9, present=7, written=2)
    assert m.voices == 9 and m.counting_committee == ("Trần Văn Một", "Phạm Thị Hai")


def test_ballot_threshold_is_on_total_membership(world: World) -> None:
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")
    lan = world.nominate(rnd, world.lan, "chien_si_thi_dua_co_so")
    m = meeting(world, rnd, total=10, present=8, written=0)
    passed = vote(world, m, hoa, 8)      # 8/10 = 80 %
    failed = vote(world, m, lan, 7)      # 7/8 of those present, but 7/10 of the council
    assert passed.passed and passed.threshold == 0.8
    assert not failed.passed
    assert lan.id is not None
    with pytest.raises(UserError, match="không đạt tỷ lệ phiếu"):
        ops.set_status(world.store, world.catalog, lan.id, S.REVIEWED, ACTOR, world.today)


def test_provincial_emulation_fighter_needs_ninety_percent(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "chien_si_thi_dua_tinh")
    m = meeting(world, rnd, total=10, present=10, written=0)
    assert not vote(world, m, nom, 8).passed
    again = vote(world, m, nom, 9)   # a recount replaces the earlier figure
    assert again.passed and again.threshold == 0.9
    assert nom.id is not None
    assert [v.votes_for for v in ops.votes(world.store, nom.id)] == [9]


def test_ballot_titles_refuse_a_show_of_hands(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")
    with pytest.raises(ValidationError, match="phải bỏ phiếu kín"):
        vote(world, meeting(world, rnd), nom, 9, VoteMethod.HANDS)


def test_show_of_hands_needs_more_than_half_of_the_council(world: World) -> None:
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa)
    lan = world.nominate(rnd, world.lan)
    m = meeting(world, rnd, total=10, present=9, written=0)
    assert vote(world, m, hoa, 6, VoteMethod.HANDS).passed
    assert not vote(world, m, lan, 5, VoteMethod.HANDS).passed


@pytest.mark.parametrize(("votes_for", "issued", "valid", "field"), [
    (8, 9, 7, "votes_for"),        # more in favour than valid ballots
    (6, 8, 9, "ballots_valid"),    # more valid than issued
    (8, 10, 10, "ballots_issued"),  # more issued than present + written opinions (9)
    (-1, 9, 9, "votes_for"),
])
def test_ballot_counts_are_checked(world: World, votes_for: int, issued: int, valid: int,
                                   field: str) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")
    with pytest.raises(ValidationError) as err:
        vote(world, meeting(world, rnd, total=10, present=8, written=1), nom, votes_for,
             issued=issued, valid=valid)
    assert field in {p.field for p in err.value.problems}
    assert world.count("council_votes") == 0


def test_hands_cannot_exceed_those_present_or_written(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    with pytest.raises(ValidationError, match=r"lớn hơn số thành viên có mặt.*\(7\)"):
        vote(world, meeting(world, rnd, total=10, present=6, written=1), nom, 8,
             VoteMethod.HANDS)


def test_vote_in_another_rounds_meeting_is_refused(world: World) -> None:
    nom = world.nominate(world.round(name="A"), world.hoa)
    with pytest.raises(UserError, match="đợt xét khác"):
        vote(world, meeting(world, world.round(name="B")), nom, 9, VoteMethod.HANDS)


def test_threshold_comes_from_the_title_file(world: World) -> None:
    info = world.catalog.title("giay_khen")
    stricter = replace(info, data=MappingProxyType({**info.data, "ballot": {
        "required": True, "threshold": "province:giay_khen_share"}}))
    assert ops.ballot_rule(info) == (False, 0.5)
    assert ops.ballot_rule(stricter)[0] is True
    plain = replace(info, data=MappingProxyType({**info.data, "ballot": {
        "required": True, "threshold": 0.75}}))
    assert ops.ballot_rule(plain) == (True, 0.75)
    off = replace(world.catalog.title("chien_si_thi_dua_co_so"),
                  data=MappingProxyType({"ballot": {"required": False}}))
    assert ops.ballot_rule(off) == (False, 0.5)


def test_vote_passes_is_exact_at_the_threshold() -> None:
    assert ops.vote_passes(VoteMethod.BALLOT, 8, 10, 0.8)
    assert not ops.vote_passes(VoteMethod.BALLOT, 7, 9, 0.8)    # 77.8 %
    assert ops.vote_passes(VoteMethod.BALLOT, 27, 30, 0.9)
    assert not ops.vote_passes(VoteMethod.HANDS, 5, 10, 0.5)


def test_deciding_marks_the_cited_initiative_as_used(world: World) -> None:
    from desktop.core.model import History, Initiative
    from desktop.core.store import registry as reg_repo
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(initiatives=(
            Initiative(2026, "Số hóa hồ sơ một cửa"),)))
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so",
                         initiative="Số hóa hồ sơ một cửa")
    assert nom.id is not None
    vote(world, meeting(world, rnd), nom, 9)
    ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR, world.today)
    for item in ops.checklist(world.store, world.catalog, nom.id).items:
        ops.mark_part(world.store, world.catalog, nom.id, item.part, True, ACTOR)
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                   decision_no="90/QĐ-UBND", decision_date=world.today)
    used = registry_ops.get_history(world.store, world.hoa).initiatives[0]
    assert (used.used_for_code, used.used_for_year) == ("chien_si_thi_dua_co_so", 2026)


def test_tally_gives_the_counting_minutes_per_candidate(world: World) -> None:
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")
    lan = world.nominate(rnd, world.lan)
    m = meeting(world, rnd, total=10, present=8, written=1)
    vote(world, m, hoa, 8, issued=9, valid=9)
    vote(world, m, lan, 5, VoteMethod.HANDS)
    assert m.id is not None
    rows = ops.tally(world.store, world.catalog, m.id)
    assert [(r.name, r.title, r.ballots_issued, r.votes_for, r.passed) for r in rows] == [
        ("Hoàng Thị Hoa", "Chiến sĩ thi đua cơ sở", 9, 8, True),
        ("Lê Thị Lan", "Lao động tiên tiến", None, 5, False)]
    assert rows[0].share_of_total == 0.8 and rows[1].threshold == 0.5
