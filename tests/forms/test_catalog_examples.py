"""Every title file loads, carries worked examples, and every example gives its verdict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.catalog import PREDICATES, Catalog, CatalogError, load_catalog
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
    catalog = load_catalog(FORMS)
    return [(code, str(ex["id"])) for code, info in sorted(catalog.titles.items())
            for ex in info.examples]


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


@pytest.mark.parametrize(("code", "example_id"), _examples())
def test_worked_example(catalog: Catalog, code: str, example_id: str) -> None:
    example = next(e for e in catalog.titles[code].examples if e["id"] == example_id)
    engine = Engine.for_province(catalog, example.get("province", "default"))
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
        'code = "x"\nextends = "default"\n[parameters]\nttldtt_share = 0.6\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="ttldtt_share"):
        load_catalog(forms)


def test_ballot_thresholds_follow_the_province(catalog: Catalog) -> None:
    default = catalog.province("default")
    assert catalog.titles["chien_si_thi_dua_co_so"].ballot_threshold(default) == 0.8
    assert catalog.titles["chien_si_thi_dua_tinh"].ballot_threshold(default) == 0.9
    assert catalog.titles["lao_dong_tien_tien"].ballot_threshold(default) is None
    assert catalog.titles["giay_khen"].report_form("collective") == "mau_04"
