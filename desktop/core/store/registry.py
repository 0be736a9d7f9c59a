"""Repositories for the unit, people, collectives, history and the audit log.

Every text value is cleaned (NFC, trimmed) here, on the way in, whatever the caller did.
Callers wrap writes in `Store.write()`; these functions never commit by themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.core.model import (
    Award,
    AwardKind,
    Claim,
    Collective,
    CollectiveKind,
    Discipline,
    DisciplineLevel,
    Gender,
    History,
    Initiative,
    Person,
    Rating,
    ResearchTopic,
    Scope,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.store.database import Queryable, has_temp_table, now_iso
from desktop.core.text import (
    clean,
    fold,
    fts_prefix_query,
    mask_national_ids,
    person_sort_key,
    search_terms,
    sort_key,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

# ---- conversions ---------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _owner_column(ref: SubjectRef) -> str:
    return "person_id" if ref.kind is SubjectKind.PERSON else "collective_id"


# ---- unit ------------------------------------------------------------------------------------

_UNIT_FIELDS = ("name", "superior_body", "doc_code", "place_name", "head_name", "head_title",
                "officer_name", "officer_title", "province", "code")


def get_unit(db: Queryable) -> Unit | None:
    row = db.execute("SELECT * FROM unit WHERE id = 1").fetchone()
    if row is None:
        return None
    data = dict(zip([c[0] for c in db.execute("SELECT * FROM unit LIMIT 0").description],
                    row, strict=True))
    return Unit(kind=UnitKind(data["kind"]), **{f: data[f] for f in _UNIT_FIELDS})


def save_unit(db: Database, unit: Unit) -> None:
    values = {f: clean(getattr(unit, f)) for f in _UNIT_FIELDS}
    values["doc_code"] = values["doc_code"].upper()
    values["code"] = values["code"].upper()
    values["kind"] = unit.kind.value
    values["updated_at"] = now_iso()
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f"{c} = excluded.{c}" for c in values)
    db.execute(f"INSERT INTO unit (id, {cols}) VALUES (1, {marks}) "
               f"ON CONFLICT(id) DO UPDATE SET {updates}", list(values.values()))


# ---- people ----------------------------------------------------------------------------------

_PERSON_COLUMNS = ("id, full_name, birth_date, gender, ethnicity, position, department, "
                   "subject_group, hired_on, phone, national_id, work_unit_id, hometown, "
                   "residence, qualification, political_theory, academic_rank, party_post, "
                   "mass_org_post")
# The Mẫu 05 lý lịch fields (m009), stored as cleaned text like the rest.
LY_LICH_FIELDS = ("hometown", "residence", "qualification", "political_theory", "academic_rank",
                  "party_post", "mass_org_post")


def _person_values(p: Person) -> dict[str, Any]:
    name = clean(p.full_name)
    return {
        "full_name": name,
        "name_folded": fold(name),
        "sort_key": person_sort_key(name),
        "birth_date": _iso(p.birth_date),
        "gender": p.gender.value if p.gender else None,
        "ethnicity": clean(p.ethnicity),
        "position": clean(p.position),
        "department": clean(p.department),
        "subject_group": p.group.value,
        "hired_on": _iso(p.hired_on),
        "phone": clean(p.phone),
        "national_id": clean(p.national_id),
        "work_unit_id": p.work_unit_id,
        **{f: clean(getattr(p, f)) for f in LY_LICH_FIELDS},
    }


def _person_from_row(row: Sequence[Any]) -> Person:
    (pid, name, birth, gender, ethnicity, position, department, group, hired, phone,
     national_id, work_unit_id) = row[:12]
    return Person(id=pid, full_name=name, birth_date=_date(birth),
                  gender=Gender(gender) if gender else None, ethnicity=ethnicity,
                  position=position, department=department, group=SubjectGroup(group),
                  hired_on=_date(hired), phone=phone, national_id=national_id,
                  work_unit_id=work_unit_id,
                  **dict(zip(LY_LICH_FIELDS, row[12:], strict=True)))


def insert_person(db: Database, person: Person) -> int:
    values = _person_values(person)
    values["created_at"] = values["updated_at"] = now_iso()
    cols = ", ".join(values)
    cur = db.execute(f"INSERT INTO people ({cols}) VALUES ({', '.join('?' * len(values))})",
                     list(values.values()))
    return int(cur.lastrowid or 0)


def insert_people(db: Database, people: Iterable[Person]) -> int:
    """Bulk insert (imports, demo, benchmarks); returns how many rows were written."""
    stamp = now_iso()
    columns = [*_person_values(Person(None, "x")), "created_at", "updated_at"]
    rows = [(*_person_values(p).values(), stamp, stamp) for p in people]
    db.conn.executemany(
        f"INSERT INTO people ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        rows)
    return len(rows)


def update_person(db: Database, person: Person) -> None:
    values = _person_values(person)
    values["updated_at"] = now_iso()
    sets = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE people SET {sets} WHERE id = ?", [*values.values(), person.id])


def get_person(db: Database, person_id: int) -> Person | None:
    row = db.execute(f"SELECT {_PERSON_COLUMNS} FROM people WHERE id = ?",
                     [person_id]).fetchone()
    return _person_from_row(row) if row else None


def delete_person(db: Database, person_id: int) -> None:
    db.execute("DELETE FROM people WHERE id = ?", [person_id])


def find_same_person(db: Database, full_name: str, birth_date: date | None,
                     exclude_id: int | None = None) -> list[int]:
    """People with the same folded name and birth date: the duplicate-person check."""
    rows = db.execute(
        "SELECT id FROM people WHERE name_folded = ? AND birth_date IS ? AND id IS NOT ?",
        [fold(clean(full_name)), _iso(birth_date), exclude_id]).fetchall()
    return [r[0] for r in rows]


def national_id_holder(db: Database, national_id: str, exclude_id: int | None = None
                       ) -> tuple[int, str] | None:
    """(id, full name) of a saved person, other than `exclude_id`, who holds this CCCD/CMND
    (stored `clean`ed), or None."""
    row = db.execute(
        "SELECT id, full_name FROM people WHERE national_id = ? AND id IS NOT ? ORDER BY id "
        "LIMIT 1", [clean(national_id), exclude_id]).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def existing_person_ids(db: Database, ids: Iterable[int]) -> set[int]:
    """Which of `ids` are people of the unit (one parameter, however many ids)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    rows = db.execute("SELECT id FROM people WHERE id IN (SELECT value FROM json_each(?))",
                      [json.dumps(wanted)]).fetchall()
    return {r[0] for r in rows}


def set_id_filter(db: Database, table: str, ids: Iterable[int] | None) -> None:
    """Restrict the lists of `table` to these ids (None lifts the filter).

    A temporary table, not `IN (…)` with tens of thousands of parameters; it lives as long as
    the connection and is private to it. Call inside Store.write().
    """
    if table not in ("people", "collectives"):
        raise ValueError(table)
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}_filter (id INTEGER PRIMARY KEY)")
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}_filter_on (on_ INTEGER)")
    db.execute(f"DELETE FROM temp.{table}_filter")
    db.execute(f"DELETE FROM temp.{table}_filter_on")
    if ids is not None:
        db.conn.executemany(f"INSERT OR IGNORE INTO temp.{table}_filter (id) VALUES (?)",
                            ((i,) for i in ids))
        db.execute(f"INSERT INTO temp.{table}_filter_on VALUES (1)")


def _filter_active(db: Queryable, table: str) -> bool:
    if not has_temp_table(db, f"{table}_filter_on"):  # no filter yet on this connection
        return False
    return db.execute(f"SELECT 1 FROM temp.{table}_filter_on").fetchone() is not None


def _name_filter(db: Queryable, table: str, query: str) -> tuple[str, list[Any]]:
    clauses, args = [], []
    match = fts_prefix_query(query)
    if match is not None:
        clauses.append(f"id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)")
        args.append(match)
    if _filter_active(db, table):
        clauses.append(f"id IN (SELECT id FROM temp.{table}_filter)")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


# Above this many matches, walking the sort index and testing membership beats sorting the
# matches (measured on 100k people: "ng" matches ~40k; "dang thi y" a dozen).
WALK_SORT_INDEX_ABOVE = 2000
# A page expected within this many rows of the list's order is found by reading the
# covering index people_search (sort_key, id, name_folded; m017) in order and testing each
# folded name in Python (NameMatcher): the first page of "n" at 300,000 people reads ~1,200
# rows instead of building the set of its 120,000 matches. The estimate assumes matches
# spread evenly; they cluster (given names first: the "An"/"Anh" at the top of the list are
# mostly women, so "nguyen t" needs 5,350 rows for 1,175 expected), so reading stops at 6×
# it, between SCAN_BUDGET_MIN and SCAN_BUDGET_MAX rows, and falls back to the set (a wasted
# scan costs at most ~20 ms). A row read and tested cost
# ~1.7 µs in Python (CPU, load 7, 2 cores; no table lookup since m017): the scan matched the
# walk of the sort index against the FTS5 set near 3,000 expected rows ("pham": 2,800
# expected, 12.6 ms scanned against 11.8 ms walked; "nguyen t": 1,200, 12 ms against 35 ms).
# Since SQLite drops most rows itself (_scan_page) a row costs ~0.5 µs.
SCAN_ROWS_AT_MOST = 3000
SCAN_BUDGET_MIN = 4000
SCAN_BUDGET_MAX = 12000
# Several words reach this many times further: their matches spread through the
# list, whereas one letter or word clusters where given names start with it ("g": the
# Giang, Giao … of the G section; reading the rest in vain then walking cost 80 ms).
SCAN_WIDER_FOR_WORDS = 4
_SCAN_BATCH = 500  # the first chunk; each next one doubles, up to 8×: a dense match
# ("n", "h") fills its page in the first few hundred rows


_Row = TypeVar("_Row", bound=tuple[Any, ...])


class NameMatcher:
    """The MATCH of fts_prefix_query, in Python: every term is a prefix of a word of the
    folded name. A word is what FTS5's unicode61 tokenizer takes for one (letters and
    digits); name_folded is already folded as it folds (lower case, no marks), and the terms
    of text.search_terms are [0-9a-z]+, so "starts a word" is "at the start or after a
    character that is neither a letter nor a digit"."""

    def __init__(self, terms: Sequence[str]) -> None:
        # longest first: the rarest term refuses most names soonest; the substring test (in
        # C, several times quicker than the pattern) refuses most of the rest
        ordered = sorted(terms, key=len, reverse=True)
        self.tests = [(t, re.compile(r"(?:^|[\W_])" + re.escape(t)).search) for t in ordered]

    def __call__(self, name_folded: str) -> bool:
        return all(t in name_folded and search(name_folded) for t, search in self.tests)

    def select(self, rows: list[_Row]) -> list[_Row]:
        """The rows (id, folded name, …) whose name matches, in their order: one pass a term,
        each in a comprehension (the scan tests thousands of rows per keystroke)."""
        for term, search in self.tests:
            rows = [r for r in rows if term in r[1] and search(r[1])]
        return rows


def count_people(db: Queryable, query: str = "") -> int:
    match = fts_prefix_query(query)
    if match is not None and not _filter_active(db, "people"):
        # the FTS index alone answers the count, without touching the people table
        return int(db.execute("SELECT count(*) FROM people_fts WHERE people_fts MATCH ?",
                              [match]).fetchone()[0])
    where, args = _name_filter(db, "people", query)
    return int(db.execute(f"SELECT count(*) FROM people {where}", args).fetchone()[0])


def people_page(db: Queryable, query: str, offset: int, limit: int,
                total: int | None = None) -> list[Person]:
    """One page of the list, in Vietnamese order of given name.

    `total` is the row count the caller already has (the list shows it); it picks the plan.
    """
    where, args = _name_filter(db, "people", query)
    if fts_prefix_query(query) is None:
        return _people_rows(db, where, args, offset, limit)
    if total is None:
        total = count_people(db, query)
    if total > WALK_SORT_INDEX_ABOVE:
        # rows of the sort index read to reach the page if matches are spread evenly;
        # max(id) stands in for the number of people (never fewer) at one B-tree descent
        top = db.execute("SELECT max(id) FROM people").fetchone()[0] or 0
        expected = (offset + limit) * top // total
        terms = search_terms(query)
        wider = SCAN_WIDER_FOR_WORDS if len(terms) > 1 else 1
        if expected <= SCAN_ROWS_AT_MOST * wider:
            budget = min(max(6 * expected, SCAN_BUDGET_MIN * wider), SCAN_BUDGET_MAX * wider)
            page = _scan_page(db, NameMatcher(terms), offset, limit, budget)
            if page is not None:
                return page
    hint = "INDEXED BY people_sort" if total > WALK_SORT_INDEX_ABOVE else ""
    return _people_rows(db, hint + " " + where, args, offset, limit)


def _people_by_ids(db: Queryable, ids: Sequence[int]) -> list[Person]:
    if not ids:
        return []
    by_id = {r[0]: r for r in db.execute(
        f"SELECT {_PERSON_COLUMNS} FROM people WHERE id IN ({', '.join('?' * len(ids))})",
        list(ids)).fetchall()}
    return [_person_from_row(by_id[i]) for i in ids]


def _people_rows(db: Queryable, where: str, args: list[Any], offset: int, limit: int
                 ) -> list[Person]:
    rows = db.execute(
        f"SELECT {_PERSON_COLUMNS} FROM people {where} ORDER BY sort_key, id "
        "LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    return [_person_from_row(r) for r in rows]


def _scan_page(db: Queryable, matches: NameMatcher, offset: int, limit: int, budget: int
               ) -> list[Person] | None:
    """A page of the matches found by reading folded names in sort order, chunk after
    chunk, then the page's rows by id; None when `budget` rows were read before the page
    was complete (the end of the list completes it).

    SQLite hands Python only the names holding every term somewhere (instr on the folded,
    ASCII-only column: a byte test that can only keep too many, never too few); NameMatcher
    then keeps those where each term starts a word. A row read costs ~0.5 µs in C instead
    of ~1.7 µs made into a Python tuple and tested."""
    only = " AND id IN (SELECT id FROM temp.people_filter)" if _filter_active(
        db, "people") else ""
    holds = " AND ".join("instr(name_folded, ?)" for _ in matches.tests)
    terms = [t for t, _search in matches.tests]
    ids: list[int] = []
    skip, read = offset, 0
    after: tuple[str, int] = ("", -1)  # before every (sort_key, id)
    chunk = f"FROM people INDEXED BY people_search WHERE (sort_key, id) > (?, ?){only} " \
            "ORDER BY sort_key, id"
    batch = _SCAN_BATCH
    while len(ids) < limit:
        if read >= budget:
            return None
        rows = db.execute(
            f"SELECT id, name_folded FROM (SELECT id, name_folded {chunk} LIMIT ?) "
            f"WHERE {holds}", [*after, batch, *terms]).fetchall()
        read += batch
        found = [r[0] for r in matches.select(rows)]
        taken = min(skip, len(found))
        skip -= taken
        ids.extend(found[taken:taken + limit - len(ids)])
        if len(ids) >= limit:
            break
        last = db.execute(f"SELECT sort_key, id {chunk} LIMIT 1 OFFSET ?",
                          [*after, batch - 1]).fetchone()
        if last is None:  # the end of the list
            break
        after = (last[0], last[1])
        batch = min(2 * batch, 8 * _SCAN_BATCH)
    return _people_by_ids(db, ids)


def departments(db: Queryable) -> list[str]:
    rows = db.execute("SELECT DISTINCT department FROM people WHERE department <> ''").fetchall()
    return sorted((r[0] for r in rows), key=sort_key)


# ---- collectives -----------------------------------------------------------------------------


def _collective_values(c: Collective) -> dict[str, Any]:
    name = clean(c.name)
    return {"name": name, "name_folded": fold(name), "sort_key": sort_key(name),
            "kind": c.kind.value, "note": clean(c.note), "work_unit_id": c.work_unit_id}


def insert_collective(db: Database, collective: Collective) -> int:
    values = _collective_values(collective)
    values["created_at"] = values["updated_at"] = now_iso()
    cur = db.execute(
        f"INSERT INTO collectives ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()))
    cid = int(cur.lastrowid or 0)
    set_members(db, cid, collective.member_ids)
    return cid


def update_collective(db: Database, collective: Collective) -> None:
    values = _collective_values(collective)
    values["updated_at"] = now_iso()
    sets = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE collectives SET {sets} WHERE id = ?", [*values.values(), collective.id])
    assert collective.id is not None
    set_members(db, collective.id, collective.member_ids)


def set_members(db: Database, collective_id: int, member_ids: Iterable[int]) -> None:
    db.execute("DELETE FROM collective_members WHERE collective_id = ?", [collective_id])
    db.conn.executemany(
        "INSERT INTO collective_members (collective_id, person_id) VALUES (?, ?)",
        [(collective_id, pid) for pid in sorted(set(member_ids))])


def _collective_from_row(db: Queryable, row: Sequence[Any], with_members: bool) -> Collective:
    cid, name, kind, note, work_unit_id = row
    members: tuple[int, ...] = ()
    if with_members:
        members = tuple(r[0] for r in db.execute(
            "SELECT person_id FROM collective_members WHERE collective_id = ? ORDER BY person_id",
            [cid]).fetchall())
    return Collective(id=cid, name=name, kind=CollectiveKind(kind), note=note,
                      member_ids=members, work_unit_id=work_unit_id)


def get_collective(db: Database, collective_id: int) -> Collective | None:
    row = db.execute("SELECT id, name, kind, note, work_unit_id FROM collectives WHERE id = ?",
                     [collective_id]).fetchone()
    return _collective_from_row(db, row, with_members=True) if row else None


def delete_collective(db: Database, collective_id: int) -> None:
    db.execute("DELETE FROM collectives WHERE id = ?", [collective_id])


def count_collectives(db: Queryable, query: str = "") -> int:
    where, args = _name_filter(db, "collectives", query)
    return int(db.execute(f"SELECT count(*) FROM collectives {where}", args).fetchone()[0])


def collectives_page(db: Queryable, query: str, offset: int, limit: int) -> list[Collective]:
    where, args = _name_filter(db, "collectives", query)
    rows = db.execute(
        f"SELECT id, name, kind, note, work_unit_id FROM collectives {where} "
        "ORDER BY sort_key, id "
        "LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    return [_collective_from_row(db, r, with_members=False) for r in rows]


def member_counts(db: Queryable, collective_ids: Sequence[int]) -> dict[int, int]:
    if not collective_ids:
        return {}
    marks = ", ".join("?" * len(collective_ids))
    rows = db.execute(f"SELECT collective_id, count(*) FROM collective_members "
                      f"WHERE collective_id IN ({marks}) GROUP BY collective_id",
                      list(collective_ids)).fetchall()
    return {r[0]: r[1] for r in rows}


def collectives_of_person(db: Database, person_id: int) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT collective_id FROM collective_members WHERE person_id = ?", [person_id])]


# ---- history ---------------------------------------------------------------------------------


HISTORY_TABLES = ("year_records", "awards", "initiatives", "research_topics", "discipline",
                  "claims")


def get_history(db: Database, ref: SubjectRef) -> History:
    owner = _owner_column(ref)
    years = tuple(
        YearRecord(year=r[0], rating=Rating(r[1]) if r[1] else None, pending_review=bool(r[2]),
                   pending_note=r[3], exemplary=_bool(r[4]), solidarity=_bool(r[5]),
                   movement=_bool(r[6]), qualities_note=r[7])
        for r in db.execute(
            "SELECT year, rating, pending_review, pending_note, exemplary, solidarity, movement, "
            f"qualities_note FROM year_records WHERE {owner} = ? ORDER BY year", [ref.id]))
    awards = tuple(
        Award(year=r[0], code=r[1], kind=AwardKind(r[2]), decision_no=r[3],
              decision_date=_date(r[4]), issuer=r[5], id=r[6])
        for r in db.execute(
            "SELECT year, code, kind, decision_no, decision_date, issuer, id FROM awards "
            f"WHERE {owner} = ? ORDER BY year, id", [ref.id]))
    initiatives = tuple(
        Initiative(year=r[0], name=r[1], scope=Scope(r[2]), decision_no=r[3],
                   decision_date=_date(r[4]), recognised_by=r[5], used_for_code=r[6],
                   used_for_year=r[7], id=r[8])
        for r in db.execute(
            "SELECT year, name, scope, decision_no, decision_date, recognised_by, used_for_code, "
            f"used_for_year, id FROM initiatives WHERE {owner} = ? ORDER BY year, id", [ref.id]))
    research = tuple(
        ResearchTopic(year=r[0], name=r[1], scope=Scope(r[2]), accepted_on=_date(r[3]),
                      applied=bool(r[4]), used_for_code=r[5], used_for_year=r[6], id=r[7])
        for r in db.execute(
            "SELECT year, name, scope, accepted_on, applied, used_for_code, used_for_year, id "
            f"FROM research_topics WHERE {owner} = ? ORDER BY year, id", [ref.id]))
    discipline = tuple(
        Discipline(level=DisciplineLevel(r[0]), start_date=date.fromisoformat(r[1]),
                   end_date=_date(r[2]), decision_no=r[3], reason=r[4], id=r[5])
        for r in db.execute(
            "SELECT level, start_date, end_date, decision_no, reason, id FROM discipline "
            f"WHERE {owner} = ? ORDER BY start_date, id", [ref.id]))
    claims = tuple(
        Claim(year=r[0], code=r[1], note=r[2], id=r[3])
        for r in db.execute(f"SELECT year, code, note, id FROM claims WHERE {owner} = ? "
                            "ORDER BY year, code", [ref.id]))
    return History(years, awards, initiatives, research, discipline, claims)


def replace_history(db: Database, ref: SubjectRef, history: History) -> None:
    """Write the whole history of one subject (the editor saves it as one unit)."""
    owner = _owner_column(ref)
    for table in HISTORY_TABLES:
        db.execute(f"DELETE FROM {table} WHERE {owner} = ?", [ref.id])
    add_history(db, ref, history)


def add_history(db: Database, ref: SubjectRef, history: History) -> None:
    owner = _owner_column(ref)
    conn = db.conn
    conn.executemany(
        f"INSERT INTO year_records ({owner}, year, rating, pending_review, pending_note, "
        "exemplary, solidarity, movement, qualities_note) VALUES (?,?,?,?,?,?,?,?,?)",
        [(ref.id, y.year, y.rating.value if y.rating else None, int(y.pending_review),
          clean(y.pending_note), y.exemplary, y.solidarity, y.movement, clean(y.qualities_note))
         for y in history.years])
    conn.executemany(
        f"INSERT INTO awards ({owner}, year, code, kind, decision_no, decision_date, issuer) "
        "VALUES (?,?,?,?,?,?,?)",
        [(ref.id, a.year, clean(a.code), a.kind.value, clean(a.decision_no),
          _iso(a.decision_date), clean(a.issuer)) for a in history.awards])
    conn.executemany(
        f"INSERT INTO initiatives ({owner}, year, name, scope, decision_no, decision_date, "
        "recognised_by, used_for_code, used_for_year) VALUES (?,?,?,?,?,?,?,?,?)",
        [(ref.id, i.year, clean(i.name), i.scope.value, clean(i.decision_no),
          _iso(i.decision_date), clean(i.recognised_by), clean(i.used_for_code),
          i.used_for_year) for i in history.initiatives])
    conn.executemany(
        f"INSERT INTO research_topics ({owner}, year, name, scope, accepted_on, applied, "
        "used_for_code, used_for_year) VALUES (?,?,?,?,?,?,?,?)",
        [(ref.id, t.year, clean(t.name), t.scope.value, _iso(t.accepted_on), int(t.applied),
          clean(t.used_for_code), t.used_for_year) for t in history.research])
    conn.executemany(
        f"INSERT INTO discipline ({owner}, level, start_date, end_date, decision_no, reason) "
        "VALUES (?,?,?,?,?,?)",
        [(ref.id, d.level.value, _iso(d.start_date), _iso(d.end_date), clean(d.decision_no),
          clean(d.reason)) for d in history.discipline])
    conn.executemany(
        f"INSERT INTO claims ({owner}, year, code, note) VALUES (?,?,?,?)",
        [(ref.id, c.year, clean(c.code), clean(c.note)) for c in history.claims])


def history_size(db: Database, ref: SubjectRef) -> int:
    owner = _owner_column(ref)
    return sum(
        int(db.execute(f"SELECT count(*) FROM {t} WHERE {owner} = ?", [ref.id]).fetchone()[0])
        for t in HISTORY_TABLES)


# ---- audit -----------------------------------------------------------------------------------


def append_audit(db: Database, actor: str, action: str, entity: str, entity_id: int | None,
                 summary: str, detail: dict[str, Any] | None = None) -> int:
    """Append one entry to the audit log; returns its id (undo_delete names it).

    The log is append-only and kept for ever: every CCCD in `detail` goes in masked
    (personal data, LAW §9), whoever wrote it: a person's snapshot (delete, merge), a
    change of the number (editor). An undo that needs the number reads it from the
    database rows, never from the log."""
    cur = db.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, detail) "
        "VALUES (?,?,?,?,?,?,?)",
        [now_iso(), clean(actor) or "?", action, entity, entity_id, clean(summary),
         json.dumps(mask_national_ids(detail or {}), ensure_ascii=False, default=str,
                    sort_keys=True)])
    return int(cur.lastrowid or 0)


def has_audit(db: Database, action: str, entity: str) -> bool:
    """Whether the audit log has an entry of `action` on `entity` ("demo" on "unit": the
    profile was built by `hoso demo`)."""
    return db.execute("SELECT 1 FROM audit_log WHERE action = ? AND entity = ? LIMIT 1",
                      [action, entity]).fetchone() is not None


def audit_entries(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    cur = db.execute("SELECT id, at, actor, action, entity, entity_id, summary, detail "
                     "FROM audit_log ORDER BY id DESC LIMIT ?", [limit])
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
