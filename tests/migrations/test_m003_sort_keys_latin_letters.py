"""m003_sort_keys_latin_letters: stored sort keys are recomputed with the current alphabet."""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.text import fold, person_sort_key, sort_key
from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def test_recomputes_people_and_collective_keys(raw_db: Database) -> None:
    upto(raw_db, "m002_name_search")
    people = ["Y Wang Niê", "Nguyễn Văn Giang", "Ksor Fan", "Lê Văn Em", "Rơ Châm Wừu",
              "Hà Thị Yến"]
    for name in people:  # keys as an older version might have written them
        raw_db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, "
                       "updated_at) VALUES (?, ?, 'stale', ?, ?)", [name, fold(name), NOW, NOW])
    for name in ("Công ty Zeta", "Trường Tiểu học"):
        raw_db.execute("INSERT INTO collectives (name, name_folded, sort_key, created_at, "
                       "updated_at) VALUES (?, ?, 'stale', ?, ?)", [name, fold(name), NOW, NOW])
    upto(raw_db, "m003_sort_keys_latin_letters")
    rows = raw_db.execute("SELECT full_name, sort_key FROM people").fetchall()
    assert all(key == person_sort_key(name) for name, key in rows)
    ordered = [r[0] for r in raw_db.execute("SELECT full_name FROM people ORDER BY sort_key")]
    assert ordered == ["Lê Văn Em", "Ksor Fan", "Nguyễn Văn Giang", "Y Wang Niê", "Rơ Châm Wừu",
                       "Hà Thị Yến"]
    rows = raw_db.execute("SELECT name, sort_key FROM collectives").fetchall()
    assert all(key == sort_key(name) for name, key in rows)
    # the name index is untouched by the key update
    assert [r[0] for r in raw_db.execute(
        "SELECT rowid FROM people_fts WHERE people_fts MATCH '\"wang\"*'")] == [1]


def test_empty_database(raw_db: Database) -> None:
    upto(raw_db, "m003_sort_keys_latin_letters")
    assert raw_db.execute("SELECT count(*) FROM people").fetchone()[0] == 0
