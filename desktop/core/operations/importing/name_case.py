"""Names typed in capitals ("NGUYỄN VĂN AN"), as many staff lists keep them.

A name in capitals would be printed so in every dossier and decision. The import does not
change it on its own: it counts such names and offers, as an explicit choice, to write them
as Vietnamese names are written, each word with a capital first letter ("Nguyễn Văn An",
"Thị" included). A name in mixed case is the officer's own writing and is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop.core.i18n import _
from desktop.core.operations.importing.convert import RowConverter, RowProblem
from desktop.core.text import clean

# Inside a word, a letter after an apostrophe or a hyphen also starts a part of the name
# (Ê Đê and Gia Rai names: "H'Hen Niê", "Ksor H'Bliu"; "Y-Moan").
_PART_START = re.compile(r"(^|['’\-])(\w)")


def is_all_capitals(name: str) -> bool:
    """At least one word of two letters and no lower-case letter: "NGUYỄN VĂN AN", not
    "Y" (an Ê Đê name may be the single letter) nor "NGUYỄN Văn An"."""
    text = clean(name)
    if not text.isupper():  # a lower-case letter, or no letter with a case at all
        return False
    return any(sum(ch.isalpha() for ch in word) >= 2 for word in text.split(" "))


def vietnamese_title_case(name: str) -> str:
    """Each word (and each part after an apostrophe or hyphen) with a capital first letter
    and the rest in small letters; NFC, spaces as `clean` leaves them.

    Python's lower()/upper() on NFC text keep the marks on the letter ("Ỷ" ↔ "ỷ", "Đ" ↔
    "đ"); str.title() is not used because it also capitalises after a combining mark left
    by text that was not NFC.
    """
    words = []
    for word in clean(name).split(" "):
        lowered = word.lower()
        words.append(_PART_START.sub(lambda m: m.group(1) + m.group(2).upper(), lowered))
    return clean(" ".join(words))  # NFC again: lower() of a few letters ("İ") adds a mark


def capitals_fix(name: str) -> str | None:
    """The name in Vietnamese title case when it is in capitals and would change, else
    None."""
    if not is_all_capitals(name):
        return None
    fixed = vietnamese_title_case(name)
    return fixed if fixed != clean(name) else None


# The codes of the row notes on a name in capitals.
NAME_CAPITALS = "import.name_all_capitals"  # left as typed: the officer may choose the fix
NAME_CASE_FIXED = "import.name_case_fixed"  # written in title case, as the officer chose


@dataclass(frozen=True)
class NameCaseOffer:
    """Names of the file typed in capitals: how many, one as an example, and whether the
    preview writes them in title case."""

    count: int
    example: str  # as typed: "NGUYỄN VĂN AN"
    example_fixed: str  # "Nguyễn Văn An"
    applied: bool

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "example": self.example,
                "example_fixed": self.example_fixed, "applied": self.applied,
                "flag": None if self.applied else "--fix-name-case"}


def note_name_case(conv: RowConverter, name: str, fix: bool,
                   capitals: list[tuple[str, str]]) -> str:
    """The name as it will be saved; a name in capitals gets a note either way."""
    fixed = capitals_fix(name)
    if fixed is None:
        return name
    capitals.append((name, fixed))
    if fix:
        conv.notices.append(RowProblem(
            conv.number, conv.column_of("full_name"),
            _("“{before}” viết HOA toàn bộ: ghi thành “{after}”.").format(
                before=name, after=fixed), "full_name", NAME_CASE_FIXED))
        return fixed
    conv.notices.append(RowProblem(
        conv.number, conv.column_of("full_name"),
        _("“{name}” viết HOA toàn bộ: ghi như trong tệp (có thể chọn chuyển thành “{after}”)."
          ).format(name=name, after=fixed), "full_name", NAME_CAPITALS))
    return name
