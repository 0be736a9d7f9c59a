"""m013_former_units: the units a merged commune was formed from (LAW §8.1, issue 14).

On 1/7/2025 communes were merged and districts abolished. A merged commune keeps the
registries of two or three former communes:

- `former_units`: each former unit with its name as documents print it ("xã Tân Lập", shown
  as "xã Tân Lập (cũ)"), its code and the date of the merger. Names are unique (folded).
- `former_postings`: who worked in which former unit, with the position and department the
  former registry recorded and the person's id there, so a report can name "xã Tân Lập (cũ)"
  in the person's work history. A former unit someone worked in cannot be deleted
  (ON DELETE RESTRICT; the operation says why first).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS, run_script

_ISO_DATE = "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"


@MIGRATIONS(name="m013_former_units")
def m013_former_units(db: Database) -> None:
    run_script(
        db,
        f"""
        CREATE TABLE former_units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            name_folded TEXT NOT NULL CHECK (name_folded <> ''),
            code TEXT NOT NULL DEFAULT '',
            merged_on TEXT NOT NULL CHECK (merged_on GLOB {_ISO_DATE}),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX former_units_name ON former_units(name_folded);

        CREATE TABLE former_postings (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            former_unit_id INTEGER NOT NULL REFERENCES former_units(id) ON DELETE RESTRICT,
            position TEXT NOT NULL DEFAULT '',
            department TEXT NOT NULL DEFAULT '',
            source_id INTEGER,
            UNIQUE (person_id, former_unit_id)
        );
        CREATE INDEX former_postings_unit ON former_postings(former_unit_id);
        """,
    )
