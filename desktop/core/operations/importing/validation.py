"""Check every row before anything is written: the preview the wizard and the CLI show.

Nothing is guessed silently. A field with no value in the file (its column not chosen, or
an empty cell) either stays empty (the person's record then shows it as not known), or,
for a field whose empty value would state a fact ("Đối tượng" would make everyone a cán bộ,
công chức, viên chức; "Dân tộc" would make everyone Kinh), needs a value the officer chose
for the file: until then the preview is not ready and nothing can be imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import History, Person, YearRecord
from desktop.core.operations.importing.convert import (
    Cell,
    RowConverter,
    RowProblem,
    parse_default,
)
from desktop.core.operations.importing.fields import (
    BY_KEY,
    FIELD_KEYS,
    FIELDS,
    NOT_PERSON,
    WhenMissing,
    default_choices,
)
from desktop.core.operations.importing.mapping import repeated_column
from desktop.core.operations.importing.name_case import NameCaseOffer, note_name_case
from desktop.core.operations.importing.reading import RawTable, as_text
from desktop.core.operations.registry import validate_history, validate_person
from desktop.core.store import Store
from desktop.core.store.people_import import national_ids, people_identities
from desktop.core.text import clean, fold


@dataclass(frozen=True)
class ImportOptions:
    today: date
    rating_year: int | None = None  # the year the "xếp loại" column is for
    # field key → the value the officer chose for rows without one (as text, parsed like a
    # cell: "cong_nhan_nong_dan" or "Công nhân, nông dân"); see DefaultNeed
    defaults: Mapping[str, str] = field(default_factory=dict)
    # write names typed in capitals in Vietnamese title case (name_case.py); the officer's
    # explicit choice, offered with the count in NameCaseOffer
    fix_name_case: bool = False


# The code of the note on a row without a birth date (counted in the summary).
BIRTH_DATE_MISSING = "import.birth_date_missing"


@dataclass(frozen=True)
class DefaultNeed:
    """A field some rows have no value for, and what those rows get."""

    key: str
    reason: str  # "unmapped" (no column chosen) or "empty_cells"
    rows: int  # how many rows take the default
    must_confirm: bool  # a value would be recorded (WhenMissing.CONFIRM)
    value: str | None  # the officer's choice as given; None while not chosen
    display: str  # what those rows get, as the officer reads it

    @property
    def confirmed(self) -> bool:
        return not self.must_confirm or self.value is not None

    @property
    def label(self) -> str:
        return BY_KEY[self.key].label

    def explain(self) -> str:
        if self.reason == "unmapped":
            return _("không có cột trong tệp: cả {n} dòng").format(n=self.rows)
        return _("{n} dòng để trống ô").format(n=self.rows)

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "reason": self.reason, "rows": self.rows,
                "must_confirm": self.must_confirm, "confirmed": self.confirmed,
                "value": self.value if self.must_confirm else "",
                "value_label": self.display if self.confirmed else None,
                "choices": [v for v, _label in default_choices(self.key)],
                "flag": f"--default {self.key}=…" if self.must_confirm else None}


@dataclass(frozen=True)
class PreviewRow:
    row: int
    values: dict[str, str]  # field key → the value as it will be saved (display form)
    person: Person
    year_record: YearRecord | None
    problems: tuple[RowProblem, ...] = ()  # errors: the row cannot be imported as it is
    # notes, not errors: what was changed on the way (a space for U+200B, a name's case) and
    # what the officer should know (no birth date: allowed, but the dossier will need it)
    notices: tuple[RowProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportPreview:
    source_name: str
    sha256: str
    sheet: str
    rating_year: int | None
    rows: tuple[PreviewRow, ...]
    blank_rows: tuple[int, ...] = ()  # rows with nothing in any chosen column
    mapping: dict[str, int] = field(default_factory=dict)
    defaults: tuple[DefaultNeed, ...] = ()
    table: RawTable | None = None
    name_case: NameCaseOffer | None = None  # None: no name in the file is in capitals

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def notices(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.notices]

    def note_count(self, code: str) -> int:
        """How many rows have a note with this code (the summary's counts)."""
        return sum(1 for r in self.rows if any(n.code == code for n in r.notices))

    @property
    def birth_date_missing(self) -> int:
        return self.note_count(BIRTH_DATE_MISSING)

    @property
    def valid_count(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if not r.ok)

    @property
    def unconfirmed(self) -> list[DefaultNeed]:
        return [d for d in self.defaults if not d.confirmed]

    @property
    def ok(self) -> bool:
        """Every row can be imported as it is, and every default is confirmed."""
        return bool(self.rows) and self.error_count == 0 and not self.unconfirmed

    def can_import(self, skip_bad_rows: bool) -> bool:
        if self.unconfirmed or not self.valid_count:
            return False
        return skip_bad_rows or self.error_count == 0

    def problems_text(self) -> str:
        return "\n".join(p.text() for p in self.problems)


class SamePeople:
    """Who is already saved, by (folded name, birth date): the rule of
    `store.registry.find_same_person`, read in one pass (store.people_import)."""

    def __init__(self, store: Store) -> None:
        self._ids: dict[tuple[str, str | None], list[int]] = {}
        for pid, folded, birth in people_identities(store.db):
            self._ids.setdefault((folded, birth), []).append(pid)

    def of(self, person: Person) -> list[int]:
        birth = person.birth_date.isoformat() if person.birth_date else None
        return list(self._ids.get((fold(clean(person.full_name)), birth), ()))


def check_mapping(table: RawTable, mapping: Mapping[str, int], options: ImportOptions
                  ) -> dict[str, int]:
    """The chosen columns, or a UserError with a code saying what to change."""
    mapping = {k: v for k, v in mapping.items() if v is not None and v >= 0}
    unknown = set(mapping) - set(FIELD_KEYS)
    if unknown:
        raise ValueError(f"unknown import fields {sorted(unknown)}")
    if "full_name" not in mapping:
        raise UserError(_("Chưa chọn cột “Họ và tên”."),
                        _("Hãy chọn cột chứa họ và tên ở bước ghép cột (dòng lệnh: --map "
                          "CỘT=full_name)."), code="import.name_unmapped")
    twice = repeated_column(mapping)
    if twice is not None:
        raise UserError(_("Cột {col} được chọn cho hai trường.").format(
            col=table.column_label(twice)), _("Mỗi cột chỉ ghép với một trường."),
            code="import.column_twice")
    year = options.rating_year
    if "rating" in mapping:
        if year is None:
            raise UserError(_("Chưa chọn năm cho cột xếp loại."),
                            _("Hãy chọn năm mà cột “Xếp loại” ghi kết quả (dòng lệnh: "
                              "--rating-year NĂM)."), code="import.rating_year_missing")
        if not 1945 <= year <= options.today.year:
            raise UserError(_("Năm xếp loại {y} không hợp lệ.").format(y=year),
                            code="import.rating_year_invalid")
    return mapping


def resolve_defaults(options: ImportOptions) -> dict[str, tuple[Any, str]]:
    """The officer's chosen values, parsed; a UserError names the one that is not valid."""
    resolved = {}
    for key, value in options.defaults.items():
        f = BY_KEY.get(key)
        if f is None or f.when_missing is not WhenMissing.CONFIRM:
            raise UserError(_("Trường “{key}” không cần giá trị mặc định; chỉ: {keys}.").format(
                key=key, keys=", ".join(x.key for x in FIELDS
                                        if x.when_missing is WhenMissing.CONFIRM)),
                code="import.default_unknown_field")
        parsed = parse_default(key, value)
        if parsed is None:
            choices = ", ".join(v for v, _label in default_choices(key) if v)
            raise UserError(_("“{v}” không phải giá trị của trường {label}.").format(
                v=value, label=f.label), _("Các giá trị: {c}.").format(c=choices),
                code="import.default_invalid")
        resolved[key] = parsed
    return resolved


def preview(store: Store, catalog: Catalog, table: RawTable, mapping: Mapping[str, int],
            options: ImportOptions) -> ImportPreview:
    """Convert and check every row; nothing is written. Every problem is listed."""
    mapping = check_mapping(table, mapping, options)
    chosen = resolve_defaults(options)
    columns = {k: table.column_label(i) for k, i in mapping.items()}
    in_store = SamePeople(store)
    seen: dict[tuple[str, date | None], int] = {}
    ids_saved = national_ids(store.db)
    ids_seen: dict[str, int] = {}    # CCCD → the first row that gives it
    rows: list[PreviewRow] = []
    blank: list[int] = []
    capitals: list[tuple[str, str]] = []  # (as typed, title case) of each name in capitals
    for raw in table.rows:
        cells = {k: (raw.cells[i] if i < len(raw.cells) else None) for k, i in mapping.items()}
        if not any(clean(as_text(c)) for c in cells.values()):
            blank.append(raw.number)
            continue
        row = _convert(raw.number, cells, columns, options, catalog, chosen, capitals)
        problems = list(row.problems)
        person = row.person
        key = (fold(clean(person.full_name)), person.birth_date)
        has_date_problem = any(p.field == "birth_date" for p in problems)
        if key[0] and not has_date_problem:
            first = seen.get(key)
            if first is not None:
                problems.append(RowProblem(raw.number, columns["full_name"],
                                           _("trùng người ở dòng {r} (cùng họ tên và ngày "
                                             "sinh).").format(r=first), "full_name",
                                           "import.duplicate_in_file"))
            else:
                seen[key] = raw.number
                same = in_store.of(person)
                if same:
                    problems.append(RowProblem(
                        raw.number, columns["full_name"],
                        _("đã có người cùng họ tên và ngày sinh trong danh sách (mã {id})."
                          ).format(id=same[0]), "full_name", "import.duplicate_in_store"))
        problems += _national_id_problems(raw.number, person, columns, ids_seen, ids_saved,
                                          in_store.of(person))
        rows.append(PreviewRow(row.row, row.values, row.person, row.year_record,
                               tuple(problems), row.notices))
    if not rows:
        raise UserError(_("Các cột đã chọn không có dữ liệu ở dòng nào."),
                        _("Hãy kiểm tra lại bước ghép cột."), code="import.no_data")
    needs = needed_defaults(table, mapping, options, chosen)
    offer = NameCaseOffer(len(capitals), capitals[0][0], capitals[0][1],
                          options.fix_name_case) if capitals else None
    return ImportPreview(table.source_name, table.sha256, table.sheet,
                         options.rating_year if "rating" in mapping else None, tuple(rows),
                         tuple(blank), dict(mapping), needs, table, offer)


def _national_id_problems(number: int, person: Person, columns: Mapping[str, str],
                          seen: dict[str, int], saved: Mapping[str, int],
                          same_person: list[int]) -> list[RowProblem]:
    """A CCCD is one citizen's: given on two rows, or to someone other than the saved person
    who holds it, one of them is a typing error (refused, not imported silently)."""
    nid = clean(person.national_id)
    if not nid or "national_id" not in columns:
        return []
    column = columns["national_id"]
    first = seen.setdefault(nid, number)
    if first != number:
        return [RowProblem(number, column, _("số CCCD/CMND trùng với dòng {r}: mỗi người một "
                                             "số.").format(r=first), "national_id",
                           "import.national_id_twice")]
    holder = saved.get(nid)
    if holder is not None and holder not in same_person:
        return [RowProblem(number, column, _("số CCCD/CMND này đã là của một người khác trong "
                                             "danh sách (mã {id}).").format(id=holder),
                           "national_id", "import.national_id_taken")]
    return []


def needed_defaults(table: RawTable, mapping: Mapping[str, int], options: ImportOptions,
                    chosen: Mapping[str, tuple[Any, str]] | None = None
                    ) -> tuple[DefaultNeed, ...]:
    """Every field some rows have no value for (its column not chosen, or empty cells), with
    what those rows get. Cheap: the wizard asks before the rows are checked."""
    mapping = {k: v for k, v in mapping.items() if v is not None and v >= 0}
    if chosen is None:
        chosen = resolve_defaults(options)
    total = 0
    empty: dict[str, int] = dict.fromkeys(mapping, 0)
    for raw in table.rows:
        texts = {k: clean(as_text(raw.cells[i] if i < len(raw.cells) else None))
                 for k, i in mapping.items()}
        if not any(texts.values()):
            continue  # a blank row is not imported
        total += 1
        for k, text in texts.items():
            if not text:
                empty[k] += 1
    needs = []
    for f in FIELDS:
        if f.key in ("full_name", "family_name") or (f.key == "rating"
                                                    and "rating" not in mapping):
            continue
        unmapped = f.key not in mapping
        count = total if unmapped else empty[f.key]
        if not count:
            continue
        confirm = f.when_missing is WhenMissing.CONFIRM
        value = options.defaults.get(f.key) if confirm else ""
        if confirm and f.key in chosen:
            display = chosen[f.key][1]
        elif confirm:
            display = _("(chưa chọn)")
        else:
            display = _("(để trống)")
        needs.append(DefaultNeed(f.key, "unmapped" if unmapped else "empty_cells", count,
                                 confirm, value, display))
    return tuple(needs)


def _convert(number: int, cells: Mapping[str, Any], columns: Mapping[str, str],
             options: ImportOptions, catalog: Catalog, chosen: Mapping[str, tuple[Any, str]],
             capitals: list[tuple[str, str]]) -> PreviewRow:
    conv = RowConverter(number, columns)
    converted: dict[str, Cell] = {k: conv.convert(BY_KEY[k], raw) for k, raw in cells.items()}
    values: dict[str, str] = {}
    kwargs: dict[str, Any] = {}
    for f in FIELDS:
        cell = converted.get(f.key)
        if cell is not None and not cell.missing:
            values[f.key] = cell.display
            if f.key not in NOT_PERSON:
                kwargs[f.key] = cell.value
            continue
        if cell is not None:  # mapped, but empty or refused
            values[f.key] = cell.display
        if f.when_missing is WhenMissing.CONFIRM and not (cell and cell.display):
            value, display = chosen.get(f.key, (None, _("(chưa chọn)")))
            values[f.key] = display
            if value is not None:
                kwargs[f.key] = value
    name = kwargs.pop("full_name", "") or ""
    family = converted.get("family_name")
    if family is not None and not family.missing:
        name = clean(f"{family.value} {name}")
    name = note_name_case(conv, name, options.fix_name_case, capitals)
    values["full_name"] = name or values.get("full_name", "")
    person = Person(None, name, **kwargs)
    birth = converted.get("birth_date")
    if birth is None or (birth.missing and not birth.display):
        # allowed (the registry keeps a person without one), but never silently
        conv.notices.append(RowProblem(number, columns.get("birth_date", ""),
                                       _("chưa có ngày sinh: vẫn nhập được, nhưng cần bổ sung "
                                         "trước khi lập hồ sơ khen thưởng."), "birth_date",
                                       BIRTH_DATE_MISSING))

    record = None
    rating = converted.get("rating")
    if rating is not None and not rating.missing and options.rating_year is not None:
        record = YearRecord(year=options.rating_year, rating=rating.value)

    checks: list[Problem] = validate_person(person, options.today)
    if record is not None:
        checks += validate_history(History(years=(record,)), catalog, "individual")
    already = {p.field for p in conv.problems}
    for p in checks:
        key = p.field if p.field in columns else ("rating" if p.field == "years" else "")
        if key and key in already:
            continue  # the cell's own problem says it better ("thiếu họ và tên" when refused)
        if p.code == "person.name_missing":
            conv.problem("full_name", p.code, _("thiếu họ và tên."))
            continue
        message = p.message[:1].lower() + p.message[1:]
        conv.problem(key, p.code, message)
    return PreviewRow(number, values, person, record, tuple(conv.problems),
                      tuple(conv.notices))

