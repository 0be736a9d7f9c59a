"""JSON from outside, read strictly (docs/package-format.md §5.1).

Python's json module accepts what RFC 8259 does not (NaN, Infinity), keeps the last of two
equal keys where other readers keep the first, passes lone surrogates through as text that
cannot be printed or encoded, and turns a 5,000-digit number into a ValueError from int()
(Python's int-string limit) that is not a JSONDecodeError. Here each of these is its own
refusal, and every number is bounded before it is converted.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_INT_DIGITS = 15          # |n| < 10**15: exact in every JSON reader (IEEE doubles)
MAX_FLOAT_CHARS = 32
MAX_DEPTH = 32


class StrictJSONError(ValueError):
    """`code` is a package reason code (json_invalid, json_constant, json_duplicate_key,
    json_surrogate, number_too_large, json_too_deep, text_too_long, too_many_items)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def _constant(name: str) -> Any:
    raise StrictJSONError("json_constant", name)


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise StrictJSONError("number_too_large", f"{text[:20]}… ({len(text)} chữ số)")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_FLOAT_CHARS:
        raise StrictJSONError("number_too_large", f"{text[:20]}… ({len(text)} ký tự)")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise StrictJSONError("number_too_large", text)
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):      # rare: find which key came twice
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise StrictJSONError("json_duplicate_key", _visible(key))
            seen.add(key)
    return result


def _visible(text: str) -> str:
    return text[:60].encode("utf-8", "backslashreplace").decode("utf-8")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# A lone surrogate can only come from a \uD800–\uDFFF escape (UTF-8 input cannot carry one):
# without such an escape in the text, strings need no surrogate check.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _walk(value: Any, surrogates: bool, max_text: int | None, max_items: int | None) -> None:
    """Depth, lone surrogates and sizes in one pass, without recursion (the input chooses
    the depth). Fast and pathless; a violation is then located by `_locate` for the detail."""
    longest = max_text if max_text is not None else -1
    most = max_items if max_items is not None else -1
    stack: list[tuple[Any, int]] = [(value, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        kind = type(item)
        if kind is str:
            if (longest >= 0 and len(item) > longest) or (surrogates and _has_surrogate(item)):
                _locate(value, surrogates, longest, most)
        elif kind is dict:
            if depth > MAX_DEPTH:
                raise StrictJSONError("json_too_deep", f"> {MAX_DEPTH}")
            for key, child in item.items():
                if (longest >= 0 and len(key) > longest) or (surrogates and _has_surrogate(key)):
                    _locate(value, surrogates, longest, most)
                push((child, depth + 1))
        elif kind is list:
            if depth > MAX_DEPTH:
                raise StrictJSONError("json_too_deep", f"> {MAX_DEPTH}")
            if 0 <= most < len(item):
                _locate(value, surrogates, longest, most)
            stack.extend((child, depth + 1) for child in item)


def _locate(value: Any, surrogates: bool, longest: int, most: int) -> None:
    """The slow pass, run only when `_walk` found something: raise with the JSON path."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if 0 <= longest < len(item):
                raise StrictJSONError("text_too_long", f"{where or '(root)'}: {len(item)}")
            if surrogates and _has_surrogate(item):
                raise StrictJSONError("json_surrogate", f"{where}: {_visible(item)}")
        elif isinstance(item, dict):
            for key, child in item.items():
                if 0 <= longest < len(key):
                    raise StrictJSONError("text_too_long", f"{where}: {_visible(key)}")
                if surrogates and _has_surrogate(key):
                    raise StrictJSONError("json_surrogate", f"{where}: {_visible(key)}")
                stack.append((child, f"{where}/{key[:40]}"))
        elif isinstance(item, list):
            if 0 <= most < len(item):
                raise StrictJSONError("too_many_items", f"{where}: {len(item)}")
            stack.extend((child, f"{where}/{i}") for i, child in enumerate(item))


def loads(data: bytes | str, *, max_text: int | None = None, max_items: int | None = None
          ) -> Any:
    """Parse `data` (UTF-8 bytes, or text) strictly; StrictJSONError with a code otherwise.
    `max_text` and `max_items` bound every string (and key) and every list, anywhere."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise StrictJSONError("json_invalid", f"UTF-8 @{exc.start}") from None
    else:
        text = data
    if text.startswith("\ufeff"):
        raise StrictJSONError("json_invalid", "BOM")
    try:
        value = json.loads(text, parse_constant=_constant, parse_int=_integer,
                           parse_float=_float, object_pairs_hook=_object)
    except StrictJSONError:
        raise
    except RecursionError:
        raise StrictJSONError("json_too_deep", "> recursion limit") from None
    except ValueError as exc:     # JSONDecodeError, and anything int()/float() still raise
        raise StrictJSONError("json_invalid", str(exc)[:200]) from None
    surrogates = _SURROGATE_ESCAPE.search(text) is not None or not isinstance(data, bytes)
    _walk(value, surrogates, max_text, max_items)
    return value
