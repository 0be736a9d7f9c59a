"""The main window as an officer uses it: search by typing, add, edit, delete, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolBar, QToolButton

from desktop.core.catalog import load_catalog
from desktop.core.model import (
    Award,
    Changes,
    Gender,
    History,
    Person,
    Rating,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.core.store import registry as repo
from desktop.ui import feedback
from desktop.ui.collective_editor import CollectiveEditor
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.paged_model import MAX_PAGES
from desktop.ui.person_editor import PersonEditor
from tests.qt.conftest import type_text

FORMS = Path(__file__).resolve().parents[2] / "forms"
TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "UBND",
            "Thanh Sơn", "Nguyễn Văn Hùng", "Chủ tịch", "Trần Thị Mai", "Công chức", "default")
NAMES = ["Đặng Thị Ỷ", "Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Châu", "Hoàng Văn Đức"]


@pytest.fixture
def context(tmp_path: Path):
    catalog = load_catalog(FORMS)
    _info, store = profiles.create_profile(tmp_path, UNIT, "tester")
    for i, name in enumerate(NAMES):
        ops.add_person(store, catalog, Person(None, name, date(1980 + i, 3, 5)),
                       History(years=(YearRecord(2025, Rating.HTT),),
                               awards=(Award(2025, "lao_dong_tien_tien", decision_no="1/QĐ"),)),
                       "tester", TODAY)
    ctx = AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                     profile_id=_info.id, today=lambda: TODAY)
    yield ctx
    store.close()


@pytest.fixture
def window(qtbot, context):
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def errors(monkeypatch):
    """Collect the messages the UI would show instead of blocking on a modal box."""
    shown: list[str] = []

    def record(_parent, exc, title=""):
        shown.append(str(exc))

    monkeypatch.setattr(feedback, "show_user_error", record)  # what attempt() calls
    monkeypatch.setattr("desktop.ui.main_window.show_user_error", record)
    return shown


def first_name(window: MainWindow) -> str:
    return window.people_model.data(window.people_model.index(0, 0))


def test_lists_people_in_vietnamese_order_of_given_name(window):
    names = [window.people_model.data(window.people_model.index(r, 0))
             for r in range(window.people_model.rowCount())]
    assert names == ["Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Châu", "Hoàng Văn Đức",
                     "Đặng Thị Ỷ"]
    assert "(5)" in window.tabs.tabText(0)


@pytest.mark.parametrize("typed", ["dang thi y", "Đặng", "ĐẶNG THỊ Ỷ", "thi y", "y dang"])
def test_search_as_you_type_ignores_marks_and_dd(qtbot, window, typed):
    window.search.setFocus()
    type_text(window.search, typed)
    qtbot.waitUntil(lambda: window.people_model.rowCount() == 1, timeout=2000)
    assert first_name(window) == "Đặng Thị Ỷ"
    assert "1" in window.count_label.text()


def test_search_that_matches_nothing_and_punctuation_is_harmless(qtbot, window):
    type_text(window.search, 'zz" OR *')
    qtbot.waitUntil(lambda: window.people_model.rowCount() == 0, timeout=2000)
    window.search.clear()
    qtbot.waitUntil(lambda: window.people_model.rowCount() == 5, timeout=2000)


def test_keyboard_ctrl_f_focuses_search_and_enter_goes_to_list(qtbot, window):
    window.people_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    type_text(window.search, "an")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.people_view.hasFocus()
    assert window.people_view.currentIndex().row() == 0


def test_add_person_typed_in_vietnamese_with_a_year_of_history(qtbot, context, window, errors):
    editor = PersonEditor(context, None, window)
    qtbot.addWidget(editor)
    type_text(editor.full_name, "Nguyễn Thị Hoà")  # NFD-prone input, normalised on save
    type_text(editor.birth_date, "05/02/1990")
    editor.gender.setCurrentIndex(editor.gender.findData("nu"))
    row = editor.tabs.years.add_row({"year": 2026, "rating": "htxs", "exemplary": True,
                                     "solidarity": True, "movement": None})
    assert row == 0
    editor.save()
    assert errors == []
    assert editor.result() == PersonEditor.DialogCode.Accepted
    saved = editor.saved
    assert saved is not None and saved.full_name == "Nguyễn Thị Hoà"
    assert saved.gender is Gender.NU and saved.birth_date == date(1990, 2, 5)
    history = ops.get_history(context.store, SubjectRef(SubjectKind.PERSON, saved.id))
    assert history.years[0].rating is Rating.HTXS
    assert history.years[0].movement is None  # unconfirmed stays unconfirmed
    window.apply_changes(editor.changes)
    assert window.people_model.rowCount() == 6


def test_impossible_date_and_missing_name_are_listed_and_nothing_saved(qtbot, context, window,
                                                                       errors):
    editor = PersonEditor(context, None, window)
    qtbot.addWidget(editor)
    type_text(editor.birth_date, "31/02/1990")
    editor.tabs.awards.add_row({"year": "", "code": "giay_khen", "decision_no": "5/QĐ-UBND"})
    editor.save()
    assert len(errors) == 1
    assert "31/02/1990" in errors[0] and "họ và tên" in errors[0].lower()
    assert "chưa nhập năm" in errors[0]
    assert ops.count_people(context.store) == 5


def test_duplicate_person_is_refused(qtbot, context, window, errors):
    editor = PersonEditor(context, None, window)
    qtbot.addWidget(editor)
    type_text(editor.full_name, "Dang Thi Y")
    type_text(editor.birth_date, "05/03/1980")
    editor.save()
    assert errors and "cùng họ tên và ngày sinh" in errors[0]
    assert ops.count_people(context.store) == 5


def test_a_cccd_another_person_holds_is_refused_in_the_editor(qtbot, context, window,
                                                               errors):
    """Issue 12: the editor saved someone else's CCCD (the import refused it)."""
    holder = ops.people_page(context.store, "Đặng Thị Ỷ", 0, 1)[0]
    ops.update_person(context.store, context.catalog, replace(holder, national_id="025080001234"),
                      ops.get_history(context.store, SubjectRef(SubjectKind.PERSON, holder.id)),
                      "tester", TODAY)
    other = ops.people_page(context.store, "Nguyễn Văn An", 0, 1)[0]
    editor = PersonEditor(context, other.id, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.national_id.setFocus()
    type_text(editor.national_id, "025080001234")
    editor.save()
    assert len(errors) == 1
    assert f"đã là của Đặng Thị Ỷ (mã {holder.id})" in errors[0]
    assert editor.national_id.hasFocus() and editor.national_id.selectedText() == "025080001234"
    assert editor.saved is None and editor.isVisible()  # the editor stays open, nothing lost
    assert ops.get_person(context.store, other.id).national_id == ""


def test_edit_keeps_history_and_writes_audit(qtbot, context, window, errors):
    pid = window.people_model.id_at(0)
    editor = PersonEditor(context, pid, window)
    qtbot.addWidget(editor)
    assert editor.tabs.years.table.item(0, 2).text() == "LĐTT"  # the year shows its titles
    editor.position.setText("Phó Chủ tịch")
    editor.save()
    assert errors == []
    assert ops.get_person(context.store, pid).position == "Phó Chủ tịch"
    history = ops.get_history(context.store, SubjectRef(SubjectKind.PERSON, pid))
    assert [a.code for a in history.awards] == ["lao_dong_tien_tien"]
    assert ops.audit_entries(context.store, 1)[0]["action"] == "update"


def test_delete_with_history_asks_and_no_keeps_everything(window, context, monkeypatch):
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.people_view.setCurrentIndex(window.people_model.index(0, 0))
    window.delete_current()
    assert asked and "quá trình khen thưởng" in asked[0]
    assert ops.count_people(context.store) == 5


def test_delete_then_undo_restores_person_and_history(window, context, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Yes)
    window.people_view.setCurrentIndex(window.people_model.index(0, 0))
    pid = window.current_id()
    window.delete_current()
    assert ops.count_people(context.store) == 4
    assert window.undo_action.isEnabled()
    assert ops.audit_entries(context.store, 1)[0]["action"] == "delete"
    window.undo_action.trigger()
    assert ops.count_people(context.store) == 5
    restored = ops.get_history(context.store, SubjectRef(SubjectKind.PERSON, pid))
    assert restored.years[0].rating is Rating.HTT
    assert not window.undo_action.isEnabled()


def test_an_undo_refused_for_a_taken_cccd_stays_offered(window, context, monkeypatch,
                                                        errors):
    """Delete A, give A's CCCD to B, Ctrl+Z: refused naming B, nothing restored, and Ctrl+Z
    still offered so that, once B's number is corrected, A comes back with the number."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Yes)
    store, catalog = context.store, context.catalog
    a = ops.people_page(store, "Đặng Thị Ỷ", 0, 1)[0]
    a, _ = ops.update_person(store, catalog, replace(a, national_id="025080001234"),
                             ops.get_history(store, SubjectRef(SubjectKind.PERSON, a.id)),
                             "tester", TODAY)
    window.apply_changes(Changes(bulk=True))
    row = next(r for r in range(window.people_model.rowCount())
               if window.people_model.id_at(r) == a.id)
    window.people_view.setCurrentIndex(window.people_model.index(row, 0))
    window.delete_current()
    b = ops.people_page(store, "Nguyễn Văn An", 0, 1)[0]
    b_history = ops.get_history(store, SubjectRef(SubjectKind.PERSON, b.id))
    b, _ = ops.update_person(store, catalog, replace(b, national_id="025080001234"), b_history,
                             "tester", TODAY)

    window.undo_action.trigger()
    assert len(errors) == 1 and f"Nguyễn Văn An (mã {b.id})" in errors[0]
    assert ops.count_people(store) == 4
    assert window.undo_action.isEnabled() and window.undo_button.isVisibleTo(window)

    ops.update_person(store, catalog, replace(b, national_id="025080009999"), b_history,
                      "tester", TODAY)
    window.undo_action.trigger()
    assert len(errors) == 1
    assert ops.count_people(store) == 5
    assert ops.people_page(store, "Đặng Thị Ỷ", 0, 1)[0].national_id == "025080001234"
    assert not window.undo_action.isEnabled()


def test_collective_with_members(qtbot, context, window, errors):
    editor = CollectiveEditor(context, None, window)
    qtbot.addWidget(editor)
    type_text(editor.name, "Thôn Đồng Xuân")
    type_text(editor.members.search, "tran thi")
    qtbot.waitUntil(lambda: editor.members.results.count() == 1, timeout=2000)
    editor.members.results.setCurrentRow(0)
    editor.members.add_selected()
    editor.save()
    assert errors == []
    assert ops.count_collectives(context.store) == 1
    collective = ops.collectives_page(context.store, "dong xuan", 0, 10)[0]
    assert ops.get_collective(context.store, collective.id).member_ids


def test_fits_a_1366x768_screen(window, context, qtbot):
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768
    editor = PersonEditor(context, None, window)
    qtbot.addWidget(editor)
    assert editor.width() <= 1366 and editor.height() <= 740


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_year_filter_is_on_screen_not_behind_the_overflow_arrow(window, qtbot, size):
    """At 1280 px the year field fell behind the toolbar's "»" (the walk of the year)."""
    window.resize(*size)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=2000)
    for widget in (window.filter_year, window.filter_title, window.search):
        assert widget.isVisible(), widget   # a widget in the overflow is hidden
        right = widget.mapTo(window, widget.rect().topRight()).x()
        assert 0 < right <= size[0], (widget, right)
    for name in ("main-toolbar", "filter-toolbar"):
        bar = window.findChild(QToolBar, name)
        extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert extension is None or not extension.isVisible(), name


def test_lazy_model_holds_only_a_few_pages_at_scale(qtbot, tmp_path):
    catalog = load_catalog(FORMS)
    _info, store = profiles.create_profile(tmp_path / "big", UNIT, "tester")
    with store.write() as db:
        repo.insert_people(db, (Person(None, f"Nguyễn Văn Số{n:05d}") for n in range(20_000)))
    ctx = AppContext(store=store, catalog=catalog, actor="t", data_dir=tmp_path / "big",
                     profile_id=_info.id, today=lambda: TODAY)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    model = w.people_model
    assert model.rowCount() == 20_000
    for row in range(0, 20_000, 97):  # scroll through the whole list
        w.people_view.scrollTo(model.index(row, 0))
        model.data(model.index(row, 0))
    assert model.cached_pages() <= MAX_PAGES
    assert model.data(model.index(19_999, 0)) == "Nguyễn Văn Số19999"
    store.close()


def _mnemonic(text: str) -> str:
    """The letter after a single '&' (Qt's mnemonic), lower case; "" if none."""
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if i >= 0 else ""


def test_alt_letters_are_unique_across_menus_toolbar_and_tabs(window):
    """Alt+H opened the "Tập thể" tab instead of the "Gói hồ sơ" menu (issue 12)."""
    from PySide6.QtWidgets import QToolBar

    top = [a.text() for a in window.menuBar().actions()]
    top += [a.text() for bar in window.findChildren(QToolBar) for a in bar.actions()
            if a.text()]
    top += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    letters = [m for m in map(_mnemonic, top) if m]
    assert len(letters) == len(set(letters)), top
    assert _mnemonic(window.package_menu.title()) == "h"
    for menu_action in window.menuBar().actions():
        inside = [_mnemonic(a.text()) for a in menu_action.menu().actions() if a.text()]
        inside = [m for m in inside if m]
        assert len(inside) == len(set(inside)), menu_action.text()


def test_alt_h_opens_the_package_menu(qtbot, window):
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.package_menu.isVisible, timeout=2000)
    assert window.tabs.currentIndex() == 0   # the list did not switch to the collectives
    window.package_menu.close()


def test_shortcut_list_names_every_shortcut_including_ctrl_r(window):
    from PySide6.QtGui import QAction, QKeySequence

    from desktop.ui.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    text = dialog.text()
    assert "Ctrl+R" in text and "Ctrl+Insert" in text and "Ctrl+D" in text
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in text, action.text()
    dialog.close()
