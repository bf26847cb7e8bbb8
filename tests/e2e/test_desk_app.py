"""End to end: the real `concierge-app` process on an X server, driven by keys.

The app runs under Xvfb with the xcb platform (the rest of the suite runs
offscreen); xdotool finds its window, logs in and scans by synthetic key
presses, exactly as a keyboard-wedge scanner would, and the sandbox's admin
API says whether the receipts arrived. There is no window manager, so the
window is focused explicitly before typing.

Once against a sandbox the test starts (`sandbox serve --port 0`) with a
temporary data folder, once with `--demo` and its in-process sandbox, whose
address the app prints on standard error.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from concierge_app.domain import token as token_scheme

LIMIT = 30.0
"""Seconds any one step may take before the test gives up (a hang)."""

_missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(_missing) and os.environ.get("CI", "").lower() != "true",
        reason=f"end-to-end needs {' and '.join(_missing)} (CI installs them)",
    ),
]


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A fresh Xvfb server; Xvfb picks a free display number itself."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as announced:
        number = announced.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(LIMIT)


def _env(tmp_path: Path, display: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_STATE_HOME=str(tmp_path / "state"),
        CONCIERGE_APP_USER_SETTINGS=str(tmp_path / "user.toml"),
        CONCIERGE_APP_MACHINE_SETTINGS=str(tmp_path / "machine.toml"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def _xdotool(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=LIMIT,
        check=True,
    )
    return result.stdout.strip()


def _window(env: dict[str, str], title: str) -> str:
    # Only a mapped window takes the focus: on a loaded machine a window can
    # be found by its name before it is shown, and windowfocus then fails.
    found = _xdotool(env, "search", "--sync", "--onlyvisible", "--name", title)
    return found.splitlines()[0]


def _type_into(env: dict[str, str], window: str, *keys: str) -> None:
    """Focus `window`, then type each text (or press a "+key" name)."""
    _xdotool(env, "windowfocus", "--sync", window)
    for key in keys:
        if key.startswith("+"):
            _xdotool(env, "key", key[1:])
        else:
            _xdotool(env, "type", "--delay", "1", key)


def _wait_for_receipt(url: str, token: str) -> None:
    digest = token_scheme.digest(token)
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        held = httpx.get(f"{url}/_sandbox/receipts", timeout=LIMIT).json()
        if any(r["token_sha256"] == digest for r in held["receipts"]):
            return
        time.sleep(0.2)
    pytest.fail("the sandbox never received the scanned package")


def _accepted_tokens(url: str) -> list[str]:
    packages = httpx.get(f"{url}/_sandbox/tokens", params={"facility": 1}).json()
    return [p["token"] for p in packages if p["verdict"] == "accepted"]


def _log_in_and_scan(env: dict[str, str], title: str, token: str) -> str:
    window = _window(env, title)
    _type_into(env, window, "concierge", "+Tab", "concierge", "+Return")
    # The title names who logged in once the desk page is up.
    desk = _window(env, "Giulia Conti")
    _type_into(env, desk, token, "+Return")
    return desk


def _quit(env: dict[str, str], window: str, app: subprocess.Popen[bytes]) -> None:
    _type_into(env, window, "+ctrl+q")
    with contextlib.suppress(subprocess.TimeoutExpired):
        app.wait(3)
    if app.poll() is None:
        # The status bar had not yet heard that the last receipt was sent:
        # the desk asks before closing; Enter waits for the sync.
        question = _window(env, "Receipts still queued")
        _type_into(env, question, "+Return")
    assert app.wait(LIMIT) == 0


@pytest.fixture
def sandbox_process(tmp_path: Path) -> Iterator[str]:
    """`concierge-app sandbox serve --port 0` in its own process; its URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "concierge_app", "sandbox", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    found = re.search(r"http://\S+", line)
    assert found, line
    yield found.group(0)
    server.terminate()
    server.wait(LIMIT)
    server.stdout.close()


def test_the_app_logs_in_and_scans_against_a_sandbox(
    display: str, sandbox_process: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, display)
    token = _accepted_tokens(sandbox_process)[0]
    log = (tmp_path / "app.err").open("w")
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "concierge_app",
            "--api-url",
            sandbox_process,
            "--data-dir",
            str(tmp_path / "desk-1"),
        ],
        env=env,
        stderr=log,
    )
    try:
        desk = _log_in_and_scan(env, "Receiving desk", token)
        _wait_for_receipt(sandbox_process, token)
        _quit(env, desk, app)
    finally:
        _stop(app)
        log.close()
    assert (tmp_path / "desk-1" / "store.sqlite3").exists()


def test_the_demo_starts_its_own_sandbox_and_receives(
    display: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, display)
    errors = tmp_path / "app.err"
    log = errors.open("w")
    app = subprocess.Popen(
        [sys.executable, "-m", "concierge_app", "--demo"], env=env, stderr=log
    )
    try:
        url = _demo_url(errors, app)
        accepted = _accepted_tokens(url)
        desk = _log_in_and_scan(env, "Receiving desk — DEMO", accepted[-1])
        _wait_for_receipt(url, accepted[-1])

        # Demo menu, first sample: the next package not yet received.
        _type_into(env, desk, "+alt+m", "+1")
        _wait_for_receipt(url, accepted[0])
        # The keyboard is back on the scan field: a typed scan goes through.
        _type_into(env, desk, accepted[-2], "+Return")
        _wait_for_receipt(url, accepted[-2])
        _quit(env, desk, app)
    finally:
        _stop(app)
        log.close()


def _demo_url(errors: Path, app: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        found = re.search(r"demo sandbox on (http://\S+)", errors.read_text())
        if found:
            return found.group(1)
        assert app.poll() is None, errors.read_text()
        time.sleep(0.1)
    pytest.fail("the demo never said where its sandbox is")


def _stop(app: subprocess.Popen[bytes]) -> None:
    if app.poll() is None:
        app.kill()
    app.wait(LIMIT)
