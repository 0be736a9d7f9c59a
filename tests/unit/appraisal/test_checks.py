"""Every appraisal check (issue 11): data that triggers it and data, one step away, that does
not. The base dossier raises nothing at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from types import MappingProxyType
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem
from desktop.core.model import Gender, Unit, UnitKind
from desktop.core.model.dossier import (
    INDIVIDUAL,
    CouncilResult,
    DossierData,
    Head,
    MeetingDetails,
    MemberAttendance,
    NominationData,
    ProvinceInfo,
    SubjectDetails,
)
from desktop.core.model.rounds import (
    CouncilMeeting,
    EligibilitySnapshot,
    Round,
    RoundKind,
    Verdict,
    VoteMethod,
)
from desktop.core.rules.appraisal import (
    CHECKS,
    AppraisalInput,
    CopiedPair,
    MissingPart,
    Severity,
    appraise,
    codes,
)

UNIT = Unit(name="Ủy ban nhân dân xã Thanh Sơn", kind=UnitKind.XA,
            superior_body="Ủy ban nhân dân tỉnh Phú Thọ", doc_code="UBND",
            place_name="Thanh Sơn", head_name="Hà Văn Thắng", head_title="Chủ tịch",
            officer_name="", officer_title="", code="PT-TS01")
ROUND = Round(RoundKind.CONG_TRANG, 2026, "Xét khen thưởng tổng kết năm 2026", date(2026, 12, 10),
              "Sở Nội vụ (Phòng Thi đua, khen thưởng)", id=1)
TODAY = date(2026, 11, 30)
MEETING = CouncilMeeting(round_id=1, held_on=date(2026, 11, 25), place="Hội trường UBND xã",
                         chair="Hà Văn Thắng", secretary="Nguyễn Thị Thu Hà", members_total=11,
                         present=10, absent_with_written_opinion=1, id=1)
DETAILS = MeetingDetails(time(8, 0), time(10, 30),
                         (MemberAttendance("Hà Văn Thắng", "Chủ tịch Hội đồng"),))
SCHOOL = Head("Hiệu trưởng", "Bùi Văn An", "Trường Tiểu học Thanh Sơn")


def nominee(nid: int, name: str, target: str, catalog: Catalog, **kw: Any) -> NominationData:
    info = catalog.titles[target]
    subject = SubjectDetails(
        INDIVIDUAL, name, ref=f"person:{nid}", birth_date=date(1985, 3, 2), gender=Gender.NU,
        ethnicity="Kinh", position="Giáo viên", department="Trường Tiểu học Thanh Sơn",
        head=SCHOOL, hometown="xã Thanh Sơn, tỉnh Phú Thọ",
        residence="Thôn Đồng Xuân, xã Thanh Sơn, tỉnh Phú Thọ", qualification="Đại học Sư phạm")
    ballot = info.ballot.required
    base: dict[str, Any] = dict(
        id=nid, target=target, title_name=info.name, title_short=info.short_name,
        category=info.category, award_verb=info.award_verb, title_rank=info.rank,
        decided_by_unit=info.decided_by_unit,
        authority=info.authority, subject=subject,
        eligibility=EligibilitySnapshot(Verdict.ELIGIBLE), report_kind="bao_cao_ca_nhan",
        vote=CouncilResult(VoteMethod.BALLOT if ballot else VoteMethod.HANDS, 10, 11, 0.9,
                           True, 11 if ballot else None, 11 if ballot else None))
    base.update(kw)
    return NominationData(**base)


@pytest.fixture
def clean(catalog: Catalog) -> AppraisalInput:
    data = DossierData(
        unit=UNIT, round=ROUND, dossier_id="HS2026-000001", today=TODAY,
        nominations=(nominee(1, "Lê Thị Thu Hằng", "chien_si_thi_dua_tinh", catalog),
                     nominee(2, "Đinh Văn Khiêm", "chien_si_thi_dua_co_so", catalog)),
        meeting=MEETING, meeting_details=DETAILS, province_name="Phú Thọ",
        province=ProvinceInfo("tỉnh Phú Thọ", "Sở Nội vụ tỉnh Phú Thọ"),
        numbers=MappingProxyType({"to_trinh": 41, "to_trinh_noi_bo": 12, "bien_ban_hop": 3,
                                  "quyet_dinh/chien_si_thi_dua_co_so": 420}),
        dates=MappingProxyType({"bien_ban_hop": MEETING.held_on}))
    return AppraisalInput(data=data, catalog=catalog)


def found(source: AppraisalInput) -> list[str]:
    return [f.code for f in appraise(source)]


def with_nominee(source: AppraisalInput, index: int, **kw: Any) -> AppraisalInput:
    noms = list(source.data.nominations)
    noms[index] = replace(noms[index], **kw)
    return replace(source, data=replace(source.data, nominations=tuple(noms)))


def with_subject(source: AppraisalInput, index: int, **kw: Any) -> AppraisalInput:
    n = source.data.nominations[index]
    return with_nominee(source, index, subject=replace(n.subject, **kw))


def with_data(source: AppraisalInput, **kw: Any) -> AppraisalInput:
    return replace(source, data=replace(source.data, **kw))


def test_the_clean_dossier_raises_nothing(clean: AppraisalInput) -> None:
    assert appraise(clean) == []


def test_every_code_is_unique_dotted_and_documented() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[3] / "README.md").read_text("utf-8")
    assert len(set(codes())) == len(CHECKS)
    for code in codes():
        assert code.startswith("appraisal.")
        assert f"`{code}`" in readme, code


INELIGIBLE = EligibilitySnapshot(Verdict.INELIGIBLE)


def test_ineligible_without_reason_is_returned(clean: AppraisalInput) -> None:
    bad = with_nominee(clean, 0, eligibility=INELIGIBLE)
    assert "appraisal.ineligible_unjustified" in found(bad)
    justified = with_nominee(bad, 0, justification="Sáng kiến áp dụng tại 5 trường.")
    assert "appraisal.ineligible_unjustified" not in found(justified)


def test_ineligible_with_reason_is_to_fix(clean: AppraisalInput) -> None:
    why = "Sáng kiến áp dụng tại 5 trường trong tỉnh."
    bad = with_nominee(clean, 0, eligibility=INELIGIBLE, justification=why)
    hits = [f for f in appraise(bad) if f.code == "appraisal.ineligible_justified"]
    assert [h.severity for h in hits] == [Severity.FIX]
    assert hits[0].document == "to_trinh" and hits[0].subject == "Lê Thị Thu Hằng"
    assert f"“{why[:-1]}”" in hits[0].message      # the one wording check of the appraisal
    turned_down = with_nominee(bad, 0, vote=replace(bad.data.nominations[0].vote,
                                                    passed=False))
    assert "appraisal.ineligible_justified" not in found(turned_down)


def test_report_section_missing(clean: AppraisalInput) -> None:
    gaps = tuple(Problem("dossier.report_missing", f"report:1:{s}", "…")
                 for s in ("thanh_tich", "giai_phap"))
    hits = [f for f in appraise(replace(clean, report_gaps=gaps))
            if f.code == "appraisal.report_missing"]
    assert [(h.nomination_id, h.subject) for h in hits] == [(1, "Lê Thị Thu Hằng")]
    assert hits[0].message.count("“") == 2     # one finding per report, naming each section
    assert "appraisal.report_missing" not in found(clean)


def test_copied_reports(clean: AppraisalInput) -> None:
    pair = CopiedPair(1, "Lê Thị Thu Hằng", 2, "Đinh Văn Khiêm", 40, "Chấp hành tốt…")
    assert "appraisal.reports_copied" in found(replace(clean, copies=(pair,)))
    assert "appraisal.reports_copied" not in found(clean)


def test_part_missing(clean: AppraisalInput) -> None:
    missing = MappingProxyType({1: (MissingPart("Văn bản công nhận sáng kiến cấp tỉnh",
                                                proves_grounds=True),)})
    assert "appraisal.part_missing" in found(replace(clean, missing_parts=missing))
    # the exception proposed for lack of that very proof is reported as such, once
    exception = with_nominee(replace(clean, missing_parts=missing), 0,
                             eligibility=INELIGIBLE, justification="Đang chờ công nhận.")
    assert found(exception) == ["appraisal.ineligible_justified"]
    not_proposed = with_nominee(replace(clean, missing_parts=missing), 0, vote=replace(
        clean.data.nominations[0].vote, passed=False))
    assert "appraisal.part_missing" not in found(not_proposed)


def test_wrong_certifier(clean: AppraisalInput) -> None:
    assert "appraisal.wrong_certifier" in found(with_subject(clean, 0, head=None))
    # no work unit at all: the commune chairman is the person's own head
    assert "appraisal.wrong_certifier" not in found(with_subject(clean, 0, head=None,
                                                                 department=""))
    # the báo cáo tóm tắt is the unit's own document, signed by its head: nobody certifies it
    summary = with_nominee(with_subject(clean, 0, head=None), 0, report_kind="bao_cao_tom_tat")
    assert "appraisal.wrong_certifier" not in found(summary)


def test_cv_incomplete(clean: AppraisalInput) -> None:
    bad = with_subject(clean, 0, hometown="", qualification="")
    hits = [f for f in appraise(bad) if f.code == "appraisal.cv_incomplete"]
    assert len(hits) == 1 and hits[0].severity is Severity.FIX
    # the CSTĐCS report stays with the unit: its lý lịch is not sent up
    assert "appraisal.cv_incomplete" not in found(with_subject(clean, 1, hometown=""))


def test_abbreviated_name(clean: AppraisalInput) -> None:
    assert "appraisal.abbreviated_name" in found(
        with_subject(clean, 0, department="Trường THCS Thanh Sơn"))
    assert "appraisal.abbreviated_name" not in found(
        with_subject(clean, 0, department="Trường Trung học cơ sở Thanh Sơn"))


def test_unit_incomplete(clean: AppraisalInput) -> None:
    gap = Problem("dossier.unit_incomplete", "code", "Thông tin đơn vị còn thiếu: Mã đơn vị.")
    assert "appraisal.unit_incomplete" in found(replace(clean, unit_gaps=(gap,)))
    assert "appraisal.unit_incomplete" not in found(clean)


def test_no_meeting(clean: AppraisalInput) -> None:
    assert "appraisal.no_meeting" in found(with_data(clean, meeting=None))
    simplified = with_data(clean, meeting=None, nominations=tuple(
        replace(n, simplified=True, vote=None) for n in clean.data.nominations))
    assert "appraisal.no_meeting" not in found(simplified)


def test_vote_missing(clean: AppraisalInput) -> None:
    assert "appraisal.vote_missing" in found(with_nominee(clean, 1, vote=None))
    assert "appraisal.vote_missing" not in found(with_nominee(clean, 1, vote=None,
                                                              simplified=True))


def test_ballot_title_without_ballot(clean: AppraisalInput) -> None:
    hands = CouncilResult(VoteMethod.HANDS, 10, 11, 0.9, True)
    assert "appraisal.ballot_missing" in found(with_nominee(clean, 0, vote=hands))
    counted = replace(hands, method=VoteMethod.BALLOT, ballots_issued=11, ballots_valid=11)
    assert "appraisal.ballot_missing" not in found(with_nominee(clean, 0, vote=counted))


def test_ballots_that_cannot_all_be_true(clean: AppraisalInput) -> None:
    n = clean.data.nominations[0]
    assert n.vote is not None
    too_many = replace(n.vote, ballots_issued=12, ballots_valid=12)   # 10 present + 1 written
    assert "appraisal.ballots_inconsistent" in found(with_nominee(clean, 0, vote=too_many))
    assert "appraisal.ballots_inconsistent" not in found(
        with_nominee(clean, 0, vote=replace(n.vote, ballots_issued=11, ballots_valid=10,
                                            votes_for=10)))


def test_minutes_incomplete(clean: AppraisalInput) -> None:
    hits = [f for f in appraise(with_data(clean, meeting_details=MeetingDetails()))
            if f.code == "appraisal.minutes_incomplete"]
    assert len(hits) == 1 and hits[0].document == "bien_ban_hop"
    assert "appraisal.minutes_incomplete" not in found(with_data(clean, meeting=None,
                                                                 nominations=()))


def test_dated_before_meeting(clean: AppraisalInput) -> None:
    early = MappingProxyType({**clean.data.dates, "to_trinh": date(2026, 11, 20)})
    assert "appraisal.dated_before_meeting" in found(with_data(clean, dates=early))
    same_day = MappingProxyType({**clean.data.dates, "to_trinh": MEETING.held_on})
    assert "appraisal.dated_before_meeting" not in found(with_data(clean, dates=same_day))


@pytest.mark.parametrize(("source_code", "code"), [
    ("numbers.out_of_order", "appraisal.numbers_out_of_order"),
    ("numbers.same_number_two_dates", "appraisal.number_two_dates"),
    ("numbers.decision_before_meeting", "appraisal.decision_before_meeting")])
def test_register_problems(clean: AppraisalInput, source_code: str, code: str) -> None:
    problem = Problem(source_code, "240/QĐ-UBND", "Văn bản 240/QĐ-UBND …")
    assert found(replace(clean, register=(problem,))) == [code]
    assert code not in found(clean)


def test_wrong_receiver(clean: AppraisalInput) -> None:
    district = replace(ROUND, receiving_body="Ủy ban nhân dân huyện Thanh Sơn")
    assert "appraisal.wrong_receiver" in found(with_data(clean, round=district))
    other = replace(ROUND, receiving_body="Sở Nội vụ tỉnh Tuyên Quang")
    assert "appraisal.wrong_receiver" in found(with_data(clean, round=other))
    before_reform = with_data(clean, round=district, today=date(2025, 3, 1))
    assert "appraisal.wrong_receiver" not in found(before_reform)
    own = replace(ROUND, receiving_body="Sở Nội vụ tỉnh Phú Thọ")
    assert "appraisal.wrong_receiver" not in found(with_data(clean, round=own))


def test_deadline_passed(clean: AppraisalInput) -> None:
    assert "appraisal.deadline_passed" in found(with_data(clean, today=date(2026, 12, 11)))
    assert "appraisal.deadline_passed" not in found(with_data(clean, today=ROUND.deadline))
