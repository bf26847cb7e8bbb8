"""Start-up and shutdown on the qasync loop, the shared test loop, Background."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from concierge_app.ui.loop import Background

_APP = textwrap.dedent(
    """
    import asyncio, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import httpx
    from concierge_app.ui.loop import last_window_closed, run_app
    from concierge_app.ui.qt import QTimer, QWidget

    async def main(app):
        client = httpx.AsyncClient()
        # A task nobody ends: the runner must cancel it without complaint.
        forgotten = asyncio.get_running_loop().create_task(asyncio.sleep(3600))
        window = QWidget()
        window.setWindowTitle("shutdown probe")
        window.show()
        QTimer.singleShot(0, window.close)
        await last_window_closed(app)

        # The loop still runs: the client closes inside it.
        loop = asyncio.get_running_loop()
        await client.aclose()
        await asyncio.sleep(0.01)
        print("closed", client.is_closed, type(loop).__name__, loop.is_running())
        return int(sys.argv[1])

    raise SystemExit(run_app(main))
    """
)


@pytest.mark.parametrize("status", [0, 3])
def test_the_app_closes_its_async_resources_inside_the_running_loop(
    status: int,
) -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", _APP, str(status)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.stderr == ""
    assert result.stdout.split() == ["closed", "True", "QSelectorEventLoop", "True"]
    assert result.returncode == status


class _Source(QObject):
    fired = Signal()


def test_the_shared_loop_keeps_pytest_qt_waits_working(qtbot, run) -> None:
    async def twice() -> int:
        await asyncio.sleep(0.001)
        return 2

    assert run(twice()) == 2

    source = _Source()
    QTimer.singleShot(1, source.fired.emit)
    with qtbot.waitSignal(source.fired, timeout=5000):
        pass
    assert run(twice()) == 2


def test_tasks_of_the_shared_loop_step_inside_pytest_qt_waits(qtbot, qloop) -> None:
    done = []

    async def later() -> None:
        await asyncio.sleep(0.001)
        done.append(True)

    qloop.create_task(later())
    qtbot.waitUntil(lambda: done == [True], timeout=5000)


def test_the_shared_loop_refuses_to_stop(qloop) -> None:
    with pytest.raises(RuntimeError, match="must not be stopped"):
        qloop.stop()


def test_background_routes_a_failure_to_the_one_handler(run) -> None:
    failures: list[tuple[str, str]] = []
    results: list[int] = []
    background = Background(lambda what, error: failures.append((what, str(error))))

    async def broken() -> int:
        raise ValueError("no such thing")

    async def fine() -> int:
        return 7

    async def scenario() -> None:
        started = [
            background.start("broken thing", broken(), results.append),
            background.start("fine thing", fine(), results.append),
        ]
        await asyncio.gather(*started, return_exceptions=True)

    run(scenario())

    assert failures == [("broken thing", "no such thing")]
    assert results == [7]
    assert background.pending == 0


def test_background_cancel_and_wait_ends_every_task(run) -> None:
    background = Background(lambda what, error: None)
    ended: list[str] = []

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            ended.append("forever")

    async def scenario() -> None:
        background.start("forever", forever())
        await asyncio.sleep(0)
        await background.cancel_and_wait()

    run(scenario())

    assert ended == ["forever"]
    assert background.pending == 0
