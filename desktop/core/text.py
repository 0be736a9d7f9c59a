"""Vietnamese text: NFC normalisation, folding for search, sorting, dates in words.

Every string that enters the store passes through `clean()` (NFC, trimmed, inner white
space collapsed). Search never uses SQL LIKE/lower(): names get a folded shadow column
(`fold()`: marks stripped, đ→d, lower case), and FTS5 indexes that column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from fractions import Fraction
from typing import Any

from desktop.core.errors import UserError
from desktop.core.i18n import _

_SPACES = re.compile(r"\s+")
# Invisible format characters that come with pasted or imported text (byte-order mark at the
# start of a CSV cell, zero-width spaces from web pages, soft hyphens and direction marks
# from Word); they make equal names compare different.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u206f\ufeff]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, invisible format characters removed, trimmed, runs of white space collapsed to
    one space. None becomes ''."""
    if text is None:
        return ""
    return _SPACES.sub(" ", _INVISIBLE.sub("", nfc(str(text)))).strip()


def fold(text: str) -> str:
    """Search form: marks stripped, đ→d, lower case ("Đặng Thị Ỷ" → "dang thi y")."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_terms(query: str) -> list[str]:
    """The words of a search box, folded; punctuation is a separator, never syntax."""
    return [t for t in _NON_WORD.split(fold(query)) if t]


def fts_prefix_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every typed word is a prefix of some word of the name."""
    terms = search_terms(query)
    if not terms:
        return None
    return " ".join(f'"{t}"*' for t in terms)


# Vietnamese alphabetical order; tones sort after the letters, in dictionary order.
# f, j, w, z are not Vietnamese letters but occur in ethnic-minority, school and company
# names; they take their Latin places (without them they sorted after y).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_RANK = {ch: chr(0x41 + i) for i, ch in enumerate(_ALPHABET)}


def _letter(base: str, mods: str) -> str:
    if base == "a" and "\u0306" in mods:
        return "ă"
    if base in "aeo" and "\u0302" in mods:
        return {"a": "â", "e": "ê", "o": "ô"}[base]
    if base in "ou" and "\u031b" in mods:
        return {"o": "ơ", "u": "ư"}[base]
    return base


def sort_key(text: str) -> str:
    """A key whose binary order is Vietnamese dictionary order (a < ă < â < b …)."""
    primary: list[str] = []
    tones: list[str] = []
    for cluster in re.findall(r".[\u0300-\u036f]*", unicodedata.normalize("NFD", text.lower())):
        base, mods = cluster[0], cluster[1:]
        letter = _letter(base, mods)
        primary.append(_RANK.get(letter, base))
        tones.append(next((_TONES[m] for m in mods if m in _TONES), "0"))
    return "".join(primary) + "\x01" + "".join(tones)


def person_sort_key(full_name: str) -> str:
    """Vietnamese lists sort by given name (the last word), then by the whole name."""
    words = clean(full_name).split(" ")
    return sort_key(words[-1]) + "\x00" + sort_key(" ".join(words))


# ---- dates -------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: object, field_label: str) -> date | None:
    """Accepts dd/mm/yyyy (what officers type), yyyy-mm-dd, or a date/datetime object.

    Empty gives None; anything else that is not a real calendar date raises a UserError
    naming the field ("Ngày sinh: 31/02/1990 không phải là ngày có thật").
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(str(value))
    if not text:
        return None
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            raise UserError(
                _("{field}: “{value}” không đúng dạng ngày (ngày/tháng/năm, ví dụ 05/03/1990).")
                .format(field=field_label, value=text)
            )
        year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(
            _("{field}: {value} không phải là ngày có thật.").format(field=field_label, value=text)
        ) from None


def format_date(value: date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese offices write dates in tables."""
    return value.strftime("%d/%m/%Y") if value else ""


_TIME = re.compile(r"^(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{1,2})?\s*(?:phút|p)?$")


def parse_time(value: object, field_label: str) -> time | None:
    """A time of day as officers write it: "8:00", "08:30", "8h", "8h30", "14 giờ 15".

    Empty gives None; anything else that is not a time raises a UserError naming the field.
    """
    if value is None or isinstance(value, time):
        return value
    text = clean(str(value)).lower()
    if not text:
        return None
    m = _TIME.match(text)
    try:
        if m is None:
            raise ValueError(text)
        return time(int(m[1]), int(m[2] or 0))
    except ValueError:
        raise UserError(_("{field}: “{value}” không đúng dạng giờ (giờ:phút, ví dụ 08:00 hoặc "
                          "14h30).").format(field=field_label, value=text)) from None


def format_time(value: time | None) -> str:
    """HH:MM (08:00), or '' for no time."""
    return value.strftime("%H:%M") if value is not None else ""


def date_phrase(value: date) -> str:
    """“ngày 05 tháng 3 năm 2026”: days below 10 and months 1–2 get a leading zero (ND 30)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def mask_national_id(value: str) -> str:
    """Lists show only the last three digits of a CCCD number."""
    value = clean(value)
    if len(value) <= 3:
        return "•" * len(value)
    return "•" * (len(value) - 3) + value[-3:]


NATIONAL_ID_KEY = "national_id"


def mask_national_ids(data: Any) -> Any:
    """`data` (a JSON-safe dict or list, an audit entry's detail) with every string under a
    "national_id" key masked as `mask_national_id` does, at any depth: in a person's snapshot
    (`{"national_id": "025…"}`) and in a change (`{"national_id": {"before": …, "after":
    …}}`). Masking a masked number changes nothing."""
    if isinstance(data, dict):
        return {k: _masked_value(v) if k == NATIONAL_ID_KEY else mask_national_ids(v)
                for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [mask_national_ids(v) for v in data]
    return data


def _masked_value(value: Any) -> Any:
    if isinstance(value, str):
        return mask_national_id(value)
    if isinstance(value, dict):
        return {k: _masked_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_masked_value(v) for v in value]
    return value


# ---- numbers -----------------------------------------------------------------------------


def percent(share: Fraction | float | int) -> str:
    """A share as Vietnamese official documents write it: "80%", "83,3%" (decimal comma, one
    decimal only when needed).

    Rounded to the nearest tenth, except that rounding never reaches a whole percent the
    share is below: 699/1000 is "69,9%", not "70%", so a share under a 70 % threshold never
    prints as the threshold itself. A float is read as the decimal it was written as (0.7 is
    exactly 70 %).
    """
    exact = share if isinstance(share, Fraction) else Fraction(
        repr(share) if isinstance(share, float) else share)
    tenths = exact * 1000  # tenths of a percent
    rounded = (tenths + Fraction(1, 2)).__floor__()     # half up
    if rounded % 10 == 0 and Fraction(rounded) > tenths:
        rounded = tenths.__floor__()    # would round up onto a whole percent: cut instead
    whole, tenth = divmod(abs(rounded), 10)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{whole}%" if tenth == 0 else f"{sign}{whole},{tenth}%"
