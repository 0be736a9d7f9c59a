"""The main window's menu actions that open other windows and dialogs (import, export,
merge, backup, ratings, rounds, the year's tasks, keys, verification, law packs, help…): a
mixin, so the window itself keeps the lists, search and editing (and stays under 700 lines).

Every window is imported when first opened: the list must paint as soon as possible
(start-up budget, DESIGN §8)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.numbers import YearField
from desktop.ui.paged_model import PagedTableModel


class WindowActions(QMainWindow):
    """What MainWindow provides and these actions use."""

    context: AppContext
    filter_year: YearField
    people_model: PagedTableModel
    tabs: QTabWidget
    _rounds_window: QMainWindow | None

    def apply_changes(self, changes: Changes) -> None:
        raise NotImplementedError

    def refresh_titles(self) -> None:
        raise NotImplementedError

    def _fill_filter_titles(self) -> None:
        raise NotImplementedError

    def import_file(self) -> None:
        from desktop.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.context, self)
        if wizard.exec():
            self.apply_changes(wizard.changes)
            self.statusBar().showMessage(_("Đã nhập {n} người.").format(n=wizard.imported), 10000)

    def export_excel(self) -> None:
        from desktop.ui.list_exports import export_main_list
        from desktop.ui.main_window import MainWindow

        assert isinstance(self, MainWindow)
        if export_main_list(self) is not None:
            self.statusBar().showMessage(_("Đã xuất danh sách ra Excel."), 10000)

    def export_decisions(self) -> None:
        from desktop.ui.list_exports import export_year_decisions

        export_year_decisions(self, self.context,
                              self.filter_year.year() or self.context.today().year)

    def merge_former_unit(self) -> None:
        from desktop.ui.merging.wizard import MergeWizard

        wizard = MergeWizard(self.context, self)
        wizard.exec()
        if wizard.result_ is not None:
            self.apply_changes(wizard.changes)
            self.refresh_titles()
            self.statusBar().showMessage(_("Đã hợp nhất dữ liệu đơn vị cũ."), 10000)

    def undo_last_merge(self) -> None:
        from desktop.core.operations import merging

        ctx = self.context
        pending = [m for m in (attempt(self, lambda: merging.merges(ctx.store), ctx.store) or [])
                   if not m.undone]
        if not pending:
            QMessageBox.information(self, _("Hoàn tác hợp nhất"),
                                    _("Chưa có lần hợp nhất nào để hoàn tác."))
            return
        last = pending[0]
        asked = QMessageBox.question(
            self, _("Hoàn tác hợp nhất"),
            _("Hoàn tác lần hợp nhất “{summary}” (nhật ký mã {id})? Những người, tập thể đã "
              "thêm sẽ bị xóa, những người đã gộp trở lại như trước.").format(
                  summary=last.summary, id=last.audit_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if asked != QMessageBox.StandardButton.Yes:
            return
        changes = attempt(self, lambda: merging.undo_merge(ctx.store, last.audit_id, ctx.actor),
                          ctx.store)
        if changes is not None:
            self.apply_changes(changes)
            self.statusBar().showMessage(_("Đã hoàn tác lần hợp nhất."), 10000)

    def backup_now(self) -> None:
        path = attempt(self, self.context.store.backup, self.context.store)
        if path is not None:
            self.statusBar().showMessage(_("Đã sao lưu: {path}").format(path=path), 10000)

    def backup_to_folder(self) -> None:
        from desktop.ui.backup_dialog import BackupDialog

        BackupDialog(self.context, self).exec()

    def edit_unit(self) -> None:
        from desktop.ui.unit_form import UnitDialog

        if UnitDialog(self.context, self).exec():
            self.refresh_titles()

    def show_next_year(self) -> None:
        from desktop.ui.next_year_dialog import NextYearDialog

        self.tabs.setCurrentIndex(0)
        year = self.filter_year.year() or self.context.today().year
        NextYearDialog(self.context, self.people_model, year, self).exec()

    def show_ratings(self) -> None:
        from desktop.ui.ratings_grid import RatingsGrid

        grid = RatingsGrid(self.context, self.filter_year.year(), self)
        grid.exec()
        self.apply_changes(grid.changes)

    def import_ratings(self) -> None:
        from desktop.ui.ratings_import import RatingsImportDialog

        year = self.filter_year.year() or self.context.today().year
        dialog = RatingsImportDialog(self.context, min(year, self.context.today().year), self)
        dialog.browse()
        if dialog.path is not None:
            dialog.exec()
        self.apply_changes(dialog.changes)

    def show_rounds(self) -> None:
        from desktop.ui.rounds.rounds_window import open_rounds_window

        if self._rounds_window is None:
            self._rounds_window = open_rounds_window(self.context, self)
        if self._rounds_window is not None:
            self._rounds_window.show()
            self._rounds_window.raise_()
            self._rounds_window.activateWindow()

    def show_year_tasks(self) -> None:
        """Việc cần làm; "Mở để làm" goes to the round or the registration list."""
        from desktop.ui.year_tasks_view import YearTasksDialog

        dialog = YearTasksDialog(self.context, self)
        dialog.open_task.connect(self.open_task)
        dialog.exec()

    def open_task(self, task: object) -> None:
        from desktop.core.operations.year_tasks import Task

        if not isinstance(task, Task):
            return
        if task.action == "ratings":
            self.show_ratings()
            return
        from desktop.ui.rounds.rounds_window import RoundsWindow

        self.show_rounds()
        window = self._rounds_window
        if not isinstance(window, RoundsWindow):
            return
        if task.action == "registrations":
            window.tabs.setCurrentIndex(1)
        elif task.round_id is not None:
            window.tabs.setCurrentIndex(0)
            window.refresh(select_id=task.round_id)
        else:
            window.tabs.setCurrentIndex(0)
            window.new_round()

    def show_export(self) -> None:
        from desktop.ui.export_dialog import open_export

        attempt(self, lambda: open_export(self.context, self), self.context.store)

    def show_keys(self) -> None:
        from desktop.ui.export_dialog import open_keys

        open_keys(self.context, self)

    def show_verify(self) -> None:
        from desktop.ui.verify_window import VerifyWindow

        VerifyWindow(self.context, self).exec()

    def show_received(self) -> None:
        from desktop.ui.received_window import ReceivedWindow

        ReceivedWindow(self.context, self).exec()

    def show_answers(self) -> None:
        from desktop.ui.received_window import AnswersDialog

        dialog = AnswersDialog(self.context, self)
        dialog.exec()
        if dialog.history_changed:   # decisions were written into people's history
            self.apply_changes(Changes(bulk=True))

    def show_lawpacks(self) -> None:
        from desktop.ui.lawpacks_dialog import LawPacksDialog

        dialog = LawPacksDialog(self.context, self)
        dialog.exec()
        if dialog.changed:   # the rules changed: the title filter lists what is in force now
            self._fill_filter_titles()

    def show_audit(self) -> None:
        from desktop.ui.audit_dialog import AuditDialog

        AuditDialog(self.context, self).exec()

    def show_work_units(self) -> None:
        from desktop.ui.work_units_dialog import WorkUnitsDialog

        dialog = WorkUnitsDialog(self.context, self)
        dialog.exec()
        if dialog.changes.bulk:
            self.apply_changes(dialog.changes)

    def show_register(self) -> None:
        from desktop.ui.register_dialog import RegisterDialog

        attempt(self, lambda: RegisterDialog(self.context, self).exec(), self.context.store)

    def show_list_help(self) -> None:
        from desktop.ui.help_window import show_help  # not needed for the first paint

        show_help(self, "danh_sach")

    def show_shortcuts(self) -> None:
        from desktop.ui.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, _("Giới thiệu"), _(
            "Hồ sơ Khen thưởng {version}\nLập hồ sơ đề nghị khen thưởng theo Luật Thi đua, "
            "khen thưởng 2022 và Nghị định 152/2025/NĐ-CP.\nDữ liệu: {path}")
            .format(version=__version__, path=self.context.store.path))
