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


def _unit_profile(tmp_path: Path, catalog: Catalog):  # type: ignore[no-untyped-def]
    from datetime import date

    from desktop.core.model import History, Person, Unit, UnitKind
    from desktop.core.operations import profiles
    from desktop.core.operations import registry as reg_ops
    from desktop.ui.context import AppContext

    unit = Unit("Ủy ban nhân dân xã Tân Lập", UnitKind.XA, "", "UBND", "Tân Lập",
                "Nguyễn Văn Chủ", "Chủ tịch", "", "", "default")
    info, store = profiles.create_profile(tmp_path / "data", unit, "t")
    reg_ops.add_person(store, catalog, Person(None, "Hoàng Thị Hoa"), History(), "t",
                       date(2026, 11, 23))
    return AppContext(store, catalog, "t", tmp_path / "data", info.id,
                      lambda: date(2026, 11, 23))


def test_backup_to_a_usb_stick_then_restore_from_the_menu(qtbot, tmp_path: Path,
                                                          catalog: Catalog, monkeypatch) -> None:
    from datetime import date

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.core.model import History, Person
    from desktop.core.operations import registry as reg_ops
    from desktop.ui import backup_dialog
    from desktop.ui.backup_dialog import BackupDialog
    from desktop.ui.main_window import MainWindow

    ctx = _unit_profile(tmp_path, catalog)
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = BackupDialog(ctx, drives=lambda: [("USB (E:)", usb)])
    qtbot.addWidget(dialog)
    assert dialog.to_drive.isChecked()
    info = dialog.run_backup(background=False)
    assert info is not None and info.path.parent == usb
    assert "nguyên vẹn" in dialog.outcome.text()

    reg_ops.add_person(ctx.store, catalog, Person(None, "Lê Văn Mới"), History(), "t",
                       date(2026, 11, 23))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(info.path), ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or
                        QMessageBox.StandardButton.Yes)
    real = backup_dialog.restore_from_file
    monkeypatch.setattr(backup_dialog, "restore_from_file",
                        lambda parent, c, path=None, **kw: real(parent, c, path,
                                                                background=False, **kw))
    window.restore_backup()
    assert asked and "1 cá nhân" in asked[0] and "sao lưu" in asked[0]
    successor = window.successor
    assert successor is not None
    qtbot.addWidget(successor)
    assert successor.people_model.rowCount() == 1   # Lê Văn Mới was added after the backup
    assert not window.isVisible()
