"""A field for a whole number that keeps what was typed and says when it is out of range.

QSpinBox refuses a keystroke that would leave its range and corrects the text when focus
leaves: in the council dialog, typing 13 where 11 was the maximum kept "1" and the result
flipped to "Không đạt 1/12" without a word (issue 12). Here nothing typed is dropped or
changed: the text stays as typed, the field turns red and says what is wrong ("Lớn nhất là
11 (tổng số thành viên Hội đồng)"), `value()` is the number typed, and the form refuses to
save while `problem()` is not empty. Up/Down (and Page Up/Down) still step the number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from desktop.core.errors import Problem
from desktop.core.i18n import _

MAX_DIGITS = 9   # every count and year fits; a longer text is reported, never parsed
INVALID_STYLE = ("QLineEdit { border: 2px solid #b42318; background: #fff0f0; "
                 "color: #000; }")
MESSAGE_STYLE = "color: #b42318;"


class _Edit(QLineEdit):
    """The line edit inside a NumberField: Up/Down step the number."""

    def __init__(self, field: NumberField) -> None:
        super().__init__(field)
        self._field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 10,
                 Qt.Key.Key_PageDown: -10}
        step = steps.get(Qt.Key(event.key()))
        if step is not None and not self.isReadOnly():
            self._field.step(step)
            event.accept()
            return
        super().keyPressEvent(event)


class NumberField(QWidget):
    """A whole number between a minimum and a maximum, each with an optional reason.

    `value()` is the number typed (None when empty or not a whole number), also when it is
    out of range: the caller decides, and `problem()` says what is wrong in Vietnamese.
    """

    valueChanged = Signal(object)   # int | None

    def __init__(self, minimum: int = 0, maximum: int = 999_999, value: int | None = None,
                 *, required: bool = True, show_message: bool = True, width: int = 90,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min, self._max = minimum, maximum
        self._min_why = self._max_why = ""
        self._required = required
        self.edit = _Edit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setFixedWidth(width)
        self.message = QLabel(self)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.setVisible(False)
        self._show_message = show_message
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message, 1)
        if not show_message:
            layout.addStretch(0)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._changed)
        if value is not None:
            self.edit.setText(str(value))
        self._show()

    # ---- range --------------------------------------------------------------------------

    def minimum(self) -> int:
        return self._min

    def maximum(self) -> int:
        return self._max

    def setMinimum(self, minimum: int, why: str = "") -> None:
        self._min, self._min_why = minimum, why
        self._show()

    def setMaximum(self, maximum: int, why: str = "") -> None:
        self._max, self._max_why = maximum, why
        self._show()

    def setRange(self, minimum: int, maximum: int) -> None:
        self._min, self._max = minimum, maximum
        self._show()

    def setRequired(self, required: bool) -> None:
        self._required = required
        self._show()

    # ---- value --------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def value(self) -> int | None:
        text = self.edit.text().strip()
        if not text or len(text.lstrip("-")) > MAX_DIGITS:
            return None
        digits = text[1:] if text.startswith("-") else text
        if not digits.isascii() or not digits.isdigit():
            return None
        return int(text)

    def setValue(self, value: int | None) -> None:
        """Show `value` as it is, even outside the range (then the field says so)."""
        self.edit.setText("" if value is None else str(value))

    def step(self, by: int) -> None:
        current = self.value()
        if current is None:
            current = self._min if by > 0 else self._max
        else:
            current = min(max(current + by, self._min), self._max)
        self.setValue(current)
        self.edit.selectAll()

    def problem(self) -> str:
        """What is wrong with the text, in Vietnamese; "" when it is a number in range."""
        text = self.edit.text().strip()
        if not text:
            return _("Chưa nhập số.") if self._required else ""
        value = self.value()
        if value is None:
            return _("“{text}” không phải là số nguyên.").format(text=text[:20])
        if value > self._max:
            return (_("Lớn nhất là {n} ({why}).").format(n=self._max, why=self._max_why)
                    if self._max_why else _("Lớn nhất là {n}.").format(n=self._max))
        if value < self._min:
            return (_("Nhỏ nhất là {n} ({why}).").format(n=self._min, why=self._min_why)
                    if self._min_why else _("Nhỏ nhất là {n}.").format(n=self._min))
        return ""

    def is_valid(self) -> bool:
        return not self.problem()

    def as_problem(self, code: str, field: str, label: str) -> Problem | None:
        """The problem as the form reports it ("Có mặt: lớn nhất là 9"), or None."""
        problem = self.problem()
        return Problem(code, field, f"{label}: {problem}") if problem else None

    # ---- look ---------------------------------------------------------------------------

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def isReadOnly(self) -> bool:
        return self.edit.isReadOnly()

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def setToolTip(self, tip: str) -> None:
        self._tip = tip
        self._show()

    def _changed(self, _text: str) -> None:
        self._show()
        self.valueChanged.emit(self.value())

    def _show(self) -> None:
        problem = self.problem()
        # An empty required field is not shouted at while the officer has not typed yet:
        # the form names it when saving. Anything typed and wrong is shown at once.
        shout = bool(problem) and bool(self.edit.text().strip())
        self.edit.setStyleSheet(INVALID_STYLE if shout else "")
        self.edit.setToolTip(problem if shout else getattr(self, "_tip", ""))
        self.edit.setAccessibleDescription(problem if shout else "")
        self.message.setText(("⚠ " + problem) if shout else "")
        self.message.setVisible(shout and self._show_message)


class YearField(NumberField):
    """A year to show or work on (the review year, a list's year): `yearChanged` fires only
    for a valid year, so a list is never refreshed for a half-typed "202"."""

    yearChanged = Signal(int)

    def __init__(self, value: int, minimum: int = 2000, maximum: int = 2100, *,
                 show_message: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(minimum, maximum, value, width=70, show_message=show_message,
                         parent=parent)
        self.valueChanged.connect(self._emit_year)

    def year(self) -> int | None:
        """The year typed when it is valid, else None (the field says why)."""
        value = self.value()
        return value if value is not None and self.is_valid() else None

    def _emit_year(self, _value: object) -> None:
        year = self.year()
        if year is not None:
            self.yearChanged.emit(year)
