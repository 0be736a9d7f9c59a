"""m011_council_members: the council meeting's start and end time and its members by name,
position and attendance, for the minutes (LAW §6.7); and the vote rule a vote was counted
under (at least its share, or more than it).

Meetings recorded before keep their counts and no names; the minutes then print the counts.
A stored threshold of one half only ever came from the show-of-hands rule ("more than half
of the total membership"), so those votes are marked `more_than`.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS, run_script


@MIGRATIONS(name="m011_council_members")
def m011_council_members(db: Database) -> None:
    run_script(db, """
        ALTER TABLE council_meetings ADD COLUMN starts_at TEXT
            CHECK (starts_at IS NULL OR starts_at GLOB '[0-2][0-9]:[0-5][0-9]');
        ALTER TABLE council_meetings ADD COLUMN ends_at TEXT
            CHECK (ends_at IS NULL OR ends_at GLOB '[0-2][0-9]:[0-5][0-9]');

        CREATE TABLE council_members (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES council_meetings(id) ON DELETE CASCADE,
            position_no INTEGER NOT NULL CHECK (position_no >= 1),
            name TEXT NOT NULL CHECK (name <> ''),
            position TEXT NOT NULL DEFAULT '',
            attendance TEXT NOT NULL
                CHECK (attendance IN ('present', 'written_opinion', 'absent')),
            UNIQUE (meeting_id, position_no)
        );
        CREATE INDEX council_members_meeting ON council_members(meeting_id);

        ALTER TABLE council_votes ADD COLUMN more_than INTEGER NOT NULL DEFAULT 0
            CHECK (more_than IN (0, 1));
        UPDATE council_votes SET more_than = 1 WHERE threshold = 0.5;
    """)
