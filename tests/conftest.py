"""Shared fixtures for every tier. Tier-specific fixtures live in their own folders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog, load_catalog
from desktop.core.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(REPO / "forms")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "unit.sqlite", create=True)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def today() -> date:
    """A fixed "today", so no test depends on the day it runs."""
    return date(2026, 11, 23)
