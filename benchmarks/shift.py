"""Start of shift: the desk's start-up against a bare PySide6 window's.

Both run as child processes (`benchmarks.shift_child`), alternately, several
times each; the parent times from `Popen` to the line each child prints when
its window is first exposed, and for the desk to the first frame of the
desk page after the login it makes at once. The figures are medians, over
the bare window's median measured in the same run. The demo
(`concierge-app --demo`, which starts its own sandbox) is timed the same
way, in the same rounds; it has no target of its own.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.report import Figure
from benchmarks.sandbox_process import sandbox_process

TARGET = 1.5


def start_child(
    command: list[str], env: dict[str, str], cwd: Path | None = None
) -> dict[str, float]:
    """Run one child to its end; its stamps in ms since `Popen`.

    `cpu_` lines (the child's own CPU seconds, when asked for) are kept as
    they came.
    """
    started = time.monotonic()
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=cwd,
    )
    # A desk that never gets ready (a refused login, say) is ended, not
    # waited for: reading its output would block for ever.
    watchdog = threading.Timer(120, child.kill)
    watchdog.start()
    stamps: dict[str, float] = {}
    try:
        assert child.stdout is not None
        for line in child.stdout:
            name, _, value = line.partition(" ")
            if name.startswith("cpu_"):
                stamps[name] = float(value)
            else:
                stamps[name] = (float(value) - started) * 1000
    finally:
        status = child.wait()
        watchdog.cancel()
    if status != 0:
        raise RuntimeError(f"{command} ended with status {status}")
    return stamps


def run(*, quick: bool) -> list[Figure]:
    """Median start-ups of each, and their ratios to the bare window."""
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory() as folder, sandbox_process() as url:
        # An installed desk runs compiled modules (pip and the frozen build
        # write them): a shell that forbids the bytecode cache would charge
        # every start for compiling the app's modules again.
        inherited = {
            key: value
            for key, value in os.environ.items()
            if key != "PYTHONDONTWRITEBYTECODE"
        }
        env = {
            **inherited,
            "CONCIERGE_APP_MACHINE_SETTINGS": str(Path(folder) / "machine.toml"),
            "CONCIERGE_APP_USER_SETTINGS": str(Path(folder) / "user.toml"),
            "CONCIERGE_APP_LOG_DIR": str(Path(folder) / "log"),
            # Never a real keyring: the desk keeps its session in memory.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        bare_command = [sys.executable, "-m", "benchmarks.shift_child", "bare"]
        desk_command = [
            sys.executable,
            "-m",
            "benchmarks.shift_child",
            "desk",
            url,
            str(Path(folder) / "desk"),
        ]
        demo_command = [sys.executable, "-m", "benchmarks.shift_child", "demo"]
        # One of each unmeasured: the first desk creates its store, and
        # all load the files the others then find in the page cache.
        start_child(bare_command, env)
        start_child(desk_command, env)
        start_child(demo_command, env)
        bare, shown, ready, demo_shown, demo_ready = [], [], [], [], []
        for _ in range(repeats):
            bare.append(start_child(bare_command, env)["shown"])
            desk = start_child(desk_command, env)
            shown.append(desk["shown"])
            ready.append(desk["ready"])
            demo = start_child(demo_command, env)
            demo_shown.append(demo["shown"])
            demo_ready.append(demo["ready"])

    base = statistics.median(bare)
    details = {
        "repeats": repeats,
        "bare_ms": [round(v) for v in bare],
        "login_shown_ms": [round(v) for v in shown],
        "ready_ms": [round(v) for v in ready],
        "demo_login_shown_ms": [round(v) for v in demo_shown],
        "demo_ready_ms": [round(v) for v in demo_ready],
    }
    return [
        Figure("shift", "bare PySide6 window shown", base, "ms", details=details),
        Figure(
            "shift", "login page shown", statistics.median(shown), "ms", details=details
        ),
        Figure(
            "shift",
            "login page shown over bare window",
            statistics.median(shown) / base,
            "x",
            target=TARGET,
            details=details,
        ),
        Figure(
            "shift",
            "ready to scan after login",
            statistics.median(ready),
            "ms",
            details=details,
        ),
        Figure(
            "shift",
            "ready to scan over bare window",
            statistics.median(ready) / base,
            "x",
            target=TARGET,
            details=details,
        ),
        Figure(
            "shift",
            "demo login page shown",
            statistics.median(demo_shown),
            "ms",
            details=details,
        ),
        Figure(
            "shift",
            "demo login page shown over bare window",
            statistics.median(demo_shown) / base,
            "x",
            details=details,
        ),
        Figure(
            "shift",
            "demo ready to scan after login",
            statistics.median(demo_ready),
            "ms",
            details=details,
        ),
    ]
