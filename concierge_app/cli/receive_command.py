"""`concierge-app receive`: register receipts from the command line.

For support staff and for tests: payloads come from the arguments or, with
none, one per line from standard input, as a scanner's batch memory would
give them. Each payload gives one JSON line on standard output, printed
only once its receipt is durable in the store. When the partner API cannot
be reached, a user with a valid offline verifier is unlocked and receipts
are queued, exactly as at the desk.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable
from typing import Any

from concierge_app.cli import exit_codes
from concierge_app.cli.common import (
    add_data_dir,
    add_login,
    check_login_args,
)
from concierge_app.cli.errors import CommandError
from concierge_app.domain.messages import describe
from concierge_app.domain.verdict import VerdictKind
from concierge_app.sync.outcomes import ReceiptNotKept, ScanOutcome


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `receive` to the command line."""
    parser = commands.add_parser(
        "receive",
        help="receive packages from payloads (arguments or standard input)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_login(parser)
    add_data_dir(parser)
    parser.add_argument(
        "--no-sync",
        action="store_true",
        help="only queue; do not push the receipts before exiting",
    )
    parser.add_argument("payloads", nargs="*", metavar="PAYLOAD")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Log in, receive every payload, then push what is queued."""
    password = check_login_args(args)
    payloads: Iterable[str] = args.payloads or (
        line.rstrip("\r\n") for line in sys.stdin
    )
    return asyncio.run(_receive_all(args, password, payloads))


async def _receive_all(
    args: argparse.Namespace, password: str, payloads: Iterable[str]
) -> int:
    # Imported here: the whole sync stack is not needed to parse the command line.
    from concierge_app.cli.session import logged_in_desk

    understood = True
    async with logged_in_desk(args, password) as desk:
        for index, payload in enumerate(payloads):
            if not payload.strip():
                continue
            try:
                outcome = await desk.receive(payload)
            except ReceiptNotKept as error:
                raise CommandError(
                    f"payload {index}: the receipt was NOT kept: {error}",
                    exit_codes.FAILURE,
                ) from error
            line = _line(index, outcome)
            understood = understood and line["verdict"] != VerdictKind.UNREADABLE
            print(json.dumps(line), flush=True)

        if not args.no_sync and desk.operator is not None and not desk.operator.offline:
            await desk.engine.run_once()
    return exit_codes.OK if understood else exit_codes.UNREADABLE_INPUT


def _line(index: int, outcome: ScanOutcome) -> dict[str, Any]:
    verdict = outcome.verdict
    if verdict is None:
        order = outcome.order
        return {
            "index": index,
            "verdict": "order",
            "order_id": order.order_id if order else None,
        }
    message = describe(verdict)
    return {
        "index": index,
        "verdict": str(verdict.kind),
        "receipt_id": outcome.receipt_id,
        "order_id": verdict.order_id,
        "package_id": verdict.package_id,
        "number": verdict.number,
        "count": verdict.count,
        "repeat": verdict.repeat,
        "verified_by_label": verdict.verified_by_label,
        "message": f"{message.headline}. {message.instruction}",
    }
