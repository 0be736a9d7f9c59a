"""Issue 12: the demo finishes its year in the GUI. `hoso demo --out` makes the province (a
second data dir with its own key) and its signed receipt and decisions; the commune saves the
province's key and imports both in “Nhập biên nhận / quyết định”."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import demo, profiles
from desktop.core.operations import receiving as rc
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.demo.province import DECISION_NO, PROVINCE_UNIT
from desktop.ui.context import AppContext
from desktop.ui.received_window import AnswersDialog


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda self: shown.append(self.text() + "\n" + self.informativeText())
                        or 0)
    return shown


def test_the_commune_imports_the_provinces_answers_in_the_gui(qtbot, tmp_path: Path, catalog,
                                                              today: date, no_modal_boxes
                                                              ) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    made = demo.make_demo(data, out, 3, "tester", today, catalog)
    province = made.province
    assert province is not None and made.public_key is not None
    office = profiles.open_profile(province.data_dir, profiles.list_profiles(
        province.data_dir)[0].id)
    try:   # the province is a profile of its own, with the commune enrolled and the package in
        assert [u.unit_code for u in rc.known_units(office)] == ["PT-THANHSON"]
        assert len(rc.received(office)) == 1
    finally:
        office.close()

    store = profiles.open_profile(data, made.info.id)
    ctx = AppContext(store, catalog, "Cán bộ TĐKT", data, made.info.id, date.today)
    try:
        answers = AnswersDialog(ctx)
        qtbot.addWidget(answers)
        assert not answers.receipt_button.isEnabled()   # the province's key is not saved yet
        answers.open_path_provider = lambda _t, _p: province.public_key
        answers.set_province_key()
        assert answers.receipt_button.isEnabled()
        answers.open_path_provider = lambda _t, _p: made.public_key
        answers.set_province_key()     # the commune's own key is not the province's
        assert len(rc.province_keys(store)) == 1
        assert "chính đơn vị này" in no_modal_boxes[-1]

        answers.open_path_provider = lambda _t, _p: province.receipt
        assert answers.import_receipt() is not None
        assert PROVINCE_UNIT.name in answers.table.item(0, 4).text()
        answers.open_path_provider = lambda _t, _p: province.decisions
        result = answers.import_decisions()
        assert result is not None and result.decided and answers.history_changed
        assert f"– {DECISION_NO}" in answers.status.text()
        decided = {nid for nid, _n, _no in result.decided}
        states = {n.id: n.status for r in rounds_ops.list_rounds(store) if r.id
                  for n in rounds_ops.nominations(store, r.id)}
        assert all(states[nid] is NominationStatus.DECIDED for nid in decided)
        assert NominationStatus.EXPORTED not in states.values()   # every sent one answered
    finally:
        store.close()
