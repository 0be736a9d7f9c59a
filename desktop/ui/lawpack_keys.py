"""Enrolling a province's law-pack key from the enrolment sheet it printed: the officer types
(or pastes, or opens the .pub file from a USB stick) the key line, the app shows the
fingerprint it computes, and the key is trusted only once the officer confirms that it is the
fingerprint printed on the sheet."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import lawpacks as lp
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt, show_user_error

MAX_KEY_FILE = 16 * 1024


def bundled_keys_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "lawpack"


class EnrolKeyDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Thêm khóa ký gói quy định của tỉnh"))
        self.resize(760, 440)
        intro = QLabel(_("Lấy phiếu đăng ký khóa do tỉnh in và gửi. Chép dòng khóa công khai "
                         "(hoặc mở tệp .pub tỉnh gửi), rồi đối chiếu dấu vân tay phần mềm hiện "
                         "ra với dấu vân tay in trên phiếu."))
        intro.setWordWrap(True)
        self.province = QComboBox()
        self.province.setEditable(True)
        catalog = context.catalog
        for code, profile in sorted(catalog.provinces.items()):
            if code != "default":
                self.province.addItem(f"{profile.name} ({code})", code)
        unit = context.unit()
        if unit and unit.province and unit.province != "default":
            self.province.setCurrentIndex(max(self.province.findData(unit.province), 0))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("ví dụ: Sở Nội vụ tỉnh Bắc Ninh"))
        self.key = QPlainTextEdit()
        self.key.setPlaceholderText(_("RWS… (dòng khóa công khai trên phiếu; dấu cách không cần "
                                      "gõ)"))
        self.key.setMaximumHeight(90)
        self.key.textChanged.connect(self._update)
        open_file = QPushButton(_("Mở tệp &khóa (.pub)…"))
        open_file.clicked.connect(self.open_key_file)
        self.fingerprint = QLabel()
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: 16pt; "
                                       "font-weight: bold")
        self.confirmed = QCheckBox(_("Tôi đã đối chiếu: dấu vân tay trên trùng với dấu vân tay "
                                     "in trên phiếu đăng ký khóa của tỉnh."))
        self.confirmed.toggled.connect(self._update)
        form = QFormLayout()
        form.addRow(_("&Tỉnh:"), self.province)
        form.addRow(_("&Cơ quan giữ khóa:"), self.name)
        form.addRow(_("&Dòng khóa:"), self.key)
        form.addRow("", open_file)
        form.addRow(_("Dấu vân tay:"), self.fingerprint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Đăng &ký khóa"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Hủy"))
        self.buttons.accepted.connect(self.enrol)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.confirmed)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._update()

    def province_code(self) -> str:
        data = self.province.currentData()
        text = self.province.currentText().strip()
        if data and self.province.itemText(self.province.currentIndex()) == text:
            return str(data)
        return text   # typed: a province whose profile the app does not ship yet

    def _parsed(self) -> str | None:
        text = self.key.toPlainText()
        if not text.strip():
            return None
        try:
            return lp.fingerprint(lp.parse_key_text(text).key_id_hex)
        except UserError:
            return ""

    def _update(self) -> None:
        shown = self._parsed()
        if shown is None:
            self.fingerprint.setText(_("(chưa có dòng khóa)"))
        elif not shown:
            self.fingerprint.setText(_("dòng khóa chưa đúng — hãy chép lại"))
        else:
            self.fingerprint.setText(shown)
        ok = bool(shown) and bool(self.name.text().strip()) and self.confirmed.isChecked()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def open_key_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp khóa công khai của tỉnh"), str(Path.home()),
            _("Khóa công khai (*.pub);;Mọi tệp (*)"))
        if not path:
            return
        try:
            if Path(path).stat().st_size > MAX_KEY_FILE:
                raise UserError(_("Tệp quá lớn, không phải tệp khóa công khai."))
            self.key.setPlainText(Path(path).read_text("utf-8", errors="replace"))
        except (OSError, UserError) as exc:
            show_user_error(self, exc if isinstance(exc, UserError) else UserError(str(exc)))

    def enrol(self) -> None:
        ctx = self.context
        info = attempt(self, lambda: lp.enrol_province_key(
            ctx.data_dir, bundled_keys_dir(), self.key.toPlainText(), self.province_code(),
            self.name.text(), ctx.actor, datetime.now(UTC)))
        if info is not None:
            self.accept()
