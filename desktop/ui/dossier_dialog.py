"""The round's dossier (issue 5): its documents in the legal order, the state of every
achievement report (sections missing, length, copy warnings) with the editor one click away,
the appraisal a province clerk would make (issue 11: grouped by severity, each problem with a
"go to" that opens what to correct, re-run after every edit made from here), and the three
ways out: preview a document, print the whole dossier, write DOCX + PDF.

Opened by the rounds window as `DossierDialog(ctx, round_id, parent)` inside
feedback.attempt: a round with no nominee, or a unit profile missing what the documents
print (head, title, code…), is refused there with the list of what to fill. Missing report
sections do not stop the dialog (it is where they are written); they stop printing and
writing, with the list.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import abbreviations as abbreviation_ops
from desktop.core.operations import appraisal as appraisal_ops
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations import home_titles, printing
from desktop.core.operations import reports as report_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations import signed_documents as signed_ops
from desktop.core.operations.printing import Document
from desktop.ui import print_preview, signed_intake
from desktop.ui.appraisal_panel import AppraisalPanel
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.report_editor import ReportEditor
from desktop.ui.runner import run_with_progress
from desktop.ui.screen import resize_to_fit

_OK = "#1d5e20"
_WARN = "#8a5a00"
_BAD = "#8b0000"


class DossierDialog(QDialog):
    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        rnd = rounds_ops.get_round(ctx.store, round_id)
        if rnd is None:
            raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."))
        self.round = rnd
        self.entries: list[tuple[str, Document | None]] = []
        self.documents: list[Document] = []
        self.reports: list[report_ops.Report] = []
        self.warnings: list[report_ops.CopyWarning] = []
        self.signed: dict[str, signed_ops.SignedDocument] = {}
        self.setWindowTitle(_("Hồ sơ đợt xét – {name}").format(name=rnd.name))
        resize_to_fit(self, 1100, 720)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.doc_table = QTableWidget(0, 4)
        self.doc_table.setHorizontalHeaderLabels([_("STT"), _("Văn bản"), _("Loại"),
                                                  _("Chữ ký số")])
        self._table_look(self.doc_table, stretch=1)
        # the signers may be long: a fixed column, all of it in the tooltip
        self.doc_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Interactive)
        self.doc_table.setColumnWidth(3, 420)
        self.doc_table.doubleClicked.connect(self.preview_selected)
        self.doc_table.itemSelectionChanged.connect(self._update_signature_buttons)
        docs_box = QGroupBox(_("Văn bản của hồ sơ (theo thứ tự trình)"))
        docs_layout = QVBoxLayout(docs_box)
        docs_layout.addWidget(self.doc_table)
        # Digital signatures (issue 15): the officer signs the written PDFs with the tools
        # the Government Cipher Committee or a CA gives them, then drops them back here.
        self.take_signed_button = QPushButton(_("Nhận văn bản đã &ký…"))
        self.take_signed_button.clicked.connect(self.choose_signed)
        self.show_signatures_button = QPushButton(_("Xem &chữ ký"))
        self.show_signatures_button.clicked.connect(self.show_selected_signatures)
        self.trust_button = QPushButton(_("Chứng thư &tin cậy…"))
        self.trust_button.clicked.connect(self.open_trust)
        drop_hint = QLabel(_("Kéo thả tệp PDF đã ký số (hoặc thư mục chứa chúng) vào cửa sổ này "
                             "để nhận lại vào hồ sơ."))
        drop_hint.setObjectName("hint")
        drop_hint.setWordWrap(True)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.take_signed_button)
        sign_row.addWidget(self.show_signatures_button)
        sign_row.addWidget(self.trust_button)
        sign_row.addWidget(drop_hint, 1)
        docs_layout.addLayout(sign_row)
        self.setAcceptDrops(True)

        self.report_table = QTableWidget(0, 5)
        self.report_table.setHorizontalHeaderLabels(
            [_("Người / tập thể"), _("Đề nghị"), _("Tình trạng báo cáo"), _("Trùng lặp"), ""])
        self._table_look(self.report_table, stretch=3)
        self.report_table.doubleClicked.connect(
            lambda index: self.open_report(self.reports[index.row()].nomination_id))
        reports_box = QGroupBox(_("Báo cáo thành tích"))
        reports_layout = QVBoxLayout(reports_box)
        reports_layout.addWidget(self.report_table)
        # Titles the province asks no full report for (forms/provinces [reports], issue 12):
        # the list's summary column, and short reports drafted in bulk.
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(self.draft_summaries)
        self.undo_drafts_button = QPushButton(_("&Hoàn tác bản nháp vừa soạn"))
        self.undo_drafts_button.clicked.connect(self.undo_drafts)
        self.undo_drafts_button.setVisible(False)
        self._drafted_batch: tuple[int, ...] = ()
        self.list_button = QPushButton(_("Tóm tắt thành tích trong &danh sách…"))
        self.list_button.clicked.connect(self.edit_list_summaries)
        report_buttons = QHBoxLayout()
        report_buttons.addWidget(self.draft_button)
        report_buttons.addWidget(self.undo_drafts_button)
        report_buttons.addStretch(1)
        report_buttons.addWidget(self.list_button)
        reports_layout.addLayout(report_buttons)

        self.appraisal_panel = AppraisalPanel(
            {code: kind.name for code, kind in ctx.catalog.documents.items()}, self)
        self.appraisal_panel.go_to.connect(self.go_to)
        self.appraisal_panel.expand_requested.connect(self.expand_abbreviations)
        self.appraisal_panel.undo_expand_requested.connect(self.undo_abbreviations)
        self.appraisal: appraisal_ops.Appraisal | None = None
        self.expansions: tuple[abbreviation_ops.Expansion, ...] = ()
        self._expanded: abbreviation_ops.ExpansionResult | None = None

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(docs_box)
        split.addWidget(reports_box)
        split.addWidget(self.appraisal_panel)
        split.setSizes([220, 220, 280])

        self.preview_button = QPushButton(_("&Xem trước văn bản"))
        self.print_button = QPushButton(_("&In cả hồ sơ…"))
        self.write_button = QPushButton(_("&Ghi DOCX + PDF vào thư mục…"))
        close_button = QPushButton(_("Đóng"))
        self.preview_button.clicked.connect(self.preview_selected)
        self.print_button.clicked.connect(self.print_all)
        self.write_button.clicked.connect(self.write_all)
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.write_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.load()   # refusals (empty round, unit profile) raise to the caller's attempt()

    @staticmethod
    def _table_look(table: QTableWidget, stretch: int) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # ---- data ----

    def load(self) -> None:
        """Documents in the legal order and the reports. A report with sections still
        unwritten is listed in its place without a document (never printed with blanks)."""
        ctx = self.ctx
        kinds = ctx.catalog.documents
        data = dossier_ops.gather(ctx.store, ctx.catalog, self.round_id, ctx.today(),
                                  require_reports=False)
        unfinished = printing.unfinished_reports(ctx.catalog, data)
        ready = replace(data, nominations=tuple(
            replace(n, report_kind="") if n.id in unfinished else n for n in data.nominations))
        position = {n.id: i for i, n in enumerate(data.nominations)}
        entries: list[tuple[int, int, str, Document | None]] = []
        for i, doc in enumerate(dossier_ops.documents_of(ctx.catalog, ready)):
            nid = doc.metadata.get("nomination")
            sub = position.get(int(nid), i) if nid and nid.isdigit() else i
            entries.append((kinds[doc.kind].order if doc.kind in kinds else 0, sub, doc.title,
                            doc))
        for n in data.nominations:
            if n.id in unfinished:
                kind = kinds[n.report_kind]
                entries.append((kind.order, position[n.id], _(
                    "{kind} – {name} (chưa viết xong)").format(kind=kind.name,
                                                               name=n.subject.name), None))
        entries.sort(key=lambda e: (e[0], e[1]))
        self.entries = [(title, doc) for _o, _s, title, doc in entries]
        self.documents = [doc for _t, doc in self.entries if doc is not None]
        self.reports = report_ops.round_reports(ctx.store, ctx.catalog, self.round_id)
        self.warnings = report_ops.copy_warnings(ctx.store, ctx.catalog, self.round_id)
        self.signed = signed_ops.signed_documents(ctx.store, self.round_id)
        decided_by = home_titles.round_decider(ctx.store, ctx.catalog, self.round_id)
        if decided_by:   # nothing of this round goes to the receiving body
            self.header.setText(_("<b>{name}</b> — mã hồ sơ {id}; {where}.").format(
                name=_escape(self.round.name), id=_escape(data.dossier_id),
                where=_escape(rounds_ops.decided_at_home_text(decided_by))))
        else:
            self.header.setText(_("<b>{name}</b> — mã hồ sơ {id}; nơi nhận: {to}.").format(
                name=_escape(self.round.name), id=_escape(data.dossier_id),
                to=_escape(self.round.receiving_body)))
        self._fill_documents()
        self._fill_reports()
        self.appraisal = appraisal_ops.appraise_round(ctx.store, ctx.catalog, self.round_id,
                                                      ctx.today())
        self.appraisal_panel.show_result(self.appraisal)
        self.expansions = abbreviation_ops.plan_expansions(
            ctx.store, ctx.catalog, [f.nomination_id for f in self.appraisal.findings
                                     if f.code == abbreviation_ops.FINDING and f.nomination_id])
        self.appraisal_panel.set_expansions(
            len(self.expansions), len(self._expanded.expansions) if self._expanded else 0)

    def refresh(self) -> None:
        attempt(self, self.load, self.ctx.store)

    def _fill_documents(self) -> None:
        table = self.doc_table
        table.setRowCount(len(self.entries))
        kinds = self.ctx.catalog.documents
        for row, (title, doc) in enumerate(self.entries):
            kind = kinds.get(doc.kind) if doc is not None else None
            kind_text = kind.name if kind else (doc.kind if doc else _("Báo cáo thành tích"))
            sign_text, sign_colour, sign_tip = (
                signed_intake.signature_cell(doc, self.signed.get(doc.name))
                if doc is not None else ("", "", ""))
            for col, text in enumerate((str(row + 1), title, kind_text, sign_text)):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 3 and sign_colour:
                    item.setForeground(_brush(sign_colour))
                    item.setToolTip(sign_tip)
                if doc is None:
                    item.setForeground(_brush(_BAD))
                    item.setToolTip(_("Báo cáo còn mục chưa viết: mở “Viết / sửa báo cáo” ở "
                                      "bảng dưới."))
                table.setItem(row, col, item)
        if self.entries:
            table.selectRow(0)
        self.preview_button.setEnabled(bool(self.documents))
        self.print_button.setEnabled(bool(self.documents))
        self.write_button.setEnabled(bool(self.documents))
        self._update_signature_buttons()

    def _update_signature_buttons(self) -> None:
        doc = self.selected_document()
        self.show_signatures_button.setEnabled(doc is not None and doc.name in self.signed)

    def report_state(self, report: report_ops.Report) -> tuple[str, str]:
        """(text, colour) of a report's state: complete, or what is missing / off length."""
        missing = [s for s in report.sections if s.state is report_ops.LengthState.EMPTY]
        short = [s for s in report.sections if s.state is report_ops.LengthState.SHORT]
        long = [s for s in report.sections if s.state is report_ops.LengthState.LONG]
        if missing and len(missing) == len(report.sections):
            return _("Chưa viết ({n} mục)").format(n=len(missing)), _BAD
        if missing:
            return _("Thiếu {n}/{t} mục").format(n=len(missing), t=len(report.sections)), _BAD
        bits = []
        if short:
            bits.append(_("{n} mục quá ngắn").format(n=len(short)))
        if long:
            bits.append(_("{n} mục quá dài").format(n=len(long)))
        if bits:
            return _("Đã viết đủ mục; ") + ", ".join(bits), _WARN
        return _("Đủ, độ dài phù hợp"), _OK

    def _fill_reports(self) -> None:
        table = self.report_table
        table.setRowCount(len(self.reports))
        incomplete = 0
        for row, report in enumerate(self.reports):
            state, colour = self.report_state(report)
            if report.turned_down:   # not printed: the council did not pass it
                state, colour = _("Không cần (Hội đồng không thông qua)"), _WARN
            elif report.drafted:
                state, colour = _("Bản nháp phần mềm soạn: cần đọc lại, sửa và Lưu"), _WARN
            elif colour == _BAD:
                incomplete += 1
            copies = [w.other(report.nomination_id)[1] for w in self.warnings
                      if w.involves(report.nomination_id)]
            copy_text = _("Trùng đoạn dài với: {names}").format(names=", ".join(copies)) \
                if copies else _("Không")
            cells = (report.subject_name, report.title_name, state, copy_text)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setForeground(_brush(colour))
                    item.setToolTip("\n".join(report.problems()) or state)
                if col == 3 and copies:
                    item.setForeground(_brush(_BAD))
                    item.setToolTip("\n".join(w.describe(report.nomination_id)
                                              for w in self.warnings
                                              if w.involves(report.nomination_id)))
                table.setItem(row, col, item)
            button = QPushButton(_("Xem báo cáo") if report.locked else _("Viết / sửa báo cáo"))
            button.clicked.connect(
                lambda _checked=False, nid=report.nomination_id: self.open_report(nid))
            table.setCellWidget(row, 4, button)
        table.resizeRowsToContents()
        to_draft = len(report_ops.draftable(self.reports))
        self.draft_button.setText(_("&Soạn báo cáo tóm tắt cho {n} người…").format(n=to_draft))
        self.draft_button.setVisible(to_draft > 0)
        lines = []
        if not self.reports:
            lines.append(_("Tỉnh không yêu cầu báo cáo thành tích riêng cho các đề nghị của "
                           "đợt này: thành tích ghi ở cột “Tóm tắt thành tích, căn cứ” của "
                           "danh sách (nút “Tóm tắt thành tích trong danh sách…”)."))
        if incomplete:
            lines.append(_("Còn {n} báo cáo chưa viết đủ các mục: chưa in hoặc ghi được hồ sơ "
                           "cho đến khi viết xong.").format(n=incomplete))
        drafted = sum(1 for r in self.reports if r.drafted and not r.turned_down)
        if drafted:
            lines.append(_("{n} báo cáo tóm tắt là bản nháp phần mềm soạn: hãy đọc lại, sửa "
                           "nếu cần và bấm Lưu trong “Viết / sửa báo cáo”.").format(n=drafted))
        if self.warnings:
            lines.append(_("{n} cặp báo cáo có đoạn trùng nhau dài: mỗi người, mỗi tập thể "
                           "phải tự viết báo cáo của mình (không sao chép).").format(
                               n=len(self.warnings)))
        if not lines:
            lines.append(_("Các báo cáo đã viết đủ; hồ sơ sẵn sàng để in hoặc ghi ra thư mục."))
        self.status.setText("\n".join(lines))
        colour = _BAD if incomplete or self.warnings else _WARN if drafted else _OK
        self.status.setStyleSheet(f"color: {colour};")

    # ---- actions ----

    def open_report(self, nomination_id: int) -> None:
        editor = attempt(self, lambda: ReportEditor(self.ctx, nomination_id, self),
                         self.ctx.store)
        if editor is None:
            return
        editor.exec()
        self.refresh()

    def draft_summaries(self) -> None:
        """Preview the short reports drafted from the registry, then write them in one go."""
        from desktop.core.operations import summary_drafts
        from desktop.ui.summary_dialogs import SummaryDraftsDialog

        ctx = self.ctx
        plan = attempt(self, lambda: summary_drafts.plan_summary_drafts(
            ctx.store, ctx.catalog, self.round_id, ctx.today()), ctx.store)
        if plan is None:
            return
        dialog = SummaryDraftsDialog(ctx, plan, self)
        if dialog.exec() and dialog.written:
            self._drafted_batch = dialog.written
            self.undo_drafts_button.setVisible(True)
            self.undo_drafts_button.setToolTip(_("Xóa {n} bản nháp vừa soạn (khi chưa sửa bản "
                                                 "nào).").format(n=len(dialog.written)))
            self.refresh()

    def undo_drafts(self) -> None:
        from desktop.core.operations import summary_drafts

        ctx, batch = self.ctx, self._drafted_batch
        if not batch:
            return
        done = attempt(self, lambda: summary_drafts.undo_summary_drafts(
            ctx.store, self.round_id, batch, ctx.actor), ctx.store)
        if done is not None:
            self._drafted_batch = ()
            self.undo_drafts_button.setVisible(False)
            self.refresh()

    def expand_abbreviations(self) -> None:
        """The preview of "Viết đầy đủ N chỗ viết tắt", applied in one operation."""
        from desktop.ui.abbreviations_dialog import AbbreviationsDialog

        dialog = AbbreviationsDialog(self.ctx, self.expansions, self)
        if dialog.exec() and dialog.applied is not None:
            self._expanded = dialog.applied
            self.refresh()

    def undo_abbreviations(self) -> None:
        ctx, done = self.ctx, self._expanded
        if done is not None and attempt(self, lambda: abbreviation_ops.undo_expansions(
                ctx.store, done, ctx.actor), ctx.store) is not None:
            self._expanded = None
            self.refresh()

    def edit_list_summaries(self) -> None:
        from desktop.ui.summary_dialogs import ListSummaryDialog

        dialog = attempt(self, lambda: ListSummaryDialog(self.ctx, self.round_id, self),
                         self.ctx.store)
        if dialog is not None:
            dialog.exec()
            self.refresh()

    def go_to(self, finding: appraisal_ops.Finding) -> None:
        """Open what corrects `finding`, then appraise again."""
        ctx = self.ctx
        target = finding.target
        if target is appraisal_ops.Target.REPORT and finding.nomination_id is not None:
            self.open_report(finding.nomination_id)
            return
        dialog: QDialog | None = None
        if target is appraisal_ops.Target.MEETING:
            from desktop.ui.rounds.meeting_dialog import MeetingDialog

            dialog = attempt(self, lambda: MeetingDialog(ctx, self.round_id, self), ctx.store)
        elif target is appraisal_ops.Target.REGISTER:
            from desktop.ui.register_dialog import RegisterDialog

            dialog = attempt(self, lambda: RegisterDialog(ctx, self), ctx.store)
        elif target is appraisal_ops.Target.NOMINATION and finding.nomination_id is not None:
            dialog = self._subject_editor(finding.nomination_id)
        if dialog is not None:
            dialog.exec()
            self.refresh()

    def _subject_editor(self, nomination_id: int) -> QDialog | None:
        from desktop.core.model import SubjectKind
        from desktop.ui.collective_editor import CollectiveEditor
        from desktop.ui.person_editor import PersonEditor

        nom = rounds_ops.get_nomination(self.ctx.store, nomination_id)
        if nom is None:
            return None
        ref = nom.subject
        if ref.kind is SubjectKind.PERSON:
            return attempt(self, lambda: PersonEditor(self.ctx, ref.id, self), self.ctx.store)
        return attempt(self, lambda: CollectiveEditor(self.ctx, ref.id, self), self.ctx.store)

    def selected_document(self) -> Document | None:
        rows = self.doc_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()][1]

    def preview_selected(self) -> None:
        doc = self.selected_document()
        if doc is None:
            if self.entries:
                QMessageBox.information(self, _("Chưa xem trước được"), _(
                    "Báo cáo này còn mục chưa viết. Hãy viết xong ở bảng “Báo cáo thành tích” "
                    "rồi xem trước."))
            return
        print_preview.preview_documents(self, self.ctx, [doc], doc.title)

    def complete_documents(self) -> list[Document] | None:
        """The documents as printed and written: refused, with the list, while any report
        section is still missing."""
        ctx = self.ctx
        return attempt(self, lambda: dossier_ops.build_documents(
            ctx.store, ctx.catalog, self.round_id, ctx.today()), ctx.store)

    def print_all(self) -> None:
        docs = self.complete_documents()
        if docs:
            print_preview.print_documents(self, self.ctx, docs)

    def choose_folder(self) -> Path | None:
        """Where to write (a method, so tests can answer it)."""
        folder = QFileDialog.getExistingDirectory(
            self, _("Chọn thư mục ghi hồ sơ (DOCX và PDF)"), str(Path.home()))
        return Path(folder) if folder else None

    def offer_open(self, folder: Path, count: int) -> None:
        answer = QMessageBox.question(
            self, _("Đã ghi hồ sơ"),
            _("Đã ghi {n} tệp vào thư mục:\n{path}\n\nMở thư mục này?").format(
                n=count, path=folder))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def write_all(self) -> list[Path] | None:
        # Refuse before asking for a folder when reports are missing.
        if self.complete_documents() is None:
            return None
        folder = self.choose_folder()
        if folder is None:
            return None
        ctx = self.ctx
        paths = run_with_progress(self, _("Đang ghi hồ sơ (DOCX và PDF)…"),
                                  lambda: dossier_ops.write_dossier(
                                      ctx.store, ctx.catalog, self.round_id, folder,
                                      ctx.today()))
        if not paths:
            return None
        self.offer_open(paths[0].parent, len(paths))
        return list(paths)


    # ---- digital signatures ----

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if signed_intake.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = signed_intake.dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.take_signed(paths)

    def choose_signed_files(self) -> list[Path]:
        """Which signed PDFs to take back (a method, so tests can answer it)."""
        names, _f = QFileDialog.getOpenFileNames(
            self, _("Chọn các tệp PDF đã ký số"), str(Path.home()), "PDF (*.pdf)")
        return [Path(n) for n in names]

    def choose_signed(self) -> None:
        self.take_signed(self.choose_signed_files())

    def take_signed(self, paths: list[Path]) -> list[signed_ops.ImportOutcome] | None:
        outcomes = signed_intake.take_signed(self, self.ctx, self.round_id, paths)
        if outcomes is not None:
            self.refresh()
        return outcomes

    def show_selected_signatures(self) -> None:
        doc = self.selected_document()
        signed = self.signed.get(doc.name) if doc is not None else None
        if signed is not None:
            signed_intake.show_signatures(self, self.ctx, signed)

    def open_trust(self) -> None:
        from desktop.ui.trust_roots_dialog import TrustRootsDialog

        TrustRootsDialog(self.ctx, self).exec()
        self.refresh()


def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
