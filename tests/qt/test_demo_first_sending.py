"""The demo's round was sent once by `hoso demo --out` itself (its province answers that
package). An officer trying the demo and exporting was asked "Gửi lần 2?" about a first
sending they never made; now the dialog says the demo sent lần 1, and when."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.core.catalog import Catalog
from desktop.core.operations import demo, packages, profiles, sendings
from desktop.core.operations import rounds as rounds_ops
from desktop.core.secrets import MemorySecretStore
from desktop.core.store import Store
from desktop.ui.context import AppContext
from desktop.ui.export_dialog import ExportDialog

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from desktop.core.catalog import load_catalog

    data, out = tmp_path_factory.mktemp("demo"), tmp_path_factory.mktemp("out")
    demo.make_demo(data, out, 3, "tester", TODAY, load_catalog(REPO / "forms"))
    return data, out


@pytest.fixture
def opened(built: tuple[Path, Path], tmp_path: Path) -> tuple[Store, Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(built[0], data)
    store = profiles.open_profile(data, profiles.list_profiles(data)[0].id)
    yield store, data, built[1]
    store.close()


def year_end_round(store: Store) -> int:
    return next(r.id for r in rounds_ops.list_rounds(store) if r.id)


def test_the_demos_own_sending_is_said_to_be_the_demos(opened: tuple[Store, Path, Path],
                                                       catalog: Catalog) -> None:
    store, _data, out = opened
    round_id = year_end_round(store)
    sending = sendings.next_sending(store, round_id)
    assert (sending.revision, sending.by_demo) == (2, True)
    text = sending.previous_text()
    assert "Lần gửi 1 đã được dữ liệu mẫu gửi sẵn ngày" in text
    assert sending.last is not None and sending.last.file_name in text
    assert str(out.resolve()) in text and "Nhập biên nhận / quyết định" in text
    assert "không phải do anh/chị gửi" in sending.confirm_text()

    # the officer's own next sending is theirs: the usual words, nothing about the demo
    packages.export_round(store, catalog, None, round_id, out, "Cán bộ TĐKT", TODAY,
                          passphrase=demo.DEMO_KEY_PASSPHRASE)
    after = sendings.next_sending(store, round_id)
    assert (after.revision, after.by_demo) == (3, False)
    assert after.previous_text().startswith("Đã xuất 2 lần")
    assert "dữ liệu mẫu" not in after.confirm_text()


def test_a_demo_built_without_an_output_folder_sends_lan_1(tmp_path: Path,
                                                           catalog: Catalog) -> None:
    info = demo.build_demo(tmp_path, 3, "tester", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    try:
        sending = sendings.next_sending(store, year_end_round(store))
        assert (sending.revision, sending.previous, sending.previous_text()) == (1, (), "")
    finally:
        store.close()


def test_the_export_dialog_tells_the_officer_before_asking(
        qtbot, opened: tuple[Store, Path, Path], catalog: Catalog, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    store, data, _out = opened
    round_id = year_end_round(store)
    ctx = AppContext(store=store, catalog=catalog, actor="Cán bộ TĐKT", data_dir=data,
                     profile_id=profiles.list_profiles(data)[0].id, today=lambda: TODAY)
    dialog = ExportDialog(ctx, round_id, open_secrets=lambda _p: (MemorySecretStore(), ""),
                          drives=lambda: [], fonts_dir=REPO / "resources" / "fonts")
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    assert "lần gửi 2" in dialog.official.text()
    shown = " ".join(label.text() for label in dialog.form_page.findChildren(QLabel))
    assert "Lần gửi 1 đã được dữ liệu mẫu gửi sẵn ngày" in shown
    asked: list[tuple[str, str]] = []

    def answer(_parent, title, text, *_a):  # type: ignore[no-untyped-def]
        asked.append((title, text))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(dialog, "confirm_appraisal", lambda: True)
    dialog.folder.setText(str(tmp_path))
    dialog.passphrase.setText(demo.DEMO_KEY_PASSPHRASE)
    assert dialog.run_export(background=False) is None    # declined: nothing sent
    assert len(asked) == 1 and asked[0][0] == "Gửi lần 2?"
    assert "Lần gửi 1 là gói mẫu mà dữ liệu mẫu đã gửi sẵn ngày" in asked[0][1]
    assert "không phải do anh/chị gửi" in asked[0][1]
    assert len(packages.history(store, round_id)) == 1
