"""How Qt tests share one qasync loop with pytest-qt's QApplication.

Registered for the whole suite through `pytest_plugins` in tests/conftest.py,
so any test folder can drive widgets on the loop; nothing here starts until
a test asks for one of these fixtures, so other layers' anyio tests keep
their own loops.

pytest-qt makes one QApplication for the session (`qapp`). On it sits one
qasync loop for the whole session, created as already running: its tasks
step whenever Qt processes events, whether in `run(...)` below or in
pytest-qt's own `waitSignal` and `waitUntil`. The loop is never stopped
nor closed: qasync's `stop()` calls `QApplication.exit()`, after which every
nested Qt event loop returns at once and every later `waitSignal` times out
(pytest-qt issues #37 and #323). `SharedLoop` refuses both, loudly.

Fixtures:
- `qloop`: the shared loop, made the running loop for one test.
- `run`: `run(coro)` runs a coroutine to its end on that loop while Qt
  processes events, and returns its result.
- `clock`: a `FakeClock` to inject where widgets measure key timing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from concierge_app.ui import translations
from tests.keyboard import FakeClock

T = TypeVar("T")

RUN_LIMIT = 30.0
"""Seconds after which `run` gives up on a coroutine (a hang, not a speed test)."""


class SharedLoop(qasync.QEventLoop):  # type: ignore[misc]
    """The session's qasync loop, which no test may stop or close."""

    def stop(self) -> None:
        raise RuntimeError(
            "The shared test loop must not be stopped: qasync would quit the "
            "QApplication and break every later test. Use the `run` fixture."
        )

    def close(self) -> None:
        raise RuntimeError("The shared test loop lives for the whole session.")

    def run_until_complete(self, future: Any) -> Any:
        raise RuntimeError("Use the `run` fixture: the shared loop is always running.")


@pytest.fixture(scope="session")
def english(qapp: QApplication) -> QApplication:
    """The application in English, with its plural forms, as the desk starts."""
    translations.install(qapp, "en")
    return qapp


@pytest.fixture(scope="session")
def shared_loop(english: QApplication) -> SharedLoop:
    qapp = english
    # As in the app (ui.loop.run_app): closing a test's window must never
    # quit the application under the other tests.
    qapp.setQuitOnLastWindowClosed(False)
    loop = SharedLoop(qapp, already_running=True)
    # WORKAROUND: qasync's already-running mode makes the loop the running
    # loop of the thread for good; `qloop` sets it per test instead, so the
    # tests of other layers can still call asyncio.run().
    asyncio.events._set_running_loop(None)
    return loop


@pytest.fixture
def qloop(shared_loop: SharedLoop) -> Iterator[SharedLoop]:
    asyncio.events._set_running_loop(shared_loop)
    try:
        yield shared_loop
    finally:
        _cancel_leftovers(shared_loop)
        asyncio.events._set_running_loop(None)


def _cancel_leftovers(loop: SharedLoop) -> None:
    # A task left running would step in a later test; end it here.
    leftovers = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in leftovers:
        task.cancel()
    if leftovers:
        _spin_until(loop, asyncio.gather(*leftovers, return_exceptions=True))


def _spin_until(loop: SharedLoop, future: asyncio.Future[T]) -> None:
    waiter = QEventLoop()
    future.add_done_callback(lambda _done: waiter.quit())
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(waiter.quit)
    limit.start(int(RUN_LIMIT * 1000))
    if not future.done():
        waiter.exec()
    limit.stop()


@pytest.fixture
def run(qloop: SharedLoop) -> Callable[[Awaitable[T]], T]:
    def _run(awaitable: Awaitable[T]) -> T:
        future = asyncio.ensure_future(awaitable, loop=qloop)
        _spin_until(qloop, future)
        if not future.done():
            future.cancel()
            pytest.fail(f"the coroutine did not finish within {RUN_LIMIT} s")
        return future.result()

    return _run


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
