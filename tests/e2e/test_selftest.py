"""`hoso selftest`: the installation check the frozen build runs (and support staff can ask for)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest

ROOT = Path(__file__).resolve().parents[2]


def _headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH")}
    env.update(extra)
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args, "selftest"], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)


def test_selftest_passes_from_source_without_a_display() -> None:
    done = _run(_headless_env())
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for title in ("Danh mục danh hiệu (forms/)", "Phông chữ đi kèm, PDF tiếng Việt",
                  "Bản dịch giao diện", "SQLite có FTS5", "Tạo tệp dữ liệu mới",
                  "Qt vẽ chữ tiếng Việt", "Xem trước và in", "Các cách lưu khóa của keyring",
                  "Kho khóa của hệ điều hành", "Không có kho khóa văn bản thường"):
        assert any(title in line for line in lines), (title, done.stdout)
    assert not any(line.startswith("✗") for line in lines), done.stdout
    assert "nền offscreen" in done.stdout  # chose the offscreen platform by itself
    assert lines[-1] == "Tự kiểm tra: đạt."


def test_selftest_speaks_english_when_asked() -> None:
    done = _run(_headless_env(), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Self-test: passed." in done.stdout
    assert "Bundled fonts, Vietnamese PDF" in done.stdout


def test_selftest_fails_when_keyrings_alt_is_importable(tmp_path: Path) -> None:
    fake = tmp_path / "keyrings" / "alt"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    done = _run(_headless_env(PYTHONPATH=str(tmp_path)))
    assert done.returncode == 1, done.stdout
    assert any(line.startswith("✗ Không có kho khóa văn bản thường") and "keyrings.alt" in line
               for line in done.stdout.splitlines()), done.stdout


def test_missing_fonts_are_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fonts").mkdir()
    monkeypatch.setattr(selftest, "resources_dir", lambda: tmp_path)
    with pytest.raises(selftest.CheckFailed, match=r"LiberationSerif-Regular\.ttf"):
        selftest.check_fonts()


def test_only_required_failures_fail_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> selftest.Outcome:
        raise OSError("đĩa hỏng")

    def optional() -> selftest.Outcome:
        return selftest.Outcome(False, "không có", required=False)

    monkeypatch.setattr(selftest, "checks", lambda: [("Tùy chọn", optional)])
    out = io.StringIO()
    assert selftest.run_selftest(out) == 0
    assert "• Tùy chọn: không có" in out.getvalue()

    monkeypatch.setattr(selftest, "checks", lambda: [("Tùy chọn", optional), ("Hỏng", broken)])
    out = io.StringIO()
    assert selftest.run_selftest(out) == 1
    assert "✗ Hỏng: OSError: đĩa hỏng" in out.getvalue()
    assert out.getvalue().splitlines()[-1] == "Tự kiểm tra: KHÔNG ĐẠT, 1 mục lỗi."


def test_a_safe_keyring_gets_a_round_trip_that_leaves_nothing_behind() -> None:
    from desktop.core.secrets import MemoryKeyring

    backend = MemoryKeyring()
    outcome = selftest.check_keyring(backend)
    assert outcome.ok, outcome.detail
    assert "MemoryKeyring: an toàn" in outcome.detail
    assert backend._data == {}


def test_an_unsafe_keyring_is_reported_not_failed() -> None:
    from keyring.backends import fail

    outcome = selftest.check_keyring(fail.Keyring())
    assert not outcome.ok and not outcome.required
    assert "keyring.backends.fail.Keyring" in outcome.detail
