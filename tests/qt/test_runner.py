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


def test_a_damaged_page_met_while_reading_is_explained_not_called_a_bug(qtbot, monkeypatch,
                                                                        tmp_path):
    import sqlite3

    from desktop.core.store import open_store
    from desktop.ui import feedback

    store = open_store(tmp_path / "u.sqlite", create=True)
    shown: list[str] = []
    bugs: list[BaseException] = []
    monkeypatch.setattr(feedback, "show_user_error", lambda _p, exc: shown.append(exc.message))
    monkeypatch.setattr(feedback.QMessageBox, "exec", lambda _self: bugs.append(1))

    def read() -> None:
        exc = sqlite3.DatabaseError("database disk image is malformed")
        exc.sqlite_errorcode = sqlite3.SQLITE_CORRUPT  # as SQLite itself reports it
        raise exc

    assert feedback.attempt(None, read, store) is None
    assert len(shown) == 1 and "không đọc được" in shown[0]
    assert bugs == []  # no "unexpected error" box
    store.close()
