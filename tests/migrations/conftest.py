"""Migration-tier helpers: a database brought up to (but not past) a given migration."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.core.store.migrations import MIGRATIONS, known_names


def upto(db: Database, last: str) -> None:
    """Apply every migration up to and including `last`, nothing after it."""
    names = known_names()
    after = names[names.index(last) + 1:]
    MIGRATIONS.apply(db, stop_before=after[0] if after else None)


@pytest.fixture
def raw_db(tmp_path: Path) -> Iterator[Database]:
    db = Database(tmp_path / "m.sqlite")
    db.execute("PRAGMA foreign_keys = ON")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def migrate_to(raw_db: Database) -> Callable[[str], Database]:
    def apply(last: str) -> Database:
        upto(raw_db, last)
        return raw_db
    return apply
