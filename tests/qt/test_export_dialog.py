"""Export dialog (offscreen): folder, drive and e-mail destinations; result page."""

from __future__ import annotations

import email
import email.policy
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import load_catalog
from desktop.core.operations import demo, keys, profiles, rounds
from desktop.core.package.verify import verify_package
from desktop.core.secrets import MemorySecretStore
from desktop.ui import export_dialog, feedback
from desktop.ui.context import AppContext
from desktop.ui.export_dialog import ExportDialog

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
FONTS = REPO / "resources" / "fonts"


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    catalog = load_catalog(REPO / "forms")
    info = demo.build_demo(data, 11, "tester", TODAY, catalog)
    store = profiles.open_profile(data, info.id)
    demo.write_demo_dossier(store, catalog, tmp_path_factory.mktemp("draft"), TODAY, "t")
    store.close()
    return data


@pytest.fixture
def setup(demo_data: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    info = profiles.list_profiles(data)[0]
    store = profiles.open_profile(data, info.id)
    ctx = AppContext(store=store, catalog=load_catalog(REPO / "forms"), actor="tester",
                     data_dir=data, profile_id=info.id, today=lambda: TODAY)
    secrets = MemorySecretStore()
    round_id = rounds.list_rounds(store)[0].id
    yield ctx, secrets, round_id
    store.close()


@pytest.fixture(autouse=True)
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions the dialog asks (a second sending is confirmed), answered Yes."""
    from PySide6.QtWidgets import QMessageBox

    questions: list[str] = []

    def answer(_parent, _title, text, *_a):  # type: ignore[no-untyped-def]
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return questions


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for module in (feedback, export_dialog):
        monkeypatch.setattr(module, "show_user_error",
                            lambda _p, exc, title="": shown.append(str(exc)))
    return shown


def _dialog(qtbot, ctx, secrets, round_id, drives=()) -> ExportDialog:
    dialog = ExportDialog(ctx, round_id, open_secrets=lambda _p: (secrets, ""),
                          drives=lambda: list(drives), fonts_dir=FONTS)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_without_a_key_export_is_disabled(qtbot, setup, errors) -> None:
    ctx, secrets, round_id = setup
    dialog = _dialog(qtbot, ctx, secrets, round_id)
    assert not dialog.export_button.isEnabled()
    assert "chưa có khóa" in dialog.key_label.text()
    assert dialog.to_folder.isChecked() and not dialog.drive_box.isEnabled()


def test_export_to_a_drive_and_result_page(qtbot, setup, errors, tmp_path) -> None:
    ctx, secrets, round_id = setup
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = _dialog(qtbot, ctx, secrets, round_id, drives=[("USB (E:)", usb)])
    assert dialog.to_drive.isChecked() and dialog.export_button.isEnabled()
    outcome = dialog.run_export(background=False)
    assert errors == [] and outcome is not None
    copied = usb / outcome.export.file_name
    assert copied.is_file() and outcome.copied is not None and outcome.copied.verified
    assert verify_package(copied, keys.public_keys(ctx.store)).ok
    assert dialog.stack.currentWidget() is dialog.result_page
    texts = " ".join(w.text() for w in dialog.result_page.findChildren(export_dialog.QLabel))
    assert outcome.export.digest_short in texts and outcome.export.sha256 in texts


def test_export_through_the_background_runner_to_a_folder(qtbot, setup, errors,
                                                          tmp_path) -> None:
    ctx, secrets, round_id = setup
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    dialog = _dialog(qtbot, ctx, secrets, round_id)
    dialog.folder.setText(str(tmp_path))
    outcome = dialog.run_export()
    assert errors == [] and outcome is not None
    assert (tmp_path / outcome.export.file_name).is_file()
    assert outcome.export.printed_to_trinh is not None
    assert (tmp_path / outcome.export.printed_to_trinh.name).is_file()


def test_email_drafts_with_a_file_key(qtbot, setup, errors, tmp_path) -> None:
    ctx, _secrets, round_id = setup
    keys.create_signing_key_file(ctx.store, None, "mật khẩu dài đủ", "tester", TODAY)
    dialog = _dialog(qtbot, ctx, None, round_id)
    assert dialog.passphrase_row.isVisible()
    dialog.to_email.setChecked(True)
    dialog.email_to.setText("tdkt@example.vn")
    chosen = tmp_path / "thu-gui-tinh"
    chosen.mkdir()
    dialog.folder.setText(str(chosen))
    assert dialog.run_export(background=False) is None
    assert errors and "mật khẩu" in errors[0]
    dialog.passphrase.setText("mật khẩu dài đủ")
    outcome = dialog.run_export(background=False)
    assert outcome is not None and outcome.drafts is not None
    msg = email.message_from_bytes(outcome.drafts.drafts[0].read_bytes(),
                                   policy=email.policy.default)
    assert msg["To"] == "tdkt@example.vn" and msg["X-Unsent"] == "1"
    # the draft, the file to attach and the webmail guide are in the folder the officer chose
    kit = outcome.webmail_kit
    assert kit is not None and outcome.drafts.drafts[0].parent == chosen
    assert all(p.parent == chosen and p.is_file() for p in kit.attachments)
    guide = kit.instructions.read_text(encoding="utf-8-sig")
    assert "Gmail" in guide and "tdkt@example.vn" in guide and kit.attachments[0].name in guide
    texts = " ".join(w.text() for w in dialog.result_page.findChildren(export_dialog.QLabel))
    assert "kẹp giấy" in texts and kit.instructions.name in texts


def test_encryption_needs_a_recipient(qtbot, setup, errors, tmp_path) -> None:
    ctx, secrets, round_id = setup
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    dialog = _dialog(qtbot, ctx, secrets, round_id)
    out = tmp_path / "out"
    out.mkdir()
    dialog.folder.setText(str(out))
    dialog.encrypt.setChecked(True)
    dialog.recipient.setText("")
    assert dialog.run_export(background=False) is None and "age1" in errors[0]
    assert list(out.iterdir()) == [] and not keys.list_keys(ctx.store)[0].retired_at
    # with the province's key the folder gets the .zip.age
    from desktop.core.package import encrypt

    _identity, recipient = encrypt.generate_identity()
    dialog.recipient.setText(recipient)
    outcome = dialog.run_export(background=False)
    assert outcome is not None and outcome.copied is not None
    assert outcome.copied.path.name.endswith(".zip.age") and outcome.copied.verified


def test_main_window_menu_opens_the_export_dialog(qtbot, setup, errors) -> None:
    from desktop.ui.main_window import MainWindow

    ctx, _secrets, _round_id = setup
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.package_menu.actions()]
    assert "&Xuất gói hồ sơ…" in texts and "Khóa &ký của đơn vị…" in texts
    window.show_export()
    dialogs = window.findChildren(ExportDialog)
    assert len(dialogs) == 1 and errors == []
    dialogs[0].close()


def test_a_trial_export_is_not_a_sending(qtbot, setup, errors, asked, tmp_path) -> None:
    """Issue 12: trial exports made revisions the province would take as replacements."""
    from desktop.core.operations import packages

    ctx, secrets, round_id = setup
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    before = packages.history(ctx.store, round_id)
    statuses = [n.status for n in rounds.nominations(ctx.store, round_id)]
    dialog = _dialog(qtbot, ctx, secrets, round_id)
    dialog.trial.setChecked(True)
    assert not dialog.to_email.isEnabled() and not dialog.to_drive.isEnabled()
    assert dialog.to_folder.isChecked() and "thử" in dialog.export_button.text()
    dialog.folder.setText(str(tmp_path))
    dialog.run_export(background=False)
    done = dialog.trial_result
    assert errors == [] and asked == [] and done is not None
    assert done.folder.parent == tmp_path and done.folder.name.startswith("BAN-THU_")
    assert done.documents > 0 and (done.folder / "van-ban").is_dir()
    assert not list(done.folder.rglob("*.zip")) and not list(done.folder.rglob("*.minisig"))
    assert packages.history(ctx.store, round_id) == before          # no revision taken
    assert [n.status for n in rounds.nominations(ctx.store, round_id)] == statuses
    readme = (done.folder / "BAN-THU_doc-truoc.txt").read_text(encoding="utf-8-sig")
    assert "KHÔNG GỬI" in readme and f"lần gửi {done.next_revision}" in readme
    # from the trial's result page straight on to the official export (walk of the year)
    assert dialog.stack.currentWidget() is dialog.result_page
    dialog.official_button.click()
    assert dialog.stack.currentWidget() is dialog.form_page
    assert dialog.official.isChecked() and dialog.to_drive.isEnabled()
    assert "thử" not in dialog.export_button.text()
    assert dialog.folder.text() != str(tmp_path)   # the folder chosen before the trial
    dialog.folder.setText(str(tmp_path))
    outcome = dialog.run_export(background=False)
    assert errors == [] and outcome is not None
    assert outcome.export.revision == done.next_revision


def test_a_round_the_unit_decides_itself_says_so_before_any_choice(qtbot, setup,
                                                                  errors) -> None:
    """Walk of the year (b21, b22): no "Gửi chính thức … của 0 đề nghị", then a refusal
    after "Xuất gói"; the dialog says at once, with the words and code of export_round."""
    from desktop.core.model import SubjectKind, SubjectRef
    from desktop.core.model.rounds import RoundKind
    from desktop.core.operations import home_titles, packages
    from tests.unit.eligibility_fakes import always_eligible

    ctx, secrets, round_id = setup
    person = next(n.subject for n in rounds.nominations(ctx.store, round_id)
                  if n.subject.kind is SubjectKind.PERSON)
    rnd, _c = rounds.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026,
                                  "Khen đột xuất", "tester", TODAY)
    assert rnd.id is not None
    rounds.add_nomination(ctx.store, ctx.catalog, rnd.id,
                          SubjectRef(SubjectKind.PERSON, person.id), "giay_khen",
                          "Cứu người đuối nước", "tester", TODAY,
                          achievement="Cứu người đuối nước",
                          evaluate=always_eligible)
    assert packages.nothing_to_send(ctx.store, ctx.catalog, rnd.id)
    assert not packages.nothing_to_send(ctx.store, ctx.catalog, round_id)   # mixed: as before
    dialog = _dialog(qtbot, ctx, secrets, rnd.id)
    assert dialog.nothing_to_send and dialog.refusal_code == home_titles.UNIT_TITLES_ONLY
    assert not hasattr(dialog, "official") and not hasattr(dialog, "export_button")
    texts = " ".join(w.text() for w in dialog.form_page.findChildren(export_dialog.QLabel))
    assert "không có hồ sơ gửi cấp trên" in texts and "0 đề nghị" not in texts
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    with pytest.raises(export_dialog.UserError) as refused:
        packages.export_round(ctx.store, ctx.catalog, secrets, rnd.id, Path("."), "tester",
                              TODAY)
    assert refused.value.code == home_titles.UNIT_TITLES_ONLY
    assert refused.value.message in texts


def test_a_second_sending_is_confirmed_and_can_be_declined(qtbot, setup, errors, asked,
                                                          tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.core.operations import packages

    ctx, secrets, round_id = setup
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    dialog = _dialog(qtbot, ctx, secrets, round_id)
    dialog.folder.setText(str(tmp_path))
    first = dialog.run_export(background=False)
    assert first is not None
    again = _dialog(qtbot, ctx, secrets, round_id)
    assert f"lần gửi {first.export.revision + 1}" in again.official.text()
    again.folder.setText(str(tmp_path))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.No)
    assert again.run_export(background=False) is None
    assert len(packages.history(ctx.store, round_id)) == first.export.revision


def test_a_trial_shows_unwritten_report_sections_instead_of_refusing(setup, errors,
                                                                     tmp_path) -> None:
    """Walking the year: "Bản thử" was refused while any report was unwritten, so the officer
    could not look at the dossier before writing every report. The trial prints a marker in
    each section still to write; the real dossier still refuses."""
    import zipfile

    from desktop.core.errors import ValidationError
    from desktop.core.operations import dossier, reports, trial_export

    ctx, _secrets, round_id = setup
    sent_up = {n.id for n in dossier.assemble(ctx.store, ctx.catalog, round_id, TODAY).sent_up}
    report = next(r for r in reports.round_reports(ctx.store, ctx.catalog, round_id)
                  if r.nomination_id in sent_up and not r.locked)   # one the package carries
    first = report.sections[0].section.code
    reports.save_report(ctx.store, ctx.catalog, report.nomination_id, {first: ""}, "tester")
    with pytest.raises(ValidationError) as refused:
        dossier.gather(ctx.store, ctx.catalog, round_id, TODAY)
    assert refused.value.codes == ["dossier.report_missing"]
    done = trial_export.export_trial(ctx.store, ctx.catalog, round_id, tmp_path, "tester",
                                     TODAY, fonts_dir=FONTS)
    marker = "Chưa viết"
    texts = [zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
             for path in (done.folder / "van-ban").glob("*.docx")]
    marked = [t for t in texts if marker in t]
    assert len(marked) == 1 and "bản thử" in marked[0] and errors == []


def test_the_demo_says_its_key_passphrase_and_it_signs(qtbot, setup, errors, tmp_path) -> None:
    """Trying the demo, the officer is not left guessing the key file's passphrase: the dialog
    says it (it was only in the README, found walking the year); typed, it signs."""
    from tests.qt.conftest import type_text

    ctx, _secrets, round_id = setup
    keys.create_signing_key_file(ctx.store, None, demo.DEMO_KEY_PASSPHRASE, "tester", TODAY)
    dialog = _dialog(qtbot, ctx, None, round_id)
    assert dialog.passphrase_row.isVisible() and dialog.passphrase_hint.isVisible()
    hint = dialog.passphrase_hint.text()
    assert f"“{demo.DEMO_KEY_PASSPHRASE}”" in hint and "hoso demo" in hint
    dialog.folder.setText(str(tmp_path))
    dialog.passphrase.setFocus()
    type_text(dialog.passphrase, demo.DEMO_KEY_PASSPHRASE)
    outcome = dialog.run_export(background=False)
    assert errors == [] and outcome is not None
    assert (tmp_path / outcome.export.file_name).is_file()


def test_a_real_unit_is_told_the_passphrase_is_the_one_it_chose(qtbot, tmp_path) -> None:
    from desktop.core.model import Unit, UnitKind
    from desktop.core.model.rounds import RoundKind

    unit = Unit("Ủy ban nhân dân xã Tân Phú", UnitKind.XA, "", "UBND", "Tân Phú",
                "Lê Văn Tâm", "Chủ tịch", "", "", "default")
    info, store = profiles.create_profile(tmp_path, unit, "tester")
    catalog = load_catalog(REPO / "forms")
    rnd, _c = rounds.create_round(store, catalog, RoundKind.DOT_XUAT, 2026,
                                  "Khen đột xuất", "tester", TODAY)
    keys.create_signing_key_file(store, None, "mật khẩu của đơn vị", "tester", TODAY)
    ctx = AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                     profile_id=info.id, today=lambda: TODAY)
    dialog = _dialog(qtbot, ctx, None, rnd.id)
    hint = dialog.passphrase_hint.text()
    assert "trình hướng dẫn lần đầu" in hint and demo.DEMO_KEY_PASSPHRASE not in hint
    dialog.close()
    store.close()
