"""store.facts.scan_concurrently: two reads on two connections, or one after the other when a
second connection could not see what this one sees."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlite_utils import Database

from desktop.core.model import Person
from desktop.core.store import Store, open_store
from desktop.core.store import facts as q
from desktop.core.store import registry as repo


def _count(db: Database) -> tuple[int, str]:
    return db.execute("SELECT count(*) FROM people").fetchone()[0], threading.current_thread().name


def test_the_other_read_runs_in_a_thread_on_its_own_connection(store: Store) -> None:
    with store.write() as db:
        repo.insert_people(db, [Person(None, "Nguyễn Văn An"), Person(None, "Trần Thị Bình")])
    (n_other, where_other), (n_here, where_here) = q.scan_concurrently(store.db, _count, _count)
    assert (n_other, n_here) == (2, 2)
    assert where_other.startswith("hoso-scan") and where_here == threading.current_thread().name


def test_inside_a_write_both_reads_see_the_uncommitted_rows(store: Store) -> None:
    with store.write() as db:
        repo.insert_people(db, [Person(None, "Lê Văn Cường")])
        (n_other, where_other), (n_here, _w) = q.scan_concurrently(db, _count, _count)
        assert (n_other, n_here) == (1, 1)
        assert where_other == threading.current_thread().name  # no second connection


def test_a_database_without_a_file_reads_on_its_own_connection(tmp_path: Path) -> None:
    memory = Database(memory=True)
    memory.execute("CREATE TABLE people (id INTEGER PRIMARY KEY)")
    (n_other, where_other), _here = q.scan_concurrently(memory, _count, _count)
    assert n_other == 0 and where_other == threading.current_thread().name


def test_a_path_with_vietnamese_letters_and_spaces(tmp_path: Path) -> None:
    opened = open_store(tmp_path / "Hồ sơ xã Tân Lập" / "đơn vị.sqlite", create=True)
    try:
        with opened.write() as db:
            repo.insert_people(db, [Person(None, "Phạm Thị Dung")])
        (n_other, where_other), _here = q.scan_concurrently(opened.db, _count, _count)
        assert n_other == 1 and where_other.startswith("hoso-scan")
    finally:
        opened.close()
