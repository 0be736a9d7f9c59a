"""Where the bundled data lives: the repository in development, _MEIPASS when frozen."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs


def bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return bundle_root() / "forms"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("hoso", appauthor=False, roaming=True))
