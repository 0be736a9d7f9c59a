"""Fixtures for the package tests: keys, a small dossier, a built package, the stock tools."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pkgtools
import pytest

from desktop.core.package import minisign


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


@pytest.fixture(scope="session")
def keys() -> tuple[minisign.SecretKey, minisign.PublicKey]:
    return minisign.generate_keypair()


@pytest.fixture
def trusted(keys: tuple[minisign.SecretKey, minisign.PublicKey]) -> dict[str, minisign.PublicKey]:
    return {keys[1].key_id_hex: keys[1]}


@pytest.fixture(scope="session")
def package_dir(tmp_path_factory: pytest.TempPathFactory,
                keys: tuple[minisign.SecretKey, minisign.PublicKey]) -> Path:
    """One valid package, built once per session; tests copy it before changing anything."""
    folder = tmp_path_factory.mktemp("pkg")
    pkgtools.build(folder, keys[0])
    return folder / "out"


@pytest.fixture
def package(package_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "HSKT_XTL01_HS-2026-001_r1.zip"
    shutil.copyfile(package_dir / target.name, target)
    return target
