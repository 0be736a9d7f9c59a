"""Drafts of unsaved editors and reports, so a crash or a power cut loses nothing (issue 12;
INTEROP §4: "savepoints written as the user works and an explicit 'recover?' prompt on the
next start").

    <profile>/drafts/<key>.json          one per open editor with unsaved changes
    <profile>/drafts/.session-<id>.lock  held by the running app that writes them

A draft is the editor's fields as typed (JSON values only), written atomically and privately
(0600 on POSIX, in the profile's private folder) a moment after the officer stops typing,
and removed when the editor saves or the officer discards the changes. Each running app holds
an operating-system lock on its session file; a draft whose session lock is free was left by
an app that no longer runs, and is offered back (`orphans`). A process id would not do: after
a power cut Windows gives the same small ids to other programs.

Drafts are read as hostile input (another program may have written the folder): size,
format, key and types are checked, and a file that fails is skipped, never trusted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.files import PRIVATE_FILE, private_dir, remove, write_atomic
from desktop.core.locks import HeldLock, is_held
from desktop.core.package import strictjson
from desktop.core.store import Store

log = logging.getLogger("hoso.drafts")

DRAFTS_DIR = "drafts"
FORMAT = "hoso-draft/1"
MAX_DRAFT_BYTES = 4 * 1024 * 1024      # a long report with every section is ~100 kB
MAX_TITLE = 300
# kind, then up to three parts: "person.12", "person.new", "report.45", "meeting.3"
_KEY = re.compile(r"^[a-z][a-z_]{0,30}(?:\.[a-z0-9_-]{1,40}){0,3}$")
_SESSION = re.compile(r"^[0-9a-f]{16}$")
_LOCK = re.compile(r"^\.session-(?P<id>[0-9a-f]{16})\.lock$")
YOUNG_LOCK_SECONDS = 60     # a lock file just created may not be locked yet: left alone


@dataclass(frozen=True)
class Draft:
    key: str                 # what it is a draft of: "<kind>.<id or 'new'>[.…]"
    title: str               # for the officer: "Nguyễn Thị Hoa – sửa thông tin cá nhân"
    saved_at: datetime
    values: dict[str, Any]   # the editor's fields as typed
    session: str

    @property
    def kind(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.key.split(".")[1:])


def drafts_folder(store: Store) -> Path:
    return store.path.parent / DRAFTS_DIR


def valid_key(key: str) -> bool:
    return bool(_KEY.match(key))


def _path(folder: Path, key: str) -> Path:
    if not valid_key(key):
        raise ValueError(f"bad draft key {key!r}")
    return folder / f"{key}.json"


def _lock_path(folder: Path, session: str) -> Path:
    return folder / f".session-{session}.lock"


class DraftSession:
    """The drafts of this running app. Open one per profile; `close()` when the app ends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        private_dir(folder)
        self.id = secrets.token_hex(8)
        self._lock: HeldLock | None = HeldLock(_lock_path(folder, self.id))

    @classmethod
    def for_store(cls, store: Store) -> DraftSession:
        return cls(drafts_folder(store))

    def close(self) -> None:
        """End the session (the app is closing normally). Drafts still there stay, and are
        offered at the next start like those of a crash."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def save(self, key: str, title: str, values: dict[str, Any], now: datetime) -> Path:
        """Write the draft of `key`, replacing this key's earlier one (atomic, private)."""
        data = {"format": FORMAT, "key": key, "title": title[:MAX_TITLE],
                "saved_at": now.isoformat(timespec="seconds"), "session": self.id,
                "values": values}
        body = json.dumps(data, ensure_ascii=False, allow_nan=False, sort_keys=True)
        path = _path(self.folder, key)
        write_atomic(path, body.encode("utf-8"), mode=PRIVATE_FILE)
        return path

    def discard(self, key: str) -> None:
        """Remove the draft of `key` (saved, or thrown away by the officer)."""
        with contextlib.suppress(FileNotFoundError):
            _path(self.folder, key).unlink()

    def get(self, key: str) -> Draft | None:
        return read_draft(_path(self.folder, key))

    def orphans(self) -> list[Draft]:
        """Drafts left by apps that no longer run (a crash, a power cut, a kill), newest
        first. Drafts of another app still running on this profile are not offered."""
        found = []
        alive: dict[str, bool] = {}
        for path in sorted(self.folder.glob("*.json")):
            draft = read_draft(path)
            if draft is None or draft.session == self.id:
                continue
            if draft.session not in alive:
                alive[draft.session] = is_held(_lock_path(self.folder, draft.session))
            if not alive[draft.session]:
                found.append(draft)
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def orphan(self, key: str) -> Draft | None:
        """The draft of `key` if an app that no longer runs left it."""
        draft = self.get(key)
        if draft is None or draft.session == self.id:
            return None
        return None if is_held(_lock_path(self.folder, draft.session)) else draft


def read_draft(path: Path) -> Draft | None:
    """A draft file, checked; None if it is missing, too large or not a draft."""
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            log.warning("draft too large, skipped: %s", path.name)
            return None
        data = strictjson.loads(path.read_bytes(), max_text=MAX_DRAFT_BYTES)
    except FileNotFoundError:
        return None
    except (OSError, strictjson.StrictJSONError) as exc:
        log.warning("draft unreadable, skipped: %s (%s)", path.name, exc)
        return None
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("format")
        key, title = data.get("key"), data.get("title")
        session, values = data.get("session"), data.get("values")
        if not isinstance(key, str) or not valid_key(key) or path.name != f"{key}.json":
            raise ValueError("key")
        if not isinstance(title, str) or len(title) > MAX_TITLE:
            raise ValueError("title")
        if not isinstance(session, str) or not _SESSION.match(session):
            raise ValueError("session")
        if not isinstance(values, dict):
            raise ValueError("values")
        saved_at = datetime.fromisoformat(str(data.get("saved_at")))
    except (ValueError, TypeError) as exc:
        log.warning("not a draft, skipped: %s (%s)", path.name, exc)
        return None
    return Draft(key, title, saved_at, values, session)


def dead_session_locks(folder: Path) -> list[Path]:
    """Session lock files no running app holds (older than a minute: a new one may not be
    locked yet). Their drafts stay: they are what the next start offers back."""
    found = []
    now = time.time()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        if not _LOCK.match(path.name):
            continue
        try:
            young = now - path.stat().st_mtime < YOUNG_LOCK_SECONDS
        except OSError:
            continue
        if not young and not is_held(path):
            found.append(path)
    return found


def remove_dead_session_locks(folder: Path) -> list[Path]:
    return remove(dead_session_locks(folder))
