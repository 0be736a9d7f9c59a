"""The window opens without the command-line interface only when nothing else is asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.gui_main import gui_arguments


def test_only_data_dir_and_language_open_the_window_directly() -> None:
    assert gui_arguments([]) == (None, "vi")
    assert gui_arguments(["--data-dir", "D:/Hồ sơ", "--lang", "en"]) == (Path("D:/Hồ sơ"), "en")
    assert gui_arguments(["--data-dir=x"]) == (Path("x"), "vi")
    for argv in (["demo"], ["--help"], ["--version"], ["--lang", "fr"], ["--data"],
                 ["eligibility", "x.json"], ["--data-dir"]):
        assert gui_arguments(argv) is None, argv


def test_a_command_still_reaches_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("hoso ")
