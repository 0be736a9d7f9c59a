"""Rule versions by date (issue 14): two versions of one title coexist, a review applies the
version in force on its rule date, the switch happens exactly on the boundary day, and every
verdict names the version it used."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalog import Catalog, CatalogError, Layer, load_catalog, rule_date
from desktop.core.rules.batch import BatchError, run_batch

REPO = Path(__file__).resolve().parents[3]
FORMS = REPO / "forms"
PACK = REPO / "tests" / "data" / "lawpacks" / "cstdcs_2026"
CSTDCS = "chien_si_thi_dua_co_so"


@pytest.fixture(scope="module")
def versioned() -> Catalog:
    """The bundled forms with the test pack's CSTĐCS from 1/10/2026 laid over them."""
    return load_catalog(FORMS, [Layer(PACK, "lawpack:test/1")], as_of=date(2026, 12, 3))


def _case(rating: str, initiative: bool, case_id: str = "c1") -> dict[str, Any]:
    case: dict[str, Any] = {
        "id": case_id, "target": CSTDCS,
        "subject": {"kind": "individual", "group": "cbccvc", "hired_on": "2015-09-01"},
        "years": {"2026": {"rating": rating, "titles": [], "awards": []}}}
    if initiative:
        case["initiatives"] = [{"id": "sk", "year": 2026, "scope": "co_so", "used_for": None}]
    return case


def _batch(catalog: Catalog, as_of: str | None, *cases: dict[str, Any],
           year: int = 2026) -> list[dict[str, Any]]:
    data: dict[str, Any] = {"format": "hoso-eligibility/1", "review_year": year,
                            "province": "default", "cases": list(cases)}
    if as_of is not None:
        data["as_of"] = as_of
    return run_batch(data, catalog)


def test_two_versions_of_one_title_coexist(versioned: Catalog) -> None:
    versions = versioned.title_versions(CSTDCS)
    assert [v.version for v in versions] == [f"{CSTDCS}@2024-01-01", f"{CSTDCS}@2026-10-01"]
    assert versions[0].valid_to == date(2026, 9, 30)   # the next version ends it
    assert versions[1].valid_to is None
    assert versions[0].origin.startswith("forms:")
    assert versions[1].origin == "lawpack:test/1"


def test_the_switch_happens_on_the_boundary_day(versioned: Catalog) -> None:
    before, on = versioned.on(date(2026, 9, 30)), versioned.on(date(2026, 10, 1))
    assert before.title(CSTDCS).version == f"{CSTDCS}@2024-01-01"
    assert on.title(CSTDCS).version == f"{CSTDCS}@2026-10-01"
    # HTTNV with a sáng kiến: eligible the day before, not from the boundary day
    cases = (_case("htt", True, "htt+sk"), _case("htxs", False, "htxs"),
             _case("htxs", True, "htxs+sk"))
    old = {r["id"]: r for r in _batch(versioned, "2026-09-30", *cases)}
    new = {r["id"]: r for r in _batch(versioned, "2026-10-01", *cases)}
    assert {k: r["verdict"] for k, r in old.items()} == {
        "htt+sk": "eligible", "htxs": "eligible", "htxs+sk": "eligible"}
    assert {k: r["verdict"] for k, r in new.items()} == {
        "htt+sk": "ineligible", "htxs": "ineligible", "htxs+sk": "eligible"}
    # every verdict names the version it applied
    assert old["htxs"]["rule_version"] == {
        "as_of": "2026-09-30", "title": f"{CSTDCS}@2024-01-01",
        "province": "default@2024-01-01", "origin": versioned.title_versions(CSTDCS)[0].origin}
    assert new["htxs"]["rule_version"]["title"] == f"{CSTDCS}@2026-10-01"
    assert new["htxs"]["rule_version"]["origin"] == "lawpack:test/1"


def test_without_as_of_the_review_year_end_applies(versioned: Catalog) -> None:
    case = _case("htxs", False)
    assert _batch(versioned, None, case)[0]["verdict"] == "ineligible"   # 31/12/2026
    case_2025 = dict(case, years={"2025": {"rating": "htxs"}})
    result = _batch(versioned, None, case_2025, year=2025)[0]
    assert result["verdict"] == "eligible"
    assert result["rule_version"]["as_of"] == "2025-12-31"


def test_the_bundled_forms_alone_never_switch(catalog: Catalog) -> None:
    for day in ("2026-09-30", "2026-10-01", "2027-06-01"):
        assert _batch(catalog, day, _case("htxs", False))[0]["verdict"] == "eligible"


def test_the_rule_date_of_a_review() -> None:
    # the nomination date, but never after 31/12 of the review year
    assert rule_date(2026, date(2026, 11, 20)) == date(2026, 11, 20)
    assert rule_date(2026, date(2027, 1, 10)) == date(2026, 12, 31)
    assert rule_date(2025, date(2027, 3, 1)) == date(2025, 12, 31)
    catalog = load_catalog(FORMS, [Layer(PACK, "lawpack:test/1")], as_of=date(2027, 1, 10))
    assert catalog.for_review(2026, date(2027, 1, 10)).title(CSTDCS).valid_from == \
        date(2026, 10, 1)
    assert catalog.for_review(2026, date(2026, 9, 15)).title(CSTDCS).valid_from == \
        date(2024, 1, 1)


def test_as_of_is_checked(versioned: Catalog) -> None:
    with pytest.raises(BatchError) as caught:
        _batch(versioned, "2025-12-31", _case("htxs", False))
    assert caught.value.key == "as_of"
    with pytest.raises(BatchError) as caught:
        _batch(versioned, "1/10/2026", _case("htxs", False))
    assert caught.value.key == "as_of"


def test_a_title_not_yet_in_force_is_named(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    path = forms / "titles" / "giay_khen.toml"
    path.write_text(path.read_text("utf-8").replace("valid_from = 2024-01-01",
                                                    "valid_from = 2027-01-01"), "utf-8")
    catalog = load_catalog(forms, as_of=date(2026, 6, 1))
    assert "giay_khen" not in catalog.titles
    assert "giay_khen" in catalog.on(date(2027, 1, 1)).titles
    case = dict(_case("htt", False), target="giay_khen")
    with pytest.raises(BatchError) as caught:
        _batch(catalog, "2026-06-01", case)
    assert (caught.value.case_id, caught.value.key) == ("c1", "target")


def test_a_province_before_its_regulation_applies_the_national_defaults(
        catalog: Catalog) -> None:
    before = catalog.on(date(2025, 12, 14))
    assert "bac_ninh" not in before.provinces
    assert before.province("bac_ninh").code == "default"
    assert catalog.on(date(2025, 12, 15)).province("bac_ninh").chain == (
        "bac_ninh@2025-12-15", "default@2024-01-01")
    data = {"format": "hoso-eligibility/1", "review_year": 2025, "province": "bac_ninh",
            "as_of": "2025-12-01", "cases": [_case("htxs", False)]}
    data["cases"][0]["years"] = {"2025": {"rating": "htxs"}}
    assert run_batch(data, catalog)[0]["rule_version"]["province"] == "default@2024-01-01"


def test_days_with_the_same_versions_share_one_view(versioned: Catalog) -> None:
    a, b = versioned.on(date(2026, 3, 1)), versioned.on(date(2026, 4, 1))
    assert a.titles is b.titles and a.as_of != b.as_of
    assert versioned.on(date(2026, 10, 1)).titles is not a.titles


def _copy(tmp_path: Path) -> Path:
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    return forms


def _version(forms: Path, name: str, old: str, new: str) -> None:
    text = (forms / "titles" / "lao_dong_tien_tien.toml").read_text("utf-8")
    assert old in text
    (forms / "titles" / name).write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize(("name", "new", "message"), [
    ("lao_dong_tien_tien@2026-10-01.toml", "valid_from = 2026-10-02", "file name"),
    ("lao_dong_tien_tien@2024-01-01.toml", "valid_from = 2024-01-01", "both start"),
    ("lao_dong_tien_tien@2026-10-01.toml", "valid_from = 2026-10-01\nvalid_to = 2025-01-01",
     "before valid_from"),
    ("lao_dong_tien_tien@2026-10-01.toml", 'valid_from = "2026-10-01"', "TOML date"),
    ("lao_dong_tien_tien@2026-10-01.toml", "", "valid_from' is required"),
    ("Lao dong.toml", "valid_from = 2026-10-01", "file name must read"),
])
def test_bad_versions_are_refused_with_their_file(tmp_path: Path, name: str, new: str,
                                                  message: str) -> None:
    forms = _copy(tmp_path)
    _version(forms, name, "valid_from = 2024-01-01   # Law 06/2022 in force (LAW §1); a later "
             "version is <code>@YYYY-MM-DD.toml", new)
    with pytest.raises(CatalogError, match=message):
        load_catalog(forms)


def test_a_valid_to_reaching_into_the_next_version_is_refused(tmp_path: Path) -> None:
    forms = _copy(tmp_path)
    base = forms / "titles" / "lao_dong_tien_tien.toml"
    base.write_text(base.read_text("utf-8").replace(
        "valid_from = 2024-01-01", "valid_from = 2024-01-01\nvalid_to = 2026-12-31"), "utf-8")
    _version(forms, "lao_dong_tien_tien@2026-10-01.toml", "valid_from = 2024-01-01",
             "valid_from = 2026-10-01")
    with pytest.raises(CatalogError, match="overlaps the next version"):
        load_catalog(forms)


def test_a_title_in_force_must_name_titles_in_force(tmp_path: Path) -> None:
    """CSTĐCS needs the LĐTT standard: LĐTT ending before CSTĐCS does is refused, naming the
    day on which the reference breaks."""
    forms = _copy(tmp_path)
    base = forms / "titles" / "lao_dong_tien_tien.toml"
    base.write_text(base.read_text("utf-8").replace(
        "valid_from = 2024-01-01", "valid_from = 2024-01-01\nvalid_to = 2026-06-30"), "utf-8")
    with pytest.raises(CatalogError, match="lao_dong_tien_tien' has no version in force on "
                                           "2026-07-01"):
        load_catalog(forms)


def test_a_document_kind_version_applies_from_its_day(tmp_path: Path) -> None:
    """A document uses its kind's version in force on its date (the dossier's day)."""
    layer = tmp_path / "pack"
    (layer / "documents").mkdir(parents=True)
    text = (FORMS / "documents" / "to_trinh.toml").read_text("utf-8")
    (layer / "documents" / "to_trinh@2027-01-01.toml").write_text(
        text.replace("valid_from = 2024-01-01", "valid_from = 2027-01-01", 1)
        .replace('title = "TỜ TRÌNH"', 'title = "TỜ TRÌNH (MẪU 2027)"'), "utf-8")
    catalog = load_catalog(FORMS, [Layer(layer, "lawpack:test/2")], as_of=date(2026, 12, 3))
    assert catalog.on(date(2026, 12, 31)).documents["to_trinh"].text("title") == "TỜ TRÌNH"
    new = catalog.on(date(2027, 1, 1)).documents["to_trinh"]
    assert (new.text("title"), new.version, new.origin) == (
        "TỜ TRÌNH (MẪU 2027)", "to_trinh@2027-01-01", "lawpack:test/2")


def test_what_if_applies_the_version_of_the_rule_date(versioned: Catalog) -> None:
    """The editor's unsaved values (issue 12's what-if) are judged like the stored ones: by
    the rules in force on the review's rule date, naming the version, and next year's steps
    by next year's rules."""
    from desktop.core.model import History, Initiative, Person, Rating, YearRecord
    from desktop.core.operations import whatif

    person = Person(id=None, full_name="Nguyễn Thị Thử", hired_on=date(2015, 9, 1))
    history = History(years=(YearRecord(2026, rating=Rating.HTT),),
                      initiatives=(Initiative(2026, "Sáng kiến thử"),))

    def cstdcs(day: date) -> tuple[str, str]:
        rules = versioned.for_review(2026, day)
        result = whatif.evaluate_person(rules, person, history, 2026, "default",
                                        next_catalog=versioned.for_review(2027, day))
        verdict = next(v for v in result.verdicts if v.target == "chien_si_thi_dua_co_so")
        assert verdict.rule is not None
        return verdict.verdict, verdict.rule.title

    assert cstdcs(date(2026, 9, 30)) == ("eligible", "chien_si_thi_dua_co_so@2024-01-01")
    assert cstdcs(date(2026, 10, 1)) == ("ineligible", "chien_si_thi_dua_co_so@2026-10-01")
