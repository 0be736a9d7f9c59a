"""Xuất gói hồ sơ: sign the round's package, then put it on a USB drive, in a folder, or in
ready-to-send e-mail drafts; optionally encrypted to the province's age key.

The package itself always stays in the profile's exports folder too (what the unit sent).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStorageInfo, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import appraisal as appraisal_ops
from desktop.core.operations import delivery, home_titles, keys, sendings, trial_export, webmail
from desktop.core.operations import packages as pkg
from desktop.core.operations import rounds as round_ops
from desktop.core.operations.keys import SecretStore
from desktop.ui.context import AppContext
from desktop.ui.feedback import show_user_error
from desktop.ui.help_window import install_help
from desktop.ui.key_dialog import KeyDialog
from desktop.ui.runner import run_with_progress
from desktop.ui.screen import resize_to_fit

DRIVE, FOLDER, EMAIL = "drive", "folder", "email"
Drives = Callable[[], list[tuple[str, Path]]]


def removable_drives() -> list[tuple[str, Path]]:
    """Writable volumes that look removable (USB sticks, memory cards): (label, root path).

    QStorageInfo has no "removable" flag, so: on Windows every ready drive but the system
    one; elsewhere what is mounted under /media, /run/media, /mnt or /Volumes."""
    system = os.environ.get("SYSTEMDRIVE", "C:").upper().rstrip("\\/")
    out = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if sys.platform == "win32":
            if root.upper().rstrip("\\/") == system:
                continue
        elif volume.isRoot() or not root.startswith(("/media/", "/run/media/", "/mnt/",
                                                    "/Volumes/")):
            continue
        free = volume.bytesAvailable() / 1_000_000_000
        name = volume.displayName() or root
        out.append((_("{name} ({root}) — còn {free:.1f} GB").format(name=name, root=root,
                                                                   free=free), Path(root)))
    return out


@dataclass(frozen=True)
class Outcome:
    export: pkg.ExportResult
    destination: str
    copied: delivery.CopyResult | None = None
    drafts: delivery.EmailDrafts | None = None
    folder: Path | None = None
    webmail_kit: webmail.WebmailKit | None = None


def _mono_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None, *,
                 open_secrets: Callable[[str], tuple[SecretStore | None, str]]
                 = keys.open_secrets,
                 drives: Drives = removable_drives, fonts_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self._open_secrets = open_secrets
        self._drives = drives
        self.fonts_dir = fonts_dir
        self.outcome: Outcome | None = None
        self.trial_result: trial_export.TrialExport | None = None
        self.override_reason = ""   # why the dossier goes despite the appraisal (issue 11)
        rnd = round_ops.get_round(ctx.store, round_id)
        if rnd is None:
            raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."))
        self.round = rnd
        unit = ctx.unit()
        self.province = unit.province if unit else "default"
        self.setWindowTitle(_("Xuất gói hồ sơ – {r}").format(r=rnd.name))
        install_help(self, "xuat_goi")
        self.stack = QStackedWidget()
        # a round of titles the unit decides itself has nothing to send: say so before any
        # choice rather than offer a sending of 0 nominations (found walking the year)
        self.nothing_to_send = pkg.nothing_to_send(ctx.store, ctx.catalog, round_id)
        self.form_page = self._nothing_page() if self.nothing_to_send else self._form_page()
        self.stack.addWidget(self.form_page)
        self.result_page = QWidget()
        self.stack.addWidget(self.result_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        # tall enough for every line of the form (the e-mail hint was cut at 480 px), never
        # taller than the screen's free area
        resize_to_fit(self, 800, 240 if self.nothing_to_send
                      else max(480, self.sizeHint().height() + 40))

    # ---- the form --------------------------------------------------------------------------

    def _nothing_page(self) -> QWidget:
        """Only a refusal and "Đóng": the same words and code as `export_round`'s."""
        page = QWidget()
        layout = QVBoxLayout(page)
        refusal = home_titles.only_unit_titles_refusal(self.ctx.unit())
        self.refusal_code = refusal.code
        title = QLabel(refusal.message)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        hint = QLabel(refusal.hint)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton(_("Đóng"))
        close.setDefault(True)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        sending = pkg.sent_nominations(self.ctx.store, self.round_id, self.ctx.catalog)
        waiting = pkg.not_ready(self.ctx.store, self.round_id, self.ctx.catalog)
        text = _("Gói hồ sơ gồm tờ trình, danh sách, biên bản, báo cáo thành tích (PDF và DOCX) "
                 "và các bản quét minh chứng của {n} đề nghị trong tờ trình, được ký bằng khóa "
                 "của đơn vị.").format(n=len(sending))
        if waiting:
            text += "\n" + _("⚠ Chưa “sẵn sàng gửi”: {names}. Các đề nghị này vẫn có trong tờ "
                             "trình; nên hoàn thiện hồ sơ trước khi gửi.").format(
                names=", ".join(n.subject_name for n in waiting))
        summary = QLabel(text)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.sending = sendings.next_sending(self.ctx.store, self.round_id)
        self.next_revision = self.sending.revision
        mode = QGroupBox(_("Xuất để"))
        mode_layout = QVBoxLayout(mode)
        self.official = QRadioButton(_("&Gửi chính thức – lần gửi {r}: ký bằng khóa đơn vị, ghi "
                                       "lại là một lần gửi").format(r=self.next_revision))
        self.trial = QRadioButton(_("&Bản thử để xem trước – không ký, không tính là lần gửi, "
                                    "không gửi cho tỉnh"))
        self.trial.setToolTip(_("Ghi các văn bản, bản quét và dữ liệu gói sẽ mang theo vào một "
                                "thư mục để xem lại. Lần gửi chính thức sau đó vẫn là lần {r}.")
                              .format(r=self.next_revision))
        self.official.setChecked(True)
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.official)
        self._mode.addButton(self.trial)
        mode_layout.addWidget(self.official)
        mode_layout.addWidget(self.trial)
        layout.addWidget(mode)
        if self.sending.previous:
            previous = QLabel(self.sending.previous_text())
            previous.setWordWrap(True)
            previous.setObjectName("hint")
            layout.addWidget(previous)

        self.key = keys.active_key(self.ctx.store)
        key_row = QHBoxLayout()
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        key_button = QPushButton(_("&Khóa ký của đơn vị…"))
        key_button.clicked.connect(self.open_keys)
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(key_button)
        layout.addLayout(key_row)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_row = QWidget()
        pass_form = QFormLayout(self.passphrase_row)
        pass_form.setContentsMargins(0, 0, 0, 0)
        pass_form.addRow(_("Mật khẩu tệp khóa:"), self.passphrase)
        self.passphrase_hint = QLabel(self._passphrase_hint())
        self.passphrase_hint.setObjectName("hint")
        self.passphrase_hint.setWordWrap(True)
        pass_form.addRow("", self.passphrase_hint)
        layout.addWidget(self.passphrase_row)

        where = QGroupBox(_("Gửi bằng"))
        grid = QGridLayout(where)
        self.to_drive = QRadioButton(_("Ổ &USB / thẻ nhớ:"))
        self.to_folder = QRadioButton(_("Thư &mục:"))
        self.to_email = QRadioButton(_("Thư điện tử (soạn sẵn tệp .eml), gửi &tới:"))
        self.choice = QButtonGroup(self)
        for button in (self.to_drive, self.to_folder, self.to_email):
            self.choice.addButton(button)
        self.drive_box = QComboBox()
        refresh = QPushButton(_("&Làm mới"))
        refresh.clicked.connect(self.refresh_drives)
        self.folder = QLineEdit(str(Path.home()))
        self._folder_before_trial = self.folder.text()
        browse = QPushButton(_("Chọn…"))
        browse.clicked.connect(self._browse)
        self.email_to = QLineEdit(delivery.province_email(self.ctx.catalog, self.province))
        self.email_to.setPlaceholderText(_("địa chỉ thư của cơ quan tiếp nhận (có thể để trống)"))
        limit = delivery.email_max_bytes(self.ctx.catalog, self.province) / 1_000_000
        email_hint = QLabel(_("Thư soạn sẵn (.eml), tệp cần đính kèm và hướng dẫn gửi từ trang "
                              "thư (Gmail, Outlook.com) được lưu vào thư mục ở dòng trên. Gói "
                              "lớn hơn {mb:g} MB được chia thành nhiều phần, mỗi phần một thư.")
                            .format(mb=limit))
        email_hint.setWordWrap(True)
        email_hint.setObjectName("hint")
        grid.addWidget(self.to_drive, 0, 0)
        grid.addWidget(self.drive_box, 0, 1)
        grid.addWidget(refresh, 0, 2)
        grid.addWidget(self.to_folder, 1, 0)
        grid.addWidget(self.folder, 1, 1)
        grid.addWidget(browse, 1, 2)
        grid.addWidget(self.to_email, 2, 0)
        grid.addWidget(self.email_to, 2, 1, 1, 2)
        grid.addWidget(email_hint, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(where)
        self.where = where

        secret = QGroupBox(_("Bảo mật"))
        secret_layout = QHBoxLayout(secret)
        self.encrypt = QCheckBox(_("&Mã hóa gói cho tỉnh (age), khóa công khai:"))
        self.recipient = QLineEdit(delivery.province_age_recipient(self.ctx.catalog, self.province))
        self.recipient.setPlaceholderText("age1…")
        self.encrypt.toggled.connect(self.recipient.setEnabled)
        self.encrypt.setChecked(bool(self.recipient.text()))
        self.recipient.setEnabled(self.encrypt.isChecked())
        secret_layout.addWidget(self.encrypt)
        secret_layout.addWidget(self.recipient, 1)
        layout.addWidget(secret)
        self.secret = secret
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(_("&Xuất gói"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.run_export)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.refresh_drives()
        (self.to_drive if self.drive_box.isEnabled() else self.to_folder).setChecked(True)
        self._show_key()
        self.trial.toggled.connect(lambda _on: self._mode_changed())
        return page

    def _mode_changed(self) -> None:
        """A trial goes into a folder, unsigned: no key, no USB, no e-mail, no encryption."""
        trial = self.trial.isChecked()
        for widget in (self.to_drive, self.drive_box, self.to_email, self.email_to,
                       self.secret, self.passphrase_row):
            widget.setEnabled(not trial)
        if trial:
            self._folder_before_trial = self.folder.text()
            self.to_folder.setChecked(True)
            self.folder.setText(str(pkg.exports_dir(self.ctx.store) / "ban-thu"))
            self.export_button.setText(_("&Xuất bản thử"))
            self.export_button.setEnabled(True)
        else:
            self.export_button.setText(_("&Xuất gói"))
            self._show_key()

    def _passphrase_hint(self) -> str:
        """Where the key file's passphrase comes from: the demo's is published (README),
        a real unit's is the one the officer chose when the key was made."""
        from desktop.core.operations.demo import demo_key_passphrase

        demo = demo_key_passphrase(self.ctx.store)
        if demo is not None:
            return _("Đơn vị mẫu (tạo bằng “hoso demo”): mật khẩu tệp khóa là “{p}” (ghi trong "
                     "README, phần đơn vị mẫu).").format(p=demo)
        return _("Là mật khẩu đã đặt cho tệp khóa ở trình hướng dẫn lần đầu (hoặc khi tạo "
                 "khóa ở “Khóa ký của đơn vị…”). Phần mềm không lưu mật khẩu này ở đâu cả.")

    def _show_key(self) -> None:
        self.key = keys.active_key(self.ctx.store)
        if self.key is None:
            self.key_label.setText(_("⚠ Đơn vị chưa có khóa ký: hãy tạo khóa trước khi xuất gói."))
            self.key_label.setStyleSheet("color: #8a4b00;")
        else:
            self.key_label.setText(_("Ký bằng khóa {fp}").format(fp=self.key.fingerprint))
            self.key_label.setStyleSheet("")
        self.passphrase_row.setVisible(self.key is not None and self.key.storage == "file")
        self.export_button.setEnabled(self.key is not None)

    def refresh_drives(self) -> None:
        self.drive_box.clear()
        for label, path in self._drives():
            self.drive_box.addItem(label, str(path))
        if not self.drive_box.count():
            self.drive_box.addItem(_("(chưa thấy ổ USB nào — cắm ổ rồi bấm Làm mới)"), "")
            self.drive_box.setEnabled(False)
        else:
            self.drive_box.setEnabled(True)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Chọn thư mục lưu gói"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def open_keys(self) -> None:
        KeyDialog(self.ctx, self, open_secrets=self._open_secrets,
                  fonts_dir=self.fonts_dir).exec()
        self._show_key()

    def destination(self) -> str:
        if self.to_drive.isChecked():
            return DRIVE
        if self.to_email.isChecked():
            return EMAIL
        return FOLDER

    # ---- the work ----------------------------------------------------------------------------

    def _trial_plan(self) -> Callable[[], trial_export.TrialExport]:
        ctx, round_id, fonts_dir = self.ctx, self.round_id, self.fonts_dir
        folder = Path(self.folder.text().strip() or pkg.exports_dir(ctx.store) / "ban-thu")

        def work() -> trial_export.TrialExport:
            return trial_export.export_trial(ctx.store, ctx.catalog, round_id, folder,
                                             ctx.actor, ctx.today(), fonts_dir=fonts_dir)

        return work

    def _plan(self) -> Callable[[], Outcome]:
        """Read the form on the UI thread; return the work for the worker thread."""
        destination = self.destination()
        target: Path | None = None
        if destination == DRIVE:
            value = self.drive_box.currentData()
            if not value:
                raise UserError(_("Chưa thấy ổ USB nào."),
                                _("Hãy cắm ổ USB rồi bấm Làm mới, hoặc chọn lưu vào thư mục."))
            target = Path(value)
        else:   # a folder, or where the e-mail drafts and attachments go
            text = self.folder.text().strip()
            if not text or not Path(text).is_dir():
                raise UserError(_("Thư mục “{d}” không có.").format(d=text),
                                _("Hãy chọn một thư mục có sẵn."))
            target = Path(text)
        recipient = self.recipient.text().strip() if self.encrypt.isChecked() else ""
        if self.encrypt.isChecked() and not recipient:
            raise UserError(_("Chưa nhập khóa công khai mã hóa của tỉnh (age1…)."),
                            _("Hãy dán khóa tỉnh gửi, hoặc bỏ chọn mã hóa."))
        passphrase = self.passphrase.text() if self.passphrase_row.isVisible() else None
        if self.key is not None and self.key.storage == "file" and not passphrase:
            raise UserError(_("Hãy nhập mật khẩu của tệp khóa ký."))
        secrets = self._open_secrets(self.ctx.profile_id)[0] \
            if self.key is not None and self.key.storage == "keyring" else None
        email_to = self.email_to.text().strip()
        ctx, round_id, province = self.ctx, self.round_id, self.province
        fonts_dir, reason = self.fonts_dir, self.override_reason

        def work() -> Outcome:
            store = ctx.store
            out_dir = pkg.exports_dir(store)
            result = pkg.export_round(store, ctx.catalog, secrets, round_id, out_dir,
                                      ctx.actor, ctx.today(), passphrase, fonts_dir=fonts_dir,
                                      override_reason=reason)
            unit = ctx.unit()
            assert target is not None
            if destination == EMAIL:
                drafts = delivery.make_email_drafts(
                    result.package, target, dossier_id=result.dossier_id,
                    revision=result.revision, unit_name=unit.name if unit else "",
                    email_max=delivery.email_max_bytes(ctx.catalog, province), to=email_to,
                    age_recipient=recipient)
                kit = webmail.prepare_webmail(drafts, target)
                return Outcome(result, destination, drafts=drafts, folder=target, webmail_kit=kit)
            sending = delivery.encrypt_package(result.package, recipient) if recipient \
                else result.package
            copied = delivery.copy_to_drive(sending, target, keys.public_keys(store))
            if result.printed_to_trinh is not None and destination == FOLDER:
                delivery.copy_to_drive(result.printed_to_trinh, target, {})
            return Outcome(result, destination, copied=copied, folder=target)

        return work

    def ask_override(self, checked: appraisal_ops.Appraisal) -> str | None:
        """The officer's written reason to send a dossier the appraisal says the province
        would send back; None: not sent (a method, so tests can answer it)."""
        shown = "\n".join(f"• {f.message}" for f in checked.returned[:8])
        more = len(checked.returned) - 8
        if more > 0:
            shown += "\n" + _("… và {n} vấn đề khác.").format(n=more)
        text, ok = QInputDialog.getMultiLineText(
            self, _("Cấp trên sẽ trả lại hồ sơ này"),
            _("Thẩm định trước thấy {n} vấn đề khiến hồ sơ bị trả lại:\n{items}\n\nNên sửa "
              "trước (Hồ sơ của đợt → Thẩm định trước). Nếu vẫn gửi, hãy ghi lý do; lý do "
              "được ghi vào nhật ký và gửi kèm gói hồ sơ:").format(n=len(checked.returned),
                                                                   items=shown))
        return text.strip() if ok and text.strip() else None

    def confirm_appraisal(self) -> bool:
        """Appraise before building anything: a dossier with nothing the province would send
        back goes as it is; otherwise only with the officer's written reason."""
        ctx = self.ctx
        checked = appraisal_ops.appraise_round(ctx.store, ctx.catalog, self.round_id,
                                               ctx.today())
        self.override_reason = ""
        if not checked.would_be_returned:
            return True
        reason = self.ask_override(checked)
        if reason is None:
            return False
        self.override_reason = reason
        return True

    def run_export(self, background: bool = True) -> Outcome | None:
        if self.trial.isChecked():
            self.run_trial(background)
            return None
        try:
            if not self.confirm_appraisal():
                return None
            work = self._plan()
        except UserError as exc:
            show_user_error(self, exc, _("Chưa xuất được gói"))
            return None
        if self.next_revision > 1 and not self._confirm_revision():
            return None
        if background:
            outcome = run_with_progress(self, _("Đang lập và ký gói hồ sơ…"), work)
        else:
            try:
                outcome = work()
            except UserError as exc:
                show_user_error(self, exc, _("Chưa xuất được gói"))
                outcome = None
        if outcome is None:
            return None
        self.outcome = outcome
        self._show_result(outcome)
        return outcome

    def _confirm_revision(self) -> bool:
        """A second sending replaces the first at the province: say so, offer the trial."""
        answer = QMessageBox.question(
            self, self.sending.confirm_title(), self.sending.confirm_text(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def run_trial(self, background: bool = True) -> trial_export.TrialExport | None:
        work = self._trial_plan()
        if background:
            done = run_with_progress(self, _("Đang lập bản thử…"), work)
        else:
            try:
                done = work()
            except UserError as exc:
                show_user_error(self, exc, _("Chưa xuất được bản thử"))
                done = None
        if done is not None:
            self.trial_result = done
            self._show_trial(done)
        return done

    def _show_trial(self, done: trial_export.TrialExport) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(_("✔ Đã xuất bản thử để xem trước"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        text = QLabel(_("{d} văn bản, {a} bản quét minh chứng của {n} đề nghị, trong thư mục:\n"
                        "{folder}\n\nĐây không phải gói hồ sơ: không ký, không tính là một lần "
                        "gửi, không gửi cho tỉnh. Khi gửi chính thức, gói sẽ là lần gửi {r}.")
                      .format(d=done.documents, a=done.attachments, n=done.nominations,
                              folder=done.folder, r=done.next_revision))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.official_button = QPushButton(_("Xuất gói &chính thức…"))
        self.official_button.setToolTip(_("Quay lại biểu mẫu xuất gói, chọn sẵn “Gửi chính "
                                          "thức”, để ký và gửi gói lần {r}.").format(
            r=done.next_revision))
        self.official_button.clicked.connect(self.back_to_official)
        buttons.addWidget(self.official_button)
        self._show_result_page(page, layout, buttons, done.folder)

    def back_to_official(self) -> None:
        """From the trial's result, on to the official export: the form again, "Gửi chính
        thức" chosen, with the folder the officer had before the trial."""
        self.official.setChecked(True)
        self.folder.setText(self._folder_before_trial)
        self.stack.setCurrentWidget(self.form_page)
        focus = self.passphrase if self.passphrase_row.isVisible() else self.export_button
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- the result ----------------------------------------------------------------------------

    def _show_result(self, outcome: Outcome) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        result = outcome.export
        title = QLabel(_("✔ Đã xuất gói hồ sơ lần {r}").format(r=result.revision))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        form = QFormLayout()
        form.addRow(_("Tệp gói:"), _mono_label(result.file_name))
        form.addRow(_("Mã hồ sơ:"), _mono_label(_("{id} (lần {rev})").format(
            id=result.dossier_id, rev=result.revision)))
        short = _mono_label(result.digest_short)
        big = short.font()
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        short.setFont(big)
        form.addRow(_("Mã in trên tờ trình:"), short)
        form.addRow(_("SHA-256:"), _mono_label(result.sha256))
        checks = [_("chữ ký và danh mục tệp hợp lệ (khóa {fp})").format(
            fp=keys.fingerprint(result.key_id))]
        if outcome.copied is not None:
            checks.append(_("bản trên “{d}”: {how}").format(d=outcome.copied.path.parent,
                                                          how=outcome.copied.how))
        form.addRow(_("Kiểm tra:"), self._wrap("\n".join("✔ " + c for c in checks)))
        if outcome.copied is not None:
            form.addRow(_("Đã chép tới:"), _mono_label(str(outcome.copied.path)))
        if outcome.drafts is not None:
            drafts = outcome.drafts
            text = "\n".join(str(p) for p in drafts.drafts)
            if len(drafts.drafts) > 1:
                text = _("{n} thư (gói chia {n} phần):").format(n=len(drafts.drafts)) + \
                    "\n" + text
            form.addRow(_("Thư soạn sẵn:"), _mono_label(text))
            if drafts.encrypted:
                form.addRow(_("Mã hóa:"), self._wrap(_("gói đã được mã hóa cho khóa age của "
                                                       "tỉnh")))
            if outcome.webmail_kit is not None:
                kit = outcome.webmail_kit
                form.addRow(_("Gửi từ trang thư:"), self._wrap(_(
                    "Outlook, Thunderbird: mở tệp .eml rồi bấm Gửi. Gmail, Outlook.com, thư "
                    "công vụ trên trang web: bấm Soạn thư, chép người nhận, tiêu đề và nội dung "
                    "từ tệp “{guide}”, bấm biểu tượng kẹp giấy (Đính kèm) và chọn tệp {files} "
                    "trong thư mục này; mỗi phần một thư.").format(
                        guide=kit.instructions.name,
                        files=", ".join(f"“{p.name}”" for p in kit.attachments))))
        if result.revision_of:
            form.addRow(_("Thay cho gói:"), _mono_label(result.revision_of))
        if result.printed_to_trinh is not None:
            form.addRow(_("Tờ trình để in:"), _mono_label(str(result.printed_to_trinh)))
        # Digital signatures (issue 15): which documents travel signed, which signed copies
        # were left out because the dossier changed after signing.
        if result.signed:
            form.addRow(_("Văn bản đã ký số:"), self._wrap(_(
                "{n} văn bản mang bản đã ký số: {names}").format(
                    n=len(result.signed), names=", ".join(result.signed))))
        if result.notes:
            warn = self._wrap("\n".join("! " + n for n in result.notes))
            warn.setStyleSheet("color: #8a5a00;")
            form.addRow(_("Cần ký lại:"), warn)
        layout.addLayout(form)
        note = QLabel(_("In tờ trình có mã gói và mã QR (tệp “Tờ trình để in”) để ký, đóng dấu "
                        "và gửi kèm; cơ quan tiếp nhận đối chiếu mã trên giấy với gói nhận "
                        "được."))
        note.setWordWrap(True)
        note.setObjectName("hint")
        layout.addWidget(note)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        if result.printed_to_trinh is not None:
            printed = result.printed_to_trinh
            open_doc = QPushButton(_("Mở &tờ trình để in"))
            open_doc.clicked.connect(lambda: self._open(printed))
            buttons.addWidget(open_doc)
        self._show_result_page(page, layout, buttons, outcome.folder or result.package.parent)

    def _show_result_page(self, page: QWidget, layout: QVBoxLayout, buttons: QHBoxLayout,
                          folder: Path) -> None:
        """End a result page with "Mở thư mục" (the folder written) and "Đóng", and show it
        in place of the previous result."""
        open_folder = QPushButton(_("Mở &thư mục"))
        open_folder.clicked.connect(lambda: self._open(folder))
        buttons.addWidget(open_folder)
        buttons.addStretch(1)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.stack.removeWidget(self.result_page)
        self.result_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    @staticmethod
    def _wrap(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _open(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_export(ctx: AppContext, parent: QWidget | None = None, round_id: int | None = None,
                **kwargs: Any) -> ExportDialog | None:
    """Menu "Xuất gói hồ sơ…": pick the round (the only one of the year, or ask)."""
    if round_id is None:
        rounds = round_ops.list_rounds(ctx.store)
        if not rounds:
            show_user_error(parent, UserError(_("Chưa có đợt xét nào để xuất gói."),
                                              _("Hãy tạo đợt xét trong menu Đợt xét.")))
            return None
        if len(rounds) == 1:
            round_id = rounds[0].id
        else:
            names = [f"{r.name} ({r.year})" for r in rounds]
            chosen, ok = QInputDialog.getItem(parent, _("Xuất gói hồ sơ"),
                                              _("Chọn đợt xét:"), names, 0, False)
            if not ok:
                return None
            round_id = rounds[names.index(chosen)].id
    assert round_id is not None
    dialog = ExportDialog(ctx, round_id, parent, **kwargs)
    dialog.open()
    return dialog


def open_keys(ctx: AppContext, parent: QWidget | None = None) -> None:
    """Menu "Khóa ký của đơn vị…"."""
    KeyDialog(ctx, parent).exec()
