"""“Kiểm tra gói”: open a package (file dialog or drag and drop) and see, check by check, whether
it is whole, unchanged and from an enrolled unit; a valid one can be taken in ("Nhận hồ sơ").

Verification reads the ZIP without extracting it (core.package.verify), in a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.operations import receiving as rc
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.help_window import install_help
from desktop.ui.runner import run_with_progress

OK_MARK, BAD_MARK, NEUTRAL_MARK = "✓", "✗", "–"
OK_COLOR, BAD_COLOR, NEUTRAL_COLOR = QColor("#1b7f3b"), QColor("#b3261e"), QColor("#6b6b6b")



def _size(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _digest_groups(sha256: str) -> str:
    """The package's SHA-256 in groups of eight, to compare with what the sender reads out."""
    return " ".join(sha256[i:i + 8] for i in range(0, len(sha256), 8))


class VerifyWindow(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.check: rc.PackageCheck | None = None
        self.imported: rc.ImportResult | None = None
        self.setWindowTitle(_("Kiểm tra gói hồ sơ"))
        install_help(self, "kiem_tra_goi")
        self.setAcceptDrops(True)
        self.resize(980, 640)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_("Chọn gói HSKT_….zip, hoặc kéo thả tệp vào cửa sổ "
                                            "này"))
        self.open_button = QPushButton(_("&Chọn gói…"))
        self.open_button.clicked.connect(self.choose)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Gói:")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.open_button)

        self.verdict = QLabel(_("Chưa chọn gói."))
        font = QFont(self.verdict.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setWordWrap(True)

        self.checks = QTableWidget(0, 3)
        self.checks.setHorizontalHeaderLabels(["", _("Kiểm tra"), _("Kết quả")])
        self.checks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checks.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checks.verticalHeader().setVisible(False)
        self.checks.setWordWrap(True)
        self.checks.setShowGrid(False)
        self.checks.verticalHeader().setMinimumSectionSize(26)
        self.checks.setColumnWidth(0, 28)
        self.checks.setColumnWidth(1, 210)
        self.checks.horizontalHeader().setStretchLastSection(True)

        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts_box = QWidget()
        facts_box.setLayout(self.facts)

        self.files = QTableWidget(0, 2)
        self.files.setHorizontalHeaderLabels([_("Tệp trong gói"), _("Dung lượng (byte)")])
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.verticalHeader().setVisible(False)
        self.files.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files.setColumnWidth(1, 140)
        self.files.verticalHeader().setDefaultSectionSize(22)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(facts_box)
        lower.addWidget(self.files)
        lower.setSizes([520, 420])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(self.checks)
        main.addWidget(lower)
        main.setSizes([230, 330])

        self.import_button = QPushButton(_("&Nhận hồ sơ"))
        self.import_button.setToolTip(_("Lưu gói vào danh sách hồ sơ đã nhận của cơ quan"))
        self.import_button.clicked.connect(self.import_package)
        self.import_button.setVisible(False)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(main, 1)
        layout.addLayout(buttons)
        if path is not None:
            self.load(Path(path))

    # ---- opening --------------------------------------------------------------------------------

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn gói hồ sơ"), "",
            _("Gói hồ sơ") + " (*.zip *.zip.001 *.parts.json);;" + _("Mọi tệp") + " (*)")
        if name:
            self.load(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load(Path(files[0]))

    def load(self, path: Path, *, background: bool = True) -> None:
        """Verify `path` and show the result. background=False runs in this thread (tests)."""
        store = self.context.store
        self.path_edit.setText(str(path))
        if background:
            check = run_with_progress(self, _("Đang kiểm tra gói…"),
                                      lambda: rc.check_package(store, path))
        else:
            check = attempt(self, lambda: rc.check_package(store, path), store)
        if check is None:
            self.verdict.setText(_("Không đọc được tệp này."))
            self._paint_verdict(False)
            self.import_button.setVisible(False)
            return
        self.show_check(check)

    # ---- showing --------------------------------------------------------------------------------

    def _paint_verdict(self, ok: bool) -> None:
        color = OK_COLOR if ok else BAD_COLOR
        self.verdict.setStyleSheet(f"color: {color.name()};")

    def show_check(self, check: rc.PackageCheck) -> None:
        self.check = check
        report = check.report
        if check.ok:
            self.verdict.setText(OK_MARK + " " + _("Gói hợp lệ: nguyên vẹn, đúng chữ ký."))
        else:
            self.verdict.setText(BAD_MARK + " " + _("Gói bị từ chối: {n} lỗi. Không dùng gói "
                                                    "này.").format(n=len(report.reasons)))
        self._paint_verdict(check.ok)

        self.checks.setRowCount(len(check.lines))
        bold = QFont(self.checks.font())
        bold.setBold(True)
        for row, line in enumerate(check.lines):
            # a refused package vouches for nothing: no green tick on any of its steps
            passed = line.ok and check.ok
            mark = QTableWidgetItem(OK_MARK if passed else NEUTRAL_MARK if line.ok
                                    else BAD_MARK)
            mark.setForeground(OK_COLOR if passed else NEUTRAL_COLOR if line.ok else BAD_COLOR)
            mark.setFont(bold)
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            title = QTableWidgetItem(line.title)
            text = QTableWidgetItem(line.text)
            text.setToolTip(line.detail or line.text)   # the exact reasons, for support
            if not line.ok:
                text.setForeground(BAD_COLOR)
            elif not passed:
                text.setForeground(NEUTRAL_COLOR)
            for col, item in enumerate((mark, title, text)):
                item.setTextAlignment(item.textAlignment() | Qt.AlignmentFlag.AlignVCenter)
                self.checks.setItem(row, col, item)
        self.checks.resizeRowsToContents()

        while self.facts.rowCount():
            self.facts.removeRow(0)
        dossier = report.dossier or {}
        unit = dossier.get("unit") or {}
        rnd = dossier.get("round") or {}
        noms = dossier.get("nominations") or []
        signer = check.signer
        facts = [
            (_("Mã hồ sơ"), report.dossier_id or "–"),
            (_("Lần gửi"), str(report.revision or dossier.get("revision") or "–")),
            (_("Đơn vị gửi"), f"{unit.get('name', '')} ({unit.get('code', '')})"
             if unit else report.info("Source-Organization") or "–"),
            (_("Đợt xét"), f"{rnd.get('name', '')}" if rnd else "–"),
            (_("Số đề nghị"), str(len(noms)) if dossier else "–"),
            (_("Mã khóa ký"), rc.key_fingerprint(report.key_id) if report.key_id else "–"),
            (_("Khóa đã đăng ký"),
             _("Có – {code} ({name})").format(code=signer.unit_code, name=signer.unit_name)
             if signer else (_("Khóa của chính đơn vị này") if check.own_key else _("Không"))),
            (_("Dung lượng"), _("{n} byte").format(n=_size(report.size))),
            (_("Mã kiểm tra của gói"), _digest_groups(report.sha256) if report.sha256 else "–"),
        ]
        if not check.ok:   # what a refused package says about itself is not to be trusted
            warning = QLabel(_("Nội dung dưới đây do gói tự ghi, chưa được xác thực: không "
                               "dùng."))
            warning.setWordWrap(True)
            warning.setStyleSheet(f"color: {BAD_COLOR.name()}; font-weight: bold")
            self.facts.addRow(warning)
        for label, value in facts:
            field = QLabel(value)
            if not check.ok:
                field.setStyleSheet(f"color: {NEUTRAL_COLOR.name()}")
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.facts.addRow(label + ":", field)

        self.files.setHorizontalHeaderLabels([
            _("Tệp trong gói") if check.ok else _("Tệp trong gói (chưa xác thực)"),
            _("Dung lượng (byte)")])
        self.files.setRowCount(len(report.files))
        for row, entry in enumerate(report.files):
            name = QTableWidgetItem(entry.name)
            self.files.setItem(row, 0, name)
            size = QTableWidgetItem(_size(entry.size))
            if not check.ok:
                name.setForeground(NEUTRAL_COLOR)
                size.setForeground(NEUTRAL_COLOR)
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.files.setItem(row, 1, size)

        has_units = bool(rc.known_units(self.context.store))
        self.import_button.setVisible(has_units and check.ok)
        self.import_button.setEnabled(check.can_import)
        if check.ok and check.own_key and not check.can_import:
            self.hint.setText(_("Gói do chính đơn vị này ký: có thể gửi đi."))
        elif check.ok and not has_units:
            self.hint.setText("")
        elif not check.ok and "unknown_key" in report.codes:
            self.hint.setText(_(rc.ENROL_HINT))
        else:
            self.hint.setText("")

    # ---- importing ------------------------------------------------------------------------------

    def import_package(self, *, background: bool = True) -> None:
        if self.check is None or not self.check.can_import:
            return
        ctx = self.context
        path = self.check.report.path

        def work() -> rc.ImportResult:
            return rc.import_package(ctx.store, ctx.catalog, path, ctx.actor, ctx.today())

        result = (run_with_progress(self, _("Đang nhận hồ sơ…"), work) if background
                  else attempt(self, work, ctx.store))
        if result is None:
            return
        self.imported = result
        text = result.message
        if result.warnings:
            text += "\n\n" + "\n".join(f"• {w}" for w in result.warnings)
        self.import_button.setEnabled(False)
        self.hint.setText(result.message)
        box = QMessageBox(QMessageBox.Icon.Information, _("Nhận hồ sơ"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("import-result")
        if background:
            box.exec()
