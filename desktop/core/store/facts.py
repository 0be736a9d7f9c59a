"""Read-only queries for the eligibility facts, as plain rows (the rules never import the store).

Each function reads one table for people or for collectives (`owner` = "person" or
"collective"), for everyone (`ids=None`, a few full scans for the registry filter) or for a
few subjects (an indexed lookup per chunk of ids, for one person's panel). The `*_by_value`
functions read everyone's facts compactly for the bulk evaluation of people (see below);
`scan_concurrently` runs two such reads at once on two connections.
"""

from __future__ import annotations

import json
import operator
import sqlite3
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from desktop.core.model import AwardKind, Rating, SubjectGroup
from desktop.core.store.database import BUSY_TIMEOUT_MS

_CHUNK = 500
MERIT_KIND = AwardKind.CONG_TRANG.value  # only these ground a merit criterion (LAW §10a.6)
T = TypeVar("T")
U = TypeVar("U")
_RANK_SQL = "CASE rating WHEN 'htxs' THEN 3 WHEN 'htt' THEN 2 WHEN 'ht' THEN 1 ELSE 0 END"


def _owner(owner: str) -> str:
    if owner not in ("person", "collective"):
        raise ValueError(f"owner must be 'person' or 'collective', not {owner!r}")
    return f"{owner}_id"


def _rows(db: Database, sql: str, args: Sequence[Any], column: str,
          ids: Sequence[int] | None, scan: bool = True) -> list[tuple[Any, ...]]:
    """`sql` has `{where}` and `{hint}` slots; ids filter on `column`, in chunks.

    For everyone, the table is read in one sequential scan (NOT INDEXED): SQLite would
    otherwise walk the owner index and fetch rows in random order, several times slower.
    """
    if ids is None:
        hint = "NOT INDEXED" if scan else ""
        return db.execute(sql.format(where=f"{column} IS NOT NULL", hint=hint),
                          list(args)).fetchall()
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        where = f"{column} IN ({', '.join('?' * len(chunk))})"
        rows.extend(db.execute(sql.format(where=where, hint=""), [*chunk, *args]).fetchall())
    return rows


def person_rows(db: Database, ids: Sequence[int] | None = None
                ) -> list[tuple[int, str, str | None, str | None]]:
    """(id, subject_group, gender, hired_on ISO) of people."""
    return _rows(db, "SELECT id, subject_group, gender, hired_on FROM people {hint} "
                     "WHERE {where}", [], "id", ids)


def year_rows(db: Database, owner: str, first: int, last: int,
              ids: Sequence[int] | None = None) -> list[tuple[Any, ...]]:
    """(owner id, year, rating rank or NULL, pending_review, exemplary, solidarity, movement)
    of the year records first..last, in one pass over the table."""
    col = _owner(owner)
    sql = (f"SELECT {col}, year, CASE WHEN rating IS NULL THEN NULL ELSE {_RANK_SQL} END, "
           "pending_review, exemplary, solidarity, movement FROM year_records {hint} "
           "WHERE {where} AND year BETWEEN ? AND ?")
    return _rows(db, sql, [first, last], col, ids)


def collective_attributes(db: Database, ids: Sequence[int] | None = None
                          ) -> list[tuple[int, str]]:
    """(id, kind)."""
    return list(_rows(db, "SELECT id, kind FROM collectives {hint} WHERE {where}", [], "id", ids))


def award_rows(db: Database, owner: str, first: int, last: int,
               ids: Sequence[int] | None = None, codes: Sequence[str] | None = None
               ) -> list[tuple[int, str, int, str]]:
    """(owner id, code, year, kind) of titles and forms received in first..last, optionally
    only some codes (then the (code, year) index serves everyone)."""
    col = _owner(owner)
    only = ""
    args: list[Any] = [first, last]
    if codes is not None:
        if not codes:
            return []
        only = f" AND code IN ({', '.join('?' * len(codes))})"
        args += list(codes)
    sql = (f"SELECT {col}, code, year, kind FROM awards {{hint}} WHERE {{where}} "
           f"AND year BETWEEN ? AND ?{only}")
    return list(_rows(db, sql, args, col, ids, scan=codes is None))


def initiative_rows(db: Database, owner: str, ids: Sequence[int] | None = None
                    ) -> list[tuple[Any, ...]]:
    """(owner id, year, scope, name, decision_no, used_for_code, used_for_year)."""
    col = _owner(owner)
    sql = (f"SELECT {col}, year, scope, name, decision_no, used_for_code, used_for_year "
           "FROM initiatives {hint} WHERE {where}")
    return list(_rows(db, sql, [], col, ids))


def research_rows(db: Database, owner: str, ids: Sequence[int] | None = None
                  ) -> list[tuple[Any, ...]]:
    """(owner id, year, scope, name, accepted_on, applied, used_for_code, used_for_year)."""
    col = _owner(owner)
    sql = (f"SELECT {col}, year, scope, name, accepted_on, applied, used_for_code, "
           "used_for_year FROM research_topics {hint} WHERE {where}")
    return list(_rows(db, sql, [], col, ids))


def discipline_rows(db: Database, owner: str, ids: Sequence[int] | None = None
                    ) -> list[tuple[Any, ...]]:
    """(owner id, level, start_date, end_date, decision_no)."""
    col = _owner(owner)
    sql = (f"SELECT {col}, level, start_date, end_date, decision_no FROM discipline "
           "{hint} WHERE {where}")
    return list(_rows(db, sql, [], col, ids))


def claim_rows(db: Database, owner: str, year: int, ids: Sequence[int] | None = None
               ) -> list[tuple[int, str]]:
    """(owner id, claim code) confirmed by the officer for `year`."""
    col = _owner(owner)
    sql = f"SELECT {col}, code FROM claims {{hint}} WHERE {{where}} AND year = ?"
    return [(r[0], r[1]) for r in _rows(db, sql, [year], col, ids, scan=False)]


def membership_rows(db: Database, collective_ids: Sequence[int] | None = None
                    ) -> list[tuple[int, int]]:
    """(collective id, person id)."""
    return list(_rows(db, "SELECT collective_id, person_id FROM collective_members {hint} "
                          "WHERE {where}", [], "collective_id", collective_ids))


# ---- everyone in one pass per table, as sorted id arrays by value (the bulk evaluation) ----
#
# SQLite puts each row's id into the JSON list of its value (json_group_array … FILTER) during
# one sequential scan, so no row becomes a Python tuple: the lists come back as a few strings,
# parsed in C and kept as sorted arrays of 8-byte ids, which the caller cuts into spans.

# date.toordinal() of an ISO date, computed by SQLite (julianday of 0001-01-01 is 1721425.5)
_ORDINAL_SQL = "CAST(julianday({col}) - 1721424.5 AS INTEGER)"


def _id_array(text: str | None, keep_order: bool = False) -> array[int]:
    values = json.loads(text) if text else []
    return array("q", values if keep_order else sorted(values))


def _lists(db: Database, table: str, column: str,
           conditions: Sequence[tuple[str, Sequence[Any]]], where: str = "",
           args: Sequence[Any] = ()) -> list[str | None]:
    """For each (SQL condition, its arguments): the JSON list of `column` over the rows of
    `table` where it holds, all from one sequential scan. A condition may start with
    "expression:" to list that expression instead of `column`."""
    parts, cond_args = [], []
    for cond, values in conditions:
        expr, sep, rest = cond.partition(":")
        parts.append(f"json_group_array({expr if sep else column}) "
                     f"FILTER (WHERE {rest if sep else cond})")
        cond_args += list(values)
    row = db.execute(f"SELECT {', '.join(parts)} FROM {table} NOT INDEXED "
                     f"WHERE {where or '1'}", [*cond_args, *args]).fetchone()
    return list(row)


def _ascending(ids: array[int]) -> bool:
    return all(map(operator.le, ids, islice(ids, 1, None)))


def people_by_value(db: Database) -> tuple[dict[str, array[int]], array[int], array[int]]:
    """Every person's id by subject_group (each person is in exactly one), and the ids and
    hire dates (as date ordinals, aligned with the ids) of those whose hire date is known."""
    groups = [g.value for g in SubjectGroup]
    days = _ORDINAL_SQL.format(col="hired_on")
    lists = _lists(db, "people", "id", [*(("subject_group = ?", [g]) for g in groups),
                                         ("hired_on IS NOT NULL", []),
                                         (f"{days}:hired_on IS NOT NULL", [])])
    by_group = {g: _id_array(text) for g, text in zip(groups, lists, strict=False)}
    hired_ids, hired_days = _id_array(lists[-2], True), _id_array(lists[-1], True)
    if not _ascending(hired_ids):  # a scan of a rowid table is in id order; to be sure
        pairs = sorted(zip(hired_ids, hired_days, strict=True))
        hired_ids = array("q", (p for p, _d in pairs))
        hired_days = array("q", (d for _p, d in pairs))
    return by_group, hired_ids, hired_days


TICKS = ("exemplary", "solidarity", "movement")


def years_by_value(db: Database, owner: str, first: int, last: int
                   ) -> tuple[dict[tuple[int, str], array[int]],
                              dict[tuple[str, bool], array[int]]]:
    """From one scan of the year records first..last: {(year, rating): ids}, and of the last
    year {("pending", True): ids under review, (tick, True or False): ids} (a tick not yet
    given, NULL, is in neither list)."""
    col = _owner(owner)
    rating_keys = [(y, r.value) for y in range(first, last + 1) for r in Rating]
    tick_keys: list[tuple[str, bool]] = [("pending", True)]
    conditions: list[tuple[str, Sequence[Any]]] = [("year = ? AND rating = ?", key)
                                                   for key in rating_keys]
    conditions.append(("year = ? AND pending_review <> 0", [last]))
    for tick in TICKS:
        tick_keys += [(tick, True), (tick, False)]
        conditions += [(f"year = ? AND {tick} <> 0", [last]), (f"year = ? AND {tick} = 0", [last])]
    lists = [_id_array(text) for text in _lists(
        db, "year_records", col, conditions,
        f"{col} IS NOT NULL AND year BETWEEN ? AND ?", [first, last])]
    n = len(rating_keys)
    return (dict(zip(rating_keys, lists[:n], strict=True)),
            dict(zip(tick_keys, lists[n:], strict=True)))


def awards_by_value(db: Database, owner: str, first: int, last: int, codes: Sequence[str]
                    ) -> list[tuple[str, int, array[int], array[int]]]:
    """(code, year, ids with it as a merit award (kind cong_trang), ids with it of another
    kind) of the titles and forms `codes` received first..last. Naming the codes lets the
    (code, year) index serve everyone, in its order (no sort for the grouping)."""
    if not codes:
        return []
    col = _owner(owner)
    rows = db.execute(f"SELECT code, year, json_group_array({col}) FILTER (WHERE kind = ?), "
                      f"json_group_array({col}) FILTER (WHERE kind <> ?) FROM awards "
                      f"WHERE {col} IS NOT NULL AND year BETWEEN ? AND ? "
                      f"AND code IN ({', '.join('?' * len(codes))}) GROUP BY code, year",
                      [MERIT_KIND, MERIT_KIND, first, last, *codes]).fetchall()
    return [(code, year, _id_array(merit), _id_array(other))
            for code, year, merit, other in rows]


# ---- two scans at once ----------------------------------------------------------------------
#
# SQLite releases the GIL while it steps through a scan, so two aggregate scans on two
# connections use two cores. The second connection is read-only and lives only for the call.


def _file_of(db: Database) -> str | None:
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return str(file) or None
    return None


def scan_concurrently(db: Database, other: Callable[[Database], T],
                      here: Callable[[Database], U]) -> tuple[T, U]:
    """(other(a second read-only connection to db's file), here(db)), the first run in a
    thread while the second runs in this one. Both run here, one after the other, when db
    has no file or holds uncommitted changes (another connection would not see them), or
    when the second connection cannot be opened."""
    path = _file_of(db)
    conn: sqlite3.Connection | None = None
    if path is not None and not db.conn.in_transaction:
        try:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file
        except sqlite3.Error:
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        return other(db), here(db)
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="hoso-scan") as pool:
            future = pool.submit(other, Database(conn, execute_plugins=False))
            mine = here(db)
            return future.result(), mine
    finally:
        conn.close()
