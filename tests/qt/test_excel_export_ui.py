"""“Xuất Excel…” in the windows, clicked and keyed as an officer would: the save dialog
proposes a good name, the file holds the list as shown (search and filter included), a
refusal is shown, and the dashboard prints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core.catalog import Catalog
from desktop.core.operations import demo, profiles
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.exporting import ExportResult
from desktop.ui import excel_export, runner
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from tests.qt.conftest import type_text

TODAY = date(2026, 11, 23)
HEADER_ROW = 4


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    demo.build_demo(data, 11, "tester", TODAY, catalog)
    return data


@pytest.fixture
def ctx(demo_dir: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = profiles.list_profiles(demo_dir)[0]
    store = profiles.open_profile(demo_dir, info.id)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", demo_dir, info.id, lambda: TODAY)
    store.close()


class SaveDialog:
    """Stands in for the save dialog (excel_export.choose_file): records, answers."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.proposed: list[str] = []
        self.titles: list[str] = []

    def __call__(self, _parent: Any, title: str, proposed: str, _filter: str) -> str:
        self.titles.append(title)
        self.proposed.append(proposed)
        return str(self.answer) if self.answer else ""


@pytest.fixture
def done(monkeypatch: pytest.MonkeyPatch) -> list[ExportResult]:
    """The result box, recorded instead of shown (it is modal)."""
    shown: list[ExportResult] = []
    monkeypatch.setattr(excel_export, "show_done", lambda _parent, result: shown.append(result))
    return shown


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(runner, "show_user_error", lambda _p, exc, title="": shown.append(
        getattr(exc, "code", "") or str(exc)))
    return shown


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> SaveDialog:
    dialog = SaveDialog(path)
    monkeypatch.setattr(excel_export, "choose_file", dialog)
    return dialog


def rows_of(path: Path, sheet: int = 0) -> list[tuple[Any, ...]]:
    ws = openpyxl.load_workbook(path).worksheets[sheet]
    return [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
            if isinstance(r[0], int)]


@pytest.fixture
def window(qtbot: Any, ctx: AppContext) -> MainWindow:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_ctrl_e_exports_the_people_list_as_searched(qtbot: Any, window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path,
                                                    done: list[ExportResult]) -> None:
    window.search.setFocus()
    type_text(window.search, "nguyễn")
    qtbot.waitUntil(lambda: window.people_model.query == "nguyễn", timeout=3000)
    shown = window.people_model.rowCount()
    assert 0 < shown < registry_ops.count_people(window.context.store)
    dest = tmp_path / "chosen.xlsx"
    dialog = save_as(monkeypatch, dest)
    window.people_view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert dialog.proposed[0].endswith("DanhSachCaNhan_UyBanNhanDanXaThanhSon_2026-11-23.xlsx")
    rows = rows_of(dest)
    assert done[0].path == dest and len(rows) == shown
    names = [window.people_model.data(window.people_model.index(i, 0)) for i in range(shown)]
    assert [r[1] for r in rows] == names
    ws = openpyxl.load_workbook(dest).active
    assert ws is not None and "Tìm “nguyễn”" in str(ws["A3"].value)
    assert ws.freeze_panes == "A5"


def test_the_file_menu_item_exports_collectives_with_members(qtbot: Any, window: MainWindow,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path,
                                                             done: list[ExportResult]) -> None:
    window.tabs.setCurrentIndex(1)
    dest = tmp_path / "groups"          # the officer typed no extension
    dialog = save_as(monkeypatch, dest)
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None and window.excel_action in file_menu.actions()
    file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    qtbot.waitUntil(file_menu.isVisible, timeout=3000)
    spot = file_menu.actionGeometry(window.excel_action).center()
    qtbot.mouseClick(file_menu, Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert "DanhSachTapThe_" in dialog.proposed[0]
    written = tmp_path / "groups.xlsx"
    assert done[0].path == written
    assert openpyxl.load_workbook(written).sheetnames == ["Tập thể", "Thành viên"]
    assert len(rows_of(written)) == window.collectives_model.rowCount()


def test_the_eligibility_filter_on_screen_is_what_is_exported(qtbot: Any, window: MainWindow,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path,
                                                             done: list[ExportResult]
                                                             ) -> None:
    qtbot.waitUntil(lambda: window.filter_title.count() > 1, timeout=5000)
    everyone = window.people_model.rowCount()
    window.filter_year.setValue(2026)
    window.filter_title.setCurrentIndex(window.filter_title.findData("lao_dong_tien_tien"))
    window.apply_filter()
    shown = window.people_model.rowCount()
    assert 0 < shown < everyone
    save_as(monkeypatch, tmp_path / "ldtt.xlsx")
    window.excel_action.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert len(rows_of(tmp_path / "ldtt.xlsx")) == shown
    ws = openpyxl.load_workbook(tmp_path / "ldtt.xlsx").active
    assert ws is not None and "đủ điều kiện" in str(ws["A3"].value)
    assert [c.value for c in ws[HEADER_ROW]][-2:] == ["Xếp loại năm 2026",
                                                      "Danh hiệu, khen thưởng năm 2026"]
    window.filter_title.setCurrentIndex(0)
    window.apply_filter()


def test_cancel_writes_nothing(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                               tmp_path: Path, done: list[ExportResult]) -> None:
    save_as(monkeypatch, None)
    window.excel_action.trigger()
    QApplication.processEvents()
    assert done == [] and list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_written_is_explained(qtbot: Any, window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path, done: list[ExportResult],
                                                    refusals: list[str]) -> None:
    blocked = tmp_path / "open-in-excel.xlsx"
    blocked.mkdir()   # stands for a file Windows will not let us replace
    save_as(monkeypatch, blocked)
    window.excel_action.trigger()
    qtbot.waitUntil(lambda: bool(refusals), timeout=20000)
    assert refusals == ["export.write_failed"] and done == []


def test_the_years_decisions_from_the_file_menu(qtbot: Any, window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path,
                                                done: list[ExportResult]) -> None:
    from desktop.ui import list_exports

    monkeypatch.setattr(list_exports.QInputDialog, "getInt",
                        lambda *_a: (2025, True))
    dialog = save_as(monkeypatch, tmp_path / "qd.xlsx")
    window.decisions_action.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert "KhenThuongNam2025_" in dialog.proposed[0]
    count = window.context.store.db.execute(
        "SELECT count(*) FROM awards WHERE year = 2025").fetchone()[0]
    assert len(rows_of(tmp_path / "qd.xlsx")) == count


# ---- the rounds window -------------------------------------------------------------------------


@pytest.fixture
def rounds_window(qtbot: Any, ctx: AppContext) -> Any:
    from desktop.ui.rounds.rounds_window import RoundsWindow

    w = RoundsWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_round_nominations_button(qtbot: Any, rounds_window: Any, ctx: AppContext,
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                  done: list[ExportResult]) -> None:
    view = rounds_window.round_view
    assert view.round is not None and view.excel_button.isEnabled()
    dialog = save_as(monkeypatch, tmp_path / "nom.xlsx")
    qtbot.mouseClick(view.excel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert "DeNghiKhenThuong_" in dialog.proposed[0]
    rows = rows_of(tmp_path / "nom.xlsx")
    assert [r[1] for r in rows] == [n.subject_name for n in view.nominations()]


def test_ctrl_e_on_the_registration_tab(qtbot: Any, rounds_window: Any,
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        done: list[ExportResult]) -> None:
    rounds_window.tabs.setCurrentWidget(rounds_window.registration_view)
    save_as(monkeypatch, tmp_path / "reg.xlsx")
    QTest.keyClick(rounds_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert len(rows_of(tmp_path / "reg.xlsx")) == \
        len(rounds_window.registration_view.registrations())


def test_dashboard_exports_its_tables_and_prints(qtbot: Any, rounds_window: Any,
                                                 ctx: AppContext,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path,
                                                 done: list[ExportResult]) -> None:
    from desktop.ui.dashboard_print import make_printer, paint_dashboard

    view = rounds_window.round_view
    view.tabs.setCurrentWidget(view.dashboard)
    save_as(monkeypatch, tmp_path / "dash.xlsx")
    qtbot.mouseClick(view.dashboard.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert openpyxl.load_workbook(tmp_path / "dash.xlsx").sheetnames == ["Theo danh hiệu",
                                                                          "Tỷ lệ"]
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "dash.pdf"))
    assert paint_dashboard(printer, ctx, view.round.id, TODAY) == 1
    del printer
    text = pypdf.PdfReader(tmp_path / "dash.pdf").pages[0].extract_text()
    flat = " ".join(text.split())
    for words in ("Ủy ban nhân dân xã Thanh Sơn", "in ngày 23/11/2026", view.round.name,
                  "Chiến sĩ thi đua cơ sở", "Tỷ lệ trong số cá nhân được đề nghị", "Cộng"):
        assert words in flat, words
    assert not list(pypdf.PdfReader(tmp_path / "dash.pdf").pages[0].images)  # vector, not a bitmap


def test_ctrl_p_opens_the_dashboard_preview(qtbot: Any, rounds_window: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui import dashboard_print

    opened: list[Any] = []
    monkeypatch.setattr(dashboard_print.DashboardPreview, "exec",
                        lambda self: opened.append(self) or 0)
    QTest.keyClick(rounds_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    preview = opened[0]
    screen = QApplication.primaryScreen().availableGeometry()
    assert preview.height() <= screen.height() and preview.width() <= screen.width()
    assert rounds_window.round_view.tabs.currentWidget() is rounds_window.round_view.dashboard


def test_posting_dialog_exports_the_public_list(qtbot: Any, ctx: AppContext,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path,
                                                done: list[ExportResult]) -> None:
    from desktop.ui.rounds.posting_dialog import PostingDialog

    (rnd,) = rounds_ops.list_rounds(ctx.store, 2026)
    dialog = PostingDialog(ctx, rnd.id or 0)
    qtbot.addWidget(dialog)
    save_as(monkeypatch, tmp_path / "post.xlsx")
    qtbot.mouseClick(dialog.excel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "post.xlsx").active[HEADER_ROW]]
    assert header == ["STT", "Họ và tên (tên tập thể)", "Đơn vị", "Danh hiệu, hình thức đề nghị"]


def test_the_save_dialog_is_qts_own_in_vietnamese_with_the_proposed_name(
        qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale, QTimer
    from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton

    from desktop.ui.qt_language import install_qt_language

    native = QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    locale = QLocale()
    translator = install_qt_language(QApplication.instance(), "vi",  # type: ignore[arg-type]
                                     Path(__file__).resolve().parents[2] / "resources")
    seen: dict[str, Any] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen["name"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
        seen["save"] = "Lưu" in {b.text().replace("&", "") for b in
                                 dialog.findChildren(QPushButton)}
        seen["size"] = (dialog.width(), dialog.height())
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(tmp_path / "ten-moi"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    try:
        path = excel_export.ask_xlsx_path(None, ctx, "Danh sách cá nhân")
    finally:
        if translator is not None:
            QApplication.instance().removeTranslator(translator)  # type: ignore[union-attr]
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, native)
        QLocale.setDefault(locale)
    assert seen["name"] == "DanhSachCaNhan_UyBanNhanDanXaThanhSon_2026-11-23.xlsx"
    room = QApplication.primaryScreen().availableGeometry()
    assert seen["size"] == (min(900, room.width() - 80), min(560, room.height() - 100))
    assert seen["save"]
    assert path == tmp_path / "ten-moi.xlsx"


def test_progress_is_shown_as_a_filling_bar(qtbot: Any) -> None:
    steps: list[tuple[int, int]] = []

    def work(report: Any) -> str:
        for i in range(1, 4):
            report(i, 3)
            steps.append((i, 3))
        return "xong"

    assert runner.run_with_steps(None, "…", work) == "xong"
    assert steps == [(1, 3), (2, 3), (3, 3)]
