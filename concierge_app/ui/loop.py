"""Start-up and shutdown on the qasync loop, and the gateway for background work.

`run_app` owns the order of events at both ends of the app's life. The Qt
application never quits by itself: quitting on the last closed window would
end the Qt loop while coroutines still have resources to close (the httpx
client, the store), so instead the main coroutine waits for
`last_window_closed`, closes what it opened while the loop still runs, and
returns its exit status.

`Background` is the one way ui code starts a coroutine: it keeps a reference
to each task, and routes every failure to one handler.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any, TypeVar, cast

import qasync

from concierge_app.ui.qt import (
    QApplication,
    QGuiApplication,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from concierge_app.ui.resources import app_icon

logger = logging.getLogger(__name__)

T = TypeVar("T")

Main = Callable[[QApplication], Awaitable[int]]


def run_app(main: Main, argv: Sequence[str] | None = None) -> int:
    """Run `main(app)` on a qasync loop and return its exit status.

    `main` shows its windows, awaits `last_window_closed(app)`, closes its
    async resources, and returns. The loop is still running for all of it.
    """
    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app = cast(QApplication, app)
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    # Ties the windows to the installed .desktop entry (its icon and name).
    app.setDesktopFileName("concierge-app")

    async def _main() -> int:
        return await main(app)

    # asyncio.run has no loop_factory before 3.12; Runner has it since 3.11.
    # TODO: Ctrl+C in a terminal waits for the next Qt event to be noticed,
    # because Python only runs its signal handler between bytecodes.
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        status = runner.run(_main())
    logger.info("The desk closed with status %d", status)
    return status


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

_qt_logger = logging.getLogger("concierge_app.qt")


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    _qt_logger.log(_QT_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)


def send_qt_messages_to_log() -> None:
    """Route Qt's own messages to the support log instead of standard error.

    Qt reports what the desk cannot act on (no sound server, say) on
    standard error, where nobody at a front desk sees it; support does.
    """
    qInstallMessageHandler(_log_qt_message)


async def last_window_closed(app: QGuiApplication) -> None:
    """Return once the application's last visible window has closed."""
    closed = asyncio.Event()
    on_closed = closed.set
    app.lastWindowClosed.connect(on_closed)
    try:
        await closed.wait()
    finally:
        app.lastWindowClosed.disconnect(on_closed)


ErrorHandler = Callable[[str, BaseException], None]


class Background:
    """Starts the ui's coroutines as tasks on the running loop.

    A task's result goes to its `on_done` callback; an exception goes to the
    one `on_error` handler, with the short description of what failed. The
    ui thread never waits for a task.
    """

    def __init__(self, on_error: ErrorHandler) -> None:
        self._on_error = on_error
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def pending(self) -> int:
        """How many started tasks have not finished yet."""
        return len(self._tasks)

    def start(
        self,
        what: str,
        coro: Coroutine[Any, Any, T],
        on_done: Callable[[T], None] | None = None,
    ) -> asyncio.Task[T]:
        """Run `coro` as a task; `what` names it in the log and for the handler."""
        task = asyncio.get_running_loop().create_task(coro, name=what)
        self._tasks.add(task)

        def finished(done: asyncio.Task[T]) -> None:
            self._tasks.discard(done)
            if done.cancelled():
                return
            error = done.exception()
            if error is not None:
                logger.error("%s failed", what, exc_info=error)
                self._on_error(what, error)
                return
            if on_done is not None:
                on_done(done.result())

        task.add_done_callback(finished)
        return task

    def cancel_all(self) -> None:
        """Cancel every task still running (the window is going away)."""
        for task in list(self._tasks):
            task.cancel()

    async def cancel_and_wait(self) -> None:
        """Cancel every task still running and wait until each has ended."""
        tasks = list(self._tasks)
        self.cancel_all()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
