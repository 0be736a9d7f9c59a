"""Drafts (operations.drafts): written atomically and privately, offered back only when the
app that wrote them no longer runs (a kill -9 included), removed on discard, and read as
hostile files."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop.core.locks import HeldLock, is_held
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import drafts, profiles, recovery

NOW = datetime(2026, 11, 23, 14, 32, tzinfo=timezone(timedelta(hours=7)))
VALUES = {"full_name": "Nguyễn Thị Hoà", "tabs.years": [{"year": "2026", "rating": "htxs"}]}


def test_a_draft_round_trips_and_is_private(tmp_path: Path) -> None:
    session = drafts.DraftSession(tmp_path / "drafts")
    path = session.save("person.12", "Nguyễn Thị Hoà – sửa thông tin", VALUES, NOW)
    assert path == tmp_path / "drafts" / "person.12.json"
    got = session.get("person.12")
    assert got is not None and got.values == VALUES and got.saved_at == NOW
    assert got.kind == "person" and got.parts == ("12",) and got.session == session.id
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert list(path.parent.glob("*.part")) == []
    session.discard("person.12")
    assert session.get("person.12") is None
    session.discard("person.12")   # twice: nothing to do
    session.close()


def test_own_drafts_are_not_orphans_and_a_closed_sessions_are(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    first = drafts.DraftSession(folder)
    first.save("report.7", "Báo cáo thành tích – Lê Văn Ảnh", {"thanh_tich": "Đã làm"}, NOW)
    second = drafts.DraftSession(folder)
    assert first.orphans() == [] and second.orphans() == []   # its writer still runs
    assert second.orphan("report.7") is None
    first.close()            # the app ended (or crashed) with the draft still there
    (orphan,) = second.orphans()
    assert orphan.key == "report.7" and orphan.values == {"thanh_tich": "Đã làm"}
    assert second.orphan("report.7") == orphan
    second.close()


def test_newest_orphan_first(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    old = drafts.DraftSession(folder)
    old.save("person.new", "Thêm người", {}, NOW)
    old.save("collective.3", "Tổ dân phố 5", {}, NOW + timedelta(minutes=5))
    old.close()
    now = drafts.DraftSession(folder)
    assert [d.key for d in now.orphans()] == ["collective.3", "person.new"]
    now.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_writer_leaves_a_draft_that_is_offered(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    script = (
        "import os, signal, sys\n"
        "from datetime import datetime\n"
        "from pathlib import Path\n"
        "from desktop.core.operations.drafts import DraftSession\n"
        "s = DraftSession(Path(sys.argv[1]))\n"
        "s.save('person.5', 'Đặng Thị Ỷ', {'full_name': 'Đặng Thị Ỷ'},"
        " datetime.now().astimezone())\n"
        "print(s.id, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    killed = proc.stdout.strip()
    lock = folder / f".session-{killed}.lock"
    assert lock.exists() and not is_held(lock)     # the system released its lock
    session = drafts.DraftSession(folder)
    (orphan,) = session.orphans()
    assert orphan.session == killed and orphan.values == {"full_name": "Đặng Thị Ỷ"}
    session.close()


def test_a_held_lock_is_seen_as_held_and_released(tmp_path: Path) -> None:
    path = tmp_path / ".session-0123456789abcdef.lock"
    lock = HeldLock(path)
    assert is_held(path)
    with pytest.raises(OSError):
        HeldLock(path)           # a second holder is refused
    lock.release()
    assert not path.exists() and not is_held(path)


@pytest.mark.parametrize("content", [
    b"", b"{", b"[]", b'{"format": "x"}', b"\xff\xfe",
    json.dumps({"format": drafts.FORMAT, "key": "../../etc", "title": "", "saved_at": "x",
                "session": "0" * 16, "values": {}}).encode(),
    json.dumps({"format": drafts.FORMAT, "key": "person.1", "title": "t",
                "saved_at": "2026-01-01T00:00:00", "session": "zz", "values": {}}).encode(),
    json.dumps({"format": drafts.FORMAT, "key": "person.1", "title": "t",
                "saved_at": "hôm qua", "session": "0" * 16, "values": {}}).encode(),
    json.dumps({"format": drafts.FORMAT, "key": "person.1", "title": "t",
                "saved_at": "2026-01-01T00:00:00", "session": "0" * 16, "values": []}).encode(),
    b'{"format": "hoso-draft/1", "key": "person.1", "key": "person.2"}',
    b'{"values": NaN}',
])
def test_damaged_or_foreign_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "person.1.json").write_bytes(content)
    session = drafts.DraftSession(folder)
    assert session.orphans() == [] and session.get("person.1") is None
    session.close()


def test_a_draft_under_another_name_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    writer = drafts.DraftSession(folder)
    writer.save("person.1", "A", {}, NOW)
    writer.close()
    os.replace(folder / "person.1.json", folder / "unit.json")   # key and name disagree
    reader = drafts.DraftSession(folder)
    assert reader.orphans() == []
    reader.close()


def test_too_large_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "drafts"
    writer = drafts.DraftSession(folder)
    writer.save("person.1", "A", {"x": "y" * 200}, NOW)
    writer.close()
    monkeypatch.setattr(drafts, "MAX_DRAFT_BYTES", 100)
    reader = drafts.DraftSession(folder)
    assert reader.orphans() == []
    reader.close()


def test_bad_keys_are_refused(tmp_path: Path) -> None:
    session = drafts.DraftSession(tmp_path / "drafts")
    for key in ("", "Person.1", "person/1", "..", "person..1", "a" * 40, "person.1.2.3.4"):
        with pytest.raises(ValueError):
            session.save(key, "t", {}, NOW)
    session.close()


def test_profile_open_removes_dead_session_locks_and_keeps_their_drafts(tmp_path: Path,
                                                                         monkeypatch) -> None:
    unit = Unit(name="UBND xã Tân Lập", kind=UnitKind.XA, superior_body="UBND huyện",
                doc_code="UBND", place_name="Tân Lập", head_name="Hà Văn Bình",
                head_title="Chủ tịch", officer_name="Lê Thị Thu", officer_title="Công chức",
                code="XTL01")
    info, store = profiles.create_profile(tmp_path, unit, "Cán bộ")
    folder = drafts.drafts_folder(store)
    dead = drafts.DraftSession(folder)
    dead.save("unit", "Thông tin đơn vị", {"name": "UBND xã Tân Lập mới"}, NOW)
    dead_lock = folder / f".session-{dead.id}.lock"
    assert dead._lock is not None
    dead._lock.release(remove=False)          # killed: the lock file stays, unlocked
    live = drafts.DraftSession(folder)
    live_lock = folder / f".session-{live.id}.lock"
    (folder / ".person.1.json.999999999.abc.part").write_bytes(b"{")   # a dead writer's temp
    store.close()
    monkeypatch.setattr(drafts, "YOUNG_LOCK_SECONDS", 0)
    time.sleep(0.01)
    store = profiles.open_profile(tmp_path, info.id)
    assert not dead_lock.exists() and live_lock.exists()
    assert not list(folder.glob("*.part"))
    assert [d.key for d in live.orphans()] == ["unit"]     # the draft itself is kept
    result = recovery.recover_profile(store)
    assert result.removed == ()
    live.close()
    store.close()
