"""Entry point of `concierge-app`: parse the command line and run one command.

With no sub-command the desk window opens. Every sub-command lives in its own
module of this package and registers itself through `COMMANDS`. Errors the
user can act on are one line on standard error with a documented exit
status (see `exit_codes`); they never end in a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from concierge_app import __version__
from concierge_app.cli import desk_command, exit_codes
from concierge_app.cli.errors import CommandError

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with one sub-parser per command module."""
    parser = argparse.ArgumentParser(
        prog="concierge-app",
        description="Receiving desk for concierges: scan packages, register receipts.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    desk_command.add_arguments(parser)
    parser.set_defaults(run=_run_desk)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in _command_modules():
        module.register(commands)
    return parser


def _command_modules() -> list[ModuleType]:
    # Each command module is imported only here, so a newcomer finds every
    # command in one list.
    from concierge_app.cli import (
        audit_command,
        queue_command,
        receive_command,
        sandbox_command,
        sync_command,
    )

    return [
        receive_command,
        sync_command,
        queue_command,
        audit_command,
        sandbox_command,
    ]


def _run_desk(args: argparse.Namespace) -> int:
    return desk_command.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CommandError as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
