"""Opening a profile's SQLite file safely.

- A file that is not SQLite, or is corrupt, is refused with the list of backups; it is never
  overwritten or "repaired" in place.
- A database written by a newer app (it has migrations this app does not know) is refused
  before anything is written.
- Pending migrations run only after a backup copy has been made.
- WAL, foreign_keys=ON, and every write inside `Store.write()` (one transaction).
- A file whose schema is current opens with the standard library alone: sqlite-utils (with
  click, dateutil and pluggy, ~150 ms of imports on an old PC) is imported on the first
  `store.db`, after the people list's first paint; the list reads through `store.reader`.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop.core.errors import StoreTooNew, StoreUnreadable, UserError
from desktop.core.files import create_private, make_private, part_prefix, private_dir
from desktop.core.i18n import _
from desktop.core.store.schema import schema_is_current

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10
BUSY_TIMEOUT_MS = 5000  # how long to wait for another process holding the file


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def backups_of(path: Path) -> list[Path]:
    """Backup copies of `path`, newest first."""
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.sqlite"), reverse=True)


def backup_copy(conn: sqlite3.Connection, path: Path, reason: str) -> Path:
    """A consistent copy through SQLite's online backup API (safe while WAL is in use),
    private like the database (folder 0700, file 0600 on POSIX)."""
    folder = path.parent / BACKUP_DIR
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{path.stem}-{stamp}-{reason}.sqlite"
    tmp = folder / f"{part_prefix(target.name)}part"   # pid: the next start knows it stale
    try:
        private_dir(folder)
        create_private(tmp)
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)  # a half-written copy must never look like a backup
        friendly = write_error(exc)
        if friendly is not None:
            raise friendly from exc
        raise
    for old in backups_of(path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def _unreadable(path: Path, why: str) -> StoreUnreadable:
    backups = backups_of(path)
    hint = (_("Có {n} bản sao lưu; có thể mở bản mới nhất.").format(n=len(backups))
            if backups else _("Không có bản sao lưu nào."))
    return StoreUnreadable(
        _("Tệp dữ liệu “{name}” không đọc được ({why}). Tệp được giữ nguyên, không bị ghi đè.")
        .format(name=path.name, why=why) + " " + hint,
        path,
        backups,
    )


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def write_error(exc: BaseException) -> UserError | None:
    """Translate a failed write into what the officer should know; None if it is a bug."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if "readonly" in text or "read-only" in text or code in (errno.EROFS, errno.EACCES,
                                                              errno.EPERM):
        return UserError(_("Không ghi được dữ liệu: thư mục dữ liệu chỉ cho phép đọc."),
                         _("Hãy chọn thư mục dữ liệu khác hoặc kiểm tra quyền ghi."))
    if "database is locked" in text or "database table is locked" in text:
        # The file is fine, only in use: never suggest restoring a backup over it.
        return UserError(_("Tệp dữ liệu đang được một chương trình khác sử dụng (có thể phần "
                           "mềm đang mở ở cửa sổ khác hoặc trên máy khác)."),
                         _("Hãy đóng chương trình đó rồi thử lại."))
    if "disk is full" in text or "database or disk is full" in text or code == errno.ENOSPC:
        return UserError(_("Không ghi được dữ liệu: ổ đĩa đã đầy. Thay đổi chưa được lưu."),
                         _("Hãy giải phóng dung lượng ổ đĩa rồi thử lại."))
    return None


class Queryable(Protocol):
    """What a read query needs of a connection: sqlite-utils' Database and Reader both."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def execute(self, sql: str, parameters: Any = ...) -> sqlite3.Cursor: ...


def has_temp_table(db: Queryable, name: str) -> bool:
    """Whether this connection has made its temporary table `name` yet.

    Asked of sqlite_temp_master rather than learnt from a failing SELECT: the connection is
    shared with worker threads (an export, a render), and when one of them runs a statement
    between the failure and Python reading its code, "no such table" comes back as a bare
    DatabaseError instead of an OperationalError (seen once in CI, in the collectives list
    painting during an Excel export)."""
    return db.execute("SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?",
                      [name]).fetchone() is not None


class Reader:
    """The connection as the store's read queries use it (`execute`, `conn`), without
    sqlite-utils: what the first paint reads through."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)


class Store:
    """One unit profile's database. Repositories are plain functions over `store.db`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, db: Database | None = None
                 ) -> None:
        self.path = path
        self.conn = conn
        self.reader = Reader(conn)
        self._db = db

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, made (and imported) when first asked."""
        if self._db is None:
            from sqlite_utils import Database

            # No sqlite-utils plugins: the app has none, and scanning every installed
            # package for them (importlib.metadata) cost ~60 ms; a stray plugin would also
            # change our connection behind our back.
            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction; rolled back whole on any error. Nested calls are savepoints."""
        try:
            with self.db.atomic():
                yield self.db
        except (sqlite3.DatabaseError, OSError) as exc:
            friendly = self.explain(exc)
            if friendly is not None:
                raise friendly from exc
            raise

    def explain(self, exc: BaseException) -> UserError | None:
        """What the officer should be told about a failed read or write; None for a bug.

        Damage in a page that open_store does not read (it checks only the schema) shows up
        only when that page is used: it is StoreUnreadable then, with the backups.
        """
        if isinstance(exc, sqlite3.DatabaseError) and _is_corrupt(exc):
            return _unreadable(self.path, str(exc))
        if isinstance(exc, sqlite3.DatabaseError | OSError):
            return write_error(exc)
        return None

    def backup(self, reason: str = "manual") -> Path:
        return backup_copy(self.conn, self.path, reason)

    def close(self) -> None:
        self.conn.close()


def make_store_private(path: Path) -> None:
    """The database, its WAL and shared-memory files and its backups: 0600 (POSIX), the
    folders 0700, whatever the umask and whatever an older version left (0644)."""
    private_dir(path.parent)
    make_private(path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")))
    if (path.parent / BACKUP_DIR).is_dir():
        private_dir(path.parent / BACKUP_DIR)
        make_private(*backups_of(path))


def open_store(path: Path, *, create: bool = False) -> Store:
    """Open (or, with create=True, create) a profile database and bring its schema up to date.

    The file is created 0600 before SQLite opens it (SQLite gives its -wal and -shm files
    the database's mode), and the modes are set again after opening (docs: README)."""
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        if path.exists():  # an existing profile's file emptied by a crash: offer backups
            raise _unreadable(path, _("tệp rỗng"))
        raise UserError(_("Không tìm thấy tệp dữ liệu {path}.").format(path=path))
    if exists:
        try:
            with path.open("rb") as fh:
                magic = fh.read(16)
        except OSError as exc:  # a folder in its place, no permission to read...
            raise _unreadable(path, exc.strerror or str(exc)) from exc
        if magic != SQLITE_MAGIC:
            raise _unreadable(path, _("không phải tệp cơ sở dữ liệu SQLite"))
    try:
        if not exists:
            private_dir(path.parent)
            create_private(path)
        conn = sqlite3.connect(path, check_same_thread=False)
    except OSError as exc:
        raise write_error(exc) or _unreadable(path, exc.strerror or str(exc)) from exc
    except sqlite3.Error as exc:
        friendly = write_error(exc)
        raise friendly or _unreadable(path, str(exc)) from exc
    current = False  # the schema is this app's: nothing to migrate, nothing newer
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if exists:
            # Cheap structural check of the schema pages; a full integrity_check would
            # take seconds at 100k people, so it is offered separately.
            conn.execute("PRAGMA schema_version").fetchone()
            # Before anything is written (switching to WAL rewrites the header).
            current = schema_is_current(conn)
            if not current:
                _refuse_newer(conn)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if exists and mode.lower() != "wal":
            raise _unreadable(path, _("không bật được chế độ WAL"))
        conn.execute("PRAGMA synchronous = NORMAL")
        make_store_private(path)
    except BaseException as exc:
        conn.close()  # also when refusing: an open handle would lock the file on Windows
        if not isinstance(exc, sqlite3.DatabaseError):
            raise
        friendly = write_error(exc)
        if friendly is not None:
            raise friendly from exc
        raise _unreadable(path, str(exc)) from exc

    store = Store(path, conn)
    if exists and current:
        return store  # nothing to migrate: no need for sqlite-utils yet
    try:
        _migrate(store, had_data=exists)
    except BaseException:
        conn.close()
        raise
    return store


def _refuse_newer(conn: sqlite3.Connection, applied: list[str] | None = None) -> None:
    """StoreTooNew if the file has migrations this version does not know."""
    from sqlite_utils import Database

    from desktop.core.store.migrations import MIGRATIONS, known_names

    if applied is None:
        applied = [m.name for m in MIGRATIONS.applied(Database(conn, execute_plugins=False))]
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise StoreTooNew(
            _("Tệp dữ liệu này được tạo bởi phiên bản mới hơn của phần mềm (có thay đổi "
              "“{name}” mà phiên bản này không biết). Hãy cập nhật phần mềm; tệp được giữ "
              "nguyên.").format(name=unknown[0])
        )


def _migrate(store: Store, *, had_data: bool) -> None:
    from desktop.core.store.migrations import MIGRATIONS, known_names

    db = store.db
    try:
        applied = [m.name for m in MIGRATIONS.applied(db)]
    except sqlite3.DatabaseError as exc:
        raise write_error(exc) or _unreadable(store.path, str(exc)) from exc
    _refuse_newer(store.conn, applied)
    pending = MIGRATIONS.pending(db)
    if not pending:
        return
    if had_data and applied:
        store.backup("before-" + pending[0].name)
    try:
        MIGRATIONS.apply(db)
    except (sqlite3.OperationalError, OSError) as exc:
        friendly = write_error(exc)
        if friendly is not None:
            raise friendly from exc
        raise
    # user_version mirrors the schema for tools that inspect the file without this app.
    db.execute(f"PRAGMA user_version = {len(known_names())}")
