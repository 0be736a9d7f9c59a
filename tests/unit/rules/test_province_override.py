"""A province profile's figures change verdicts; the national defaults stay as they are."""

from __future__ import annotations

from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.rules import Engine, MemberFacts, Population, SubjectFacts, YearFacts


def _collective(ldtt: int, total: int = 10) -> Population:
    facts = SubjectFacts(1, "collective", {2026: YearFacts(2026, "htt", solidarity=True,
                                                           movement=True)},
                         members=MemberFacts(total, {"lao_dong_tien_tien": ldtt,
                                                     "completed": total}))
    return Population.from_subjects("collective", 2026, [facts])


def test_ttldtt_share_override_takes_effect(catalog: Catalog) -> None:
    code = "tap_the_lao_dong_tien_tien"
    national = Engine.for_province(catalog, "default")
    example = Engine.for_province(catalog, "vi_du_cach_doc_cu")
    assert national.evaluate(_collective(6), 1, code).verdict == "ineligible"
    assert example.evaluate(_collective(6), 1, code).verdict == "eligible"
    assert example.evaluate(_collective(4), 1, code).verdict == "ineligible"
    assert national.evaluate(_collective(7), 1, code).verdict == "eligible"
    # The bulk path reads the same parameter.
    assert example.select(_collective(6), code)["eligible"] == {1}
    assert national.select(_collective(6), code)["eligible"] == set()


def test_six_month_rule_can_be_switched_off(catalog: Catalog) -> None:
    person = SubjectFacts(1, "individual", {2026: YearFacts(2026, "htt", solidarity=True,
                                                            movement=True)},
                          group="cbccvc", hired_on=date(2026, 10, 1))
    pop = Population.from_subjects("individual", 2026, [person])
    code = "lao_dong_tien_tien"
    assert Engine.for_province(catalog, "default").evaluate(pop, 1, code).verdict == "ineligible"
    assert Engine.for_province(catalog, "vi_du_cach_doc_cu").evaluate(pop, 1, code).eligible


def test_cstdcs_cap_is_surfaced_as_information(catalog: Catalog) -> None:
    person = SubjectFacts(1, "individual", {2026: YearFacts(2026, "htxs", solidarity=True,
                                                            movement=True)},
                          group="cbccvc", hired_on=date(2010, 1, 1))
    pop = Population.from_subjects("individual", 2026, [person])
    code = "chien_si_thi_dua_co_so"
    capped = Engine.for_province(catalog, "vi_du_cach_doc_cu").evaluate(pop, 1, code)
    plain = Engine.for_province(catalog, "default").evaluate(pop, 1, code)
    assert any("15%" in line for line in capped.info)
    assert not any("15%" in line for line in plain.info)
    assert Engine.for_province(catalog, "vi_du_cach_doc_cu").cstdcs_cap(40) == 6
    assert Engine.for_province(catalog, "default").cstdcs_cap(40) is None


def test_deadline_override(catalog: Catalog) -> None:
    assert catalog.province("bac_ninh").deadline("education_files", 2026) == date(2026, 7, 10)
    assert catalog.province("default").deadline("education_files", 2026) is None
    assert catalog.province("default").deadline("cong_trang", 2026) == date(2026, 12, 10)
    # Inherited national deadline, one year later for CSTĐTQ.
    assert catalog.province("bac_ninh").deadline("cstdtq_bnv", 2026) == date(2027, 12, 31)
    assert catalog.province("vi_du_cach_doc_cu").deadline("cong_trang", 2026) == \
        date(2026, 11, 30)
