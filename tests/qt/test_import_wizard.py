"""The import wizard: choose a file, match columns, choose the values the file does not give,
see every bad row, import all or nothing or skip the bad rows with a report.

Fixture files are generated into tmp_path with openpyxl / csv / xlwt. The wizard is shown at
the size it opens with, which fits a 1366×768 screen."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWizard

from desktop.core.catalog import load_catalog
from desktop.core.model import History, Person
from desktop.core.operations import registry as ops
from desktop.core.store import open_store
from desktop.ui import import_wizard as iw
from desktop.ui.context import AppContext
from tests.qt.conftest import type_text

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Xếp loại năm 2025"]
GOOD = [[1, "Nguyễn Văn An", datetime(1980, 5, 3), "Nam", "Chủ tịch", "HTXSNV"],
        [2, "Trần Thị Bích", "07/11/1985", "Nữ", "Kế toán", "Hoàn thành tốt nhiệm vụ"]]
BAD = [*GOOD, [3, "Phạm Minh Đức", "31/02/1990", "Nam", "", ""],
       [4, "", "01/01/1990", "Nữ", "Văn thư", ""]]


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: bool = True,
               extra_sheet: Sequence[Sequence[Any]] | None = None) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "DS"
    if title:
        ws.append(["DANH SÁCH CÁN BỘ"])
        ws.append([])
    ws.append(HEADERS)
    for row in rows:
        ws.append(list(row))
    if extra_sheet is not None:
        other = book.create_sheet("Khác")
        for row in extra_sheet:
            other.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    store = open_store(tmp_path / "x.sqlite", create=True)
    try:
        yield AppContext(store, load_catalog(REPO / "forms"), "cán bộ thử", tmp_path, "test",
                         lambda: TODAY)
    finally:
        store.close()


@pytest.fixture
def wizard(qtbot, ctx: AppContext) -> iw.ImportWizard:
    w = iw.ImportWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def finish_button(w: QWizard):
    return w.button(QWizard.WizardButton.FinishButton)


def next_button(w: QWizard):
    return w.button(QWizard.WizardButton.NextButton)


def commit_button(w: QWizard):
    return w.button(QWizard.WizardButton.CommitButton)


def choose_defaults(wizard: iw.ImportWizard, group: int = 1, ethnicity: str = "Kinh") -> None:
    """On the defaults page: pick a group from the list, type the ethnicity."""
    page = wizard.defaults_page
    assert wizard.currentPage() is page
    page.combos["group"].setCurrentIndex(group)
    combo = page.combos["ethnicity"]
    combo.setFocus()
    type_text(combo.lineEdit(), ethnicity)


def to_preview(wizard: iw.ImportWizard) -> None:
    next_button(wizard).click()  # → columns
    next_button(wizard).click()  # → defaults
    choose_defaults(wizard)
    next_button(wizard).click()  # → check
    assert wizard.currentPage() is wizard.preview_page


def test_clean_file_is_imported_step_by_step(wizard: iw.ImportWizard, ctx: AppContext,
                                             tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    assert not next_button(wizard).isEnabled()  # no file yet
    assert wizard.load_file(path)
    assert "2 dòng dữ liệu" in wizard.file_page.status.text()
    assert "dòng tiêu đề cột là dòng 3" in wizard.file_page.status.text()
    assert "Bảng tính Excel (.xlsx)" in wizard.file_page.status.text()
    assert not wizard.file_page.encoding.isEnabled()  # only text files have an encoding
    assert next_button(wizard).isEnabled()
    next_button(wizard).click()

    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert page.combos["full_name"].currentData() == 1
    assert page.combos["birth_date"].currentData() == 2
    assert page.combos["ethnicity"].currentData() == -1
    assert page.year.value() == 2025 and page.year.isEnabled()
    assert page.sample.rowCount() == 2
    assert page.sample.item(0, 2).text() == "03/05/1980"
    assert page.sample.verticalHeaderItem(0).text() == "4"  # the row number in Excel
    next_button(wizard).click()

    defaults = wizard.defaults_page
    assert wizard.currentPage() is defaults
    assert set(defaults.combos) == {"ethnicity", "group"}
    assert not next_button(wizard).isEnabled()  # nothing is chosen for the officer
    assert "Phòng, ban, bộ phận" in defaults.empty_fields.text()
    defaults.combos["group"].setCurrentIndex(3)  # Công nhân, nông dân…
    assert not next_button(wizard).isEnabled()
    defaults.combos["ethnicity"].setFocus()
    type_text(defaults.combos["ethnicity"].lineEdit(), "Thái")
    assert next_button(wizard).isEnabled()
    next_button(wizard).click()

    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    assert preview.summary.text() == "2 dòng hợp lệ, 0 dòng lỗi"
    assert preview.model.rowCount() == 2
    assert preview.model.index(0, preview.model.columnCount() - 1).data() == "Hợp lệ"
    headers = [preview.model.headerData(c, iw.Qt.Orientation.Horizontal)
               for c in range(preview.model.columnCount())]
    group_col = headers.index("Đối tượng")
    assert preview.model.index(0, group_col).data() == \
        "Công nhân, nông dân, người lao động trực tiếp"
    assert commit_button(wizard).isEnabled()
    commit_button(wizard).click()
    assert wizard.currentPage() is wizard.result_page
    assert "Đã nhập 2 người" in wizard.result_page.result_text.text()
    assert not wizard.result_page.skipped.isVisibleTo(wizard)
    finish_button(wizard).click()

    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.imported == 2 and len(wizard.changes.people) == 2 and wizard.changes.bulk
    assert ops.count_people(ctx.store) == 2
    people = ops.people_page(ctx.store, "", 0, 10)
    assert {(p.ethnicity, p.group.value) for p in people} == {("Thái", "cong_nhan_nong_dan")}


def test_bad_rows_block_finish_until_the_file_is_fixed_and_reloaded(
        wizard: iw.ImportWizard, ctx: AppContext, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", BAD)
    wizard.load_file(path)
    to_preview(wizard)
    preview = wizard.preview_page
    assert preview.summary.text() == "2 dòng hợp lệ, 2 dòng lỗi"
    assert not commit_button(wizard).isEnabled()
    assert "Tải lại tệp" in preview.advice.text()
    errors = preview.errors.toPlainText().splitlines()
    assert errors[0].startswith("Dòng 6, cột C (Ngày sinh): ")
    assert "31/02/1990" in errors[0]
    assert errors[1] == "Dòng 7, cột B (Họ và tên): thiếu họ và tên."
    model = preview.model
    status = model.columnCount() - 1
    assert model.headerData(status, iw.Qt.Orientation.Horizontal) == "Trạng thái"
    assert model.headerData(1, iw.Qt.Orientation.Horizontal) == "Họ và tên"
    assert model.index(0, 1).data() == "Nguyễn Văn An"
    bad = model.index(2, status)
    assert bad.data().startswith("Lỗi: ") and bad.data(iw.Qt.ItemDataRole.BackgroundRole)
    assert model.index(0, status).data(iw.Qt.ItemDataRole.BackgroundRole) is None
    # the wrong cell itself is marked: the date of row 6, the name of row 7
    foreground = iw.Qt.ItemDataRole.ForegroundRole
    assert model.index(2, 2).data(foreground) == iw.ERROR_TEXT
    assert model.index(2, 1).data(foreground) is None
    assert model.index(3, 1).data(foreground) == iw.ERROR_TEXT
    assert model.index(3, 1).data() == "(trống)"
    headers = [model.headerData(c, iw.Qt.Orientation.Horizontal)
               for c in range(model.columnCount())]
    assert "Xếp loại 2025" in headers and "Dân tộc" in headers  # the chosen value is shown

    preview.only_errors.setChecked(True)
    assert model.rowCount() == 2 and model.index(0, 0).data() == "6"
    preview.only_errors.setChecked(False)
    assert model.rowCount() == 4

    preview.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Lỗi khi nhập tệp ds.xlsx:")
    assert "Dòng 6" in copied and "Dòng 7" in copied

    commit_button(wizard).click()  # disabled: nothing happens
    assert ops.count_people(ctx.store) == 0

    write_xlsx(path, GOOD)  # the officer fixes the file in Excel and saves it
    preview.reload.click()
    assert preview.summary.text() == "2 dòng hợp lệ, 0 dòng lỗi"
    assert commit_button(wizard).isEnabled()
    commit_button(wizard).click()
    assert wizard.imported == 2 and ops.count_people(ctx.store) == 2


def test_unreadable_file_is_explained_on_the_page(wizard: iw.ImportWizard,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "web.xls"
    path.write_bytes(b"<html><body><table><tr><td>x</td></tr></table></body></html>")
    assert not wizard.load_file(path)
    assert wizard.file_page.error.isVisibleTo(wizard)
    assert "trang web (HTML)" in wizard.file_page.error.text()
    assert not next_button(wizard).isEnabled()

    xls = tmp_path / "cu.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert not wizard.load_file(xls)
    assert ".xls" in wizard.file_page.error.text()

    good = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    assert wizard.load_file(good)
    assert not wizard.file_page.error.isVisibleTo(wizard)
    assert next_button(wizard).isEnabled()


def test_browse_uses_the_file_dialog_with_the_spreadsheet_filter(
        wizard: iw.ImportWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    asked: list[str] = []

    def fake(_parent: Any, _title: str, _start: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    wizard.file_page.browse.click()
    assert asked == ["Bảng tính (*.xlsx *.xlsm *.xls *.csv *.txt)"]
    assert wizard.table is not None and wizard.file_page.path_edit.text() == str(path)


def test_sheet_choice_reads_the_other_sheet(wizard: iw.ImportWizard, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD,
                      extra_sheet=[["Họ tên", "Năm sinh"], ["Phạm Hoa", "01/01/1970"]])
    wizard.load_file(path)
    sheet = wizard.file_page.sheet
    assert sheet.isEnabled() and sheet.count() == 2 and sheet.currentText() == "DS"
    sheet.setCurrentIndex(1)
    sheet.activated.emit(1)
    assert wizard.table is not None and wizard.table.sheet == "Khác"
    assert len(wizard.table.rows) == 1


def test_mapping_needs_a_name_column_once(wizard: iw.ImportWizard, tmp_path: Path) -> None:
    wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", GOOD))
    next_button(wizard).click()
    page = wizard.mapping_page
    page.combos["full_name"].setCurrentIndex(0)  # "— Không nhập —"
    assert not next_button(wizard).isEnabled()
    assert "Họ và tên" in page.warning.text()
    page.combos["full_name"].setCurrentIndex(2)  # column B
    page.combos["position"].setCurrentIndex(2)  # column B again
    assert not next_button(wizard).isEnabled()
    assert "hai thông tin" in page.warning.text()
    page.combos["position"].setCurrentIndex(5)
    page.combos["rating"].setCurrentIndex(0)
    assert next_button(wizard).isEnabled() and not page.year.isEnabled()
    next_button(wizard).click()
    choose_defaults(wizard)
    next_button(wizard).click()
    assert wizard.preview is not None and wizard.preview.rating_year is None
    assert all(r.year_record is None for r in wizard.preview.rows)
    # going back keeps the officer's choices, and so does reloading the corrected file
    wizard.back()
    wizard.back()
    assert page.combos["rating"].currentIndex() == 0
    wizard.next()
    assert wizard.defaults_page.values() == {"group": "cbccvc", "ethnicity": "Kinh"}  # kept
    wizard.next()
    write_xlsx(wizard.path, [*GOOD, [3, "Lê Văn Ba", "01/01/1991", "Nam", "", "HT"]])
    wizard.preview_page.reload.click()
    assert len(wizard.preview.rows) == 3 and wizard.preview.rating_year is None
    wizard.back()
    wizard.back()
    assert page.combos["rating"].currentIndex() == 0
    assert page.combos["position"].currentIndex() == 5
    assert page.sample.rowCount() == 3  # the sample shows the file as it is now


def test_person_added_meanwhile_stops_the_import_and_is_shown(
        wizard: iw.ImportWizard, ctx: AppContext, tmp_path: Path) -> None:
    wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", GOOD))
    to_preview(wizard)
    assert commit_button(wizard).isEnabled()
    ops.add_person(ctx.store, ctx.catalog,
                   Person(None, "Trần Thị Bích", birth_date=date(1985, 11, 7)), History(),
                   "khác", TODAY)
    commit_button(wizard).click()
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.result() != QDialog.DialogCode.Accepted and wizard.imported == 0
    assert "đã có trong danh sách" in wizard.preview_page.error.text()
    assert wizard.preview_page.summary.text() == "1 dòng hợp lệ, 1 dòng lỗi"
    assert ops.count_people(ctx.store) == 1


def test_labels_have_keyboard_mnemonics(wizard: iw.ImportWizard) -> None:
    page = wizard.mapping_page
    letters = []
    for label in page.findChildren(iw.QLabel):
        if label.buddy() is not None:
            assert "&" in label.text(), label.text()
            letters.append(label.text()[label.text().index("&") + 1].lower())
    assert len(letters) == len(iw.imp.FIELDS) + 1 and len(set(letters)) == len(letters)
    # none of them steals Alt+T (next) or Alt+Q (back)
    assert not {"t", "q"} & set(letters)
    assert "&T" in next_button(wizard).text() and "&Q" in wizard.button(
        QWizard.WizardButton.BackButton).text()
    assert "&" in wizard.file_page.browse.text()


def test_reload_after_columns_moved_guesses_again(wizard: iw.ImportWizard,
                                                  tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    wizard.load_file(path)
    to_preview(wizard)
    book = openpyxl.Workbook()
    book.active.append(["Ngày sinh", "Họ và tên"])
    book.active.append(["02/02/1992", "Hồ Thị Xuân"])
    book.save(path)
    wizard.preview_page.reload.click()
    page = wizard.mapping_page
    assert page.combos["full_name"].currentData() == 1
    assert page.combos["birth_date"].currentData() == 0
    assert page.combos["rating"].currentData() == -1
    assert wizard.preview is not None and wizard.preview.ok
    assert wizard.preview.rows[0].person.full_name == "Hồ Thị Xuân"
    assert wizard.preview_page.summary.text() == "1 dòng hợp lệ, 0 dòng lỗi"


def test_reload_of_a_file_that_became_unreadable(wizard: iw.ImportWizard,
                                                 tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", GOOD)
    wizard.load_file(path)
    to_preview(wizard)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)  # saved with a password
    wizard.preview_page.reload.click()
    assert wizard.preview is None and not commit_button(wizard).isEnabled()
    assert "tệp hỏng" in wizard.preview_page.error.text()


def test_skip_bad_rows_is_an_explicit_choice_with_a_report(
        wizard: iw.ImportWizard, ctx: AppContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", BAD))
    to_preview(wizard)
    preview = wizard.preview_page
    assert preview.all_or_nothing.isChecked() and not commit_button(wizard).isEnabled()
    preview.skip_bad.click()
    assert commit_button(wizard).isEnabled()
    assert "Sẽ nhập 2 người và bỏ qua 2 dòng lỗi" in preview.advice.text()
    commit_button(wizard).click()

    result = wizard.result_page
    assert wizard.currentPage() is result
    assert wizard.imported == 2 and ops.count_people(ctx.store) == 2
    assert "Đã bỏ qua 2 dòng lỗi" in result.result_text.text()
    lines = result.skipped.toPlainText().splitlines()
    assert lines[0].startswith("Dòng 6, cột C (Ngày sinh): ")
    assert lines[1] == "Dòng 7, cột B (Họ và tên): thiếu họ và tên."
    result.copy.click()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "Các dòng bỏ qua khi nhập tệp ds.xlsx:" and copied[1:] == lines

    target = tmp_path / "báo cáo"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a: (str(target), "")))
    result.save.click()
    saved = (tmp_path / "báo cáo.csv").read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    rows = list(csv.reader(saved.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["Dòng", "Cột", "Mã lỗi", "Lý do"]
    assert [r[0] for r in rows[1:]] == ["6", "7"]
    assert rows[1][2] == "import.date_invalid" and rows[2][2] == "person.name_missing"

    # Esc now would lose nothing: the people are written, the main window must hear of it
    wizard.reject()
    assert wizard.result() == QDialog.DialogCode.Accepted and wizard.changes.people


def test_windows_1258_csv_shows_its_encoding_and_can_be_corrected(
        wizard: iw.ImportWizard, tmp_path: Path) -> None:
    from tests.unit.test_importing import cp1258

    path = tmp_path / "ds.csv"
    path.write_bytes(cp1258("Họ và tên,Ngày sinh\r\nLê Thị Hà,01/02/1990\r\n"))
    assert wizard.load_file(path)
    status = wizard.file_page.status.text()
    assert "Tệp văn bản CSV" in status and "Windows-1258 (tiếng Việt) (tự nhận ra)" in status
    assert wizard.table is not None and wizard.table.rows[0].cells[0] == "Lê Thị Hà"
    encoding = wizard.file_page.encoding
    assert encoding.isEnabled()
    encoding.setCurrentIndex(encoding.findData("cp1252"))
    encoding.activated.emit(encoding.currentIndex())
    assert "Windows-1252" in wizard.file_page.status.text() and "đã chọn" in \
        wizard.file_page.status.text()
    assert wizard.table is not None and wizard.table.rows[0].cells[0] != "Lê Thị Hà"


def test_hidden_characters_are_shown_as_notices(wizard: iw.ImportWizard,
                                                tmp_path: Path) -> None:
    rows = [[1, "Nguyễn\u200bVăn An", datetime(1980, 5, 3), "Nam", "Chủ tịch", "HTXSNV"],
            [2, "Trần Thị Bích", "07/11/1985", "Nữ\u202e", "Kế toán", ""]]
    wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", rows))
    to_preview(wizard)
    preview = wizard.preview_page
    assert wizard.preview is not None
    assert wizard.preview.rows[0].person.full_name == "Nguyễn Văn An"
    text = preview.errors.toPlainText()
    assert "Dòng 5, cột D (Giới tính): có ký tự điều khiển hướng chữ U+202E" in text
    assert "Lưu ý: Dòng 4, cột B (Họ và tên): ký tự ẩn U+200B" in text
    assert preview.model.index(0, preview.model.columnCount() - 1).data().startswith(
        "Hợp lệ; lưu ý: ký tự ẩn U+200B")


def test_names_in_capitals_are_offered_a_fix_and_missing_birth_dates_noted(
        qtbot, wizard: iw.ImportWizard, ctx: AppContext, tmp_path: Path) -> None:
    rows = [[1, "NGUYỄN VĂN AN", datetime(1980, 5, 3), "Nam", "Chủ tịch", "HTXSNV"],
            [2, "TRẦN THỊ BÍCH", "", "Nữ", "Kế toán", ""],
            [3, "LÊ Đức Cường", "", "Nam", "", ""]]  # mixed case: the officer's own writing
    wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", rows))
    to_preview(wizard)
    page = wizard.preview_page
    model = page.model
    status = model.columnCount() - 1
    assert page.summary.text() == \
        "3 dòng hợp lệ, 0 dòng lỗi; 2 dòng chưa có ngày sinh (vẫn nhập được)"
    assert page.fix_case.isVisibleTo(wizard) and not page.fix_case.isChecked()
    assert page.fix_case.text() == ("2 tên viết HOA toàn bộ (như “NGUYỄN VĂN AN”): c&huyển "
                                    "thành “Nguyễn Văn An”?")
    assert model.index(0, 1).data() == "NGUYỄN VĂN AN"  # nothing changed until chosen
    assert "chưa có ngày sinh" in model.index(1, status).data()
    assert "Lưu ý: Dòng 5, cột C (Ngày sinh): chưa có ngày sinh" in page.errors.toPlainText()

    qtbot.mouseClick(page.fix_case, iw.Qt.MouseButton.LeftButton,
                     pos=page.fix_case.rect().center())
    assert page.fix_case.isChecked() and page.fix_case.isVisibleTo(wizard)
    assert [model.index(r, 1).data() for r in range(3)] == [
        "Nguyễn Văn An", "Trần Thị Bích", "LÊ Đức Cường"]
    assert "ghi thành “Nguyễn Văn An”" in model.index(0, status).data()
    commit_button(wizard).click()
    assert wizard.currentPage() is wizard.result_page
    assert "2 người chưa có ngày sinh: hãy bổ sung" in wizard.result_page.result_text.text()
    assert sorted(p.full_name for p in ops.people_page(ctx.store, "", 0, 10)) == [
        "LÊ Đức Cường", "Nguyễn Văn An", "Trần Thị Bích"]


def test_xls_file_is_read(wizard: iw.ImportWizard, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("DS")
    for r, row in enumerate([["Họ và tên", "Ngày sinh"], ["Đặng Thị Ỷ", "05/03/1990"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "cu.xls"
    book.save(str(path))
    assert wizard.load_file(path)
    assert "Bảng tính Excel 97–2003 (.xls)" in wizard.file_page.status.text()
    assert wizard.table is not None and wizard.table.rows[0].cells == ("Đặng Thị Ỷ",
                                                                       "05/03/1990")


def test_every_page_fits_a_1366x768_screen(wizard: iw.ImportWizard, tmp_path: Path) -> None:
    """The officers' laptops: 1366×768 less the taskbar. Every page at the wizard's own size
    keeps its buttons and its table visible."""
    assert wizard.width() <= 1366 and wizard.height() <= 728
    assert wizard.minimumSizeHint().height() <= 728
    wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", BAD))
    to_preview(wizard)
    page = wizard.preview_page
    assert page.view.height() > 100
    for widget in (page.copy, page.save, page.reload, page.skip_bad, commit_button(wizard)):
        assert widget.isVisibleTo(wizard)
        corner = widget.mapTo(wizard, widget.rect().bottomRight())
        assert corner.x() <= wizard.width() and corner.y() <= wizard.height()


def test_closing_after_choosing_a_file_asks_before_abandoning(qtbot, ctx: AppContext,
                                                              tmp_path: Path,
                                                              monkeypatch) -> None:
    from PySide6.QtCore import Qt

    untouched = iw.ImportWizard(ctx)
    qtbot.addWidget(untouched)
    untouched.show()
    monkeypatch.setattr(untouched, "ask_abandon", lambda: pytest.fail("no file was chosen"))
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible()

    wizard = iw.ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.load_file(write_xlsx(tmp_path / "ds.xlsx", GOOD))
    next_button(wizard).click()
    wizard.mapping_page.combos["birth_date"].setCurrentIndex(0)   # the officer's own choice
    answers = [False, True]                         # "Quay lại", then "Bỏ dở"
    monkeypatch.setattr(wizard, "ask_abandon", lambda: answers.pop(0))
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.combos["birth_date"].currentData() == -1   # kept
    wizard.close()                                  # the window's close button
    assert not wizard.isVisible() and answers == []
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert ops.people_page(ctx.store, "", 0, 10) == []              # nothing written
