"""“Hồ sơ đã nhận (cấp tỉnh)” and the unit's “Nhập biên nhận / quyết định”: enrol a unit, list
what was received (revisions chained), issue a receipt and a decisions file, and import both on
the unit's side."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import receiving as rc
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.package import minisign
from desktop.core.package.receipt import RECEIPT_SCHEMA, load_signed
from desktop.ui.context import AppContext
from desktop.ui.received_window import AnswersDialog, DecisionsDialog, EnrolDialog, ReceivedWindow
from tests.qt.conftest import type_text
from tests.unit.receiving_helpers import (
    ACTOR,
    UNIT_CODE,
    nominate_and_send,
    province_profile,
    send_revision,
    unit_profile,
)

SHOTS = os.environ.get("HOSO_SCREENSHOTS")


@pytest.fixture
def setup(tmp_path: Path, catalog, today: date):
    unit = unit_profile(tmp_path)
    sent = nominate_and_send(unit, catalog, tmp_path, today)
    province = province_profile(tmp_path)
    ctx = AppContext(province, catalog, ACTOR, tmp_path, "so-noi-vu", lambda: today)
    unit_ctx = AppContext(unit, catalog, ACTOR, tmp_path, UNIT_CODE.lower(), lambda: today)
    yield ctx, unit_ctx, sent
    province.close()
    unit.close()


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """A message box would block the offscreen test; record what it would have said."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda self: shown.append(self.text() + "\n" + self.informativeText())
                        or 0)
    return shown


def test_enrol_dialog_types_vietnamese(qtbot, setup) -> None:
    ctx, _unit_ctx, sent = setup
    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.code, "pt-thanhson")
    type_text(dialog.name, "UBND xã Thanh Sơn")
    dialog.key_text.setPlainText(minisign.public_key_file_text(sent.public))
    dialog.save()
    assert dialog.enrolled is not None
    assert (dialog.enrolled.unit_code, dialog.enrolled.unit_name) == (UNIT_CODE,
                                                                      "UBND xã Thanh Sơn")


def test_enrol_dialog_refuses_a_bad_key(qtbot, setup, no_modal_boxes) -> None:
    ctx, _unit_ctx, _sent = setup
    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.code, "PT-X")
    type_text(dialog.name, "Xã X")
    dialog.key_text.setPlainText("RWQ không phải khóa")
    dialog.save()
    assert dialog.enrolled is None and no_modal_boxes
    assert rc.known_units(ctx.store) == []


def test_list_receipt_and_decisions_round_trip(qtbot, setup, tmp_path: Path, today: date,
                                               catalog) -> None:
    ctx, unit_ctx, sent = setup
    rc.enrol_unit(ctx.store, minisign.public_key_file_text(sent.public), UNIT_CODE,
                  "UBND xã Thanh Sơn", ACTOR)
    rc.import_package(ctx.store, catalog, sent.packages[0].path, ACTOR, today)
    second = send_revision(unit_ctx.store, sent, tmp_path, 2, "ban sua")
    rc.import_package(ctx.store, catalog, second.path, ACTOR, today)
    office_secret, office_public = minisign.generate_keypair()

    window = ReceivedWindow(ctx)
    qtbot.addWidget(window)
    assert window.table.rowCount() == 2
    assert window.table.item(0, 2).text() == "2" and window.table.item(0, 3).text().startswith(
        "Mới nhất")
    assert window.table.item(1, 3).text() == "Đã thay bằng lần gửi 2"
    assert "CSTĐCS: 3" in window.table.item(0, 6).text()
    assert window.units.rowCount() == 1
    window.table.selectRow(1)
    assert not window.decisions_button.isEnabled()   # decisions go on the latest revision
    window.table.selectRow(0)
    assert window.decisions_button.isEnabled()
    if SHOTS:
        window.show()
        qtbot.waitExposed(window)
        window.grab().save(str(Path(SHOTS) / "received.png"))

    out = tmp_path / "answers"
    out.mkdir()
    window.secret_provider = lambda: office_secret
    window.save_path_provider = lambda _title, name: out / name
    receipt = window.issue_receipt()
    assert receipt is not None and receipt.exists()
    signed = load_signed(receipt, [office_public], RECEIPT_SCHEMA)
    assert signed.document["revision"] == 2 and "Đã lưu biên nhận" in window.status.text()

    item = window.current()
    dialog = DecisionsDialog(ctx, item, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    names = [dialog.cell(r, 1) for r in range(3)]
    hoa = names.index("Nguyễn Thị Hoà")
    dialog.checkbox(hoa).setChecked(True)
    type_text(dialog.common_no, "215/QĐ-UBND")
    type_text(dialog.common_date, "20/11/2026")
    type_text(dialog.common_issuer, "Chủ tịch UBND xã Thanh Sơn")
    dialog.fill_checked()
    assert dialog.cell(hoa, 3) == "215/QĐ-UBND"
    assert dialog.cell((hoa + 1) % 3, 3) == ""
    if SHOTS:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(Path(SHOTS) / "decisions.png"))
    decisions_file = window.save_decisions(item, dialog)
    assert decisions_file is not None and decisions_file.exists()

    # the unit's side
    answers = AnswersDialog(unit_ctx)
    qtbot.addWidget(answers)
    assert not answers.receipt_button.isEnabled()     # no province key yet
    pub = tmp_path / "so-noi-vu.pub"
    pub.write_text(minisign.public_key_file_text(office_public), "utf-8")
    answers.open_path_provider = lambda _t, _p: pub
    answers.set_province_key()
    assert answers.receipt_button.isEnabled()
    assert office_public.key_id_hex[:4] in answers.key_label.text()
    answers.open_path_provider = lambda _t, _p: receipt
    assert answers.import_receipt() is not None
    assert "đã nhận hồ sơ" in answers.status.text()
    row2 = [r for r in range(answers.table.rowCount()) if answers.table.item(r, 1).text() == "2"]
    assert "Sở Nội vụ tỉnh Phú Thọ" in answers.table.item(row2[0], 4).text()
    row1 = [r for r in range(answers.table.rowCount()) if answers.table.item(r, 1).text() == "1"]
    assert answers.table.item(row1[0], 4).text() == "Chưa có biên nhận"
    answers.open_path_provider = lambda _t, _p: decisions_file
    result = answers.import_decisions()
    assert result is not None and answers.history_changed
    assert "Nguyễn Thị Hoà – 215/QĐ-UBND" in answers.status.text()
    nom = rounds_ops.get_nomination(unit_ctx.store, sent.nominations["Nguyễn Thị Hoà"])
    assert nom.status is NominationStatus.DECIDED
    history = reg_ops.get_history(unit_ctx.store, SubjectRef(SubjectKind.PERSON,
                                                             sent.people["Nguyễn Thị Hoà"]))
    assert any(a.year == 2026 and a.decision_no == "215/QĐ-UBND" for a in history.awards)
    if SHOTS:
        answers.show()
        qtbot.waitExposed(answers)
        answers.grab().save(str(Path(SHOTS) / "answers.png"))


def test_decisions_dialog_bad_date_refused(qtbot, setup, tmp_path: Path, today: date, catalog,
                                           no_modal_boxes) -> None:
    ctx, _unit_ctx, sent = setup
    rc.enrol_unit(ctx.store, minisign.public_key_file_text(sent.public), UNIT_CODE,
                  "UBND xã Thanh Sơn", ACTOR)
    rc.import_package(ctx.store, catalog, sent.packages[0].path, ACTOR, today)
    window = ReceivedWindow(ctx)
    qtbot.addWidget(window)
    window.secret_provider = lambda: pytest.fail("must not sign a refused table")
    window.save_path_provider = lambda _t, name: tmp_path / name
    dialog = DecisionsDialog(ctx, window.current(), window)
    qtbot.addWidget(dialog)
    dialog.checkbox(0).setChecked(True)
    dialog.set_cell(0, 3, "1/QĐ")
    dialog.set_cell(0, 4, "31/02/2026")
    dialog.set_cell(0, 5, "UBND")
    assert window.save_decisions(window.current(), dialog) is None
    assert any("31/02/2026" in text for text in no_modal_boxes)
    assert not list(tmp_path.glob("*.quyet-dinh.json"))
