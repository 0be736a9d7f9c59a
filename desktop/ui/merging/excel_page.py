"""The Excel route: a former unit's staff list, its columns matched and what the list does
not say chosen, as in the people import (its reading, mapping and checks are reused). Rows
naming someone already in the registry are not errors here: they become pairs to confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWizardPage,
)

from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.operations import importing as imp
from desktop.core.operations import merging
from desktop.ui.import_preview import error_label, fill_column_choices, show_error
from desktop.ui.numbers import YearField
from desktop.ui.runner import run_with_progress

if TYPE_CHECKING:
    from desktop.ui.merging.wizard import MergeWizard


class ExcelPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._headers: tuple[str, ...] | None = None
        self.setTitle(_("Cột của danh sách và giá trị còn thiếu"))
        self.setSubTitle(_("Cột đã được đoán theo tiêu đề; chỉ “Họ và tên” là bắt buộc. Người "
                           "đã có trong danh sách sẽ được đưa ra để xác nhận, không bị coi là "
                           "lỗi."))
        self.columns: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for n, f in enumerate(imp.FIELDS):
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._changed)
            label = QLabel(f.label + ":")
            label.setBuddy(combo)
            grid.addWidget(label, n // 2, (n % 2) * 2)
            grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
            self.columns[f.key] = combo
        row = (len(imp.FIELDS) + 1) // 2
        today = wizard.context.today()
        # typed, never clamped (as in the staff-list import): a year out of range stays as
        # typed, the field says why, and the page does not go on
        self.year = YearField(today.year - 1, 1945, today.year)
        self.year.setMaximum(today.year, _("năm nay"))
        self.year.valueChanged.connect(self._changed)
        year_label = QLabel(_("Năm của cột &xếp loại:"))
        year_label.setBuddy(self.year)
        grid.addWidget(year_label, row, 0)
        grid.addWidget(self.year, row, 1)
        self.defaults: dict[str, QComboBox] = {}
        for n, key in enumerate(k.key for k in imp.FIELDS
                                if k.when_missing is imp.WhenMissing.CONFIRM):
            combo = QComboBox()
            combo.addItem(_("— Hãy chọn —"), None)
            for value, text in imp.default_choices(key):
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(self._changed)
            label = QLabel(_("{label} cho dòng không ghi:").format(label=imp.BY_KEY[key].label))
            label.setBuddy(combo)
            grid.addWidget(label, row + 1 + n, 0)
            grid.addWidget(combo, row + 1 + n, 1, 1, 3)
            self.defaults[key] = combo
        self.skip = QCheckBox(_("&Bỏ qua các dòng lỗi (có danh sách) và nhận các dòng hợp lệ"))
        self.need = QLabel()
        self.need.setWordWrap(True)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.need)
        layout.addWidget(self.skip)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        table = self._wizard.table
        assert table is not None
        if table.headers != self._headers:
            self._headers = table.headers
            year = fill_column_choices(self.columns, table)
            if year is not None and self.year.minimum() <= year <= self.year.maximum():
                self.year.setValue(year)
        show_error(self.error, None)
        self._changed()

    def mapping(self) -> dict[str, int]:
        return {k: int(c.currentData()) for k, c in self.columns.items()
                if c.currentData() is not None and int(c.currentData()) >= 0}

    def chosen_defaults(self) -> dict[str, str]:
        return {k: str(c.currentData()) for k, c in self.defaults.items()
                if c.currentData() is not None}

    def options(self) -> imp.ImportOptions:
        mapping = self.mapping()
        return imp.ImportOptions(today=self._wizard.context.today(),
                                 rating_year=self.year.year() if "rating" in mapping else None,
                                 defaults=self.chosen_defaults())

    def _needed(self) -> list[str]:
        table = self._wizard.table
        if table is None or "full_name" not in self.mapping():
            return []
        needs = imp.needed_defaults(table, self.mapping(),
                                    imp.ImportOptions(today=self._wizard.context.today()), {})
        chosen = self.chosen_defaults()
        return [d.label for d in needs if d.must_confirm and d.key not in chosen]

    def _changed(self, *_args: object) -> None:
        self.year.setEnabled("rating" in self.mapping())
        needed = self._needed()
        if "full_name" not in self.mapping():
            self.need.setText(_("Hãy chọn cột “Họ và tên”."))
        elif self._year_problem():
            self.need.setText(_("Năm của cột xếp loại: {p}").format(p=self._year_problem()))
        elif needed:
            self.need.setText(_("Có dòng không ghi {fields}: hãy chọn giá trị cho các dòng đó.")
                              .format(fields=", ".join(needed)))
        else:
            self.need.setText("")
        self.completeChanged.emit()

    def _year_problem(self) -> str:
        return self.year.problem() if "rating" in self.mapping() else ""

    def isComplete(self) -> bool:
        return ("full_name" in self.mapping() and not self._needed()
                and not self._year_problem())

    def validatePage(self) -> bool:
        ctx, table = self._wizard.context, self._wizard.table
        assert table is not None

        def load() -> merging.SourceRegistry | UserError:
            try:
                return merging.load_excel(ctx.store, ctx.catalog, table, self.mapping(),
                                          self.options(), skip_bad_rows=self.skip.isChecked())
            except UserError as exc:
                return exc

        outcome = run_with_progress(self, _("Đang kiểm tra danh sách…"), load)
        if isinstance(outcome, ValidationError):
            lines = [p.message for p in outcome.problems[:12]]
            more = len(outcome.problems) - len(lines)
            text = outcome.message.split("\n")[0] + "\n" + "\n".join(lines)
            if more > 0:
                text += "\n" + _("… và {n} lỗi khác.").format(n=more)
            show_error(self.error, UserError(text))
            return False
        if isinstance(outcome, UserError):
            show_error(self.error, outcome)
            return False
        if outcome is None:
            return False
        self._wizard.source = outcome
        return True
