"""Long work runs on a worker thread and comes back with its result or its error."""

from __future__ import annotations

import threading

from desktop.core.errors import UserError
from desktop.ui import runner


def test_result_comes_back_from_another_thread(qtbot):
    main = threading.get_ident()
    seen: list[int] = []

    def work() -> int:
        seen.append(threading.get_ident())
        return 42

    assert runner.run_with_progress(None, "…", work) == 42
    assert seen and seen[0] != main


def test_user_error_is_shown_not_raised(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(runner, "show_user_error", lambda _p, exc: shown.append(exc.message))

    def work() -> None:
        raise UserError("ổ đĩa đầy")

    assert runner.run_with_progress(None, "…", work) is None
    assert shown == ["ổ đĩa đầy"]


def test_bug_is_reported_with_details(qtbot, monkeypatch):
    bugs: list[BaseException] = []
    monkeypatch.setattr(runner, "show_bug", lambda _p, exc: bugs.append(exc))

    def work() -> None:
        raise ZeroDivisionError("x")

    assert runner.run_with_progress(None, "…", work) is None
    assert isinstance(bugs[0], ZeroDivisionError)
