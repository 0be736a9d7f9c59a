"""has_temp_table: the store learns whether a connection made its temporary table without
running a statement that fails (a failing statement's error class is unreliable while a
worker thread shares the connection)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.store.database import Reader, has_temp_table
from desktop.core.store.registry import set_id_filter


def test_only_this_connections_temporary_tables_count(tmp_path: Path) -> None:
    path = tmp_path / "hoso.sqlite"
    first, second = sqlite3.connect(path), sqlite3.connect(path)
    first.execute("CREATE TABLE people_filter_on (on_ INTEGER)")  # a main table: not it
    assert not has_temp_table(Reader(first), "people_filter_on")
    first.execute("CREATE TEMP TABLE people_filter_on (on_ INTEGER)")
    assert has_temp_table(Reader(first), "people_filter_on")
    assert not has_temp_table(Reader(second), "people_filter_on")


def test_the_list_filter_is_off_until_set_and_on_after(tmp_path: Path) -> None:
    from desktop.core.store.registry import _filter_active

    conn = sqlite3.connect(tmp_path / "hoso.sqlite")
    reader = Reader(conn)
    assert not _filter_active(reader, "people")
    set_id_filter(reader, "people", [1, 2])
    assert _filter_active(reader, "people")
    set_id_filter(reader, "people", None)
    assert not _filter_active(reader, "people")
