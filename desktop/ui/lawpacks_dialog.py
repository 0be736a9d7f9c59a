"""Đơn vị ▸ Quy định và gói cập nhật: the law packs in use, what each changed in words,
installing one from a file or a USB stick, rolling back, and the keys trusted to sign them
(issue 14).

Every check and every sentence of "what changed" comes from core.operations.lawpacks; this
screen shows them, asks before switching and reloads the app's rules afterwards.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model.rule_version import origin_label
from desktop.core.operations import lawpacks as lp
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt, show_bug
from desktop.ui.lawpack_keys import EnrolKeyDialog, bundled_keys_dir
from desktop.ui.runner import run_with_progress


def _day(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


def changes_text(changes: tuple[lp.Change, ...] | list[lp.Change]) -> str:
    return "\n".join(f"• {c.text}" for c in changes) or _("• (không đổi quy định nào)")


class LawPacksDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.changed = False   # the app's rules were switched while the dialog was open
        self.setWindowTitle(_("Quy định và gói cập nhật"))
        self.resize(1180, 660)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet("color: #8a5a00")

        self.install_button = QPushButton(_("&Cài gói từ tệp hoặc USB…"))
        self.install_button.clicked.connect(self.install_from_file)
        self.rollback_button = QPushButton(_("&Quay lại gói trước"))
        self.rollback_button.clicked.connect(self.roll_back)
        self.packs = QTreeWidget()
        self.packs.setHeaderLabels([_("Cơ quan phát hành"), _("Gói số"), _("Hiệu lực từ"),
                                    _("Cài ngày"), _("Trạng thái")])
        self.packs.setRootIsDecorated(False)
        self.packs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.packs.header()
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.packs.currentItemChanged.connect(lambda *_a: self._show_selected())
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.packs)
        split.addWidget(self.details)
        split.setSizes([190, 330])
        buttons = QHBoxLayout()
        buttons.addWidget(self.install_button)
        buttons.addWidget(self.rollback_button)
        buttons.addStretch(1)
        packs_tab = QWidget()
        packs_layout = QVBoxLayout(packs_tab)
        packs_layout.addLayout(buttons)
        packs_layout.addWidget(split, 1)

        self.keys = QTreeWidget()
        self.keys.setHeaderLabels([_("Dấu vân tay"), _("Cơ quan giữ khóa"), _("Được phát hành"),
                                   _("Nguồn"), _("Ngày đăng ký")])
        self.keys.setRootIsDecorated(False)
        for column in (0, 2, 3, 4):
            self.keys.header().setSectionResizeMode(column,
                                                    QHeaderView.ResizeMode.ResizeToContents)
        self.keys.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.keys.currentItemChanged.connect(lambda *_a: self._key_buttons())
        self.enrol_button = QPushButton(_("&Thêm khóa của tỉnh…"))
        self.enrol_button.clicked.connect(self.enrol_key)
        self.remove_key_button = QPushButton(_("&Bỏ khóa"))
        self.remove_key_button.clicked.connect(self.remove_key)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.enrol_button)
        key_buttons.addWidget(self.remove_key_button)
        key_buttons.addStretch(1)
        keys_hint = QLabel(_("Gói quy định chỉ được cài khi ký bằng khóa của dự án (kèm phần "
                             "mềm) hoặc khóa của tỉnh đã đăng ký ở đây; khóa của tỉnh chỉ phát "
                             "hành được hồ sơ quy định của tỉnh đó."))
        keys_hint.setWordWrap(True)
        keys_hint.setObjectName("hint")
        keys_tab = QWidget()
        keys_layout = QVBoxLayout(keys_tab)
        keys_layout.addWidget(keys_hint)
        keys_layout.addLayout(key_buttons)
        keys_layout.addWidget(self.keys, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(packs_tab, _("&Gói quy định"))
        self.tabs.addTab(keys_tab, _("&Khóa tin cậy"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.notices)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.refresh()

    # ---- what is shown -----------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self.context.data_dir

    def refresh(self) -> None:
        rows = attempt(self, lambda: lp.list_packs(self.data_dir)) or []
        in_use = [r for r in rows if r.in_use]
        self.status.setText(
            _("Quy định đang dùng: kèm phần mềm, cùng các gói: {packs}.").format(
                packs=", ".join(origin_label(r.pack.origin) for r in in_use))
            if in_use else _("Quy định đang dùng: kèm phần mềm (chưa cài gói quy định nào)."))
        notices = attempt(self, lambda: lp.effective_catalog(self.context.catalog.forms_dir,
                                                             self.data_dir)[1]) or []
        self.notices.setText("\n".join(f"⚠ {n.message}" for n in notices))
        self.notices.setVisible(bool(notices))
        self.packs.clear()
        for row in rows:
            m = row.pack.manifest
            item = QTreeWidgetItem(self.packs, [
                m.publisher_name, str(m.version), m.effective.strftime("%d/%m/%Y"),
                _day(row.pack.installed_at),
                _("đang dùng") if row.in_use else _("bản trước (để quay lại)")])
            item.setData(0, Qt.ItemDataRole.UserRole, row)
        first = self.packs.topLevelItem(0)
        if first is not None:
            self.packs.setCurrentItem(first)
        else:
            self.details.setPlainText(_("Chưa cài gói quy định nào. Khi cơ quan có thẩm quyền "
                                        "đổi quy định, dự án hoặc tỉnh gửi gói quy định (tệp "
                                        ".zip) qua USB hoặc thư điện tử; bấm “Cài gói từ tệp "
                                        "hoặc USB…” để cài."))
        self.rollback_button.setEnabled(bool(in_use))
        self._fill_keys()

    def _show_selected(self) -> None:
        item = self.packs.currentItem()
        row = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if row is None:
            return
        pack, m = row.pack, row.pack.manifest
        text = [_("Gói “{pub}” số {n} của {name}, hiệu lực từ {day}{replaces}.").format(
                    pub=m.publisher, n=m.version, name=m.publisher_name,
                    day=m.effective.strftime("%d/%m/%Y"),
                    replaces=_(", thay gói số {n}").format(n=m.replaces) if m.replaces else ""),
                _("Ký bằng khóa {fp}.").format(fp=lp.fingerprint(pack.key_id))
                if pack.key_id else "", "",
                _("Những gì thay đổi (phần mềm tự đối chiếu quy định trước và sau):"),
                changes_text(pack.changes), "",
                _("Tóm tắt của cơ quan phát hành:"), m.summary]
        self.details.setPlainText("\n".join(text))

    def _fill_keys(self) -> None:
        self.keys.clear()
        keys = attempt(self, lambda: lp.list_keys(self.data_dir, bundled_keys_dir())) or []
        for key in keys:
            scope = (_("hồ sơ tỉnh “{p}”").format(p=key.province) if key.province
                     else _("mọi quy định"))
            source = _("kèm phần mềm") if key.source == "bundled" else _("đã đăng ký")
            item = QTreeWidgetItem(self.keys, [key.fingerprint, key.name, scope, source,
                                               _day(key.enrolled_at)])
            item.setData(0, Qt.ItemDataRole.UserRole, key)
        self._key_buttons()

    def _key_buttons(self) -> None:
        item = self.keys.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self.remove_key_button.setEnabled(key is not None and key.source == "enrolled")

    # ---- actions ------------------------------------------------------------------------------

    def _switched(self) -> None:
        self.changed = True
        self.context.reload_catalog()
        self.refresh()

    def install_from_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn gói quy định (tệp .zip, trên máy hoặc USB)"), str(Path.home()),
            _("Gói quy định (*.zip)"))
        if path:
            self.install(Path(path))

    def refusal_box(self, exc: UserError, title: str) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(exc.message)
        box.setInformativeText("\n".join(x for x in (exc.hint, _("Mã lý do: {code}").format(
            code=exc.code) if exc.code else "") if x))
        return box

    def _refused(self, exc: UserError, title: str) -> None:
        self.refusal_box(exc, title).exec()

    def _run(self, label: str, work: object, title: str) -> object:
        outcome: dict[str, object] = {}

        def guarded() -> object:
            try:
                return work()  # type: ignore[operator]
            except UserError as exc:   # shown with its reason code, not as "not saved"
                outcome["refused"] = exc
                return None

        result = run_with_progress(self, label, guarded)
        refused = outcome.get("refused")
        if isinstance(refused, UserError):
            self._refused(refused, title)
            return None
        return result

    def install(self, path: Path) -> bool:
        """Check the pack, show what it changes, install when the officer agrees."""
        ctx = self.context
        title = _("Không cài gói quy định")
        report = self._run(_("Đang kiểm tra gói quy định…"), lambda: lp.examine_pack(
            path, forms_dir=ctx.catalog.forms_dir, bundled_keys_dir=bundled_keys_dir(),
            data_dir=self.data_dir, today=ctx.today()), title)
        if not isinstance(report, lp.PackReport):
            return False
        if not self.confirm_install(report):
            return False
        done = self._run(_("Đang cài gói quy định…"), lambda: lp.install_pack(
            path, forms_dir=ctx.catalog.forms_dir, bundled_keys_dir=bundled_keys_dir(),
            data_dir=self.data_dir, actor=ctx.actor, now=datetime.now(UTC)), title)
        if not isinstance(done, lp.PackReport):
            return False
        self._switched()
        QMessageBox.information(self, _("Đã cài gói quy định"), _(
            "Đã cài gói “{pub}” số {n}. Từ nay các kết luận xét điều kiện dùng quy định mới cho "
            "những ngày từ {day}; kết luận đã lưu trước đây giữ nguyên.").format(
            pub=done.manifest.publisher, n=done.manifest.version,
            day=done.manifest.effective.strftime("%d/%m/%Y")))
        return True

    def confirm_install(self, report: lp.PackReport) -> bool:
        box, install = self.confirm_box(report)
        box.exec()
        return box.clickedButton() is install

    def confirm_box(self, report: lp.PackReport) -> tuple[QMessageBox, QPushButton]:
        """The question before installing: who signed, from when, what changes in words."""
        m = report.manifest
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Cài gói quy định?"))
        box.setText(_("Gói “{pub}” số {n} của {name}, hiệu lực từ {day}; chữ ký hợp lệ (khóa "
                      "{fp}, {who}).").format(pub=m.publisher, n=m.version,
                                             name=m.publisher_name,
                                             day=m.effective.strftime("%d/%m/%Y"),
                                             fp=report.fingerprint, who=report.key_name))
        summary = m.summary if len(m.summary) <= 600 else m.summary[:600] + "…"
        box.setInformativeText(_("Những gì thay đổi (phần mềm tự đối chiếu):") + "\n"
                               + changes_text(report.changes) + "\n\n"
                               + _("Tóm tắt của cơ quan phát hành: {s}").format(s=summary))
        install = box.addButton(_("&Cài đặt"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Hủy"), QMessageBox.ButtonRole.RejectRole)
        return box, install

    def roll_back(self) -> None:
        item = self.packs.currentItem()
        row = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        publisher = row.pack.publisher if row is not None else None
        ctx = self.context
        title = _("Không quay lại được")
        preview = self._run(_("Đang đối chiếu…"), lambda: lp.rollback(
            self.data_dir, forms_dir=ctx.catalog.forms_dir, actor=ctx.actor,
            now=datetime.now(UTC), publisher=publisher, dry_run=True), title)
        if not isinstance(preview, lp.RollbackReport):
            return
        target = (_("gói số {n}").format(n=preview.to_version) if preview.to_version
                  else _("quy định kèm phần mềm"))
        answer = QMessageBox.question(
            self, _("Quay lại gói trước?"),
            _("Gói “{p}” số {n} sẽ thôi áp dụng; dùng lại {target}.").format(
                p=preview.publisher, n=preview.from_version, target=target)
            + "\n\n" + _("Những gì thay đổi:") + "\n" + changes_text(preview.changes))
        if answer != QMessageBox.StandardButton.Yes:
            return
        done = self._run(_("Đang quay lại…"), lambda: lp.rollback(
            self.data_dir, forms_dir=ctx.catalog.forms_dir, actor=ctx.actor,
            now=datetime.now(UTC), publisher=preview.publisher), title)
        if isinstance(done, lp.RollbackReport):
            self._switched()

    def enrol_key(self) -> None:
        dialog = EnrolKeyDialog(self.context, self)
        if dialog.exec():
            self._fill_keys()

    def remove_key(self) -> None:
        item = self.keys.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if key is None or key.source != "enrolled":
            return
        answer = QMessageBox.question(self, _("Bỏ khóa?"), _(
            "Thôi tin cậy khóa {fp} của {name}? Gói đã cài vẫn dùng cho đến khi quay lại hoặc "
            "cài gói khác; gói mới ký bằng khóa này sẽ bị từ chối.").format(
            fp=key.fingerprint, name=key.name))
        if answer == QMessageBox.StandardButton.Yes:
            try:
                lp.remove_province_key(self.data_dir, key.key_id)
            except UserError as exc:
                self._refused(exc, _("Không bỏ được khóa"))
            except Exception as exc:   # a bug: report it, keep the screen
                show_bug(self, exc)
            self._fill_keys()
