"""The number register over the store (issue 11 point 5): numbers continue after the highest
recorded for the issuer and year, the officer can set the next one, and numbers and dates out
of order are refused where the officer enters them and reported for the appraisal."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import ValidationError
from desktop.core.model import Award, History, Person, SubjectKind, SubjectRef
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations import numbering as ops
from desktop.core.operations import registry as reg
from desktop.core.store import Store
from desktop.core.store import registry as repo
from tests.unit.test_dossier_operation import (
    ACTOR,
    TODAY,
    UNIT,
    make_round,
    with_council,
    with_reports,
)

COMMUNE = "Chủ tịch UBND xã Thanh Sơn"


@pytest.fixture(autouse=True)
def unit(store: Store) -> None:
    """The register belongs to a unit: its name says which issuer is its own."""
    reg.save_unit(store, UNIT, ACTOR)


def award(number: str, day: date, code: str = "lao_dong_tien_tien", year: int = 2026,
          issuer: str = COMMUNE) -> Award:
    return Award(year=year, code=code, decision_no=number, decision_date=day, issuer=issuer)


def person_with(store: Store, catalog: Catalog, name: str, *awards: Award) -> Person:
    saved, _c = reg.add_person(store, catalog, Person(None, name), History(awards=awards),
                               ACTOR, date(2026, 12, 20))
    return saved


def test_the_unit_decision_continues_after_the_history(store: Store, catalog: Catalog) -> None:
    r = with_council(with_reports(make_round(store, catalog)),
                     {"Hoàng Thị Hoa": 11, "Đặng Văn Nam": 10})
    # the same issuer recorded 240 and 373 this year; the district's 2415 is another series
    person_with(store, catalog, "Bùi Thị Hạnh", award("240/QĐ-UBND", date(2026, 1, 8)),
                award("373/QĐ-UBND", date(2026, 1, 20), code="giay_khen"),
                award("2415/QĐ-UBND", date(2026, 1, 9), code="giay_khen",
                      issuer="Chủ tịch UBND huyện Thanh Sơn"))
    data = dossier_ops.gather(store, catalog, r.round_id, TODAY)
    assert data.numbers["quyet_dinh/chien_si_thi_dua_co_so"] == 374
    docs = {d.kind: d for d in dossier_ops.documents_of(catalog, data)}
    assert docs["quyet_dinh"].metadata["number"] == "374/QĐ-UBND"
    # a reprint keeps its number and its date
    again = dossier_ops.gather(store, catalog, r.round_id, date(2026, 2, 20))
    assert again.numbers["quyet_dinh/chien_si_thi_dua_co_so"] == 374
    assert again.date_of("quyet_dinh/chien_si_thi_dua_co_so") == TODAY
    # the biên bản are dated on the meeting day, and say so to what records the PDFs
    assert data.date_of("bien_ban_hop") == date(2026, 2, 3)
    assert docs["bien_ban_hop"].metadata["dated"] == "2026-02-03"
    assert docs["quyet_dinh"].metadata["dated"] == TODAY.isoformat()


def test_the_officer_sets_the_next_number(store: Store, catalog: Catalog) -> None:
    r = with_council(with_reports(make_round(store, catalog)), {"Hoàng Thị Hoa": 11})
    person_with(store, catalog, "Bùi Thị Hạnh", award("20/QĐ-UBND", date(2026, 1, 8)))
    with pytest.raises(ValidationError) as err:
        ops.set_next_number(store, catalog, UNIT, 2026, "QĐ", "UBND", 20, ACTOR, TODAY)
    assert err.value.codes == ["numbers.next_too_low"]
    assert "từ 21 trở lên" in err.value.problems[0].message
    with pytest.raises(ValidationError) as err:
        ops.set_next_number(store, catalog, UNIT, 2026, "QĐ", "UBND", 100_000, ACTOR, TODAY)
    assert err.value.codes == ["numbers.next_invalid"]
    state, _c = ops.set_next_number(store, catalog, UNIT, 2026, "QĐ", "ubnd", 151, ACTOR,
                                    TODAY)
    assert (state.highest, state.officer_next, state.next) == (20, 151, 151)
    data = dossier_ops.gather(store, catalog, r.round_id, TODAY)
    assert data.numbers["quyet_dinh/chien_si_thi_dua_co_so"] == 151
    states = dict((s.label, st.next) for s, st in ops.register_states(store, catalog, UNIT,
                                                                        2026))
    assert states["Quyết định (QĐ-UBND)"] == 152


def test_a_higher_number_dated_before_a_lower_one_is_refused(store: Store,
                                                             catalog: Catalog) -> None:
    person_with(store, catalog, "Bùi Thị Hạnh", award("240/QĐ-UBND", date(2026, 11, 20)))
    with pytest.raises(ValidationError) as err:
        person_with(store, catalog, "Lê Văn Tám", award("373/QĐ-UBND", date(2026, 11, 10)))
    assert err.value.codes == ["numbers.out_of_order"]
    with pytest.raises(ValidationError) as err:
        person_with(store, catalog, "Lê Văn Tám", award("240/QĐ-UBND", date(2026, 11, 21)))
    assert err.value.codes == ["numbers.same_number_two_dates"]
    # another issuer's numbers are another series
    person_with(store, catalog, "Lê Văn Tám", award("373/QĐ-UBND", date(2026, 11, 10),
                                                    issuer="Chủ tịch UBND tỉnh Phú Thọ"))


def test_old_wrong_rows_never_block_an_unrelated_save(store: Store, catalog: Catalog,
                                                      today: date) -> None:
    first = person_with(store, catalog, "Bùi Thị Hạnh", award("240/QĐ-UBND", date(2026, 11, 20)))
    # written past the operation (an import, an older version): already out of order
    with store.write() as db:
        second = repo.insert_person(db, Person(None, "Lê Văn Tám"))
        repo.add_history(db, SubjectRef(SubjectKind.PERSON, second),
                         History(awards=(award("373/QĐ-UBND", date(2026, 11, 10)),)))
    assert [p.code for p in ops.register_problems(store, catalog, UNIT, 2026)] == [
        "numbers.out_of_order"]
    ref = SubjectRef(SubjectKind.PERSON, second)
    history = reg.get_history(store, ref)
    person = reg.get_person(store, second)
    assert person is not None
    reg.update_person(store, catalog, person, history, ACTOR, today)       # unchanged rows
    assert first.id is not None


def test_a_cstdcs_decision_before_the_council_met_is_refused(store: Store,
                                                             catalog: Catalog) -> None:
    with_council(make_round(store, catalog), {})
    # the round reviews 2025; its council met on 03/02/2026
    with pytest.raises(ValidationError) as err:
        person_with(store, catalog, "Lê Văn Tám", award(
            "12/QĐ-UBND", date(2026, 1, 20), code="chien_si_thi_dua_co_so", year=2025))
    assert err.value.codes == ["numbers.decision_before_meeting"]
    person_with(store, catalog, "Lê Văn Tám", award(
        "12/QĐ-UBND", date(2026, 2, 4), code="chien_si_thi_dua_co_so", year=2025))
