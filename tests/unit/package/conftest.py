"""Fixtures for the package tests: keys, a small dossier, a built package, the stock tools."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest


def _require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"'{name}' is not installed: run scripts/system-deps.sh "
                    "(it installs minisign and age) and run the tests again.")
    return found


@pytest.fixture
def require_tool() -> Callable[[str], str]:
    """The path of a standard tool the tests check our output against; a missing tool is a
    failure (never a silent skip): the agreement with the standard tools is the point."""
    return _require_tool
