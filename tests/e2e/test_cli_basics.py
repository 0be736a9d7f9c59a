"""The `hoso` command as an officer's machine runs it: a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
               "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(args, cwd=REPO, env=environ, capture_output=True, text=True,
                          encoding="utf-8", errors="strict", timeout=120, check=False)


def test_version(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "desktop", "--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"hoso {__version__}"


@pytest.mark.parametrize("command", [[sys.executable, "-m", "desktop", "--help"],
                                     [str(BIN / "hoso"), "--help"]],
                         ids=["python -m desktop", "hoso"])
def test_help_is_vietnamese(tmp_path: Path, command: list[str]) -> None:
    if not Path(command[0]).exists():
        pytest.skip("the hoso entry point is not installed in this environment")
    result = run(command, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Hồ sơ Khen thưởng" in result.stdout
    assert "xét điều kiện theo lô" in result.stdout
    assert "thư mục dữ liệu" in result.stdout
    assert result.stderr == ""


def test_help_in_a_c_locale(tmp_path: Path) -> None:
    """A bare Linux environment (LANG=C): Python's UTF-8 mode keeps Vietnamese printable."""
    result = run([sys.executable, "-m", "desktop", "--help"], tmp_path, LC_ALL="C", LANG="C",
                 PYTHONIOENCODING="")
    assert result.returncode == 0, result.stderr
    assert "Hồ sơ Khen thưởng" in result.stdout


def test_help_through_a_non_utf8_pipe(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "desktop", "--help"], tmp_path,
                 PYTHONIOENCODING="cp1252")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_eligibility_on_a_missing_file_exits_2_with_a_message(tmp_path: Path) -> None:
    missing = tmp_path / "không có.json"
    result = run([sys.executable, "-m", "desktop", "eligibility", str(missing)], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Lỗi:")
    assert "không có.json" in result.stderr


def test_help_follows_lang_en(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "desktop", "--lang", "en", "--help"], tmp_path)
    assert result.returncode == 0
    assert "commendation" in result.stdout
