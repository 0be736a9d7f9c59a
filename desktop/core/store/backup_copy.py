"""A consistent copy of a profile database, and what a copy read from outside says about
itself: whether SQLite finds it whole, which migrations it has, how much it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.store.database import Store


def snapshot(store: Store, target: Path) -> None:
    """Copy the open database into `target` through SQLite's online backup API (consistent
    while WAL is in use; the copy is a single self-contained file)."""
    dest = sqlite3.connect(target)
    try:
        store.conn.backup(dest)
    finally:
        dest.close()


def inspect(path: Path) -> tuple[str, list[str], dict[str, int]]:
    """(SQLite's integrity verdict, "ok" when whole; the migrations applied; row counts of
    the tables an officer recognises) of a database file, opened read-only."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        verdict = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        if verdict != "ok":
            return verdict, [], {}
        names = []
        if _has(conn, "_sqlite_migrations"):
            names = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations ORDER BY id")]
        counts = {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                  for table in ("people", "collectives", "rounds", "nominations")
                  if _has(conn, table)}
        return verdict, names, counts
    finally:
        conn.close()


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [table]).fetchone() is not None


def is_open(store: Store) -> bool:
    """Whether the store's connection still answers (False once closed)."""
    try:
        store.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True
