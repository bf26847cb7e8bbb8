"""`concierge-app sandbox`: run the partner API sandbox, list its tokens.

`serve` runs the server in the foreground and prints one line,
`sandbox listening on http://HOST:PORT`, once it accepts connections.
`tokens` asks a running sandbox for the seeded packages, their tokens and
the verdict a desk should give each one, as JSON. `labels` prints their
signed labels on an A4 PDF sheet, for the demo and for real scanners.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from concierge_app.cli import exit_codes, support_log
from concierge_app.cli.errors import CommandError
from concierge_app.sandbox.config import (
    DEFAULT_PORT,
    LOOPBACK,
    PROFILE_BUDGETS,
    Profile,
    SandboxConfig,
)
from concierge_app.sandbox.faults import FaultSpecError, parse_spec

logger = logging.getLogger(__name__)

VERDICTS = (
    "accepted",
    "already_received",
    "wrong_facility",
    "not_captured",
    "released_early",
)

_TOKENS_EPILOG = """\
output: a JSON array with one object per seeded package, one object per line:
  [
  {"order_id": "1-2603-1-000001", "fulfillment_id": "F-000001-1",
   "package_id": "P-000001-1-1", "number": 1, "count": 1,
   "token": "7K3MQ2XD9TPAW4HNR", "facility": {"tenant": 1, "partner": 1},
   "verdict": "accepted"},
  ...
  ]
(each object on a single line). "token" is the canonical 17-symbol form;
"verdict" is what a desk at facility partner N should give the package now:
accepted, already_received, wrong_facility, not_captured or released_early.
Exit status 5 when the sandbox cannot be reached.
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sandbox serve` and `sandbox tokens` to the command line."""
    parser = commands.add_parser(
        "sandbox",
        help="run the partner API sandbox with demo data",
        description="A real server for the partner API contract, with demo data.",
    )
    parser.set_defaults(run=lambda args: _usage(parser))
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    _register_serve(actions)
    _register_tokens(actions)
    _register_labels(actions)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return exit_codes.USAGE


def _register_serve(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    dev, prod = PROFILE_BUDGETS[Profile.DEV], PROFILE_BUDGETS[Profile.PRODUCTION]
    serve_parser = actions.add_parser(
        "serve",
        help="run the sandbox in the foreground",
        description=(
            "Run the sandbox until SIGINT or SIGTERM. Prints exactly one line, "
            "'sandbox listening on http://HOST:PORT', once it accepts connections."
        ),
    )
    add = serve_parser.add_argument
    add("--host", default=LOOPBACK, help=f"address to bind (default {LOOPBACK})")
    add(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    add(
        "--allow-remote",
        action="store_true",
        help="allow binding an address other than loopback (prints a warning)",
    )
    add(
        "--state",
        type=Path,
        metavar="FILE",
        help="SQLite state file, kept across restarts (default: a temporary one)",
    )
    add("--seed", type=_count, default=1, help="demo data seed (default 1)")
    add(
        "--bulk-packages",
        type=_count,
        default=0,
        metavar="N",
        help="add N ordinary packages at partner 1, for benchmarks",
    )
    add(
        "--profile",
        type=Profile,
        choices=list(Profile),
        default=Profile.DEV,
        help=(
            f"rate budgets: dev ({dev.requests_per_minute} requests, "
            f"{dev.entities_per_minute} entities per minute) or production "
            f"({prod.requests_per_minute}, {prod.entities_per_minute})"
        ),
    )
    add("--requests-per-minute", type=_positive, metavar="N", help="override")
    add("--entities-per-minute", type=_positive, metavar="N", help="override")
    add(
        "--access-ttl",
        type=_seconds,
        default=300.0,
        metavar="SECONDS",
        help="access token lifetime (default 300)",
    )
    add(
        "--refresh-ttl",
        type=_seconds,
        default=12 * 3600.0,
        metavar="SECONDS",
        help="refresh token lifetime (default 43200)",
    )
    add(
        "--refresh-grace",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="how long a rotated refresh token still answers (default 60)",
    )
    add(
        "--faults",
        type=_faults,
        metavar="SPEC",
        help="e.g. latency=200,error=0.3,reset=0.1,drop=0.2 "
        "(ms; shares of requests answered 5xx, reset, receipts dropped after commit)",
    )
    add(
        "--simulate",
        action="store_true",
        help="boutiques keep capturing new fulfillments for partner 1",
    )
    add(
        "--simulate-interval",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="seconds between simulated captures (default 5)",
    )
    add("--verbose", action="store_true", help="log each login and fault")
    serve_parser.set_defaults(run=_serve)


def _register_tokens(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    tokens_parser = actions.add_parser(
        "tokens",
        help="list a running sandbox's packages, tokens and verdicts as JSON",
        description="Print the seeded packages of a running sandbox as JSON.",
        epilog=_TOKENS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    tokens_parser.add_argument(
        "--url",
        required=True,
        help="the sandbox's base URL, e.g. http://127.0.0.1:8765",
    )
    tokens_parser.add_argument(
        "--facility",
        type=_positive,
        default=1,
        metavar="N",
        help="verdicts for a desk at facility partner N (default 1)",
    )
    tokens_parser.add_argument(
        "--verdict", choices=VERDICTS, help="list only packages with this verdict"
    )
    tokens_parser.set_defaults(run=_tokens)


def _register_labels(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    labels_parser = actions.add_parser(
        "labels",
        help="print a running sandbox's package labels on an A4 PDF sheet",
        description=(
            "Write an A4 PDF with one label per package of the demo scenarios "
            "(every seeded package with --all): the QR code of its signed label, "
            "the Code 128 of its bare token, the token in groups, the order id "
            "and package k of n."
        ),
    )
    labels_parser.add_argument(
        "--url",
        required=True,
        help="the sandbox's base URL, e.g. http://127.0.0.1:8765",
    )
    labels_parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help="the PDF to write"
    )
    labels_parser.add_argument(
        "--facility",
        type=_positive,
        default=1,
        metavar="N",
        help="print the verdict due at facility partner N beside each (default 1)",
    )
    chosen = labels_parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--all",
        action="store_true",
        help="every package, not only the demo scenarios' (many pages, slower)",
    )
    chosen.add_argument(
        "--order",
        action="append",
        metavar="ORDER_ID",
        help="only this order's packages, e.g. one captured by --simulate (repeatable)",
    )
    labels_parser.set_defaults(run=_labels)


def _serve(args: argparse.Namespace) -> int:
    # The support log is already installed; the server also speaks on stderr.
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.INFO if args.verbose else logging.WARNING)
    to_stderr.setFormatter(logging.Formatter(support_log.LOG_FORMAT))
    logging.getLogger().addHandler(to_stderr)
    try:
        config = SandboxConfig(
            host=args.host,
            port=args.port,
            allow_remote=args.allow_remote,
            state=args.state,
            seed=args.seed,
            bulk_packages=args.bulk_packages,
            profile=args.profile,
            requests_per_minute=args.requests_per_minute,
            entities_per_minute=args.entities_per_minute,
            access_ttl=args.access_ttl,
            refresh_ttl=args.refresh_ttl,
            refresh_grace=args.refresh_grace,
            faults=args.faults or parse_spec(""),
            simulate=args.simulate,
            simulate_interval=args.simulate_interval,
        )
    except ValueError as error:
        raise CommandError(str(error), exit_codes.USAGE) from None
    if config.host not in (LOOPBACK, "localhost", "::1"):
        print(
            f"warning: the sandbox listens on {config.host}, reachable from other "
            "machines; its admin API answers loopback clients only, but its demo "
            "passwords are public",
            file=sys.stderr,
            flush=True,
        )

    def announce(url: str) -> None:
        print(f"sandbox listening on {url}", flush=True)

    # Imported here, not at the top: the server brings starlette and
    # uvicorn, which the desk window's start-up would otherwise load too.
    from concierge_app.sandbox.server import SandboxStartError, serve
    from concierge_app.sandbox.state import StateError

    try:
        serve(config, announce)
    except (StateError, SandboxStartError) as error:
        raise CommandError(str(error)) from None
    return exit_codes.OK


def _admin_listing(url: str, path: str, facility: int) -> list[dict[str, Any]]:
    import httpx

    try:
        response = httpx.get(
            url.rstrip("/") + path, params={"facility": facility}, timeout=30.0
        )
    except httpx.HTTPError as error:
        raise CommandError(
            f"cannot reach the sandbox at {url}: {error}", exit_codes.UNREACHABLE
        ) from None
    if response.status_code != 200:
        raise CommandError(
            f"the sandbox at {url} answered {response.status_code}",
            exit_codes.UNREACHABLE,
        )
    try:
        packages = response.json()
    except ValueError:
        packages = None
    if not isinstance(packages, list):
        raise CommandError(
            f"{url} does not look like a sandbox", exit_codes.UNREACHABLE
        )
    return packages


def _tokens(args: argparse.Namespace) -> int:
    packages = _admin_listing(args.url, "/_sandbox/tokens", args.facility)
    if args.verdict:
        packages = [p for p in packages if p.get("verdict") == args.verdict]

    lines = [json.dumps(package, separators=(", ", ": ")) for package in packages]
    sys.stdout.write("[\n" + ",\n".join(lines) + ("\n" if lines else "") + "]\n")
    sys.stdout.flush()
    return exit_codes.OK


def _labels(args: argparse.Namespace) -> int:
    packages = _admin_listing(args.url, "/_sandbox/labels", args.facility)
    if args.order:
        packages = [p for p in packages if p.get("order_id") in args.order]
        missing = sorted(set(args.order) - {p.get("order_id") for p in packages})
        if missing:
            raise CommandError(
                f"the sandbox at {args.url} has no order {', '.join(missing)}",
                exit_codes.USAGE,
            )
    elif not args.all:
        packages = [p for p in packages if p.get("scenario")]

    # Imported here: Qt is loaded only by the command that draws.
    from concierge_app.ui.printing.label_sheet import (
        LabelSheetError,
        SheetLabel,
        write_label_sheet,
    )

    try:
        labels = [
            SheetLabel.from_listing(p, _caption(p, args.facility)) for p in packages
        ]
    except (KeyError, TypeError, ValueError):
        raise CommandError(
            f"{args.url} lists labels this version cannot read", exit_codes.UNREACHABLE
        ) from None
    try:
        pages = write_label_sheet(
            labels, args.out, heading=f"Concierge sandbox labels ({args.url})"
        )
    except LabelSheetError as error:
        raise CommandError(str(error)) from None
    count = len(labels)
    print(
        f"{count} label{'s' * (count != 1)} on {pages} page{'s' * (pages != 1)} "
        f"written to {args.out}"
    )
    return exit_codes.OK


def _caption(package: dict[str, Any], facility: int) -> str:
    verdict = str(package.get("verdict", "")).replace("_", " ")
    scenario = package.get("scenario")
    at = f"at partner {facility}"
    if scenario:
        return f"demo {str(scenario).replace('_', ' ')}: {verdict} {at}"
    return f"{verdict} {at}"


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port 0-65535")
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds"
        ) from None
    if not 0 <= value <= 30 * 86400:
        raise argparse.ArgumentTypeError(f"{text!r} is not 0 to 2592000 seconds")
    return value


def _faults(text: str) -> object:
    try:
        return parse_spec(text)
    except FaultSpecError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
