"""The main window: people and collectives of the unit, searchable as you type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ConfirmationRequired, UserError
from desktop.core.i18n import _
from desktop.core.model import Changes, Collective, Person
from desktop.core.operations import registry as ops
from desktop.core.text import format_date, mask_national_id
from desktop.ui.context import AppContext
from desktop.ui.empty_state import EmptyState
from desktop.ui.feedback import show_bug, show_user_error
from desktop.ui.main_actions import WindowActions
from desktop.ui.numbers import YearField
from desktop.ui.paged_model import Column, PagedTableModel

# Editors, dialogs and the eligibility engine are imported when first opened: the list must
# paint as soon as possible (start-up budget, DESIGN §8).

SEARCH_DELAY_MS = 120
CollectiveRow = tuple[Collective, int]


def people_columns() -> list[Column[Person]]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        Column(_("Họ và tên"), lambda p: p.full_name, width=210),
        Column(_("Ngày sinh"), lambda p: format_date(p.birth_date), right, width=90),
        Column(_("Giới tính"), lambda p: p.gender.label if p.gender else "", width=70),
        Column(_("Dân tộc"), lambda p: p.ethnicity, width=80),
        Column(_("Chức vụ"), lambda p: p.position, width=170),
        Column(_("Phòng ban, đơn vị"), lambda p: p.department, width=210),
        Column(_("Đối tượng"), lambda p: p.group.label, width=200),
        Column(_("Số CCCD"), lambda p: mask_national_id(p.national_id), width=120),
    ]


def collective_columns() -> list[Column[CollectiveRow]]:
    return [
        Column(_("Tên tập thể"), lambda r: r[0].name, width=320),
        Column(_("Loại"), lambda r: r[0].kind.label, width=180),
        Column(_("Số thành viên"), lambda r: str(r[1]), Qt.AlignmentFlag.AlignRight, width=110),
        Column(_("Ghi chú"), lambda r: r[0].note, width=300),
    ]


class _RowNumbers(QHeaderView):
    """The row-number header. Qt measures a header's size hint from its first and last 100
    sections, four model calls each, every time the hint is invalidated (11 times for the
    people list before its first paint: 8,800 calls into Python). The labels are the row
    numbers, so the hint can only change with the number of rows, the font or the style."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)   # as QTableView's own vertical header
        self.setHighlightSections(True)
        self._hint: tuple[tuple[object, ...], QSize] | None = None

    def sizeHint(self) -> QSize:
        model = self.model()
        key = (model.rowCount() if model is not None else -1, self.font().key(),
               id(self.style()), self.styleSheet(), self.logicalDpiX(),
               self.defaultSectionSize())
        if self._hint is None or self._hint[0] != key:
            self._hint = (key, super().sizeHint())
        return QSize(self._hint[1])


def _make_view(model: PagedTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setVerticalHeader(_RowNumbers(view))
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    # Fixed row heights and column widths: the view never measures all 100,000 rows.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    for col, column in enumerate(model.columns):
        view.setColumnWidth(col, column.width)
    return view


class _AfterFirstPaint(QObject):
    """Runs `work` once, on the event loop's next turn after the watched widget's first paint."""

    def __init__(self, work: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.work: Callable[[], None] | None = work

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.work is not None:
            work, self.work = self.work, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, work)
        return False


class MainWindow(WindowActions):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._last_delete: int | None = None
        self._deleted_national_id = ""
        self._rounds_window: QMainWindow | None = None
        self.successor: MainWindow | None = None   # the window on restored data, if any
        store = context.store

        self.people_model: PagedTableModel[Person] = PagedTableModel(
            people_columns(), lambda q: ops.count_people(store, q),
            lambda q, off, lim, total: ops.people_page(store, q, off, lim, total),
            lambda p: p.id or 0,
            first_page=lambda q, limit: ops.people_first_page(store, q, limit))
        self.collectives_model: PagedTableModel[CollectiveRow] = PagedTableModel(
            collective_columns(), lambda q: ops.count_collectives(store, q),
            self._collective_page, lambda r: r[0].id or 0)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Tìm theo tên, gõ không dấu cũng được (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(340)
        self.search.setMaximumWidth(560)   # the filter row has room; not the whole width
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.focus_list)

        self.people_view = _make_view(self.people_model, self)
        self.collectives_view = _make_view(self.collectives_model, self)
        self.people_view.doubleClicked.connect(lambda _i: self.edit_current())
        # After a new search the old scroll position is meaningless, and leaving it far down
        # makes the row-number header ask about every row (a 3–6 s freeze at 100k people).
        self.people_model.modelReset.connect(self.people_view.scrollToTop)
        self.collectives_model.modelReset.connect(self.collectives_view.scrollToTop)
        self.collectives_view.doubleClicked.connect(lambda _i: self.edit_current())
        # "hơn 2.000" becomes the exact number once typing pauses or the list is scrolled
        self.people_model.countChanged.connect(self._update_count)

        # "đủ điều kiện <title> năm <year>": the registry filter (eligibility issue)
        self.filter_title = QComboBox()
        self.filter_title.setMinimumWidth(260)
        self.filter_title.setToolTip(_("Chỉ hiện những người/tập thể đủ điều kiện danh hiệu "
                                       "đã chọn trong năm xét"))
        # A year typed out of range turns red and says why; the filter keeps the last valid one
        self.filter_year = YearField(context.today().year, show_message=False)
        self.filter_title.activated.connect(lambda _i: self.apply_filter())
        self.filter_year.yearChanged.connect(lambda _y: self.apply_filter())
        self._filters: dict[int, tuple[str, int] | None] = {0: None, 1: None}

        self.tabs = QTabWidget()
        self.tabs.addTab(self.people_view, "")
        self.tabs.addTab(self.collectives_view, "")
        self.tabs.currentChanged.connect(lambda _i: self._on_tab_changed())

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.undo_button = QPushButton(_("Hoàn tác xóa (Ctrl+Z)"))
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo_delete)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.count_label)

        self.people_empty = EmptyState(self.people_view, lambda: self._empty_text(True))
        self.collectives_empty = EmptyState(self.collectives_view,
                                            lambda: self._empty_text(False))
        self._build_actions()
        self.refresh_titles()
        self.resize(1280, 720)
        self.people_view.setFocus()
        if self.people_model.rowCount():  # keyboard users can press Enter at once
            self.people_view.setCurrentIndex(self.people_model.index(0, 0))

    # ---- structure ---------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | QKeySequence = "",
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(f"{text.replace('&', '')} ({QKeySequence(shortcut).toString()})"
                          if shortcut else text.replace("&", ""))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        # Mnemonics are unique across the menu bar, the toolbar's buttons and the tabs (Alt+H
        # opened the "Tập thể" tab instead of the "Gói hồ sơ" menu), and within each menu.
        self.add_action = self._action(_("Thê&m"), self.add_new, "Ctrl+N",
                                       _("Thêm người hoặc tập thể"))
        self.edit_action = self._action(_("&Sửa"), self.edit_current, "F2",
                                        _("Sửa thông tin và quá trình khen thưởng"))
        self.delete_action = self._action(_("Xó&a"), self.delete_current, "Del",
                                          _("Xóa người hoặc tập thể đang chọn (có hỏi lại)"))
        self.undo_action = self._action(_("&Hoàn tác xóa"), self.undo_delete, "Ctrl+Z",
                                        _("Lấy lại người hoặc tập thể vừa xóa"))
        self.undo_action.setEnabled(False)
        self.find_action = self._action(_("&Tìm"), self.focus_search, "Ctrl+F",
                                        _("Tìm theo tên, gõ không dấu cũng được"))
        self.import_action = self._action(_("&Nhập từ Excel/CSV…"), self.import_file, "Ctrl+I",
                                          _("Nhập danh sách cán bộ từ tệp Excel hoặc CSV"))
        self.excel_action = self._action(_("&Xuất danh sách ra Excel…"), self.export_excel,
                                         "Ctrl+E", _("Xuất danh sách đang xem (đúng như đang "
                                                     "tìm, lọc) ra tệp Excel"))
        self.decisions_action = self._action(_("Xuất &khen thưởng của năm ra Excel…"),
                                             self.export_decisions)
        self.backup_action = self._action(_("&Sao lưu ngay"), self.backup_now,
                                          tip=_("Một bản sao trong thư mục dữ liệu"))
        self.backup_to_action = self._action(_("Sao lưu vào thư mục hoặc &USB…"),
                                             self.backup_to_folder,
                                             tip=_("Toàn bộ dữ liệu vào một tệp, ra ổ USB "
                                                   "hoặc thư mục bạn chọn"))
        self.restore_action = self._action(_("Khôi &phục từ bản sao lưu…"), self.restore_backup,
                                           tip=_("Kiểm tra bản sao lưu, sao lưu dữ liệu hiện "
                                                 "tại rồi khôi phục"))
        self.merge_action = self._action(
            _("Hợp nhất dữ liệu đơn vị &cũ…"), self.merge_former_unit,
            tip=_("Đưa danh sách, quá trình khen thưởng của xã, phường cũ (đã sáp nhập) vào "
                  "đơn vị này"))
        self.undo_merge_action = self._action(_("Hoàn tác lần hợp nhất &gần nhất…"),
                                              self.undo_last_merge)
        quit_action = self._action(_("T&hoát"), self.close, "Ctrl+Q")
        unit_action = self._action(_("Thông tin đơn &vị…"), self.edit_unit)
        audit_action = self._action(_("&Nhật ký thay đổi…"), self.show_audit)
        work_units_action = self._action(_("Các đơn vị &trực thuộc…"), self.show_work_units,
                                         tip=_("Phòng, trường, trạm, thôn, hợp tác xã: tên đầy "
                                               "đủ và người đứng đầu"))
        register_action = self._action(_("&Sổ số văn bản…"), self.show_register,
                                       tip=_("Số văn bản tiếp theo và kiểm tra thứ tự số, ngày"))
        lawpacks_action = self._action(_("&Quy định và gói cập nhật…"), self.show_lawpacks,
                                       tip=_("Gói quy định: cài từ tệp hoặc USB, quay lại, "
                                             "khóa tin cậy"))
        people_tab = self._action(_("Danh sách &cá nhân"), lambda: self.tabs.setCurrentIndex(0),
                                  "Ctrl+1")
        groups_tab = self._action(_("Danh sách tậ&p thể"), lambda: self.tabs.setCurrentIndex(1),
                                  "Ctrl+2")
        self.ratings_action = self._action(_("&Xếp loại năm…"), self.show_ratings, "Ctrl+K",
                                           _("Xếp loại và tiêu chí của cả đơn vị trong một "
                                             "bảng"))
        self.import_ratings_action = self._action(
            _("Nhập xếp &loại năm từ Excel/CSV…"), self.import_ratings,
            tip=_("Xếp loại năm cho người đã có trong danh sách"))
        self.next_year_action = self._action(_("&Năm sau: mỗi người còn cần gì…"),
                                             self.show_next_year, "Ctrl+Y")
        self.rounds_action = self._action(_("Đợt xét &khen thưởng…"), self.show_rounds, "Ctrl+R",
                                          _("Đăng ký thi đua, đợt xét, đề nghị và hạn nộp"))
        self.tasks_action = self._action(_("&Việc cần làm…"), self.show_year_tasks, "Ctrl+T",
                                         _("Việc nào đã xong, việc tiếp theo, việc trễ hạn"))
        help_action = self._action(_("&Hướng dẫn sử dụng"), self.show_list_help,
                                   "F1", _("Hướng dẫn của cửa sổ đang mở (F1)"))
        keys_action = self._action(_("&Phím tắt"), self.show_shortcuts, "Ctrl+F1",
                                   _("Danh sách mọi phím tắt"))
        about_action = self._action(_("&Giới thiệu"), self.show_about)

        menu = self.menuBar()
        file_menu = menu.addMenu(_("&Tệp"))
        file_menu.addActions([self.import_action, self.import_ratings_action, self.excel_action,
                              self.decisions_action])
        file_menu.addSeparator()
        file_menu.addActions([self.merge_action, self.undo_merge_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_to_action, self.restore_action, self.backup_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        list_menu = menu.addMenu(_("&Danh sách"))
        list_menu.addActions([self.add_action, self.edit_action, self.delete_action,
                              self.undo_action])
        list_menu.addSeparator()
        list_menu.addActions([self.find_action, people_tab, groups_tab])
        list_menu.addSeparator()
        list_menu.addActions([self.ratings_action, self.next_year_action])
        rounds_menu = menu.addMenu(_("Đợt &xét"))
        rounds_menu.addActions([self.tasks_action, self.rounds_action])
        # Gói hồ sơ: what leaves the unit and what comes back (issue 6)
        self.package_menu = menu.addMenu(_("Gói &hồ sơ"))
        self.package_menu.addActions([
            self._action(_("&Xuất gói hồ sơ…"), self.show_export),
            self._action(_("Khóa &ký của đơn vị…"), self.show_keys),
            self._action(_("Kiểm &tra gói…"), self.show_verify),
            self._action(_("Hồ sơ đã &nhận (cấp tỉnh)…"), self.show_received),
            self._action(_("Nhập &biên nhận / quyết định…"), self.show_answers)])
        unit_menu = menu.addMenu(_("Đơn &vị"))
        unit_menu.addActions([unit_action, work_units_action, register_action, audit_action,
                              lawpacks_action])
        help_menu = menu.addMenu(_("Trợ &giúp"))
        help_menu.addActions([help_action, keys_action, about_action])

        bar = QToolBar(_("Công cụ"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.add_action, self.edit_action, self.delete_action])
        bar.addSeparator()
        bar.addAction(self.import_action)
        bar.addAction(self.rounds_action)   # Việc cần làm stays in the menu
        self.addToolBar(bar)
        # Search and filter on their own row: on one row with the actions, the year field
        # fell behind the overflow arrow at 1280 px (and at 1366 px with larger fonts).
        finder = QToolBar(_("Tìm và lọc"))
        finder.setObjectName("filter-toolbar")
        finder.setMovable(False)
        finder.addWidget(QLabel(_(" Tìm: ")))
        finder.addWidget(self.search)
        finder.addSeparator()
        finder.addWidget(QLabel(_(" Lọc: ")))
        finder.addWidget(self.filter_title)
        finder.addWidget(QLabel(_(" năm ")))
        finder.addWidget(self.filter_year)
        self.addToolBarBreak()
        self.addToolBar(finder)
        # After the first paint of the list (not merely the first turn of the event loop,
        # which can come before it): loads forms/ (the catalog) and fills the title filter.
        self._after_first_paint = _AfterFirstPaint(self._fill_filter_titles, self)
        self.people_view.viewport().installEventFilter(self._after_first_paint)
        # Enter on a row opens it, as officers expect from a list.
        for view in (self.people_view, self.collectives_view):
            enter = QAction(view)
            enter.setStatusTip(_("Mở người hoặc tập thể đang chọn"))
            enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
            enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            enter.triggered.connect(self.edit_current)
            view.addAction(enter)

    # ---- state -------------------------------------------------------------------------------

    def _collective_page(self, query: str, offset: int, limit: int, _total: int
                         ) -> list[CollectiveRow]:
        store = self.context.store
        items = ops.collectives_page(store, query, offset, limit)
        counts = ops.member_counts(store, [c.id for c in items if c.id is not None])
        return [(c, counts.get(c.id or 0, 0)) for c in items]

    def _empty_text(self, people: bool) -> str:
        """What to do next when a list shows nobody."""
        query = self.search.text().strip()
        if query:
            return _("Không có ai khớp với “{q}”. Xóa ô tìm hoặc gõ cách khác (không dấu cũng "
                     "được).").format(q=query)
        if self.filter_title.currentData():
            return _("Không có ai đủ điều kiện danh hiệu đang lọc trong năm này. Chọn "
                     "“(tất cả)” ở ô Lọc để xem cả danh sách.")
        if people:
            return _("Chưa có ai trong danh sách.\n\nBấm “Thêm” (Ctrl+N) để nhập từng người, "
                     "hoặc Tệp → Nhập từ Excel/CSV… (Ctrl+I) nếu đã có danh sách cán bộ.\n"
                     "Đợt xét → Việc cần làm… (Ctrl+T) cho biết việc tiếp theo của năm.")
        return _("Chưa có tập thể nào.\n\nBấm “Thêm” (Ctrl+N) ở thẻ này để thêm phòng, ban, "
                 "thôn, tổ dân phố, trường…, rồi chọn thành viên từ danh sách cá nhân.")

    def on_people_tab(self) -> bool:
        return self.tabs.currentIndex() == 0

    def current_view(self) -> QTableView:
        return self.people_view if self.on_people_tab() else self.collectives_view

    def current_model(self) -> PagedTableModel:
        return self.people_model if self.on_people_tab() else self.collectives_model

    def current_id(self) -> int | None:
        index = self.current_view().currentIndex()
        return self.current_model().id_at(index.row()) if index.isValid() else None

    def refresh_titles(self) -> None:
        people = ops.count_people(self.context.store)
        groups = ops.count_collectives(self.context.store)
        self.tabs.setTabText(0, _("&Cá nhân ({n})").format(n=f"{people:,}".replace(",", ".")))
        self.tabs.setTabText(1, _("Tậ&p thể ({n})").format(n=f"{groups:,}".replace(",", ".")))
        unit = self.context.unit()
        self.setWindowTitle(_("Hồ sơ Khen thưởng – {unit}").format(unit=unit.name if unit else ""))
        self._update_count()

    def _update_count(self) -> None:
        model = self.current_model()
        shown = f"{model.more_than:,}".replace(",", ".")
        if not model.count_exact:
            shown = _("hơn {n}").format(n=shown)
        active = self._filters.get(self.tabs.currentIndex())
        if active:
            name = self.context.catalog.title(active[0]).short_name
            self.count_label.setText(_("Đủ điều kiện {t} năm {y}: {n}")
                                     .format(t=name, y=active[1], n=shown))
        elif model.query:
            self.count_label.setText(_("Tìm thấy {n}").format(n=shown))
        else:
            self.count_label.setText(_("{n} dòng").format(n=shown))

    def apply_changes(self, changes: Changes) -> None:
        """Reload what an operation changed (models keep no rows, so a reload is cheap)."""
        if changes.people or changes.bulk:
            self.people_model.reload()
        if changes.collectives or changes.bulk or changes.people:
            self.collectives_model.reload()
        self.refresh_titles()

    # ---- the eligibility filter ------------------------------------------------------------

    def _fill_filter_titles(self) -> None:
        subject = "individual" if self.on_people_tab() else "collective"
        self.filter_title.blockSignals(True)
        self.filter_title.clear()
        self.filter_title.addItem(_("Tất cả"), "")
        for info in self.context.catalog.ordered(subject):
            if subject in info.criteria:
                self.filter_title.addItem(_("Đủ điều kiện {t}").format(t=info.short_name),
                                          info.code)
        active = self._filters[self.tabs.currentIndex()]
        self.filter_title.setCurrentIndex(max(self.filter_title.findData(
            active[0] if active else ""), 0))
        self.filter_title.blockSignals(False)

    def _on_tab_changed(self) -> None:
        self._fill_filter_titles()
        self.apply_search()

    def apply_filter(self) -> None:
        code = self.filter_title.currentData() or ""
        year = self.filter_year.year()
        if year is None:   # the field is red and says why; the list stays as it was
            return
        tab = self.tabs.currentIndex()
        ctx = self.context
        if not code:
            ids = None
        else:
            from desktop.core.operations import eligibility as el
            from desktop.ui.runner import run_with_progress

            unit = ctx.unit()
            province = unit.province if unit else "default"
            ids = run_with_progress(
                self, _("Đang xét điều kiện cho cả đơn vị…"),
                lambda: el.eligible_ids(ctx.store, ctx.catalog.for_review(year, ctx.today()),
                                        code, year, province,
                                        kind="individual" if tab == 0 else "collective"))
            if ids is None:  # failed and already reported
                self.filter_title.setCurrentIndex(0)
                return
        set_filter = ops.filter_people if tab == 0 else ops.filter_collectives
        set_filter(ctx.store, ids)
        self._filters[tab] = (code, year) if code else None
        self.current_model().reload()
        self._update_count()

    # ---- intentions --------------------------------------------------------------------------

    def apply_search(self) -> None:
        text = self.search.text()
        model = self.current_model()
        if model.query != text:
            model.set_query(text)
        self._update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_list(self) -> None:
        self.apply_search()
        view = self.current_view()
        view.setFocus()
        if not view.currentIndex().isValid() and self.current_model().rowCount():
            view.setCurrentIndex(self.current_model().index(0, 0))

    def _select_id(self, entity_id: int | None) -> None:
        if entity_id is None:
            return
        model, view = self.current_model(), self.current_view()
        for row in range(min(model.rowCount(), 2000)):  # a fresh row is usually near the top
            if model.id_at(row) == entity_id:
                view.setCurrentIndex(model.index(row, 0))
                view.scrollTo(model.index(row, 0))
                return

    def add_new(self) -> None:
        from desktop.ui.collective_editor import CollectiveEditor
        from desktop.ui.person_editor import PersonEditor

        editor: QDialog = (PersonEditor(self.context, None, self) if self.on_people_tab()
                           else CollectiveEditor(self.context, None, self))
        if editor.exec():
            self.apply_changes(editor.changes)  # type: ignore[attr-defined]
            ids = editor.changes.people or editor.changes.collectives  # type: ignore[attr-defined]
            self._select_id(next(iter(ids), None))

    def edit_current(self) -> None:
        entity_id = self.current_id()
        if entity_id is None:
            return
        from desktop.ui.collective_editor import CollectiveEditor
        from desktop.ui.person_editor import PersonEditor

        try:
            editor: QDialog = (PersonEditor(self.context, entity_id, self)
                               if self.on_people_tab()
                               else CollectiveEditor(self.context, entity_id, self))
        except UserError as exc:
            show_user_error(self, exc)
            self.apply_changes(Changes(bulk=True))
            return
        if editor.exec():
            self.apply_changes(editor.changes)  # type: ignore[attr-defined]

    def delete_current(self) -> None:
        entity_id = self.current_id()
        if entity_id is None:
            return
        store, actor = self.context.store, self.context.actor
        delete = ops.delete_person if self.on_people_tab() else ops.delete_collective
        person = ops.get_person(store, entity_id) if self.on_people_tab() else None
        # the audit log keeps the CCCD masked; undo gets it back from here
        self._deleted_national_id = person.national_id if person else ""
        try:
            try:
                audit_id, changes = delete(store, entity_id, actor, confirm=False)
            except ConfirmationRequired as ask:
                answer = QMessageBox.question(
                    self, _("Xóa khỏi danh sách?"), ask.message,
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    return
                audit_id, changes = delete(store, entity_id, actor, confirm=True)
        except UserError as exc:
            show_user_error(self, exc)
            return
        except Exception as exc:
            show_bug(self, exc, self.context.store)
            return
        row = self.current_view().currentIndex().row()
        self._last_delete = audit_id
        self.undo_action.setEnabled(True)
        self.undo_button.setVisible(True)
        self.apply_changes(changes)
        self.statusBar().showMessage(_("Đã xóa. Bấm Ctrl+Z để hoàn tác."), 15000)
        model = self.current_model()
        if model.rowCount():
            self.current_view().setCurrentIndex(model.index(min(row, model.rowCount() - 1), 0))

    def undo_delete(self) -> None:
        if self._last_delete is None:
            return
        audit_id = self._last_delete
        try:
            changes = ops.undo_delete(self.context.store, audit_id, self.context.actor,
                                      self._deleted_national_id)
        except UserError as exc:
            show_user_error(self, exc, _("Chưa hoàn tác được"))
            # The CCCD was given to someone else since: nothing restored, and the undo stays
            # offered for when the officer has corrected that number.
            if exc.code != "person.national_id_taken":
                self._forget_undo()
            return
        except Exception as exc:
            show_bug(self, exc, self.context.store)
            self._forget_undo()
            return
        self._forget_undo()
        self.apply_changes(changes)
        self.statusBar().showMessage(_("Đã hoàn tác thao tác xóa."), 8000)

    def _forget_undo(self) -> None:
        self._last_delete = None
        self.undo_action.setEnabled(False)
        self.undo_button.setVisible(False)

    def restore_backup(self) -> None:
        """Restore, then reopen: a new main window on the restored data replaces this one."""
        from desktop.ui.backup_dialog import restore_from_file

        store = restore_from_file(self, self.context, leave_data=self._leave_data)
        if store is None:
            self.show()   # refused before anything changed: the same data, shown again
            return
        ctx = self.context
        self.successor = MainWindow(AppContext(store, ctx.catalog, ctx.actor, ctx.data_dir,
                                               ctx.profile_id, ctx.today))
        if self.isMaximized():
            self.successor.showMaximized()
        else:
            self.successor.show()
        self.successor.statusBar().showMessage(_("Đã khôi phục dữ liệu từ bản sao lưu."), 15000)
        self.close()

    def _leave_data(self) -> None:
        """Nothing of this window may read the store once the restore closes it."""
        if self._rounds_window is not None:
            self._rounds_window.close()
        self.hide()

    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Run `work` once the list has been painted (start-up work the officer waits for
        only after seeing the window)."""
        runner = _AfterFirstPaint(work, self)
        self.people_view.viewport().installEventFilter(runner)

    def offer_drafts(self) -> None:
        """After a crash or a power cut: offer back what was being typed (app start)."""
        from desktop.ui.drafts import offer_orphan_drafts

        def closed(editor: QDialog, accepted: bool) -> None:
            changes = getattr(editor, "changes", None)
            if accepted and isinstance(changes, Changes):
                self.apply_changes(changes)

        offer_orphan_drafts(self.context, self, closed)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.close_drafts()   # drafts still there are offered at the next start
        self.context.store.close()
        event.accept()

