"""Key dialog (offscreen): create, show the fingerprint, sheet, rotate; the first-run step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QWizard

from desktop.core.catalog import load_catalog
from desktop.core.errors import UserError
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import keys, profiles
from desktop.core.secrets import MemorySecretStore
from desktop.ui import feedback, key_dialog
from desktop.ui.context import AppContext
from desktop.ui.key_dialog import KeyDialog, KeyStepPage
from tests.qt.conftest import type_text

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "UBND",
            "Thanh Sơn", "Nguyễn Văn Hùng", "Chủ tịch", "Trần Thị Mai", "Công chức", "default",
            code="PT-THANHSON")
PASS = "mật khẩu dài đủ"


@pytest.fixture
def context(tmp_path: Path):
    info, store = profiles.create_profile(tmp_path, UNIT, "tester")
    ctx = AppContext(store=store, catalog=load_catalog(REPO / "forms"), actor="tester",
                     data_dir=tmp_path, profile_id=info.id, today=lambda: TODAY)
    yield ctx
    store.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for module in (feedback, key_dialog):
        monkeypatch.setattr(module, "show_user_error",
                            lambda _p, exc, title="": shown.append(str(exc)))
    return shown


def _dialog(qtbot, ctx, secrets) -> KeyDialog:
    dialog = KeyDialog(ctx, open_secrets=lambda _p: (secrets, "" if secrets else
                                                     "Không có kho khóa an toàn."),
                       fonts_dir=REPO / "resources" / "fonts")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_create_in_keyring_then_show_fingerprint(qtbot, context, tmp_path, monkeypatch,
                                                 errors) -> None:
    secrets = MemorySecretStore()
    dialog = _dialog(qtbot, context, secrets)
    assert dialog.key is None and dialog.choice.keyring.isChecked()
    dialog.create_button.click()
    assert errors == []
    key = keys.active_key(context.store)
    assert key is not None and dialog.key == key
    assert dialog.fingerprint.text() == key.fingerprint
    assert dialog.public_text.toPlainText() == key.public_key_text
    sheet = dialog.save_sheet(str(tmp_path / "phieu.pdf"), open_after=False)
    assert sheet is not None and sheet.read_bytes().startswith(b"%PDF")
    pub = dialog.save_public(str(tmp_path / "unit.pub"))
    assert pub is not None and keys.public_keys(context.store)[key.key_id] == \
        keys.minisign.parse_public_key(pub.read_text())

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.rotate_button.click()
    new = keys.active_key(context.store)
    assert new is not None and new.key_id != key.key_id
    assert dialog.fingerprint.text() == new.fingerprint
    assert dialog.old_table.item(0, 0).text() == key.fingerprint


def test_no_safe_keyring_offers_the_passphrase_file(qtbot, context, errors) -> None:
    dialog = _dialog(qtbot, context, None)
    choice = dialog.choice
    assert not choice.keyring.isEnabled() and choice.file.isChecked()
    assert "văn bản thường" in choice.unavailable.text()
    type_text(choice.fields.passphrase, PASS)
    type_text(choice.fields.confirm, PASS + "x")
    dialog.create_button.click()
    assert errors and "không giống" in errors[0]
    assert keys.active_key(context.store) is None
    choice.fields.confirm.clear()
    type_text(choice.fields.confirm, PASS)
    dialog.create_button.click()
    key = keys.active_key(context.store)
    assert key is not None and key.storage == "file"
    assert keys.load_secret(context.store, None, PASS).key_id_hex == key.key_id
    labels = [label.text() for label in dialog.body.findChildren(QLabel)]
    assert key_dialog.storage_text(key) in labels and str(key.key_file) in labels[-1] + \
        key_dialog.storage_text(key)


class _Wizard(QWizard):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.created = (ctx.profile_id, ctx.store)
        self.actor = "tester"


def test_first_run_step_makes_the_key(qtbot, context, errors) -> None:
    wizard = _Wizard(context)
    qtbot.addWidget(wizard)
    secrets = MemorySecretStore()
    page = KeyStepPage(wizard, open_secrets=lambda _p: (secrets, ""))
    wizard.addPage(page)
    wizard.show()
    assert page.choice is not None and page.choice.later.isVisible()
    assert page.validatePage()
    key = keys.active_key(context.store)
    assert key is not None and secrets.get(keys.secret_name(key.key_id))
    assert page.validatePage()                          # going on again makes no second key
    assert len(keys.list_keys(context.store)) == 1


def test_first_run_step_later_makes_nothing(qtbot, context, errors) -> None:
    wizard = _Wizard(context)
    qtbot.addWidget(wizard)
    page = KeyStepPage(wizard, open_secrets=lambda _p: (None, "Không có kho khóa an toàn."))
    wizard.addPage(page)
    wizard.show()
    assert page.choice is not None and page.choice.file.isChecked()
    assert not page.validatePage() and errors          # empty passphrase is refused
    page.choice.later.setChecked(True)
    assert page.validatePage() and keys.active_key(context.store) is None


def test_passphrase_mismatch_is_a_user_error(qtbot) -> None:
    fields = key_dialog.PassphraseFields(None)
    qtbot.addWidget(fields)
    type_text(fields.passphrase, PASS)
    with pytest.raises(UserError):
        fields.values()


def test_first_run_wizard_has_the_key_step_after_the_commit_page(qtbot, tmp_path) -> None:
    from desktop.ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(tmp_path, "tester", load_catalog(REPO / "forms"))
    qtbot.addWidget(wizard)
    pages = [wizard.page(i) for i in wizard.pageIds()]
    assert wizard.unit_page.isCommitPage()
    assert isinstance(pages[-1], KeyStepPage) and pages[-2] is wizard.unit_page
