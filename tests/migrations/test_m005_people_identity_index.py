"""m005_people_identity_index: the duplicate check uses an index, not a scan."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from desktop.core.store import registry as repo
from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def test_index_exists_and_serves_the_duplicate_check(raw_db: Database) -> None:
    upto(raw_db, "m004_rounds")
    raw_db.execute("INSERT INTO people (full_name, name_folded, sort_key, birth_date, "
                   "created_at, updated_at) VALUES ('Đặng Thị Ỷ', 'dang thi y', 'k', "
                   "'1992-06-27', ?, ?)", [NOW, NOW])
    upto(raw_db, "m005_people_identity_index")
    indexes = {i.name: i.columns for i in raw_db["people"].indexes}
    assert indexes["people_identity"] == ["name_folded", "birth_date"]
    plan = " ".join(str(r) for r in raw_db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM people WHERE name_folded = ? AND birth_date IS ? "
        "AND id IS NOT ?", ["dang thi y", "1992-06-27", None]).fetchall())
    assert "people_identity" in plan
    assert repo.find_same_person(raw_db, "Dang Thi Y", date(1992, 6, 27)) == [1]
