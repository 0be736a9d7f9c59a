"""The people and collectives a bulk picker lists: found by name (diacritics ignored, the
same FTS index as the main list) and by department, in Vietnamese name order.

Unlike the main window's pages these never apply the main window's id filter ("đủ điều kiện
…"): a picker in a dialog lists the whole unit whatever the list behind it shows.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.core.model import Collective, Person

# the registry's own column list and row readers, so a field added there is read here too
from desktop.core.store.registry import _PERSON_COLUMNS, _collective_from_row, _person_from_row
from desktop.core.text import clean, fts_prefix_query


def _where(table: str, query: str, department: str = "") -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    match = fts_prefix_query(query)
    if match is not None:
        clauses.append(f"id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)")
        args.append(match)
    if department:
        clauses.append("department = ?")
        args.append(clean(department))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def people(db: Database, query: str, department: str, limit: int) -> tuple[list[Person], int]:
    """Up to `limit` people matching, and how many match in all."""
    where, args = _where("people", query, department)
    total = int(db.execute(f"SELECT count(*) FROM people {where}", args).fetchone()[0])
    rows = db.execute(f"SELECT {_PERSON_COLUMNS} FROM people {where} ORDER BY sort_key, id "
                      "LIMIT ?", [*args, limit]).fetchall()
    return [_person_from_row(r) for r in rows], total


def collectives(db: Database, query: str, limit: int) -> tuple[list[Collective], int]:
    where, args = _where("collectives", query)
    total = int(db.execute(f"SELECT count(*) FROM collectives {where}", args).fetchone()[0])
    rows = db.execute(f"SELECT id, name, kind, note, work_unit_id FROM collectives {where} "
                      "ORDER BY sort_key, id LIMIT ?", [*args, limit]).fetchall()
    return [_collective_from_row(db, r, with_members=False) for r in rows], total


def person_departments(db: Database, person_ids: list[int]) -> dict[int, str]:
    """Each person's department (for the preview's column), in chunks under SQLite's limit."""
    found: dict[int, str] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(db.execute(f"SELECT id, department FROM people WHERE id IN ({marks})",
                                chunk).fetchall())
    return found
