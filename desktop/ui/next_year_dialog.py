"""Next year at a glance: for each person in the list, the next title up and what it needs.

Built from the list as it is shown (search and filter applied), so the officer can narrow it
to one department or to those eligible this year. Long lists are cut at MAX_PEOPLE.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.operations import eligibility as el
from desktop.ui.context import AppContext
from desktop.ui.eligibility_panel import verdict_label
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.runner import run_with_progress

MAX_PEOPLE = 2000

Row = tuple[str, str, str, str]


def plan_rows(context: AppContext, model: PagedTableModel, year: int) -> tuple[list[Row], int]:
    """(name, next title, verdict, what is missing) for the people shown, lowest title first."""
    unit = context.unit()
    province = unit.province if unit else "default"
    rows: list[Row] = []
    rules = context.catalog.for_review(year + 1, context.today())   # next_steps reviews year+1
    count = min(model.rowCount(), MAX_PEOPLE)
    for row in range(count):
        person = model.row_at(row)
        if person is None or person.id is None:
            continue
        steps = el.next_steps(context.store, rules,
                              SubjectRef(SubjectKind.PERSON, person.id), year, province)
        if not steps:
            rows.append((person.full_name, "", "", _("(đã có danh hiệu cao nhất xét ở cơ sở)")))
            continue
        # the ladder of emulation titles first (LĐTT → CSTĐCS → CSTĐ tỉnh), then forms
        step = min(steps, key=lambda s: (not rules.titles[s.code].is_title,
                                         rules.titles[s.code].rank))
        rows.append((person.full_name, step.name, verdict_label(step.verdict),
                     "; ".join(step.missing) or _("không thiếu gì")))
    return rows, model.rowCount()


class NextYearDialog(QDialog):
    def __init__(self, context: AppContext, model: PagedTableModel, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Năm {y}: mỗi người còn cần gì").format(y=year + 1))
        self.resize(1150, 620)
        result = run_with_progress(parent, _("Đang xét danh hiệu năm sau…"),
                                   lambda: plan_rows(context, model, year))
        rows, total = result if result else ([], 0)
        self.rows = rows
        note = QLabel(_("Danh hiệu tiếp theo của từng người trong danh sách đang hiện "
                        "(theo tìm kiếm và bộ lọc), và những gì còn thiếu để đạt trong năm {y}.")
                      .format(y=year + 1))
        note.setWordWrap(True)
        if total > MAX_PEOPLE:
            note.setText(note.text() + " " + _("Chỉ hiện {n} người đầu; hãy thu hẹp danh sách "
                                               "bằng tìm kiếm hoặc bộ lọc.").format(n=MAX_PEOPLE))
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setHorizontalHeaderLabels([_("Họ và tên"), _("Danh hiệu tiếp theo"),
                                              _("Năm sau"), _("Còn cần")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        for col, width in enumerate((200, 240, 150)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        copy = QPushButton(_("&Chép bảng"))
        copy.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def copy(self) -> None:
        """Tab-separated, so it pastes into Excel as a table."""
        lines = ["\t".join(r) for r in self.rows]
        QApplication.clipboard().setText("\n".join(lines))
