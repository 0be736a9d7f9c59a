"""Control, zero-width and direction characters in imported cells: never deleted silently.

`desktop.core.text.clean` deletes invisible characters, which is right for what an officer
types but wrong for a file: "Nguyễn\\u200bVăn" became "NguyễnVăn". So every cell passes here
first, and each class of character is handled by a rule that depends on the field:

- line break, tab, CR, VT, FF, NEL, U+2028/2029: a space, in every field.
- zero-width (U+200B/C/D, U+2060, U+FEFF, U+00AD, U+180E, U+2061–2064): in names and free
  text, a space and a notice naming row and column; in dates, codes and numbers, refused.
- direction (U+200E/F, U+061C, U+202A–E, U+2066–9, U+206A–F): refused in every field.
- other controls (C0, DEL, C1), other format characters, private-use, unassigned code points
  and surrogates: refused in every field.

Why: a line break in a cell (Alt+Enter) is visible in Excel and means a space. A zero-width
character between words means a space, and the notice lets the officer see the value before
importing; in an identifier or a date it makes a different value that looks the same, so the
row is refused. Direction marks can make a name display differently from what is stored
(Vietnamese never needs them), and the other controls are debris of a damaged or wrongly
decoded file: the officer must look at that cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from desktop.core.i18n import N_, _


class CharPolicy(Enum):
    TEXT = "text"  # names and free text: zero-width becomes a space, with a notice
    STRICT = "strict"  # dates, codes, numbers: zero-width is refused


_SPACE_LIKE = set("\t\n\r\x0b\x0c\x85\u2028\u2029")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
_DIRECTION = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                 "\u206a\u206b\u206c\u206d\u206e\u206f")
# A fast test: only cells containing one of these need the careful walk.
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                      "\u2060-\u206f\ufeff\ue000-\uf8ff\ufff0-\uffff\ud800-\udfff"
                      "\U000e0000-\U0010ffff]")
_UNUSUAL_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs"}

_NAMES = {
    "\u200b": N_("khoảng trắng không độ rộng"),
    "\u200c": N_("ký tự nối không độ rộng"),
    "\u200d": N_("ký tự nối không độ rộng"),
    "\u2060": N_("ký tự nối không độ rộng"),
    "\ufeff": N_("dấu BOM"),
    "\u00ad": N_("gạch nối mềm"),
    "\u200e": N_("dấu hướng chữ trái sang phải"),
    "\u200f": N_("dấu hướng chữ phải sang trái"),
    "\u202e": N_("ký tự đảo chiều chữ"),
    "\u202d": N_("ký tự ép chiều chữ"),
}


@dataclass(frozen=True)
class CharFinding:
    code: str  # "import.invisible_replaced" (a notice) or a refusal code
    message: str
    refused: bool


@dataclass(frozen=True)
class Checked:
    text: str  # with the allowed replacements made (not yet clean()ed)
    findings: tuple[CharFinding, ...] = ()

    @property
    def refused(self) -> bool:
        return any(f.refused for f in self.findings)


def describe(ch: str) -> str:
    """“U+200B (khoảng trắng không độ rộng)”."""
    code = f"U+{ord(ch):04X}"
    name = _NAMES.get(ch)
    if name:
        return f"{code} ({_(name)})"
    if unicodedata.category(ch) == "Cc":
        return f"{code} ({_('ký tự điều khiển')})"
    return code


def _where(text: str, index: int) -> str:
    before = text[max(0, index - 12):index].strip()
    if before:
        return _("sau “{text}”").format(text=before)
    return _("ở đầu ô")


def check(text: str, policy: CharPolicy) -> Checked:
    """Apply the table above to one cell's text."""
    if not _SUSPECT.search(text):
        return Checked(text)
    out: list[str] = []
    findings: list[CharFinding] = []
    seen: set[tuple[str, str]] = set()  # one finding per kind of character per cell

    def find(code: str, message: str, refused: bool, ch: str) -> None:
        if (code, ch) not in seen:
            seen.add((code, ch))
            findings.append(CharFinding(code, message, refused))

    for i, ch in enumerate(text):
        if ch in _SPACE_LIKE:
            out.append(" ")
        elif ch in _ZERO_WIDTH:
            out.append(" ")
            if policy is CharPolicy.TEXT:
                find("import.invisible_replaced",
                     _("ký tự ẩn {what} {where} đã được thay bằng dấu cách; hãy xem lại giá trị "
                       "này.").format(what=describe(ch), where=_where(text, i)), False, ch)
            else:
                find("import.invisible_char",
                     _("có ký tự ẩn {what} {where}; hãy gõ lại ô này trong Excel.").format(
                         what=describe(ch), where=_where(text, i)), True, ch)
        elif ch in _DIRECTION:
            out.append(ch)
            find("import.direction_char",
                 _("có ký tự điều khiển hướng chữ {what} {where}, làm chữ hiện khác với "
                   "giá trị thật; hãy gõ lại ô này trong Excel.").format(
                     what=describe(ch), where=_where(text, i)), True, ch)
        elif unicodedata.category(ch) in _UNUSUAL_CATEGORIES:
            out.append(ch)
            find("import.control_char",
                 _("có ký tự không hợp lệ {what} {where} (tệp có thể bị hỏng hoặc sai bảng "
                   "mã); hãy gõ lại ô này trong Excel.").format(
                     what=describe(ch), where=_where(text, i)), True, ch)
        else:
            out.append(ch)
    return Checked("".join(out), tuple(findings))
