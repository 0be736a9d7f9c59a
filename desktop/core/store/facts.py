"""Read-only queries for the eligibility facts, as plain rows (the rules never import the store).

Each function reads one table for people or for collectives (`owner` = "person" or
"collective"), for everyone (`ids=None`, a few full scans for the registry filter) or for a
few subjects (an indexed lookup per chunk of ids, for one person's panel).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

_CHUNK = 500
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
