"""Ctrl+F1: every keyboard shortcut of the app, in one list.

The main window's part is read from its own actions, so a shortcut added there is listed
without anyone remembering to; the other windows' keys are written out below, next to nothing
else, to keep them easy to check against their code (tests compare both).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _

# (section, [(keys, what)]) of the windows and dialogs other than the main window.
OTHER_WINDOWS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (N_("Đợt xét khen thưởng (Ctrl+R)"), (
        ("Ctrl+N", N_("tạo đợt xét mới")),
        ("Insert", N_("thêm một đề nghị (hoặc đăng ký, ở thẻ Đăng ký thi đua)")),
        ("Ctrl+Insert", N_("đề nghị nhiều người cùng lúc")),
        ("Shift+↑↓, Ctrl+A", N_("bôi đen nhiều đề nghị: “Hội đồng đã xét”, “Hồ sơ đủ, sẵn "
                                "sàng gửi” chuyển cả các dòng đó cùng lúc")),
        ("Delete", N_("gỡ đề nghị / hủy đăng ký đang chọn (có hỏi lại)")),
        ("Ctrl+Z", N_("hoàn tác: gỡ cả lượt đề nghị hoặc đăng ký vừa làm, hoặc lấy lại đăng "
                      "ký vừa hủy")),
        ("Ctrl+1 / Ctrl+2", N_("thẻ Đợt xét / Đăng ký thi đua")),
        ("Ctrl+L", N_("về danh sách đợt")),
        ("Esc, Ctrl+W", N_("đóng cửa sổ")),
    )),
    (N_("Chọn nhiều người (đề nghị, đăng ký)"), (
        (N_("Phím cách"), N_("chọn / bỏ chọn các dòng đang bôi đen")),
        ("Ctrl+A", N_("bôi đen mọi dòng đang hiện")),
        ("Ctrl+S", N_("đề nghị / đăng ký những người đã chọn")),
    )),
    (N_("Họp Hội đồng: bảng biểu quyết"), (
        (N_("Gõ số"), N_("ghi vào ô đang chọn")),
        ("Enter", N_("xuống ứng viên tiếp theo, cùng cột")),
        ("Tab", N_("sang cột bên phải")),
        ("Ctrl+D", N_("điền giá trị ô trên xuống cả cột (phiếu phát ra, hợp lệ)")),
        ("Ctrl+V", N_("dán từ Excel (từ cột họ tên: khớp theo tên)")),
        ("K / G", N_("cột Biểu quyết: bỏ phiếu kín / giơ tay")),
        ("Delete", N_("xóa các ô đang chọn")),
        ("Ctrl+S", N_("lưu biên bản")),
    )),
    (N_("Sửa thông tin người, tập thể"), (
        ("Ctrl+Enter", N_("bảng quá trình: thêm dòng")),
        ("Ctrl+Del", N_("bảng quá trình: xóa dòng")),
        ("Ctrl+S", N_("lưu")),
        ("Esc", N_("đóng")),
    )),
    (N_("Xếp loại năm (Ctrl+K)"), (
        ("X, T, H, K / 1–4", N_("ghi HTXSNV, HTTNV, HTNV, KHTNV rồi xuống người tiếp theo")),
        ("Enter, ↓", N_("xuống người tiếp theo, giữ nguyên dòng này")),
        (N_("Phím cách"), N_("ô tiêu chí: đạt → không đạt → chưa xác nhận")),
        ("Delete", N_("xóa xếp loại của các dòng đang chọn")),
        ("Ctrl+A", N_("chọn mọi dòng đang hiện (rồi “Đặt cho các dòng đã chọn”)")),
        ("Ctrl+F", N_("ô tìm theo tên")),
        ("Ctrl+S", N_("lưu")),
    )),
    (N_("Mọi cửa sổ"), (
        (N_("Alt + chữ gạch chân"), N_("mở thực đơn hoặc bấm nút có chữ đó")),
        ("F1", N_("hướng dẫn của cửa sổ đang mở")),
        ("Ctrl+F1", N_("danh sách phím tắt này")),
    )),
)


def window_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) of every action of `window` that has a shortcut, as the menus say it."""
    rows = []
    seen: set[str] = set()
    for action in window.findChildren(QAction):
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                         for s in action.shortcuts())
        if not keys or keys in seen:
            continue
        seen.add(keys)
        what = (action.statusTip() or action.text()).replace("&", "").rstrip("…")
        if what:
            rows.append((keys, what))
    return sorted(rows, key=lambda r: (len(r[0]), r[0]))


class ShortcutsDialog(QDialog):
    """The list, in a table that fits a 1366×768 screen."""

    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(_("Phím tắt"))
        self.rows: list[tuple[str, str, str]] = [
            (_("Cửa sổ chính"), keys, what) for keys, what in window_rows(window)]
        for section, items in OTHER_WINDOWS:
            self.rows += [(_(section), _(keys), _(what)) for keys, what in items]
        table = QTableWidget(0, 2, self)
        table.setHorizontalHeaderLabels([_("Phím"), _("Việc")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        current = ""
        for section, keys, what in self.rows:
            if section != current:
                current = section
                row = table.rowCount()
                table.insertRow(row)
                head = QTableWidgetItem(section)
                font = head.font()
                font.setBold(True)
                head.setFont(font)
                table.setItem(row, 0, head)
                table.setSpan(row, 0, 1, 2)
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # rows follow the width the table really gets (sized once before layout, the narrow
        # first guess made every row two or three lines tall)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        hint = QLabel(_("Trong từng hộp thoại, chữ gạch chân trên nút và nhãn dùng với phím Alt."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def text(self) -> str:
        """Every line as shown (for tests and screen readers)."""
        return "\n".join(f"{keys}: {what}" for _s, keys, what in self.rows)
