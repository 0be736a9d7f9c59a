"""Backup to a chosen folder (or USB stick) and restore: the whole profile in one file, read
back and checked after writing; a restore checks everything first, saves the current state,
and keeps the previous profile folder. Refusals are matched by code."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model import History, Person, Unit, UnitKind
from desktop.core.operations import backups, profiles
from desktop.core.operations import registry as reg_ops

UNIT = Unit("Ủy ban nhân dân xã Tân Lập", UnitKind.XA, "", "UBND", "Tân Lập", "Nguyễn Văn Chủ",
            "Chủ tịch", "", "", "default")
TODAY = date(2026, 11, 23)


@pytest.fixture
def profile(tmp_path: Path, catalog: Catalog):  # type: ignore[no-untyped-def]
    _info, store = profiles.create_profile(tmp_path / "data", UNIT, "t")
    reg_ops.add_person(store, catalog, Person(None, "Hoàng Thị Hoa"), History(), "t", TODAY)
    folder = store.path.parent
    (folder / "attachments").mkdir(exist_ok=True)
    (folder / "attachments" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4 scan" * 100)
    (folder / "keys").mkdir(exist_ok=True)
    (folder / "keys" / "AB12.hoso-key").write_text("encrypted key", encoding="utf-8")
    yield store
    store.close()


def code_of(err: pytest.ExceptionInfo[UserError]) -> str:
    return err.value.code


def rewrite(path: Path, change: dict[str, bytes | None]) -> None:
    """The same ZIP with some entries replaced (or removed, for None)."""
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in items:
            if info.filename in change:
                if change[info.filename] is None:
                    continue
                data = change[info.filename] or b""
            zf.writestr(info, data)


def test_backup_holds_the_whole_profile_and_is_checked(profile, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backups.backup_to(profile, usb)
    assert info.path.parent == usb and info.path.name.endswith(".hoso-saoluu.zip")
    assert info.unit_name == UNIT.name and info.counts["people"] == 1
    with zipfile.ZipFile(info.path) as zf:
        names = set(zf.namelist())
    assert {"manifest.json", "hoso.sqlite", "attachments/quyet-dinh.pdf",
            "keys/AB12.hoso-key"} <= names
    assert not any(n.startswith("backups/") for n in names)   # the automatic copies stay out
    assert backups.check_backup(info.path).files == info.files
    assert not list(usb.glob("*.part"))


def test_a_damaged_or_foreign_file_is_refused_before_anything_changes(profile,
                                                                       tmp_path: Path) -> None:
    info = backups.backup_to(profile, tmp_path)
    altered = tmp_path / "altered.zip"
    altered.write_bytes(info.path.read_bytes())
    rewrite(altered, {"attachments/quyet-dinh.pdf": b"%PDF-1.4 something else"})
    with pytest.raises(UserError) as err:
        backups.check_backup(altered)
    assert code_of(err) == "backup.damaged" and "quyet-dinh.pdf" in err.value.message
    missing = tmp_path / "missing.zip"
    missing.write_bytes(info.path.read_bytes())
    rewrite(missing, {"keys/AB12.hoso-key": None})
    with pytest.raises(UserError) as err:
        backups.check_backup(missing)
    assert code_of(err) == "backup.damaged"
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("thu.txt", "không phải bản sao lưu")
    with pytest.raises(UserError) as err:
        backups.check_backup(other)
    assert code_of(err) == "backup.not_a_backup"
    (tmp_path / "rac.zip").write_bytes(b"PK\x03\x04 rubbish")
    with pytest.raises(UserError) as err:
        backups.check_backup(tmp_path / "rac.zip")
    assert code_of(err) in ("backup.damaged", "backup.not_a_backup")


def test_an_unsafe_name_in_the_manifest_is_refused(profile, tmp_path: Path) -> None:
    info = backups.backup_to(profile, tmp_path)
    with zipfile.ZipFile(info.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["files"].append({"path": "../../ngoai.txt", "size": 1, "sha256": "0" * 64})
    rewrite(info.path, {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(UserError) as err:
        backups.check_backup(info.path)
    assert code_of(err) == "backup.damaged"


def test_a_backup_from_a_newer_version_is_refused(profile, tmp_path: Path) -> None:
    info = backups.backup_to(profile, tmp_path)
    with zipfile.ZipFile(info.path) as zf:
        db = zf.read("hoso.sqlite")
        manifest = json.loads(zf.read("manifest.json"))
    copy = tmp_path / "newer.sqlite"
    copy.write_bytes(db)
    conn = sqlite3.connect(copy)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('hoso', 'm999_from_the_future', '')")
    conn.commit()
    conn.close()
    newer = copy.read_bytes()
    import hashlib

    for item in manifest["files"]:
        if item["path"] == "hoso.sqlite":
            item.update(size=len(newer), sha256=hashlib.sha256(newer).hexdigest())
    rewrite(info.path, {"hoso.sqlite": newer,
                        "manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(UserError) as err:
        backups.check_backup(info.path)
    assert code_of(err) == "backup.too_new"


def test_restore_puts_the_backup_back_after_saving_the_current_state(
        profile, tmp_path: Path, catalog: Catalog) -> None:
    data_dir = tmp_path / "data"
    profile_id = profile.path.parent.name
    info = backups.backup_to(profile, tmp_path)
    reg_ops.add_person(profile, catalog, Person(None, "Lê Văn Mới"), History(), "t", TODAY)
    (profile.path.parent / "attachments" / "quyet-dinh.pdf").unlink()
    result = backups.restore(profile, info.path)
    store = profiles.open_profile(data_dir, profile_id)
    try:
        assert [p.full_name for p in reg_ops.people_page(store, "", 0, 10)] == ["Hoàng Thị Hoa"]
        assert (store.path.parent / "attachments" / "quyet-dinh.pdf").is_file()
    finally:
        store.close()
    assert result.safety_copy.is_file()   # the state just before, with "Lê Văn Mới"
    assert backups.check_backup(result.safety_copy).counts["people"] == 2
    assert result.kept.is_dir() and (result.kept / "hoso.sqlite").is_file()


def test_refusals_for_a_missing_folder_and_file(profile, tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        backups.backup_to(profile, tmp_path / "khong-co")
    assert code_of(err) == "backup.no_folder"
    with pytest.raises(UserError) as err:
        backups.check_backup(tmp_path / "khong-co.zip")
    assert code_of(err) == "backup.not_found"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_restored_profile_is_as_private_as_the_store(profile, tmp_path: Path) -> None:
    info = backups.backup_to(profile, tmp_path)
    result = backups.restore(profile, info.path)
    folder = result.kept.with_name(result.kept.name.split(".truoc-khoi-phuc-")[0])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
