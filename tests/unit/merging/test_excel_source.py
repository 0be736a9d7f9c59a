"""A former unit's staff list in Excel, read, mapped and checked by the people import: those
already in the registry become pairs to confirm, the rest come in as new people."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model.former import FormerUnit
from desktop.core.operations import importing as imp
from desktop.core.operations import registry
from desktop.core.operations.merging import (
    PairDecision,
    certain_decisions,
    commit_merge,
    load_excel,
    plan_merge,
    postings_of,
)
from desktop.core.store import Store
from tests.unit.merging.helpers import P_BIRTH, P_ID, P_NAME, TODAY, add

ROWS = [["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Chức vụ", "Xếp loại năm 2024"],
        [1, P_NAME, P_BIRTH.strftime("%d/%m/%Y"), P_ID, "Giáo viên", "HTXSNV"],
        [2, "Bàn Thị Mây", "02/03/1991", "", "Y sĩ", "HTT"],
        [3, "Triệu Văn Tòng", "31/02/1980", "", "Thú y", ""]]


def _table(tmp_path: Path, rows: list[list[object]]) -> imp.RawTable:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "tan-lap.xlsx")
    return imp.read_table(tmp_path / "tan-lap.xlsx")


def _options() -> imp.ImportOptions:
    return imp.ImportOptions(today=TODAY, rating_year=2024,
                             defaults={"group": "cbccvc", "ethnicity": "Dao"})


def test_the_staff_list_of_a_former_unit(tmp_path: Path, store: Store, catalog: Catalog
                                         ) -> None:
    add(store, catalog, P_NAME, P_BIRTH, P_ID)
    table = _table(tmp_path, ROWS)
    mapping = imp.guess_mapping(table.headers)
    with pytest.raises(ValidationError) as refused:  # row 4's date does not exist
        load_excel(store, catalog, table, mapping, _options())
    assert refused.value.codes == ["import.date_invalid"]
    source = load_excel(store, catalog, table, mapping, _options(), skip_bad_rows=True)
    assert [p.key for p in source.people] == [2, 3]  # sheet rows
    assert [p.row for p in source.skipped] == [4]
    plan = plan_merge(store, catalog, source, FormerUnit(None, "xã Tân Lập"), TODAY)
    assert [p.incoming.name for p in plan.certain_pairs] == [P_NAME]
    assert [p.name for p in plan.new_people] == ["Bàn Thị Mây"]
    result = commit_merge(store, catalog, plan, certain_decisions(plan), "x")
    assert len(result.added) == 1 and len(result.merged) == 1
    may = registry.get_person(store, result.added[0])
    assert may is not None and (may.ethnicity, may.position) == ("Dao", "Y sĩ")
    assert [p.line for p in postings_of(store, result.added[0])] == ["Y sĩ, xã Tân Lập (cũ)"]
    assert plan.pair(plan.pairs[0].id) is not None
    assert isinstance(certain_decisions(plan)[plan.pairs[0].id], PairDecision)


def test_unchosen_defaults_refuse_the_list(tmp_path: Path, store: Store, catalog: Catalog
                                           ) -> None:
    table = _table(tmp_path, ROWS[:3])
    with pytest.raises(UserError) as refused:
        load_excel(store, catalog, table, imp.guess_mapping(table.headers),
                   imp.ImportOptions(today=TODAY, rating_year=2024))
    assert refused.value.code == "import.default_unconfirmed"
