"""Fixtures for the renderer tests: the repository's page format and fonts, registered once."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.documents.fonts import FontSet, register_fonts
from desktop.core.documents.format import PageFormat, load_format

REPO = Path(__file__).resolve().parents[3]
FORMAT_FILE = REPO / "forms" / "documents" / "format.toml"
FONTS_DIR = REPO / "resources" / "fonts"


@pytest.fixture(scope="session")
def fmt() -> PageFormat:
    return load_format(FORMAT_FILE)


@pytest.fixture(scope="session")
def fonts(fmt: PageFormat) -> FontSet:
    return register_fonts(FONTS_DIR, fmt)
