"""The smaller fixes of issue 12, each as an officer meets it."""

from __future__ import annotations

from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.ui.first_run import FirstRunWizard


def test_a_new_unit_starts_under_the_national_defaults_not_a_province(qtbot, tmp_path: Path,
                                                                     catalog: Catalog) -> None:
    wizard = FirstRunWizard(tmp_path, "t", catalog)
    qtbot.addWidget(wizard)
    form = wizard.unit_page.form
    assert form.province.currentData() == "default"
    assert form.province.itemData(0) == "default"
    assert {form.province.itemData(i) for i in range(form.province.count())} == set(
        catalog.provinces)   # every profile is still there to choose
    assert form.unit().province == "default"


def test_print_preview_fits_a_1366x768_screen(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QRect, QSize

    from desktop.ui.print_preview import DocumentPreview
    from desktop.ui.screen import FRAME, fitted

    taskbar = 40
    laptop = QRect(0, 0, 1366, 768 - taskbar)
    assert fitted(QSize(900, 900), laptop) == QSize(900, 768 - taskbar - FRAME.height())
    assert fitted(QSize(600, 400), laptop) == QSize(600, 400)
    preview = DocumentPreview(None, [], "Tờ trình")
    qtbot.addWidget(preview)
    free = preview.screen().availableGeometry()
    assert preview.height() + FRAME.height() <= free.height()


def test_column_titles_are_never_cut_and_say_themselves_in_a_tooltip(qtbot, qapp) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView, QTableWidget

    from desktop.ui import headers

    headers.install(qapp)
    table = QTableWidget(3, 2)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["Đồng ý / tổng số thành viên", "Kết quả"])
    table.setColumnWidth(0, 40)
    table.show()
    qtbot.waitExposed(table)
    head = table.horizontalHeader()
    assert head.sectionSize(0) >= head.sectionSizeHint(0) > 40
    assert head.textElideMode() is Qt.TextElideMode.ElideRight
    head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    assert headers._title(head, head.sectionViewportPosition(0) + 5) == \
        "Đồng ý / tổng số thành viên"
