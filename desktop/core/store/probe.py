"""Looks at SQLite that need no open profile: whether this SQLite has FTS5 (the installation
check, `hoso selftest`), a profile's schema version and tables, and a profile's unit name read
without opening it for writing (the profile list)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.store.database import Store


def fts5_hits() -> tuple[int, str]:
    """Search a one-row FTS5 table in memory for a prefix: (rows found, SQLite version).
    A complete SQLite finds 1."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(name, tokenize='unicode61')")
        conn.execute("INSERT INTO t(name) VALUES ('dang thi y')")
        hits = int(conn.execute("SELECT count(*) FROM t WHERE t MATCH 'dang*'").fetchone()[0])
    finally:
        conn.close()
    return hits, sqlite3.sqlite_version


def schema_version(store: Store) -> int:
    """PRAGMA user_version: the number of migrations applied (kept for outside tools)."""
    return int(store.conn.execute("PRAGMA user_version").fetchone()[0])


def table_names(store: Store) -> set[str]:
    return set(store.db.table_names())


def peek_unit_name(path: Path) -> str | None:
    """The unit's name without opening the profile for writing (no migration, no lock);
    None if the file cannot be read as a profile."""
    try:
        # as_uri() percent-encodes: '#', '?' or '%' in the data dir would cut a raw URI short
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT name FROM unit WHERE id = 1").fetchone()
        finally:
            conn.close()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
