"""The unit's list of former units, saved with the unit in one transaction: checked, never
losing a unit someone's work history names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model.former import FormerUnit
from desktop.core.operations import registry
from desktop.core.operations.merging import (
    certain_decisions,
    commit_merge,
    list_former_units,
    load_database,
    plan_merge,
    posting_counts,
    save_unit_profile,
)
from desktop.core.store import Store
from tests.unit.merging.helpers import TODAY, add, commune, unit


def test_saved_with_the_unit_and_audited(store: Store) -> None:
    units = [FormerUnit(None, "xã Tân Lập", code="pt-tanlap"),
             FormerUnit(None, "xã Đồng Lạc", date(2025, 7, 1))]
    save_unit_profile(store, unit("Thanh Sơn", "PT-THANHSON"), units, "x", TODAY)
    saved = list_former_units(store)
    assert [(u.label, u.code) for u in saved] == [("xã Đồng Lạc (cũ)", ""),
                                                 ("xã Tân Lập (cũ)", "PT-TANLAP")]
    renamed = [replace(saved[0], name="xã Đồng Lạc Hai"), saved[1]]
    save_unit_profile(store, unit("Thanh Sơn", "PT-THANHSON"), renamed, "x", TODAY)
    assert [u.id for u in list_former_units(store)] == [u.id for u in saved]
    entries = [e for e in registry.audit_entries(store) if e["entity"] == "former_units"]
    assert len(entries) == 2
    save_unit_profile(store, unit("Thanh Sơn", "PT-THANHSON"), [], "x", TODAY)
    assert list_former_units(store) == []


def test_every_problem_is_listed(store: Store) -> None:
    with pytest.raises(ValidationError) as refused:
        save_unit_profile(store, unit("Thanh Sơn", "PT-THANHSON"), [
            FormerUnit(None, ""), FormerUnit(None, "xã Tân Lập", date(2027, 1, 1)),
            FormerUnit(None, "XÃ TÂN LẬP", code="mã có dấu")], "x", TODAY)
    assert refused.value.codes == ["former_unit.name_missing", "former_unit.merged_future",
                                   "former_unit.code_invalid", "former_unit.duplicate"]
    assert list_former_units(store) == [] and registry.get_unit(store) is None


def test_a_former_unit_someone_worked_in_stays(tmp_path: Path, catalog: Catalog) -> None:
    _info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    add(source, catalog, "Bàn Thị Mây")
    source.close()
    _info, target = commune(tmp_path / "a", "Thanh Sơn", "PT-THANHSON")
    try:
        plan = plan_merge(target, catalog, load_database(target, tmp_path / "b"),
                          FormerUnit(None, "xã Tân Lập"), TODAY)
        commit_merge(target, catalog, plan, certain_decisions(plan), "x")
        (former,) = list_former_units(target)
        assert posting_counts(target) == {former.id: 1}
        with pytest.raises(UserError) as refused:
            save_unit_profile(target, unit("Thanh Sơn", "PT-THANHSON"), [], "x", TODAY)
        assert refused.value.code == "former_unit.in_use"
        assert list_former_units(target) == [former]
    finally:
        target.close()
