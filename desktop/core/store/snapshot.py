"""Another unit's database, read without ever writing to it (a former unit's registry).

The file is opened read-only and copied, through SQLite's online backup API, into memory:
no copy of its personal data stays on disk (when its own app has it open, the file and its
-wal are read from a private temporary copy, deleted at once). The copy's schema is then
brought up to this version's (an older registry), or refused when the file was written by a
newer version. Nothing is ever written to the file, its folder, or a -wal/-shm beside it;
the in-memory copy is discarded on close.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.store.database import SQLITE_MAGIC, Store
from desktop.core.store.migrations import MIGRATIONS, known_names

# A commune's registry is a few megabytes; 100,000 people with ten years of history about
# 150 MB. Anything far larger is not a unit registry, and would be copied into memory.
MAX_SOURCE_BYTES = 1024 * 1024 * 1024


class SnapshotStore(Store):
    """An in-memory copy of another unit's database. Never backed up or written to disk."""

    def backup(self, reason: str = "manual") -> Path:
        raise RuntimeError("a snapshot of another unit's database is never backed up")


def _refused(path: Path, message: str, code: str, hint: str = "", **values: str) -> UserError:
    return UserError(message.format(name=path.name, **values), hint, code=code)


def _read_only(path: Path) -> sqlite3.Connection:
    """The file as it is on disk, without a -wal or -shm file created beside it (a plain
    read-only connection to a WAL database makes both and leaves them there)."""
    # as_uri() percent-encodes '#', '?' and '%' that a folder name may hold
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True,
                           check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read connection to the database at `path` that writes nothing beside it.

    With a -wal file beside it (its app has it open, or stopped without closing it) the
    latest commits are there, not in the file: the two are copied into a private temporary
    folder, read there, and the copies deleted. Otherwise the file is read as immutable.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        with tempfile.TemporaryDirectory(prefix="hoso-merge-") as folder:
            copy = Path(folder) / "source.sqlite"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            conn = sqlite3.connect(copy, check_same_thread=False)
            try:
                yield conn
            finally:
                conn.close()
        return
    conn = _read_only(path)
    try:
        yield conn
    finally:
        conn.close()


def peek_unit_name(path: Path) -> str | None:
    """The unit's name in another database, or None if it cannot be read."""
    try:
        with reading(path) as conn:
            row = conn.execute("SELECT name FROM unit WHERE id = 1").fetchone()
        return str(row[0]) if row else None
    except (sqlite3.Error, OSError):
        return None


def open_snapshot(path: Path) -> SnapshotStore:
    """A consistent in-memory copy of the database at `path`, migrated to this version's
    schema. UserError (with a code) when it is missing, not a database, damaged, too large,
    or written by a newer version of the app."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            magic = fh.read(16)
    except FileNotFoundError as exc:
        raise _refused(path, _("Không tìm thấy cơ sở dữ liệu “{name}”."), "merge.source_missing",
                       _("Hãy chọn thư mục dữ liệu hoặc thư mục hồ sơ của đơn vị cũ.")) from exc
    except OSError as exc:
        raise _refused(path, _("Không đọc được tệp “{name}”."), "merge.source_unreadable",
                       _("Hãy kiểm tra quyền đọc tệp, hoặc chép tệp sang máy này.")) from exc
    if size > MAX_SOURCE_BYTES:
        raise _refused(path, _("Tệp “{name}” lớn quá 1 GB, không phải cơ sở dữ liệu của một "
                               "đơn vị."), "merge.source_too_large")
    if magic != SQLITE_MAGIC:
        raise _refused(path, _("Tệp “{name}” không phải cơ sở dữ liệu của phần mềm."),
                       "merge.source_not_database")
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        with reading(path) as source:
            source.backup(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        verdict = memory.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise _refused(path, _("Cơ sở dữ liệu “{name}” bị hỏng, không dùng để hợp nhất "
                                   "được."), "merge.source_damaged",
                           _("Hãy mở đơn vị đó bằng phần mềm để khôi phục bản sao lưu trước."))
        db = Database(memory)
        if not db["_sqlite_migrations"].exists() or not db["unit"].exists():
            raise _refused(path, _("Tệp “{name}” không phải cơ sở dữ liệu của phần mềm."),
                           "merge.source_not_database")
        unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in known_names()]
        if unknown:
            raise _refused(path, _("Cơ sở dữ liệu “{name}” được tạo bởi phiên bản mới hơn "
                                   "của phần mềm; phiên bản này không đọc được."),
                           "merge.source_too_new",
                           _("Hãy cập nhật phần mềm trên máy này rồi hợp nhất lại."))
        MIGRATIONS.apply(db)
    except (sqlite3.DatabaseError, OSError) as exc:
        memory.close()
        raise _refused(path, _("Không đọc được cơ sở dữ liệu “{name}” ({why})."),
                       "merge.source_unreadable", why=str(exc)) from exc
    except BaseException:
        memory.close()
        raise
    return SnapshotStore(path, db.conn, db)


@contextmanager
def snapshot(path: Path) -> Iterator[SnapshotStore]:
    store = open_snapshot(path)
    try:
        yield store
    finally:
        store.close()
