"""The command line: the desk parses without the command modules, commands with."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from concierge_app.cli import main as cli_main

PROBE = """
import sys
from concierge_app.cli.main import parse
args = parse(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.endswith("_command") and "cli" in m)
print(args.run.__module__, args.api_url, " ".join(loaded))
"""


def _probe(*words: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *words],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def test_the_desk_parses_without_importing_the_commands(tmp_path: Path) -> None:
    line = _probe("--api-url", "https://api.example", "--data-dir", str(tmp_path))

    assert line == (
        "concierge_app.cli.main https://api.example concierge_app.cli.desk_command"
    )


def test_a_command_still_gets_its_own_parser(tmp_path: Path) -> None:
    args = cli_main.parse(["queue", "--data-dir", str(tmp_path)])

    assert args.run.__module__ == "concierge_app.cli.queue_command"
    assert args.data_dir == tmp_path


def test_a_bad_desk_option_is_told_by_the_whole_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as ended:
        cli_main.parse(["--api-url"])

    assert ended.value.code == 2
    error = capsys.readouterr().err
    assert "COMMAND" in error
    assert "--api-url: expected one argument" in error


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli_main.parse(["--help"])

    shown = capsys.readouterr().out
    for name in ("receive", "sync", "queue", "audit", "diagnostics", "sandbox"):
        assert name in shown
