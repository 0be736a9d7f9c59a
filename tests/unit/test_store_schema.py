"""store.schema: the start-up's "schema current?" without sqlite-utils, and open_store's two
paths (current: the stdlib connection, sqlite-utils made on first use; else migrate)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.core.errors import StoreTooNew
from desktop.core.store import open_store
from desktop.core.store.schema import schema_is_current
from tests.migrations.conftest import upto


def test_only_exactly_this_apps_migrations_are_current(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite"
    conn = sqlite3.connect(path)
    assert not schema_is_current(conn)  # a new file: no migrations table
    upto(Database(conn), "m013_former_units")
    assert not schema_is_current(conn)  # m017 pending
    conn.close()
    store = open_store(path)  # migrates (the old path)
    assert schema_is_current(store.conn)
    store.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('hoso', 'm999_from_a_newer_app', '2027-01-01')")
    store.conn.commit()
    assert not schema_is_current(store.conn)
    store.close()
    with pytest.raises(StoreTooNew):
        open_store(path)


def test_a_current_profile_opens_without_sqlite_utils_until_asked(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite"
    open_store(path, create=True).close()
    store = open_store(path)
    try:
        assert store._db is None  # the first paint reads through store.reader
        assert store.reader.execute("SELECT count(*) FROM people").fetchone() == (0,)
        assert store.db.conn is store.conn  # made on first use, over the same connection
        with store.write() as db:
            db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, "
                       "updated_at) VALUES ('Đặng Thị Ỷ', 'dang thi y', 'y', 'x', 'x')")
        assert store.reader.execute("SELECT count(*) FROM people").fetchone() == (1,)
    finally:
        store.close()
