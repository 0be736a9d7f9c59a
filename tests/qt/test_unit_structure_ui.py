"""The unit's structure and its number register as an officer uses them (issue 11): work units
typed in Vietnamese, a person's work unit and Mẫu 05 lý lịch, the next number of a series and
the register's problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.catalog import load_catalog
from desktop.core.model import Award, History, Person, Unit, UnitKind, WorkUnit
from desktop.core.operations import numbering, profiles
from desktop.core.operations import registry as ops
from desktop.core.operations import work_units as wu
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.person_editor import PersonEditor
from desktop.ui.register_dialog import RegisterDialog
from desktop.ui.work_units_dialog import WorkUnitEditor, WorkUnitsDialog
from tests.qt.conftest import type_text

FORMS = Path(__file__).resolve().parents[2] / "forms"
TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "UBND",
            "Thanh Sơn", "Nguyễn Văn Hùng", "Chủ tịch", "Trần Thị Mai", "Công chức", "default")


@pytest.fixture
def context(tmp_path: Path):
    catalog = load_catalog(FORMS)
    info, store = profiles.create_profile(tmp_path, UNIT, "tester")
    ops.add_person(store, catalog, Person(None, "Lê Thị Thu Hằng",
                                          department="Trường THCS Thanh Sơn"),
                   History(awards=(Award(2026, "lao_dong_tien_tien", decision_no="373/QĐ-UBND",
                                         decision_date=date(2026, 11, 10),
                                         issuer="Chủ tịch UBND xã Thanh Sơn"),)),
                   "tester", TODAY)
    ctx = AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                     profile_id=info.id, today=lambda: TODAY)
    yield ctx
    store.close()


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(feedback, "show_user_error",
                        lambda _parent, exc, title="": shown.append(str(exc)))
    monkeypatch.setattr(feedback, "show_bug",
                        lambda _parent, exc, store=None: pytest.fail(repr(exc)))
    return shown


def test_a_work_unit_is_added_typed_in_vietnamese(qtbot, context, errors, monkeypatch):
    dialog = WorkUnitsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0

    def fill(editor: WorkUnitEditor) -> int:
        type_text(editor.name, "Trường Trung học cơ sở Thanh Sơn")
        type_text(editor.short_name, "Trường THCS Thanh Sơn")
        editor.kind.setCurrentIndex(editor.kind.findData("truong"))
        type_text(editor.head_name, "Bùi Văn Ân")
        type_text(editor.head_title, "Hiệu trưởng")
        editor.save()
        return int(editor.result())

    monkeypatch.setattr(WorkUnitEditor, "exec", fill)
    dialog.add()
    assert errors == []
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "Trường Trung học cơ sở Thanh Sơn"
    assert dialog.table.item(0, 3).text() == "Hiệu trưởng, Bùi Văn Ân"
    assert dialog.table.item(0, 4).text() == "1"          # the teacher typed under it joined
    assert dialog.changes.bulk
    (saved,) = wu.list_work_units(context.store)
    assert (saved.label, saved.head_name) == ("Trường THCS Thanh Sơn", "Bùi Văn Ân")


def test_a_half_filled_head_is_refused_with_its_reason(qtbot, context, errors):
    editor = WorkUnitEditor(context)
    qtbot.addWidget(editor)
    type_text(editor.name, "Thôn Bản Mường")
    type_text(editor.head_name, "Lò Văn Sáng")
    editor.save()
    assert len(errors) == 1 and "chưa có chức vụ" in errors[0]
    assert wu.list_work_units(context.store) == []


def test_deleting_a_work_unit_asks_and_keeps_its_people(qtbot, context, errors, monkeypatch):
    wu.save_work_unit(context.store, WorkUnit(None, "Trường THCS Thanh Sơn"), "tester")
    dialog = WorkUnitsDialog(context)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete()
    assert dialog.table.rowCount() == 0 and ops.count_people(context.store) == 1


def test_the_person_editor_keeps_the_work_unit_and_the_mau_05_fields(qtbot, context, errors):
    unit, _c = wu.save_work_unit(context.store, WorkUnit(
        None, "Trường Trung học cơ sở Thanh Sơn", short_name="Trường THCS Thanh Sơn",
        head_name="Bùi Văn Ân", head_title="Hiệu trưởng"), "tester")
    pid = ops.people_page(context.store, "", 0, 1)[0].id
    editor = PersonEditor(context, pid)
    qtbot.addWidget(editor)
    assert editor.work_unit.currentData() == unit.id         # joined when the unit was added
    editor.resize(1100, 660)
    assert editor.width() <= 1366 and editor.height() <= 768 - 40   # fits a 1366×768 screen
    editor.tabs.setCurrentWidget(editor.ly_lich)
    type_text(editor.ly_lich.edits["hometown"], "xã Thanh Sơn, tỉnh Phú Thọ")
    type_text(editor.ly_lich.edits["qualification"], "Đại học Sư phạm")
    type_text(editor.ly_lich.edits["party_post"], "Bí thư Chi bộ")
    editor.save()
    assert errors == []
    person = ops.get_person(context.store, pid)
    assert person is not None
    assert (person.work_unit_id, person.hometown, person.qualification, person.party_post) == (
        unit.id, "xã Thanh Sơn, tỉnh Phú Thọ", "Đại học Sư phạm", "Bí thư Chi bộ")
    # choosing no work unit clears it
    editor = PersonEditor(context, pid)
    qtbot.addWidget(editor)
    editor.work_unit.setCurrentIndex(0)
    editor.save()
    assert ops.get_person(context.store, pid).work_unit_id is None   # type: ignore[union-attr]


def test_the_register_shows_where_each_series_stands_and_takes_a_next_number(
        qtbot, context, errors):
    dialog = RegisterDialog(context)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(),
                                              dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}
    assert rows["Quyết định (QĐ-UBND)"] == ("373", "374")    # after the history's decision
    assert "theo đúng thứ tự" in dialog.problems_label.text()
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 0).text() == "Quyết định (QĐ-UBND)")
    dialog.table.selectRow(row)
    dialog.next_number.setValue(300)                        # below what the register holds
    dialog.set_next()
    assert len(errors) == 1 and "374" in errors[0]
    dialog.next_number.setValue(401)
    dialog.set_next()
    assert dialog.table.item(row, 2).text() == "401"
    assert dialog.table.item(row, 3).text() == "401"
    state = numbering.series_state(context.store, context.catalog, UNIT, 2026, "QĐ", "UBND")
    assert state.next == 401


def test_a_work_unit_being_typed_is_asked_about_before_it_is_discarded(qtbot, context,
                                                                       monkeypatch):
    from desktop.ui import drafts

    editor = WorkUnitEditor(context)
    qtbot.addWidget(editor)
    editor.show()
    editor.name.setFocus()
    type_text(editor.name, "Trường Mầm non xã Thanh Sơn")
    answers = [drafts.CANCEL, drafts.DISCARD]
    monkeypatch.setattr(editor, "ask_unsaved", lambda: answers.pop(0))
    editor.reject()                                     # Esc / Hủy: "Quay lại" keeps it
    assert editor.isVisible() and editor.name.text() == "Trường Mầm non xã Thanh Sơn"
    editor.reject()                                     # "Không lưu"
    assert not editor.isVisible() and answers == []


def test_a_next_number_out_of_range_is_refused_not_clamped(qtbot, context, errors):
    dialog = RegisterDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 0).text() == "Quyết định (QĐ-UBND)")
    dialog.table.selectRow(row)
    dialog.next_number.setText("")
    type_text(dialog.next_number.edit, "123456")       # above 99,999
    assert dialog.next_number.text() == "123456"        # kept as typed …
    assert "99999" in dialog.next_number.problem().replace(".", "").replace(",", "")
    dialog.set_next()                                   # … and nothing set
    assert errors == [] and dialog.table.item(row, 2).text() == "374"
