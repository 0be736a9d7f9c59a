"""The rounds' law and province figures, read through typed catalog objects and checked when
forms/ is loaded: a bad edit fails at start-up with the file's name, never in a dossier."""

from __future__ import annotations

import shutil
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog, CatalogError, DayOfYear, load_catalog

FORMS = Path(__file__).resolve().parents[2] / "forms"


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    target = tmp_path / "forms"
    shutil.copytree(FORMS, target)
    return target


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_title_says_how_its_council_decides(catalog: Catalog) -> None:
    for info in catalog.titles.values():
        assert info.ballot.comparison in ("at_least", "more_than"), info.code
        assert info.ballot.more_than is not info.ballot.required, info.code
    default = catalog.province("default")
    assert Fraction(repr(catalog.title("lao_dong_tien_tien").vote_share(default))) == \
        Fraction(1, 2)


def test_the_province_profile_is_typed(catalog: Catalog) -> None:
    default = catalog.province("default")
    assert default.receiving_body == "Sở Nội vụ (Phòng Thi đua, khen thưởng)"
    assert default.round_deadline("cong_trang", 2026, date(2026, 3, 1)) == date(2026, 12, 10)
    assert default.round_deadline("dot_xuat", 2026, date(2026, 3, 1)) == date(2026, 3, 11)
    assert default.deadlines["cstdtq_bnv"] == DayOfYear(12, 31, year_offset=1)
    assert default.deadline("cstdtq_bnv", 2026) == date(2027, 12, 31)
    assert default.posting_days == {"huan_chuong_lao_dong_hang_ba": 10, "gia_dinh_van_hoa": 10}
    assert (default.max_attachment_mb, default.dossier_copies) == (50, 1)
    assert default.transport.email_max_bytes == 20_000_000
    bac_ninh = catalog.province("bac_ninh")   # overrides only what differs
    assert bac_ninh.receiving_body.startswith("Sở Nội vụ tỉnh Bắc Ninh")
    assert bac_ninh.posting_days == default.posting_days
    assert bac_ninh.deadline("education_files", 2026) == date(2026, 7, 10)
    assert catalog.province_or_default("khong_co") is default


def test_the_round_kinds_and_the_simplified_procedure_are_data(catalog: Catalog) -> None:
    rules = catalog.rounds
    assert [p.code for p in rules.simplified_parts] == ["to_trinh", "bao_cao_tom_tat"]
    assert {k for k, r in rules.kinds.items() if r.simplified} == {"dot_xuat", "cong_hien"}
    assert rules.of("dot_xuat").achievement_required
    assert rules.of("dot_xuat").achievement_claim == "nhieu_thanh_tich_dot_xuat"
    grounds = {code for code, info in catalog.titles.items()
               if any(p.grounds == "initiative" for p in info.dossier_parts)}
    assert grounds == {"chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh",
                       "chien_si_thi_dua_toan_quoc", "bang_khen_tinh"}


@pytest.mark.parametrize(("file", "old", "new", "error"), [
    ("titles/giay_khen.toml", "[ballot]\nrequired = false\n", "[balot]\nrequired = false\n",
     r"giay_khen\.toml.*unknown keys \['balot'\]"),
    ("titles/giay_khen.toml", 'comparison = "more_than"', 'comparison = "over"',
     r"giay_khen\.toml.*ballot\.comparison"),
    ("titles/lao_dong_tien_tien.toml", 'threshold = "province:show_of_hands_share"\n', "",
     r"lao_dong_tien_tien\.toml.*ballot\.threshold is required"),
    ("titles/chien_si_thi_dua_co_so.toml", 'grounds = "initiative"', 'grounds = "sang_kien"',
     r"chien_si_thi_dua_co_so\.toml.*grounds"),
    ("titles/giay_khen.toml", 'kinds = ["dot_xuat"]', 'kinds = ["dot_xuat", "bat_ky"]',
     r"giay_khen\.toml.*kinds must be round kinds"),
    ("provinces/default.toml", "dot_xuat_days = 10\n", "",
     r"default\.toml.*'dot_xuat'.*'dot_xuat_days'"),
    ("provinces/default.toml", 'cong_trang = "12-10"', 'cong_trang = "12-40"',
     r"default\.toml.*deadlines\.cong_trang"),
    ("provinces/default.toml", "gia_dinh_van_hoa = 10", "gia_dinh_van_hoa_x = 10",
     r"default\.toml.*public_posting.*gia_dinh_van_hoa_x"),
    ("provinces/default.toml", "max_mb = 50", "max_mb = 0",
     r"default\.toml.*attachments\.max_mb"),
    ("provinces/default.toml", "email_max_mb = 20", "email_max_mb = true",
     r"default\.toml.*transport\.email_max_mb"),
    ("provinces/default.toml", "copies = 1", "copies = 100",
     r"default\.toml.*dossier\.copies"),
    ("provinces/bac_ninh.toml", 'receiving_body = "Sở', 'receiving_bodyy = "Sở',
     r"bac_ninh\.toml.*receiving_bodyy"),
    ("rounds.toml", 'achievement_claim = "nhieu_thanh_tich_dot_xuat"',
     'achievement_claim = "mot_thanh_tich"', r"rounds\.toml.*mot_thanh_tich"),
    ("rounds.toml", "achievement_required = true", "achievement_required = 1",
     r"rounds\.toml.*achievement_required"),
])
def test_a_bad_edit_is_refused_with_the_files_name(forms: Path, file: str, old: str, new: str,
                                                   error: str) -> None:
    rewrite(forms / file, old, new)
    with pytest.raises(CatalogError, match=error):
        load_catalog(forms)
