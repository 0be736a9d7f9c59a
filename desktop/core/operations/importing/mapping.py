"""Which column holds which field: guessed from the Vietnamese header text (folded, so
"Họ và tên", "HO VA TEN" and NFD text all match), then corrected by the officer in the
wizard or with `--map COLUMN=field` on the command line.

A header equal to a synonym is a sure match; a header containing one as whole words
("Ngày sinh (ngày/tháng/năm)") is a weaker one. Short synonyms such as "tên" are exact-only,
since so many headers contain them ("Tên đơn vị").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.core.i18n import _
from desktop.core.operations.importing.fields import BY_KEY, FIELDS, word_key
from desktop.core.operations.importing.limits import column_letter
from desktop.core.text import clean

_YEAR_IN_HEADER = re.compile(r"\b(19[4-9]\d|20\d\d|2100)\b")
_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


class MappingError(ValueError):
    """A `--map` or `--default` the command line cannot use; the message says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def header_key(text: object) -> str:
    return word_key(str(text) if text is not None else "")


def match_header(key: str) -> tuple[str, int, int] | None:
    """(field, strength, synonym length) for one folded header, or None."""
    if not key:
        return None
    best: tuple[str, int, int] | None = None
    padded = f" {key} "
    for f in FIELDS:
        for syn in f.synonyms:
            if key == syn:
                score = (f.key, 2, len(syn))
            elif syn not in f.exact_only and f" {syn} " in padded:
                score = (f.key, 1, len(syn))
            else:
                continue
            if best is None or score[1:] > best[1:]:
                best = score
    return best


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field key → column index, from the header texts. Each column feeds at most one field."""
    candidates = []
    for index, header in enumerate(headers):
        match = match_header(header_key(header))
        if match is not None:
            target, strength, length = match
            candidates.append((strength, length, -index, target, index))
    mapping: dict[str, int] = {}
    for _s, _l, _i, target, index in sorted(candidates, reverse=True):
        if target not in mapping and index not in mapping.values():
            mapping[target] = index
    if "family_name" in mapping and "full_name" not in mapping:
        mapping["full_name"] = mapping.pop("family_name")
    return mapping


def guess_rating_year(headers: Sequence[str], mapping: Mapping[str, int]) -> int | None:
    """The year written in the rating column's header ("Xếp loại năm 2025"), if any."""
    index = mapping.get("rating")
    if index is None or index >= len(headers):
        return None
    m = _YEAR_IN_HEADER.search(clean(headers[index]))
    return int(m.group(1)) if m else None


def repeated_column(mapping: Mapping[str, int]) -> int | None:
    """A column chosen for two fields, if any."""
    used = Counter(mapping.values())
    return next((i for i, n in used.items() if n > 1), None)


def column_index(spec: str, headers: Sequence[str]) -> int:
    """A column named on the command line: its letter ("C") or its header text
    ("Đối tượng", folded, so "doi tuong" works too)."""
    text = clean(spec)
    wanted = header_key(text)
    by_header = [i for i, h in enumerate(headers) if wanted and header_key(h) == wanted]
    if len(by_header) == 1:
        return by_header[0]
    if _LETTERS.match(text):
        index = 0
        for ch in text.upper():
            index = index * 26 + (ord(ch) - 64)
        if index - 1 < len(headers):
            return index - 1
    if len(by_header) > 1:
        raise MappingError(_("Có {n} cột cùng tiêu đề “{h}”; hãy ghi chữ cái của cột (ví dụ "
                             "{col}).").format(n=len(by_header), h=text,
                                                col=column_letter(by_header[0])),
                           "import.map_ambiguous")
    raise MappingError(_("Tệp không có cột “{c}”.").format(c=text), "import.map_no_column")


def apply_overrides(mapping: Mapping[str, int], overrides: Sequence[str],
                    headers: Sequence[str]) -> dict[str, int]:
    """`--map COLUMN=field` (or `COLUMN=-` to import nothing from that column) on top of
    the guessed mapping."""
    result = dict(mapping)
    for item in overrides:
        column, sep, target = item.rpartition("=")
        target = target.strip()
        if not sep or not column.strip():
            raise MappingError(_("“--map {v}” phải có dạng CỘT=trường, ví dụ --map C=group.")
                               .format(v=item), "import.map_invalid")
        index = column_index(column, headers)
        result = {k: v for k, v in result.items() if v != index}
        if target in ("-", ""):
            continue
        if target not in BY_KEY:
            raise MappingError(_("Không có trường “{f}”; các trường: {keys}.").format(
                f=target, keys=", ".join(f.key for f in FIELDS)), "import.map_unknown_field")
        result[target] = index
    return result


def mapping_json(mapping: Mapping[str, int], headers: Sequence[str]) -> dict[str, Any]:
    return {key: {"column": column_letter(i), "header": headers[i] if i < len(headers) else ""}
            for key, i in sorted(mapping.items(), key=lambda kv: kv[1])}
