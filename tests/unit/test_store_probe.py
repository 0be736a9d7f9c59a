"""store/probe.py: the SQLite looks that moved out of selftest.py and operations/profiles.py."""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import Unit, UnitKind
from desktop.core.store import open_store, probe
from desktop.core.store import registry as repo
from desktop.core.store.migrations import known_names


def test_fts5_finds_a_prefix() -> None:
    hits, version = probe.fts5_hits()
    assert hits == 1 and version.count(".") == 2


def test_schema_version_and_tables(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.sqlite", create=True)
    try:
        assert probe.schema_version(store) == len(known_names())
        assert {"people", "collectives", "audit_log"} <= probe.table_names(store)
    finally:
        store.close()


def test_peek_unit_name_reads_without_opening_the_profile(tmp_path: Path) -> None:
    folder = tmp_path / "dữ liệu #1 50%"      # '#' and '%' must not cut the URI short
    folder.mkdir()
    path = folder / "hoso.sqlite"
    store = open_store(path, create=True)
    try:
        assert probe.peek_unit_name(path) is None   # no unit yet
        with store.write() as db:
            repo.save_unit(db, Unit("UBND xã Thanh Sơn", UnitKind.XA, "UBND tỉnh Phú Thọ",
                                    "UBND", "Thanh Sơn", "Hà Văn Thắng", "Chủ tịch",
                                    "Nguyễn Thị Thu Hà", "Công chức"))
        assert probe.peek_unit_name(path) == "UBND xã Thanh Sơn"
    finally:
        store.close()
    garbage = tmp_path / "not-a-db.sqlite"
    garbage.write_bytes(b"this is not SQLite")
    assert probe.peek_unit_name(garbage) is None
    assert probe.peek_unit_name(tmp_path / "missing.sqlite") is None
