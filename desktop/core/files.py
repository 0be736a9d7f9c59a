"""Atomic file writes, shared by documents, packages, keys and receipts.

Every file the app writes for the officer (a document, a package, a key file, a receipt) is
written to a temporary file beside its target, flushed and fsynced, then renamed over the
target: a crash, a full disk or a pulled USB stick leaves either the old file or the new one,
never half of one. Errors stay OSError here; each caller turns them into its own message.
"""

from __future__ import annotations

import contextlib
import logging.handlers
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


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
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
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
