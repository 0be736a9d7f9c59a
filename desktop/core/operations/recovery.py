"""What a killed process left behind, put right when a profile is opened.

SQLite keeps the database whole by itself (a transaction is there completely or not at all).
The files next to it are this module's job:

- an export or a reception killed between naming its file and committing its record leaves
  an intent marker (core.files.intent): the file is removed if the database does not record
  it, so no package is there that verifies but was never recorded;
- temporary `.part` files and `hoso-<kind>-<pid>-…` temporary folders of processes that no
  longer run are removed (a temporary folder may hold a dossier's documents);
- the session locks of apps that no longer run are removed from the drafts folder; their
  drafts are kept, since they are what the next start offers back (operations.drafts).

Files a running process is still writing (another window, a command in a terminal) are left
alone: their names carry that process's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.files import remove, stale_intents, stale_parts, stale_temp_dirs
from desktop.core.operations.drafts import DRAFTS_DIR, remove_dead_session_locks
from desktop.core.store import Store

EXPORTS_DIR = "exports"
RECEIVED_DIR = "received"
# The profile's folders that hold files the app writes through temporary files.
PROFILE_FOLDERS = ("", EXPORTS_DIR, RECEIVED_DIR, "backups", "attachments", "documents",
                   DRAFTS_DIR)


@dataclass(frozen=True)
class Recovery:
    removed: tuple[Path, ...] = ()     # leftovers and unrecorded files, removed

    @property
    def anything(self) -> bool:
        return bool(self.removed)


def recover_profile(store: Store, data_dir: Path | None = None) -> Recovery:
    """Put right what a killed process left in the profile (and in `data_dir` and the
    system's temp folder); returns what was removed. Never raises for a file it cannot
    remove (it is tried again at the next start)."""
    folder = store.path.parent
    removed: list[Path] = []
    exports = stale_intents(folder / EXPORTS_DIR)
    received = stale_intents(folder / RECEIVED_DIR)
    if exports or received:
        # Only after a killed export or receipt: the packages' repository (its module and
        # the query) stays out of every ordinary start-up (issue 16).
        from desktop.core.store import packages as repo

        recorded = {row.file_name for row in repo.exported_packages(store.db)}
    for marker, target in exports:
        if target.name not in recorded:
            printed = target.with_name(f"{target.stem}_to_trinh_in.pdf")
            removed += remove([p for p in (target, printed) if p.exists()])
        remove([marker])
    for marker, target in received:
        if target.exists() and repo.received_by_sha(store.db, target.stem) is None:
            removed += remove([target])
        remove([marker])
    leftovers: list[Path] = []
    for name in PROFILE_FOLDERS:
        leftovers += stale_parts(folder / name if name else folder)
    if data_dir is not None:
        leftovers += stale_parts(data_dir)
    leftovers += stale_temp_dirs()
    removed += remove(leftovers)
    removed += remove_dead_session_locks(folder / DRAFTS_DIR)
    return Recovery(tuple(removed))
