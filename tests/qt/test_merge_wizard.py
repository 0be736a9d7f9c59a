"""The merge wizard: a former commune's database (read-only) or its Excel list, the former
unit named (typed in Vietnamese, one key at a time), the plan, each pair decided side by
side with every conflicting record chosen, one merge, and its undo; the unit form's former
units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWizard

from desktop.core.catalog import Catalog
from desktop.core.model import Person, SubjectKind, SubjectRef, WorkUnit, WorkUnitKind
from desktop.core.operations import eligibility, merging, registry, work_units
from desktop.core.operations.merging.combine import FIELD_LABELS
from desktop.ui.context import AppContext
from desktop.ui.merging import wizard as mw
from desktop.ui.unit_form import UnitDialog
from tests.qt.conftest import type_text
from tests.unit.merging.helpers import CSTD_TINH, P_BIRTH, P_ID, P_NAME, two_communes

TODAY = date(2026, 11, 23)


@pytest.fixture
def setup(tmp_path: Path, catalog: Catalog) -> Iterator[tuple[AppContext, Path]]:
    store, source = two_communes(tmp_path, catalog)
    try:
        yield AppContext(store, catalog, "cán bộ thử", tmp_path, "test", lambda: TODAY), source
    finally:
        store.close()


@pytest.fixture
def wizard(qtbot, setup: tuple[AppContext, Path]) -> mw.MergeWizard:  # type: ignore[no-untyped-def]
    w = mw.MergeWizard(setup[0])
    qtbot.addWidget(w)
    w.show()
    return w


def _next(w: QWizard) -> None:
    w.button(QWizard.WizardButton.NextButton).click()


def _decide(w: mw.MergeWizard, name: str, merge: bool, **conflicts: str) -> None:
    page = w.pairs_page
    for row in range(page.list.count()):
        if page.list.item(row).text().startswith(name):
            page.list.setCurrentRow(row)
            break
    for key, side in conflicts.items():
        combo = page.view.conflict_choices[key.replace("_", ":")]
        combo.setCurrentIndex(combo.findData(side))
    (page.merge_button if merge else page.keep_button).click()


def test_a_former_communes_database_merged_pair_by_pair(
        wizard: mw.MergeWizard, setup: tuple[AppContext, Path]) -> None:
    ctx, source = setup
    assert wizard.choose_database(source)
    page = wizard.source_page
    assert page.name.text() == "xã Tân Lập" and page.code.text() == "PT-TANLAP"
    page.name.clear()
    page.name.setFocus()
    type_text(page.name, "xã Tân Lập")
    assert page.name.text() == "xã Tân Lập"
    assert "“xã Tân Lập (cũ)”" in page.preview_label.text()
    _next(wizard)
    assert wizard.currentId() == mw.PLAN
    assert "Thêm mới 1 người" in wizard.plan_page.summary.toPlainText()
    _next(wizard)
    pairs = wizard.pairs_page
    assert wizard.currentId() == mw.PAIRS and pairs.list.count() == 5
    assert "(chắc chắn)" in pairs.list.item(0).text()  # Lê Thị Thu Hằng, preset to merge
    assert not pairs.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # The side-by-side view: both registries' years, the positions that differ.
    pairs.list.setCurrentRow(0)
    history = pairs.view.history
    assert [history.item(r, 0).text() for r in range(history.rowCount())] == [
        "2025", "2024", "2023"]
    assert "CSTĐCS" in history.item(2, 2).text() and history.item(2, 1).text() == ""
    assert set(pairs.view.field_choices) == {"position", "department"}
    _decide(wizard, "Nguyễn Văn Bình", True)
    _decide(wizard, "Trần Thị Lan", False)
    _decide(wizard, "Phạm Văn Đức", True)
    _decide(wizard, "Hoàng Thị Vân", True)
    assert not pairs.isComplete()  # the 2024 records still to choose
    assert "gộp — còn chỗ phải chọn" in pairs.list.currentItem().text()
    _decide(wizard, "Hoàng Thị Vân", True, year_2024=merging.INCOMING)
    assert pairs.isComplete(), pairs.problems()
    _next(wizard)
    assert wizard.currentId() == mw.CONFIRM
    people = registry.count_people(ctx.store)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentId() == mw.RESULT, wizard.confirm_page.error.text()
    assert registry.count_people(ctx.store) == people + 2
    assert "before-merge" in wizard.result_page.restore.text()
    hang = next(p.id for p in registry.people_page(ctx.store, P_NAME, 0, 5))
    assert hang is not None
    verdicts = eligibility.evaluate_subject(ctx.store, ctx.catalog,
                                            SubjectRef(SubjectKind.PERSON, hang), 2025,
                                            "default")
    assert next(v.verdict for v in verdicts if v.target == CSTD_TINH) == "eligible"
    assert wizard.undo_now()
    assert registry.count_people(ctx.store) == people
    assert not wizard.result_page.undo.isEnabled()


def test_an_unreadable_source_is_said_on_the_page(wizard: mw.MergeWizard,
                                                  tmp_path: Path) -> None:
    (tmp_path / "not-a-registry").mkdir()
    assert not wizard.choose_database(tmp_path / "not-a-registry")
    assert wizard.source_page.error.isVisibleTo(wizard)
    assert "không có hồ sơ đơn vị nào" in wizard.source_page.error.text()
    assert not wizard.source_page.isComplete()


def test_a_former_units_staff_list_in_excel(wizard: mw.MergeWizard, tmp_path: Path,
                                            setup: tuple[AppContext, Path]) -> None:
    ctx, _source = setup
    book = openpyxl.Workbook()
    for row in (["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Dân tộc", "Chức vụ"],
                [1, P_NAME, P_BIRTH.strftime("%d/%m/%Y"), P_ID, "Kinh", "Giáo viên"],
                [2, "Bàn Thị Mây", "02/03/1991", "", "Dao", "Y sĩ"]):
        book.active.append(row)
    book.save(tmp_path / "tan-lap.xlsx")
    assert wizard.choose_excel(tmp_path / "tan-lap.xlsx")
    assert not wizard.source_page.isComplete()  # the former unit has no name yet
    wizard.source_page.name.setFocus()
    type_text(wizard.source_page.name, "xã Đồng Lạc")
    _next(wizard)
    page = wizard.excel_page
    assert wizard.currentId() == mw.EXCEL_COLUMNS
    assert not page.isComplete()  # Đối tượng: no column, not chosen
    page.defaults["group"].setCurrentIndex(page.defaults["group"].findData("cbccvc"))
    assert page.isComplete()
    _next(wizard)
    assert wizard.currentId() == mw.PLAN
    _next(wizard)  # the one pair is certain: same CCCD, name and birth date
    assert wizard.pairs_page.isComplete()
    _next(wizard)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentId() == mw.RESULT, wizard.confirm_page.error.text()
    assert [u.label for u in merging.list_former_units(ctx.store)] == ["xã Đồng Lạc (cũ)"]


def test_the_rating_year_is_typed_and_refused_visibly_never_clamped(
        wizard: mw.MergeWizard, tmp_path: Path) -> None:
    """Issue 12: the Excel page's year was a spin box that kept "2" of "2062" without a
    word; it is now the typed year field of every other window."""
    book = openpyxl.Workbook()
    for row in (["STT", "Họ và tên", "Ngày sinh", "Đối tượng", "Xếp loại năm 2025"],
                [1, "Bàn Thị Mây", "02/03/1991", "Cán bộ", "HTT"]):
        book.active.append(row)
    book.save(tmp_path / "xep-loai.xlsx")
    assert wizard.choose_excel(tmp_path / "xep-loai.xlsx")
    wizard.source_page.name.setFocus()
    type_text(wizard.source_page.name, "xã Đồng Lạc")
    _next(wizard)
    page = wizard.excel_page
    page.defaults["ethnicity"].setCurrentIndex(page.defaults["ethnicity"].findData("Dao"))
    year = page.year
    assert year.text() == "2025" and page.isComplete()  # the year the header names
    year.edit.setFocus()
    year.edit.selectAll()
    type_text(year.edit, "2062")
    assert year.text() == "2062"  # kept as typed, every character
    assert year.message.isVisibleTo(wizard)
    assert year.message.text() == "⚠ Lớn nhất là 2026 (năm nay)."
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Năm của cột xếp loại: Lớn nhất là 2026" in page.need.text()
    year.edit.selectAll()
    type_text(year.edit, "2024")
    assert page.isComplete() and not year.message.isVisibleTo(wizard)
    assert page.options().rating_year == 2024


def test_two_people_with_one_cccd_hold_the_wizard_until_merged(
        wizard: mw.MergeWizard, setup: tuple[AppContext, Path]) -> None:
    """Phạm Văn Đức there and Phạm Văn Được here share one CCCD: "two people" would give the
    number to both, so the page says so and Next waits; "one person" frees it."""
    _ctx, source = setup
    assert wizard.choose_database(source)
    _next(wizard)
    _next(wizard)
    pairs = wizard.pairs_page
    _decide(wizard, "Nguyễn Văn Bình", True)
    _decide(wizard, "Trần Thị Lan", False)
    _decide(wizard, "Hoàng Thị Vân", True, year_2024=merging.INCOMING)
    _decide(wizard, "Phạm Văn Đức", False)
    assert not pairs.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Phạm Văn Đức (đơn vị cũ): số CCCD/CMND đã là của Phạm Văn Được" \
        in pairs.remaining.text()
    _decide(wizard, "Phạm Văn Đức", True)
    assert pairs.isComplete(), pairs.problems()


def test_the_wizard_fits_a_small_screen(wizard: mw.MergeWizard) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert wizard.width() <= max(1366, screen.width())
    assert wizard.height() <= 740


def test_the_unit_form_keeps_the_former_units(qtbot, setup: tuple[AppContext, Path],  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, _source = setup
    shown: list[str] = []
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda _parent, exc, title="": shown.append(exc.code))
    dialog = UnitDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.former
    row = editor.add_row()  # opens the name cell for typing
    table = editor.table
    qtbot.waitUntil(lambda: bool(table.findChildren(QLineEdit)))
    cell = table.findChildren(QLineEdit)[0]
    type_text(cell, "xã Tân Lập")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)  # on to the code: the name is committed
    assert table.item(row, 0).text() == "xã Tân Lập"
    table.item(row, 1).setText("PT-TANLAP")
    table.item(row, 2).setText("31/02/2025")
    dialog.save()
    assert shown == ["former_unit.merged_on_invalid"] and dialog.isVisible()
    table.item(row, 2).setText("01/07/2025")
    dialog.save()
    assert [(u.name, u.code, u.merged_on) for u in merging.list_former_units(ctx.store)] == [
        ("xã Tân Lập", "PT-TANLAP", date(2025, 7, 1))]
    again = UnitDialog(ctx)
    qtbot.addWidget(again)
    assert again.former.table.item(0, 0).text() == "xã Tân Lập"


def test_former_units_typed_are_kept_in_the_unit_dialogs_draft(
        qtbot, setup: tuple[AppContext, Path]) -> None:  # type: ignore[no-untyped-def]
    ctx, _source = setup
    dialog = UnitDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_dirty()
    row = dialog.former.add_row()
    table = dialog.former.table
    qtbot.waitUntil(lambda: bool(table.findChildren(QLineEdit)))
    cell = table.findChildren(QLineEdit)[0]
    type_text(cell, "xã Tân Lập")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)
    table.item(row, 2).setText("01/07/2025")
    assert dialog.is_dirty()
    state = dialog.former.draft_state()
    assert state[-1]["name"] == "xã Tân Lập" and state[-1]["merged_on"] == "01/07/2025"
    again = UnitDialog(ctx)
    qtbot.addWidget(again)
    again.former.restore_draft_state(state)
    assert [(u.name, u.merged_on) for u in again.former.units()] == [
        ("xã Tân Lập", date(2025, 7, 1))]
    dialog.save()
    assert dialog.saved and not dialog.isVisible()


def test_the_side_by_side_view_labels_every_row_in_words(
        qtbot, setup: tuple[AppContext, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No row is labelled with a field's Python name ("work_unit_id"); the work unit is its
    name, kept from this registry."""
    ctx, source = setup
    school, _c = work_units.save_work_unit(ctx.store, WorkUnit(
        None, "Trường THCS Thanh Sơn", kind=WorkUnitKind.TRUONG), "test")
    w = mw.MergeWizard(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert w.choose_database(source)
    _next(w)
    _next(w)
    pairs = w.pairs_page
    pairs.list.setCurrentRow(0)   # Lê Thị Thu Hằng, in the school here
    table = pairs.view.people
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert len(labels) == len(fields(Person)) - 1
    assert [t for t in labels if re.fullmatch(r"[a-z_]+", t) or not t] == []
    row = labels.index("Đơn vị trực thuộc")
    assert table.item(row, 1).text() == school.name == "Trường THCS Thanh Sơn"
    assert table.item(row, 3).text() == "giữ như bản hiện có"
    w.grab().save(str(tmp_path / "merge-pair-view.png"))


def test_every_person_field_has_a_label() -> None:
    assert {f.name for f in fields(Person)} - {"id"} <= set(FIELD_LABELS)
