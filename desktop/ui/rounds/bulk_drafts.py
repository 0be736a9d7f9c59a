"""A bulk dialog's choice kept as a draft (issue 12: nothing lost): the ticks (a hundred of
them are minutes of work), the title, the kind and what was typed are written a moment after
each change, through the same draft files as the editors (operations.drafts: atomic, private),
offered back when the same dialog opens again or at the next start after a crash, and removed
when the choice is saved or the officer drops it.

A draft is read as hostile input: the subjects must be a bounded list of [kind, id] pairs, and
a subject that can no longer be chosen (registered meanwhile, gone) simply stays unticked.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.operations.drafts import Draft, DraftSession
from desktop.ui.drafts import DRAFT_DELAY_MS, DROP, RESTORE

log = logging.getLogger("hoso.ui.bulk_drafts")

MAX_TICKED = 20_000     # far above any unit; a longer list is not a draft of this app
MAX_ID = 10**12


def ticked_refs(value: object) -> list[SubjectRef]:
    """The [kind, id] pairs of a draft as subjects; anything else is refused (ValueError)."""
    if not isinstance(value, list) or len(value) > MAX_TICKED:
        raise ValueError("ticked")
    refs = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                and type(pair[1]) is int and 0 < pair[1] < MAX_ID):
            raise ValueError("ticked pair")
        refs.append(SubjectRef(SubjectKind(pair[0]), pair[1]))
    return refs


class KeepsDraft(Protocol):
    """What a bulk dialog gives its draft: whether there is a choice to keep, the choice as
    JSON values, how to put it back, and how to ask the officer."""

    def draft_title(self) -> str: ...
    def draft_dirty(self) -> bool: ...
    def draft_values(self) -> dict[str, Any]: ...
    def restore_draft_values(self, values: dict[str, Any]) -> None: ...
    def ask_restore(self, draft: Draft) -> str: ...


class BulkDrafts:
    """The draft side of a bulk dialog; the dialog calls `changed()` after each change."""

    def __init__(self, dialog: KeepsDraft, owner: QObject, ctx: Any, key: str) -> None:
        self.dialog = dialog
        self.key = key
        self.offered = False
        self.written = False   # this dialog wrote the draft (an orphan is not its to remove)
        self.session: DraftSession | None = None
        try:
            self.session = ctx.drafts
        except (OSError, AttributeError) as exc:    # a read-only profile: work without drafts
            log.warning("drafts unavailable: %s", exc)
        self.timer = QTimer(owner, singleShot=True, interval=DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.write)

    def changed(self) -> None:
        self.timer.start()

    def write(self) -> None:
        """Write the draft now (or remove it when nothing is chosen or typed any more)."""
        self.timer.stop()
        if self.session is None:
            return
        dialog = self.dialog
        try:
            if dialog.draft_dirty():
                self.session.save(self.key, dialog.draft_title(), dialog.draft_values(),
                                  datetime.now().astimezone())
                self.written = True
            elif self.written:
                self.session.discard(self.key)
                self.written = False
        except OSError as exc:     # a full disk: the dialog itself goes on working
            log.warning("bulk draft not written: %s", exc)

    def discard(self) -> None:
        """Remove the draft of this dialog (saved, dropped, or an orphan the officer drops)."""
        self.timer.stop()
        self.written = False
        if self.session is not None:
            try:
                self.session.discard(self.key)
            except OSError as exc:
                log.warning("bulk draft not removed: %s", exc)

    def drop_own(self) -> None:
        """Closed with nothing chosen: remove the draft only if this dialog wrote it (one a
        crashed app left and the officer put off stays for the next start)."""
        if self.written:
            self.discard()
        self.timer.stop()

    def restore(self, draft: Draft) -> None:
        """Put the draft back in the dialog; it now belongs to this session."""
        self.offered = True
        try:
            self.dialog.restore_draft_values(draft.values)
        except (TypeError, ValueError, KeyError) as exc:    # hostile or outdated
            log.warning("bulk draft not restored: %s", exc)
        self.write()

    def offer(self) -> None:
        """A draft of this dialog left by an app that no longer runs: ask, then restore."""
        self.offered = True
        if self.session is None:
            return
        draft = self.session.orphan(self.key)
        if draft is None:
            return
        answer = self.dialog.ask_restore(draft)
        if answer == RESTORE:
            self.restore(draft)
        elif answer == DROP:
            self.discard()
