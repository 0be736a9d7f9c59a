"""What every window needs, passed in by the composition root (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.model import Unit

if TYPE_CHECKING:  # the UI passes the store along but never calls into core.store itself
    from desktop.core.catalog import Catalog  # imported with forms/, after the first paint
    from desktop.core.operations.drafts import DraftSession
    from desktop.core.store import Store


class AppContext:
    """The open profile and its dependencies.

    `catalog` may be given as a loader: parsing forms/ takes ~80 ms, which the window does not
    need before its first paint, so the composition root defers it to first use.
    """

    def __init__(self, store: Store, catalog: Catalog | Callable[[], Catalog], actor: str,
                 data_dir: Path, profile_id: str, today: Callable[[], date]) -> None:
        self.store = store
        # a Catalog is a frozen dataclass, never callable; a loader is
        self._catalog = None if callable(catalog) else catalog
        self._load_catalog = catalog if callable(catalog) else None
        self.actor = actor
        self.data_dir = data_dir
        self.profile_id = profile_id
        self.today = today
        self._drafts: DraftSession | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            assert self._load_catalog is not None
            self._catalog = self._load_catalog()
        return self._catalog

    @property
    def drafts(self) -> DraftSession:
        """This app's drafts of unsaved editors (opened on first use; OSError if the
        profile folder cannot be written)."""
        if self._drafts is None:
            from desktop.core.operations.drafts import DraftSession

            self._drafts = DraftSession.for_store(self.store)
        return self._drafts

    def close_drafts(self) -> None:
        if self._drafts is not None:
            self._drafts.close()
            self._drafts = None

    def reload_catalog(self) -> None:
        """Read forms/ and the installed law packs again (after a pack is installed or rolled
        back); without a loader (tests), the given catalog stays."""
        if self._load_catalog is not None:
            self._catalog = None

    def unit(self) -> Unit | None:
        from desktop.core.operations.registry import get_unit

        return get_unit(self.store)
