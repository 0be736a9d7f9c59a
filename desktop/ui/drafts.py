"""Nothing typed is lost (issue 12): every editor asks before discarding changes, and keeps a
draft as the officer types.

`EditorDialog` is the base of every dialog that edits data. It finds the editor's input
fields itself, by walking the dialog's attributes (a QLineEdit, a combo box, a check box, a
NumberField, a text box, or any widget with `draft_state()`, such as a history table), so a
field added to an editor later is covered without anyone remembering to. From them it knows:

- whether the editor is dirty, exactly: the fields now against the fields as loaded, so
  typing a letter and deleting it again is not a change;
- when to ask: Esc, "Hủy", "Đóng" and the window's close button all come to `reject()`,
  which asks "Lưu / Không lưu / Quay lại" when the editor is dirty;
- what to keep: a moment after the officer stops typing, the fields are written as a draft
  (operations.drafts: atomic, private, in the profile folder); the draft goes when the
  editor saves or the officer chooses "Không lưu". If the app dies instead, the next start
  (or the next time the same editor opens) offers the draft back.

A widget the walk must not read (a search box, a review-year selector) is excluded with
`draft_exclude = True` on its class, or the property "draft" set to False.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QDate, QObject, QTimer, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.drafts import Draft, DraftSession
from desktop.core.text import format_date
from desktop.ui.help_window import install_help
from desktop.ui.numbers import NumberField

log = logging.getLogger("hoso.ui.drafts")

DRAFT_DELAY_MS = 1500     # after the last keystroke: a power cut loses at most that much
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RESTORE, LATER, DROP = "restore", "later", "drop"
Json = Any


# ---- reading and setting the fields --------------------------------------------------------


def _scalar(value: object) -> Json:
    return value if value is None or isinstance(value, str | int | float | bool) else None


class _Field:
    """One input of an editor: how to read it, set it and hear it change."""

    def __init__(self, path: str, widget: QWidget) -> None:
        self.path = path
        self.widget = widget

    def value(self) -> Json:
        w = self.widget
        if hasattr(w, "draft_state"):
            return w.draft_state()
        if isinstance(w, NumberField):
            return w.text()
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            if w.isEditable():
                return w.currentText()
            data = _scalar(w.currentData())
            return {"data": data, "text": w.currentText()}
        if isinstance(w, QAbstractButton):
            return w.isChecked()
        if isinstance(w, QDateEdit):
            return w.date().toString("yyyy-MM-dd")
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            return w.value()
        return None

    def restore(self, value: Json) -> None:
        w = self.widget
        if hasattr(w, "restore_draft_state"):
            w.restore_draft_state(value)
        elif isinstance(w, NumberField | QLineEdit) and isinstance(value, str):
            w.setText(value)
        elif isinstance(w, QPlainTextEdit | QTextEdit) and isinstance(value, str):
            w.setPlainText(value)
        elif isinstance(w, QComboBox):
            if w.isEditable() and isinstance(value, str):
                w.setCurrentText(value)
            elif isinstance(value, dict):
                index = w.findData(value.get("data")) if value.get("data") is not None else -1
                if index < 0:
                    index = w.findText(str(value.get("text", "")))
                if index >= 0:
                    w.setCurrentIndex(index)
        elif isinstance(w, QAbstractButton) and isinstance(value, bool):
            w.setChecked(value)
        elif isinstance(w, QDateEdit) and isinstance(value, str):
            w.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        elif isinstance(w, QSpinBox) and isinstance(value, int):
            w.setValue(value)
        elif isinstance(w, QDoubleSpinBox) and isinstance(value, int | float):
            w.setValue(float(value))

    def signals(self) -> list[SignalInstance]:
        w = self.widget
        if hasattr(w, "draft_state"):
            found = [getattr(w, name) for name in ("draft_changed", "changed", "chosen")
                     if isinstance(getattr(w, name, None), SignalInstance)]
            return found[:1]
        if isinstance(w, NumberField):
            return [w.edit.textChanged]
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            return [w.textChanged]
        if isinstance(w, QComboBox):
            return [w.currentIndexChanged, w.editTextChanged]
        if isinstance(w, QAbstractButton):
            return [w.toggled]
        if isinstance(w, QDateEdit):
            return [w.dateChanged]
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            return [w.valueChanged]
        return []


_INPUTS = (NumberField, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QSpinBox,
           QDoubleSpinBox)


def _is_input(widget: QWidget) -> bool:
    if hasattr(widget, "draft_state"):
        return True
    if isinstance(widget, QAbstractButton):
        return widget.isCheckable()
    return isinstance(widget, _INPUTS)


def _inside(widget: QObject, root: QObject) -> bool:
    parent: QObject | None = widget
    while parent is not None:
        if parent is root:
            return True
        parent = parent.parent()
    return False


def editor_fields(root: QWidget) -> list[_Field]:
    """The inputs of `root`, found through its attributes (and those of its own composite
    widgets), in the order the editor created them; each widget once."""
    fields: list[_Field] = []
    seen: set[int] = {id(root)}

    def walk(obj: QObject, prefix: str) -> None:
        for name, value in list(vars(obj).items()):
            if name.startswith("_") or not isinstance(value, QWidget) or id(value) in seen:
                continue
            seen.add(id(value))
            if not _inside(value, root) or getattr(value, "draft_exclude", False) \
                    or value.property("draft") is False:
                continue
            if _is_input(value):
                fields.append(_Field(prefix + name, value))
            elif type(value).__module__.startswith("desktop."):
                walk(value, f"{prefix}{name}.")

    walk(root, "")
    return fields


# ---- the editor base ---------------------------------------------------------------------


class EditorDialog(QDialog):
    """A dialog that edits data. Call `init_drafts(ctx, key)` at the end of `__init__`, once
    the stored values are in the fields; implement `save_changes()` (True when saved).

    `draft_extra()` / `restore_draft_extra()` carry what the walk cannot see (rows of cell
    widgets, texts kept in a dict); `draft_extra_signals()` says when it changes."""

    help_page = ""   # the guide F1 opens (resources/help); each editor names its own

    def init_drafts(self, ctx: Any, key: str) -> None:
        if self.help_page:
            install_help(self, self.help_page)
        self._draft_ctx = ctx
        self._draft_key = key
        self._fields = editor_fields(self)
        self._baseline = self.draft_values()
        self._dirty = False
        self._title = self.windowTitle()
        self._offered = False
        self._session: DraftSession | None = None
        try:
            self._session = ctx.drafts
        except (OSError, AttributeError) as exc:   # a read-only profile: edit without drafts
            log.warning("drafts unavailable: %s", exc)
        self._check_timer = QTimer(self, singleShot=True, interval=0)
        self._check_timer.timeout.connect(self._update_dirty)
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        for field in self._fields:
            for signal in field.signals():
                signal.connect(self._changed)
        for signal in self.draft_extra_signals():
            signal.connect(self._changed)

    # ---- what the editor holds ----

    def draft_values(self) -> dict[str, Json]:
        values = {f.path: f.value() for f in self._fields}
        extra = self.draft_extra()
        if extra is not None:
            values["_extra"] = extra
        return values

    def draft_extra(self) -> Json:
        return None

    def restore_draft_extra(self, value: Json) -> None:
        pass

    def draft_extra_signals(self) -> list[SignalInstance]:
        return []

    def draft_title(self) -> str:
        """What the draft is of, for the officer ("Sửa thông tin cá nhân – Nguyễn Thị Hoa")."""
        return self._title

    def save_changes(self) -> bool:   # each editor saves its own way
        raise NotImplementedError

    def is_dirty(self) -> bool:
        return self.draft_values() != self._baseline

    # ---- as the officer types ----

    def _changed(self, *_args: object) -> None:
        self._check_timer.start()
        self.values_changed()

    def values_changed(self) -> None:
        """A field changed (each keystroke): editors with a live view (what-if) hook here."""

    def _update_dirty(self) -> None:
        self._dirty = self.is_dirty()
        self.setWindowTitle(self._title + (" *" if self._dirty else ""))
        if self._dirty:
            self._draft_timer.start()
        else:   # typed back to what was stored: no draft to keep
            self._draft_timer.stop()
            self._discard_draft()

    def write_draft(self) -> None:
        """Write the draft now if there are unsaved changes (the timer calls this)."""
        self._draft_timer.stop()
        if self._session is None or not self.is_dirty():
            return
        try:
            self._session.save(self._draft_key, self.draft_title(), self.draft_values(),
                               datetime.now().astimezone())
        except OSError as exc:   # a full disk: the editor itself goes on working
            log.warning("draft not written: %s", exc)

    def _discard_draft(self) -> None:
        if self._session is not None:
            try:
                self._session.discard(self._draft_key)
            except OSError as exc:
                log.warning("draft not removed: %s", exc)

    def mark_saved(self) -> None:
        """The editor saved (and stays open): what is shown now is the stored state."""
        self._draft_timer.stop()
        self._baseline = self.draft_values()
        self._update_dirty()

    # ---- restoring ----

    def restore_draft(self, draft: Draft) -> None:
        """Put the draft's values in the fields; the draft now belongs to this session."""
        by_path = {f.path: f for f in self._fields}
        for path, value in draft.values.items():
            if path == "_extra":
                continue
            field = by_path.get(path)
            if field is not None:
                try:
                    field.restore(value)
                except (TypeError, ValueError, KeyError) as exc:   # hostile or outdated
                    log.warning("draft field %s not restored: %s", path, exc)
        if "_extra" in draft.values:
            try:
                self.restore_draft_extra(draft.values["_extra"])
            except (TypeError, ValueError, KeyError) as exc:
                log.warning("draft extra not restored: %s", exc)
        self._offered = True
        self._update_dirty()
        self.write_draft()    # kept under this session at once (another crash loses nothing)

    def offer_draft(self) -> None:
        """A draft of this editor left by an app that no longer runs: ask, then restore."""
        self._offered = True
        if self._session is None:
            return
        draft = self._session.orphan(self._draft_key)
        if draft is None:
            return
        answer = self.ask_restore(draft)
        if answer == RESTORE:
            self.restore_draft(draft)
        elif answer == DROP:
            self._discard_draft()

    def ask_restore(self, draft: Draft) -> str:
        """RESTORE, LATER or DROP (a method, so tests can answer it)."""
        return ask_restore(self, draft)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if hasattr(self, "_draft_key") and not self._offered:
            self._offered = True
            QTimer.singleShot(0, self.offer_draft)

    # ---- closing ----

    def ask_unsaved(self) -> str:
        """SAVE, DISCARD or CANCEL (a method, so tests can answer it)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Chưa lưu"))
        box.setText(_("“{what}” có thay đổi chưa lưu. Lưu trước khi đóng?").format(
            what=self.draft_title()))
        save = box.addButton(_("&Lưu"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("&Không lưu"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(_("&Quay lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL

    def may_close(self) -> bool:
        """Whether the editor may close now, asking first if it is dirty."""
        if not hasattr(self, "_draft_key") or not self.is_dirty():
            self._end_drafts()
            return True
        self.write_draft()       # whatever is answered, nothing typed is lost meanwhile
        choice = self.ask_unsaved()
        if choice == SAVE:
            if not self.save_changes():
                return False
            self._end_drafts()
            return True
        if choice == DISCARD:
            self._end_drafts()
            return True
        return False

    def _end_drafts(self) -> None:
        if hasattr(self, "_draft_key"):
            self._draft_timer.stop()
            self._check_timer.stop()
            self._discard_draft()

    def reject(self) -> None:   # Esc, "Hủy", "Đóng" and the window's close button
        # "Lưu" in the question may already have accepted (and closed) the editor
        if self.may_close() and not getattr(self, "_accepted", False):
            super().reject()

    def accept(self) -> None:   # called by the editors after a successful save
        self._end_drafts()
        self._accepted = True
        super().accept()

    def close_saved(self) -> None:
        """Close without asking (the editor has just saved what it shows)."""
        self._end_drafts()
        super().reject()


def ask_restore(parent: QWidget | None, draft: Draft) -> str:
    """"Khôi phục bản nháp chưa lưu của … lúc …?": RESTORE, LATER or DROP."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Khôi phục bản nháp"))
    when = draft.saved_at.astimezone()
    box.setText(_("Khôi phục bản nháp chưa lưu của “{what}” lúc {time} ngày {date}?").format(
        what=draft.title, time=when.strftime("%H:%M"), date=format_date(when.date())))
    box.setInformativeText(_("Phần mềm đã đóng bất thường (mất điện, treo máy…) khi đang sửa. "
                             "“Để sau”: bản nháp được giữ và hỏi lại lần sau."))
    restore = box.addButton(_("&Khôi phục"), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(_("Để &sau"), QMessageBox.ButtonRole.RejectRole)
    drop = box.addButton(_("&Bỏ bản nháp"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return RESTORE if clicked is restore else DROP if clicked is drop else LATER


def ask_abandon(parent: QWidget | None, what: str) -> bool:
    """"Bỏ dở?" for a wizard half done (a file chosen, a unit typed): True to abandon it.
    "Quay lại" is the default and Esc's answer, so a second Esc loses nothing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Bỏ dở?"))
    box.setText(what)
    drop = box.addButton(_("&Bỏ dở"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(_("&Quay lại"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is drop


class Reopened(Protocol):
    """What a draft reopens: an editor, or a bulk dialog whose ticks were kept."""

    def restore_draft(self, draft: Draft) -> None: ...
    def exec(self) -> int: ...


Opener = Callable[[Any, QWidget, Draft], "Reopened | None"]


def _int_part(draft: Draft) -> int | None:
    """The id in "person.12" (None for "person.new"); ValueError for anything else."""
    part = draft.parts[0] if draft.parts else ""
    if part == "new":
        return None
    if not part.isdigit() or len(part) > 12:
        raise ValueError(f"bad draft id {part!r}")
    return int(part)


def _open_person(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.person_editor import PersonEditor

    return PersonEditor(ctx, _int_part(draft), parent)


def _open_collective(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.collective_editor import CollectiveEditor

    return CollectiveEditor(ctx, _int_part(draft), parent)


def _open_report(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog | None:
    from desktop.ui.report_editor import ReportEditor

    nomination_id = _int_part(draft)
    return None if nomination_id is None else ReportEditor(ctx, nomination_id, parent)


def _round_id(draft: Draft) -> int:
    """The round of "meeting.3", "posting.3", "nomination.3", "deadline.3"…"""
    round_id = _int_part(draft)
    if round_id is None:
        raise ValueError(f"draft {draft.key!r} names no round")
    return round_id


def _open_work_unit(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.core.operations import work_units
    from desktop.ui.work_units_dialog import WorkUnitEditor

    unit_id = _int_part(draft)
    unit = None if unit_id is None else work_units.get_work_unit(ctx.store, unit_id)
    if unit_id is not None and unit is None:
        raise UserError(_("Đơn vị trực thuộc này không còn."), code="work_unit.not_found")
    return WorkUnitEditor(ctx, unit, parent)


def _open_unit(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.unit_form import UnitDialog

    return UnitDialog(ctx, parent)


def _open_round(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.rounds.round_dialog import RoundDialog

    return RoundDialog(ctx, None, parent)


def _open_deadline(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.core.operations import rounds
    from desktop.ui.rounds.round_dialog import DeadlineDialog

    rnd = rounds.get_round(ctx.store, _round_id(draft))
    if rnd is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."), code="round.not_found")
    return DeadlineDialog(ctx, rnd, parent)


def _open_meeting(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.rounds.meeting_dialog import MeetingDialog

    return MeetingDialog(ctx, _round_id(draft), parent)


def _open_posting(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.rounds.posting_dialog import PostingDialog

    return PostingDialog(ctx, _round_id(draft), parent)


def _open_nomination(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.rounds.nominate_dialog import NominateDialog

    return NominateDialog(ctx, _round_id(draft), parent)


def _open_bulk_nominate(ctx: Any, parent: QWidget, draft: Draft) -> Reopened:
    from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog

    return BulkNominateDialog(ctx, _round_id(draft), parent)


def _open_bulk_register(ctx: Any, parent: QWidget, draft: Draft) -> Reopened:
    from desktop.ui.rounds.bulk_dialogs import BulkRegistrationDialog

    year = draft.values.get("year")
    if type(year) is not int or not 2000 <= year <= 2100:
        raise ValueError(f"bad draft year {year!r}")
    return BulkRegistrationDialog(ctx, year, parent)


def _open_list_summary(ctx: Any, parent: QWidget, draft: Draft) -> EditorDialog:
    from desktop.ui.summary_dialogs import ListSummaryDialog

    return ListSummaryDialog(ctx, _round_id(draft), parent)


def _open_ratings(ctx: Any, parent: QWidget, _draft: Draft) -> EditorDialog:
    from desktop.ui.ratings_grid import RatingsGrid

    return RatingsGrid(ctx, None, parent)   # the draft names its year


# Every kind of draft this version writes (the key's first part), and how to reopen it: a
# kind missing here would be kept but never offered (tests/qt/test_drafts_ui.py checks).
OPENERS: dict[str, Opener] = {
    "person": _open_person, "collective": _open_collective, "report": _open_report,
    "work_unit": _open_work_unit, "unit": _open_unit, "round": _open_round,
    "deadline": _open_deadline, "meeting": _open_meeting, "posting": _open_posting,
    "nomination": _open_nomination, "bulk_nominate": _open_bulk_nominate,
    "bulk_register": _open_bulk_register, "ratings": _open_ratings,
    "list_summary": _open_list_summary}


def offer_orphan_drafts(ctx: Any, parent: QWidget,
                        on_closed: Callable[[Any, bool], None] | None = None,
                        ask: Callable[[QWidget | None, Draft], str] = ask_restore) -> int:
    """At start: each draft a crashed app left is offered back ("Khôi phục …?"); a restored
    one opens its editor with the draft's values, unsaved, for the officer to save or not.
    `on_closed(editor, accepted)` lets the caller refresh its lists. Returns how many were
    restored."""
    try:
        session: DraftSession = ctx.drafts
        orphans = session.orphans()
    except OSError as exc:
        log.warning("drafts unavailable: %s", exc)
        return 0
    restored = 0
    for draft in orphans:
        opener = OPENERS.get(draft.kind)
        if opener is None:       # a kind this version does not edit (a newer one's): kept
            log.warning("draft of an unknown kind kept, not offered: %s", draft.key)
            continue
        answer = ask(parent, draft)
        if answer == LATER:
            continue
        if answer == DROP:
            session.discard(draft.key)
            continue
        try:
            editor = opener(ctx, parent, draft)
        except (UserError, ValueError) as exc:   # the person, round or report is gone
            log.warning("draft %s cannot be reopened: %s", draft.key, exc)
            QMessageBox.information(parent, _("Không khôi phục được"), _(
                "“{what}” không còn trong dữ liệu, nên không mở lại được bản nháp. Bản nháp "
                "đã được bỏ.").format(what=draft.title))
            session.discard(draft.key)
            continue
        if editor is None or (isinstance(editor, EditorDialog)
                              and not hasattr(editor, "_draft_key")):
            # a report sent meanwhile is only shown: its draft cannot be applied any more
            QMessageBox.information(parent, _("Không khôi phục được"), _(
                "“{what}” không còn sửa được (có thể đã gửi), nên không mở lại được bản "
                "nháp. Bản nháp đã được bỏ.").format(what=draft.title))
            session.discard(draft.key)
            continue
        editor.restore_draft(draft)
        restored += 1
        accepted = bool(editor.exec())
        if on_closed is not None:
            on_closed(editor, accepted)
    return restored
