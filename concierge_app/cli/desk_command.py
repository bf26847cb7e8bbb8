"""`concierge-app` with no command: the desk window, on a real API or the demo.

Start-up, in order: the support log; the settings (files, environment, then
`--api-url` and `--ca-bundle`); with `--demo`, the sandbox in-process on a
free loopback port and a demo data folder; then, on the qasync loop, the
window shows its login page at once, and only then are the sync stack
imported and the store opened (a folder in use or a damaged store is a
dialog on that window, never a traceback), the sync loop started and the
sounds loaded; a login typed meanwhile waits for them. Shutdown is the
reverse, inside the running loop: the last window closes, scans already
typed are received, the sync loop stops and the HTTP client and the store
close, then the demo sandbox stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from concierge_app import settings as settings_module
from concierge_app.cli import exit_codes
from concierge_app.cli.common import check_api_url
from concierge_app.cli.errors import CommandError
from concierge_app.sync.options import DeskOptions

if TYPE_CHECKING:
    from concierge_app.api.vault import TokenVault
    from concierge_app.sync.desk import Desk
    from concierge_app.ui.demo_words import DemoNote
    from concierge_app.ui.late_core import LateCore
    from concierge_app.ui.main_window import DemoSample, DeskWindow
    from concierge_app.ui.qt import QApplication

logger = logging.getLogger(__name__)

DEMO_PULL_INTERVAL = 10.0
"""The demo pulls often, so the sandbox's simulated arrivals show up soon."""

DEMO_VERDICTS = (
    "accepted",
    "already_received",
    "wrong_facility",
    "not_captured",
    "released_early",
)
"""The verdicts the Demo menu has a sample of, in its order."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The desk window's own options, on the top-level parser."""
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run the desk against an in-process sandbox with demo data",
    )
    parser.add_argument(
        "--api-url", default=None, help="the partner API base URL (else settings)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the workstation's data folder (default: $CONCIERGE_APP_DATA_DIR, "
        "else the user data folder; with --demo, a temporary folder)",
    )
    parser.add_argument(
        "--ca-bundle",
        type=Path,
        default=None,
        help="a PEM file of CA certificates to trust for the API",
    )


@dataclass
class DeskPlan:
    """Everything the window's start needs, decided before Qt starts."""

    data_dir: Path | None
    """The workstation's data folder; None for the default, found when opened."""
    api_url: str
    options: DeskOptions
    ca_bundle: Path | None = None
    vault: TokenVault | None = None
    sounds: bool = True
    demo_samples: list[DemoSample] | None = None
    demo_note: DemoNote | None = None
    settings: settings_module.Settings | None = None
    """The resolved settings, for what the desk may change in its dialog."""
    problem: tuple[str, str, int] | None = None
    """A start-up failure to show instead of the desk: title, words, status."""
    cleanups: list[Callable[[], None]] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    """Open the desk window and return the exit status once it is closed."""
    logger.info("The desk starts")
    with contextlib.ExitStack() as stack:
        plan = _plan(args, stack)
        from concierge_app.ui.loop import run_app, send_qt_messages_to_log

        send_qt_messages_to_log()
        # Returning inside the block: the sandbox stops after the loop ends.
        return run_app(lambda app: desk_main(app, plan))


def _plan(args: argparse.Namespace, stack: contextlib.ExitStack) -> DeskPlan:
    overrides = {
        "api_url": args.api_url,
        "ca_bundle": str(args.ca_bundle) if args.ca_bundle else None,
    }
    try:
        chosen = settings_module.load(overrides=overrides)
    except settings_module.SettingsError as error:
        return _problem("The settings cannot be used", str(error), exit_codes.USAGE)

    options = DeskOptions(
        scanner_prefix=chosen["scanner_prefix"],
        scanner_suffix=chosen["scanner_suffix"],
        verifier_ttl=timedelta(days=chosen["offline_login_days"]),
        pull_interval=float(chosen["pull_interval_seconds"]),
    )
    ca_bundle = Path(chosen["ca_bundle"]) if chosen["ca_bundle"] else None
    if args.demo:
        plan = _demo_plan(args, stack, options, bool(chosen["sounds"]))
        plan.settings = chosen
        return plan

    api_url = chosen["api_url"]
    if not api_url:
        return _problem(
            "No partner API address",
            "This desk does not know where the partner API is. Start it with "
            "--api-url URL, or set api_url in the settings file "
            f"{settings_module.user_file()}. To try the desk without one, start "
            "it with --demo.",
            exit_codes.USAGE,
        )
    try:
        check_api_url(api_url)
    except CommandError as error:
        return _problem("The partner API address is wrong", str(error), error.exit_code)
    return DeskPlan(
        data_dir=args.data_dir,
        api_url=api_url,
        options=options,
        ca_bundle=ca_bundle,
        sounds=bool(chosen["sounds"]),
        settings=chosen,
    )


def _problem(title: str, words: str, status: int) -> DeskPlan:
    # Said on standard error for a terminal, and in a dialog for everyone.
    print(f"concierge-app: {words}", file=sys.stderr)
    return DeskPlan(Path(), "", DeskOptions(), problem=(title, words, status))


def _demo_plan(
    args: argparse.Namespace,
    stack: contextlib.ExitStack,
    options: DeskOptions,
    sounds: bool,
) -> DeskPlan:
    # Only the command line may reach the sandbox (the import contract).
    from concierge_app.api.vault import MemoryVault
    from concierge_app.sandbox.config import SandboxConfig
    from concierge_app.sandbox.seed import USERS
    from concierge_app.sandbox.server import SandboxServer, SandboxStartError
    from concierge_app.ui.demo_words import DemoNote, DemoUser

    if args.data_dir is not None:
        data_dir = args.data_dir.expanduser().absolute()
    else:
        data_dir = Path(stack.enter_context(_temporary_folder()))

    server = SandboxServer(
        SandboxConfig(port=0, state=data_dir / "sandbox.sqlite3", simulate=True)
    )
    try:
        server.start_sync()
    except (SandboxStartError, OSError) as error:
        return _problem("The demo cannot start", str(error), exit_codes.FAILURE)
    stack.callback(server.stop_sync)
    # The line an end-to-end test (or a curious person) finds the sandbox by.
    print(f"demo sandbox on {server.url}", file=sys.stderr, flush=True)
    logger.info("demo sandbox on %s", server.url)

    note = DemoNote(
        users=tuple(
            DemoUser(
                username=user.username,
                display_name=user.display_name,
                supervisor=user.role == "supervisor",
                facility_name=(
                    "The Plein Hotel" if user.facility.partner == 1 else "Lounge Brera"
                ),
            )
            for user in USERS
        ),
        data_folder=data_dir,
        kept=args.data_dir is not None,
    )
    return DeskPlan(
        data_dir=data_dir / "desk",
        api_url=server.url,
        options=DeskOptions(
            scanner_prefix=options.scanner_prefix,
            scanner_suffix=options.scanner_suffix,
            verifier_ttl=options.verifier_ttl,
            pull_interval=DEMO_PULL_INTERVAL,
        ),
        vault=MemoryVault(),
        sounds=sounds,
        demo_samples=_samples_or_none(server.url),
        demo_note=note,
    )


@contextlib.contextmanager
def _temporary_folder() -> Iterator[str]:
    # ignore_cleanup_errors: the store's lock file may still be closing.
    with tempfile.TemporaryDirectory(
        prefix="concierge-demo-", ignore_cleanup_errors=True
    ) as folder:
        yield folder


def demo_samples(url: str) -> list[DemoSample]:
    """One scan per path through the desk, from the sandbox's own token list."""
    import httpx

    from concierge_app.domain import token as token_scheme

    response = httpx.get(f"{url}/_sandbox/tokens", params={"facility": 1}, timeout=30)
    response.raise_for_status()
    packages = response.json()
    by_verdict: dict[str, list[str]] = {}
    for package in packages:
        by_verdict.setdefault(package["verdict"], []).append(package["token"])

    samples: list[DemoSample] = []
    for verdict in DEMO_VERDICTS:
        tokens = by_verdict.get(verdict, [])
        if not tokens:
            logger.warning("the demo sandbox has no %s package", verdict)
            continue
        if verdict == "accepted":
            # Each pick scans a package not yet received, so "Accepted"
            # stays accepted however often it is chosen; every other one is
            # left for the signed-label sample.
            samples.append((verdict, _cycle(tokens[::2])))
        else:
            samples.append((verdict, tokens[0]))
    label_of = _labels(url)
    labels = [
        label_of[t] for t in by_verdict.get("accepted", [])[1::2] if t in label_of
    ]
    if labels:
        samples.append(("signed_label", _cycle(labels)))
    samples.append(
        ("unknown_token", token_scheme.format_groups(token_scheme.generate()))
    )
    samples.append(("unreadable", "HELLO WORLD"))
    first = next((p for p in packages if p["verdict"] == "accepted"), None)
    if first is not None:
        samples.append(("order_id", first["order_id"]))
    return samples


def _labels(url: str) -> dict[str, str]:
    # Each package's signed label (the QR code's text), by its token.
    import httpx

    response = httpx.get(f"{url}/_sandbox/labels", params={"facility": 1}, timeout=30)
    response.raise_for_status()
    return {p["token"]: p["label"] for p in response.json()}


def _samples_or_none(url: str) -> list[DemoSample]:
    # Without samples the demo still runs; a scanner or the keyboard works.
    import httpx

    try:
        return demo_samples(url)
    except (httpx.HTTPError, ValueError, KeyError) as error:
        logger.warning("the demo samples could not be fetched: %s", error)
        return []


def _cycle(tokens: list[str]) -> Callable[[], str]:
    remaining = list(tokens)

    def next_token() -> str:
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return next_token


async def desk_main(app: QApplication, plan: DeskPlan) -> int:
    """The desk's life on the running loop: show, open, wait, close.

    The window shows its login page first, on a core still opening; the
    store, the client and the sounds are opened on the loop's next turns
    while the person types, and a store in use or damaged is told on the
    window.
    """
    from concierge_app.ui import startup, translations
    from concierge_app.ui.late_core import LateCore
    from concierge_app.ui.loop import last_window_closed
    from concierge_app.ui.main_window import DeskWindow
    from concierge_app.ui.settings_dialog import DeskPreferences

    chosen = plan.settings
    language = chosen["language"] if chosen is not None else "system"
    translations.install(app, translations.choose(language))
    if plan.problem is not None:
        title, words, status = plan.problem
        await startup.tell_problem(title, words)
        return status

    core = LateCore()
    window = DeskWindow(
        core,
        demo_samples=plan.demo_samples,
        demo_note=plan.demo_note or "",
        preferences=(
            DeskPreferences.from_settings(chosen)
            if chosen
            else DeskPreferences(sounds=plan.sounds)
        ),
        save_preferences=settings_module.save_user if chosen else None,
    )
    window.show()
    window.raise_()
    window.activateWindow()
    # Listening from now on: the window may be closed before the core opens.
    closed = asyncio.get_running_loop().create_task(last_window_closed(app))
    try:
        with _closing_on_signals(window.close_without_asking):
            # One turn of the loop, so the window is drawn before the imports
            # and the store's opening hold the thread.
            await asyncio.sleep(0)
            return await _run_desk(app, plan, window, core, closed)
    finally:
        closed.cancel()
        window.deleteLater()


async def _run_desk(
    app: QApplication,
    plan: DeskPlan,
    window: DeskWindow,
    core: LateCore,
    closed: asyncio.Task[None],
) -> int:
    from concierge_app.ui import startup

    opened = await _open_desk(plan, window)
    if isinstance(opened, int):
        # No core came: a login typed meanwhile is cancelled with the window.
        window.close_without_asking()
        await window.finish()
        return opened
    desk = opened
    try:
        if desk.store.recovery is not None:
            await startup.tell_info(
                "A fresh local store was started", desk.store.recovery.message, window
            )
        desk.start()
        core.attach(desk)
        # The rest on the next turns, each short, while the person types.
        await asyncio.sleep(0)
        window.build_desk_page()
        # Loaded even when the settings mute them: the dialog can turn them on.
        await asyncio.sleep(0)
        from concierge_app.ui.sounds import SoundPlayer

        window.banner.set_sounds(SoundPlayer(app))
        await closed
        await window.finish()
    finally:
        await desk.aclose()
    logger.info("The desk closed; its store and client are closed")
    return exit_codes.OK


@contextlib.contextmanager
def _closing_on_signals(close: Callable[[], None]) -> Iterator[None]:
    # A session logout (SIGTERM) or Ctrl+C in a terminal closes the window
    # and so takes the same clean way out; every receipt is already on disk.
    loop = asyncio.get_running_loop()
    installed = []
    for number in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(number, close)
        except (NotImplementedError, RuntimeError, ValueError):
            continue
        installed.append(number)
    try:
        yield
    finally:
        for number in installed:
            loop.remove_signal_handler(number)


async def _open_desk(plan: DeskPlan, window: DeskWindow) -> Desk | int:
    from concierge_app.store import (
        StoreDamaged,
        StoreError,
        StoreLocked,
        resolve_data_dir,
    )
    from concierge_app.sync.desk import Desk
    from concierge_app.ui import startup

    def open_it(recover: bool) -> Desk:
        return Desk.open(
            resolve_data_dir(plan.data_dir),
            plan.api_url,
            ca_bundle=plan.ca_bundle,
            options=plan.options,
            vault=plan.vault,
            recover=recover,
        )

    try:
        return open_it(False)
    except StoreLocked as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem("This desk is already open", str(error), window)
        return exit_codes.LOCKED
    except StoreDamaged as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        aside = f"{error.path.name}.damaged-<date and time>"
        if not await startup.ask_start_fresh(str(error), aside, window):
            return exit_codes.STORE_DAMAGED
    except StoreError as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem(
            "The local store cannot be opened", str(error), window
        )
        return exit_codes.FAILURE

    try:
        return open_it(True)
    except StoreError as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem(
            "The local store cannot be opened", str(error), window
        )
        return exit_codes.FAILURE
