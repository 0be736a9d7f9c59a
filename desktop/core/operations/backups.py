"""Backup to a folder or a USB stick, and restore from one (issue 12).

A backup is one ZIP file holding the whole profile: a consistent copy of the database, the
evidence scans, signed documents, the packages sent or received and the key file; then
`manifest.json` listing every file with its SHA-256 and size. The profile's own automatic
copies (`backups/`) are left out. The ZIP is written beside its target and renamed only once
whole, then read back and checked.

Restoring checks the file completely before touching anything (every file against the
manifest, the database with SQLite's integrity check, not written by a newer version), then
backs the current state up into the profile's `backups/` folder, puts the restored profile in
place and keeps the previous one beside it, renamed, never deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import desktop
from desktop.core.errors import UserError
from desktop.core.files import atomic_path, make_private, private_dir, sha256_file
from desktop.core.i18n import _
from desktop.core.package import zipsafe
from desktop.core.store import Store, open_store
from desktop.core.store import backup_copy as snap
from desktop.core.store.migrations import known_names
from desktop.core.store.registry import get_unit

FORMAT = "hoso-backup/1"
MANIFEST = "manifest.json"
DB_NAME = "hoso.sqlite"
LEFT_OUT = ("backups",)   # the profile's automatic copies
SUFFIX = ".hoso-saoluu.zip"
LIMITS = zipsafe.Limits(max_entries=100_000, max_total_size=16 * 1024 ** 3,
                        max_entry_size=4 * 1024 ** 3)
MAX_MANIFEST = 64 * 1024 * 1024
CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    """A backup file as written, or as read before a restore."""

    path: Path
    created_at: str
    unit_name: str
    profile_id: str
    files: int
    size: int
    counts: dict[str, int] = field(default_factory=dict)   # people, collectives, rounds…


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: Path      # the state before the restore, in the profile's backups/
    kept: Path             # the previous profile folder, renamed


def _profile_files(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every file of the profile folder to back up, with its name in the ZIP (POSIX)."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in LEFT_OUT or path.is_dir() or path.is_symlink():
            continue
        if rel.parts[0] == DB_NAME or rel.name.startswith(DB_NAME + "-") or \
                rel.name.endswith(".part"):
            continue  # the database goes in as a snapshot; -wal, -shm, half-written files never
        yield path, rel.as_posix()


def _write_error(exc: OSError, folder: Path) -> UserError:
    return UserError(_("Không ghi được bản sao lưu vào “{d}”: {why}").format(
        d=folder, why=exc.strerror or exc),
        _("Hãy kiểm tra ổ USB còn cắm, còn chỗ trống và cho phép ghi, rồi thử lại."),
        code="backup.write_failed")


def backup_to(store: Store, folder: Path, *, profile_id: str = "",
              now: datetime | None = None) -> BackupInfo:
    """Write the whole profile into one backup file in `folder`; read it back and check it."""
    when = now or datetime.now(UTC)
    if not folder.is_dir():
        raise UserError(_("Thư mục “{d}” không có.").format(d=folder),
                        _("Hãy chọn một thư mục có sẵn hoặc cắm ổ USB."),
                        code="backup.no_folder")
    profile_dir = store.path.parent
    profile_id = profile_id or profile_dir.name
    unit = get_unit(store.db)
    stamp = when.astimezone().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"SaoLuu_{profile_id}_{stamp}{SUFFIX}"
    try:
        with tempfile.TemporaryDirectory(prefix="hoso-backup-") as tmp_name:
            db_copy = Path(tmp_name) / DB_NAME
            snap.snapshot(store, db_copy)
            _verdict, _names, counts = snap.inspect(db_copy)
            entries = [(db_copy, DB_NAME), *_profile_files(profile_dir)]
            files = [{"path": name, "size": path.stat().st_size, "sha256": sha256_file(path)[0]}
                     for path, name in entries]
            manifest = {"format": FORMAT, "profile_id": profile_id,
                        "unit_name": unit.name if unit else "",
                        "created_at": when.isoformat(timespec="seconds"),
                        "app_version": desktop.__version__, "counts": counts, "files": files}
            with atomic_path(target) as part, zipfile.ZipFile(part, "w") as zf:
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1),
                            compress_type=zipfile.ZIP_DEFLATED)
                for path, name in entries:
                    # the database compresses well; scans and PDFs do not
                    kind = zipfile.ZIP_DEFLATED if name == DB_NAME else zipfile.ZIP_STORED
                    zf.write(path, name, compress_type=kind)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    info = check_backup(target)   # read back from the stick: what was written is whole
    return info


def _manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        raw = zf.getinfo(MANIFEST)
    except KeyError:
        raise _not_a_backup() from None
    if raw.file_size > MAX_MANIFEST:
        raise _not_a_backup()
    try:
        data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        raise _not_a_backup() from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            not isinstance(data.get("files"), list):
        raise _not_a_backup()
    return data


def _not_a_backup() -> UserError:
    return UserError(_("Tệp này không phải bản sao lưu của Hồ sơ Khen thưởng."),
                     _("Hãy chọn tệp SaoLuu_….hoso-saoluu.zip do phần mềm tạo."),
                     code="backup.not_a_backup")


def _damaged(why: str) -> UserError:
    return UserError(_("Bản sao lưu bị hỏng hoặc không đầy đủ: {why}").format(why=why),
                     _("Không khôi phục từ tệp này; hãy dùng một bản sao lưu khác."),
                     code="backup.damaged")


def _listed(data: dict[str, Any], zf: zipfile.ZipFile) -> list[tuple[str, int, str]]:
    """(name, size, sha256) of every file the manifest lists, each checked for safety."""
    entries = []
    names = {i.filename for i in zf.infolist()}
    for item in data["files"]:
        if not isinstance(item, dict):
            raise _not_a_backup()
        name, size, sha = item.get("path"), item.get("size"), item.get("sha256")
        if not isinstance(name, str) or not isinstance(size, int) or \
                not isinstance(sha, str) or size < 0:
            raise _not_a_backup()
        if zipsafe.check_name(name, LIMITS) or name == MANIFEST or \
                name.split("/")[0] in LEFT_OUT:
            raise _damaged(_("tên tệp không an toàn “{n}”").format(n=name))
        if name not in names:
            raise _damaged(_("thiếu tệp “{n}”").format(n=name))
        entries.append((name, size, sha))
    if DB_NAME not in {e[0] for e in entries}:
        raise _damaged(_("thiếu tệp dữ liệu"))
    return entries


def check_backup(path: Path) -> BackupInfo:
    """Read a backup file completely and check it; refused (with a code) if it is not a
    backup, a file is missing, altered or unsafe, the database is damaged, or it was written
    by a newer version of the app."""
    try:
        with path.open("rb") as handle, zipfile.ZipFile(handle) as zf:
            infos = zf.infolist()
            if len(infos) > LIMITS.max_entries or \
                    sum(i.file_size for i in infos) > LIMITS.max_total_size:
                raise _damaged(_("quá lớn"))
            data = _manifest(zf)
            entries = _listed(data, zf)
            for name, size, sha in entries:
                digest = hashlib.sha256()
                read = zipsafe.read_entry(handle, zf.getinfo(name), LIMITS.max_entry_size,
                                          digest.update)
                if read != size or digest.hexdigest() != sha:
                    raise _damaged(_("tệp “{n}” đã bị thay đổi").format(n=name))
            with tempfile.TemporaryDirectory(prefix="hoso-check-") as tmp_name:
                db_copy = Path(tmp_name) / DB_NAME
                with db_copy.open("wb") as out:
                    zipsafe.read_entry(handle, zf.getinfo(DB_NAME), LIMITS.max_entry_size,
                                       out.write)
                verdict, applied, counts = snap.inspect(db_copy)
    except (zipfile.BadZipFile, zipsafe.EntryError, OSError, EOFError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and \
                not path.exists():
            raise UserError(_("Không tìm thấy tệp {p}.").format(p=path),
                            code="backup.not_found") from exc
        raise _damaged(str(exc) or exc.__class__.__name__) from exc
    if verdict != "ok":
        raise _damaged(_("tệp dữ liệu bên trong không nguyên vẹn ({v})").format(v=verdict[:80]))
    unknown = [n for n in applied if n not in known_names()]
    if unknown:
        raise UserError(_("Bản sao lưu được tạo bởi phiên bản mới hơn của phần mềm."),
                        _("Hãy cập nhật phần mềm rồi khôi phục."), code="backup.too_new")
    return BackupInfo(path, str(data.get("created_at", "")), str(data.get("unit_name", "")),
                      str(data.get("profile_id", "")), len(entries), path.stat().st_size,
                      counts)


def restore(store: Store, backup: Path) -> RestoreResult:
    """Replace the open profile with the backup's. The store is closed here; open the
    profile again afterwards. Nothing is changed unless the backup checks out."""
    info = check_backup(backup)
    profile_dir = store.path.parent
    copies = profile_dir / LEFT_OUT[0]
    try:
        copies.mkdir(exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, copies) from exc
    safety = backup_to(store, copies)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    staging = profile_dir.with_name(f".{profile_dir.name}.khoi-phuc-{stamp}")
    kept = profile_dir.with_name(f"{profile_dir.name}.truoc-khoi-phuc-{stamp}")
    try:
        with backup.open("rb") as handle, zipfile.ZipFile(handle) as zf:
            names = [name for name, _s, _h in _listed(_manifest(zf), zf)]
            zipsafe.safe_extract(names, staging, LIMITS, lambda name, sink: zipsafe.read_entry(
                handle, zf.getinfo(name), LIMITS.max_entry_size, sink))
        # the restored profile is as private as the one it replaces (0700 / 0600 on POSIX)
        for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            private_dir(folder)
        make_private(*(p for p in staging.rglob("*") if p.is_file()))
        open_store(staging / DB_NAME).close()   # brings an older copy up to this version
    except (OSError, ValueError, zipsafe.EntryError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _restore_failed(exc, safety.path) from exc
    store.close()
    try:
        os.replace(profile_dir, kept)
        try:
            os.replace(staging, profile_dir)
        except OSError:
            os.replace(kept, profile_dir)   # the profile as it was, untouched
            raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _restore_failed(exc, safety.path) from exc
    with contextlib.suppress(OSError):   # the automatic copies and the safety copy stay
        os.replace(kept / LEFT_OUT[0], profile_dir / LEFT_OUT[0])
    return RestoreResult(info, copies / safety.path.name if copies.is_dir() else
                         kept / LEFT_OUT[0] / safety.path.name, kept)


def still_open(store: Store) -> bool:
    """After a restore that failed: whether the store is still open (refused before anything
    changed), or was closed and the previous profile put back (open it again)."""
    return snap.is_open(store)


def _restore_failed(exc: Exception, safety: Path) -> UserError:
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return UserError(_("Không khôi phục được: {why}").format(why=why),
                     _("Dữ liệu hiện tại không bị thay đổi; bản sao lưu trước khi khôi phục ở "
                       "{p}.").format(p=safety), code="backup.restore_failed")
