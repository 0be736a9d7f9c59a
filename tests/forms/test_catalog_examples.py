"""Every title file loads, carries worked examples, and every example gives its verdict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.catalog import (
    PREDICATES,
    Catalog,
    CatalogError,
    Group,
    Node,
    TitleInfo,
    example_boundaries,
    example_day,
    load_catalog,
)
from desktop.core.rules.batch import evaluate_case
from desktop.core.rules.engine import Engine
from desktop.core.rules.predicates import IMPLEMENTATIONS

REPO = Path(__file__).resolve().parents[2]
FORMS = REPO / "forms"
DESIGN_CODES = (
    "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh",
    "chien_si_thi_dua_toan_quoc", "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac",
    "co_thi_dua_tinh", "co_thi_dua_chinh_phu", "giay_khen", "bang_khen_tinh",
    "bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba", "gia_dinh_van_hoa",
    "thon_to_dan_pho_van_hoa",
)


def _examples() -> list[tuple[str, str]]:
    """Every worked example of every version of every title."""
    catalog = load_catalog(FORMS)
    return [(info.version, str(ex["id"])) for code in catalog.all_title_codes()
            for info in catalog.title_versions(code) for ex in info.examples]


def test_every_design_code_has_a_file_with_criteria(catalog: Catalog) -> None:
    assert sorted(catalog.titles) == sorted(DESIGN_CODES)
    for info in catalog.titles.values():
        assert set(info.criteria) == set(info.subjects), info.code
        assert info.legal_basis, info.code
        assert info.dossier_parts, info.code


def test_vocabulary_and_implementations_agree() -> None:
    assert set(PREDICATES) == set(IMPLEMENTATIONS)


@pytest.mark.parametrize("code", DESIGN_CODES)
def test_each_title_has_eligible_ineligible_and_edge_examples(catalog: Catalog,
                                                              code: str) -> None:
    examples = catalog.titles[code].examples
    assert len(examples) >= 3
    verdicts = {ex["expected"] for ex in examples}
    assert {"eligible", "ineligible"} <= verdicts


@pytest.mark.parametrize(("version", "example_id"), _examples())
def test_worked_example(catalog: Catalog, version: str, example_id: str) -> None:
    code = version.partition("@")[0]
    info = next(i for i in catalog.title_versions(code) if i.version == version)
    example = next(e for e in info.examples if e["id"] == example_id)
    day = catalog.on(example_day(info, example))
    assert day.title(code) is info   # the example runs under its own version
    engine = Engine.for_province(day, example.get("province", "default"))
    case = {"target": code, **example}
    _case_id, verdict = evaluate_case(engine, case, int(example.get("review_year", 2026)))
    assert verdict.verdict == example["expected"], [r.message for r in verdict.reasons]
    for reason in verdict.reasons:
        assert reason.message and reason.basis, reason
    if verdict.verdict == "ineligible":
        assert verdict.missing or any(r.code == "discipline" for r in verdict.reasons)


def _copy_forms(tmp_path: Path) -> Path:
    target = tmp_path / "forms"
    shutil.copytree(FORMS, target)
    return target


def test_unknown_predicate_is_refused_with_the_file_name(tmp_path: Path) -> None:
    forms = _copy_forms(tmp_path)
    path = forms / "titles" / "lao_dong_tien_tien.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'predicate = "rating_at_least"', 'predicate = "rating_atleast"'), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"lao_dong_tien_tien\.toml.*rating_atleast"):
        load_catalog(forms)


def test_unknown_province_parameter_is_refused(tmp_path: Path) -> None:
    forms = _copy_forms(tmp_path)
    path = forms / "titles" / "tap_the_lao_dong_tien_tien.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "province:ttldtt_min_share", "province:no_such_share"), encoding="utf-8")
    with pytest.raises(CatalogError, match="no_such_share"):
        load_catalog(forms)


def test_unknown_title_reference_and_basis_are_refused(tmp_path: Path) -> None:
    forms = _copy_forms(tmp_path)
    path = forms / "titles" / "chien_si_thi_dua_tinh.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('titles = ["chien_si_thi_dua_co_so"]', 'titles = ["cstdcs"]'),
                    encoding="utf-8")
    with pytest.raises(CatalogError, match="unknown title code 'cstdcs'"):
        load_catalog(forms)
    path.write_text(text.replace('legal_basis = ["Luật TĐKT 2022, Điều 22"]',
                                 'legal_basis = ["Luật Không Có, Điều 1"]'), encoding="utf-8")
    with pytest.raises(CatalogError, match="legal-basis"):
        load_catalog(forms)


def test_province_parameter_outside_default_is_refused(tmp_path: Path) -> None:
    forms = _copy_forms(tmp_path)
    (forms / "provinces" / "x.toml").write_text(
        'code = "x"\nvalid_from = 2024-01-01\nextends = "default"\n'
        '[parameters]\nttldtt_share = 0.6\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="ttldtt_share"):
        load_catalog(forms)


def test_ballot_thresholds_follow_the_province(catalog: Catalog) -> None:
    default = catalog.province("default")
    assert catalog.titles["chien_si_thi_dua_co_so"].ballot_threshold(default) == 0.8
    assert catalog.titles["chien_si_thi_dua_tinh"].ballot_threshold(default) == 0.9
    assert catalog.titles["lao_dong_tien_tien"].ballot_threshold(default) is None
    assert catalog.titles["giay_khen"].report_form("collective") == "mau_04"


# ---- boundaries: each figure of a rule is tested where it bites --------------------------------

NUMERIC = {name for name, spec in PREDICATES.items()
           if any(kind in ("int", "share") for kind, _required in spec.values())}


def _numeric_ids(info: TitleInfo) -> list[str]:
    found: list[str] = []

    def walk(node: Node) -> None:
        if isinstance(node, Group):
            for item in node.items:
                walk(item)
        elif node.predicate in NUMERIC:
            found.append(node.id)

    for rule in info.criteria.values():
        walk(rule)
    return found


@pytest.mark.parametrize("code", DESIGN_CODES)
def test_every_numeric_criterion_has_a_worked_example_at_its_boundary(catalog: Catalog,
                                                                      code: str) -> None:
    info = catalog.titles[code]
    numeric = _numeric_ids(info)
    assert len(numeric) == len(set(numeric)), f"{code}: give each numeric criterion an id"
    marked = {b.split(":")[0].strip() for ex in info.examples
              for b in example_boundaries(ex)}
    assert set(numeric) <= marked, f"{code}: no boundary example for {set(numeric) - marked}"


def test_a_boundary_must_name_a_criterion_of_its_title(tmp_path: Path) -> None:
    forms = _copy_forms(tmp_path)
    path = forms / "titles" / "tap_the_lao_dong_tien_tien.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'boundary = "member_share: 7/10', 'boundary = "member_shares: 7/10'), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"tap_the_lao_dong_tien_tien\.toml.*member_shares"):
        load_catalog(forms)


def test_a_share_just_under_its_threshold_is_never_shown_as_the_threshold(catalog: Catalog
                                                                         ) -> None:
    """Issue 11 point 9: 699 of 1000 members is 69,9 %, short of 70 %, and says so."""
    example = next(e for e in catalog.titles["tap_the_lao_dong_tien_tien"].examples
                   if e["id"] == "ttldtt-699-phan-nghin")
    engine = Engine.for_province(catalog, "default")
    _id, verdict = evaluate_case(engine, {"target": "tap_the_lao_dong_tien_tien", **example},
                                 2026)
    (share,) = [r for r in verdict.reasons if r.code == "member_share"]
    assert "699/1000 thành viên (69,9%)" in share.message and "yêu cầu từ 70%" in share.message


@pytest.mark.parametrize(("code", "example_id"), [
    ("chien_si_thi_dua_tinh", "cstdt-sang-kien-chua-ap-dung"),
    ("bang_khen_tinh", "bkt-sang-kien-chua-ap-dung"),
    ("chien_si_thi_dua_toan_quoc", "cstdtq-sang-kien-chua-ap-dung")])
def test_an_initiative_not_applied_does_not_count(catalog: Catalog, code: str,
                                                  example_id: str) -> None:
    """Issue 11 point 9 (Law Art 21, 22, 74.1.d: "được áp dụng hiệu quả"): the same case with
    the sáng kiến applied would be eligible; not applied, it is refused and the reason says
    why."""
    example = dict(next(e for e in catalog.titles[code].examples if e["id"] == example_id))
    engine = Engine.for_province(catalog, "default")
    _id, refused = evaluate_case(engine, {"target": code, **example}, 2026)
    assert refused.verdict == "ineligible"
    assert any("chưa được áp dụng hiệu quả" in r.message for r in refused.reasons)
    applied = [{**i, "applied": True} for i in example["initiatives"]]
    _id, granted = evaluate_case(engine, {"target": code, **example, "initiatives": applied},
                                 2026)
    assert granted.verdict == "eligible", [r.message for r in granted.reasons]
