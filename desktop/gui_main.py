"""Opening the window straight away: `hoso` without a command, as the Start-menu shortcut
runs it (hoso-gui.exe, desktop/__main__.py).

The command-line interface imports every command's modules to build its parser (packages,
JSON Schema, the rules: about half a second on an old PC), none of which the window needs
before its first paint. When the arguments are only --data-dir and --lang, the window opens
without them; anything else (a command, --help, --version, a mistake) goes to desktop.cli.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Sequence
from pathlib import Path


class _Quiet(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ValueError(message)  # the full CLI reports it


def gui_arguments(argv: Sequence[str]) -> tuple[Path | None, str] | None:
    """(data dir or None for the default, language) when `argv` asks for the window only."""
    parser = _Quiet(add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    try:
        args, rest = parser.parse_known_args(list(argv))
    except ValueError:  # a malformed option: the full CLI says what is wrong
        return None
    return None if rest else (args.data_dir, args.lang)


def actor_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def open_window(data_dir: Path | None, language: str) -> int:
    """Set the language, then run the app on `data_dir` (the user's data folder if None)."""
    from desktop.core.i18n import set_language
    from desktop.paths import default_data_dir, translations_dir

    set_language(language, translations_dir())
    from desktop.app import run_gui

    return run_gui(data_dir or default_data_dir(), language, actor_name())
