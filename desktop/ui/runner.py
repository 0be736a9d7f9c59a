"""Long work off the UI thread, with a progress dialog the officer can see.

The window stays painted and responsive while a bulk operation (an import, eligibility for a
whole unit) runs; the dialog is modal, so nothing else changes the data meanwhile, and it
appears only if the work takes longer than a moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.ui.feedback import show_bug, show_user_error

SHOW_AFTER_MS = 400


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)   # done, total: emitted on the worker, shown on the UI


class _Job(QRunnable):
    """The work, run once on a pool thread.

    Not auto-deleted: the pool would delete it on the worker thread, dropping the last
    references to whatever the work closed over (an unparented dialog, say) there, and
    PySide crashes when a widget's wrapper dies off the UI thread (seen as a rare segfault in
    the import wizard's tests). `_run` keeps the job and releases it on the UI thread.
    """

    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work: Callable[[], Any] | None = work
        self.signals = signals

    def run(self) -> None:
        work = self.work
        assert work is not None
        try:
            result = work()
        except BaseException as exc:  # handed to the UI thread, never lost
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run `work` on a worker thread; return its result, or None after showing the error."""
    return _run(parent, label, lambda _report: work())


def run_with_steps(parent: QWidget | None, label: str,
                   work: Callable[[Callable[[int, int], None]], Any]) -> Any:
    """Like run_with_progress, for long work that says how far it is: `work` is given
    `report(done, total)` and the dialog shows a filling bar instead of a busy one."""
    return _run(parent, label, work, steps=True)


def _run(parent: QWidget | None, label: str,
         work: Callable[[Callable[[int, int], None]], Any], steps: bool = False) -> Any:
    signals = _Signals()
    report = signals.progressed.emit
    job = _Job(lambda: work(report), signals)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    def finished(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    signals.finished.connect(finished)
    signals.failed.connect(failed)

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(_("Đang xử lý"))
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.reset()
    if steps:
        dialog.setMinimumDuration(SHOW_AFTER_MS)  # setValue would show it at once

        def show_step(done: int, total: int) -> None:
            dialog.setRange(0, max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        signals.progressed.connect(show_step)
    timer = QTimer(singleShot=True, interval=SHOW_AFTER_MS)
    timer.timeout.connect(dialog.show)
    timer.start()

    # A pool of its own, so waitForDone() waits for this job alone: once it returns the
    # worker holds no Python reference, and what the work closed over is released below, on
    # the UI thread.
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.start(job)
    loop.exec()
    pool.waitForDone()
    timer.stop()
    dialog.close()
    job.work = None

    error = outcome.get("error")
    if isinstance(error, UserError):
        show_user_error(parent, error)
        return None
    if error is not None:
        show_bug(parent, error)
        return None
    return outcome.get("result")
