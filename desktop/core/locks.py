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

from desktop.core.files import PRIVATE_FILE, make_private

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)


class HeldLock:
    """A lock this process holds on `path` until `release()` (or until it ends).

    A bare descriptor, not a file object: a session left open by a test or a window that
    is never closed must not turn into a ResourceWarning at garbage collection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        make_private(path)
        if not _try_lock(fd):
            os.close(fd)
            raise OSError(f"{path} is locked by another process")
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self, *, remove: bool = True) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _unlock(fd)
        os.close(fd)
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()


def is_held(path: Path) -> bool:
    """Whether some running process holds the lock on `path` (a missing file: no)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return True     # cannot even open it (Windows: open by its holder): count as held
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)
