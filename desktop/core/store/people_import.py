"""The store's side of importing people from a staff list.

The duplicate check of an import asks, for every row, whether someone with the same folded
name and birth date is already saved (the rule of `registry.find_same_person`). Asking once
per row scans the people table once per row: 50,000 rows against 50,000 people took
minutes. One read of (id, name_folded, birth_date) takes a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database


def people_identities(db: Database) -> Iterator[tuple[int, str, str | None]]:
    """(id, folded name, ISO birth date or None) of every saved person, by id."""
    for pid, folded, birth in db.execute(
            "SELECT id, name_folded, birth_date FROM people ORDER BY id"):
        yield int(pid), str(folded), birth


def national_ids(db: Database) -> dict[str, int]:
    """CCCD/CMND number → id of the saved person who holds it (one read, for the import's
    check that a number is not given to a second person)."""
    return {str(nid): int(pid) for pid, nid in db.execute(
        "SELECT id, national_id FROM people WHERE national_id IS NOT NULL "
        "AND national_id != '' ORDER BY id DESC")}


def full_names(db: Database) -> dict[int, str]:
    """id → full name as saved, of every person (the ratings import names whom each row
    matched, and compares it with the file's name)."""
    return {int(pid): str(name) for pid, name in db.execute(
        "SELECT id, full_name FROM people ORDER BY id")}
