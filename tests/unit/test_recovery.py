"""What a killed process leaves is put right when the profile opens (operations.recovery):
temporary files and folders of dead processes go, those of running ones stay, and a file
named but never recorded (the intent marker says so) is removed."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desktop.core import files
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import profiles, recovery
from desktop.core.store import open_store
from desktop.core.store import packages as pkg_repo


def dead_pid() -> int:
    """The id of a process that has just ended."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(proc.stdout)
    assert not files.process_alive(pid)
    return pid


@pytest.fixture
def profile(tmp_path: Path) -> tuple[Path, str]:
    unit = Unit(name="UBND xã Tân Lập", kind=UnitKind.XA, superior_body="UBND huyện",
                doc_code="UBND", place_name="Tân Lập", head_name="Hà Văn Bình",
                head_title="Chủ tịch", officer_name="Lê Thị Thu", officer_title="Công chức",
                code="XTL01")
    info, store = profiles.create_profile(tmp_path / "data", unit, "Cán bộ")
    store.close()
    return tmp_path / "data", info.id


def test_process_alive() -> None:
    assert files.process_alive(os.getpid())
    assert not files.process_alive(dead_pid())


def test_temporary_names_carry_the_process_id(tmp_path: Path) -> None:
    target = tmp_path / "HSKT_X_HS-1_r1.zip"
    with files.atomic_path(target) as tmp:
        assert tmp.name.startswith(f".{target.name}.{os.getpid()}.")
        assert tmp.name.endswith(".part")
        tmp.write_bytes(b"x")
        assert files.stale_parts(tmp_path) == []      # this process is alive
    with files.temp_dir("export") as folder:
        assert Path(folder).name.startswith(f"hoso-export-{os.getpid()}-")


def test_leftovers_of_dead_processes_are_removed_at_open(profile: tuple[Path, str]) -> None:
    data, pid_name = profile
    folder = data / "profiles" / pid_name
    dead = dead_pid()
    (folder / "exports").mkdir()
    (folder / "backups").mkdir(exist_ok=True)
    stale = [folder / "exports" / f".HSKT_X_HS-1_r1.zip.{dead}.ab12_cd3.part",
             folder / "backups" / f".hoso-2026-daily.sqlite.{dead}.part",
             data / f".settings.json.{dead}.zz9_q1w2.part"]
    alive = folder / "exports" / f".HSKT_X_HS-1_r2.zip.{os.getpid()}.ab12_cd3.part"
    legacy_old = folder / ".receiving-abc123.part"
    legacy_new = folder / ".receiving-def456.part"
    for path in (*stale, alive, legacy_old, legacy_new):
        path.write_bytes(b"half")
    old = time.time() - 2 * files.LEGACY_PART_AGE
    os.utime(legacy_old, (old, old))
    temp = Path(tempfile.mkdtemp(prefix=f"hoso-export-{dead}-"))
    (temp / "to_trinh.pdf").write_bytes(b"%PDF personal data")
    profiles.open_profile(data, pid_name).close()
    assert not any(p.exists() for p in (*stale, legacy_old, temp))
    assert alive.exists() and legacy_new.exists()


def test_an_unrecorded_package_named_by_a_killed_export_is_removed(
        profile: tuple[Path, str]) -> None:
    data, pid_name = profile
    exports = data / "profiles" / pid_name / "exports"
    exports.mkdir()
    dead = dead_pid()
    unrecorded = exports / "HSKT_XTL01_HS-1_r1.zip"
    printed = exports / "HSKT_XTL01_HS-1_r1_to_trinh_in.pdf"
    recorded = exports / "HSKT_XTL01_HS-1_r2.zip"
    for path in (unrecorded, printed, recorded):
        path.write_bytes(b"PK")
    for path in (unrecorded, recorded):
        (exports / f".{path.name}.{dead}.intent").write_bytes(b"")
    store = open_store(data / "profiles" / pid_name / profiles.DB_NAME)   # no recovery yet
    try:
        with store.write() as db:   # as if the second export had committed before the kill
            round_id = db["rounds"].insert({"kind": "cong_trang", "year": 2026,
                                            "name": "Năm 2026", "deadline": "2026-12-01",
                                            "created_at": "x"}, alter=False).last_pk
        with store.write() as db:
            pkg_repo.insert_exported_package(db, round_id, "HS-1", 2, recorded.name,
                                             "ab" * 32, "0123456789ABCDEF")
        removed = recovery.recover_profile(store, data).removed
    finally:
        store.close()
    assert set(removed) == {unrecorded, printed}
    assert recorded.exists() and not list(exports.glob("*.intent"))
