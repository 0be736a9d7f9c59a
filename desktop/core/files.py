"""Atomic file writes, shared by documents, packages, keys and receipts; private modes; and
what a killed process leaves behind.

Every file the app writes for the officer (a document, a package, a key file, a receipt) is
written to a temporary file beside its target, flushed and fsynced, then renamed over the
target: a crash, a full disk or a pulled USB stick leaves either the old file or the new one,
never half of one. Errors stay OSError here; each caller turns them into its own message.

Temporary files are named `.<target>.<pid>.<random>.part` and temporary folders
`hoso-<kind>-<pid>-<random>`, so the next start can tell the leftovers of a dead process
(`stale_parts`, `stale_temp_dirs`) from the work of one still running.

`sha256_file` is the one way a file's content is fingerprinted (packages, backups, receipts,
signed documents), read in 1 MiB chunks so a 50 MB package never sits in memory whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging.handlers
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


def sha256_file(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) of a file's content, and its size in bytes."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size

@contextlib.contextmanager
def atomic_path(dest: Path, *, mode: int | None = None, durable: bool = True
                ) -> Iterator[Path]:
    """A temporary path beside `dest` for the caller to write; renamed over `dest` when the
    block ends normally, removed when it raises.

    `durable` fsyncs the file and its folder so the rename survives a power cut (packages,
    keys); a document rendered into a folder that is itself renamed later can skip it.
    `mode` sets the permissions before any byte is written (0o600 for secrets).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=part_prefix(dest.name), suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        if mode is not None:   # mkstemp made it 0600 already; POSIX only, best effort
            _chmod(tmp, mode)
        yield tmp
        if durable:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(dest.parent)


def write_atomic(dest: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `dest` atomically and durably."""
    with atomic_path(dest, mode=mode) as tmp:
        tmp.write_bytes(data)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); Windows has no directory handle to sync,
    and there the file's own fsync is what the system offers."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---- private files (docs: README "Where the data lives") -----------------------------------
# The store holds CCCD numbers and discipline records (LAW §9): on POSIX its folders are
# 0700 and its files 0600 whatever the umask. On Windows the user's profile folder
# (%LOCALAPPDATA%, readable by that user and administrators only) is what protects it, and
# POSIX modes mean nothing there: these helpers do nothing rather than pretend.

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"


def private_dir(folder: Path) -> Path:
    """Create `folder` (and its missing parents) usable by the user only; an existing folder
    the app owns is set to 0700 too (a profile made by an older version was 0755). Only call
    it on folders the app owns, never on one the officer chose (--data-dir D is left as it
    is when it exists; what the app makes inside it is private)."""
    missing = [folder, *(p for p in folder.parents)]
    missing = [p for p in missing if not p.exists()]
    for path in reversed(missing):    # parents the app creates are its own: 0700 too
        path.mkdir(exist_ok=True, mode=PRIVATE_DIR)
        _chmod(path, PRIVATE_DIR)
    folder.mkdir(exist_ok=True, mode=PRIVATE_DIR)   # raises if a file is in the way
    _chmod(folder, PRIVATE_DIR)
    return folder


def _chmod(path: Path | str, mode: int) -> None:
    """Best effort: a file system without POSIX modes (FAT, some network shares) refuses
    chmod, and that must not keep the officer from their data."""
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def make_private(*paths: Path) -> None:
    """chmod 0600 each existing file (a database SQLite made, an old backup)."""
    for path in paths:
        _chmod(path, PRIVATE_FILE)


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist (before SQLite opens it:
    SQLite gives its -wal and -shm files the mode of the database file)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    os.close(fd)
    _chmod(path, PRIVATE_FILE)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file, the ones rollover makes included, is 0600."""

    def _open(self) -> Any:
        if POSIX:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                         PRIVATE_FILE)
            _chmod(self.baseFilename, PRIVATE_FILE)
            return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding,
                             errors=self.errors)
        return super()._open()


# ---- leftovers of a killed process -----------------------------------------------------------

_PART = re.compile(r"^\.(?P<base>.+?)\.(?P<pid>\d{1,10})(?:\.[A-Za-z0-9_]+)?\.part$")
_INTENT = re.compile(r"^\.(?P<base>.+)\.(?P<pid>\d{1,10})\.intent$")
_TEMP_DIR = re.compile(r"^hoso-[a-z]+-(?P<pid>\d{1,10})-")
LEGACY_PART_AGE = 24 * 3600    # a .part without a pid (older versions): stale after a day


def part_prefix(name: str) -> str:
    """mkstemp's prefix for a temporary file beside `name`: `.<name>.<pid>.`"""
    return f".{name}.{os.getpid()}."


def temp_dir(kind: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder in the system's temp dir, named so the next start removes it if
    this process is killed (it may hold a dossier's documents)."""
    return tempfile.TemporaryDirectory(prefix=f"hoso-{kind}-{os.getpid()}-")


@contextlib.contextmanager
def intent(target: Path) -> Iterator[Path]:
    """Mark that `target` is being made and recorded (`.<name>.<pid>.intent` beside it) until
    the block ends, however it ends. A marker left by a killed process tells the next start
    to check the target against the database (operations.recovery)."""
    marker = target.parent / f".{target.name}.{os.getpid()}.intent"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(marker, "wb") as handle:
        os.fsync(handle.fileno())
    fsync_dir(target.parent)
    try:
        yield marker
    finally:
        marker.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (an unknown answer counts as alive: never remove
    what a live process may be writing)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)          # ERROR_ACCESS_DENIED: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259                           # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def stale_intents(folder: Path) -> list[tuple[Path, Path]]:
    """(marker, the target it names) for every intent left by a dead process in `folder`."""
    found = []
    for marker in _listing(folder):
        match = _INTENT.match(marker.name)
        if match and not process_alive(int(match["pid"])):
            found.append((marker, folder / match["base"]))
    return found


def stale_parts(folder: Path) -> list[Path]:
    """Temporary files in `folder` left by processes that no longer run."""
    found = []
    now = time.time()
    for path in _listing(folder):
        if not path.name.endswith(".part") or not path.is_file():
            continue
        match = _PART.match(path.name)
        if match is not None:
            if not process_alive(int(match["pid"])):
                found.append(path)
        elif now - path.stat().st_mtime > LEGACY_PART_AGE:
            found.append(path)
    return found


def stale_temp_dirs() -> list[Path]:
    """hoso-<kind>-<pid>-… folders in the system's temp dir of processes that no longer run."""
    found = []
    for path in _listing(Path(tempfile.gettempdir())):
        match = _TEMP_DIR.match(path.name)
        if match and path.is_dir() and not process_alive(int(match["pid"])):
            found.append(path)
    return found


def remove(paths: list[Path]) -> list[Path]:
    """Remove files and folders, best effort (a file still open on Windows stays until the
    next start); the ones really removed."""
    done = []
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            continue
        done.append(path)
    return done


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []
