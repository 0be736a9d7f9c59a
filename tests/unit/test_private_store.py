"""The store is private: on POSIX the folders the app makes are 0700 and the database, its
WAL and shared-memory files, backups, settings.json and logs are 0600, whatever the umask and
whatever an older version left. On Windows the user's profile folder protects them and no
chmod is attempted (nothing may fail there)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import files
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import profiles
from desktop.core.operations.registry import save_unit

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask, so a 0600 can only come from the app."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def unit() -> Unit:
    return Unit(name="UBND xã Tân Lập", kind=UnitKind.XA, superior_body="UBND huyện",
                doc_code="UBND", place_name="Tân Lập", head_name="Hà Văn Bình",
                head_title="Chủ tịch", officer_name="Lê Thị Thu", officer_title="Công chức",
                code="XTL01")


@posix_only
def test_a_new_profile_is_private(tmp_path: Path, open_umask: None) -> None:
    data_dir = tmp_path / "hoso-data"
    info, store = profiles.create_profile(data_dir, unit(), "Cán bộ")
    try:
        save_unit(store, unit(), "Cán bộ")        # a write: SQLite makes -wal and -shm now
        store.backup("manual")
        db = info.path
        wal, shm = db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")
        assert wal.exists() and shm.exists()
        for folder in (data_dir, data_dir / "profiles", db.parent, db.parent / "backups"):
            assert mode(folder) == 0o700, folder
        backups = list((db.parent / "backups").iterdir())
        assert backups
        for path in (db, wal, shm, data_dir / "settings.json", *backups):
            assert mode(path) == 0o600, path
    finally:
        store.close()


@posix_only
def test_an_older_world_readable_profile_is_made_private_when_opened(
        tmp_path: Path, open_umask: None) -> None:
    data_dir = tmp_path / "d"
    info, store = profiles.create_profile(data_dir, unit(), "Cán bộ")
    store.backup("manual")
    store.close()
    db = info.path
    old_backup = next((db.parent / "backups").iterdir())
    for path in (db, old_backup, data_dir / "settings.json"):
        os.chmod(path, 0o644)
    for folder in (db.parent, db.parent / "backups", data_dir / "profiles"):
        os.chmod(folder, 0o755)
    store = profiles.open_profile(data_dir, info.id)
    try:
        for folder in (db.parent, db.parent / "backups", data_dir / "profiles"):
            assert mode(folder) == 0o700, folder
        for path in (db, old_backup, db.with_name(db.name + "-wal"), data_dir / "settings.json"):
            assert mode(path) == 0o600, path
    finally:
        store.close()


@posix_only
def test_logs_are_private_also_after_rollover(tmp_path: Path, open_umask: None) -> None:
    folder = files.private_dir(tmp_path / "data" / "logs")
    handler = files.PrivateRotatingFileHandler(folder / "hoso.log", maxBytes=200,
                                               backupCount=2, encoding="utf-8")
    log = logging.getLogger("hoso.test-private")
    log.addHandler(handler)
    try:
        for n in range(20):
            log.error("Nguyễn Thị Ánh, CCCD 0010%08d", n)
    finally:
        log.removeHandler(handler)
        handler.close()
    logs = sorted(folder.iterdir())
    assert len(logs) == 3                       # hoso.log, .1, .2: rollover happened
    assert mode(folder) == 0o700 and mode(tmp_path / "data") == 0o700
    assert all(mode(p) == 0o600 for p in logs), [(p.name, oct(mode(p))) for p in logs]


@posix_only
def test_an_existing_folder_the_officer_chose_is_left_as_it_is(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    profiles.check_data_dir(chosen)
    assert mode(chosen) == 0o755


def test_without_posix_modes_nothing_is_chmodded_and_nothing_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What Windows does: the helpers skip chmod entirely (a chmod here would fail)."""
    def no_chmod(*args: object, **kwargs: object) -> None:
        raise AssertionError("chmod on a platform without POSIX modes")

    monkeypatch.setattr(files, "POSIX", False)
    monkeypatch.setattr(os, "chmod", no_chmod)
    info, store = profiles.create_profile(tmp_path / "w", unit(), "Cán bộ")
    try:
        save_unit(store, unit(), "Cán bộ")
        store.backup("manual")
    finally:
        store.close()
    profiles.open_profile(tmp_path / "w", info.id).close()


@posix_only
def test_a_file_system_refusing_chmod_does_not_stop_the_officer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FAT stick or a network share may refuse chmod: the data still opens."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    info, store = profiles.create_profile(tmp_path / "fat", unit(), "Cán bộ")
    store.close()
    profiles.open_profile(tmp_path / "fat", info.id).close()
