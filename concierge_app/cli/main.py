"""Entry point of `concierge-app`: parse the command line and run one command.

With no sub-command the desk window opens. Every sub-command lives in its own
module of this package and registers itself through `COMMANDS`. Errors the
user can act on are one line on standard error with a documented exit
status (see `exit_codes`); they never end in a traceback. Anything else is a
bug: its traceback goes to the support log and the user gets one line that
names the log file.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from concierge_app import __version__
from concierge_app.cli import desk_command, exit_codes, self_test, support_log
from concierge_app.cli.errors import CommandError

logger = logging.getLogger(__name__)

LOG_DIR_VARIABLE = "CONCIERGE_APP_LOG_DIR"
"""Overrides the support log's folder (tests, and support on a shared machine)."""


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line, with one sub-parser per command module.

    Without `commands`, only the top-level options: the desk's and
    `--self-test`, which need none of the command modules.
    """
    kind = argparse.ArgumentParser if commands else _TopLevelOnly
    parser = kind(
        prog="concierge-app",
        description="Receiving desk for concierges: scan packages, register receipts.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    desk_command.add_arguments(parser)
    parser.set_defaults(run=_run_desk)
    self_test.add_arguments(parser)
    if commands:
        subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
        for module in _command_modules():
            module.register(subparsers)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line's arguments, importing the command modules only if needed."""
    words = list(sys.argv[1:] if argv is None else argv)
    # The desk starts from the top-level options alone; importing and
    # registering every command first would hold its window back by tens
    # of milliseconds. Anything they do not take (a command's name, a typo)
    # and any help goes to the whole command line, which says it right.
    if not any(word in ("-h", "--help") for word in words):
        try:
            args, rest = build_parser(commands=False).parse_known_args(words)
        except _WholeLineNeeded:
            rest = words
        if not rest:
            return args
    return build_parser().parse_args(words)


class _WholeLineNeeded(Exception):
    """The top-level options alone cannot parse these words."""


class _TopLevelOnly(argparse.ArgumentParser):
    """The top-level options; an error is for the whole command line to tell."""

    def error(self, message: str) -> NoReturn:
        raise _WholeLineNeeded(message)


def _command_modules() -> list[ModuleType]:
    # Each command module is imported only here, so a newcomer finds every
    # command in one list.
    from concierge_app.cli import (
        audit_command,
        diagnostics_command,
        queue_command,
        receive_command,
        report_command,
        sandbox_command,
        sync_command,
    )

    return [
        receive_command,
        sync_command,
        queue_command,
        audit_command,
        report_command,
        diagnostics_command,
        sandbox_command,
    ]


def _run_desk(args: argparse.Namespace) -> int:
    return desk_command.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = parse(argv)
    log_file = _install_support_log()
    try:
        return int(args.run(args))
    except CommandError as error:
        logger.info("command failed (exit %d): %s", error.exit_code, error)
        _say(f"concierge-app: {error}")
        return error.exit_code
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
    except Exception:
        # The last resort: a bug must still end in one line the user can
        # hand to support, and the whole story must be in the log.
        logger.exception("unexpected error")
        where = f"see {log_file}" if log_file else "no support log could be written"
        _say(f"concierge-app: unexpected error; {where}")
        _quiet_stdout()
        return exit_codes.FAILURE


def _install_support_log() -> Path | None:
    folder = os.environ.get(LOG_DIR_VARIABLE, "").strip()
    try:
        return support_log.install(folder=Path(folder) if folder else None)
    except OSError as error:
        # A log folder that cannot be written must not stop the desk.
        _say(f"concierge-app: warning: no support log ({error.strerror or error})")
        return None


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    # When standard output is a pipe nobody reads any more, the interpreter
    # would print its own traceback while flushing it at exit.
    try:
        sys.stdout.flush()
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
