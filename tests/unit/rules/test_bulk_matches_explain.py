"""The set-based bulk path (registry filter) and the explained verdict never disagree."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.catalog import Catalog, load_catalog
from desktop.core.rules import (
    DisciplineFact,
    Engine,
    MemberFacts,
    Population,
    ProofFact,
    SubjectFacts,
    YearFacts,
)
from tests.conftest import REPO

CATALOG = load_catalog(REPO / "forms")
YEARS = range(2017, 2027)
TITLES = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh",
          "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac")
FORMS = ("bang_khen_tinh", "bang_khen_thu_tuong")
CLAIMS = ("thanh_tich_phong_trao", "dan_dau_cum_khoi", "vuot_chi_tieu", "to_chuc_dang_htxs",
          "tiet_kiem_phong_chong_tham_nhung", "dat_tieu_chi_thon_van_hoa",
          "dong_gop_lon_cong_suc_dat_dai_tai_san", "dan_chu_co_so_tiet_kiem")
tick = st.sampled_from([None, True, True, False])


@st.composite
def year_facts(draw: st.DrawFn, year: int) -> YearFacts:
    return YearFacts(
        year,
        draw(st.sampled_from([None, "kht", "ht", "htt", "htt", "htxs", "htxs"])),
        frozenset(draw(st.sets(st.sampled_from(TITLES), max_size=3))),
        tuple(draw(st.lists(st.tuples(st.sampled_from(FORMS),
                                      st.sampled_from(["cong_trang", "dot_xuat"])),
                            max_size=1))),
        draw(tick), draw(tick), draw(tick))


@st.composite
def subject(draw: st.DrawFn, sid: int, kind: str) -> SubjectFacts:
    years = {}
    strong = draw(st.booleans())  # a long good record, so multi-year titles get reached
    for y in YEARS:
        if strong:
            titles = {"lao_dong_tien_tien", "chien_si_thi_dua_co_so",
                      "tap_the_lao_dong_xuat_sac"}
            if y in (2020, 2023, 2026):
                titles.add("chien_si_thi_dua_tinh")
            awards = (("bang_khen_tinh", "cong_trang"), ("bang_khen_thu_tuong",
                                                        "cong_trang")) if y == 2019 else ()
            years[y] = YearFacts(y, draw(st.sampled_from(["htxs", "htxs", "htxs", "htt", "ht"])),
                                 frozenset(titles), awards, draw(tick), draw(tick), draw(tick))
        elif draw(st.integers(0, 5)):
            years[y] = draw(year_facts(y))
    proofs = tuple(
        ProofFact(draw(st.sampled_from(["initiative", "research"])),
                  draw(st.sampled_from(list(YEARS))),
                  draw(st.sampled_from(["co_so", "tinh", "toan_quoc"])),
                  f"p{i}", "",
                  *draw(st.sampled_from([("", None), ("chien_si_thi_dua_co_so", 2026),
                                         ("bang_khen_tinh", 2025)])),
                  draw(st.booleans()), draw(st.booleans()))
        for i in range(draw(st.integers(0, 3))))
    discipline = tuple(
        DisciplineFact(draw(st.sampled_from(["khien_trach", "canh_cao"])),
                       date(draw(st.sampled_from(list(YEARS))), 3, 1),
                       draw(st.sampled_from([None, date(2027, 1, 1), date(2020, 6, 1)])))
        for _ in range(draw(st.integers(0, 1))))
    discipline = tuple(d for d in discipline if d.end is None or d.end >= d.start)
    members = None
    if kind == "collective":
        total = draw(st.integers(0, 12))
        members = MemberFacts(total, {
            "completed": draw(st.integers(0, total)),
            "lao_dong_tien_tien": draw(st.integers(0, total)),
            "chien_si_thi_dua_co_so": draw(st.integers(0, total)),
            "women": draw(st.integers(0, total))},
            draw(st.sampled_from([None, "khien_trach", "canh_cao"])))
    return SubjectFacts(
        sid, kind, years,
        group=draw(st.sampled_from(["cbccvc", "nguoi_lao_dong", "cong_nhan_nong_dan",
                                    "vu_trang"])) if kind == "individual" else None,
        gender=draw(st.sampled_from([None, "nam", "nu"])),
        hired_on=draw(st.sampled_from([None, date(2010, 1, 1), date(2026, 7, 1),
                                       date(2026, 9, 15)])),
        collective_kind=draw(st.sampled_from([None, "phong_ban", "thon_to_dan_pho"])),
        proofs=proofs, discipline=discipline,
        pending_review=draw(st.integers(0, 9)) == 0,
        members=members,
        claims=frozenset(draw(st.sets(st.sampled_from(CLAIMS), max_size=5))))


@st.composite
def population(draw: st.DrawFn) -> Population:
    kind = draw(st.sampled_from(["individual", "individual", "collective", "household"]))
    subjects = [draw(subject(sid, kind)) for sid in range(draw(st.integers(1, 8)))]
    return Population.from_subjects(kind, 2026, subjects)


def _check(catalog: Catalog, province: str, pop: Population) -> None:
    engine = Engine.for_province(catalog, province)
    for info in engine.applicable(pop.kind):
        sets = engine.select(pop, info.code)
        for sid in pop.ids:
            verdict = engine.evaluate(pop, sid, info.code)
            assert (sid in sets["eligible"]) == (verdict.verdict == "eligible"), \
                (info.code, sid, [r.message for r in verdict.reasons])
            assert (sid in sets["hold"]) == (verdict.verdict == "hold"), (info.code, sid)
            assert (sid in sets["confirmed"]) == verdict.confirmed, (info.code, sid)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(population(), st.sampled_from(["default", "vi_du_cach_doc_cu"]))
def test_select_agrees_with_evaluate(pop: Population, province: str) -> None:
    _check(CATALOG, province, pop)


def test_a_fact_added_after_a_selection_counts_in_the_next_one() -> None:
    """Selections memoise each rule's sets in the population; adding a fact forgets them."""
    engine = Engine.for_province(CATALOG, "default")
    person = SubjectFacts(1, "individual", {2026: YearFacts(2026, "htt", exemplary=True,
                                                            solidarity=True, movement=True)},
                          group="cbccvc")
    pop = Population.from_subjects("individual", 2026, [person])
    assert engine.select(pop, "giay_khen")["eligible"] == set()
    pop.add_claim(1, "thanh_tich_phong_trao")
    assert engine.select(pop, "giay_khen")["eligible"] == {1}
    assert engine.evaluate(pop, 1, "giay_khen").verdict == "eligible"
