"""The appraisal before the dossier leaves ("Thẩm định trước", issue 11), inside the dossier
dialog: every problem a province clerk would find, grouped by severity — what would have the
dossier sent back first, then what should be corrected — each with where it is, how to fix it
and a "go to" button that opens what to correct (the nominee, the report, the meeting, the
number register). The dialog re-runs it after every edit made from it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.operations.appraisal import Appraisal, Finding, Target

_RETURNED = "#8b0000"
_FIX = "#8a5a00"
_OK = "#1d5e20"


def go_to_label(target: Target) -> str:
    """The "go to" button's text for what a finding is corrected in, "" when the dialog has
    nowhere to go (the unit profile and the round are edited from the main window)."""
    return {Target.NOMINATION: _("Mở hồ sơ người / tập thể"),
            Target.REPORT: _("Mở báo cáo"),
            Target.MEETING: _("Mở cuộc họp"),
            Target.REGISTER: _("Mở sổ đăng ký văn bản")}.get(target, "")


def appraisal_title(decided_by: str | None) -> str:
    """The panel's heading: who the appraisal stands in for."""
    if decided_by is None:
        return _("Thẩm định trước khi gửi (như cán bộ thẩm định của tỉnh)")
    return _("Thẩm định trước khi trình {decider} ký").format(decider=decided_by)


def returned_summary(decided_by: str | None, returned: int, to_fix: int) -> str:
    """What the appraisal says when the dossier would be sent back: by the higher level that
    decides (some of) the round's titles, or by the unit's own head who decides them all
    (Appraisal.decided_by). "còn 0 vấn đề nên sửa" read as if something were still owed: the
    count of what to fix is said only when there is something."""
    if decided_by is None:
        text = (_("Cấp trên sẽ trả lại hồ sơ vì {n} vấn đề; còn {m} vấn đề nên sửa. Gói hồ sơ "
                  "chỉ xuất được khi đã sửa, hoặc khi ghi rõ lý do gửi.") if to_fix else _(
                "Cấp trên sẽ trả lại hồ sơ vì {n} vấn đề. Gói hồ sơ chỉ xuất được khi đã sửa, "
                "hoặc khi ghi rõ lý do gửi."))
    else:
        text = (_("Hồ sơ trình {decider} sẽ bị trả lại vì {n} vấn đề; còn {m} vấn đề nên sửa. "
                  "Hãy sửa trước khi in hồ sơ trình ký.") if to_fix else _(
                "Hồ sơ trình {decider} sẽ bị trả lại vì {n} vấn đề. Hãy sửa trước khi in hồ sơ "
                "trình ký."))
    return text.format(n=returned, m=to_fix, decider=decided_by)


class AppraisalPanel(QGroupBox):
    """Shows an Appraisal; emits `go_to(finding)` when the officer asks to correct one,
    `expand_requested` / `undo_expand_requested` for the bulk fix of abbreviations."""

    go_to = Signal(object)
    expand_requested = Signal()
    undo_expand_requested = Signal()

    def __init__(self, document_names: Mapping[str, str], parent: QWidget | None = None
                 ) -> None:
        super().__init__(_("Thẩm định trước khi gửi (như cán bộ thẩm định của tỉnh)"), parent)
        self.document_names = {**document_names, "ho_so": _("Thành phần hồ sơ"),
                               "so_dang_ky": _("Sổ đăng ký văn bản")}
        self.findings: list[Finding] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Văn bản"), _("Người / tập thể"), _("Vấn đề"),
                                              _("Cách sửa"), ""])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # rows follow the wrapped text as the columns get their width (shown, resized)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 190), (1, 170), (3, 300), (4, 170)):
            self.table.setColumnWidth(column, width)
        # the abbreviation finding repeats for every nominee of an imported list: one fix
        self.expand_button = QPushButton()
        self.expand_button.clicked.connect(self.expand_requested.emit)
        self.undo_expand_button = QPushButton(_("Hoàn tác viết đầy đủ"))
        self.undo_expand_button.clicked.connect(self.undo_expand_requested.emit)
        bulk = QHBoxLayout()
        bulk.addWidget(self.expand_button)
        bulk.addWidget(self.undo_expand_button)
        bulk.addStretch(1)
        self.set_expansions(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bulk)
        layout.addWidget(self.table, 1)

    def set_expansions(self, available: int, undoable: int) -> None:
        """Offer the bulk fix when `available` abbreviations can be written out, and its
        undo when the last fix wrote `undoable` of them."""
        self.expand_button.setText(_("Viết đầy đủ {n} chỗ viết tắt…").format(n=available))
        self.expand_button.setVisible(available > 0)
        self.undo_expand_button.setToolTip(_("Trả lại {n} chỗ vừa viết đầy đủ.").format(
            n=undoable))
        self.undo_expand_button.setVisible(undoable > 0)

    def show_result(self, result: Appraisal) -> None:
        returned, to_fix = result.returned, result.to_fix
        self.setTitle(appraisal_title(result.decided_by))
        if returned:
            self.summary.setText(returned_summary(result.decided_by, len(returned),
                                                  len(to_fix)))
            colour = _RETURNED
        elif to_fix:
            self.summary.setText(_("Không có vấn đề khiến hồ sơ bị trả lại; {m} vấn đề nên "
                                   "sửa.").format(m=len(to_fix)))
            colour = _FIX
        else:
            self.summary.setText(_("Không thấy vấn đề nào: hồ sơ sẵn sàng gửi.")
                                 if result.decided_by is None else
                                 _("Không thấy vấn đề nào: hồ sơ sẵn sàng trình ký."))
            colour = _OK
        self.summary.setStyleSheet(f"color: {colour}; font-weight: bold;")
        table = self.table
        table.clearSpans()
        rows: list[tuple[str, Finding | None, str]] = []   # (group heading, finding, colour)
        if returned:
            rows.append(((_("CẤP TRÊN SẼ TRẢ LẠI ({n})") if result.decided_by is None else
                          _("SẼ BỊ TRẢ LẠI KHI TRÌNH KÝ ({n})")).format(n=len(returned)), None,
                         _RETURNED))
            rows += [("", f, _RETURNED) for f in returned]
        if to_fix:
            rows.append((_("NÊN SỬA ({n})").format(n=len(to_fix)), None, _FIX))
            rows += [("", f, _FIX) for f in to_fix]
        table.setRowCount(len(rows))
        self.findings = []
        for row, (group, finding, tone) in enumerate(rows):
            if finding is None:
                item = QTableWidgetItem(group)
                bold = QFont(item.font())
                bold.setBold(True)
                item.setFont(bold)
                item.setForeground(QBrush(QColor(tone)))
                table.setItem(row, 0, item)
                table.setSpan(row, 0, 1, 5)
                table.removeCellWidget(row, 4)
                continue
            self.findings.append(finding)
            cells = (self.document_names.get(finding.document, finding.document),
                     finding.subject, finding.message, finding.fix)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{finding.code}\n{text}")
                if col == 2:
                    item.setForeground(QBrush(QColor(tone)))
                table.setItem(row, col, item)
            label = go_to_label(finding.target)
            if label:
                button = QPushButton(label)
                button.clicked.connect(lambda _c=False, f=finding: self.go_to.emit(f))
                table.setCellWidget(row, 4, button)
            else:
                table.removeCellWidget(row, 4)
                table.setItem(row, 4, QTableWidgetItem(""))
