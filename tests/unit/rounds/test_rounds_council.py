"""The council meeting, ballots and show of hands (save_meeting: one transaction for the
header and every vote), and the nomination statuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from desktop.core.errors import UserError, ValidationError
from desktop.core.model.rounds import (
    TRANSITIONS,
    Attendance,
    CouncilMeeting,
    CouncilMember,
    CouncilVote,
    Nomination,
    NominationStatus,
    Round,
    VoteEntry,
    VoteMethod,
)
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as ops
from tests.unit.rounds.conftest import ACTOR, World

S = NominationStatus
CSTDCS = "chien_si_thi_dua_co_so"


def header(rnd: Round, total: int = 10, present: int = 8, written: int = 1
           ) -> CouncilMeeting:
    assert rnd.id is not None
    return CouncilMeeting(
        round_id=rnd.id, held_on=date(2026, 11, 20), place="Hội trường UBND xã",
        chair="Nguyễn Văn Chủ", secretary="Lê Thị Thư", members_total=total, present=present,
        absent_with_written_opinion=written, counting_committee=("Trần Văn Một", "Phạm Thị Hai"))


def meeting(world: World, rnd: Round, total: int = 10, present: int = 8, written: int = 1
            ) -> CouncilMeeting:
    saved, votes, _changes = ops.save_meeting(world.store, world.catalog,
                                              header(rnd, total, present, written), [], ACTOR,
                                              world.today)
    assert votes == ()
    return saved


def entry(m: CouncilMeeting, nom: Nomination, votes_for: int,
          method: VoteMethod = VoteMethod.BALLOT, issued: int | None = None,
          valid: int | None = None) -> VoteEntry:
    assert nom.id is not None
    if method is VoteMethod.BALLOT:
        issued = m.voices if issued is None else issued
        valid = issued if valid is None else valid
    return VoteEntry(nom.id, method, votes_for, issued, valid)


def vote(world: World, m: CouncilMeeting, nom: Nomination, votes_for: int,
         method: VoteMethod = VoteMethod.BALLOT, issued: int | None = None,
         valid: int | None = None) -> CouncilVote:
    _m, votes, _c = ops.save_meeting(world.store, world.catalog, m,
                                     [entry(m, nom, votes_for, method, issued, valid)], ACTOR,
                                     world.today)
    return next(v for v in votes if v.nomination_id == nom.id)


def ready(world: World, nom: Nomination) -> None:
    assert nom.id is not None
    for item in ops.checklist(world.store, world.catalog, nom.id).items:
        ops.mark_part(world.store, world.catalog, nom.id, item.part, True, ACTOR)


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
    assert err.value.code == "status.not_allowed"
    # the one wording check of this rule: where it is, and where it can go
    assert "“Dự thảo”" in err.value.message and "“Hội đồng đã xét”" in err.value.hint


def test_full_life_of_a_provincial_nomination(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "bang_khen_tinh")
    assert nom.id is not None

    def refused(status: NominationStatus, **kw: object) -> str:
        with pytest.raises(UserError) as err:
            ops.set_status(world.store, world.catalog, nom.id or 0, status, ACTOR, world.today,
                           **kw)  # type: ignore[arg-type]
        return err.value.code

    assert refused(S.REVIEWED) == "status.no_vote"
    m = meeting(world, rnd)
    vote(world, m, nom, 6, VoteMethod.HANDS)
    moved, changes = ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR,
                                    world.today)
    assert moved.status is S.REVIEWED and changes.nominations == {nom.id}
    assert refused(S.READY) == "status.dossier_incomplete"
    ready(world, nom)
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    assert refused(S.DECIDED, decision_no="1/QĐ-UBND", decision_date=world.today) == \
        "status.send_first"
    ops.set_status(world.store, world.catalog, nom.id, S.EXPORTED, ACTOR, world.today)
    assert refused(S.RETURNED) == "status.notes_missing"
    back, _c = ops.set_status(world.store, world.catalog, nom.id, S.RETURNED, ACTOR,
                              world.today, province_notes="Bổ sung xác nhận của cấp trình.")
    assert back.province_notes == "Bổ sung xác nhận của cấp trình."
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    ops.set_status(world.store, world.catalog, nom.id, S.EXPORTED, ACTOR, world.today)
    with pytest.raises(ValidationError) as err:
        ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                       decision_date=date(2027, 1, 5))
    assert set(err.value.codes) == {"status.decision_no_missing", "status.decision_date_future"}
    done, _c = ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR,
                              world.today, decision_no="3456/QĐ-UBND",
                              decision_date=date(2026, 11, 22))
    assert (done.status, done.decision_no) == (S.DECIDED, "3456/QĐ-UBND")
    awards = registry_ops.get_history(world.store, world.hoa).awards
    assert [(a.code, a.year, a.decision_no) for a in awards] == [
        ("bang_khen_tinh", 2026, "3456/QĐ-UBND")]
    statuses = [e for e in registry_ops.audit_entries(world.store) if e["action"] == "status"]
    assert len(statuses) == 7
    with pytest.raises(UserError) as err:
        ops.remove_nomination(world.store, nom.id, ACTOR)
    assert err.value.code == "nomination.not_editable"


def test_unit_decided_title_can_be_decided_once_ready(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    assert nom.id is not None
    vote(world, meeting(world, rnd), nom, 9, VoteMethod.HANDS)
    ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR, world.today)
    ready(world, nom)
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    done, _c = ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR,
                              world.today, decision_no="88/QĐ-UBND", decision_date=world.today)
    assert done.status is S.DECIDED


# ---- the meeting's header ----------------------------------------------------------------------


def test_meeting_counts_cannot_exceed_membership(world: World) -> None:
    rnd = world.round()
    with pytest.raises(ValidationError) as err:
        meeting(world, rnd, total=9, present=8, written=2)
    assert err.value.codes == ["meeting.voices_over_members"]
    with pytest.raises(ValidationError) as err:
        meeting(world, rnd, total=0, present=0, written=0)
    assert err.value.codes == ["meeting.members_total_invalid"]
    assert world.count("council_meetings") == 0
    m = meeting(world, rnd, total=9, present=7, written=2)
    assert m.voices == 9 and m.counting_committee == ("Trần Văn Một", "Phạm Thị Hai")


def test_every_header_problem_is_reported_at_once(world: World) -> None:
    rnd = world.round()
    bad = replace(header(rnd), held_on=date(2026, 12, 1), chair=" ", secretary="",
                  starts_at=time(10, 0), ends_at=time(9, 0))
    with pytest.raises(ValidationError) as err:
        ops.save_meeting(world.store, world.catalog, bad, [], ACTOR, world.today)
    assert set(err.value.codes) == {"meeting.date_future", "meeting.chair_missing",
                                    "meeting.secretary_missing", "meeting.times_reversed"}


def test_members_by_name_give_the_counts_and_the_times_are_kept(world: World) -> None:
    rnd = world.round()
    members = (CouncilMember("Nguyễn Văn Chủ", "Chủ tịch UBND xã – Chủ tịch Hội đồng"),
               CouncilMember("Lê Thị Thư", "Công chức Văn phòng – Thư ký"),
               CouncilMember("Trần Văn Một", "Phó Chủ tịch UBND xã", Attendance.WRITTEN_OPINION),
               CouncilMember("Phạm Thị Hai", "Chủ tịch Hội Phụ nữ", Attendance.ABSENT))
    named = replace(header(rnd, total=4, present=2, written=1), members=members,
                    starts_at=time(8, 0), ends_at=time(10, 30))
    saved, _v, changes = ops.save_meeting(world.store, world.catalog, named, [], ACTOR,
                                          world.today)
    assert saved.members == members and (saved.starts_at, saved.ends_at) == (time(8, 0),
                                                                             time(10, 30))
    assert (saved.members_total, saved.present, saved.absent_with_written_opinion,
            saved.absent) == (4, 2, 1, 2)
    assert changes.meetings == {saved.id} and changes.rounds == {rnd.id}
    with pytest.raises(ValidationError) as err:   # counts that disagree with the names
        ops.save_meeting(world.store, world.catalog, replace(saved, present=3), [], ACTOR,
                         world.today)
    assert err.value.codes == ["meeting.members_mismatch"]
    twice = (*members[:3], CouncilMember("trần văn một", "", Attendance.ABSENT))
    with pytest.raises(ValidationError) as err:
        ops.save_meeting(world.store, world.catalog, replace(saved, members=twice), [], ACTOR,
                         world.today)
    assert err.value.codes == ["meeting.member_twice"]
    # correcting the list replaces it; a meeting without names keeps its counts
    fewer, _v, _c = ops.save_meeting(world.store, world.catalog, replace(
        saved, members=members[:3], members_total=3), [], ACTOR, world.today)
    assert ops.meetings(world.store, rnd.id or 0) == [fewer] and len(fewer.members) == 3
    unnamed, _v, _c = ops.save_meeting(world.store, world.catalog, replace(
        fewer, members=()), [], ACTOR, world.today)
    assert unnamed.members == () and unnamed.members_total == 3


# ---- votes -------------------------------------------------------------------------------------


def test_ballot_threshold_is_on_total_membership(world: World) -> None:
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa, CSTDCS)
    lan = world.nominate(rnd, world.lan, CSTDCS)
    m = meeting(world, rnd, total=10, present=8, written=0)
    _m, votes, changes = ops.save_meeting(world.store, world.catalog, m, [
        entry(m, hoa, 8),      # 8/10 = 80 %
        entry(m, lan, 7)],     # 7/8 of those present, but 7/10 of the council
        ACTOR, world.today)
    passed, failed = sorted(votes, key=lambda v: v.nomination_id)
    assert passed.passed and passed.threshold == 0.8 and not passed.more_than
    assert not failed.passed
    assert changes.nominations == {hoa.id, lan.id}
    with pytest.raises(UserError) as err:
        ops.set_status(world.store, world.catalog, lan.id or 0, S.REVIEWED, ACTOR, world.today)
    assert err.value.code == "status.vote_failed"
    assert "80%" in err.value.message   # the one formatter: "7/10 cần 80%"


def test_provincial_emulation_fighter_needs_ninety_percent(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, "chien_si_thi_dua_tinh")
    m = meeting(world, rnd, total=10, present=10, written=0)
    assert not vote(world, m, nom, 8).passed
    again = vote(world, m, nom, 9)   # a recount replaces the earlier figure
    assert again.passed and again.threshold == 0.9
    assert [v.votes_for for v in ops.votes(world.store, nom.id or 0)] == [9]


def test_ballot_titles_refuse_a_show_of_hands(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, CSTDCS)
    with pytest.raises(ValidationError) as err:
        vote(world, meeting(world, rnd), nom, 9, VoteMethod.HANDS)
    assert err.value.codes == ["vote.ballot_required"]


def test_show_of_hands_needs_more_than_half_of_the_council(world: World) -> None:
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa)
    lan = world.nominate(rnd, world.lan)
    m = meeting(world, rnd, total=10, present=9, written=0)
    six = vote(world, m, hoa, 6, VoteMethod.HANDS)
    assert six.passed and six.more_than and six.threshold == 0.5
    assert not vote(world, m, lan, 5, VoteMethod.HANDS).passed


def test_a_ballot_the_unit_chose_still_needs_more_than_half(world: World) -> None:
    """A title decided by show of hands, voted by ballot anyway: 5 of 10 is not a majority
    (the old code passed it at exactly half)."""
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    m = meeting(world, rnd, total=10, present=10, written=0)
    assert not vote(world, m, nom, 5, VoteMethod.BALLOT).passed
    assert vote(world, m, nom, 6, VoteMethod.BALLOT).passed


@pytest.mark.parametrize(("votes_for", "issued", "valid", "code"), [
    (8, 9, 7, "vote.for_over_valid"),
    (6, 8, 9, "vote.valid_over_issued"),
    (8, 10, 10, "vote.issued_over_voices"),   # more issued than present + written (9)
    (-1, 9, 9, "vote.negative"),
])
def test_ballot_counts_are_checked(world: World, votes_for: int, issued: int, valid: int,
                                   code: str) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, CSTDCS)
    with pytest.raises(ValidationError) as err:
        vote(world, meeting(world, rnd, total=10, present=8, written=1), nom, votes_for,
             issued=issued, valid=valid)
    assert code in err.value.codes
    assert world.count("council_votes") == 0


def test_hands_cannot_exceed_those_present_or_written(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    with pytest.raises(ValidationError) as err:
        vote(world, meeting(world, rnd, total=10, present=6, written=1), nom, 8,
             VoteMethod.HANDS)
    assert err.value.codes == ["vote.hands_over_voices"]
    # the one wording check of the vote counts: who, and the limit
    assert "Hoàng Thị Hoa" in err.value.message and "(7)" in err.value.message


def test_vote_for_a_nomination_of_another_round_is_refused(world: World) -> None:
    nom = world.nominate(world.round(name="A"), world.hoa)
    with pytest.raises(ValidationError) as err:
        vote(world, meeting(world, world.round(name="B")), nom, 9, VoteMethod.HANDS)
    assert err.value.codes == ["vote.other_round"]


def test_a_bad_vote_leaves_nothing_written(world: World) -> None:
    """save_meeting is one transaction: one wrong count among good ones, and neither the
    meeting, nor the good votes, nor an audit entry is written."""
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa, CSTDCS)
    lan = world.nominate(rnd, world.lan)
    before = len(registry_ops.audit_entries(world.store))
    new = header(rnd, total=10, present=8, written=1)
    with pytest.raises(ValidationError) as err:
        ops.save_meeting(world.store, world.catalog, new, [
            VoteEntry(hoa.id or 0, VoteMethod.BALLOT, 8, 9, 9),      # fine
            VoteEntry(lan.id or 0, VoteMethod.HANDS, 12)],           # over those present
            ACTOR, world.today)
    assert "vote.hands_over_voices" in err.value.codes
    assert (world.count("council_meetings"), world.count("council_votes")) == (0, 0)
    assert len(registry_ops.audit_entries(world.store)) == before
    m, votes, _c = ops.save_meeting(world.store, world.catalog, new, [
        VoteEntry(hoa.id or 0, VoteMethod.BALLOT, 8, 9, 9),
        VoteEntry(lan.id or 0, VoteMethod.HANDS, 6)], ACTOR, world.today)
    assert len(votes) == 2 and all(v.meeting_id == m.id for v in votes)


def test_the_same_nomination_twice_is_refused(world: World) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    m = header(rnd)
    with pytest.raises(ValidationError) as err:
        ops.save_meeting(world.store, world.catalog, m, [
            entry(m, nom, 6, VoteMethod.HANDS), entry(m, nom, 7, VoteMethod.HANDS)], ACTOR,
            world.today)
    assert err.value.codes == ["vote.duplicate"]


def test_deciding_marks_the_cited_initiative_as_used(world: World) -> None:
    from desktop.core.model import History, Initiative
    from desktop.core.store import registry as reg_repo
    with world.store.write() as db:
        reg_repo.add_history(db, world.hoa, History(initiatives=(
            Initiative(2026, "Số hóa hồ sơ một cửa"),)))
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa, CSTDCS, initiative="Số hóa hồ sơ một cửa")
    assert nom.id is not None
    vote(world, meeting(world, rnd), nom, 9)
    ops.set_status(world.store, world.catalog, nom.id, S.REVIEWED, ACTOR, world.today)
    ready(world, nom)
    ops.set_status(world.store, world.catalog, nom.id, S.READY, ACTOR, world.today)
    ops.set_status(world.store, world.catalog, nom.id, S.DECIDED, ACTOR, world.today,
                   decision_no="90/QĐ-UBND", decision_date=world.today)
    used = registry_ops.get_history(world.store, world.hoa).initiatives[0]
    assert (used.used_for_code, used.used_for_year) == (CSTDCS, 2026)


def test_tally_gives_the_counting_minutes_per_candidate(world: World) -> None:
    rnd = world.round()
    hoa = world.nominate(rnd, world.hoa, CSTDCS)
    lan = world.nominate(rnd, world.lan)
    m = meeting(world, rnd, total=10, present=8, written=1)
    ops.save_meeting(world.store, world.catalog, m, [
        entry(m, hoa, 8, issued=9, valid=9), entry(m, lan, 5, VoteMethod.HANDS)], ACTOR,
        world.today)
    assert m.id is not None
    rows = ops.tally(world.store, world.catalog, m.id)
    assert [(r.name, r.title, r.ballots_issued, r.votes_for, r.passed) for r in rows] == [
        ("Hoàng Thị Hoa", "Chiến sĩ thi đua cơ sở", 9, 8, True),
        ("Lê Thị Lan", "Lao động tiên tiến", None, 5, False)]
    assert rows[0].share_of_total == 0.8 and rows[1].threshold == 0.5 and rows[1].more_than


def test_check_meeting_lists_what_save_would_refuse_and_writes_nothing(world: World) -> None:
    rnd = world.round()
    hoa, lan = world.nominate(rnd, world.hoa), world.nominate(rnd, world.lan)
    m = meeting(world, rnd, total=11, present=9, written=0)
    typed = [entry(m, hoa, 13, VoteMethod.HANDS), entry(m, lan, 9, issued=9, valid=10)]
    problems = ops.check_meeting(world.store, world.catalog, m, typed, world.today)
    assert sorted(p.code for p in problems) == ["vote.for_over_members",
                                                "vote.hands_over_voices",
                                                "vote.valid_over_issued"]
    assert {p.field.split(".")[0] for p in problems} == {f"votes[{hoa.id}]",
                                                          f"votes[{lan.id}]"}
    with pytest.raises(ValidationError) as err:
        ops.save_meeting(world.store, world.catalog, m, typed, ACTOR, world.today)
    assert sorted(err.value.codes) == sorted(p.code for p in problems)
    assert ops.votes(world.store, hoa.id or 0) == []
    assert ops.check_meeting(world.store, world.catalog, m, [entry(m, hoa, 9)],
                             world.today) == []
