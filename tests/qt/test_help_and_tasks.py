"""Help in the app (issue 12): F1 opens each window's own guide, the search ignores
diacritics; "Việc cần làm" tells what is next and what is late and goes there; an empty
list says how to add or import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.catalog import Catalog
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import demo, profiles
from desktop.core.operations.year_tasks import TaskState
from desktop.ui import help_window
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.person_editor import PersonEditor
from desktop.ui.year_tasks_view import YearTasksDialog
from tests.qt.conftest import type_text

TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
            "Hà Văn Thắng", "Chủ tịch", "", "", "default")


@pytest.fixture
def empty(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info, store = profiles.create_profile(tmp_path, UNIT, "t")
    ctx = AppContext(store, catalog, "t", tmp_path, info.id, lambda: date(2026, 2, 15))
    yield ctx
    ctx.close_drafts()
    store.close()


@pytest.fixture
def demo_ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = demo.build_demo(tmp_path, 5, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    ctx = AppContext(store, catalog, "t", tmp_path, info.id, lambda: TODAY)
    yield ctx
    ctx.close_drafts()
    store.close()


@pytest.fixture(autouse=True)
def fresh_help() -> Iterator[None]:
    yield
    if help_window._window is not None:
        help_window._window.close()
        help_window._window.deleteLater()
        help_window._window = None


def test_every_window_names_a_page_that_exists() -> None:
    pages = help_window.load_pages()
    assert {"bat_dau", "viec_can_lam", "danh_sach", "nguoi", "tap_the", "dot_xet", "de_nghi",
            "hop_hoi_dong", "bao_cao", "ban_nhap", "don_vi", "nhap_excel", "kiem_tra_goi",
            "ho_so_da_nhan", "xuat_goi", "goi_ho_so"} <= set(pages)
    assert all(p.title and not p.title.startswith("#") for p in pages.values())


def test_f1_in_the_person_editor_opens_its_own_page(qtbot, empty) -> None:
    editor = PersonEditor(empty, None)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)      # a shortcut needs the active window
    qtbot.keyClick(editor, Qt.Key.Key_F1)
    window = help_window._window
    assert window is not None and window.isVisible()
    assert window.current_page() == "nguoi"
    assert "Xét điều kiện" in window.shown_text()


def test_help_search_ignores_diacritics_typed_per_character(qtbot, empty) -> None:
    window = help_window.show_help(None, "danh_sach")
    window.search.setFocus()
    type_text(window.search, "khôi phục bản nháp")
    titles = [window.list.item(i).text() for i in range(window.list.count())]
    assert "Bản nháp và khôi phục" in titles
    window.search.clear()
    type_text(window.search, "khoi phuc ban nhap")       # without diacritics: the same
    assert [window.list.item(i).text() for i in range(window.list.count())] == titles
    window.search.clear()
    type_text(window.search, "zzzz")
    assert window.list.count() == 0 and "0 trang" in window.found.text()
    window.show_page("hop_hoi_dong")                      # F1 elsewhere clears the search
    assert window.current_page() == "hop_hoi_dong" and "Hội đồng" in window.shown_text()


def test_main_window_f1_and_empty_lists_say_what_to_do(qtbot, empty) -> None:
    window = MainWindow(empty)
    qtbot.addWidget(window)
    window.show()
    assert window.people_empty.isVisible()
    assert "Nhập từ Excel/CSV" in window.people_empty.text()
    assert "Ctrl+N" in window.people_empty.text()
    type_text(window.search, "Nguyễn")
    window.apply_search()
    assert "Không có ai khớp với “Nguyễn”" in window.people_empty.text()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert help_window._window is not None and help_window._window.current_page() == "danh_sach"


def test_lists_with_people_show_no_empty_message(qtbot, demo_ctx) -> None:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.people_model.rowCount() > 0
    assert not window.people_empty.isVisible()


def test_year_tasks_tell_a_new_unit_it_is_late_to_register(qtbot, empty) -> None:
    dialog = YearTasksDialog(empty)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "1 việc trễ hạn" in dialog.headline.text()
    assert "Đăng ký thi đua năm 2026" in dialog.headline.text()
    first = dialog.current_task()
    assert first is not None and first.state is TaskState.LATE and first.code == "registration"
    assert dialog.tree.topLevelItem(0).text(3) == "trễ 15 ngày"


def test_open_from_year_tasks_goes_to_the_round(qtbot, demo_ctx) -> None:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    dialog = YearTasksDialog(demo_ctx, window)
    qtbot.addWidget(dialog)
    dialog.open_task.connect(window.open_task)
    dialog.show()
    task = dialog.current_task()
    assert task is not None and task.code == "submit" and task.state is TaskState.NOW
    assert "Việc tiếp theo: Gửi hồ sơ" in dialog.headline.text()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    rounds = window._rounds_window
    assert rounds is not None and rounds.isVisible()
    current = rounds.current_round()                      # type: ignore[attr-defined]
    assert current is not None and current.id == task.round_id
    rounds.close()
    QApplication.processEvents()


def test_start_up_work_waits_for_the_first_paint(qtbot, empty, monkeypatch) -> None:
    """What app.build_window does after the first-run wizard: Việc cần làm, once the list
    has been painted."""
    shown: list[str] = []
    monkeypatch.setattr(MainWindow, "show_year_tasks", lambda self: shown.append("tasks"))
    window = MainWindow(empty)
    qtbot.addWidget(window)
    window.after_first_paint(window.show_year_tasks)
    assert shown == []
    window.show()
    qtbot.waitUntil(lambda: shown == ["tasks"])


def test_f1_in_the_package_windows_and_the_import_wizard_opens_their_pages(qtbot, demo_ctx
                                                                         ) -> None:
    from desktop.core.operations import rounds as round_ops
    from desktop.core.secrets import MemorySecretStore
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.import_wizard import ImportWizard
    from desktop.ui.received_window import AnswersDialog, ReceivedWindow
    from desktop.ui.verify_window import VerifyWindow

    rid = round_ops.list_rounds(demo_ctx.store, 2026)[0].id
    secrets = MemorySecretStore()
    windows = {
        "kiem_tra_goi": (VerifyWindow(demo_ctx), "Gói bị từ chối"),
        "ho_so_da_nhan": (ReceivedWindow(demo_ctx), "Đăng ký khóa đơn vị"),
        "xuat_goi": (ExportDialog(demo_ctx, rid, open_secrets=lambda _p: (secrets, ""),
                                  drives=lambda: []), "Bản thử để xem trước"),
        "nhap_excel": (ImportWizard(demo_ctx), "Bỏ qua các dòng lỗi"),
        "goi_ho_so": (AnswersDialog(demo_ctx), "Nhập biên nhận"),
    }
    for page, (window, says) in windows.items():
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)      # a shortcut needs the active window
        qtbot.keyClick(window, Qt.Key.Key_F1)
        shown = help_window._window
        assert shown is not None and shown.isVisible()
        assert shown.current_page() == page, type(window).__name__
        assert says in shown.shown_text()
        shown.hide()
        window.close()


def _fits(view, rect, text: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether `text`, wrapped at the width of `rect`, is all inside it (not cut)."""
    from PySide6.QtCore import QRect

    needed = view.fontMetrics().boundingRect(
        QRect(0, 0, rect.width() - 10, 100_000), int(Qt.TextFlag.TextWordWrap), text)
    return needed.height() <= rect.height() and needed.width() <= rect.width()


@pytest.mark.parametrize("width", [1350, 900])
def test_year_tasks_notes_are_read_whole_at_1366_and_narrower(qtbot, demo_ctx, width) -> None:
    """The note says what is left ("Còn 11/11 hồ sơ chưa gửi Sở Nội vụ (Phòng Thi đua, khen
    thưởng)."): it was cut at 1366×768 (found walking the year); now it wraps."""
    dialog = YearTasksDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.resize(width, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    tree = dialog.tree
    assert tree.topLevelItemCount() >= 3
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        for col in (1, 4):
            rect = tree.visualRect(tree.indexFromItem(item, col))
            assert _fits(tree, rect, item.text(col)), (width, col, item.text(col))
            assert item.text(col) in item.toolTip(col)


def test_help_topics_are_read_whole(qtbot) -> None:
    """"Bắt đầu: một năm công tác thi đua, khen thưởng" was cut at the list's edge."""
    window = help_window.show_help(None, "danh_sach")
    window.resize(1240, 700)
    QApplication.processEvents()
    topics = window.list
    first = topics.item(0)
    assert first.text().startswith("Bắt đầu") and first.toolTip() == first.text()
    for i in range(topics.count()):
        item = topics.item(i)
        assert _fits(topics, topics.visualItemRect(item), item.text()), item.text()
    type_text(window.search, "bat dau")
    assert window.list.item(0).text().startswith("Bắt đầu")
