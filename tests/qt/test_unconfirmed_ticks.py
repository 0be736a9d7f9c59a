"""A quality not yet confirmed ("chưa xác nhận") is drawn the same way everywhere: the
ratings grid drew it as an empty box beside "? chưa rõ" (walk b14) while the person editor's
year table (the history table of both editors) still drew Qt's dark partly-checked square
(walk b20). One delegate draws it in both, and the editor's hint gives the grid's legend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem, QTableWidget
from pytestqt.qtbot import QtBot

from desktop.core.catalog import Catalog
from desktop.core.model import History, Person, Rating, Unit, UnitKind, YearRecord
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.ui.context import AppContext
from desktop.ui.person_editor import PersonEditor
from desktop.ui.ratings_grid import RatingsView
from desktop.ui.ratings_model import RatingsModel
from desktop.ui.record_table import Field, RecordTable
from desktop.ui.unconfirmed import (
    UNCONFIRMED,
    UnconfirmedTickDelegate,
    tick_legend,
    unconfirmed_text,
)

TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
            "Hà Văn Thắng", "Chủ tịch", "", "", "default")


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info, store = profiles.create_profile(tmp_path, UNIT, "t")
    ops.add_person(store, catalog, Person(None, "Nguyễn Văn An", date(1980, 1, 1),
                                          hired_on=date(2015, 9, 1)),
                   History(years=(YearRecord(2026, Rating.HTT, exemplary=True,
                                             solidarity=False, movement=None),)), "t", TODAY)
    yield AppContext(store=store, catalog=catalog, actor="t", data_dir=tmp_path,
                     profile_id=info.id, today=lambda: TODAY)
    store.close()


def drawn(table: QTableWidget, row: int, col: int) -> tuple[Qt.CheckState, str, object]:
    option = QStyleOptionViewItem()
    delegate = table.itemDelegateForColumn(col)
    assert isinstance(delegate, UnconfirmedTickDelegate)
    delegate.initStyleOption(option, table.model().index(row, col))
    return (option.checkState, option.text,  # type: ignore[attr-defined]
            option.palette.color(QPalette.ColorRole.Text))  # type: ignore[attr-defined]


def test_the_person_editor_draws_an_unconfirmed_quality_as_the_ratings_grid_does(
        qtbot: QtBot, ctx: AppContext) -> None:
    person = ops.people_page(ctx.store, "Nguyễn Văn An", 0, 1)[0]
    editor = PersonEditor(ctx, person.id)
    qtbot.addWidget(editor)
    table = editor.tabs.years.table
    cols = {f.key: i for i, f in enumerate(editor.tabs.years.fields)}
    state, text, colour = drawn(table, 0, cols["movement"])
    assert (state, text, colour) == (Qt.CheckState.Unchecked, unconfirmed_text(), UNCONFIRMED)
    assert drawn(table, 0, cols["exemplary"])[:2] == (Qt.CheckState.Checked, "")
    assert drawn(table, 0, cols["solidarity"])[:2] == (Qt.CheckState.Unchecked, "")
    # the value itself is still the third state: saving keeps "chưa xác nhận"
    assert editor.tabs.years.rows()[0]["movement"] is None
    hints = [w.text() for w in editor.findChildren(QLabel)]
    assert any(tick_legend() in h for h in hints)
    # the very same drawing as the ratings grid's tick columns
    grid = RatingsView(RatingsModel())
    qtbot.addWidget(grid)
    assert type(grid.tick_delegate) is UnconfirmedTickDelegate


def test_a_history_table_ticked_through_every_state_draws_each_as_the_grid(
        qtbot: QtBot) -> None:
    table = RecordTable([Field("year", "Năm", "int"), Field("movement", "Phong trào",
                                                            "tristate")], "Thêm")
    qtbot.addWidget(table)
    table.set_rows([{"year": "2026", "movement": True}])
    item = table.table.item(0, 1)
    assert item is not None
    for state, value, words in ((Qt.CheckState.PartiallyChecked, None, unconfirmed_text()),
                                (Qt.CheckState.Unchecked, False, ""),
                                (Qt.CheckState.Checked, True, "")):
        item.setCheckState(state)
        shown = drawn(table.table, 0, 1)
        assert shown[:2] == ((Qt.CheckState.Checked if value else Qt.CheckState.Unchecked),
                             words)
        assert table.rows()[0]["movement"] is value
