"""What every window needs, passed in by the composition root (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.model import Unit


@dataclass
class AppContext:
    store: object  # desktop.core.store.Store; typed loosely so ui never imports core.store
    catalog: Catalog
    actor: str
    data_dir: Path
    profile_id: str
    today: Callable[[], date]

    def unit(self) -> Unit | None:
        from desktop.core.operations.registry import get_unit

        return get_unit(self.store)  # type: ignore[arg-type]
