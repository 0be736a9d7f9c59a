"""The unit's signing key: fingerprint, enrolment sheet, rotation, passphrase key file.

Also the first-run step that makes the key (`KeyStepPage`) and the passphrase prompt the
export uses (`ask_passphrase`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import keys
from desktop.core.operations.keys import SecretStore
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt, show_user_error

if TYPE_CHECKING:
    from desktop.core.store import Store

SecretsOpener = Callable[[str], tuple[SecretStore | None, str]]


def _fonts_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "fonts"


def _mono(size: float = 0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if size:
        font.setPointSizeF(size)
    return font


def _date_text(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def storage_text(key: keys.UnitKey) -> str:
    if key.storage == "file":
        return _("Tệp khóa có mật khẩu: {p}").format(p=key.key_file)
    return _("Kho khóa của hệ điều hành (Windows Credential Manager hoặc tương đương)")


class PassphraseFields(QWidget):
    """Passphrase twice and where the key file goes: for a new key file."""

    def __init__(self, default_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("ít nhất {n} ký tự").format(n=keys.MIN_PASSPHRASE))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.path = QLineEdit(str(default_path) if default_path else "")
        self.path.setPlaceholderText(_("Mặc định: thư mục khóa của hồ sơ đơn vị"))
        browse = QPushButton(_("Chọn thư mục…"))
        browse.clicked.connect(self._browse)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (text, field) in enumerate(((_("&Mật khẩu tệp khóa:"), self.passphrase),
                                             (_("Nhập lại mật &khẩu:"), self.confirm),
                                             (_("&Lưu tệp khóa ở:"), self.path))):
            label = QLabel(text)
            label.setBuddy(field)   # Alt + the underlined letter reaches the field
            grid.addWidget(label, row, 0)
        grid.addWidget(self.passphrase, 0, 1, 1, 2)
        grid.addWidget(self.confirm, 1, 1, 1, 2)
        grid.addWidget(self.path, 2, 1)
        grid.addWidget(browse, 2, 2)
        hint = QLabel(_("Ghi mật khẩu ra giấy, cất nơi an toàn: quên mật khẩu phải tạo khóa "
                        "mới."))
        hint.setObjectName("hint")
        grid.addWidget(hint, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Chọn thư mục lưu tệp khóa"),
                                                  self.path.text())
        if folder:
            self.path.setText(folder)

    def values(self) -> tuple[str, Path | None]:
        """(passphrase, folder or file); raises UserError when the two entries differ."""
        first, second = self.passphrase.text(), self.confirm.text()
        if first != second:
            raise UserError(_("Hai lần nhập mật khẩu không giống nhau."),
                            _("Hãy gõ lại cả hai ô."))
        keys.check_passphrase(first)
        text = self.path.text().strip()
        return first, Path(text) if text else None


def ask_passphrase(parent: QWidget | None, key_file: str) -> str | None:
    """Ask for the key file's passphrase; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Mật khẩu tệp khóa"))
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    label = QLabel(_("Khóa ký của đơn vị nằm trong tệp có mật khẩu:\n{p}\nHãy nhập mật khẩu để "
                     "ký gói hồ sơ.").format(p=key_file))
    label.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(edit)
    layout.addWidget(buttons)
    dialog.resize(520, 0)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.text()


class KeyChoice(QWidget):
    """Keyring (when safe), key file with a passphrase, or later: for creating/rotating."""

    def __init__(self, secrets: SecretStore | None, reason: str, default_path: Path | None,
                 allow_later: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.secrets = secrets
        self.keyring = QRadioButton(_("Cất khóa trong kho khóa của hệ điều hành (khuyên dùng)"))
        self.file = QRadioButton(_("Cất khóa trong tệp có mật khẩu"))
        self.later = QRadioButton(_("Để sau (chưa ký được gói hồ sơ)"))
        group = QButtonGroup(self)
        for button in (self.keyring, self.file, self.later):
            group.addButton(button)
        self.unavailable = QLabel(
            _("⚠ {reason}\nPhần mềm không bao giờ lưu khóa dưới dạng văn bản thường; hãy dùng tệp "
              "khóa có mật khẩu.").format(reason=reason))
        self.unavailable.setWordWrap(True)
        self.unavailable.setStyleSheet("color: #8a4b00;")
        self.fields = PassphraseFields(default_path)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keyring)
        if secrets is None:
            layout.addWidget(self.unavailable)
        layout.addWidget(self.file)
        layout.addWidget(self.fields)
        layout.addWidget(self.later)
        self.later.setVisible(allow_later)
        self.keyring.setEnabled(secrets is not None)
        (self.keyring if secrets is not None else self.file).setChecked(True)
        group.buttonToggled.connect(lambda *_a: self._sync())
        self.changed = group.buttonToggled
        self._sync()

    def _sync(self) -> None:
        # only the chosen way shows its fields, so the dialog stays short on 768-px screens
        self.fields.setVisible(self.file.isChecked())

    def apply(self, store: Store, actor: str, today: date, rotate: bool) -> keys.UnitKey | None:
        """Create (or rotate to) the chosen key; None for "later"."""
        if self.later.isChecked():
            return None
        if self.file.isChecked():
            passphrase, path = self.fields.values()
            if rotate:
                return keys.rotate_key(store, self.secrets, actor, today, storage="file",
                                       path=path, passphrase=passphrase)
            return keys.create_signing_key_file(store, path, passphrase, actor, today)
        if rotate:
            return keys.rotate_key(store, self.secrets, actor, today)
        return keys.create_signing_key(store, self.secrets, actor, today)


class KeyDialog(QDialog):
    """Khóa ký của đơn vị."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 open_secrets: SecretsOpener = keys.open_secrets,
                 fonts_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.secrets, self.reason = open_secrets(ctx.profile_id)
        self.fonts_dir = fonts_dir
        self.setWindowTitle(_("Khóa ký của đơn vị"))
        self.layout_ = QVBoxLayout(self)
        # never squeeze the fields: the dialog grows when the passphrase fields appear
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.body = QWidget()
        self.layout_.addWidget(self.body)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        close.rejected.connect(self.reject)
        self.layout_.addWidget(close)
        self.resize(780, 600)
        self.reload()

    # ---- building ------------------------------------------------------------------------------

    def reload(self) -> None:
        old = self.body
        self.body = QWidget()
        self.layout_.replaceWidget(old, self.body)
        old.deleteLater()
        key = keys.active_key(self.ctx.store)
        self.key = key
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(_("Mỗi gói hồ sơ gửi đi được ký bằng khóa của đơn vị, để cơ quan tiếp "
                         "nhận biết chắc gói do đơn vị gửi và không bị sửa trên đường đi. Cơ quan "
                         "tiếp nhận cần giữ phiếu đăng ký khóa (có dấu vân tay) của đơn vị."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if key is None:
            self._build_create(layout)
        else:
            self._build_show(layout, key)
        layout.addStretch(1)
        self._fit()

    def _fit(self) -> None:
        """Qt leaves word-wrapped labels (height-for-width) out of a window's minimum size, so
        the rows below them get drawn over each other; size the body for the actual width."""
        body = self.body.layout()
        width = max(self.width(), 780) - 2 * self.layout_.contentsMargins().left()
        if body is not None and body.hasHeightForWidth():
            self.body.setMinimumHeight(body.heightForWidth(width))

    def _build_create(self, layout: QVBoxLayout) -> None:
        box = QGroupBox(_("Đơn vị chưa có khóa ký"))
        inner = QVBoxLayout(box)
        self.choice = KeyChoice(self.secrets, self.reason, None, allow_later=False)
        self.choice.changed.connect(lambda *_a: self._fit())
        inner.addWidget(self.choice)
        self.create_button = QPushButton(_("&Tạo khóa ký"))
        self.create_button.clicked.connect(self.create_key)
        inner.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(box)

    def _build_show(self, layout: QVBoxLayout, key: keys.UnitKey) -> None:
        box = QGroupBox(_("Khóa đang dùng"))
        form = QFormLayout(box)
        self.fingerprint = QLabel(key.fingerprint)
        self.fingerprint.setFont(_mono(18))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAccessibleName(_("Dấu vân tay khóa"))
        form.addRow(_("Dấu vân tay:"), self.fingerprint)
        form.addRow(_("Ngày tạo:"), QLabel(_date_text(key.created_at)))
        where = QLabel(storage_text(key))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_("Nơi cất khóa:"), where)
        self.public_text = QPlainTextEdit(key.public_key_text)
        self.public_text.setReadOnly(True)
        self.public_text.setFont(_mono())
        self.public_text.setFixedHeight(self.public_text.fontMetrics().lineSpacing() * 3 + 14)
        form.addRow(_("Khóa công khai:"), self.public_text)
        buttons = QHBoxLayout()
        sheet = QPushButton(_("&In phiếu đăng ký khóa (PDF)…"))
        sheet.clicked.connect(self.save_sheet)
        pub = QPushButton(_("Lưu tệp khóa &công khai (.pub)…"))
        pub.clicked.connect(self.save_public)
        copy = QPushButton(_("&Chép"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key.public_key_text))
        buttons.addWidget(sheet)
        buttons.addWidget(pub)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout.addWidget(box)

        rotate_box = QGroupBox(_("Đổi khóa"))
        rotate_layout = QVBoxLayout(rotate_box)
        note = QLabel(_("Đổi khóa khi nghi lộ khóa, khi đổi máy hoặc mất tệp khóa. Khóa cũ được "
                        "giữ lại để các gói đã gửi vẫn kiểm tra được; phải gửi phiếu đăng ký khóa "
                        "mới cho cơ quan tiếp nhận."))
        note.setWordWrap(True)
        note.setObjectName("hint")
        rotate_layout.addWidget(note)
        self.choice = KeyChoice(self.secrets, self.reason, None, allow_later=False)
        self.choice.changed.connect(lambda *_a: self._fit())
        rotate_layout.addWidget(self.choice)
        self.rotate_button = QPushButton(_("Đổi &khóa…"))
        self.rotate_button.clicked.connect(self.rotate)
        rotate_layout.addWidget(self.rotate_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(rotate_box)

        old = [k for k in keys.list_keys(self.ctx.store) if not k.active]
        if old:
            table = QTableWidget(len(old), 3)
            table.setHorizontalHeaderLabels([_("Dấu vân tay"), _("Ngày tạo"), _("Ngày thay")])
            for row, k in enumerate(old):
                for col, text in enumerate((k.fingerprint, _date_text(k.created_at),
                                            _date_text(k.retired_at))):
                    table.setItem(row, col, QTableWidgetItem(text))
            table.resizeColumnsToContents()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
            table.setMaximumHeight(120)
            old_box = QGroupBox(_("Khóa cũ (chỉ dùng để kiểm tra gói đã gửi)"))
            QVBoxLayout(old_box).addWidget(table)
            self.old_table = table
            layout.addWidget(old_box)

    # ---- actions -------------------------------------------------------------------------------

    def create_key(self) -> None:
        made = attempt(self, lambda: self.choice.apply(self.ctx.store, self.ctx.actor,
                                                        self.ctx.today(), rotate=False),
                       self.ctx.store)
        if made is not None:
            self.reload()

    def rotate(self) -> None:
        assert self.key is not None
        answer = QMessageBox.question(
            self, _("Đổi khóa ký"),
            _("Tạo khóa mới thay khóa {fp}?\n\nTừ nay các gói được ký bằng khóa mới; cần in và "
              "gửi phiếu đăng ký khóa mới cho cơ quan tiếp nhận. Khóa cũ vẫn được giữ để kiểm "
              "tra các gói đã gửi.").format(fp=self.key.fingerprint))
        if answer != QMessageBox.StandardButton.Yes:
            return
        made = attempt(self, lambda: self.choice.apply(self.ctx.store, self.ctx.actor,
                                                        self.ctx.today(), rotate=True),
                       self.ctx.store)
        if made is not None:
            self.reload()

    def save_sheet(self, path: str | None = None, open_after: bool = True) -> Path | None:
        assert self.key is not None
        if path is None:
            suggested = str(Path.home() / f"phieu_dang_ky_khoa_{self.key.key_id}.pdf")
            path, _f = QFileDialog.getSaveFileName(self, _("Lưu phiếu đăng ký khóa"),
                                                   suggested, _("Tệp PDF (*.pdf)"))
            if not path:
                return None
        fonts = self.fonts_dir or _fonts_dir()
        done = attempt(self, lambda: keys.write_enrolment_sheet(
            self.ctx.store, Path(path), fonts, self.ctx.today()), self.ctx.store)
        if done is not None and open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(done)))
        return done

    def save_public(self, path: str | None = None) -> Path | None:
        assert self.key is not None
        if path is None:
            suggested = str(Path.home() / f"khoa_cong_khai_{self.key.key_id}.pub")
            path, _f = QFileDialog.getSaveFileName(self, _("Lưu tệp khóa công khai"),
                                                   suggested, _("Khóa công khai (*.pub)"))
            if not path:
                return None
        target = Path(path)
        try:
            target.write_text(self.key.public_key_text, encoding="ascii")
        except OSError as exc:
            show_user_error(self, UserError(_("Không ghi được tệp “{p}”: {e}").format(
                p=target, e=exc.strerror or exc)))
            return None
        return target


class KeyStepPage(QWizardPage):
    """First run: make the unit's signing key right after the unit is created."""

    def __init__(self, wizard: QWidget, *,
                 open_secrets: SecretsOpener = keys.open_secrets) -> None:
        super().__init__()
        self._wizard = wizard
        self._open_secrets = open_secrets
        self.setTitle(_("Khóa ký gói hồ sơ"))
        self.setSubTitle(_("Gói hồ sơ gửi cơ quan tiếp nhận được ký bằng khóa riêng của đơn vị."))
        self.layout_ = QVBoxLayout(self)
        self.choice: KeyChoice | None = None
        self.made: keys.UnitKey | None = None

    def initializePage(self) -> None:
        created = getattr(self._wizard, "created", None)
        if created is None or self.choice is not None:
            return
        profile_id, _store = created
        secrets, reason = self._open_secrets(profile_id)
        self.choice = KeyChoice(secrets, reason, None, allow_later=True)
        self.layout_.addWidget(self.choice)
        self.layout_.addStretch(1)

    def validatePage(self) -> bool:
        created = getattr(self._wizard, "created", None)
        if created is None or self.choice is None or self.made is not None:
            return True
        _profile, store = created
        actor = str(getattr(self._wizard, "actor", "") or "?")
        try:
            self.made = self.choice.apply(store, actor, date.today(), rotate=False)
        except UserError as exc:
            show_user_error(self, exc)
            return False
        return True
