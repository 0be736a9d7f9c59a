"""Merge a former unit's registry into this one (Tệp → Hợp nhất dữ liệu đơn vị cũ…):
choose its database (read-only) or its Excel staff list and name the former unit; see the
plan; decide each pair side by side; merge everything in one transaction after a backup;
undo at once if it was a mistake.

The main window opens it with `w = MergeWizard(ctx, self); w.exec(); refresh(w.changes)`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.former import REFORM_DATE, FormerUnit
from desktop.core.operations import importing as imp
from desktop.core.operations import merging, work_units
from desktop.ui.context import AppContext
from desktop.ui.import_preview import error_label, show_error
from desktop.ui.merging.excel_page import ExcelPage
from desktop.ui.merging.pairs_page import PairsPage
from desktop.ui.runner import run_with_progress

SOURCE, EXCEL_COLUMNS, PLAN, PAIRS, CONFIRM, RESULT = range(6)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _captured(work: Any) -> Any:
    def run() -> Any:
        try:
            return work()
        except UserError as exc:
            return exc
    return run


# ---- page 1: where the former unit's registry is --------------------------------------------


class SourcePage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Dữ liệu của đơn vị cũ"))
        self.setSubTitle(_("Chọn nơi có danh sách của xã, phường cũ và ghi tên đơn vị cũ như "
                           "văn bản sẽ ghi. Dữ liệu của đơn vị cũ chỉ được đọc, không bị sửa; "
                           "chưa có gì được ghi cho đến bước cuối."))
        self.from_database = QRadioButton(_("Dữ liệu của phần mềm này ở đơn vị cũ (&thư mục "
                                            "dữ liệu hoặc thư mục hồ sơ)"))
        self.from_excel = QRadioButton(_("Danh sách cán bộ của đơn vị cũ trong &Excel/CSV"))
        self.from_database.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.from_database)
        group.addButton(self.from_excel)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("Chưa chọn"))
        self.browse = QPushButton(_("&Chọn…"))
        self.browse.clicked.connect(self._browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = error_label()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("ví dụ: xã Tân Lập"))
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.code = QLineEdit()
        self.code.setMaxLength(24)
        self.merged_on = QDateEdit()
        self.merged_on.setDisplayFormat("dd/MM/yyyy")
        self.merged_on.setCalendarPopup(True)
        self.merged_on.setDate(QDate(REFORM_DATE.year, REFORM_DATE.month, REFORM_DATE.day))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        name_label = QLabel(_("Tên đơn vị cũ (&như văn bản ghi):"))
        name_label.setBuddy(self.name)
        code_label = QLabel(_("&Mã đơn vị cũ:"))
        code_label.setBuddy(self.code)
        date_label = QLabel(_("Ngày hợp nhất:"))
        date_label.setBuddy(self.merged_on)
        form.addRow(name_label, self.name)
        form.addRow(code_label, self.code)
        form.addRow(date_label, self.merged_on)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("hint")
        self.name.textChanged.connect(self._show_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.from_database)
        layout.addWidget(self.from_excel)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addStretch(1)

    def _show_label(self, text: str) -> None:
        label = FormerUnit(None, text).label if text.strip() else ""
        self.preview_label.setText(_("Văn bản sẽ ghi: “{label}”; quyết định của các cơ quan "
                                     "của đơn vị này ghi thêm “(cũ)”.").format(label=label)
                                   if label else "")

    def _browse(self) -> None:
        if self.from_excel.isChecked():
            name, _filter = QFileDialog.getOpenFileName(
                self, _("Chọn danh sách của đơn vị cũ"), "",
                _("Bảng tính (*.xlsx *.xlsm *.xls *.csv *.txt)"))
            if name:
                self._wizard.choose_excel(Path(name))
            return
        folder = QFileDialog.getExistingDirectory(self, _("Chọn thư mục dữ liệu của đơn vị cũ"))
        if folder:
            self._wizard.choose_database(Path(folder))

    def show_loaded(self, path: Path, what: str, error: UserError | None) -> None:
        self.path.setText(str(path))
        self.status.setText(what)
        show_error(self.error, error)
        self.completeChanged.emit()

    def former(self) -> FormerUnit:
        d = self.merged_on.date()
        return FormerUnit(None, self.name.text(), date(d.year(), d.month(), d.day()),
                          code=self.code.text())

    def set_former(self, former: FormerUnit) -> None:
        if former.name:
            self.name.setText(former.name)
        if former.code:
            self.code.setText(former.code)

    def isComplete(self) -> bool:
        wizard = self._wizard
        loaded = wizard.source is not None if not wizard.excel else wizard.table is not None
        return loaded and bool(self.name.text().strip())

    def nextId(self) -> int:
        return EXCEL_COLUMNS if self._wizard.excel else PLAN


# ---- page 3: the plan -----------------------------------------------------------------------


class PlanPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Kế hoạch hợp nhất"))
        self.setSubTitle(_("Những gì sẽ được đưa vào danh sách. Chưa có gì được ghi."))
        self.summary = QTextBrowser()
        self.skip = QCheckBox(_("&Bỏ qua các bản ghi không hợp lệ của đơn vị cũ (đã liệt kê)"))
        self.skip.toggled.connect(lambda _on: self.completeChanged.emit())
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.skip)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        self._wizard.make_plan()
        self.show_plan(self._wizard.plan)

    def show_plan(self, plan: merging.MergePlan | None) -> None:
        self.skip.setVisible(bool(plan and plan.rejected))
        if plan is None:
            self.summary.clear()
            self.completeChanged.emit()
            return
        show_error(self.error, None)
        self.summary.setHtml(plan_html(plan))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self._wizard.plan
        return plan is not None and (not plan.rejected or self.skip.isChecked())

    def nextId(self) -> int:
        plan = self._wizard.plan
        return PAIRS if plan is not None and plan.pairs else CONFIRM


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plan_html(plan: merging.MergePlan) -> str:
    former = plan.former
    lines = [f"<p><b>{_esc(former.label)}</b> — "
             + _esc(_("mã {code}, hợp nhất ngày {d}; nguồn: {src}.").format(
                 code=former.code or "—", d=former.merged_on.strftime("%d/%m/%Y"),
                 src=plan.source.describe())) + "</p>"]
    if former.id is not None:
        lines.append("<p>" + _esc(_("Đơn vị cũ này đã có trong danh sách đơn vị cũ.")) + "</p>")
    lines.append("<ul>")
    items = [
        _("Thêm mới {n} người (chưa có trong danh sách).").format(n=len(plan.new_people)),
        _("{n} cặp có thể là cùng một người: {k} chắc chắn (cùng số CCCD, họ tên và ngày "
          "sinh), {u} cần cán bộ xem và quyết định.").format(
              n=len(plan.pairs), k=len(plan.certain_pairs), u=len(plan.uncertain_pairs)),
        _("{n} chỗ hai danh sách ghi khác nhau cho cùng một năm: cán bộ chọn bản đúng.")
        .format(n=plan.conflicts),
        _("Thêm {n} tập thể.").format(n=len(plan.collectives)),
        _("{n} quyết định, công nhận của cơ quan đơn vị cũ được ghi thêm “(cũ)”.")
        .format(n=plan.marked),
    ]
    lines += [f"<li>{_esc(t)}</li>" for t in items]
    lines.append("</ul>")
    if plan.collectives_already:
        lines.append("<p>" + _esc(_("{n} tập thể của đơn vị cũ đã được đưa vào ở lần hợp nhất "
                                    "trước, không thêm lại.").format(
                                        n=plan.collectives_already)) + "</p>")
    renamed = [c for c in plan.collectives if c.renamed]
    if renamed:
        lines.append("<p>" + _esc(_("Tập thể trùng tên được ghi kèm tên đơn vị cũ: {names}.")
                                  .format(names="; ".join(c.name for c in renamed))) + "</p>")
    if plan.rejected:
        lines.append("<p><b>" + _esc(_("Không nhận được {n} bản ghi (dữ liệu không hợp lệ):")
                                     .format(n=len(plan.rejected))) + "</b></p><ul>")
        lines += [f"<li>{_esc(r.name)}: {_esc('; '.join(p.message for p in r.problems))}</li>"
                  for r in plan.rejected]
        lines.append("</ul>")
    if plan.new_people:
        names = ", ".join(p.name for p in plan.new_people[:40])
        more = len(plan.new_people) - 40
        lines.append("<p>" + _esc(_("Người thêm mới: {names}").format(names=names))
                     + (_esc(_(" và {n} người khác").format(n=more)) if more > 0 else "")
                     + ".</p>")
    return "".join(lines)


# ---- page 5: confirm; page 6: result --------------------------------------------------------


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Hợp nhất"))
        self.setSubTitle(_("Kiểm tra lần cuối. Trước khi ghi, phần mềm sao lưu dữ liệu; mọi "
                           "thay đổi được ghi một lần và vào nhật ký."))
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        plan = self._wizard.plan
        assert plan is not None
        decisions = self._wizard.decisions()
        merge = sum(1 for d in decisions.values() if d.merge)
        keep = sum(1 for d in decisions.values() if not d.merge)
        self.summary.setText(_(
            "Từ {src}:\n• thêm {new} người mới và {keep} người trùng tên nhưng là người khác;\n"
            "• gộp {merge} người vào người đã có (quá trình khen thưởng được cộng lại, tính "
            "liên tục qua thời điểm hợp nhất);\n• thêm {groups} tập thể;\n• ghi đơn vị cũ "
            "“{label}”.").format(src=plan.source.describe(), new=len(plan.new_people),
                                 keep=keep, merge=merge, groups=len(plan.collectives),
                                 label=plan.former.label))
        show_error(self.error, None)

    def validatePage(self) -> bool:
        return self._wizard.commit()


class ResultPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Đã hợp nhất"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.restore = QLabel()
        self.restore.setWordWrap(True)
        self.restore.setObjectName("hint")
        self.undo = QPushButton(_("&Hoàn tác hợp nhất"))
        self.undo.clicked.connect(wizard.undo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.restore)
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_result(self, result: merging.MergeResult, restore: str) -> None:
        self.text.setText(_("Đã thêm {a} người, gộp {m} người vào người đã có, thêm {c} tập "
                            "thể. Lần hợp nhất này được ghi vào nhật ký (mã {id}).").format(
                                a=len(result.added), m=len(result.merged),
                                c=len(result.collectives), id=result.audit_id))
        self.restore.setText(restore)

    def show_undone(self) -> None:
        self.setTitle(_("Đã hoàn tác hợp nhất"))
        self.text.setText(_("Danh sách đã trở lại như trước khi hợp nhất."))
        self.undo.setEnabled(False)


# ---- the wizard ------------------------------------------------------------------------------


class MergeWizard(QWizard):
    """After exec(): `changes` says what was written (or undone)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.excel = False
        self.source: merging.SourceRegistry | None = None
        self.table: imp.RawTable | None = None
        self.plan: merging.MergePlan | None = None
        self.result_: merging.MergeResult | None = None
        self.changes = Changes()
        self.setWindowTitle(_("Hợp nhất dữ liệu đơn vị cũ"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Tiếp >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Quay lại"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Hợp nhất"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Xong"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Hủy"))
        self.source_page = SourcePage(self)
        self.excel_page = ExcelPage(self)
        self.plan_page = PlanPage(self)
        self.pairs_page = PairsPage(self)
        self.confirm_page = ConfirmPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in ((SOURCE, self.source_page), (EXCEL_COLUMNS, self.excel_page),
                              (PLAN, self.plan_page), (PAIRS, self.pairs_page),
                              (CONFIRM, self.confirm_page), (RESULT, self.result_page)):
            self.setPage(page_id, page)
        self.resize(1180, 700)  # fits a 1366×768 screen with the taskbar

    def title_name(self, code: str) -> str:
        info = self.context.catalog.titles.get(code)
        return info.short_name if info else code

    def work_unit_name(self, work_unit_id: int) -> str:
        unit = work_units.get_work_unit(self.context.store, work_unit_id)
        return unit.name if unit is not None else ""

    # The steps, callable from tests without the file dialogs.

    def choose_database(self, path: Path, profile: str | None = None) -> bool:
        ctx = self.context
        self.excel, self.table, self.plan = False, None, None
        self.source_page.from_database.setChecked(True)
        outcome = run_with_progress(self, _("Đang đọc dữ liệu của đơn vị cũ…"), _captured(
            lambda: merging.load_database(ctx.store, path, profile)))
        if isinstance(outcome, merging.SourceRegistry):
            self.source = outcome
            self.source_page.set_former(outcome.suggested_former)
            self.source_page.show_loaded(path, _("{what}: {n} người, {c} tập thể.").format(
                what=_capital(outcome.describe()), n=len(outcome.people),
                c=len(outcome.collectives)), None)
            return True
        self.source = None
        self.source_page.show_loaded(path, "", outcome if isinstance(outcome, UserError)
                                     else None)
        return False

    def choose_excel(self, path: Path) -> bool:
        self.excel, self.source, self.plan = True, None, None
        self.source_page.from_excel.setChecked(True)
        outcome = run_with_progress(self, _("Đang đọc tệp {name}…").format(name=path.name),
                                    _captured(lambda: imp.read_table(path)))
        if isinstance(outcome, imp.RawTable):
            self.table = outcome
            self.source_page.show_loaded(path, outcome.describe() + ". " + _(
                "{n} dòng.").format(n=len(outcome.rows)), None)
            return True
        self.table = None
        self.source_page.show_loaded(path, "", outcome if isinstance(outcome, UserError)
                                     else None)
        return False

    def make_plan(self) -> None:
        source, ctx = self.source, self.context
        if source is None:
            self.plan = None
            return
        former = self.source_page.former()
        outcome = run_with_progress(self, _("Đang so sánh hai danh sách…"), _captured(
            lambda: merging.plan_merge(ctx.store, ctx.catalog, source, former, ctx.today())))
        self.plan = outcome if isinstance(outcome, merging.MergePlan) else None
        if isinstance(outcome, UserError):
            show_error(self.plan_page.error, outcome)

    def decisions(self) -> dict[str, merging.PairDecision]:
        plan = self.plan
        if plan is None:
            return {}
        return {k: v for k, v in self.pairs_page.decisions.items() if plan.pair(k)}

    def commit(self) -> bool:
        plan, ctx = self.plan, self.context
        if plan is None:
            return False
        decisions = self.decisions()
        skip = self.plan_page.skip.isChecked()
        outcome = run_with_progress(self, _("Đang hợp nhất…"), _captured(
            lambda: merging.commit_merge(ctx.store, ctx.catalog, plan, decisions, ctx.actor,
                                         skip_rejected=skip)))
        if not isinstance(outcome, merging.MergeResult):
            show_error(self.confirm_page.error, outcome if isinstance(outcome, UserError)
                       else None)
            return False
        self.result_ = outcome
        self.changes = outcome.changes
        self.result_page.show_result(outcome, merging.restore_hint(outcome, ctx.store.path))
        return True

    def undo(self) -> None:
        if self.result_ is None:
            return
        asked = QMessageBox.question(
            self, _("Hoàn tác hợp nhất"),
            _("Bỏ toàn bộ lần hợp nhất này: xóa những người, tập thể vừa thêm và trả những "
              "người đã gộp về như trước?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if asked != QMessageBox.StandardButton.Yes:
            return
        self.undo_now()

    def undo_now(self) -> bool:
        result, ctx = self.result_, self.context
        if result is None:
            return False
        outcome = run_with_progress(self, _("Đang hoàn tác…"), _captured(
            lambda: merging.undo_merge(ctx.store, result.audit_id, ctx.actor)))
        if isinstance(outcome, UserError):
            QMessageBox.warning(self, _("Không hoàn tác được"),
                                outcome.message + "\n\n" + outcome.hint)
            return False
        if isinstance(outcome, Changes):
            self.changes = self.changes | outcome
            self.result_page.show_undone()
            return True
        return False

    def reject(self) -> None:
        """Once merged, closing the wizard any way reports the changes to the window."""
        if self.result_ is not None:
            self.accept()
        else:
            super().reject()
