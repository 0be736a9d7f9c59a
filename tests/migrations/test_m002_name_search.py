"""m002_name_search: FTS5 over the folded names, kept in sync by triggers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlite_utils import Database

from desktop.core.text import fold, fts_prefix_query
from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def add(db: Database, table: str, name: str) -> int:
    column = "full_name" if table == "people" else "name"
    cur = db.execute(f"INSERT INTO {table} ({column}, name_folded, sort_key, created_at, "
                     "updated_at) VALUES (?, ?, 'k', ?, ?)", [name, fold(name), NOW, NOW])
    return int(cur.lastrowid or 0)


def find(db: Database, table: str, query: str) -> list[int]:
    match = fts_prefix_query(query)
    assert match is not None
    return sorted(r[0] for r in db.execute(
        f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [match]))


def test_objects_created(migrate_to: Callable[[str], Database]) -> None:
    db = migrate_to("m002_name_search")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"people_fts", "collectives_fts"} <= tables
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    for table in ("people", "collectives"):
        assert {f"{table}_fts_ai", f"{table}_fts_ad", f"{table}_fts_au"} <= triggers
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'people_fts'").fetchone()[0]
    assert "prefix='1 2 3'" in sql and "content='people'" in sql


@pytest.mark.parametrize("table", ["people", "collectives"])
def test_existing_names_are_indexed(raw_db: Database, table: str) -> None:
    upto(raw_db, "m001_registry")
    first = add(raw_db, table, "Đặng Thị Ỷ")
    second = add(raw_db, table, "Nguyễn Văn An")
    upto(raw_db, "m002_name_search")
    assert find(raw_db, table, "dang thi y") == [first]
    assert find(raw_db, table, "Nguyễn") == [second]
    assert raw_db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("table", ["people", "collectives"])
def test_triggers_keep_the_index_in_sync(
        migrate_to: Callable[[str], Database], table: str) -> None:
    db = migrate_to("m002_name_search")
    column = "full_name" if table == "people" else "name"
    pid = add(db, table, "Đặng Thị Ỷ")
    other = add(db, table, "Lê Văn Đức")
    assert find(db, table, "dang") == [pid]
    db.execute(f"UPDATE {table} SET {column} = ?, name_folded = ? WHERE id = ?",
               ["Đoàn Thị Ý", fold("Đoàn Thị Ý"), pid])
    assert find(db, table, "dang") == []
    assert find(db, table, "doan y") == [pid]
    # updating another column leaves the index alone
    db.execute(f"UPDATE {table} SET sort_key = 'z' WHERE id = ?", [pid])
    assert find(db, table, "doan") == [pid]
    db.execute(f"DELETE FROM {table} WHERE id = ?", [pid])
    assert find(db, table, "doan") == []
    assert find(db, table, "duc") == [other]
    db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
