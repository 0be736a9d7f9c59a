"""Former units: what a merged commune was formed from (LAW §8.1, issue 14).

On 1/7/2025 communes were merged and districts abolished. The merged commune's registry
keeps the decisions of bodies that no longer exist, and documents name them as the officer
and the province know them: "xã Tân Lập (cũ)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.core.text import clean, fold

# The day the two-tier local government took effect (Law 72/2025/QH15 Art 51.3): the usual
# date of a commune merger, offered as the default.
REFORM_DATE = date(2025, 7, 1)
# How documents mark a unit or body that no longer exists. Document text, not interface text:
# documents are printed in Vietnamese whatever the interface language.
FORMER_MARK = "(cũ)"
_MARKED = re.compile(r"\(\s*cu\s*\)\s*$")


@dataclass(frozen=True)
class FormerUnit:
    """A unit the current one was formed from.

    `name` is the name documents print, with its level word: "xã Tân Lập", "phường 5",
    "thị trấn Hưng Hóa". `code` is its code (the unit code its packages carried, or the
    administrative code), possibly empty.
    """

    id: int | None
    name: str
    merged_on: date = REFORM_DATE
    code: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """"xã Tân Lập (cũ)"."""
        return marked_former(self.name)


@dataclass(frozen=True)
class FormerPosting:
    """Where a person worked in a former unit, as its registry recorded it."""

    former_unit_id: int
    unit_name: str
    merged_on: date
    position: str = ""
    department: str = ""
    source_id: int | None = None

    @property
    def line(self) -> str:
        """"Chuyên viên, Phòng Kinh tế, xã Tân Lập (cũ)": for a work history."""
        parts = [clean(self.position), clean(self.department), marked_former(self.unit_name)]
        return ", ".join(p for p in parts if p)


def is_marked_former(text: str) -> bool:
    return bool(_MARKED.search(fold(clean(text))))


def marked_former(text: str) -> str:
    """`text` with the "(cũ)" mark, once."""
    text = clean(text)
    return text if not text or is_marked_former(text) else f"{text} {FORMER_MARK}"


def names_unit(text: str, unit_name: str) -> bool:
    """Whether `text` (an issuer, a recognising council) is a body of the unit: it ends with
    the unit's folded name as whole words ("Chủ tịch UBND xã Tân Lập" names "xã Tân Lập";
    "UBND huyện Tân Lập" and "UBND xã Tân Lập Đông" do not)."""
    words = re.sub(r"[^0-9a-z]+", " ", fold(clean(text))).split()
    if words[-1:] == ["cu"]:
        words = words[:-1]  # already marked "(cũ)"
    wanted = re.sub(r"[^0-9a-z]+", " ", fold(clean(unit_name))).split()
    return bool(wanted) and words[-len(wanted):] == wanted


def mark_if_former(text: str, unit_name: str) -> str:
    """An issuer or recognising body of the former unit, marked "(cũ)"; anything else as
    it was (a province's decision is still the province's)."""
    return marked_former(text) if names_unit(text, unit_name) else text


_UNIT_BODY = (("uy", "ban", "nhan", "dan"), ("ubnd",))
_LEVELS = (("xa",), ("phuong",), ("thi", "tran"), ("dac", "khu"))


def former_name_from_unit(unit_name: str) -> str:
    """The former unit's name from its profile's unit name: "Ủy ban nhân dân xã Tân Lập"
    → "xã Tân Lập". A name without the body's words is kept as it is."""
    words = clean(unit_name).split(" ")
    folded = [fold(w) for w in words]
    for body in _UNIT_BODY:
        n = len(body)
        if tuple(folded[:n]) == body and len(words) > n:
            rest = words[n:]
            if any(tuple(folded[n:n + len(level)]) == level for level in _LEVELS):
                rest[0] = rest[0].lower()  # "Xã Tân Lập" → "xã Tân Lập", as in a sentence
            return " ".join(rest)
    return clean(unit_name)
