"""JSON from outside, read strictly (docs/package-format.md §5.1).

Python's json module accepts what RFC 8259 does not (NaN, Infinity), keeps the last of two
equal keys where other readers keep the first, passes lone surrogates through as text that
cannot be printed or encoded, and turns a 5,000-digit number into a ValueError from int()
(Python's int-string limit) that is not a JSONDecodeError. Here each of these is its own
refusal, and every number is bounded before it is converted.
"""

from __future__ import annotations

import json
from typing import Any

MAX_INT_DIGITS = 15          # |n| < 10**15: exact in every JSON reader (IEEE doubles)
MAX_FLOAT_CHARS = 32
MAX_DEPTH = 32


class StrictJSONError(ValueError):
    """`code` is a package reason code (json_invalid, json_constant, json_duplicate_key,
    json_surrogate, number_too_large, json_too_deep)."""

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
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJSONError("json_duplicate_key", _visible(key))
        result[key] = value
    return result


def _visible(text: str) -> str:
    return text[:60].encode("utf-8", "backslashreplace").decode("utf-8")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk(value: Any) -> None:
    """Depth and lone surrogates, without recursion (the input chooses the depth)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _has_surrogate(item):
                raise StrictJSONError("json_surrogate", _visible(item))
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise StrictJSONError("json_too_deep", f"> {MAX_DEPTH}")
            if isinstance(item, dict):
                for key, child in item.items():
                    if _has_surrogate(key):
                        raise StrictJSONError("json_surrogate", _visible(key))
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def loads(data: bytes | str) -> Any:
    """Parse `data` (UTF-8 bytes, or text) strictly; StrictJSONError with a code otherwise."""
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
    _walk(value)
    return value
