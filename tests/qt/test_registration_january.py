"""The registration picker in January (walk b11): "every one who could still earn the title"
ticks the unit's staff, though nobody has this year's rating yet, and leaves out whom what
is already known excludes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from pytestqt.qtbot import QtBot

from desktop.core.catalog import Catalog
from desktop.core.model import (
    History,
    Person,
    Rating,
    SubjectGroup,
    SubjectKind,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import profiles
from desktop.core.operations import registry as reg
from desktop.core.operations import rounds as ops
from desktop.ui.context import AppContext
from desktop.ui.eligibility_panel import VERDICT_COLOUR
from desktop.ui.rounds.bulk_dialogs import BulkRegistrationDialog
from desktop.ui.rounds.bulk_picker import C_CHECK, C_VERDICT, PENDING

JANUARY = date(2026, 1, 8)
NAMES = ("Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung")
RATED_LOW = "Võ Văn Phúc"   # 2026 already rated HTNV: a real refusal of LĐTT


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    unit = Unit(name="UBND xã Tân Phú", kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name="Cán bộ", officer_title="Công chức")
    info, store = profiles.create_profile(tmp_path, unit, "t")
    for i, name in enumerate(NAMES):
        years = [YearRecord(2025, Rating.HTT, exemplary=True, solidarity=True, movement=True)]
        if i == 3:   # on hold since January: what is known excludes her
            years.append(YearRecord(2026, None, pending_review=True, pending_note="thanh tra"))
        reg.add_person(store, catalog, Person(None, name, date(1980 + i, 1, 2),
                                              group=SubjectGroup.CBCCVC,
                                              hired_on=date(2010, 1, 1)),
                       History(years=tuple(years)), "t", JANUARY)
    reg.add_person(store, catalog, Person(None, RATED_LOW, date(1979, 3, 4),
                                          group=SubjectGroup.CBCCVC, hired_on=date(2010, 1, 1)),
                   History(years=(YearRecord(2026, Rating.HT),)), "t", JANUARY)
    yield AppContext(store, catalog, "Cán bộ TĐKT", tmp_path, info.id, lambda: JANUARY)
    store.close()


def test_january_registration_ticks_everyone_who_could_still_earn_the_title(
        qtbot: QtBot, ctx: AppContext) -> None:
    dialog = BulkRegistrationDialog(ctx, 2026)
    qtbot.addWidget(dialog)
    assert dialog.year == 2026
    dialog.title.setCurrentIndex(dialog.title.findData("lao_dong_tien_tien"))
    button = dialog.picker.eligible_button
    assert button.text() == "Chọn mọi người còn có thể đạt danh hiệ&u năm 2026"
    assert "kỷ luật" in button.toolTip()
    dialog.picker.tick_eligible()
    assert sorted(r.name for r in dialog.picker.chosen()) == sorted(NAMES[:3])
    assert dialog.ok_button.text() == "Đăng &ký (3)"
    dialog.save()
    saved = [r for r in ops.registrations(ctx.store, 2026)
             if r.subject.kind is SubjectKind.PERSON]
    assert sorted(r.subject_name for r in saved) == sorted(NAMES[:3])


def test_january_rows_wait_for_the_years_results_in_grey_real_refusals_stay_red(
        qtbot: QtBot, ctx: AppContext) -> None:
    """Nobody has a 2026 rating in January: those whom nothing known excludes say "Chờ kết
    quả cuối năm" in grey, the facts awaited in the tooltip, and can be ticked; one already
    rated HTNV for 2026 is refused in red; one on hold stays "Tạm hoãn xét"."""
    dialog = BulkRegistrationDialog(ctx, 2026)
    qtbot.addWidget(dialog)
    dialog.title.setCurrentIndex(dialog.title.findData("lao_dong_tien_tien"))
    model = dialog.picker.model
    rows = {cand.name: i for i, cand in enumerate(model.listed)}
    assert set(rows) == {*NAMES, RATED_LOW}

    def cell(name: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(rows[name], C_VERDICT), role)

    for name in NAMES[:3]:
        assert cell(name) == "○ Chờ kết quả cuối năm"
        brush = cell(name, Qt.ItemDataRole.ForegroundRole)
        assert isinstance(brush, QBrush) and brush.color() == PENDING
        tip = str(cell(name, Qt.ItemDataRole.ToolTipRole))
        assert "Còn chờ:" in tip and "Chưa có xếp loại năm 2026" in tip
        assert "✘" not in tip
        assert model.flags(model.index(rows[name], C_CHECK)) & Qt.ItemFlag.ItemIsUserCheckable
    refused = str(cell(RATED_LOW))
    assert refused.startswith("✘ Chưa đủ điều kiện") and "HTNV" in refused
    brush = cell(RATED_LOW, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == QColor(VERDICT_COLOUR["ineligible"])
    assert str(cell(NAMES[3])).startswith("‖ Tạm hoãn xét")
    assert "Chờ kết quả cuối năm" in dialog.hint.text()
