"""What every window needs, passed in by the composition root (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.catalog import Catalog
from desktop.core.model import Unit

if TYPE_CHECKING:  # the UI passes the store along but never calls into core.store itself
    from desktop.core.store import Store


@dataclass
class AppContext:
    store: Store
    catalog: Catalog
    actor: str
    data_dir: Path
    profile_id: str
    today: Callable[[], date]

    def unit(self) -> Unit | None:
        from desktop.core.operations.registry import get_unit

        return get_unit(self.store)
