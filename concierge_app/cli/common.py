"""What the headless commands share: arguments, password input, opening a desk."""

from __future__ import annotations

import argparse
import os
import ssl
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from concierge_app.cli import exit_codes
from concierge_app.cli.errors import CommandError

PASSWORD_VARIABLE = "CONCIERGE_APP_PASSWORD"


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """`--data-dir`, which beats `CONCIERGE_APP_DATA_DIR` and the user folder."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the workstation's data folder (default: $CONCIERGE_APP_DATA_DIR, "
        "else the user data folder)",
    )


def add_login(parser: argparse.ArgumentParser) -> None:
    """The partner API address and the user; the password never on the command line."""
    parser.add_argument("--api-url", required=True, help="the partner API base URL")
    parser.add_argument("--user", required=True, help="the username to log in as")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"read the password from the first line of standard input "
        f"(else ${PASSWORD_VARIABLE})",
    )
    parser.add_argument(
        "--ca-bundle",
        type=Path,
        default=None,
        help="a PEM file of CA certificates to trust for the API",
    )


def read_password(args: argparse.Namespace, stdin: TextIO = sys.stdin) -> str:
    """The password from standard input or the environment, never from argv."""
    if args.password_stdin:
        line = stdin.readline().rstrip("\r\n")
        if not line:
            raise CommandError("no password on standard input", exit_codes.USAGE)
        return line
    password = os.environ.get(PASSWORD_VARIABLE, "")
    # An empty variable is a forgotten export, not a password to try.
    if not password:
        raise CommandError(
            f"give the password with --password-stdin or ${PASSWORD_VARIABLE}",
            exit_codes.USAGE,
        )
    return password


def check_api_url(url: str) -> str:
    """Refuse anything but an http(s) URL with a host before any connection."""
    # urllib, not httpx: the desk checks its URL before its window shows,
    # and importing httpx costs more than a tenth of a second.
    try:
        parsed = urlsplit(url)
        host = parsed.hostname
        _port = parsed.port
    except ValueError:
        host = None
    unsafe = any(c.isspace() or not c.isprintable() for c in url)
    if unsafe or not host or parsed.scheme not in ("http", "https"):
        raise CommandError(f"not an http(s) URL: {url[:80]!r}", exit_codes.USAGE)
    return url


def check_ca_bundle(path: Path | None) -> None:
    """Refuse a `--ca-bundle` that is missing or holds no certificate, up front."""
    if path is None:
        return
    try:
        ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as error:
        reason = getattr(error, "strerror", None) or getattr(error, "reason", None)
        raise CommandError(
            f"the CA bundle {path} cannot be used: {reason or error}",
            exit_codes.USAGE,
        ) from None


def check_login_args(args: argparse.Namespace) -> str:
    """Check `--api-url` and `--ca-bundle`, then read the password."""
    check_api_url(args.api_url)
    check_ca_bundle(args.ca_bundle)
    return read_password(args)
