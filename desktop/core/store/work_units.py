"""Repository of the work units inside the unit (migration m009_unit_structure): phòng,
trường, trạm, thôn, hợp tác xã, with their full official name and head.

SQL only; text is cleaned on the way in. Callers wrap writes in `Store.write()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from desktop.core.model import WorkUnit, WorkUnitKind
from desktop.core.store.database import now_iso
from desktop.core.text import clean, fold, sort_key

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = "id, name, short_name, kind, head_name, head_title"


def _from_row(row: Sequence[Any]) -> WorkUnit:
    wid, name, short_name, kind, head_name, head_title = row
    return WorkUnit(id=wid, name=name, short_name=short_name, kind=WorkUnitKind(kind),
                    head_name=head_name, head_title=head_title)


def _values(unit: WorkUnit) -> dict[str, Any]:
    name = clean(unit.name)
    return {"name": name, "short_name": clean(unit.short_name), "name_folded": fold(name),
            "sort_key": sort_key(clean(unit.short_name) or name), "kind": unit.kind.value,
            "head_name": clean(unit.head_name), "head_title": clean(unit.head_title)}


def list_work_units(db: Database) -> list[WorkUnit]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM work_units ORDER BY sort_key, id").fetchall()
    return [_from_row(r) for r in rows]


def get_work_unit(db: Database, work_unit_id: int) -> WorkUnit | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM work_units WHERE id = ?",
                     [work_unit_id]).fetchone()
    return _from_row(row) if row else None


def find_by_name(db: Database, name: str, exclude_id: int | None = None) -> int | None:
    """The work unit whose full name folds to the same text, if any (names are unique)."""
    row = db.execute("SELECT id FROM work_units WHERE name_folded = ? AND id IS NOT ?",
                     [fold(clean(name)), exclude_id]).fetchone()
    return int(row[0]) if row else None


def insert_work_unit(db: Database, unit: WorkUnit) -> int:
    values = _values(unit)
    values["created_at"] = values["updated_at"] = now_iso()
    cur = db.execute(f"INSERT INTO work_units ({', '.join(values)}) "
                     f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
    return int(cur.lastrowid or 0)


def update_work_unit(db: Database, unit: WorkUnit) -> None:
    values = _values(unit)
    values["updated_at"] = now_iso()
    sets = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE work_units SET {sets} WHERE id = ?", [*values.values(), unit.id])


def delete_work_unit(db: Database, work_unit_id: int) -> None:
    """People and collectives of the unit keep existing; their link is cleared (SET NULL)."""
    db.execute("DELETE FROM work_units WHERE id = ?", [work_unit_id])


def member_counts(db: Database) -> dict[int, int]:
    """work unit id → how many people belong to it."""
    rows = db.execute("SELECT work_unit_id, count(*) FROM people WHERE work_unit_id IS NOT NULL "
                      "GROUP BY work_unit_id").fetchall()
    return {int(r[0]): int(r[1]) for r in rows}


def link_department(db: Database, work_unit_id: int, department: str) -> int:
    """Attach every person whose department is typed as `department` (same folded text) and
    who has no work unit yet; returns how many were attached."""
    rows = db.execute("SELECT id, department FROM people WHERE work_unit_id IS NULL "
                      "AND department <> ''").fetchall()
    target = fold(clean(department))
    ids = [r[0] for r in rows if fold(r[1]) == target]
    db.conn.executemany("UPDATE people SET work_unit_id = ? WHERE id = ?",
                        [(work_unit_id, pid) for pid in ids])
    return len(ids)


def assign_people(db: Database, pairs: Iterable[tuple[int, int]]) -> None:
    """Put each person (work unit id, person id) in their work unit."""
    db.conn.executemany("UPDATE people SET work_unit_id = ? WHERE id = ?", list(pairs))


def assign_collectives(db: Database, pairs: Iterable[tuple[int, int]]) -> None:
    """Put each collective (work unit id, collective id) in its work unit."""
    db.conn.executemany("UPDATE collectives SET work_unit_id = ? WHERE id = ?", list(pairs))
