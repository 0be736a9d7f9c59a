"""The profile database: pragmas, NFC, append-only audit, refusing bad files, backups, and
friendly messages when the disk is full or read-only."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.core.catalog import Catalog
from desktop.core.errors import StoreTooNew, StoreUnreadable, UserError
from desktop.core.model import History, Person
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.core.store import Store, backups_of, open_store
from desktop.core.store import registry as repo
from desktop.core.store.database import KEEP_BACKUPS
from desktop.core.store.migrations import MIGRATIONS

NAME = "Đặng Thị Ỷ"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def letters(n: int) -> str:
    """A distinct letters-only word for n (names may not contain digits)."""
    word = ""
    while True:
        word = chr(ord("a") + n % 26) + word
        n //= 26
        if n == 0:
            return word.capitalize()


def make_db(path: Path, people: int = 50) -> None:
    """A real profile database with some people, closed cleanly (WAL checkpointed)."""
    store = open_store(path, create=True)
    with store.write() as db:
        repo.insert_people(db, [Person(None, f"Nguyễn Văn Số {i}") for i in range(people)])
    store.close()


# ---- pragmas, NFC, audit ---------------------------------------------------------------------


def test_new_and_reopened_connection_use_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "unit.sqlite"
    for create in (True, False):
        store = open_store(path, create=create)
        try:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        finally:
            store.close()


def test_schema_is_fully_migrated(store: Store) -> None:
    applied = [m.name for m in MIGRATIONS.applied(store.db)]
    assert applied == [m.name for m in MIGRATIONS._migrations]
    assert not MIGRATIONS.pending(store.db)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(applied)


def test_nfd_input_is_stored_nfc_and_found_by_nfd_query(
        store: Store, catalog: Catalog, today: date) -> None:
    nfd = unicodedata.normalize("NFD", NAME)
    assert nfd != NAME
    person, _ = ops.add_person(store, catalog,
                               Person(None, f"  {nfd} ", position=unicodedata.normalize(
                                   "NFD", "Chuyên viên")), History(), "cán bộ", today)
    raw = store.conn.execute("SELECT full_name, name_folded, position FROM people").fetchone()
    assert raw == (NAME, "dang thi y", "Chuyên viên")
    assert person.full_name == NAME
    assert ops.count_people(store, nfd) == 1
    assert ops.count_people(store, "dang thi y") == 1
    assert ops.count_people(store, "ĐẶNG Ỷ") == 1
    assert ops.count_people(store, "dang thi a") == 0
    assert [p.full_name for p in ops.people_page(store, "thi", 0, 10)] == [NAME]


def test_audit_log_is_append_only(store: Store) -> None:
    with store.write() as db:
        repo.append_audit(db, "cán bộ", "create", "person", 1, "Thêm")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET summary = 'sửa'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log")
    store.conn.rollback()
    assert store.conn.execute("SELECT summary FROM audit_log").fetchall() == [("Thêm",)]


# ---- transactions ----------------------------------------------------------------------------


def test_write_rolls_back_everything_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as db:
        repo.insert_person(db, Person(None, "Lê Văn A"))
        repo.append_audit(db, "x", "create", "person", 1, "Thêm")
        raise RuntimeError("boom")
    assert store.conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    assert ops.count_people(store, "le") == 0


def test_nested_write_is_a_savepoint(store: Store) -> None:
    with store.write() as db:
        repo.insert_person(db, Person(None, "Lê Văn A"))
        with pytest.raises(RuntimeError), store.write() as inner:
            repo.insert_person(inner, Person(None, "Lê Văn B"))
            raise RuntimeError("inner fails")
    names = [r[0] for r in store.conn.execute("SELECT full_name FROM people")]
    assert names == ["Lê Văn A"]


# ---- files that are not (good) databases ------------------------------------------------------


def _with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "unit.sqlite"
    make_db(path, people=3000)
    store = open_store(path)
    backup = store.backup("manual")
    store.close()
    return path, backup


def _assert_refused(path: Path, backup: Path) -> None:
    before = digest(path)
    size = path.stat().st_size
    with pytest.raises(StoreUnreadable) as info:
        open_store(path)
    assert info.value.path == path
    assert info.value.backups == [backup]
    assert "không đọc được" in info.value.message
    assert "không bị ghi đè" in info.value.message
    assert "1 bản sao lưu" in info.value.message
    assert digest(path) == before
    assert path.stat().st_size == size
    assert backup.exists()


def test_random_bytes_refused_and_untouched(tmp_path: Path) -> None:
    path, backup = _with_backup(tmp_path)
    path.write_bytes(os.urandom(8192))
    _assert_refused(path, backup)


def test_text_file_refused_and_untouched(tmp_path: Path) -> None:
    path, backup = _with_backup(tmp_path)
    path.write_text("Họ và tên,Ngày sinh\nĐặng Thị Ỷ,05/03/1990\n", "utf-8")
    _assert_refused(path, backup)


@pytest.mark.parametrize("keep", [100, 4096, 5000, 0.5])
def test_truncated_database_refused_and_untouched(tmp_path: Path, keep: float) -> None:
    path, backup = _with_backup(tmp_path)
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep
    path.write_bytes(data[:cut])
    _assert_refused(path, backup)


def test_empty_file_of_an_existing_profile_is_unreadable_not_missing(tmp_path: Path) -> None:
    path, backup = _with_backup(tmp_path)
    path.write_bytes(b"")
    _assert_refused(path, backup)


@pytest.mark.parametrize("page", [1, 2, 3])
def test_corrupted_schema_page_refused_and_untouched(tmp_path: Path, page: int) -> None:
    path, backup = _with_backup(tmp_path)
    data = bytearray(path.read_bytes())
    start = 100 if page == 1 else (page - 1) * 4096
    data[start:page * 4096] = os.urandom(page * 4096 - start)
    path.write_bytes(bytes(data))
    _assert_refused(path, backup)



def _corrupt_index_page(path: Path) -> None:
    """Overwrite the list order's index pages (either may serve the plain list): the
    schema still reads, so open_store succeeds."""
    store = open_store(path)
    roots = [r[0] for r in store.conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name IN ('people_sort', 'people_search')")]
    store.close()
    data = bytearray(path.read_bytes())
    for root in roots:
        data[(root - 1) * 4096:root * 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))


def test_corrupted_data_page_found_on_write_is_reported_not_a_crash(tmp_path: Path) -> None:
    """Open checks only the schema (a full check takes seconds on a big file); damage found
    later, while writing, must still come out as StoreUnreadable, not as a raw sqlite error."""
    path, backup = _with_backup(tmp_path)
    _corrupt_index_page(path)
    store = open_store(path)
    try:
        with pytest.raises(StoreUnreadable) as info, store.write() as db:
            repo.insert_person(db, Person(None, "Lê Văn Mới"))
        assert info.value.backups == [backup]
    finally:
        store.close()


def test_missing_file_without_create_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không tìm thấy"):
        open_store(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


# ---- newer version ---------------------------------------------------------------------------


def _mark_newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('hoso', 'm999_from_the_future', '2030-01-01 00:00:00')")
    conn.commit()
    conn.close()


def test_database_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "unit.sqlite"
    make_db(path)
    _mark_newer(path)
    before = digest(path)
    with pytest.raises(StoreTooNew) as info:
        open_store(path)
    assert "m999_from_the_future" in info.value.message
    assert "phiên bản mới hơn" in info.value.message
    assert digest(path) == before
    assert backups_of(path) == []


def test_newer_database_in_rollback_journal_mode_is_not_switched_to_wal(tmp_path: Path) -> None:
    """A newer app might use another journal mode: refusing must not rewrite the header."""
    path = tmp_path / "unit.sqlite"
    make_db(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    _mark_newer(path)
    before = digest(path)
    with pytest.raises(StoreTooNew):
        open_store(path)
    assert digest(path) == before


# ---- migrations make a backup first ----------------------------------------------------------


def test_backup_is_made_before_a_pending_migration(tmp_path: Path) -> None:
    path = tmp_path / "unit.sqlite"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m002_name_search")
    db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, updated_at) "
               "VALUES (?, 'dang thi y', 'x', '2025-01-01', '2025-01-01')", [NAME])
    db.conn.commit()
    db.close()

    store = open_store(path)
    try:
        backups = backups_of(path)
        assert len(backups) == 1
        assert "before-m002_name_search" in backups[0].name
        assert ops.count_people(store, "dang thi y") == 1
        assert store.conn.execute("SELECT full_name FROM people").fetchall() == [(NAME,)]
    finally:
        store.close()
    old = sqlite3.connect(backups[0])
    try:
        assert [r[0] for r in old.execute("SELECT name FROM _sqlite_migrations")] == [
            "m001_registry"]
        assert old.execute("SELECT full_name FROM people").fetchall() == [(NAME,)]
    finally:
        old.close()


def test_no_backup_when_nothing_is_pending(tmp_path: Path) -> None:
    path = tmp_path / "unit.sqlite"
    make_db(path)
    open_store(path).close()
    assert backups_of(path) == []


def test_backups_are_listed_newest_first_and_pruned(store: Store) -> None:
    made = [store.backup(f"b{i}") for i in range(KEEP_BACKUPS + 2)]
    listed = backups_of(store.path)
    assert listed == list(reversed(made))[:KEEP_BACKUPS]
    assert not made[0].exists() and not made[1].exists()
    assert not list(store.path.parent.glob("backups/*.part"))


# ---- disk full, read-only --------------------------------------------------------------------


def test_full_disk_gives_a_clear_message_and_keeps_previous_data(
        store: Store, catalog: Catalog, today: date) -> None:
    ops.add_person(store, catalog, Person(None, NAME), History(), "x", today)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    big = [Person(None, f"Người Thứ {i} " + "Rất Dài " * 10) for i in range(2000)]
    with pytest.raises(UserError) as info, store.write() as db:
        repo.insert_people(db, big)
    assert "ổ đĩa đã đầy" in info.value.message
    assert "giải phóng" in info.value.hint
    assert [p.full_name for p in ops.people_page(store, "", 0, 10)] == [NAME]
    # and through an operation, the same friendly error
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        for i in range(500):
            ops.add_person(store, catalog, Person(None, f"Trần Văn {'A' * 100} {letters(i)}"),
                           History(), "x", today)
    assert ops.count_people(store, "dang") == 1


def test_read_only_database_gives_a_clear_message(
        store: Store, catalog: Catalog, today: date) -> None:
    ops.add_person(store, catalog, Person(None, NAME), History(), "x", today)
    store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(UserError) as info:
        ops.add_person(store, catalog, Person(None, "Lê Văn B"), History(), "x", today)
    assert "chỉ cho phép đọc" in info.value.message
    assert "quyền ghi" in info.value.hint
    store.conn.execute("PRAGMA query_only = OFF")
    assert ops.count_people(store) == 1


def test_check_data_dir_on_a_file(tmp_path: Path) -> None:
    target = tmp_path / "data"
    target.write_text("không phải thư mục", "utf-8")
    with pytest.raises(UserError, match="không phải là thư mục"):
        profiles.check_data_dir(target)
    with pytest.raises(UserError, match="không phải là thư mục"):
        profiles.check_data_dir(target / "sub")


@pytest.mark.parametrize(("code", "expected"), [
    (errno.EROFS, "chỉ cho phép đọc"),
    (errno.EACCES, "chỉ cho phép đọc"),
    (errno.ENOSPC, "ổ đĩa đã đầy"),
])
def test_check_data_dir_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           code: int, expected: str) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(UserError, match=expected):
        profiles.check_data_dir(tmp_path / "data")


def test_check_data_dir_accepts_a_writable_dir(tmp_path: Path) -> None:
    profiles.check_data_dir(tmp_path / "new" / "data")
    assert (tmp_path / "new" / "data").is_dir()
    assert list((tmp_path / "new" / "data").iterdir()) == []


def test_refusing_a_newer_database_closes_the_connection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An open handle left behind would keep the file locked on Windows."""
    path = tmp_path / "unit.sqlite"
    make_db(path)
    _mark_newer(path)
    opened: list[sqlite3.Connection] = []
    real_connect = sqlite3.connect

    def tracking_connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(conn)
        return conn

    monkeypatch.setattr(sqlite3, "connect", tracking_connect)
    with pytest.raises(StoreTooNew):
        open_store(path)
    assert opened
    for conn in opened:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")


# ---- a file in use by another process ---------------------------------------------------------


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.store import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)


def test_file_locked_by_another_process_is_in_use_not_unreadable(
        tmp_path: Path, short_busy_timeout: None) -> None:
    """'Unreadable' would offer to restore a backup over a good file that is only in use."""
    path = tmp_path / "unit.sqlite"
    make_db(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(UserError) as info:
            open_store(path)
        assert not isinstance(info.value, StoreUnreadable)
        assert "đang được một chương trình khác sử dụng" in info.value.message
        assert "đóng chương trình" in info.value.hint
    finally:
        other.close()
    open_store(path).close()


def test_write_while_another_process_writes(tmp_path: Path, short_busy_timeout: None) -> None:
    path = tmp_path / "unit.sqlite"
    make_db(path, people=1)
    store = open_store(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(UserError, match="đang được một chương trình khác sử dụng"), \
                store.write() as db:
            repo.insert_person(db, Person(None, "Lê Văn Mới"))
        other.rollback()
        assert store.conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1
    finally:
        other.close()
        store.close()


# ---- search property -------------------------------------------------------------------------

_LETTERS = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụư"
            "ừứửữựvxyỳýỷỹỵ")


def test_every_word_of_a_stored_name_finds_it(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    word = st.text(alphabet=st.sampled_from(_LETTERS + _LETTERS.upper()), min_size=1,
                   max_size=7)
    store = open_store(tmp_path / "unit.sqlite", create=True)

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(word, min_size=1, max_size=4), st.sampled_from(["NFC", "NFD"]))
    def check(words: list[str], form: str) -> None:
        name = unicodedata.normalize(form, " ".join(words))
        with store.write() as db:
            pid = repo.insert_person(db, Person(None, name))
        try:
            for w in words:
                for query in (w, unicodedata.normalize("NFD", w), w.lower()[:2]):
                    ids = {p.id for p in repo.people_page(store.db, query, 0, 10_000)}
                    assert pid in ids, (name, query)
        finally:
            with store.write() as db:
                repo.delete_person(db, pid)

    try:
        check()
    finally:
        store.close()


def test_damage_found_while_reading_can_be_explained(tmp_path: Path) -> None:
    """Reads do not go through Store.write(); the UI's error handler asks
    profiles.explain_failure() and gets the same StoreUnreadable, with the backups."""
    path, backup = _with_backup(tmp_path)
    _corrupt_index_page(path)
    store = open_store(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as raised:
            ops.people_page(store, "", 0, 50)
        explained = profiles.explain_failure(store, raised.value)
        assert isinstance(explained, StoreUnreadable)
        assert explained.backups == [backup]
        assert profiles.explain_failure(store, ValueError("a bug")) is None
        assert profiles.explain_failure(
            store, sqlite3.OperationalError("database or disk is full")) is not None
        mine = UserError("đã có thông báo")
        assert profiles.explain_failure(store, mine) is mine
    finally:
        store.close()


def test_a_folder_where_the_database_should_be(tmp_path: Path) -> None:
    path = tmp_path / "unit.sqlite"
    path.mkdir()
    (path / "something").write_text("x", "utf-8")
    with pytest.raises(StoreUnreadable) as info:
        open_store(path)
    assert info.value.path == path
    assert (path / "something").read_text("utf-8") == "x"
