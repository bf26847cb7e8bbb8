"""Opening the desk and logging in for a headless command, with clear errors."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from concierge_app.cli import exit_codes
from concierge_app.cli.errors import CommandError
from concierge_app.store import (
    StoreDamaged,
    StoreError,
    StoreLocked,
    resolve_data_dir,
)
from concierge_app.sync.desk import Desk
from concierge_app.sync.outcomes import LoginFailed, LoginFailure


def open_desk(args: argparse.Namespace) -> Desk:
    """The workstation's desk for `--data-dir` and `--api-url`."""
    data_dir = resolve_data_dir(args.data_dir)
    try:
        return Desk.open(data_dir, args.api_url, ca_bundle=args.ca_bundle)
    except StoreLocked as error:
        raise CommandError(str(error), exit_codes.LOCKED) from error
    except StoreDamaged as error:
        raise CommandError(str(error), exit_codes.STORE_DAMAGED) from error
    except StoreError as error:
        # A folder that cannot be created or a file that cannot be read:
        # the message names it.
        raise CommandError(str(error), exit_codes.FAILURE) from error


@asynccontextmanager
async def logged_in_desk(
    args: argparse.Namespace, password: str
) -> AsyncIterator[Desk]:
    """A desk with `--user` logged in (online, or offline unlock); closed after."""
    desk = open_desk(args)
    try:
        outcome = await desk.login(args.user, password)
        if isinstance(outcome, LoginFailed):
            raise CommandError(
                _login_message(args.user, outcome), _login_status(outcome)
            )
        if not outcome.offline:
            await desk.engine.run_once()
        yield desk
    finally:
        await desk.aclose()


def _login_status(failed: LoginFailed) -> int:
    # No answer and no offline login is the network's fault, not the user's.
    if failed.cause is LoginFailure.OFFLINE_UNAVAILABLE:
        return exit_codes.UNREACHABLE
    return exit_codes.AUTH_FAILED


def _login_message(user: str, failed: LoginFailed) -> str:
    if failed.cause is LoginFailure.WRONG_CREDENTIALS:
        return f"login refused for {user}: wrong username or password"
    if failed.cause is LoginFailure.LOCKED and failed.locked_until is not None:
        until = failed.locked_until.astimezone().strftime("%H:%M")
        return f"{user} is locked out after repeated wrong passwords until {until}"
    if failed.cause is LoginFailure.OFFLINE_UNAVAILABLE:
        return (
            f"the partner API cannot be reached and {user} has no valid offline "
            "login on this workstation (log in once while online)"
        )
    return f"login failed for {user}: {failed.detail or failed.cause}"
