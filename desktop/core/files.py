"""Atomic file writes, shared by documents, packages, keys and receipts.

Every file the app writes for the officer (a document, a package, a key file, a receipt) is
written to a temporary file beside its target, flushed and fsynced, then renamed over the
target: a crash, a full disk or a pulled USB stick leaves either the old file or the new one,
never half of one. Errors stay OSError here; each caller turns them into its own message.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


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
        if mode is not None:
            os.chmod(tmp, mode)
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
