"""“Hồ sơ đã nhận (cấp tỉnh)”: the receiving office's list of dossiers received, its units' keys,
and the two answers it sends back: the signed receipt (biên nhận) and the decisions file.

Any profile can act as a receiving office; the office signs with its own signing key
(Gói hồ sơ → Khóa ký của đơn vị), the same key machinery a unit uses for its packages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.operations import receiving as rc
from desktop.core.operations.keys import SecretKey
from desktop.core.text import format_date, parse_date
from desktop.ui.buttons import dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt, show_user_error
from desktop.ui.help_window import install_help

SecretProvider = Callable[[], SecretKey | None]
GREY = QColor("#777777")


def _item(text: str, *, right: bool = False, grey: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if grey:
        item.setForeground(GREY)
    return item


def load_office_secret(parent: QWidget, context: AppContext) -> SecretKey | None:
    """The office's own signing key: from the OS keyring, or its passphrase-protected file
    (asking for the passphrase). None after telling the officer what is wrong."""
    from desktop.core.operations import keys

    secrets = getattr(context, "secrets", None)
    if secrets is None:
        secrets, _why = keys.open_secrets(context.profile_id)
    try:
        return keys.load_secret(context.store, secrets)
    except keys.PassphraseRequired as ask:
        passphrase, ok = QInputDialog.getText(parent, _("Mật khẩu tệp khóa"), ask.message,
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return None
        return attempt(parent, lambda: keys.load_secret(context.store, secrets, passphrase),
                       context.store)
    except UserError as exc:
        show_user_error(parent, exc, _("Chưa ký được"))
        return None


class EnrolDialog(QDialog):
    """Đăng ký khóa đơn vị: the .pub file from the unit's enrolment sheet, its code and name."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.enrolled: rc.KnownUnit | None = None
        self.setWindowTitle(_("Đăng ký khóa của đơn vị"))
        self.resize(620, 300)
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("ví dụ PT-THANHSON"))
        self.name = QLineEdit()
        self.key_text = QPlainTextEdit()
        self.key_text.setPlaceholderText(_("untrusted comment: minisign public key …\nRW…"))
        self.key_text.setFixedHeight(70)
        choose = QPushButton(_("Chọn tệp .pub…"))
        choose.clicked.connect(self.choose_file)
        form = QFormLayout()
        form.addRow(_("Mã đơn vị:"), self.code)
        form.addRow(_("Tên đơn vị:"), self.name)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_text, 1)
        key_row.addWidget(choose, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_("Khóa công khai:"), key_row)
        hint = QLabel(_("Đối chiếu mã khóa (dấu vân tay) với phiếu đăng ký khóa có chữ ký, con "
                        "dấu của đơn vị trước khi đăng ký."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = dialog_buttons(self, _("Đăng ký"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, _("Chọn tệp khóa công khai"), "",
                                               _("Khóa công khai") + " (*.pub);;*")
        if name:
            try:
                self.key_text.setPlainText(Path(name).read_text("utf-8", errors="replace"))
            except OSError as exc:
                show_user_error(self, UserError(str(exc)))

    def save(self) -> None:
        ctx = self.context
        result = attempt(self, lambda: rc.enrol_unit(ctx.store, self.key_text.toPlainText(),
                                                     self.code.text(), self.name.text(),
                                                     ctx.actor), ctx.store)
        if result is not None:
            self.enrolled = result
            self.accept()


class DecisionsDialog(QDialog):
    """Ghi quyết định: one row per nominee of the dossier's latest revision."""

    def __init__(self, context: AppContext, dossier: rc.ReceivedDossier,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dossier = dossier
        self.setWindowTitle(_("Quyết định khen thưởng – hồ sơ {id}").format(id=dossier.dossier_id))
        self.resize(1000, 520)
        self.lines = rc.decisions_template(context.store, dossier.dossier_id)
        catalog = context.catalog

        self.common_no = QLineEdit()
        self.common_no.setPlaceholderText(_("ví dụ 215/QĐ-UBND"))
        self.common_date = QLineEdit()
        self.common_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.common_issuer = QLineEdit()
        self.common_issuer.setPlaceholderText(_("ví dụ Chủ tịch UBND tỉnh"))
        fill = QPushButton(_("Điền cho các dòng được khen"))
        fill.clicked.connect(self.fill_checked)
        common = QHBoxLayout()
        for label, widget in ((_("Số QĐ:"), self.common_no), (_("Ngày:"), self.common_date),
                              (_("Cấp QĐ:"), self.common_issuer)):
            common.addWidget(QLabel(label))
            common.addWidget(widget, 1)
        common.addWidget(fill)

        columns = [_("Khen thưởng"), _("Cá nhân / tập thể"), _("Danh hiệu, hình thức"),
                   _("Số quyết định"), _("Ngày quyết định"), _("Cấp quyết định")]
        self.table = QTableWidget(len(self.lines), len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().setVisible(False)
        for row, line in enumerate(self.lines):
            box = QCheckBox()
            box.setChecked(line.granted)
            holder = QWidget()
            inner = QHBoxLayout(holder)
            inner.setContentsMargins(8, 0, 0, 0)
            inner.addWidget(box)
            self.table.setCellWidget(row, 0, holder)
            name = QTableWidgetItem(line.subject_name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 1, name)
            info = catalog.titles.get(line.target)
            title = QTableWidgetItem(info.name if info else line.target)
            title.setFlags(title.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 2, title)
            for col in (3, 4, 5):
                self.table.setItem(row, col, QTableWidgetItem(""))
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 230)
        self.table.setColumnWidth(3, 140)
        self.table.setColumnWidth(4, 120)
        self.table.horizontalHeader().setStretchLastSection(True)

        buttons = dialog_buttons(self, _("Ký và lưu tệp quyết định…"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{unit} – hồ sơ {id}, lần gửi {rev}").format(
            unit=dossier.unit_name, id=dossier.dossier_id, rev=dossier.revision)))
        layout.addLayout(common)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def checkbox(self, row: int) -> QCheckBox:
        holder = self.table.cellWidget(row, 0)
        box = holder.findChild(QCheckBox)
        assert box is not None
        return box

    def cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def set_cell(self, row: int, col: int, text: str) -> None:
        self.table.setItem(row, col, QTableWidgetItem(text))

    def fill_checked(self) -> None:
        for row in range(self.table.rowCount()):
            if self.checkbox(row).isChecked():
                for col, edit in ((3, self.common_no), (4, self.common_date),
                                  (5, self.common_issuer)):
                    if edit.text().strip():
                        self.set_cell(row, col, edit.text().strip())

    def decisions(self) -> list[rc.Decision]:
        """The rows as decisions; a date that is not a date raises ValidationError."""
        result, problems = [], []
        for row, line in enumerate(self.lines):
            granted = self.checkbox(row).isChecked()
            text = self.cell(row, 4)
            try:
                when = parse_date(text, _("Dòng {i}, ngày quyết định").format(i=row + 1))
            except UserError as exc:
                problems.append(Problem("decisions.row_invalid", f"row{row + 1}", exc.message))
                when = None
            result.append(rc.Decision(
                subject_kind=line.subject_kind, subject_name=line.subject_name,
                target=line.target, granted=granted,
                decision_no=self.cell(row, 3) if granted else "",
                decision_date=when if granted else None,
                issuer=self.cell(row, 5) if granted else "",
                subject_id=line.subject_id))
        if problems:
            raise ValidationError(problems)
        return result


class ReceivedWindow(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.secret_provider: SecretProvider = lambda: load_office_secret(self, context)
        self.save_path_provider: Callable[[str, str], Path | None] = self._ask_save_path
        self.items: list[rc.ReceivedDossier] = []
        self.setWindowTitle(_("Hồ sơ đã nhận (cấp tỉnh)"))
        install_help(self, "ho_so_da_nhan")
        self.resize(1180, 600)

        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            _("Đơn vị"), _("Mã hồ sơ"), _("Lần gửi"), _("Tình trạng"), _("Ngày nhận"),
            _("Số đề nghị"), _("Theo danh hiệu, hình thức"), _("Mã kiểm tra gói (rút gọn)")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for col, width in enumerate((270, 125, 60, 175, 90, 80, 200)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.units = QTableWidget(0, 5)
        self.units.setHorizontalHeaderLabels([_("Mã đơn vị"), _("Tên đơn vị"), _("Mã khóa"),
                                              _("Ngày đăng ký"), _("Tình trạng")])
        self.units.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units.verticalHeader().setVisible(False)
        for col, width in enumerate((150, 300, 200, 110)):
            self.units.setColumnWidth(col, width)
        self.units.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.units, "")

        self.check_button = QPushButton(_("&Kiểm tra và nhận gói…"))
        self.check_button.clicked.connect(self.open_verify)
        self.enrol_button = QPushButton(_("Đăng &ký khóa đơn vị…"))
        self.enrol_button.clicked.connect(self.enrol)
        self.receipt_button = QPushButton(_("Cấp &biên nhận…"))
        self.receipt_button.clicked.connect(self.issue_receipt)
        self.decisions_button = QPushButton(_("Ghi &quyết định…"))
        self.decisions_button.clicked.connect(self.record_decisions)
        # Digital signatures on the package's documents (issue 15), checked here again.
        self.signatures_button = QPushButton(_("Chữ ký &số trên văn bản…"))
        self.signatures_button.clicked.connect(self.show_signatures)
        self.trust_button = QPushButton(_("Chứng thư &tin cậy…"))
        self.trust_button.clicked.connect(self.open_trust)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.check_button, self.enrol_button, self.receipt_button,
                  self.decisions_button, self.signatures_button, self.trust_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    # ---- state ----------------------------------------------------------------------------------

    def reload(self) -> None:
        store, catalog = self.context.store, self.context.catalog
        self.items = rc.received(store)
        self.table.setRowCount(len(self.items))
        for row, it in enumerate(self.items):
            counts = ", ".join(
                f"{catalog.titles[c].short_name if c in catalog.titles else c}: {n}"
                for c, n in it.counts.items())
            state = (_("Đã thay bằng lần gửi {n}").format(n=it.superseded_by) if it.superseded
                     else _("Mới nhất") + (_(" (thay lần {n})").format(n=it.supersedes)
                                           if it.supersedes else ""))
            values = [(f"{it.unit_name} ({it.unit_code})", False), (it.dossier_id, False),
                      (str(it.revision), True), (state, False),
                      (format_date(it.received_on), True),
                      (str(it.summary.get("nominations", 0)), True), (counts, False),
                      (it.sha256[:16] + "…", False)]
            for col, (text, right) in enumerate(values):
                self.table.setItem(row, col, _item(text, right=right, grey=it.superseded))
        units = rc.known_units(store)
        self.units.setRowCount(len(units))
        for row, u in enumerate(units):
            state = _("Đã ngừng dùng") if u.retired_at else _("Đang dùng")
            for col, text in enumerate((u.unit_code, u.unit_name, u.fingerprint,
                                        format_date(u.enrolled_on), state)):
                self.units.setItem(row, col, _item(text, grey=bool(u.retired_at)))
        self.tabs.setTabText(0, _("Hồ sơ đã nhận ({n})").format(n=len(self.items)))
        self.tabs.setTabText(1, _("Đơn vị đã đăng ký khóa ({n})").format(
            n=len({u.unit_code for u in units})))
        if not units:
            self.status.setText(_("Chưa đăng ký khóa của đơn vị nào: hãy đăng ký khóa từ phiếu "
                                  "đăng ký khóa đơn vị gửi, rồi mới nhận được gói của đơn vị."))
        else:
            self.status.setText("")
        if self.items and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def current(self) -> rc.ReceivedDossier | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.items[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        item = self.current()
        self.receipt_button.setEnabled(item is not None)
        self.signatures_button.setEnabled(item is not None)
        self.decisions_button.setEnabled(item is not None and not item.superseded)
        if item is None:
            self.details.setText("")
            return
        rnd = item.summary.get("round") or {}
        self.details.setText(_(
            "Đợt xét: {round} – {n} đề nghị ({i} cá nhân, {c} tập thể), {d} tài liệu, {a} tệp "
            "minh chứng.\nTệp gói: {file}; khóa ký {key}; mã kiểm tra gói {sha}.").format(
                round=rnd.get("name", "") or "–", n=item.summary.get("nominations", 0),
                i=item.summary.get("individuals", 0), c=item.summary.get("collectives", 0),
                d=item.summary.get("documents", 0), a=item.summary.get("attachments", 0),
                file=item.summary.get("package_file", ""), key=item.key_id, sha=item.sha256))

    def _ask_save_path(self, title: str, suggested: str) -> Path | None:
        name, _f = QFileDialog.getSaveFileName(self, title, suggested, "JSON (*.json)")
        return Path(name) if name else None

    # ---- intentions -----------------------------------------------------------------------------

    def open_verify(self) -> None:
        from desktop.ui.verify_window import VerifyWindow

        window = VerifyWindow(self.context, self)
        window.exec()
        self.reload()

    def show_signatures(self) -> None:
        """Every PDF of the selected package with its digital signatures, checked again with
        the certificates this office trusts."""
        from desktop.core.operations import received_signatures
        from desktop.ui.signatures_view import DocumentSignatures, SignaturesDialog

        item = self.current()
        if item is None:
            return
        ctx = self.context
        checks = attempt(self, lambda: received_signatures.received_document_checks(
            ctx.store, ctx.catalog, item.id), ctx.store)
        if checks is None:
            return
        kinds = ctx.catalog.documents
        docs = [DocumentSignatures(kinds[c.kind].name if c.kind in kinds else c.kind,
                                   c.path, c.check, c.sent_as_signed) for c in checks]
        SignaturesDialog(_("Chữ ký số – hồ sơ {id} lần gửi {rev} của {unit}").format(
            id=item.dossier_id, rev=item.revision, unit=item.unit_name), docs, self).exec()

    def open_trust(self) -> None:
        from desktop.ui.trust_roots_dialog import TrustRootsDialog

        TrustRootsDialog(self.context, self).exec()

    def enrol(self) -> None:
        dialog = EnrolDialog(self.context, self)
        if dialog.exec() and dialog.enrolled is not None:
            self.reload()
            self.tabs.setCurrentIndex(1)
            self.status.setText(_("Đã đăng ký khóa {key} của {code}.").format(
                key=dialog.enrolled.fingerprint, code=dialog.enrolled.unit_code))

    def issue_receipt(self) -> Path | None:
        item = self.current()
        if item is None:
            return None
        target = self.save_path_provider(
            _("Lưu biên nhận"), rc.receipt_file_name(item))
        if target is None:
            return None
        secret = self.secret_provider()
        if secret is None:
            return None
        ctx = self.context
        path = attempt(self, lambda: rc.issue_receipt(ctx.store, secret, item.id, target,
                                                      ctx.actor, ctx.today()), ctx.store)
        if path is not None:
            self.status.setText(_("Đã lưu biên nhận: {path}. Hãy gửi tệp này cho đơn vị.")
                                .format(path=path))
        return path

    def record_decisions(self) -> Path | None:
        item = self.current()
        if item is None:
            return None
        dialog = DecisionsDialog(self.context, item, self)
        while dialog.exec():
            path = self.save_decisions(item, dialog)
            if path is not None:
                return path
        return None

    def save_decisions(self, item: rc.ReceivedDossier, dialog: DecisionsDialog) -> Path | None:
        """Check the table, ask where to save, sign and write. None: nothing written (the
        problem has been shown)."""
        ctx = self.context
        decisions = attempt(self, dialog.decisions)
        if decisions is None:
            return None
        problems = rc.validate_decisions(item, decisions, ctx.today())
        if problems:
            show_user_error(self, ValidationError(problems))
            return None
        target = self.save_path_provider(
            _("Lưu tệp quyết định"), rc.decisions_file_name(item, ctx.today()))
        if target is None:
            return None
        secret = self.secret_provider()
        if secret is None:
            return None
        path = attempt(self, lambda: rc.issue_decisions(ctx.store, secret, item.dossier_id,
                                                        decisions, target, ctx.actor,
                                                        ctx.today()), ctx.store)
        if path is not None:
            granted = sum(1 for d in decisions if d.granted)
            self.status.setText(_("Đã ký và lưu tệp quyết định ({n}/{t} được khen thưởng): "
                                  "{path}. Hãy gửi tệp này cho đơn vị.").format(
                                      n=granted, t=len(decisions), path=path))
        return path


class AnswersDialog(QDialog):
    """“Nhập biên nhận / quyết định”, on the unit's side: the receiving office's public key,
    the packages sent with their receipt date, and importing the two signed files."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.open_path_provider: Callable[[str, str], Path | None] = self._ask_open_path
        self.history_changed = False
        self.setWindowTitle(_("Biên nhận và quyết định từ cơ quan tiếp nhận"))
        install_help(self, "goi_ho_so")
        self.resize(980, 480)

        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        key_button = QPushButton(_("Lưu khóa công khai của cơ quan tiếp nhận…"))
        key_button.clicked.connect(self.set_province_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(key_button)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Mã hồ sơ"), _("Lần gửi"), _("Tệp gói"),
                                              _("Ngày gửi"), _("Tỉnh đã nhận")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for col, width in enumerate((150, 70, 380, 100)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.receipt_button = QPushButton(_("Nhập &biên nhận…"))
        self.receipt_button.clicked.connect(self.import_receipt)
        self.decisions_button = QPushButton(_("Nhập &quyết định khen thưởng…"))
        self.decisions_button.clicked.connect(self.import_decisions)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.decisions_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(key_row)
        layout.addWidget(QLabel(_("Các gói đơn vị đã gửi:")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        store = self.context.store
        keys = rc.province_keys(store)
        if keys:
            self.key_label.setText(_("Khóa của cơ quan tiếp nhận: {keys}").format(
                keys="; ".join(f"{k.fingerprint}" + (f" ({k.unit_name})" if k.unit_name else "")
                               for k in keys)))
        else:
            self.key_label.setText(_("Chưa lưu khóa công khai của cơ quan tiếp nhận: cần có "
                                     "khóa này để kiểm tra biên nhận và quyết định."))
        has_keys = bool(keys)
        self.receipt_button.setEnabled(has_keys)
        self.decisions_button.setEnabled(has_keys)
        sent = rc.sent_packages(store)
        self.table.setRowCount(len(sent))
        for row, p in enumerate(sent):
            received = (_("{day} – {body}").format(day=format_date(p.received_on),
                                                   body=p.receiving_body)
                        if p.received_on else _("Chưa có biên nhận"))
            for col, text in enumerate((p.dossier_id, str(p.revision), p.file_name,
                                        format_date(p.sent_on), received)):
                self.table.setItem(row, col, _item(text, right=col == 1,
                                                   grey=p.received_on is None and col == 4))

    def _ask_open_path(self, title: str, pattern: str) -> Path | None:
        name, _f = QFileDialog.getOpenFileName(self, title, "", pattern)
        return Path(name) if name else None

    def set_province_key(self) -> None:
        path = self.open_path_provider(_("Chọn tệp khóa công khai của cơ quan tiếp nhận"),
                                       _("Khóa công khai") + " (*.pub);;*")
        if path is None:
            return
        ctx = self.context

        def work() -> rc.KnownUnit:
            try:
                text = path.read_text("utf-8", errors="replace")
            except OSError as exc:
                raise UserError(_("Không đọc được tệp {path}: {why}").format(
                    path=path, why=exc.strerror or exc)) from exc
            return rc.set_province_key(ctx.store, text, ctx.actor)

        key = attempt(self, work, ctx.store)
        if key is not None:
            self.status.setText(_("Đã lưu khóa {key} của cơ quan tiếp nhận.").format(
                key=key.fingerprint))
            self.reload()

    def import_receipt(self) -> rc.ReceiptResult | None:
        path = self.open_path_provider(_("Chọn tệp biên nhận"),
                                       _("Biên nhận") + " (*.bien-nhan.json *.json);;*")
        if path is None:
            return None
        ctx = self.context
        result = attempt(self, lambda: rc.import_receipt(ctx.store, path, None, ctx.actor),
                         ctx.store)
        if result is not None:
            text = _("Cơ quan tiếp nhận ({body}) đã nhận hồ sơ {id} lần gửi {rev} ngày {day}.") \
                .format(body=result.receiving_body, id=result.dossier_id, rev=result.revision,
                        day=format_date(result.received_on))
            if result.already:
                text += " " + _("(Biên nhận này đã được nhập trước đó.)")
            self.status.setText("✓ " + text)
            self.reload()
        return result

    def import_decisions(self) -> rc.DecisionsResult | None:
        path = self.open_path_provider(_("Chọn tệp quyết định khen thưởng"),
                                       _("Quyết định") + " (*.quyet-dinh.json *.json);;*")
        if path is None:
            return None
        ctx = self.context
        result = attempt(self, lambda: rc.import_decisions(ctx.store, ctx.catalog, path, None,
                                                           ctx.actor, ctx.today()), ctx.store)
        if result is not None:
            self.history_changed = bool(result.decided)
            lines = [_("Đã ghi quyết định vào quá trình khen thưởng của {n} người/tập thể:")
                     .format(n=len(result.decided))]
            lines += [f"• {name} – {number}" for _i, name, number in result.decided]
            if result.not_granted:
                lines.append(_("Không được khen thưởng: {names}.").format(
                    names=", ".join(n for _i, n in result.not_granted)))
            if result.already_recorded:
                lines.append(_("Đã có từ trước: {names}.").format(
                    names=", ".join(n for _i, n in result.already_recorded)))
            self.status.setText("✓ " + "\n".join(lines))
        return result
