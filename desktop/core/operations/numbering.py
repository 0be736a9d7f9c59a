"""The unit's number register (sổ đăng ký văn bản): what the app issued plus the decisions the
history records, so numbers continue after the highest one and numbers and dates stay in order.

- `register(store, catalog, unit, years)` — every RegisterEntry of those years;
- `next_numbers(...)` / `at_least(...)` — where each series continues (history, issued numbers
  and the officer's own next number);
- `set_next_number(...)` — the officer says which number comes next (refused at or below a
  number already used, code numbers.next_too_low);
- `register_problems(...)` — the coded findings of `rules.numbering.check_register` over the
  whole register of a year (the appraisal before export reuses them);
- `history_problems(...)` — the same checks limited to what the officer is entering in a
  person's or collective's history (the registry editor refuses with them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, History, Unit
from desktop.core.rules.numbering import (
    MAX_NUMBER,
    NumberRef,
    RegisterEntry,
    check_register,
    highest,
    is_unit_issuer,
    next_number,
    parse_number,
)
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as repo
from desktop.core.text import clean


def voted_titles(catalog: Catalog) -> frozenset[str]:
    """Titles the unit's own council votes on by ballot before the head decides (CSTĐCS):
    their decision cannot come before the council met."""
    return frozenset(t.code for t in catalog.titles.values()
                     if t.decided_by_unit and t.ballot.required)


def _award_entry(catalog: Catalog, unit: Unit, decision_no: str, dated: date, issuer: str,
                 code: str, year: int | None, whose: str) -> RegisterEntry | None:
    ref = parse_number(decision_no)
    if ref is None:
        return None
    own = is_unit_issuer(issuer, unit.name)
    if not own and (clean(issuer) or ref.code != clean(unit.doc_code).upper()):
        return None       # another issuer's sequence, or not known to be the unit's
    if code:
        what = _("{title} năm {year} – {whose}").format(title=catalog.name_of(code),
                                                       year=year, whose=whose)
    else:
        what = _("công nhận sáng kiến “{name}”").format(name=whose)
    return RegisterEntry(ref, dated, what, own=own, title=code, title_year=year)


def register(store: Store, catalog: Catalog, unit: Unit, years: Iterable[int]
             ) -> list[RegisterEntry]:
    """The register of `years`: numbers the app issued and decisions the history records
    whose issuer is the unit (or whose issuer is blank but whose code is the unit's)."""
    entries: list[RegisterEntry] = []
    for year in sorted(set(years)):
        # one decision usually names many people: one entry per decision, naming a few
        whose: dict[tuple[object, ...], list[str]] = {}
        first: dict[tuple[object, ...], RegisterEntry] = {}
        for row in doc_repo.recorded_decisions(store.db, year):
            entry = _award_entry(catalog, unit, *row)
            if entry is not None:
                key = _key(entry)
                first.setdefault(key, entry)
                whose.setdefault(key, []).append(row[-1])
        for key, entry in first.items():
            names = whose[key]
            if entry.title and len(names) > 1:
                shown = ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
                entry = replace(entry, what=_("{title} năm {year} – {n} người: {names}").format(
                    title=catalog.name_of(entry.title), year=entry.title_year, n=len(names),
                    names=shown))
            entries.append(entry)
        for doc_type, code, number, issued, document, round_name in \
                doc_repo.issued_numbers(store.db, year):
            kind = catalog.documents.get(document.split("/")[0])
            label = kind.name if kind is not None else document
            entries.append(RegisterEntry(NumberRef(number, doc_type, code), issued,
                                         f"{label} – {round_name}" if round_name else label))
    return entries


@dataclass(frozen=True)
class SeriesState:
    """Where one series (type, issuer code, year) stands."""

    doc_type: str
    code: str
    year: int
    highest: int          # the highest number used (history and issued), 0 when none
    officer_next: int | None
    next: int


def series_state(store: Store, catalog: Catalog, unit: Unit, year: int, doc_type: str,
                 code: str, entries: list[RegisterEntry] | None = None) -> SeriesState:
    found = register(store, catalog, unit, [year]) if entries is None else entries
    officer = doc_repo.officer_next(store.db, year, doc_type, code)
    top = highest(found, doc_type, code, year)
    return SeriesState(doc_type, code, year, top, officer,
                       next_number(found, doc_type, code, year, officer))


def at_least(store: Store, catalog: Catalog, unit: Unit, year: int, doc_type: str, code: str,
             entries: list[RegisterEntry] | None = None) -> int:
    """The lowest number the app may issue next in the series."""
    return series_state(store, catalog, unit, year, doc_type, code, entries).next


def set_next_number(store: Store, catalog: Catalog, unit: Unit, year: int, doc_type: str,
                    code: str, number: int, actor: str, today: date) -> tuple[SeriesState,
                                                                              Changes]:
    """The officer's "the next number is N" for a series of the register. Refused (code
    numbers.next_too_low) at or below a number the register already holds, and outside
    1…99999 (numbers.next_invalid)."""
    doc_type, code = clean(doc_type), clean(code).upper()
    if not doc_type or not code or not 1945 <= year <= 2100:
        raise UserError(_("Loại văn bản, ký hiệu cơ quan hoặc năm không hợp lệ."),
                        code="numbers.series_invalid")
    if not 1 <= number <= MAX_NUMBER:
        raise ValidationError([Problem("numbers.next_invalid", "next_number", _(
            "Số tiếp theo phải từ 1 đến {max}.").format(max=MAX_NUMBER))])
    state = series_state(store, catalog, unit, year, doc_type, code)
    if number <= state.highest:
        raise ValidationError([Problem("numbers.next_too_low", "next_number", _(
            "Số {number} đã dùng hoặc nhỏ hơn số lớn nhất đã có trong sổ năm {year} "
            "({highest}/{type}-{code}); số tiếp theo phải từ {after} trở lên.").format(
                number=number, year=year, highest=f"{state.highest:02d}", type=doc_type,
                code=code, after=state.highest + 1))])
    with store.write() as db:
        doc_repo.set_officer_next(db, year, doc_type, code, number, today)
        repo.append_audit(db, actor, "update", "number_register", None,
                          _("Đặt số văn bản tiếp theo {number}/{type}-{code} năm {year}")
                          .format(number=f"{number:02d}", type=doc_type, code=code, year=year),
                          {"year": year, "doc_type": doc_type, "code": code, "next": number,
                           "before": state.officer_next})
    return series_state(store, catalog, unit, year, doc_type, code), Changes()


def register_problems(store: Store, catalog: Catalog, unit: Unit, year: int) -> list[Problem]:
    """Every coded problem of the register of `year` (out of order, one number with two dates,
    a council-voted decision dated before the council met)."""
    entries = register(store, catalog, unit, [year])
    return check_register(entries, doc_repo.first_meetings(store.db), voted_titles(catalog))


def _history_entries(catalog: Catalog, unit: Unit, history: History, whose: str
                     ) -> list[RegisterEntry]:
    out = []
    for a in history.awards:
        if a.decision_no and a.decision_date:
            e = _award_entry(catalog, unit, a.decision_no, a.decision_date, a.issuer, a.code,
                             a.year, whose)
            if e is not None:
                out.append(e)
    for i in history.initiatives:
        if i.decision_no and i.decision_date:
            e = _award_entry(catalog, unit, i.decision_no, i.decision_date, i.recognised_by,
                             "", i.year, i.name)
            if e is not None:
                out.append(e)
    return out


def _key(e: RegisterEntry) -> tuple[object, ...]:
    return (e.ref, e.dated, e.title, e.title_year, e.own)


def history_problems(store: Store, catalog: Catalog, unit: Unit | None, whose: str,
                     before: History, after: History) -> list[Problem]:
    """The register's problems caused by what is new or changed in `after` (the history the
    officer is saving) compared with `before`: rows already there never block a save."""
    if unit is None:
        return []
    new = set(_history_entries(catalog, unit, after, whose)) - set(
        _history_entries(catalog, unit, before, whose))
    if not new:
        return []
    years = {e.year for e in new if e.year is not None}
    others = register(store, catalog, unit, years)
    # the saved rows replace the subject's old ones: drop those from the register first
    # (matched without the description, which names the subject as the store has it)
    for e in _history_entries(catalog, unit, before, whose):
        key = _key(e)
        found = next((o for o in others if _key(o) == key), None)
        if found is not None:
            others.remove(found)
    return check_register([*others, *new], doc_repo.first_meetings(store.db),
                          voted_titles(catalog), only=new)


@dataclass(frozen=True)
class Series:
    """One numbered series of the unit: a document type under one issuer's code."""

    doc_type: str
    code: str
    label: str            # "Quyết định (QĐ-UBND)"


def series_of(catalog: Catalog, unit: Unit) -> list[Series]:
    """The series the app numbers for this unit, from the numbered document kinds: the unit's
    own (its code) and its council's (the kind's number_code)."""
    found: dict[tuple[str, str], Series] = {}
    for kind in sorted(catalog.documents.values(), key=lambda k: k.order):
        if not kind.doc_type:
            continue
        code = (kind.text("number_code") or clean(unit.doc_code)).upper()
        key = (kind.doc_type, code)
        if key not in found:
            label = kind.text("register_label") or kind.text("title").capitalize()
            found[key] = Series(kind.doc_type, code,
                                f"{label} ({kind.doc_type}-{code})")
    own = clean(unit.doc_code).upper()
    return sorted(found.values(), key=lambda s: (s.code != own, s.code, s.doc_type))


def register_states(store: Store, catalog: Catalog, unit: Unit, year: int
                    ) -> list[tuple[Series, SeriesState]]:
    """Where each series of the unit stands in `year`."""
    entries = register(store, catalog, unit, [year])
    return [(s, series_state(store, catalog, unit, year, s.doc_type, s.code, entries))
            for s in series_of(catalog, unit)]
