"""`concierge-app sandbox serve` and `tokens` as real processes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from concierge_app.sandbox.server import SandboxServer

_LINE = "sandbox listening on http://127.0.0.1:"


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "concierge_app", "sandbox", *args]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        _command("serve", "--port", "0", "--state", str(tmp_path / "s.sqlite3")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    yield process, line
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_one_line_and_stops_cleanly(
    served: tuple[subprocess.Popen[str], str], stop: signal.Signals
) -> None:
    process, line = served
    assert line.startswith(_LINE), line
    url = line.removeprefix("sandbox listening on ").strip()

    answer = httpx.get(url + "/orders")
    process.send_signal(stop)
    rest, errors = process.communicate(timeout=30)

    assert answer.status_code == 401
    assert process.returncode == 0, errors
    assert rest == ""
    assert "Traceback" not in errors


def test_tokens_prints_a_json_array_one_object_per_line(
    sandbox: SandboxServer,
) -> None:
    done = subprocess.run(
        _command("tokens", "--url", sandbox.url, "--facility", "1"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    packages = json.loads(done.stdout)
    lines = done.stdout.splitlines()
    assert lines[0] == "["
    assert lines[-1] == "]"
    assert len(lines) == len(packages) + 2
    assert set(packages[0]) >= {
        "order_id",
        "fulfillment_id",
        "package_id",
        "token",
        "verdict",
    }
    assert {p["verdict"] for p in packages} == {
        "accepted",
        "already_received",
        "wrong_facility",
        "not_captured",
        "released_early",
    }


def test_tokens_can_filter_by_verdict(sandbox: SandboxServer) -> None:
    done = subprocess.run(
        _command("tokens", "--url", sandbox.url, "--verdict", "released_early"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert [p["verdict"] for p in json.loads(done.stdout)] == ["released_early"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["tokens", "--url", "http://127.0.0.1:9"], 5, "cannot reach the sandbox"),
        (["serve", "--host", "0.0.0.0"], 2, "--allow-remote"),
        (["serve", "--faults", "gremlins=1"], 2, "gremlins"),
        (["serve", "--port", "http"], 2, "port"),
    ],
)
def test_bad_input_is_one_clear_line(
    args: list[str], status: int, message: str
) -> None:
    done = subprocess.run(_command(*args), capture_output=True, text=True, timeout=60)

    assert done.returncode == status
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_binding_elsewhere_needs_the_flag_and_warns(tmp_path: Path) -> None:
    process = subprocess.Popen(
        _command("serve", "--host", "127.0.0.2", "--allow-remote", "--port", "0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=30)

    assert line.startswith("sandbox listening on http://127.0.0.2:")
    assert errors.startswith("warning: the sandbox listens on 127.0.0.2")
    assert process.returncode == 0
