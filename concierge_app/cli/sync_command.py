"""`concierge-app sync`: pull the cache and push the receipt queue.

With `--once` it stops when the queue is empty (exit 0) or when nothing
more can be done now (the exit status says why: 5 unreachable, 4 login
refused, 8 receipts still queued). Without it, it keeps syncing until
interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from typing import TYPE_CHECKING

from concierge_app.cli import exit_codes
from concierge_app.cli.common import (
    add_data_dir,
    add_login,
    check_login_args,
)
from concierge_app.sync.events import Connectivity

if TYPE_CHECKING:
    from concierge_app.sync.engine import SyncEngine

MAX_ONCE_CYCLES = 50


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sync` to the command line."""
    parser = commands.add_parser(
        "sync",
        help="pull the cache and push queued receipts",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--once", action="store_true", help="exit when the queue is empty or stuck"
    )
    add_login(parser)
    add_data_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Sync once or until interrupted."""
    password = check_login_args(args)
    return asyncio.run(_sync(args, password))


async def _sync(args: argparse.Namespace, password: str) -> int:
    # Without --once the process is a service: a SIGTERM that arrives while
    # it is still logging in must end it as cleanly as one that arrives later.
    # Imported here: the whole sync stack is not needed to parse the command line.
    from concierge_app.cli.session import logged_in_desk

    stop = None if args.once else _stop_on_signals()
    async with logged_in_desk(args, password) as desk:
        if stop is not None:
            return await _forever(desk.engine, stop)

        status = desk.engine.hub.status
        for _ in range(MAX_ONCE_CYCLES):
            if status.connectivity is not Connectivity.ONLINE or status.queued == 0:
                break
            await desk.engine.run_once()
            status = desk.engine.hub.status

    print(
        f"sync: {status.connectivity}, {status.queued} queued, "
        f"{status.needs_attention} need attention",
        file=sys.stderr,
    )
    if status.queued == 0:
        return exit_codes.OK
    if status.connectivity is Connectivity.AUTH_NEEDED:
        return exit_codes.AUTH_FAILED
    if status.connectivity in (Connectivity.OFFLINE, Connectivity.DEGRADED):
        return exit_codes.UNREACHABLE
    return exit_codes.QUEUE_NOT_EMPTY


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    return stop


async def _forever(engine: SyncEngine, stop: asyncio.Event) -> int:
    async def stop_engine() -> None:
        await stop.wait()
        engine.stop()

    stopper = asyncio.create_task(stop_engine())
    try:
        if not stop.is_set():
            await engine.run()
    finally:
        stopper.cancel()
    return exit_codes.OK
