"""Backup to a USB stick or a chosen folder, and restore from a backup file (menu Tệp).

Both run in the background with a progress dialog. A restore is checked completely and
confirmed before anything changes; the current data is saved first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import backups, keys, profiles
from desktop.ui.context import AppContext
from desktop.ui.export_dialog import Drives, removable_drives
from desktop.ui.feedback import show_user_error
from desktop.ui.runner import run_with_progress

if TYPE_CHECKING:  # the UI passes the store along but never calls into core.store itself
    from desktop.core.store import Store


T = TypeVar("T")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


class BackupDialog(QDialog):
    """Where to put the backup: a USB stick (listed) or any folder; then the result."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 drives: Drives = removable_drives) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._drives = drives
        self.result_info: backups.BackupInfo | None = None
        self.setWindowTitle(_("Sao lưu dữ liệu"))
        intro = QLabel(_("Sao lưu toàn bộ dữ liệu của đơn vị (danh sách, quá trình, đợt xét, "
                         "tệp minh chứng, văn bản đã ký, gói đã gửi) vào một tệp. Nên sao lưu "
                         "ra ổ USB hằng tuần và cất ổ ở nơi khác máy tính."))
        intro.setWordWrap(True)
        self.to_drive = QRadioButton(_("Ổ &USB / thẻ nhớ:"))
        self.to_folder = QRadioButton(_("Thư &mục:"))
        group = QButtonGroup(self)
        group.addButton(self.to_drive)
        group.addButton(self.to_folder)
        self.drive_box = QComboBox()
        refresh = QPushButton(_("&Làm mới"))
        refresh.clicked.connect(self.refresh_drives)
        self.folder = QLineEdit(str(Path.home()))
        browse = QPushButton(_("C&họn…"))
        browse.clicked.connect(self._browse)
        grid = QGridLayout()
        grid.addWidget(self.to_drive, 0, 0)
        grid.addWidget(self.drive_box, 0, 1)
        grid.addWidget(refresh, 0, 2)
        grid.addWidget(self.to_folder, 1, 0)
        grid.addWidget(self.folder, 1, 1)
        grid.addWidget(browse, 1, 2)
        grid.setColumnStretch(1, 1)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.backup_button = QPushButton(_("&Sao lưu"))
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.run_backup)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.refresh_drives()
        (self.to_drive if self.drive_box.isEnabled() else self.to_folder).setChecked(True)
        self.resize(720, 300)

    def refresh_drives(self) -> None:
        self.drive_box.clear()
        for label, path in self._drives():
            self.drive_box.addItem(label, str(path))
        found = self.drive_box.count() > 0
        if not found:
            self.drive_box.addItem(_("(chưa thấy ổ USB nào — cắm ổ rồi bấm Làm mới)"), "")
        self.drive_box.setEnabled(found)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Chọn thư mục lưu bản sao lưu"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)
            self.to_folder.setChecked(True)

    def target(self) -> Path:
        if self.to_drive.isChecked():
            value = self.drive_box.currentData()
            if not value:
                raise UserError(_("Chưa thấy ổ USB nào."),
                                _("Hãy cắm ổ USB rồi bấm Làm mới, hoặc chọn một thư mục."),
                                code="backup.no_drive")
            return Path(value)
        return Path(self.folder.text().strip())

    def run_backup(self, background: bool = True) -> backups.BackupInfo | None:
        try:
            folder = self.target()
        except UserError as exc:
            show_user_error(self, exc, _("Chưa sao lưu được"))
            return None
        ctx = self.ctx

        def work() -> backups.BackupInfo:
            return backups.backup_to(ctx.store, folder, profile_id=ctx.profile_id)

        info = _run(self, _("Đang sao lưu và kiểm tra lại…"), work, background)
        if info is None:
            return None
        self.result_info = info
        text = _("✔ Đã sao lưu {n} tệp ({mb} MB) vào:\n{path}\nĐã đọc lại và kiểm tra: bản sao "
                 "lưu nguyên vẹn.").format(n=info.files, mb=_mb(info.size), path=info.path)
        key = keys.active_key(ctx.store)
        if key is not None and key.storage == "keyring":
            text += "\n" + _("Lưu ý: khóa ký của đơn vị nằm trong kho khóa của Windows, không có "
                             "trong bản sao lưu; hãy giữ tệp khóa dự phòng (Gói hồ sơ → Khóa ký "
                             "của đơn vị).")
        self.outcome.setText(text)
        self.outcome.setStyleSheet("color: #1b6e20;")
        return info


def _run(parent: QWidget, label: str, work: Callable[[], T], background: bool) -> T | None:
    if background:
        return run_with_progress(parent, label, work)
    try:
        return work()
    except UserError as exc:
        show_user_error(parent, exc)
        return None


def confirm_text(ctx: AppContext, info: backups.BackupInfo) -> str:
    """What the officer is asked before a restore."""
    counts = info.counts
    text = _("Khôi phục dữ liệu của “{unit}” từ bản sao lưu lúc {when}?\n"
             "Bản sao lưu có {people} cá nhân, {groups} tập thể, {rounds} đợt xét.").format(
        unit=info.unit_name or "–", when=info.created_at.replace("T", " ")[:16],
        people=counts.get("people", 0), groups=counts.get("collectives", 0),
        rounds=counts.get("rounds", 0))
    unit = ctx.unit()
    if info.profile_id != ctx.profile_id or (unit is not None and unit.name != info.unit_name):
        text += "\n\n" + _("⚠ Đây là bản sao lưu của đơn vị khác với đơn vị đang mở (“{now}”): "
                           "dữ liệu đang mở sẽ được thay bằng dữ liệu của “{unit}”.").format(
            now=unit.name if unit else "–", unit=info.unit_name)
    text += "\n\n" + _("Trước khi khôi phục, dữ liệu hiện tại được sao lưu vào thư mục sao lưu "
                       "của đơn vị; thư mục dữ liệu cũ được giữ lại, không bị xóa.")
    return text


def restore_from_file(parent: QWidget, ctx: AppContext, path: Path | None = None, *,
                      background: bool = True,
                      leave_data: Callable[[], None] | None = None) -> Store | None:
    """Choose a backup, check it, confirm, restore; the profile opened again (None: nothing
    was done, or it failed and was explained). `leave_data` runs just before the store is
    closed: the windows showing it must stop reading it."""
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Chọn bản sao lưu"), str(Path.home()),
            _("Bản sao lưu") + " (*.hoso-saoluu.zip *.zip);;" + _("Mọi tệp") + " (*)")
        if not name:
            return None
        path = Path(name)
    chosen = path
    info = _run(parent, _("Đang kiểm tra bản sao lưu…"),
                lambda: backups.check_backup(chosen), background)
    if info is None:
        return None
    answer = QMessageBox.question(
        parent, _("Khôi phục từ bản sao lưu?"), confirm_text(ctx, info),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    store = ctx.store
    if leave_data is not None:
        leave_data()
    done = _run(parent, _("Đang khôi phục…"), lambda: backups.restore(store, chosen),
                background)
    if done is None and backups.still_open(store):
        return None   # refused before anything changed: the data open is the data it was
    try:
        return profiles.open_profile(ctx.data_dir, ctx.profile_id)
    except UserError as exc:
        show_user_error(parent, exc, _("Chưa mở lại được dữ liệu"))
        return None

