"""The achievement-report editor (issue 5 item 4): one guided box per section of the report
form, with the form's short prompt above it, suggestions from the registry, a length
indicator, and a warning strip naming the other reports of the round that share long
passages with this one (copying between reports is forbidden, LAW.md §6.4)."""

from __future__ import annotations

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.operations import reports
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.feedback import attempt
from desktop.ui.screen import resize_to_fit

# Text and background per length state: the words say it too, colour only helps.
_STATE_STYLE = {
    reports.LengthState.EMPTY: "color: #555;",
    reports.LengthState.SHORT: "color: #6b4500; background: #fff1c9; padding: 2px 6px;",
    reports.LengthState.OK: "color: #1d5e20; padding: 2px 6px;",
    reports.LengthState.LONG: "color: #8b0000; background: #fddede; padding: 2px 6px;",
}
_WARNING_STYLE = ("QLabel { background: #fff1c9; color: #4d3200; border: 1px solid #d9a400; "
                  "padding: 6px; }")


class _SectionBox(QFrame):
    """Heading, prompt, the text, and a row with the length indicator and the suggestion."""

    def __init__(self, section: reports.SectionText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section.section
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        heading = QLabel(self.section.heading)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        prompt = QLabel(self.section.prompt)
        prompt.setObjectName("hint")
        prompt.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setPlainText(section.text)
        self.edit.setMinimumHeight(110)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(self.section.heading)
        heading.setBuddy(self.edit)
        self.length = QLabel()
        self.length.setObjectName("length")
        self.suggest = QPushButton(_("Gợi ý từ dữ liệu"))
        self.suggest.setToolTip(_("Điền các sự việc đã có trong dữ liệu (xếp loại, danh hiệu, "
                                  "quyết định, sáng kiến, đề tài); có thể sửa lại."))
        row = QHBoxLayout()
        row.addWidget(self.length, 1)
        row.addWidget(self.suggest)
        layout.addWidget(heading)
        layout.addWidget(prompt)
        layout.addWidget(self.edit)
        layout.addLayout(row)
        self.edit.textChanged.connect(self.update_length)
        self.update_length()

    def text(self) -> str:
        return self.edit.toPlainText()

    @property
    def state(self) -> reports.LengthState:
        return reports.length_state(self.text(), self.section)

    def update_length(self) -> None:
        self.length.setText(reports.length_text(self.text(), self.section))
        self.length.setStyleSheet(_STATE_STYLE[self.state])


class ReportEditor(EditorDialog):
    help_page = "bao_cao"

    def __init__(self, ctx: AppContext, nomination_id: int, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nomination_id = nomination_id
        self.report = reports.load_report(ctx.store, ctx.catalog, nomination_id)
        self.saved_texts = self.report.texts()
        self.warnings: list[reports.CopyWarning] = []
        self._suggestions: dict[str, str] | None = None
        self.setWindowTitle(_("Báo cáo thành tích – {name}").format(
            name=self.report.subject_name))
        resize_to_fit(self, 900, 720)

        intro = QLabel(_("<b>{name}</b> — đề nghị “{title}”. Mẫu: {form}.").format(
            name=_escape(self.report.subject_name), title=_escape(self.report.title_name),
            form=_escape(self.report.kind.name)))
        intro.setWordWrap(True)
        advice = QLabel(_("Mỗi người, mỗi tập thể tự viết báo cáo của mình; không sao chép "
                          "báo cáo khác. Nêu kết quả cụ thể bằng số liệu, không liệt kê chức "
                          "vụ."))
        advice.setObjectName("hint")
        advice.setWordWrap(True)
        self.drafted_note = QLabel(_("Bản nháp do phần mềm soạn từ dữ liệu của đơn vị: hãy đọc "
                                     "lại, sửa nếu cần rồi bấm Lưu."))
        self.drafted_note.setStyleSheet(_WARNING_STYLE)
        self.drafted_note.setWordWrap(True)
        self.drafted_note.setVisible(self.report.drafted)
        self.warning = QLabel()
        self.warning.setObjectName("copyWarning")
        self.warning.setStyleSheet(_WARNING_STYLE)
        self.warning.setWordWrap(True)
        self.warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning.hide()

        self.boxes: dict[str, _SectionBox] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for section in self.report.sections:
            box = _SectionBox(section)
            box.suggest.clicked.connect(
                lambda _checked=False, code=section.section.code: self.suggest(code))
            box.edit.textChanged.connect(self._update_title)
            box.edit.setReadOnly(self.report.locked)
            box.suggest.setEnabled(not self.report.locked)
            self.boxes[section.section.code] = box
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.check_button = QPushButton(_("Kiểm tra trùng lặp"))
        self.check_button.setToolTip(_("So sánh báo cáo đang viết với các báo cáo khác của "
                                       "đợt xét."))
        self.save_button = QPushButton(_("&Lưu (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(not self.report.locked)
        close_button = QPushButton(_("Đóng"))
        buttons = QHBoxLayout()
        if self.report.locked:
            locked = QLabel(_("Hồ sơ đã gửi: báo cáo chỉ để xem."))
            locked.setObjectName("hint")
            buttons.addWidget(locked)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(advice)
        layout.addWidget(self.drafted_note)
        layout.addWidget(self.warning)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.check_button.clicked.connect(lambda: self.check_copies(draft=True))
        self.save_button.clicked.connect(self.save)
        close_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.activated.connect(self.save)
        self.check_copies(draft=False)
        if self.report.sections:
            self.boxes[self.report.sections[0].section.code].edit.setFocus()
        if not self.report.locked:    # a sent report is only shown: nothing to keep
            self.init_drafts(ctx, f"report.{nomination_id}")

    # ---- state ----

    def texts(self) -> dict[str, str]:
        return {code: box.text() for code, box in self.boxes.items()}

    def is_dirty(self) -> bool:
        return any(reports.normalise_section(text)
                   != reports.normalise_section(self.saved_texts.get(code, ""))
                   for code, text in self.texts().items())

    def _update_title(self) -> None:
        base = _("Báo cáo thành tích – {name}").format(name=self.report.subject_name)
        self.setWindowTitle(base + (" *" if self.is_dirty() else ""))

    # ---- drafts: the sections' texts are kept in a dict the field walk does not see ----

    def draft_extra(self) -> dict[str, str]:
        return self.texts()

    def restore_draft_extra(self, value: object) -> None:
        if not isinstance(value, dict):
            raise TypeError("texts")
        for code, text in value.items():
            if code in self.boxes and isinstance(text, str):
                self.boxes[code].edit.setPlainText(text)

    def draft_extra_signals(self) -> list[SignalInstance]:
        return [box.edit.textChanged for box in self.boxes.values()]

    def save_changes(self) -> bool:
        return self.save()

    # ---- suggestions ----

    def suggestions(self) -> dict[str, str]:
        if self._suggestions is None:
            got = attempt(self, lambda: reports.prefill(self.ctx.store, self.ctx.catalog,
                                                        self.nomination_id), self.ctx.store)
            self._suggestions = got or {}
        return self._suggestions

    def suggest(self, code: str) -> None:
        """Fill a section from the registry; typed text is never overwritten without asking."""
        box = self.boxes[code]
        text = self.suggestions().get(code, "")
        if not text:
            QMessageBox.information(self, _("Không có gợi ý"), _(
                "Dữ liệu chưa có sự việc nào cho mục “{h}”. Hãy tự viết, nêu kết quả cụ thể."
            ).format(h=box.section.heading))
            return
        current = box.text().strip()
        if not current:
            box.edit.setPlainText(text)
            return
        if text in current:
            return
        choice = self.ask_merge(box.section.heading)
        if choice == "replace":
            box.edit.setPlainText(text)
        elif choice == "append":
            box.edit.setPlainText(current + "\n" + text)

    def ask_merge(self, heading: str) -> str:
        """'replace', 'append' or 'cancel' (a method, so tests can answer it)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Mục đã có nội dung"))
        box.setText(_("Mục “{h}” đã có nội dung. Dùng gợi ý từ dữ liệu thế nào?").format(
            h=heading))
        append = box.addButton(_("Thêm vào cuối"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(_("Thay nội dung đang có"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Không dùng"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(append)
        box.exec()
        clicked = box.clickedButton()
        return "append" if clicked is append else "replace" if clicked is replace else "cancel"

    # ---- copy check ----

    def check_copies(self, draft: bool) -> None:
        texts = self.texts()
        result = attempt(self, lambda: reports.copy_warnings(
            self.ctx.store, self.ctx.catalog, self.report.round_id,
            draft={self.nomination_id: texts} if draft else None), self.ctx.store)
        if result is None:
            return
        self.warnings = [w for w in result if w.involves(self.nomination_id)]
        if not self.warnings:
            self.warning.hide()
            self.warning.clear()
            return
        lines = [_("Báo cáo này có đoạn giống hệt báo cáo khác trong đợt xét (không được sao "
                   "chép giữa các báo cáo, mỗi người tự viết báo cáo của mình):")]
        lines += ["• " + w.describe(self.nomination_id) for w in self.warnings]
        self.warning.setText("\n".join(lines))
        self.warning.show()

    # ---- save and close ----

    def save(self) -> bool:
        if self.report.locked:
            return False
        texts = self.texts()
        saved = attempt(self, lambda: reports.save_report(
            self.ctx.store, self.ctx.catalog, self.nomination_id, texts, self.ctx.actor),
            self.ctx.store)
        if saved is None:
            return False
        self.report = saved
        self.saved_texts = saved.texts()
        self.drafted_note.setVisible(False)     # read and saved: no longer the app's draft
        for code, box in self.boxes.items():   # show what was stored (NFC, tidy lines)
            stored = self.saved_texts.get(code, "")
            if box.text() != stored:
                box.edit.setPlainText(stored)
        self._update_title()
        if hasattr(self, "_draft_key"):
            self.mark_saved()
        self.check_copies(draft=False)
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
