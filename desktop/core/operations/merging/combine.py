"""Two records of one person made into one: pure functions, no store.

Generic over the dataclasses' fields, so a field added to `Person` (or to a history row)
merges without a change here:

- equal values (NFC, spacing, case and marks aside; the "(cũ)" mark aside) are one value;
- an empty value (None or "") takes the other side's;
- two different non-empty values are a difference the officer sees: for the person's own
  fields (phone, position…) the existing record's value is kept unless the officer picks
  the other; for a history record (a year's rating, a title of a year) it is a *conflict*
  that the officer must choose, never resolved here;
- a note is never lost: two different notes are kept both.

A field of `Person` that refers to a row of its own database (`work_unit_id`: an int field
named `*_id`) is not comparable across two databases: the existing record keeps its own, and
a person coming from another database starts without one.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from desktop.core.i18n import N_, _
from desktop.core.model import Award, Collective, Discipline, History, Person, YearRecord
from desktop.core.model.former import is_marked_former, mark_if_former
from desktop.core.text import clean, fold, format_date

EXISTING, INCOMING = "existing", "incoming"
SIDES = (EXISTING, INCOMING)


# ---- values ----------------------------------------------------------------------------------


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))


def _norm(value: object) -> object:
    if isinstance(value, str):
        text = fold(clean(value))
        if text.endswith("(cu)"):
            text = text[:-4].rstrip()
        return text
    return value


def same_value(a: object, b: object) -> bool:
    return _norm(a) == _norm(b)


def _preferred(a: object, b: object) -> object:
    """Of two equal values, the one marked "(cũ)" (it says more), else the first."""
    if isinstance(a, str) and isinstance(b, str) and is_marked_former(b) \
            and not is_marked_former(a):
        return b
    return a


def show(value: object) -> str:
    """A value as the officer reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return str(label) if label is not None else str(value.value)
    return clean(str(value))


# ---- the person ------------------------------------------------------------------------------

R = TypeVar("R", Person, Collective)

# The labels of Person's fields as the officer knows them (the person editor's wording,
# without its shortcut marks): every field but the id has one (a test checks), so the
# side-by-side view never shows a field's name.
FIELD_LABELS: dict[str, str] = {
    "full_name": N_("Họ và tên"), "birth_date": N_("Ngày sinh"), "gender": N_("Giới tính"),
    "ethnicity": N_("Dân tộc"), "position": N_("Chức vụ"),
    "department": N_("Phòng, ban, bộ phận"), "group": N_("Đối tượng"),
    "hired_on": N_("Ngày vào làm"), "phone": N_("Điện thoại"),
    "national_id": N_("Số CCCD/CMND"), "work_unit_id": N_("Đơn vị trực thuộc"),
    "hometown": N_("Quê quán"),
    "residence": N_("Trú quán"), "qualification": N_("Trình độ chuyên môn, nghiệp vụ"),
    "political_theory": N_("Lý luận chính trị"), "academic_rank": N_("Học hàm, học vị"),
    "party_post": N_("Chức vụ Đảng"), "mass_org_post": N_("Chức vụ đoàn thể"),
}


def field_label(name: str) -> str:
    """A Person field's label; a field added without one reads "Thông tin khác" rather
    than its Python name."""
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else _("Thông tin khác")


def _is_reference(name: str, hint: Any) -> bool:
    """An `int | None` field named *_id: a row of the record's own database."""
    if not name.endswith("_id"):
        return False
    args = typing.get_args(hint) or (hint,)
    return int in args


def reference_fields(cls: type = Person) -> tuple[str, ...]:
    """The fields of a record (Person, Collective) that point at a row of its database."""
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in fields(cls) if f.name != "id"
                 and _is_reference(f.name, hints[f.name]))


def person_fields(cls: type[Person] = Person) -> tuple[str, ...]:
    """The fields of Person compared and merged: all but the id and references."""
    refs = set(reference_fields(cls))
    return tuple(f.name for f in fields(cls) if f.name != "id" and f.name not in refs)


def without_references(record: R) -> R:
    """A record (a person, a collective) from another database: its ids mean nothing here."""
    refs = set(reference_fields(type(record)))
    defaults: dict[str, Any] = {f.name: f.default for f in fields(record) if f.name in refs}
    return replace(record, id=None, **defaults)


@dataclass(frozen=True)
class FieldDifference:
    field: str
    existing: str  # as shown
    incoming: str

    @property
    def label(self) -> str:
        return field_label(self.field)


def compare_people(existing: Person, incoming: Person
                   ) -> tuple[tuple[FieldDifference, ...], tuple[str, ...]]:
    """(differences, fields the existing record lacks and the incoming one fills)."""
    differences, filled = [], []
    for name in person_fields(type(existing)):
        a, b = getattr(existing, name), getattr(incoming, name)
        if same_value(a, b) or is_empty(b):
            continue
        if is_empty(a):
            filled.append(name)
        else:
            differences.append(FieldDifference(name, show(a), show(b)))
    return tuple(differences), tuple(filled)


def combine_people(existing: Person, incoming: Person, choices: Mapping[str, str]) -> Person:
    """The existing person with the empty fields filled and the officer's choices applied
    (field → "incoming" takes the incoming value; anything else keeps the existing)."""
    values: dict[str, Any] = {}
    for name in person_fields(type(existing)):
        a, b = getattr(existing, name), getattr(incoming, name)
        chosen = not same_value(a, b) and choices.get(name) == INCOMING
        if not is_empty(b) and (is_empty(a) or chosen):
            values[name] = b
        else:
            values[name] = _preferred(a, b)
    return replace(existing, **values)


# ---- history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """Two records of the same thing (a year, a title of a year…) that say different things.
    The officer chooses which one is right; nothing is decided here."""

    key: str  # stable: "year:2024", "title:chien_si_thi_dua_co_so:2024", …
    label: str
    existing: str
    incoming: str
    year: int


def _identity(kind: str, item: Any, is_title: Callable[[str], bool]) -> tuple[Hashable, ...]:
    if kind == "year":
        return (item.year,)
    if kind == "award":
        if is_title(item.code):  # one title of a kind a year
            return ("title", item.code, item.year)
        return ("form", item.code, item.year, item.kind.value, _norm(item.decision_no))
    if kind in ("initiative", "research"):
        return (item.year, _norm(item.name))
    if kind == "discipline":
        return (item.level.value, item.start_date)
    return (item.year, item.code)  # claim


def _key(kind: str, identity: tuple[Hashable, ...]) -> str:
    if kind == "award":
        return ":".join(str(p) for p in identity)
    return ":".join([kind, *(str(p) for p in identity)])


def _item_fields(item: Any) -> list[str]:
    return [f.name for f in fields(item) if f.name != "id"]


def _differing(a: Any, b: Any) -> list[str]:
    """Attributes where both say something, and something different (notes aside)."""
    return [n for n in _item_fields(a)
            if not n.endswith("note") and not is_empty(getattr(a, n))
            and not is_empty(getattr(b, n)) and not same_value(getattr(a, n), getattr(b, n))]


def _fill(chosen: Any, other: Any) -> Any:
    """The chosen record, its empty attributes taken from the other, notes of both kept."""
    values = {}
    for n in _item_fields(chosen):
        a, b = getattr(chosen, n), getattr(other, n)
        if is_empty(a) and not is_empty(b):
            values[n] = b
        elif n.endswith("note") and not is_empty(b) and not same_value(a, b):
            values[n] = f"{clean(a)}; {clean(b)}"
        elif not is_empty(b) and same_value(a, b):
            values[n] = _preferred(a, b)
    return replace(chosen, **values)


def describe(kind: str, item: Any, title_name: Callable[[str], str]) -> str:
    """One history record in words, for the side-by-side view."""
    if kind == "year":
        y: YearRecord = item
        parts = [y.rating.short if y.rating else _("chưa xếp loại")]
        for label, value in ((_("gương mẫu"), y.exemplary), (_("đoàn kết"), y.solidarity),
                             (_("phong trào"), y.movement)):
            if value is not None:
                parts.append(f"{label}: {show(value)}")
        if y.pending_review:
            parts.append(_("đang xem xét"))
        return "; ".join(parts)
    if kind == "award":
        a: Award = item
        decision = " ".join(p for p in (a.decision_no, format_date(a.decision_date)) if p)
        return ", ".join(p for p in (title_name(a.code), decision, a.issuer) if p)
    if kind in ("initiative", "research"):
        scope = item.scope.label
        used = title_name(item.used_for_code) if item.used_for_code else ""
        return ", ".join(p for p in (item.name, scope, used and _("đã dùng: {t}").format(t=used))
                         if p)
    if kind == "discipline":
        d: Discipline = item
        return ", ".join(p for p in (d.level.label, format_date(d.start_date),
                                     format_date(d.end_date), d.decision_no) if p)
    return item.code  # claim


def _label(kind: str, item: Any, title_name: Callable[[str], str]) -> str:
    if kind == "year":
        return _("Năm {y}: xếp loại và các tiêu chí").format(y=item.year)
    if kind == "award":
        return _("Năm {y}: {t}").format(y=item.year, t=title_name(item.code))
    if kind == "initiative":
        return _("Năm {y}: sáng kiến “{n}”").format(y=item.year, n=item.name)
    if kind == "research":
        return _("Năm {y}: đề tài “{n}”").format(y=item.year, n=item.name)
    if kind == "discipline":
        return _("Kỷ luật từ {d}").format(d=format_date(item.start_date))
    return _("Năm {y}: xác nhận “{c}”").format(y=item.year, c=item.code)


def _year_of(kind: str, item: Any) -> int:
    return int(item.start_date.year if kind == "discipline" else item.year)


_KINDS = (("years", "year"), ("awards", "award"), ("initiatives", "initiative"),
          ("research", "research"), ("discipline", "discipline"), ("claims", "claim"))


def _pairs(kind: str, existing: Sequence[Any], incoming: Sequence[Any],
           is_title: Callable[[str], bool]) -> tuple[list[tuple[Any, Any]], list[Any]]:
    """(records of the same thing on both sides, incoming records new to the existing side)."""
    first: dict[tuple[Hashable, ...], Any] = {}
    for item in existing:
        first.setdefault(_identity(kind, item, is_title), item)
    matched: list[tuple[Any, Any]] = []
    new: list[Any] = []
    taken: set[tuple[Hashable, ...]] = set()
    for item in incoming:
        ident = _identity(kind, item, is_title)
        if ident in first and ident not in taken:
            taken.add(ident)
            matched.append((first[ident], item))
        else:
            new.append(item)
    return matched, new


def history_conflicts(existing: History, incoming: History, is_title: Callable[[str], bool],
                      title_name: Callable[[str], str]) -> tuple[Conflict, ...]:
    """Every record both histories hold for the same thing and that they tell differently."""
    found: list[Conflict] = []
    for attr, kind in _KINDS:
        matched, _new = _pairs(kind, getattr(existing, attr), getattr(incoming, attr), is_title)
        for a, b in matched:
            if _differing(a, b):
                key = _key(kind, _identity(kind, a, is_title))
                found.append(Conflict(key, _label(kind, a, title_name),
                                      describe(kind, a, title_name),
                                      describe(kind, b, title_name), _year_of(kind, a)))
    return tuple(sorted(found, key=lambda c: (c.year, c.key)))


def combine_histories(existing: History, incoming: History, is_title: Callable[[str], bool],
                      choices: Mapping[str, str]) -> History:
    """The union of both histories. A record both hold is one record; where they conflict,
    `choices[conflict.key]` says which side is right. ValueError if a conflict is not
    chosen (the caller checks every conflict has its choice first)."""
    result: dict[str, list[Any]] = {}
    for attr, kind in _KINDS:
        matched, new = _pairs(kind, getattr(existing, attr), getattr(incoming, attr), is_title)
        rows = list(getattr(existing, attr))
        position = {id(x): i for i, x in enumerate(rows)}
        for a, b in matched:
            if _differing(a, b):
                key = _key(kind, _identity(kind, a, is_title))
                side = choices.get(key)
                if side not in SIDES:
                    raise ValueError(f"conflict {key} has no choice")
                merged = _fill(b, a) if side == INCOMING else _fill(a, b)
            else:
                merged = _fill(a, b)
            rows[position[id(a)]] = merged
        rows += new
        result[attr] = [replace(r, id=None) if hasattr(r, "id") else r for r in rows]
    return History(
        years=tuple(sorted(result["years"], key=lambda y: y.year)),
        awards=tuple(result["awards"]), initiatives=tuple(result["initiatives"]),
        research=tuple(result["research"]), discipline=tuple(result["discipline"]),
        claims=tuple(result["claims"]))


# ---- the former unit's mark ------------------------------------------------------------------


def mark_history(history: History, unit_name: str) -> tuple[History, int]:
    """Decisions and recognitions by the former unit's bodies, marked "(cũ)": they keep their
    original issuer, and documents print it as it now is. Returns the count changed."""
    awards = tuple(replace(a, issuer=mark_if_former(a.issuer, unit_name))
                   for a in history.awards)
    initiatives = tuple(replace(i, recognised_by=mark_if_former(i.recognised_by, unit_name))
                        for i in history.initiatives)
    changed = sum(a != b for a, b in zip(awards, history.awards, strict=True)) + sum(
        a != b for a, b in zip(initiatives, history.initiatives, strict=True))
    return replace(history, awards=awards, initiatives=initiatives), changed
