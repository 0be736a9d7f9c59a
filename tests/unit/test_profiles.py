"""Unit profiles on disk: create, list, open with a daily backup, settings, restore."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from desktop.core.errors import StoreUnreadable, UserError, ValidationError
from desktop.core.model import Person, Unit, UnitKind
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.core.store import Store, backups_of, open_store
from desktop.core.store import registry as repo

ACTOR = "Nguyễn Thị Thu"


def unit(name: str = "UBND xã Tân Phú") -> Unit:
    return Unit(name=name, kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name=ACTOR, officer_title="Công chức")


def test_create_profile_lays_out_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    info, store = profiles.create_profile(data, unit(), ACTOR)
    try:
        assert info.id == "ubnd-xa-tan-phu"
        assert info.path == data / "profiles" / "ubnd-xa-tan-phu" / "hoso.sqlite"
        assert info.unit_name == "UBND xã Tân Phú"
        assert store.path == info.path and info.path.is_file()
        saved = ops.get_unit(store)
        assert saved is not None and saved.head_name == "Trần Văn Bình"
        assert ops.audit_entries(store)[0]["actor"] == ACTOR
    finally:
        store.close()
    assert profiles.read_settings(data) == {"last_profile": "ubnd-xa-tan-phu"}


def test_same_unit_name_gets_a_new_folder(tmp_path: Path) -> None:
    first, s1 = profiles.create_profile(tmp_path, unit(), ACTOR)
    second, s2 = profiles.create_profile(tmp_path, unit("UBND xã  Tân Phú"), ACTOR)
    s1.close()
    s2.close()
    assert (first.id, second.id) == ("ubnd-xa-tan-phu", "ubnd-xa-tan-phu-2")
    assert first.path != second.path


def test_create_profile_validates_before_touching_the_disk(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = Unit(name="", kind=UnitKind.XA, superior_body="", doc_code="", place_name="",
               head_name="", head_title="", officer_name="", officer_title="")
    with pytest.raises(ValidationError) as info:
        profiles.create_profile(data, bad, ACTOR)
    assert len(info.value.problems) == 5
    assert not data.exists()


def test_create_profile_in_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("x", "utf-8")
    with pytest.raises(UserError, match="không phải là thư mục"):
        profiles.create_profile(data, unit(), ACTOR)
    assert data.read_text("utf-8") == "x"


@pytest.mark.parametrize("folder", ["dữ liệu", "data #2", "100% dữ liệu", "a?b"])
def test_list_profiles_reads_unit_names(tmp_path: Path, folder: str) -> None:
    data = tmp_path / folder
    for name in ("UBND xã Tân Phú", "Trường THCS Lê Quý Đôn"):
        _, store = profiles.create_profile(data, unit(name), ACTOR)
        store.close()
    (data / "profiles" / "empty-folder").mkdir()
    listed = profiles.list_profiles(data)
    assert [(p.id, p.unit_name) for p in listed] == [
        ("truong-thcs-le-quy-don", "Trường THCS Lê Quý Đôn"),
        ("ubnd-xa-tan-phu", "UBND xã Tân Phú"),
    ]
    assert profiles.list_profiles(tmp_path / "absent") == []


def test_list_profiles_survives_a_damaged_profile(tmp_path: Path) -> None:
    info, store = profiles.create_profile(tmp_path, unit(), ACTOR)
    store.close()
    info.path.write_bytes(b"not a database at all" * 100)
    assert [(p.id, p.unit_name) for p in profiles.list_profiles(tmp_path)] == [
        (info.id, info.id)]


def test_open_profile_makes_one_daily_backup(tmp_path: Path) -> None:
    info, store = profiles.create_profile(tmp_path, unit(), ACTOR)
    store.close()
    assert backups_of(info.path) == []
    store = profiles.open_profile(tmp_path, info.id)
    store.close()
    backups = backups_of(info.path)
    assert len(backups) == 1 and "daily" in backups[0].name
    store = profiles.open_profile(tmp_path, info.id)
    store.close()
    assert backups_of(info.path) == backups
    # a day later, another one
    old = time.time() - profiles.DAILY_BACKUP_SECONDS - 60
    os.utime(backups[0], (old, old))
    store = profiles.open_profile(tmp_path, info.id)
    store.close()
    assert len(backups_of(info.path)) == 2
    assert profiles.read_settings(tmp_path)["last_profile"] == info.id


def test_open_profile_when_the_backup_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk must not stop the officer from opening their data."""
    info, store = profiles.create_profile(tmp_path, unit(), ACTOR)
    with store.write() as db:
        repo.insert_person(db, Person(None, "Đặng Thị Ỷ"))
    store.close()

    def full(self: Store, reason: str = "manual") -> Path:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "backup", full)
    store = profiles.open_profile(tmp_path, info.id)
    try:
        assert ops.count_people(store) == 1
    finally:
        store.close()


def test_failed_backup_leaves_no_partial_file(tmp_path: Path) -> None:
    from desktop.core.store.database import backup_copy

    class DiskFillsUp:
        def backup(self, dest: sqlite3.Connection) -> None:
            dest.execute("CREATE TABLE half_written (x)")
            dest.commit()
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        backup_copy(DiskFillsUp(), tmp_path / "unit.sqlite", "manual")  # type: ignore[arg-type]
    assert list((tmp_path / "backups").iterdir()) == []


def test_open_missing_profile(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không tìm thấy"):
        profiles.open_profile(tmp_path, "khong-co")


def test_settings_are_written_atomically(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    profiles.write_settings(tmp_path, last_profile="a", language="vi")
    profiles.write_settings(tmp_path, language="en")
    assert profiles.read_settings(tmp_path) == {"last_profile": "a", "language": "en"}
    before = (tmp_path / "settings.json").read_bytes()

    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        profiles.write_settings(tmp_path, last_profile="b")
    monkeypatch.undo()
    assert (tmp_path / "settings.json").read_bytes() == before
    assert profiles.read_settings(tmp_path)["last_profile"] == "a"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_damaged_settings_are_ignored(tmp_path: Path, content: str) -> None:
    (tmp_path / "settings.json").write_text(content, "utf-8")
    assert profiles.read_settings(tmp_path) == {}
    profiles.write_settings(tmp_path, language="vi")
    assert json.loads((tmp_path / "settings.json").read_text("utf-8")) == {"language": "vi"}


def _damaged_profile(tmp_path: Path) -> tuple[Path, Path, bytes]:
    info, store = profiles.create_profile(tmp_path, unit(), ACTOR)
    with store.write() as db:
        repo.insert_person(db, Person(None, "Đặng Thị Ỷ"))
    backup = store.backup("manual")
    store.close()
    damaged = os.urandom(4096)
    info.path.write_bytes(damaged)
    return info.path, backup, damaged


def test_restore_backup_keeps_the_damaged_file(tmp_path: Path) -> None:
    path, backup, damaged = _damaged_profile(tmp_path)
    with pytest.raises(StoreUnreadable) as info:
        open_store(path)
    assert info.value.backups == [backup]
    kept = profiles.restore_backup(path, info.value.backups[0])
    assert kept.read_bytes() == damaged
    assert kept.parent == path.parent and kept != path
    assert backup.exists()
    store = open_store(path)
    try:
        assert ops.count_people(store, "dang thi y") == 1
    finally:
        store.close()


def test_restoring_twice_in_a_row_keeps_both_previous_files(tmp_path: Path) -> None:
    path, backup, damaged = _damaged_profile(tmp_path)
    first = profiles.restore_backup(path, backup)
    restored = path.read_bytes()
    second = profiles.restore_backup(path, backup)
    assert first != second
    assert first.read_bytes() == damaged
    assert second.read_bytes() == restored


def test_restore_moves_wal_and_shm_aside_too(tmp_path: Path) -> None:
    path, backup, _ = _damaged_profile(tmp_path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).write_bytes(b"stale " + suffix.encode())
    kept = profiles.restore_backup(path, backup)
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"stale -wal"
    assert kept.with_name(kept.name + "-shm").read_bytes() == b"stale -shm"
    store = open_store(path)
    try:
        assert ops.count_people(store) == 1
    finally:
        store.close()


def test_failed_creation_leaves_no_half_made_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Store] = []
    real_open = profiles.open_store

    def tracking_open(path: Path, *, create: bool = False) -> Store:
        store = real_open(path, create=create)
        opened.append(store)
        return store

    def disk_full(store: Store, unit: Unit, actor: str) -> None:
        raise UserError("Không ghi được dữ liệu: ổ đĩa đã đầy. Thay đổi chưa được lưu.")

    monkeypatch.setattr(profiles, "open_store", tracking_open)
    monkeypatch.setattr(profiles, "save_unit", disk_full)
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        profiles.create_profile(tmp_path, unit(), ACTOR)
    assert profiles.list_profiles(tmp_path) == []
    assert list((tmp_path / "profiles").iterdir()) == []
    assert len(opened) == 1
    with pytest.raises(sqlite3.ProgrammingError):
        opened[0].conn.execute("SELECT 1")
    monkeypatch.undo()
    info, store = profiles.create_profile(tmp_path, unit(), ACTOR)
    store.close()
    assert info.id == "ubnd-xa-tan-phu"  # the retry gets the plain id, not "-2"


def test_profile_is_created_and_opened_even_if_settings_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(data_dir: Path, **values: object) -> None:
        raise UserError("Không ghi được dữ liệu: thư mục dữ liệu chỉ cho phép đọc.")

    monkeypatch.setattr(profiles, "write_settings", read_only)
    info, store = profiles.create_profile(tmp_path, unit(), ACTOR)
    store.close()
    assert [p.id for p in profiles.list_profiles(tmp_path)] == [info.id]
    store = profiles.open_profile(tmp_path, info.id)
    try:
        assert ops.get_unit(store) is not None
    finally:
        store.close()
