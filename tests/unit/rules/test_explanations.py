"""Reasons an officer can act on: criterion, facts, legal basis, evidence, what is missing."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.rules.batch import BatchError, case_to_subject, evaluate_case
from desktop.core.rules.engine import Engine
from desktop.core.rules.verdict import Status, Verdict


def _run(catalog: Catalog, target: str, **case: Any) -> Verdict:
    body = {"id": "t", "target": target,
            "subject": {"kind": "individual", "group": "cbccvc", "hired_on": "2010-01-01"}}
    body.update(case)
    return evaluate_case(Engine.for_province(catalog, "default"), body, 2026)[1]


def test_missing_year_of_a_consecutive_title(catalog: Catalog) -> None:
    v = _run(catalog, "chien_si_thi_dua_tinh", years={
        "2024": {"rating": "htxs", "titles": ["chien_si_thi_dua_co_so"]},
        "2026": {"rating": "htxs", "titles": ["chien_si_thi_dua_co_so"]}},
        initiatives=[{"id": "a", "year": 2026, "scope": "tinh"}])
    assert v.verdict == "ineligible"
    assert "cần thêm danh hiệu CSTĐCS năm 2025" in v.missing
    assert all(r.basis.startswith("Luật TĐKT 2022, Điều 22") for r in v.reasons)


def test_evidence_names_the_initiative_decision(catalog: Catalog) -> None:
    v = _run(catalog, "chien_si_thi_dua_co_so", years={"2026": {"rating": "htt"}},
             initiatives=[{"id": "sk", "name": "Một cửa số", "year": 2026, "scope": "co_so",
                           "decision_no": "15/QĐ-UBND"}])
    assert v.verdict == "eligible"
    assert "Quyết định công nhận sáng kiến “Một cửa số”, số 15/QĐ-UBND (phạm vi Cơ sở)" in \
        v.evidence_needed
    assert any("80%" in e for e in v.evidence_needed)  # the ballot minutes
    assert v.ballot == {"required": True, "threshold": 0.8,
                        "basis": "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"}
    assert any(r.basis == "Luật TĐKT 2022, Điều 23 khoản 2" and r.status is Status.MET
               for r in v.reasons)


def test_used_initiative_is_explained(catalog: Catalog) -> None:
    v = _run(catalog, "chien_si_thi_dua_co_so", years={"2026": {"rating": "htt"}},
             initiatives=[{"id": "sk", "name": "Một cửa số", "year": 2026, "scope": "co_so",
                           "used_for": "bang_khen_tinh:2026"}])
    assert v.verdict == "ineligible"
    assert any("đã dùng cho BK tỉnh năm 2026" in r.message for r in v.reasons)


def test_discipline_blocks_with_its_basis(catalog: Catalog) -> None:
    v = _run(catalog, "lao_dong_tien_tien", years={"2026": {"rating": "htxs"}},
             discipline=[{"level": "canh_cao", "start": "2025-06-01", "end": "2026-06-01"}])
    assert v.verdict == "ineligible"
    blocker = v.reasons[0]
    assert blocker.code == "discipline" and blocker.status is Status.BLOCKER
    assert blocker.basis == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"
    assert "cảnh cáo" in blocker.message


def test_pending_review_holds_even_an_otherwise_ineligible_case(catalog: Catalog) -> None:
    v = _run(catalog, "lao_dong_tien_tien", years={"2026": {"rating": "kht"}},
             pending_review=True)
    assert v.verdict == "hold"


def test_sudden_feat_award_never_grounds_a_merit_criterion(catalog: Catalog) -> None:
    years = {str(y): {"rating": "htxs", "titles": ["chien_si_thi_dua_co_so"]}
             for y in range(2021, 2027)}
    years["2020"] = {"rating": "htxs", "awards": [{"form": "bang_khen_tinh",
                                                   "kind": "phong_trao"}]}
    v = _run(catalog, "bang_khen_thu_tuong", years=years)
    assert v.verdict == "ineligible"
    assert any("không làm căn cứ khen công trạng" in r.message for r in v.reasons)
    years["2020"]["awards"] = [{"form": "bang_khen_tinh", "kind": "cong_trang"}]
    assert _run(catalog, "bang_khen_thu_tuong", years=years).verdict == "eligible"


def test_unconfirmed_tick_in_the_batch_is_evidence_needed(catalog: Catalog) -> None:
    v = _run(catalog, "lao_dong_tien_tien",
             years={"2026": {"rating": "htt", "movement": None}})
    assert v.verdict == "eligible" and not v.confirmed
    assert any("tích cực tham gia phong trào thi đua" in e for e in v.evidence_needed)


def test_batch_errors_name_case_and_key(catalog: Catalog) -> None:
    with pytest.raises(BatchError) as err:
        case_to_subject({"id": "c9", "target": "lao_dong_tien_tien",
                         "subject": {"kind": "individual"},
                         "years": {"2026": {"rating": "htt", "titles": "ldtt"}}}, catalog, 2026)
    assert err.value.case_id == "c9" and err.value.key == "years.2026.titles"
    with pytest.raises(BatchError) as err:
        case_to_subject({"id": "c10", "target": "tap_the_lao_dong_tien_tien",
                         "subject": {"kind": "collective"}, "years": {}}, catalog, 2026)
    assert err.value.key == "members"
