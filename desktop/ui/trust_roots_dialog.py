"""“Chứng thư tin cậy”: the certificates digital signatures are checked against — the national
ones bundled with the app and those the officer adds — and the national ones still missing,
with where to get them and the fingerprint to compare.

Adding reads a certificate file (.cer/.crt/.pem/.p7b): a self-signed certificate becomes a
trusted root, a CA certificate only helps build chains. Only what the officer added can be
removed.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.operations import trust_roots
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt

GREY = QColor("#666666")


class TrustRootsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[trust_roots.TrustedCertificate] = []
        self.setWindowTitle(_("Chứng thư tin cậy để kiểm tra chữ ký số"))
        self.resize(1100, 620)
        intro = QLabel(_("Chữ ký số trên văn bản được coi là tin cậy khi chứng thư của người ký "
                         "nối được tới một chứng thư gốc dưới đây. Chỉ thêm chứng thư tải từ "
                         "trang chính thức (ca.gov.vn của Ban Cơ yếu Chính phủ, rootca.gov.vn) và "
                         "đã đối chiếu vân tay SHA-256."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            _("Chứng thư"), _("Tổ chức"), _("Loại"), _("Nguồn"), _("Hiệu lực đến"),
            _("Vân tay SHA-256")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.missing = QTextBrowser()
        self.missing.setMaximumHeight(190)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(_("&Thêm chứng thư…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("&Bỏ chứng thư đã chọn"))
        self.remove_button.clicked.connect(self.remove)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(_("Chứng thư quốc gia chưa có trong phần mềm (cần bổ sung):")))
        layout.addWidget(self.missing)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        ctx = self.ctx
        items = attempt(self, lambda: trust_roots.certificates(ctx.store, ctx.catalog),
                        ctx.store)
        self.items = items or []
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            info = item.info
            role = _("Gốc") if item.role == "root" else _("Trung gian")
            if item.source == trust_roots.NATIONAL:
                source = _("Đi kèm phần mềm")
            else:
                source = _("Người dùng thêm ({who})").format(who=item.added_by)
            if item.listed is not None:
                source += " — " + _("có trong danh sách quốc gia")
            cells = (info.common_name, info.organisation, role, source,
                     info.not_after.strftime("%d/%m/%Y"), info.fingerprint_groups)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.source == trust_roots.NATIONAL:
                    cell.setForeground(GREY)
                cell.setToolTip(info.subject)
                self.table.setItem(row, col, cell)
        missing = attempt(self, lambda: trust_roots.missing_national(ctx.catalog, ctx.store),
                          ctx.store) or []
        html = []
        where = _escape(_("tải tại"))
        for entry in missing:
            groups = " ".join(entry.sha256[i:i + 4] for i in range(0, 64, 4))
            html.append(
                f"<p style='margin:2px 0 6px 0'><b>{_escape(entry.name)}</b> "
                f"({_escape(entry.operator)}) — "
                f"{where} {_escape(entry.official_source)}<br>"
                f"<span style='font-family:monospace'>{groups}</span><br>"
                f"<span style='color:#666666'>{_escape(entry.note)}</span></p>")
        self.missing.setHtml("".join(html) or _escape(_("Không thiếu chứng thư nào.")))
        self._update_buttons()

    def selected(self) -> trust_roots.TrustedCertificate | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.items[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        item = self.selected()
        self.remove_button.setEnabled(item is not None
                                      and item.source == trust_roots.OFFICER)

    def choose_files(self) -> list[Path]:
        """Which certificate files to add (a method, so tests can answer it)."""
        names, _f = QFileDialog.getOpenFileNames(
            self, _("Chọn tệp chứng thư"), str(Path.home()),
            _("Chứng thư số") + " (*.cer *.crt *.pem *.der *.p7b *.p7c);;*")
        return [Path(n) for n in names]

    def add(self) -> None:
        ctx = self.ctx
        lines: list[str] = []
        for path in self.choose_files():
            result = attempt(self, partial(trust_roots.add_certificates, ctx.store,
                                           ctx.catalog, path, ctx.actor), ctx.store)
            if result is None:
                continue
            lines += [_("Đã thêm: {name}").format(name=c.info.common_name)
                      for c in result.added]
            lines += [_("Đã có sẵn: {name}").format(name=c.info.common_name)
                      for c in result.already]
            lines += list(result.warnings)
        self.status.setText("\n".join(lines))
        self.reload()

    def remove(self) -> None:
        item = self.selected()
        if item is None:
            return
        ctx = self.ctx
        def remove() -> bool:
            trust_roots.remove_certificate(ctx.store, item.info.sha256, ctx.actor)
            return True

        if attempt(self, remove, ctx.store):
            self.status.setText(_("Đã bỏ: {name}").format(name=item.info.common_name))
        self.reload()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
