"""Officer confirmations ("claims") are stored per year and change the verdicts that need them."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.errors import ValidationError
from desktop.core.model import (
    Claim,
    Collective,
    CollectiveKind,
    History,
    Person,
    Rating,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations import eligibility as el
from desktop.core.operations import registry as ops

TODAY = date(2026, 11, 23)


def verdict(store, catalog, ref, code, year=2026):
    return next(v for v in el.evaluate_subject(store, catalog, ref, year, "default")
                if v.target == code)


def test_thon_van_hoa_needs_the_officers_confirmation(store, catalog):
    thon, _ = ops.add_collective(store, catalog, Collective(None, "Thôn Đồng Xuân",
                                                            CollectiveKind.THON_TO_DAN_PHO),
                                 History(years=(YearRecord(2026, Rating.HTT),)), "t")
    ref = SubjectRef(SubjectKind.COLLECTIVE, thon.id)
    before = verdict(store, catalog, ref, "thon_to_dan_pho_van_hoa")
    assert before.verdict == "ineligible"
    assert any("cần xác nhận" in m for m in before.missing)
    ops.update_collective(store, catalog, thon, History(
        years=(YearRecord(2026, Rating.HTT),),
        claims=(Claim(2026, "dat_tieu_chi_thon_van_hoa", "Biên bản họp thôn 12/BB"),)), "t")
    assert ops.get_history(store, ref).claims[0].note == "Biên bản họp thôn 12/BB"
    after = verdict(store, catalog, ref, "thon_to_dan_pho_van_hoa")
    assert after.verdict == "eligible"
    # a confirmation for another year does not count for this one
    assert verdict(store, catalog, ref, "thon_to_dan_pho_van_hoa", 2027).verdict != "eligible"


def test_bulk_filter_reads_claims_too(store, catalog):
    thon, _ = ops.add_collective(store, catalog, Collective(None, "Thôn Bản Mường",
                                                            CollectiveKind.THON_TO_DAN_PHO),
                                 History(years=(YearRecord(2026, Rating.HTT),),
                                         claims=(Claim(2026, "dat_tieu_chi_thon_van_hoa"),)),
                                 "t")
    ops.add_collective(store, catalog, Collective(None, "Thôn Chiềng",
                                                  CollectiveKind.THON_TO_DAN_PHO),
                       History(years=(YearRecord(2026, Rating.HTT),)), "t")
    assert el.eligible_ids(store, catalog, "thon_to_dan_pho_van_hoa", 2026, "default") == \
        [thon.id]


def test_unknown_or_repeated_claims_are_refused(store, catalog):
    with pytest.raises(ValidationError) as err:
        ops.add_person(store, catalog, Person(None, "Lò Văn Pọm"), History(claims=(
            Claim(2026, "khong_co"), Claim(2026, "thanh_tich_phong_trao"),
            Claim(2026, "thanh_tich_phong_trao"))), "t", TODAY)
    text = str(err.value)
    assert "khong_co" in text and "hai lần" in text
    assert ops.count_people(store) == 0
