"""Đơn vị ▸ Quy định và gói cập nhật (offscreen): install a pack from a file after reading
what it changes, the app's rules switch at once, roll back; a tampered pack is refused with
its reason code; a province's key is enrolled from its printed sheet, the fingerprint shown
as typed; the eligibility panel names the version each verdict used."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.core.model import (
    History,
    Person,
    Rating,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import lawpacks as lp
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.ui import lawpack_keys, lawpacks_dialog
from desktop.ui.context import AppContext
from desktop.ui.eligibility_panel import EligibilityPanel
from desktop.ui.lawpack_keys import EnrolKeyDialog
from desktop.ui.lawpacks_dialog import LawPacksDialog
from tests.lawpack_tools import CSTDCS, FORMS, Publisher, build, publisher, rewrite_zip
from tests.qt.conftest import type_text

TODAY = date(2026, 12, 3)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
            "UBND", "Thanh Sơn", "Nguyễn Văn Hùng", "Chủ tịch", "Trần Thị Mai", "Công chức",
            "bac_ninh", code="BN-THANHSON")


@pytest.fixture
def pub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Publisher:
    made = publisher(tmp_path)
    for module in (lawpack_keys, lawpacks_dialog):
        monkeypatch.setattr(module, "bundled_keys_dir", lambda: made.bundled_dir)
    return made


@pytest.fixture
def context(tmp_path: Path):
    data = tmp_path / "data"
    info, store = profiles.create_profile(data, UNIT, "tester")
    ctx = AppContext(store=store,
                     catalog=lambda: lp.effective_catalog(FORMS, data, as_of=TODAY)[0],
                     actor="tester", data_dir=data, profile_id=info.id, today=lambda: TODAY)
    yield ctx
    store.close()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered Yes, their texts recorded."""
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append("\n".join((box.windowTitle(), box.text(), box.informativeText())))
        for button in box.buttons():
            if box.buttonRole(button) in (QMessageBox.ButtonRole.AcceptRole,
                                          QMessageBox.ButtonRole.YesRole):
                button.click()
                break
        return 0

    def question(_parent: Any, title: str, text: str, *a: Any) -> QMessageBox.StandardButton:
        shown.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, title, text, *a: shown.append(f"{title}\n{text}"))
    return shown


def version_on(ctx: AppContext, day: date) -> str:
    return ctx.catalog.on(day).title(CSTDCS).version


def test_install_then_roll_back(qtbot, context, pub, boxes, tmp_path) -> None:
    dialog = LawPacksDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.packs.topLevelItemCount() == 0 and not dialog.rollback_button.isEnabled()
    assert version_on(context, date(2026, 10, 1)) == f"{CSTDCS}@2024-01-01"

    assert dialog.install(build(tmp_path / "p.zip", pub))
    confirm = boxes[0]
    assert "Cài gói quy định?" in confirm
    assert "CSTĐCS: từ 01/10/2026 cần HTXSNV và sáng kiến" in confirm
    assert dialog.changed
    # the app's rules switched: from the effective day only
    assert version_on(context, date(2026, 10, 1)) == f"{CSTDCS}@2026-10-01"
    assert version_on(context, date(2026, 9, 30)) == f"{CSTDCS}@2024-01-01"
    assert dialog.packs.topLevelItemCount() == 1
    assert "CSTĐCS: từ 01/10/2026 cần HTXSNV" in dialog.details.toPlainText()
    assert "gói quy định “hoso” số 1" in dialog.status.text()

    boxes.clear()
    dialog.roll_back()
    assert "Quay lại gói trước?" in boxes[0] and "quy định kèm phần mềm" in boxes[0]
    assert dialog.packs.topLevelItemCount() == 0
    assert version_on(context, date(2026, 10, 1)) == f"{CSTDCS}@2024-01-01"


def test_a_tampered_pack_is_refused_with_its_reason(qtbot, context, pub, boxes,
                                                    tmp_path) -> None:
    good = build(tmp_path / "p.zip", pub)
    name = f"forms/titles/{CSTDCS}@2026-10-01.toml"
    bad = rewrite_zip(good, tmp_path / "bad.zip", lambda e: {
        **e, name: e[name].replace(b'min = "htxs"', b'min = "htt" ')})
    dialog = LawPacksDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.install(bad)
    assert "Không cài gói quy định" in boxes[0] and "lawpack.tampered" in boxes[0]
    assert dialog.packs.topLevelItemCount() == 0 and not dialog.changed


def test_a_province_key_is_enrolled_from_its_sheet(qtbot, context, pub, boxes,
                                                   tmp_path) -> None:
    province = publisher(tmp_path, "bac_ninh", bundled=False)
    enrol = EnrolKeyDialog(context)
    qtbot.addWidget(enrol)
    ok = enrol.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert enrol.province_code() == "bac_ninh"       # the unit's own province first
    type_text(enrol.name, "Sở Nội vụ tỉnh Bắc Ninh")
    line = province.pub_text.splitlines()[1]
    type_text(enrol.key, " ".join(line[i:i + 4] for i in range(0, len(line), 4))[:-3])
    assert "chưa đúng" in enrol.fingerprint.text() and not ok.isEnabled()
    type_text(enrol.key, line[-3:])
    assert enrol.fingerprint.text() == lp.fingerprint(province.public.key_id_hex)
    assert not ok.isEnabled()                          # not before the officer compared it
    enrol.confirmed.setChecked(True)
    assert ok.isEnabled()
    ok.click()
    keys = lp.list_keys(context.data_dir, pub.bundled_dir)
    assert [(k.source, k.province, k.name) for k in keys] == [
        ("bundled", None, "Nhà phát hành thử"),
        ("enrolled", "bac_ninh", "Sở Nội vụ tỉnh Bắc Ninh")]
    dialog = LawPacksDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.keys.topLevelItemCount() == 2
    dialog.keys.setCurrentItem(dialog.keys.topLevelItem(1))
    assert dialog.remove_key_button.isEnabled()
    dialog.keys.setCurrentItem(dialog.keys.topLevelItem(0))
    assert not dialog.remove_key_button.isEnabled()   # the bundled key stays


def test_the_eligibility_panel_names_the_version(qtbot, context, pub, boxes, tmp_path) -> None:
    lp.install_pack(build(tmp_path / "p.zip", pub), forms_dir=FORMS,
                    bundled_keys_dir=pub.bundled_dir, data_dir=context.data_dir,
                    actor="t", now=datetime(2026, 12, 3, tzinfo=UTC))
    context.reload_catalog()
    person, _c = ops.add_person(context.store, context.catalog, Person(
        None, "Đặng Thị Ỷ", date(1992, 6, 27), hired_on=date(2015, 9, 1)), History(
        years=(YearRecord(2026, Rating.HTXS, exemplary=True, solidarity=True,
                          movement=True),)), "t", TODAY)
    panel = EligibilityPanel(context, SubjectRef(SubjectKind.PERSON, person.id or 0))
    qtbot.addWidget(panel)
    panel.year.setValue(2026)
    panel.refresh()
    versions = panel.versions_shown()
    assert "01/10/2026" in versions["Chiến sĩ thi đua cơ sở"]
    assert "gói “hoso” số 1" in versions["Chiến sĩ thi đua cơ sở"]
    assert "kèm phần mềm" in versions["Lao động tiên tiến"]
    assert panel.verdicts_shown()["Chiến sĩ thi đua cơ sở"].endswith("Chưa đủ điều kiện")
    assert "03/12/2026" in panel.rule_day.text()
    panel.year.setValue(2025)
    panel.refresh()
    assert "31/12/2025" in panel.rule_day.text()
    assert "kèm phần mềm" in panel.versions_shown()["Chiến sĩ thi đua cơ sở"]
