"""The store's side of merging a former unit's registry: who is there, by id, name and CCCD,
and what changed after a merge (its undo)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path

from sqlite_utils import Database

_CHUNK = 500


def people_ids(db: Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM people ORDER BY id")]


def collective_ids(db: Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM collectives ORDER BY id")]


def national_id_holders(db: Database) -> dict[int, tuple[str, str]]:
    """id → (CCCD/CMND, full name) of everyone who has one: whom a merge must not give a
    second holder."""
    return {int(pid): (str(value), str(name)) for pid, value, name in db.execute(
        "SELECT id, national_id, full_name FROM people WHERE national_id <> '' ORDER BY id")}


def national_ids_in_copy(path: Path, person_ids: Sequence[int]) -> dict[int, str]:
    """id → CCCD/CMND of `person_ids` in another copy of the database (the backup a merge
    took just before writing), opened read-only; {} when it is gone or unreadable."""
    try:
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            found: dict[int, str] = {}
            for chunk in _chunks(person_ids):
                marks = ", ".join("?" * len(chunk))
                found |= {int(pid): str(value or "") for pid, value in conn.execute(
                    f"SELECT id, national_id FROM people WHERE id IN ({marks})", chunk)}
            return found
    except (sqlite3.Error, OSError, ValueError):
        return {}


def collective_names_folded(db: Database) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT name_folded FROM collectives")}


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start:start + _CHUNK])


def existing(db: Database, table: str, ids: Sequence[int]) -> set[int]:
    if table not in ("people", "collectives", "former_units"):
        raise ValueError(table)
    found: set[int] = set()
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        found |= {int(r[0]) for r in db.execute(
            f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)}
    return found


def round_entries(db: Database, person_ids: Sequence[int]) -> list[tuple[int, str]]:
    """(person id, "nominations:12" / "registrations:5") for every nomination and
    registration naming one of `person_ids`."""
    found: list[tuple[int, str]] = []
    for chunk in _chunks(person_ids):
        marks = ", ".join("?" * len(chunk))
        for table in ("nominations", "registrations"):
            found += [(int(r[0]), f"{table}:{int(r[1])}") for r in db.execute(
                f"SELECT person_id, id FROM {table} WHERE person_id IN ({marks})", chunk)]
    return sorted(found)


def delete_people(db: Database, ids: Sequence[int]) -> None:
    db.conn.executemany("DELETE FROM people WHERE id = ?", [(i,) for i in ids])


def delete_collectives(db: Database, ids: Sequence[int]) -> None:
    db.conn.executemany("DELETE FROM collectives WHERE id = ?", [(i,) for i in ids])
