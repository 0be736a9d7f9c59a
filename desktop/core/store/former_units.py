"""Repositories for former units and who worked in them (m013_former_units).

Text is cleaned on the way in; callers wrap writes in `Store.write()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.model.former import FormerPosting, FormerUnit
from desktop.core.store.database import now_iso
from desktop.core.text import clean, fold


def _unit(row: Sequence[Any]) -> FormerUnit:
    uid, name, code, merged_on, note = row
    return FormerUnit(id=int(uid), name=str(name), code=str(code),
                      merged_on=date.fromisoformat(str(merged_on)), note=str(note))


def former_units(db: Database) -> list[FormerUnit]:
    """Every former unit, by merger date then name."""
    return [_unit(r) for r in db.execute(
        "SELECT id, name, code, merged_on, note FROM former_units ORDER BY merged_on, "
        "name_folded, id")]


def get_former_unit(db: Database, unit_id: int) -> FormerUnit | None:
    row = db.execute("SELECT id, name, code, merged_on, note FROM former_units WHERE id = ?",
                     [unit_id]).fetchone()
    return _unit(row) if row else None


def former_unit_named(db: Database, name: str) -> FormerUnit | None:
    row = db.execute("SELECT id, name, code, merged_on, note FROM former_units "
                     "WHERE name_folded = ?", [fold(clean(name))]).fetchone()
    return _unit(row) if row else None


def _values(unit: FormerUnit) -> list[object]:
    name = clean(unit.name)
    return [name, fold(name), clean(unit.code).upper(), unit.merged_on.isoformat(),
            clean(unit.note)]


def insert_former_unit(db: Database, unit: FormerUnit) -> int:
    stamp = now_iso()
    cur = db.execute("INSERT INTO former_units (name, name_folded, code, merged_on, note, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [*_values(unit), stamp, stamp])
    return int(cur.lastrowid or 0)


def update_former_unit(db: Database, unit: FormerUnit) -> None:
    db.execute("UPDATE former_units SET name = ?, name_folded = ?, code = ?, merged_on = ?, "
               "note = ?, updated_at = ? WHERE id = ?", [*_values(unit), now_iso(), unit.id])


def delete_former_unit(db: Database, unit_id: int) -> None:
    db.execute("DELETE FROM former_units WHERE id = ?", [unit_id])


def posting_counts(db: Database) -> dict[int, int]:
    """former unit id → how many people have a posting there."""
    return {int(r[0]): int(r[1]) for r in db.execute(
        "SELECT former_unit_id, count(*) FROM former_postings GROUP BY former_unit_id")}


def add_posting(db: Database, person_id: int, unit_id: int, position: str, department: str,
                source_id: int | None) -> int:
    """Record (or update) where `person_id` worked in the former unit."""
    cur = db.execute(
        "INSERT INTO former_postings (person_id, former_unit_id, position, department, "
        "source_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT(person_id, former_unit_id) DO UPDATE "
        "SET position = excluded.position, department = excluded.department, "
        "source_id = excluded.source_id",
        [person_id, unit_id, clean(position), clean(department), source_id])
    return int(cur.lastrowid or 0)


def delete_postings(db: Database, posting_ids: Iterable[int]) -> None:
    db.conn.executemany("DELETE FROM former_postings WHERE id = ?", [(i,) for i in posting_ids])


def postings_of(db: Database, person_id: int) -> list[FormerPosting]:
    """Where the person worked before the merger, earliest merger first."""
    return [FormerPosting(former_unit_id=int(r[0]), unit_name=str(r[1]),
                          merged_on=date.fromisoformat(str(r[2])), position=str(r[3]),
                          department=str(r[4]), source_id=r[5])
            for r in db.execute(
                "SELECT u.id, u.name, u.merged_on, p.position, p.department, p.source_id "
                "FROM former_postings p JOIN former_units u ON u.id = p.former_unit_id "
                "WHERE p.person_id = ? ORDER BY u.merged_on, u.name_folded", [person_id])]


def posting_ids_of_unit(db: Database, unit_id: int) -> list[int]:
    return [int(r[0]) for r in db.execute(
        "SELECT id FROM former_postings WHERE former_unit_id = ?", [unit_id])]
