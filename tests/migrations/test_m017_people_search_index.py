"""m017_people_search_index: the list's order (sort_key, id) with the folded name, so the
search scan reads the index alone; built over the people already there."""

from __future__ import annotations

from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-12-03T00:00:00+00:00"


def _person(db: Database, name: str, folded: str, key: str) -> None:
    db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?)", [name, folded, key, NOW, NOW])


def test_the_scan_reads_the_index_alone_in_list_order(raw_db: Database) -> None:
    upto(raw_db, "m013_former_units")
    _person(raw_db, "Trần Văn Bình", "tran van binh", "binh tran van")
    _person(raw_db, "Lê Thị An", "le thi an", "an le thi")
    upto(raw_db, "m017_people_search_index")
    _person(raw_db, "Đặng Thị Ỷ", "dang thi y", "y dang thi")
    scan = ("SELECT id, name_folded, sort_key FROM people INDEXED BY people_search "
            "WHERE (sort_key, id) > (?, ?) ORDER BY sort_key, id LIMIT 10")
    plan = " ".join(r[3] for r in raw_db.execute("EXPLAIN QUERY PLAN " + scan, ["", 0]))
    assert "COVERING INDEX people_search" in plan
    assert "TEMP B-TREE" not in plan  # no sort: the index is the list's order
    assert [r[1] for r in raw_db.execute(scan, ["", 0])] == [
        "le thi an", "tran van binh", "dang thi y"]
    assert raw_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
