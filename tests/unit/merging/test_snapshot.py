"""A former unit's database is read, never written: an in-memory copy, migrated there if it
is older, refused if it is newer, not a database, damaged or this very registry."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.operations.merging import load_database, resolve_database
from desktop.core.store import Store, open_store
from desktop.core.store.migrations import MIGRATIONS
from desktop.core.store.snapshot import open_snapshot
from tests.unit.merging.helpers import add, commune


def _fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_source_is_never_written(tmp_path: Path, catalog: Catalog, store: Store) -> None:
    info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    add(source, catalog, "Lê Văn Tám")
    source.close()  # its app closed: WAL checkpointed, no -wal/-shm left
    before = _fingerprint(tmp_path / "b")
    registry = load_database(store, tmp_path / "b")
    assert [p.name for p in registry.people] == ["Lê Văn Tám"]
    assert registry.unit is not None and registry.unit.code == "PT-TANLAP"
    assert registry.profile_id == info.id
    assert _fingerprint(tmp_path / "b") == before


def test_a_source_open_in_its_own_app_is_read_consistently(tmp_path: Path, catalog: Catalog,
                                                           store: Store) -> None:
    _info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    try:
        add(source, catalog, "Lê Văn Tám")  # still in the -wal file
        registry = load_database(store, tmp_path / "b")
        assert [p.name for p in registry.people] == ["Lê Văn Tám"]
    finally:
        source.close()


def test_a_read_only_source_folder_is_read(tmp_path: Path, catalog: Catalog,
                                           store: Store) -> None:
    info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    add(source, catalog, "Lê Văn Tám")
    source.close()
    folder = info.path.parent
    folder.chmod(0o555)
    info.path.chmod(0o444)
    try:
        registry = load_database(store, info.path)
    finally:
        folder.chmod(0o755)
    assert len(registry.people) == 1


def test_an_older_source_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m013_former_units")
    db.execute("INSERT INTO unit (id, name, kind, doc_code, updated_at) "
               "VALUES (1, 'Ủy ban nhân dân xã Tân Lập', 'xa', 'UBND', 'x')")
    db.conn.commit()
    db.close()
    snap = open_snapshot(path)
    try:
        assert snap.db["former_units"].exists()
    finally:
        snap.close()
    assert not Database(path)["former_units"].exists()


def test_a_newer_source_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite", create=True)
    store.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('hoso', 'm999_from_the_future', '2030-01-01')")
    store.db.conn.commit()
    store.close()
    with pytest.raises(UserError) as refused:
        open_snapshot(tmp_path / "new.sqlite")
    assert refused.value.code == "merge.source_too_new"


@pytest.mark.parametrize(("content", "code"), [
    (b"PK\x03\x04 not a database at all", "merge.source_not_database"),
    (b"SQLite format 3\x00" + b"\xff" * 5000, "merge.source_unreadable"),
])
def test_what_is_not_a_registry_is_refused(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "hoso.sqlite"
    path.write_bytes(content)
    with pytest.raises(UserError) as refused:
        open_snapshot(path)
    assert refused.value.code == code


def test_a_plain_sqlite_file_is_not_a_registry(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError) as refused:
        open_snapshot(path)
    assert refused.value.code == "merge.source_not_database"


def test_a_damaged_page_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    _info, source = commune(tmp_path / "b", "Tân Lập", "PT-TANLAP")
    for n in range(300):
        add(source, catalog, f"Người Thứ {chr(65 + n % 26)}{chr(65 + n // 26)}")
    path = source.path
    root = source.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'"
                             ).fetchone()[0]
    size = source.db.execute("PRAGMA page_size").fetchone()[0]
    source.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start:start + 64] = b"\x07" * 64  # the people table's root page scribbled over
    path.write_bytes(bytes(data))
    with pytest.raises(UserError) as refused:
        open_snapshot(path)
    assert refused.value.code in ("merge.source_damaged", "merge.source_unreadable")


def test_the_open_registry_is_not_merged_with_itself(tmp_path: Path) -> None:
    info, target = commune(tmp_path / "a", "Thanh Sơn", "PT-THANHSON")
    try:
        with pytest.raises(UserError) as refused:
            load_database(target, tmp_path / "a")
        assert refused.value.code == "merge.same_database"
    finally:
        target.close()
    assert info.path.is_file()


def test_which_profile_of_a_data_dir(tmp_path: Path) -> None:
    for place, code in (("Tân Lập", "PT-TANLAP"), ("Đồng Lạc", "PT-DONGLAC")):
        _info, s = commune(tmp_path / "b", place, code)
        s.close()
    with pytest.raises(UserError) as refused:
        resolve_database(tmp_path / "b")
    assert refused.value.code == "merge.source_profile_ambiguous"
    assert "uy-ban-nhan-dan-xa-tan-lap" in refused.value.message
    path, profile = resolve_database(tmp_path / "b", "uy-ban-nhan-dan-xa-tan-lap")
    assert profile == "uy-ban-nhan-dan-xa-tan-lap" and path.is_file()
    assert resolve_database(path.parent) == (path, "uy-ban-nhan-dan-xa-tan-lap")
    with pytest.raises(UserError) as missing:
        resolve_database(tmp_path / "nowhere")
    assert missing.value.code == "merge.source_missing"
