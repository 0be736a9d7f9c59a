"""A ratings-only import: a year's xếp loại from an Excel/CSV list, onto people already saved.

The file is read by the people import's reader (importing.read_table: formats, encodings,
title blocks, limits) and its cells converted by the same converters (names, dates, CCCD,
"HTTNV" or "Hoàn thành tốt nhiệm vụ"). Each row is matched to one saved person: by CCCD
first, else by folded name and birth date (or birth year, when the list gives only the year
and one person of that name was born then). Every row is reported with a stable code;
nothing is written until `apply_ratings_import`, which writes through `save_ratings` (one
transaction, one undo).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, Rating
from desktop.core.model.ratings import RatingMarks
from desktop.core.operations.importing.convert import RowConverter, RowProblem
from desktop.core.operations.importing.fields import BY_KEY
from desktop.core.operations.importing.limits import column_letter
from desktop.core.operations.importing.mapping import (
    MappingError,
    column_index,
    guess_mapping,
    guess_rating_year,
    header_key,
)
from desktop.core.operations.importing.reading import RawTable, as_text
from desktop.core.operations.ratings.saving import save_ratings, year_problems
from desktop.core.store import Store
from desktop.core.store import ratings as repo
from desktop.core.store.people_import import full_names, national_ids, people_identities
from desktop.core.text import clean, fold, mask_national_id, search_terms

FIELDS = ("full_name", "family_name", "birth_date", "national_id", "rating")
YEAR = "year"   # the optional column of the year each row's rating is for
_YEAR_HEADERS = frozenset({"nam", "nam xep loai", "nam danh gia", "nam danh gia xep loai",
                           "nam xet"})
_BARE_YEAR = re.compile(r"^(19\d\d|20\d\d)$")

# Row codes. OK: the row is (or would be) written, or is already so.
MATCHED, UNCHANGED = "ratings.matched", "ratings.unchanged"
NAME_MISMATCH = "ratings.name_mismatch"
OK_CODES = frozenset({MATCHED, UNCHANGED})


@dataclass(frozen=True)
class RatingImportRow:
    row: int
    name: str
    birth: str            # as read: dd/mm/yyyy, or the year alone
    national_id: str      # masked: reports and the screen never show it whole
    year: int | None
    rating: Rating | None
    code: str
    message: str
    column: str = ""
    person_id: int | None = None
    before: Rating | None = None   # the rating stored for that year, if any
    stored_name: str = ""          # the matched person's name as saved

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES

    def problem(self) -> RowProblem:
        return RowProblem(self.row, self.column, self.message, "", self.code)

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "code": self.code, "ok": self.ok, "message": self.message,
                "column": self.column, "name": self.name, "year": self.year,
                "rating": self.rating.value if self.rating else None,
                "before": self.before.value if self.before else None,
                "person_id": self.person_id, "stored_name": self.stored_name}


@dataclass(frozen=True)
class RatingsImportPreview:
    source_name: str
    sha256: str
    year: int | None                  # for rows without a year of their own
    mapping: dict[str, int]
    rows: tuple[RatingImportRow, ...]
    blank_rows: tuple[int, ...] = ()
    table: RawTable | None = None

    @property
    def good(self) -> list[RatingImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[RatingImportRow]:
        return [r for r in self.rows if not r.ok]

    def count(self, code: str) -> int:
        return sum(1 for r in self.rows if r.code == code)

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for r in self.rows:
            result[r.code] = result.get(r.code, 0) + 1
        return result


@dataclass(frozen=True)
class RatingsImportResult:
    updated: int
    unchanged: int
    skipped: tuple[RatingImportRow, ...]
    audit_id: int | None


def guess_ratings_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field → column, the people import's guess kept to the fields a ratings list has, and
    a column "Năm" (or "Năm xếp loại") for the year of each row."""
    mapping = {k: v for k, v in guess_mapping(headers).items() if k in FIELDS}
    for index, header in enumerate(headers):
        if header_key(header) in _YEAR_HEADERS and index not in mapping.values():
            mapping[YEAR] = index
            break
    return mapping


def apply_overrides(mapping: Mapping[str, int], overrides: Sequence[str],
                    headers: Sequence[str]) -> dict[str, int]:
    """`--map COLUMN=field` on top of the guess (COLUMN a letter or a header text; `C=-`
    takes nothing from C); fields: full_name, family_name, birth_date, national_id, rating,
    year. MappingError (with a code) for anything else."""
    result = dict(mapping)
    for item in overrides:
        column, sep, target = item.rpartition("=")
        target = target.strip()
        if not sep or not column.strip():
            raise MappingError(_("“--map {v}” phải có dạng CỘT=trường, ví dụ --map C=rating.")
                               .format(v=item), "import.map_invalid")
        index = column_index(column, headers)
        result = {k: v for k, v in result.items() if v != index}
        if target in ("-", ""):
            continue
        if target not in (*FIELDS, YEAR):
            raise MappingError(_("Không có trường “{f}”; các trường: {keys}.").format(
                f=target, keys=", ".join((*FIELDS, YEAR))), "import.map_unknown_field")
        result[target] = index
    return result


def guess_year(headers: Sequence[str], mapping: Mapping[str, int]) -> int | None:
    """The year named in the rating column's header ("Xếp loại năm 2026"), if any."""
    return guess_rating_year(headers, mapping)


def _check_mapping(mapping: Mapping[str, int], year: int | None, today: date) -> dict[str, int]:
    mapping = {k: v for k, v in mapping.items() if v is not None and v >= 0}
    if "full_name" not in mapping:
        raise UserError(_("Chưa chọn cột “Họ và tên”."), code="ratings.name_unmapped")
    if "rating" not in mapping:
        raise UserError(_("Chưa chọn cột “Xếp loại”."), code="ratings.rating_unmapped")
    if "birth_date" not in mapping and "national_id" not in mapping:
        raise UserError(_("Chưa chọn cột “Ngày sinh” hoặc “Số CCCD”."),
                        _("Cần ít nhất một trong hai cột để nhận ra đúng người (hai người có "
                          "thể trùng họ tên)."), code="ratings.identity_unmapped")
    if len(set(mapping.values())) < len(mapping):
        raise UserError(_("Một cột được chọn cho hai trường."),
                        _("Mỗi cột chỉ ghép với một trường."), code="ratings.column_twice")
    if year is None and YEAR not in mapping:
        raise UserError(_("Chưa chọn năm xếp loại."),
                        _("Hãy chọn năm (dòng lệnh: --year NĂM), hoặc thêm cột “Năm” vào tệp."),
                        code="ratings.year_missing")
    if year is not None:
        problems = year_problems(year, today)
        if problems:
            raise UserError(problems[0].message, code=problems[0].code)
    return mapping


class _People:
    """Who is saved, read once: by CCCD, by (folded name, birth date), by (name, birth year)."""

    def __init__(self, store: Store) -> None:
        self.by_id_number = national_ids(store.db)
        self.id_number_of = {pid: nid for nid, pid in self.by_id_number.items()}
        self.names = full_names(store.db)
        self.by_birth: dict[tuple[str, str | None], list[int]] = {}
        self.by_year: dict[tuple[str, int], list[int]] = {}
        for pid, folded, birth in people_identities(store.db):
            self.by_birth.setdefault((folded, birth), []).append(pid)
            if birth:
                self.by_year.setdefault((folded, int(birth[:4])), []).append(pid)


def preview_ratings(*, store: Store, table: RawTable, mapping: Mapping[str, int],
                    year: int | None, today: date) -> RatingsImportPreview:
    """Read, convert and match every row; nothing is written. Refused as a whole (UserError
    with a code) when a needed column or the year is missing."""
    mapping = _check_mapping(mapping, year, today)
    columns = {k: table.column_label(i) for k, i in mapping.items()}
    people = _People(store)
    cells_of = [(raw.number, {k: (raw.cells[i] if i < len(raw.cells) else None)
                              for k, i in mapping.items()}) for raw in table.rows]
    rows: list[RatingImportRow] = []
    blank: list[int] = []
    for number, cells in cells_of:
        if not any(clean(as_text(c)) for c in cells.values()):
            blank.append(number)
            continue
        rows.append(_row(number, cells, columns, year, today, people))
    if not rows:
        raise UserError(_("Các cột đã chọn không có dữ liệu ở dòng nào."),
                        code="ratings.no_data")
    stored = repo.marks_of(store.db, ((r.person_id, r.year) for r in rows
                                      if r.person_id is not None and r.year is not None))
    seen: dict[tuple[int, int], int] = {}
    checked = []
    for r in rows:
        if r.code == MATCHED and r.person_id is not None and r.year is not None:
            key = (r.person_id, r.year)
            before = stored.get(key, RatingMarks()).rating
            if key in seen:
                r = replace(r, code="ratings.duplicate_in_file", before=before, message=_(
                    "{who}: cùng người, cùng năm với dòng {n}.").format(
                        who=_who(r), n=seen[key]))
            else:
                seen[key] = r.row
                r = replace(r, before=before, code=UNCHANGED if before == r.rating else MATCHED,
                            message=_("{who} đã có xếp loại này.").format(who=_who(r))
                            if before == r.rating else r.message)
        checked.append(r)
    return RatingsImportPreview(table.source_name, table.sha256, year, dict(mapping),
                                tuple(checked), tuple(blank), table)


def _row(number: int, cells: Mapping[str, Any], columns: Mapping[str, str], year: int | None,
         today: date, people: _People) -> RatingImportRow:
    conv = RowConverter(number, columns)
    name = clean(as_text(cells.get("full_name")))
    family = clean(as_text(cells.get("family_name")))
    name = clean(f"{family} {name}") if family else name
    nid_cell = conv.convert(BY_KEY["national_id"], cells["national_id"]) \
        if "national_id" in cells else None
    nid = "" if nid_cell is None or nid_cell.missing else str(nid_cell.value)
    birth_raw = cells.get("birth_date")
    birth_text = clean(as_text(birth_raw))
    birth_year = int(birth_text) if _BARE_YEAR.match(birth_text) else None
    birth_iso: str | None = None
    if birth_text and birth_year is None:
        cell = conv.convert(BY_KEY["birth_date"], birth_raw)
        birth_iso = cell.value.isoformat() if isinstance(cell.value, date) else None
    rating_cell = conv.convert(BY_KEY["rating"], cells["rating"])
    row_year, year_problem = _row_year(cells, columns, year, today)

    def result(code: str, message: str, column: str = "", pid: int | None = None
               ) -> RatingImportRow:
        rating = rating_cell.value if isinstance(rating_cell.value, Rating) else None
        return RatingImportRow(number, name, birth_text, mask_national_id(nid), row_year,
                               rating, code, message, column, pid,
                               stored_name=people.names.get(pid, "") if pid is not None else "")

    def matched(pid: int, how: str) -> RatingImportRow:
        # the stored name, not the file's, so the officer sees whom each row is written onto
        return result(MATCHED, _("{who}, nhận ra theo {how}.").format(
            who=_who_is(people.names.get(pid, ""), pid), how=how), pid=pid)

    if not name:
        return result("ratings.name_missing", _("thiếu họ và tên."), columns["full_name"])
    refused = [p for p in conv.problems if p.field != "rating"]
    if refused:
        return result(refused[0].code, refused[0].message, refused[0].column)
    if year_problem is not None:
        return result(year_problem.code, year_problem.message, columns.get(YEAR, ""))
    if rating_cell.missing:
        bad = next((p for p in conv.problems if p.field == "rating"), None)
        if bad is not None:
            return result("ratings.rating_invalid", bad.message, columns["rating"])
        return result("ratings.rating_missing", _("chưa ghi xếp loại."), columns["rating"])
    if not nid and not birth_text:
        return result("ratings.identity_missing", _(
            "không có ngày sinh hay số CCCD để nhận ra đúng người."))
    pid = people.by_id_number.get(nid) if nid else None
    if pid is not None:
        stored = people.names.get(pid, "")
        if not same_name(name, stored):
            # A CCCD is 12 digits: one slip of the finger, or a row copied from the next
            # line, makes it another real person's. The name is the only second witness, so
            # it must agree word for word once folded (marks, case and spacing aside:
            # "NGUYEN VAN AN" is "Nguyễn Văn An"). Anything looser would accept "Trần Văn An"
            # on Nguyễn Văn An's number; a confirm-the-difference step would let a tired
            # officer click through exactly the mistake this catches. A real typo in the
            # file is fixed in the file (or the saved name in the person's editor), then the
            # file is loaded again: nothing is written onto someone on a guess.
            return result(NAME_MISMATCH, _(
                "số CCCD này là của {stored} (mã {id}) trong danh sách, nhưng dòng này ghi "
                "tên {name}; hãy kiểm tra lại số CCCD hoặc họ tên.").format(
                    stored=stored, id=pid, name=name), columns.get("national_id", ""))
        return matched(pid, _("số CCCD"))
    folded = fold(name)
    if birth_year is not None:
        found = people.by_year.get((folded, birth_year), [])
        how = _("họ tên và năm sinh")
    elif birth_iso is not None:
        found = people.by_birth.get((folded, birth_iso), [])
        how = _("họ tên và ngày sinh")
    else:
        found = []
        how = _("số CCCD")
    if len(found) == 1 and nid and people.id_number_of.get(found[0], nid) != nid:
        # the file's CCCD is nobody's, and the namesake found holds another: a typing error
        # in one of them, or another person; never written on a guess
        return result("ratings.national_id_mismatch", _(
            "số CCCD trong tệp khác số CCCD đã lưu của {name} (mã {id}); hãy kiểm tra lại.")
            .format(name=name, id=found[0]), columns.get("national_id", ""))
    if len(found) == 1:
        return matched(found[0], how)
    if len(found) > 1:
        return result("ratings.ambiguous", _(
            "có {n} người cùng {how} trong danh sách (mã {ids}); hãy thêm số CCCD hoặc ngày "
            "sinh đầy đủ.").format(n=len(found), how=how, ids=", ".join(map(str, found))))
    return result("ratings.not_found", _(
        "không tìm thấy người này trong danh sách (theo {how}).").format(how=how))


def same_name(file_name: str, stored_name: str) -> bool:
    """The two names are the same words once folded (marks, case, spacing and punctuation
    aside)."""
    return bool(search_terms(file_name)) and search_terms(file_name) == search_terms(stored_name)


def _who_is(stored_name: str, pid: int) -> str:
    return _("{name} (mã {id})").format(name=stored_name, id=pid)


def _who(row: RatingImportRow) -> str:
    return _who_is(row.stored_name, row.person_id or 0)


def _row_year(cells: Mapping[str, Any], columns: Mapping[str, str], year: int | None,
              today: date) -> tuple[int | None, Problem | None]:
    if YEAR not in cells or not clean(as_text(cells[YEAR])):
        if year is None:
            return None, Problem("ratings.year_missing", YEAR, _("chưa ghi năm xếp loại."))
        return year, None
    text = clean(as_text(cells[YEAR]))
    if not re.fullmatch(r"\d{4}", text):
        return None, Problem("ratings.year_invalid", YEAR,
                             _("năm “{v}” không hợp lệ.").format(v=text))
    value = int(text)
    problems = year_problems(value, today, YEAR)
    if problems:
        p = problems[0]
        return value, Problem(p.code, p.field, p.message[:1].lower() + p.message[1:])
    return value, None


def apply_ratings_import(*, store: Store, preview: RatingsImportPreview, actor: str,
                         today: date, skip_bad_rows: bool = False
                         ) -> tuple[RatingsImportResult, Changes]:
    """Write the matched rows' ratings (the year's ticks and the rest of its record are
    kept). Without `skip_bad_rows`, any row not matched refuses the whole file (every row's
    problem listed, with its code) and nothing is written."""
    bad = preview.bad
    if bad and not skip_bad_rows:
        raise ValidationError(
            [Problem(r.code, str(r.row), r.problem().text()) for r in bad],
            _("Tệp còn {n} dòng chưa nhận ra hoặc có lỗi nên chưa ghi gì. Hãy sửa tệp rồi tải "
              "lại, hoặc chọn bỏ qua các dòng lỗi.").format(n=len(bad)))
    good = [r for r in preview.good if r.person_id is not None and r.year is not None]
    if not good:
        raise UserError(_("Không có dòng nào nhận ra được người trong danh sách."),
                        _("Hãy kiểm tra họ tên, ngày sinh hoặc số CCCD trong tệp."),
                        code="ratings.nothing_valid")
    wanted = {(r.person_id, r.year): r.rating for r in good
              if r.code == MATCHED and r.person_id is not None and r.year is not None}
    stored = repo.marks_of(store.db, wanted)
    entries = {key: replace(stored.get(key, RatingMarks()), rating=rating)
               for key, rating in wanted.items()}
    if not entries:
        return RatingsImportResult(0, len(good), tuple(bad), None), Changes()
    saved, changes = save_ratings(store=store, entries=entries, actor=actor, today=today,
                                  source=preview.source_name)
    return (RatingsImportResult(len(saved.changed), len(good) - len(saved.changed), tuple(bad),
                                saved.audit_id), changes)


def mapping_json(mapping: Mapping[str, int], headers: Sequence[str]) -> dict[str, Any]:
    return {key: {"column": column_letter(i), "header": headers[i] if i < len(headers) else ""}
            for key, i in sorted(mapping.items(), key=lambda kv: kv[1])}
