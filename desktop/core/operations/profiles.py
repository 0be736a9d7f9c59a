"""Unit profiles on disk: one folder (and one SQLite file) per unit under the data dir.

    <data dir>/settings.json                 last profile opened, language
    <data dir>/profiles/<id>/hoso.sqlite     the unit's database
    <data dir>/profiles/<id>/backups/        copies made before migrations and daily
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.errors import UserError, ValidationError
from desktop.core.files import PRIVATE_DIR, PRIVATE_FILE, part_prefix, private_dir, write_atomic
from desktop.core.i18n import _
from desktop.core.model import Unit
from desktop.core.operations.recovery import recover_profile
from desktop.core.operations.registry import save_unit, validate_unit
from desktop.core.store import Store, backups_of, open_store
from desktop.core.store.database import write_error
from desktop.core.store.probe import peek_unit_name
from desktop.core.text import fold

DB_NAME = "hoso.sqlite"
DAILY_BACKUP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ProfileInfo:
    id: str
    path: Path
    unit_name: str


def check_data_dir(data_dir: Path) -> None:
    """Make sure the data dir exists and can be written, with a message the officer can act on."""
    try:
        if not data_dir.exists():
            private_dir(data_dir)   # the app's own folder (not one the officer chose)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=part_prefix("probe"),
                                         suffix=".part", delete=True) as fh:
            fh.write(b"ok")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        friendly = write_error(exc)
        if friendly is not None:
            raise friendly from exc
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            raise UserError(_("“{path}” không phải là thư mục.").format(path=data_dir)) from exc
        raise UserError(_("Không dùng được thư mục dữ liệu {path}: {why}")
                        .format(path=data_dir, why=exc.strerror or exc)) from exc


def _settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.json"


def read_settings(data_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads(_settings_path(data_dir).read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # missing or damaged settings are not worth stopping for


def write_settings(data_dir: Path, **values: Any) -> None:
    """Atomic: a crash leaves either the old file or the new one, never half of one."""
    settings = read_settings(data_dir) | values
    target = _settings_path(data_dir)
    try:
        write_atomic(target, json.dumps(settings, ensure_ascii=False, indent=1).encode("utf-8"),
                     mode=PRIVATE_FILE)
    except OSError as exc:
        raise write_error(exc) or UserError(str(exc)) from exc


def profiles_dir(data_dir: Path) -> Path:
    return data_dir / "profiles"


def list_profiles(data_dir: Path) -> list[ProfileInfo]:
    result = []
    folder = profiles_dir(data_dir)
    if not folder.is_dir():
        return []
    for sub in sorted(folder.iterdir()):
        db = sub / DB_NAME
        if db.is_file():
            result.append(ProfileInfo(sub.name, db, peek_unit_name(db) or sub.name))
    return result


def _new_profile_id(data_dir: Path, unit_name: str) -> str:
    base = "-".join(w for w in "".join(c if c.isalnum() else " "
                                       for c in fold(unit_name)).split()) or "don-vi"
    base = base[:40]
    candidate, n = base, 2
    while (profiles_dir(data_dir) / candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def create_profile(data_dir: Path, unit: Unit, actor: str) -> tuple[ProfileInfo, Store]:
    """The first-run wizard's last step: a new profile with its unit filled in."""
    problems = validate_unit(unit)
    if problems:
        raise ValidationError(problems)
    check_data_dir(data_dir)
    pid = _new_profile_id(data_dir, unit.name)
    folder = profiles_dir(data_dir) / pid
    try:
        private_dir(profiles_dir(data_dir))
        folder.mkdir(mode=PRIVATE_DIR)    # not exist_ok: the id was chosen as new
        private_dir(folder)
    except OSError as exc:
        raise write_error(exc) or UserError(str(exc)) from exc
    store: Store | None = None
    try:
        store = open_store(folder / DB_NAME, create=True)
        save_unit(store, unit, actor)
    except BaseException:
        # A half-made profile (no unit) would stay in the list, and a retry would make
        # "<id>-2"; the folder is new and holds only what this call wrote.
        if store is not None:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    with contextlib.suppress(UserError):  # remembering the last profile is only a nicety
        write_settings(data_dir, last_profile=pid)
    return ProfileInfo(pid, folder / DB_NAME, unit.name), store


def open_profile(data_dir: Path, profile_id: str) -> Store:
    path = profiles_dir(data_dir) / profile_id / DB_NAME
    if profiles_dir(data_dir).is_dir():
        private_dir(profiles_dir(data_dir))
    store = open_store(path)    # also sets the profile folder 0700, its files 0600
    with contextlib.suppress(OSError):   # leftovers are removed next time, if not now
        recover_profile(store, data_dir)
    _daily_backup(store)
    # Remembering the last profile is only a nicety: a read-only or full settings folder
    # must not keep the officer from their data (nor leave the store open behind an error).
    with contextlib.suppress(UserError):
        write_settings(data_dir, last_profile=profile_id)
    return store


def _daily_backup(store: Store) -> None:
    """One copy a day, so a damaged file never costs more than a day of work."""
    latest = backups_of(store.path)
    if latest and (datetime.now(UTC).timestamp() - latest[0].stat().st_mtime
                   < DAILY_BACKUP_SECONDS):
        return
    # a full disk must not stop the officer from opening their data
    with contextlib.suppress(OSError, sqlite3.Error, UserError):
        store.backup("daily")


def explain_failure(store: Store, exc: BaseException) -> UserError | None:
    """For the UI's last-resort error handler: a database error raised while reading (a
    damaged page, a locked or full disk) as the message to show, or None if it is a bug.
    Writes through Store.write() are already translated."""
    if isinstance(exc, UserError):
        return exc
    return store.explain(exc)


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Put a backup in place. The damaged file is kept beside it, renamed, never deleted."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    n = 2
    while any(kept.with_name(kept.name + s).exists() for s in ("", "-wal", "-shm")):
        # a second restore within the same second must not replace the first kept file
        kept, n = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{n}"), n + 1
    try:
        if db_path.exists():
            os.replace(db_path, kept)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
        tmp = db_path.with_name(f"{part_prefix(db_path.name)}part")
        shutil.copy2(backup, tmp)
        os.replace(tmp, db_path)
    except OSError as exc:
        raise write_error(exc) or UserError(str(exc)) from exc
    return kept
