"""The store's side of the ratings grid and the ratings-only import: the unit's people with
two years of ratings in one read, and one year's marks written without touching the rest of
that year's record.

Callers wrap writes in `Store.write()`; these functions never commit by themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlite_utils import Database

from desktop.core.model import Rating, SubjectGroup
from desktop.core.model.ratings import RatingMarks, RatingRow


def _tick(value: object) -> bool | None:
    return None if value is None else bool(value)


def _marks(rating: str | None, exemplary: object, solidarity: object, movement: object
           ) -> RatingMarks:
    return RatingMarks(Rating(rating) if rating else None, _tick(exemplary), _tick(solidarity),
                       _tick(movement))


def rating_rows(db: Database, year: int) -> list[RatingRow]:
    """Every person of the unit, in the list's order, with `year - 1`'s rating and `year`'s
    marks (a few hundred rows: one query)."""
    rows = db.execute(
        "SELECT p.id, p.full_name, p.birth_date, p.position, "
        "COALESCE(NULLIF(w.short_name, ''), w.name, p.department), p.work_unit_id, "
        "p.subject_group, last.rating, cur.id, cur.rating, cur.exemplary, cur.solidarity, "
        "cur.movement, cur.pending_review "
        "FROM people p "
        "LEFT JOIN work_units w ON w.id = p.work_unit_id "
        "LEFT JOIN year_records last ON last.person_id = p.id AND last.year = ? "
        "LEFT JOIN year_records cur ON cur.person_id = p.id AND cur.year = ? "
        "ORDER BY p.sort_key, p.id", [year - 1, year]).fetchall()
    return [RatingRow(
        person_id=int(r[0]), full_name=r[1], birth_date=date.fromisoformat(r[2]) if r[2] else None,
        position=r[3] or "", work_unit=r[4] or "", work_unit_id=r[5],
        group=SubjectGroup(r[6]), last_year=Rating(r[7]) if r[7] else None,
        marks=_marks(r[9], r[10], r[11], r[12]), has_record=r[8] is not None,
        pending_review=bool(r[13])) for r in rows]


def marks_of(db: Database, keys: Iterable[tuple[int, int]]
             ) -> dict[tuple[int, int], RatingMarks]:
    """(person id, year) → the marks stored; a key without a row of that year is absent."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = db.execute(
        "SELECT r.person_id, r.year, r.rating, r.exemplary, r.solidarity, r.movement "
        "FROM year_records r JOIN json_each(?) k "
        "ON r.person_id = json_extract(k.value, '$[0]') AND r.year = json_extract(k.value, '$[1]')",
        [json.dumps(wanted)]).fetchall()
    return {(int(r[0]), int(r[1])): _marks(r[2], r[3], r[4], r[5]) for r in rows}


def names_of(db: Database, person_ids: Iterable[int]) -> dict[int, str]:
    """id → full name of those of `person_ids` who are people of the unit."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return {}
    return {int(r[0]): r[1] for r in db.execute(
        "SELECT id, full_name FROM people WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(wanted)])}


def set_marks(db: Database, person_id: int, year: int, marks: RatingMarks) -> None:
    """Write the year's rating and ticks; a new row of the year when there is none. The rest
    of the row (tạm hoãn xét, notes) is kept."""
    values = [marks.rating.value if marks.rating else None, marks.exemplary, marks.solidarity,
              marks.movement]
    cur = db.execute("UPDATE year_records SET rating = ?, exemplary = ?, solidarity = ?, "
                     "movement = ? WHERE person_id = ? AND year = ?",
                     [*values, person_id, year])
    if cur.rowcount == 0:
        db.execute("INSERT INTO year_records (person_id, year, rating, exemplary, solidarity, "
                   "movement) VALUES (?, ?, ?, ?, ?, ?)", [person_id, year, *values])


def remove_if_bare(db: Database, person_id: int, year: int) -> None:
    """Drop the year's row when nothing is left in it (undo of a row the save created)."""
    db.execute("DELETE FROM year_records WHERE person_id = ? AND year = ? AND rating IS NULL "
               "AND exemplary IS NULL AND solidarity IS NULL AND movement IS NULL "
               "AND pending_review = 0 AND pending_note = '' AND qualities_note = ''",
               [person_id, year])


def undo_recorded(db: Database, audit_id: int) -> bool:
    """Whether the ratings save logged as `audit_id` has been undone already."""
    return db.execute("SELECT 1 FROM audit_log WHERE action = 'undo_ratings' "
                      "AND json_extract(detail, '$.audit_id') = ?", [audit_id]).fetchone() \
        is not None


def missing_ratings(db: Database, year: int) -> tuple[int, int]:
    """(people without a rating for `year`, people rated at all): workers and farmers are
    left out, since their LĐTT rests on the three ticks, not on a rating."""
    row = db.execute(
        "SELECT count(*), sum(r.rating IS NULL) FROM people p LEFT JOIN year_records r "
        "ON r.person_id = p.id AND r.year = ? WHERE p.subject_group != 'cong_nhan_nong_dan'",
        [year]).fetchone()
    return int(row[1] or 0), int(row[0] or 0)
