"""The two windows whose start-up the start-of-shift benchmark compares.

`python -m benchmarks.shift_child bare` shows a PySide6 window that does
nothing else. `python -m benchmarks.shift_child desk URL DIR` runs the real
`concierge-app --api-url URL --data-dir DIR` start-up, then logs in through
the login page as soon as it is shown, and closes once the desk is ready.
`python -m benchmarks.shift_child demo` does the same with the README's
first command, `concierge-app --demo` (its own sandbox, a temporary folder).
Each prints `NAME MONOTONIC-SECONDS` lines: `shown` when its first window is
exposed, and for the desk `ready` when the banner's "Ready to scan" frame
after the login is painted; with SHIFT_CHILD_CPU set, each is followed by
`cpu_NAME MILLISECONDS`, the main thread's CPU time so far. The monotonic
clock is the system's, so the parent compares it with its own.
"""

from __future__ import annotations

import os
import sys
import time

if sys.argv[1:2] in (["desk"], ["demo"]):
    # In the order `concierge-app` imports them: its command line before
    # Qt, which it loads only when the window starts. Once PySide6 is in,
    # its import hook reads the source of every module imported after it,
    # so loading Qt first here would charge the desk for work the real
    # command never does.
    import concierge_app.cli.main  # noqa: F401

from benchmarks.window_probe import (
    PaintProbe,
    QApplication,
    QEvent,
    QObject,
    QWidget,
)

CPU = bool(os.environ.get("SHIFT_CHILD_CPU"))
"""`benchmarks.shift_compare` also wants the main thread's CPU at each stamp."""


def say(name: str) -> None:
    """Print one timestamped line, at once (and the CPU line, when asked)."""
    print(f"{name} {time.monotonic():.6f}", flush=True)
    if CPU:
        print(f"cpu_{name} {time.thread_time() * 1000:.3f}", flush=True)


class FirstExposure(QObject):
    """Calls `then` once, when the application's first window is exposed."""

    def __init__(self, app: QApplication, then: object) -> None:
        super().__init__()
        self._then = then
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        exposed = getattr(watched, "isExposed", None)
        if event.type() == QEvent.Type.Expose and exposed is not None and exposed():
            self._app.removeEventFilter(self)
            say("shown")
            self._then()  # type: ignore[operator]
        return False


def bare() -> int:
    """A window that only shows itself; closes once it is exposed."""
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(800, 600)
    _exposure = FirstExposure(app, window.close)
    window.show()
    return app.exec()


def desk(arguments: list[str]) -> int:
    """The real desk start-up; log in at once, and close when ready."""
    app = QApplication(sys.argv[:1])
    from concierge_app.cli.main import main

    def log_in() -> None:
        from concierge_app.ui.main_window import DeskWindow

        window = next(w for w in app.topLevelWidgets() if isinstance(w, DeskWindow))

        def ready(_ok: object) -> None:
            probe_holder.append(PaintProbe(window.banner, painted))

        def painted(_ended: float) -> None:
            if not done:
                done.append(True)
                say("ready")
                window.close_without_asking()

        done: list[bool] = []
        probe_holder: list[PaintProbe] = []
        window.logged_in.connect(ready)
        view = window.login_view
        view.user_field.setText("concierge")
        view.password_field.setText("concierge")
        view.password_field.returnPressed.emit()

    _exposure = FirstExposure(app, log_in)
    return main(arguments)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        raise SystemExit(bare())
    if sys.argv[1] == "demo":
        raise SystemExit(desk(["--demo"]))
    raise SystemExit(desk(["--api-url", sys.argv[2], "--data-dir", sys.argv[3]]))
