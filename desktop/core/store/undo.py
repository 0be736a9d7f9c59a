"""Putting back a deleted person or collective from the audit log's snapshot
(operations.registry.undo_delete): the delete entry, whether it was undone already, and the
rows restored under their old id when nobody has taken it since.

Callers wrap writes in `Store.write()`; these functions never commit by themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from desktop.core.model import Collective, Person, SubjectKind
from desktop.core.store.registry import update_collective, update_person

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class AuditEntry:
    id: int
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, Any]


def get_audit_entry(db: Database, audit_id: int) -> AuditEntry | None:
    row = db.execute("SELECT id, action, entity, entity_id, detail FROM audit_log WHERE id = ?",
                     [audit_id]).fetchone()
    if row is None:
        return None
    return AuditEntry(row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"))


def undo_recorded(db: Database, audit_id: int) -> bool:
    """Whether the delete logged as `audit_id` has been undone already."""
    return db.execute("SELECT 1 FROM audit_log WHERE action = 'undo_delete' "
                      "AND json_extract(detail, '$.audit_id') = ?", [audit_id]).fetchone() \
        is not None


# One statement per kind, written out: the table is never a value spliced into SQL.
_TAKEN = {
    SubjectKind.PERSON: "SELECT 1 FROM people WHERE id = ?",
    SubjectKind.COLLECTIVE: "SELECT 1 FROM collectives WHERE id = ?",
}
_PLACEHOLDER = {
    SubjectKind.PERSON: "INSERT INTO people (id, full_name, name_folded, sort_key, created_at, "
                        "updated_at) VALUES (?, 'x', 'x', 'x', '', '')",
    SubjectKind.COLLECTIVE: "INSERT INTO collectives (id, name, name_folded, sort_key, "
                            "created_at, updated_at) VALUES (?, 'x', 'x', 'x', '', '')",
}
_CREATED_NOW = {
    SubjectKind.PERSON: "UPDATE people SET created_at = updated_at WHERE id = ?",
    SubjectKind.COLLECTIVE: "UPDATE collectives SET created_at = updated_at WHERE id = ?",
}


def _reserve_id(db: Database, kind: SubjectKind, old_id: int | None) -> int:
    """A row for the restored subject: under its old id if free. SQLite reuses the highest
    rowid, so someone added since may hold it; the subject then comes back under a new id."""
    taken = old_id is None or db.execute(_TAKEN[kind], [old_id]).fetchone() is not None
    cur = db.execute(_PLACEHOLDER[kind], [None if taken else old_id])
    return int(cur.lastrowid or 0)


def restore_person(db: Database, person: Person, old_id: int | None) -> int:
    """The person back (created now), under the old id when free; returns the id."""
    new_id = _reserve_id(db, SubjectKind.PERSON, old_id)
    update_person(db, replace(person, id=new_id))
    db.execute(_CREATED_NOW[SubjectKind.PERSON], [new_id])
    return new_id


def restore_collective(db: Database, collective: Collective, old_id: int | None) -> int:
    """The collective back with its members (created now), under the old id when free."""
    new_id = _reserve_id(db, SubjectKind.COLLECTIVE, old_id)
    update_collective(db, replace(collective, id=new_id))
    db.execute(_CREATED_NOW[SubjectKind.COLLECTIVE], [new_id])
    return new_id


def rejoin_collectives(db: Database, person_id: int, collective_ids: Iterable[int]) -> None:
    """The restored person back in the collectives that still exist."""
    for cid in collective_ids:
        db.execute("INSERT OR IGNORE INTO collective_members (collective_id, person_id) "
                   "SELECT id, ? FROM collectives WHERE id = ?", [person_id, cid])
