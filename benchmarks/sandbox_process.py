"""A sandbox in its own process, so the desk's memory and CPU are its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

LISTENING = "sandbox listening on "


@contextmanager
def sandbox_process(*flags: str, timeout: float = 120.0) -> Iterator[str]:
    """Run `concierge-app sandbox serve --port 0 FLAGS`; yield its URL."""
    command: Sequence[str] = [
        sys.executable,
        "-m",
        "concierge_app",
        "sandbox",
        "serve",
        "--port",
        "0",
        *flags,
    ]
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        if not line.startswith(LISTENING):
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        yield line.removeprefix(LISTENING).strip()
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
