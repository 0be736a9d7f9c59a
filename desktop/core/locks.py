"""An operating-system lock that says a process is alive, whatever its id became.

A process id says little after a power cut: Windows hands small ids out again at once, so a
draft "left by process 4312" may look alive forever. A lock held on a file is released by
the system when its holder ends, however it ends (exit, kill, crash, power cut), so "can the
lock be taken?" is the question that answers "is its writer still running?".

POSIX uses flock (per open file, so a second open of the same file in the same process is
refused too), Windows msvcrt.locking on the first byte.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from desktop.core.files import PRIVATE_FILE, make_private

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if sys.platform == "win32":
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class HeldLock:
    """A lock this process holds on `path` until `release()` (or until it ends)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        make_private(path)
        self._handle: IO[bytes] | None = os.fdopen(fd, "r+b", buffering=0)
        if not _try_lock(self._handle):
            self._handle.close()
            self._handle = None
            raise OSError(f"{path} is locked by another process")

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self, *, remove: bool = True) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        _unlock(handle)
        handle.close()
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()


def is_held(path: Path) -> bool:
    """Whether some running process holds the lock on `path` (a missing file: no)."""
    try:
        handle = open(path, "r+b", buffering=0)   # noqa: SIM115 (closed below)
    except FileNotFoundError:
        return False
    except OSError:
        return True     # cannot even open it (Windows: open by its holder): count as held
    try:
        if _try_lock(handle):
            _unlock(handle)
            return False
        return True
    finally:
        handle.close()
