"""The dossier checklist of one nomination (LAW §5.1–5.3): each part present or missing, the
evidence files under it (drop PDF/JPG/PNG scans on a part, or “Đính kèm…” from the keyboard),
a tick for a paper original, and the simplified procedure where the round kind allows it.
The parts the app writes itself (tờ trình with the round's list, the council's biên bản) say
so and from what, with no tick: the biên bản says why it is not there before the council."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Attachment, Checklist, ChecklistItem
from desktop.core.operations import rounds as ops
from desktop.core.text import format_date
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.rounds.nominate_dialog import province_of
from desktop.ui.runner import run_with_progress

PRESENT_COLOUR = "#1a7f37"
MISSING_COLOUR = "#b42318"
LARGE_FILE = 8 * 1024 * 1024  # copy in the background above this (bytes, all files dropped)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{n} MB").format(n=f"{size / (1024 * 1024):.1f}".replace(".", ","))
    return _("{n} KB").format(n=max(1, round(size / 1024)))


def _local_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


class PartBox(QFrame):
    """One dossier part: its state, its files, and the drop target for new ones."""

    def __init__(self, panel: ChecklistPanel, item: ChecklistItem) -> None:
        super().__init__(panel)
        self.panel = panel
        self.item = item
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("part")
        self.base_style = ("" if item.present else
                           f"QFrame#part {{ border-left: 4px solid {MISSING_COLOUR}; }}")
        self.setStyleSheet(self.base_style)
        colour = PRESENT_COLOUR if item.present else MISSING_COLOUR
        style = self.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton if item.present
                                  else QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon = QLabel()
        self.icon.setPixmap(icon.pixmap(20, 20))
        self.state = QLabel(_("Đã có") if item.present else _("Còn thiếu"))
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.state.setMinimumWidth(80)
        name = QLabel(item.name)
        name.setWordWrap(True)
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.state)
        top.addWidget(name, 1)

        self.made_label: QLabel | None = None
        self.paper = QCheckBox(_("Đã có bản giấy"))
        self.paper.setChecked(item.marked)
        self.paper.setToolTip(item.note or _("Đánh dấu khi bản gốc bằng giấy đã có trong hồ "
                                             "sơ."))
        self.paper.toggled.connect(lambda on: panel.mark(item.part, on))
        # what the app writes needs no tick; an old tick stays visible so it can be undone
        self.paper.setVisible(not item.made_by or item.marked)
        self.attach_button = QPushButton(_("Đính kèm…"))
        self.attach_button.setAccessibleName(_("Đính kèm tệp cho “{p}”").format(p=item.name))
        self.attach_button.clicked.connect(lambda: panel.choose_files(item.part))
        tools = QHBoxLayout()
        tools.addSpacing(24)
        tools.addWidget(self.paper, 1)
        if self.paper.isHidden():
            tools.addStretch(1)
        tools.addWidget(self.attach_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        if item.made_by:
            layout.addWidget(self._made_label(item))
        if item.note and item.marked:
            note = QLabel(item.note)
            note.setObjectName("hint")
            note.setContentsMargins(24, 0, 0, 0)
            layout.addWidget(note)
        self.file_rows: list[QWidget] = []
        for attachment in item.attachments:
            row = self._file_row(attachment)
            self.file_rows.append(row)
            layout.addWidget(row)
        layout.addLayout(tools)
        hint = QLabel(_("Kéo thả tệp PDF, JPG hoặc PNG vào ô này."))
        hint.setObjectName("hint")
        hint.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(hint)

    def _made_label(self, item: ChecklistItem) -> QLabel:
        """“✔ Phần mềm lập: danh sách của đợt (đã lập ngày …)”, or why not yet."""
        if item.made_from:
            text = _("✔ Phần mềm lập: {source}").format(source=item.made_from)
            if item.made_on is not None:
                text += _(" (đã in ngày {d})").format(d=format_date(item.made_on))
            colour = PRESENT_COLOUR
        else:
            text, colour = item.waiting, MISSING_COLOUR
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {colour};")
        label.setContentsMargins(24, 0, 0, 0)
        self.made_label = label
        return label

    def _file_row(self, attachment: Attachment) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(24, 0, 0, 0)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileIcon).pixmap(16, 16))
        reduced = _(" – đã giảm dung lượng") if attachment.reduced else ""
        label = QLabel(f"{attachment.original_name} ({size_text(attachment.size)}{reduced})")
        label.setToolTip(attachment.media_type.value)
        open_button = QPushButton(_("Mở"))
        open_button.setAccessibleName(_("Mở tệp {n}").format(n=attachment.original_name))
        open_button.clicked.connect(lambda: self.panel.open_file(attachment))
        remove = QPushButton(_("Bỏ"))
        remove.setAccessibleName(_("Bỏ tệp {n}").format(n=attachment.original_name))
        remove.clicked.connect(lambda: self.panel.remove_file(attachment))
        line.addWidget(icon)
        line.addWidget(label, 1)
        line.addWidget(open_button)
        line.addWidget(remove)
        return row

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event):
            event.acceptProposedAction()
            self.setStyleSheet("QFrame#part { border: 2px dashed #1f5fa8; }")
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:
        self.setStyleSheet(self.base_style)

    def dropEvent(self, event: QDropEvent) -> None:
        self.setStyleSheet(self.base_style)
        files = _local_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.panel.attach(self.item.part, files)


class ChecklistPanel(QWidget):
    """The checklist of the nomination given to set_nomination; `changed` after each edit."""

    changed = Signal(object)  # the Changes of each edit

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nomination_id: int | None = None
        self.checklist: Checklist | None = None
        self.part_boxes: dict[str, PartBox] = {}
        self.last_errors: list[str] = []
        self.last_codes: list[str] = []   # the codes of the last refusals shown

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.simplified = QCheckBox(_("Dùng thủ tục đơn giản: chỉ cần tờ trình và báo cáo tóm "
                                      "tắt thành tích ({basis})").format(
                                          basis=ctx.catalog.rounds.simplified_basis))
        self.simplified.toggled.connect(self._simplified_toggled)
        self.reduce = QCheckBox(_("&Giảm dung lượng ảnh lớn khi đính kèm"))
        self.reduce.setToolTip(_("Ảnh lớn hơn khổ A4 ở 300 dpi được thu nhỏ trước khi lưu; tệp "
                                 "gốc không bị thay đổi."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MISSING_COLOUR};")
        self.message.setVisible(False)

        self.parts = QWidget()
        self.parts_layout = QVBoxLayout(self.parts)
        self.parts_layout.setContentsMargins(0, 0, 0, 0)
        # the parts are never squeezed below their content when the panel is short (at
        # 1366×768 they overlapped): the list scrolls instead
        self.parts_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.parts)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.simplified)
        layout.addWidget(self.reduce)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        self.set_nomination(None)

    # ---- showing ---------------------------------------------------------------------------

    def set_nomination(self, nomination_id: int | None) -> None:
        self.nomination_id = nomination_id
        self._show_message([])
        self.refresh()

    def refresh(self) -> None:
        for box in self.part_boxes.values():
            box.setParent(None)
            box.deleteLater()
        self.part_boxes = {}
        while self.parts_layout.count():
            self.parts_layout.takeAt(0)
        nom = (ops.get_nomination(self.ctx.store, self.nomination_id)
               if self.nomination_id is not None else None)
        if nom is None or nom.id is None:
            self.checklist = None
            self.title.setText(_("Chọn một đề nghị để xem hồ sơ."))
            self.summary.clear()
            self.simplified.setVisible(False)
            self.reduce.setEnabled(False)
            return
        checklist = ops.checklist(self.ctx.store, self.ctx.catalog, nom.id)
        self.checklist = checklist
        self.title.setText(_("Hồ sơ của {name} – {title}").format(
            name=nom.subject_name, title=self.ctx.catalog.name_of(nom.target)))
        missing = len(checklist.missing)
        if missing:
            self.summary.setText(_("✘ Còn thiếu {n}/{t} thành phần.").format(
                n=missing, t=len(checklist.items)))
            self.summary.setStyleSheet(f"color: {MISSING_COLOUR};")
        else:
            self.summary.setText(_("✔ Đủ {t} thành phần hồ sơ.").format(t=len(checklist.items)))
            self.summary.setStyleSheet(f"color: {PRESENT_COLOUR};")
        self.simplified.setVisible(checklist.simplified_allowed)
        self.simplified.blockSignals(True)
        self.simplified.setChecked(checklist.simplified)
        self.simplified.blockSignals(False)
        self.reduce.setEnabled(True)
        for item in checklist.items:
            box = PartBox(self, item)
            self.part_boxes[item.part] = box
            self.parts_layout.addWidget(box)
        self.parts_layout.addStretch(1)

    def _show_message(self, messages: list[str]) -> None:
        self.last_errors = messages
        if not messages:
            self.last_codes = []
        self.message.setText("\n".join(messages))
        self.message.setVisible(bool(messages))

    def _fail(self, exc: UserError) -> None:
        self._show_message([exc.message + (f" {exc.hint}" if exc.hint else "")])
        feedback.show_user_error(self, exc)

    def _edited(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    # ---- actions ---------------------------------------------------------------------------

    def _simplified_toggled(self, on: bool) -> None:
        if self.nomination_id is None:
            return
        try:
            _nom, changes = ops.set_simplified(self.ctx.store, self.ctx.catalog,
                                               self.nomination_id, on, self.ctx.actor)
        except UserError as exc:
            self._fail(exc)
            self.refresh()  # the switch goes back to what is stored
            return
        self._show_message([])
        self._edited(changes)

    def mark(self, part: str, present: bool) -> None:
        if self.nomination_id is None:
            return
        try:
            _list, changes = ops.mark_part(self.ctx.store, self.ctx.catalog, self.nomination_id,
                                           part, present, self.ctx.actor)
        except UserError as exc:
            self._fail(exc)
            self.refresh()
            return
        self._show_message([])
        self._edited(changes)

    def choose_files(self, part: str) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Chọn tệp đính kèm"), str(Path.home()),
            _("Văn bản quét (*.pdf *.jpg *.jpeg *.png);;Tất cả các tệp (*)"))
        if files:
            self.attach(part, [Path(f) for f in files])

    def attach(self, part: str, files: list[Path]) -> None:
        """Attach files to a part; large ones are copied in the background. Each refusal is
        shown with the core's reason; the others are attached."""
        nid = self.nomination_id
        if nid is None:
            return
        ctx, reduce = self.ctx, self.reduce.isChecked()

        def work() -> tuple[int, list[UserError]]:
            done, refused = 0, []
            for path in files:
                try:
                    ops.attach_file(ctx.store, nid, part, path, ctx.actor, reduce,
                                    catalog=ctx.catalog, province=province_of(ctx))
                    done += 1
                except UserError as exc:
                    refused.append(exc)
            return done, refused

        total = 0
        for path in files:
            with contextlib.suppress(OSError):  # attach_file explains a missing file
                total += path.stat().st_size
        if total > LARGE_FILE:
            result = run_with_progress(self, _("Đang sao chép tệp vào hồ sơ…"), work)
            if result is None:  # a bug, already reported
                self.refresh()
                return
            done, refused = result
        else:
            try:
                done, refused = work()
            except Exception as exc:
                feedback.show_bug(self, exc, ctx.store)
                self.refresh()
                return
        if done:
            self._edited(Changes(nominations=frozenset({nid})))
        if refused:
            messages = [e.message + (f" {e.hint}" if e.hint else "") for e in refused]
            self._show_message(messages)
            self.last_codes = [e.code for e in refused]
            feedback.show_user_error(self, refused[0] if len(refused) == 1 else UserError(
                _("{n} tệp không đính kèm được:").format(n=len(refused)) + "\n"
                + "\n".join(f"• {m}" for m in messages)))
        else:
            self._show_message([])

    def open_file(self, attachment: Attachment) -> None:
        path = ops.attachment_path(self.ctx.store, attachment)
        if not path.is_file():
            self._fail(UserError(_("Không tìm thấy bản lưu của tệp “{n}”.").format(
                n=attachment.original_name), _("Hãy bỏ tệp này và đính kèm lại.")))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_file(self, attachment: Attachment) -> None:
        if self.nomination_id is None or attachment.id is None:
            return
        answer = QMessageBox.question(
            self, _("Bỏ tệp đính kèm"),
            _("Bỏ tệp “{n}” khỏi hồ sơ?").format(n=attachment.original_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = ops.detach(self.ctx.store, attachment.id, self.nomination_id,
                                 self.ctx.actor)
        except UserError as exc:
            self._fail(exc)
            return
        self._show_message([])
        self._edited(changes)
