"""What changed, in words, for the parts of a pack that are not titles or provinces: a
document kind's texts and signature block, a legal source's basis line and unit kinds. A
pack that only rewords a document must still tell the officer what it rewords."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from desktop.core.catalog import Layer, load_catalog
from desktop.core.catalog.diff import catalog_changes
from tests.lawpack_tools import CSTDCS_PACK, FORMS, copy_tree, province_profile


def _edited(tmp_path: Path, name: str, edit: tuple[str, str]) -> Path:
    forms = tmp_path / "forms"
    copy_tree(FORMS, forms)
    path = forms / name
    text = path.read_text(encoding="utf-8")
    old, new = edit
    assert re.search(old, text, flags=re.M), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")
    return forms


def test_a_reworded_document_names_what_it_rewords(tmp_path: Path) -> None:
    forms = _edited(tmp_path, "documents/to_trinh.toml",
                    (r'^title = "TỜ TRÌNH"', 'title = "TỜ TRÌNH (SỬA)"'))
    changes = catalog_changes(load_catalog(FORMS), load_catalog(forms))
    assert [(c.area, c.code) for c in changes] == [("document", "to_trinh")]
    assert "lời văn (title)" in changes[0].text
    assert "texts." not in changes[0].text


def test_a_legal_source_limited_to_communes_says_so(tmp_path: Path) -> None:
    forms = _edited(tmp_path, "legal-basis.toml",
                    (r'^(cite = "Thông tư 01/2024/TT-BNV")$', '\\1\nunit_kinds = ["xa"]'))
    changes = catalog_changes(load_catalog(FORMS), load_catalog(forms))
    assert [(c.area, c.code) for c in changes] == [("legal_basis", "tt_01_2024")]
    assert "loại đơn vị áp dụng" in changes[0].text


def test_a_province_change_is_told_once_while_it_holds(tmp_path: Path) -> None:
    """Bắc Ninh's pack moves a deadline from 15/12/2025; the project's pack already in use
    adds a CSTĐCS version on 1/10/2026, a later day on which the catalog is compared again.
    The deadline is told once, from its first day, not again on 1/10/2026."""
    project = Layer(CSTDCS_PACK, "lawpack:hoso/1")
    province = Layer(province_profile(tmp_path / "bac_ninh"), "lawpack:bac_ninh/1")
    before = load_catalog(FORMS, [project])
    after = load_catalog(FORMS, [project, province])
    changes = catalog_changes(before, after)
    assert [(c.area, c.code, c.day) for c in changes] == [
        ("province", "bac_ninh", date(2025, 12, 15))]
    assert "10/12 → 05/12" in changes[0].text
